"""The own format's column ``opsagt_den`` (the day notice was given, for § 7 a of
sygedagpengeloven; docs/import-format.md): read, checked, and written so that a file without the
column leaves the date Charlie has alone."""

from __future__ import annotations

import pathlib
from datetime import date

import pytest

from charlie.core.roles import Role
from charlie.imports import services
from charlie.imports.own_format import read_csv
from charlie.imports.records import EmploymentRecord, Problem
from charlie.people.models import Employment
from charlie.people.services import operator_access

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "docs" / "examples"
UNITS = EXAMPLES / "enheder.csv"
HEADER = (
    "medarbejdernummer;fornavn;efternavn;foedselsdato;koen;enhedskode;stillingsbetegnelse;"
    "ugentlige_timer;startdato;slutdato"
)
SYSTEM = operator_access(Role.HR)


def _file(tmp_path, header: str, *rows: str) -> pathlib.Path:
    path = tmp_path / "medarbejdere.csv"
    path.write_text(header + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_the_example_has_the_column_and_no_notice():
    jobs = [i for i in read_csv(EXAMPLES / "medarbejdere.csv") if isinstance(i, EmploymentRecord)]
    assert all(j.notice_known and j.notice_date is None for j in jobs)


def test_the_column_is_read_and_checked(tmp_path):
    path = _file(
        tmp_path,
        HEADER + ";opsagt_den",
        "1;Ane;Ager;01-01-1970;K;PCN;Pædagog;37;01-03-2015;31-10-2025;15-09-2025",
        "2;Bo;Bak;01-01-1971;M;PCN;Pædagog;37;01-03-2015;31-10-2025;01-11-2025",
        "3;Cia;Cor;01-01-1972;K;PCN;Pædagog;37;01-03-2015;;28-02-2015",
    )
    items = list(read_csv(path))
    [job] = [i for i in items if isinstance(i, EmploymentRecord)]
    assert job.notice_date == date(2025, 9, 15) and job.notice_known
    problems = {(p.row, p.column): str(p.message) for p in items if isinstance(p, Problem)}
    assert "efter slutdatoen" in problems[(3, "opsagt_den")]
    assert "før startdatoen" in problems[(4, "opsagt_den")]


@pytest.mark.django_db
def test_a_file_without_the_column_keeps_the_date_an_empty_cell_clears_it(tmp_path):
    row = "1;Ane;Ager;01-01-1970;K;PCN;Pædagog;37;01-03-2015;31-10-2025"
    with_notice = _file(tmp_path, HEADER + ";opsagt_den", row + ";15-09-2025")
    assert services.run_import(SYSTEM, sources=services.sources_for([UNITS, with_notice])).ok
    assert Employment.objects.get().notice_date == date(2025, 9, 15)
    without = _file(tmp_path, HEADER, row)
    assert services.run_import(SYSTEM, sources=services.sources_for([UNITS, without])).ok
    assert Employment.objects.get().notice_date == date(2025, 9, 15)
    cleared = _file(tmp_path, HEADER + ";opsagt_den", row + ";")
    assert services.run_import(SYSTEM, sources=services.sources_for([UNITS, cleared])).ok
    assert Employment.objects.get().notice_date is None
