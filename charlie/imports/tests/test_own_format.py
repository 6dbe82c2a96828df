"""Charlie's own format: each kind, CSV and XLSX, encodings, separators, header problems."""

from __future__ import annotations

import pathlib
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from charlie.imports.own_format import read_csv, read_xlsx, source_for
from charlie.imports.records import (
    AbsenceRecord,
    EmploymentRecord,
    OrgUnitRecord,
    PersonRecord,
    Problem,
    RowKeys,
)

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "docs" / "examples"


def of(items, kind):
    return [i for i in items if isinstance(i, kind)]


def test_units_example():
    items = list(read_csv(EXAMPLES / "enheder.csv"))
    assert not of(items, Problem)
    units = of(items, OrgUnitRecord)
    assert [u.code for u in units] == ["K", "SUF", "BKF", "AELD", "PCN", "PCS", "NSK"]
    assert units[4] == OrgUnitRecord(
        row=6,
        code="PCN",
        name="Plejecenter Nord",
        short_name="PCN",
        parent_code="AELD",
        kind="afdeling",
        cost_center="2110",
        valid_from=date(2010, 1, 1),
        valid_to=None,
    )


def test_people_example_one_row_per_employment():
    items = list(read_csv(EXAMPLES / "medarbejdere.csv"))
    assert not of(items, Problem)
    assert len(of(items, PersonRecord)) == 5
    jobs = of(items, EmploymentRecord)
    assert jobs[0].weekly_hours == Decimal("32.0")
    assert jobs[1].is_manager is True
    assert jobs[3].end_reason == "transfer" and jobs[3].end_date == date(2020, 7, 31)
    assert jobs[2].job_family_code is None


def test_absence_example():
    items = list(read_csv(EXAMPLES / "fravaer.csv"))
    absences = of(items, AbsenceRecord)
    assert [a.absence_type for a in absences] == [
        "sickness", "holiday", "partial_sickness", "child_sick", "sickness",
    ]  # fmt: skip
    assert absences[2].hours_per_day == Decimal("3.5")
    assert absences[4].end_date is None


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("utf-8", ";"), ("utf-8-sig", ";"), ("cp1252", ";"), ("cp1252", ","), ("utf-8-sig", ",")],
)
def test_csv_in_every_encoding_and_separator(tmp_path, encoding, separator):
    text = (
        "Medarbejdernummer;Fornavn;Efternavn;Fødselsdato;Køn;Enhedskode;Stillingsbetegnelse;"
        "Ugentlige timer;Startdato\n"
        "7;Søren;Ærø;24.12.1980;M;PCN;Pædagog;37,5;2020-01-01\n"
    )
    if separator == ",":
        text = text.replace(",", ".").replace(";", ",")  # 37,5 → 37.5
    path = tmp_path / "people.csv"
    path.write_bytes(text.encode(encoding))
    items = list(read_csv(path))
    assert not of(items, Problem), of(items, Problem)
    [person] = of(items, PersonRecord)
    assert (person.first_name, person.last_name, person.birth_date) == (
        "Søren", "Ærø", date(1980, 12, 24),
    )  # fmt: skip
    assert of(items, EmploymentRecord)[0].weekly_hours == Decimal("37.5")


def test_header_problems(tmp_path):
    path = tmp_path / "fravaer.csv"
    path.write_text("medarbejdernummer;fravaerstype;slut;timer\n1;ferie;;\n", encoding="utf-8")
    problems = list(read_csv(path))
    assert all(isinstance(p, Problem) for p in problems)
    assert {(p.row, p.column) for p in problems} == {
        (1, "nr. 3"), (1, "nr. 4"), (1, "startdato"),
    }  # fmt: skip
    # A header cell may hold anything: its text is not repeated.
    assert not any("»slut«" in str(p.message) or "»timer«" in str(p.message) for p in problems)
    assert "Tilføj den i første række" in str(
        next(p for p in problems if p.column == "startdato").message
    )


def test_unknown_kind_and_empty_file(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    [problem] = list(read_csv(path))
    assert "Det kan ikke ses, hvad filen indeholder" in str(problem.message)
    path.write_text("", encoding="utf-8")
    [problem] = list(read_csv(path))
    assert str(problem.message).startswith("Filen er tom")


def test_row_problems_each_with_row_and_column(tmp_path):
    path = tmp_path / "fravaer.csv"
    path.write_text(
        "medarbejdernummer;fravaerstype;startdato;slutdato;timer_pr_dag\n"
        "1;influenza;31-02-2025;;\n"
        ";ferie;01-03-2025;28-02-2025;30\n",
        encoding="utf-8",
    )
    items = list(read_csv(path))
    problems = [item for item in items if isinstance(item, Problem)]
    assert {(p.row, p.column) for p in problems} == {
        (2, "fravaerstype"), (2, "startdato"),
        (3, "medarbejdernummer"), (3, "slutdato"), (3, "timer_pr_dag"),
    }  # fmt: skip
    assert any("Feltet er ikke en kendt fraværstype" in str(p.message) for p in problems)
    assert not any("influenza" in str(p.message) for p in problems)
    # Each bad row still gives its keys, for the cross-reference checks (records.RowKeys).
    assert [item for item in items if isinstance(item, RowKeys)] == [
        RowKeys(2, person="1"),
        RowKeys(3),
    ]


def test_cpr_column_gives_birth_date_and_gender(tmp_path, monkeypatch):
    from charlie.imports import own_format

    calls = []

    def fake_from_cpr(text):
        calls.append(text)
        if text == "bad":
            raise ValueError("CPR-nummeret i kolonne cpr har ikke 10 cifre.")
        return date(1970, 1, 2), "M"

    monkeypatch.setattr(own_format, "from_cpr", fake_from_cpr)
    path = tmp_path / "people.csv"
    path.write_text(
        "medarbejdernummer;fornavn;efternavn;cpr;enhedskode;stillingsbetegnelse;"
        "ugentlige_timer;startdato\n"
        "1;A;B;0201701234;PCN;Pædagog;37;01-01-2020\n"
        "2;C;D;bad;PCN;Pædagog;37;01-01-2020\n",
        encoding="utf-8",
    )
    items = list(own_format.read_csv(path))
    [person] = of(items, PersonRecord)
    assert (person.birth_date, person.gender) == (date(1970, 1, 2), "M")
    [problem] = of(items, Problem)
    assert (problem.row, problem.column) == (3, "cpr")
    assert "0201701234" not in repr(items)


def test_xlsx_sheets_and_problems(tmp_path):
    workbook = Workbook()
    workbook.remove(workbook.active)
    units = workbook.create_sheet("Enheder")
    units.append(["enhedskode", "navn", "oprettet"])
    units.append(["K", "Kommune", date(2007, 1, 1)])
    absence = workbook.create_sheet("Fravær")
    absence.append(["medarbejdernummer", "fravaerstype", "startdato", "timer_pr_dag"])
    absence.append([1001, "ferie", date(2025, 7, 1), None])
    absence.append([1002, "ferie", "not a date", 7.4])
    workbook.create_sheet("Ark1")
    path = tmp_path / "data.xlsx"
    workbook.save(path)
    items = list(read_xlsx(path))
    [unit] = of(items, OrgUnitRecord)
    assert unit.valid_from == date(2007, 1, 1)
    [ok] = of(items, AbsenceRecord)
    assert ok.employee_number == "1001"
    [problem] = of(items, Problem)
    assert (problem.file, problem.row, problem.column) == ("data.xlsx[Fravær]", 3, "startdato")


def test_not_a_workbook(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip")
    [problem] = list(read_xlsx(path))
    assert "Excel" in str(problem.message)


def test_file_type_detection(tmp_path):
    assert source_for(EXAMPLES / "eksempel.xlsx").format == "xlsx"
    assert source_for(EXAMPLES / "fravaer.csv").format == "csv"
    with pytest.raises(ValueError, match="kan ikke importeres"):
        source_for(tmp_path / "x.pdf")
