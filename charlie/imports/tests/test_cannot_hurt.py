"""Imports that cannot hurt: every value checked in the first pass, no CPR
number and no raw cell value stored or echoed, bounded .xlsx files and problem lists, unique
keys in the database, and the uploaded files gone however a run ends.

Every CPR number here is made up.
"""

from __future__ import annotations

import io
import os
import pathlib
import zipfile
from datetime import date

import pytest
from django.db import IntegrityError, transaction

from charlie.absence.models import AbsencePeriod
from charlie.core.roles import Role
from charlie.imports import services
from charlie.imports.models import ImportRun
from charlie.imports.own_format import XLSX_MAX_RATIO, read_xlsx
from charlie.imports.plan import TEXT_FIELDS
from charlie.imports.records import EmploymentRecord, OrgUnitRecord, PersonRecord, Problem
from charlie.people.models import Employment, OrgUnit, Person
from charlie.people.services import operator_access

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "docs" / "examples"
UNITS = EXAMPLES / "enheder.csv"
PEOPLE_HEADER = (
    "medarbejdernummer;fornavn;efternavn;foedselsdato;koen;email;telefon;enhedskode;"
    "stillingsbetegnelse;ugentlige_timer;startdato;slutdato\n"
)

#: The command line's caller: the operator with HR's permissions.
SYSTEM = operator_access(Role.HR)


def run(paths, **kwargs):
    return services.run_import(SYSTEM, sources=services.sources_for(paths), **kwargs)


def people_file(tmp_path, *rows: str, name: str = "medarbejdere.csv") -> pathlib.Path:
    path = tmp_path / name
    path.write_text(PEOPLE_HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def where(result) -> set[tuple[int | None, str | None]]:
    return {(p.row, p.column) for p in result.problems}


def no_value_in_messages(result, *values: str) -> None:
    for problem in result.problems:
        for value in values:
            assert value not in str(problem.message), (value, str(problem.message))


# --- dates ---


@pytest.mark.django_db
def test_31_12_9999_means_no_end_and_reaches_the_database_as_none(tmp_path):
    people = people_file(
        tmp_path,
        "1;Ane;Ager;01-01-1970;K;;;PCN;Pædagog;37;01-01-2020;31-12-9999",
        "2;Bo;Bak;01-01-1971;M;;;PCN;Pædagog;37;01-01-2021;9999-12-31",
    )
    absence = tmp_path / "fravaer.csv"
    absence.write_text(
        "medarbejdernummer;fravaerstype;startdato;slutdato\n1;sygdom;03-02-2025;31-12-9999\n",
        encoding="utf-8",
    )
    result = run([UNITS, people, absence])
    assert result.ok, result.problems
    assert set(Employment.objects.values_list("end_date", flat=True)) == {None}
    assert AbsencePeriod.objects.get().end_date is None


@pytest.mark.django_db
def test_dates_outside_1900_2100_are_problems_with_row_and_column(tmp_path):
    people = people_file(
        tmp_path,
        "1;Ane;Ager;01-01-1970;K;;;PCN;Pædagog;37;01-01-0001;",  # overflows date arithmetic
        "2;Bo;Bak;01-01-1971;M;;;PCN;Pædagog;37;31-12-9999;",  # "no end" as a start date
        "3;Cy;Cox;01-01-1850;M;;;PCN;Pædagog;37;01-01-2020;",
        "4;Di;Dam;01-01-1970;K;;;PCN;Pædagog;37;01-01-2020;01-01-2101",
    )
    absence = tmp_path / "fravaer.csv"
    absence.write_text(
        "medarbejdernummer;fravaerstype;startdato;slutdato\n"
        "1;sygdom;01-01-0001;02-01-2025\n"  # the fast reader must not let it through
        "1;sygdom;03-02-2025;31-12-2200\n",
        encoding="utf-8",
    )
    before = (Person.objects.count(), AbsencePeriod.objects.count())
    result = run([UNITS, people, absence])
    files = {(p.file, p.row, p.column) for p in result.problems}
    assert files == {
        ("medarbejdere.csv", 2, "startdato"),
        ("medarbejdere.csv", 3, "startdato"),
        ("medarbejdere.csv", 4, "foedselsdato"),
        ("medarbejdere.csv", 5, "slutdato"),
        ("fravaer.csv", 2, "startdato"),
        ("fravaer.csv", 3, "slutdato"),
    }
    ranges = [p for p in result.problems if "01-01-1900 til 31-12-2100" in str(p.message)]
    assert len(ranges) == 6
    assert (Person.objects.count(), AbsencePeriod.objects.count()) == before


@pytest.mark.django_db
def test_birth_date_after_the_employment_start_is_a_problem(tmp_path):
    people = people_file(tmp_path, "1;Ane;Ager;01-01-1990;K;;;PCN;Pædagog;37;01-01-1985;")
    result = run([UNITS, people])
    assert where(result) == {(2, "startdato")}
    assert "før medarbejderens fødselsdato" in str(result.problems[0].message)


# --- text: lengths, control characters, CPR numbers; no value in a message ---


@pytest.mark.django_db
def test_lengths_control_characters_and_cpr_numbers_in_any_cell(tmp_path):
    long_name = "A" * 101
    people = people_file(
        tmp_path,
        f"1;{long_name};Ager;01-01-1970;K;;;PCN;Pædagog;37;01-01-2020;",
        "2;Bo;Bak;01-01-1971;M;;;PCN;Pæda\x00gog;37;01-01-2020;",  # NUL: PostgreSQL refuses it
        "3;Cy;Cox;01-01-1972;M;;010170 - 1234;PCN;Pædagog;37;01-01-2020;",
        "4;Di;Dam;01-01-1973;K;cpr.0101701234@kommune.dk;;PCN;Pædagog;37;01-01-2020;",
        "0101701234;Ed;Eng;01-01-1974;M;;;PCN;Pædagog;37;01-01-2020;",
        "6;Fie;CPR 0101 70 1234;01-01-1975;K;;;PCN;Pædagog;37;01-01-2020;",
    )
    before = Person.objects.count()
    result = run([UNITS, people])
    assert where(result) == {
        (2, "fornavn"),
        (3, "stillingsbetegnelse"),
        (4, "telefon"),
        (5, "email"),
        (6, "medarbejdernummer"),
        (7, "efternavn"),
    }
    assert "højst 100 tegn" in next(str(p.message) for p in result.problems if p.row == 2)
    assert "styretegn" in next(str(p.message) for p in result.problems if p.row == 3)
    assert all("CPR-nummer" in str(p.message) for p in result.problems if p.row >= 4)
    no_value_in_messages(result, long_name, "1234", "0101")
    assert Person.objects.count() == before


@pytest.mark.django_db
def test_a_cpr_number_in_a_unit_or_absence_file_is_refused_and_never_repeated(tmp_path):
    units = tmp_path / "enheder.csv"
    units.write_text(
        "enhedskode;navn;kort_navn\nK;Kommunen;010170-1234\nX;Afd. 0101701234;\n",
        encoding="utf-8",
    )
    absence = tmp_path / "fravaer.csv"
    absence.write_text(
        "medarbejdernummer;fravaerstype;startdato\n010170-1234;sygdom;01-02-2025\n",
        encoding="utf-8",
    )
    result = run([units, absence])
    assert {(p.file, p.row, p.column) for p in result.problems} >= {
        ("enheder.csv", 2, "kort_navn"),
        ("enheder.csv", 3, "navn"),
        ("fravaer.csv", 2, "medarbejdernummer"),
    }
    no_value_in_messages(result, "1234", "010170")


def test_messages_never_repeat_a_cell(tmp_path):
    from charlie.imports.own_format import read_csv

    path = tmp_path / "medarbejdere.csv"
    path.write_text(
        "medarbejdernummer;fornavn;efternavn;foedselsdato;koen;email;enhedskode;"
        "stillingsbetegnelse;ugentlige_timer;startdato;slutdato;fratraedelsesaarsag;leder;"
        "hemmelig kolonne\n"
        "1;A;B;31-02-1970;hemmelig;hemmelig;K;P;hemmelig;hemmelig;hemmelig;hemmelig;hemmelig;x\n",
        encoding="utf-8",
    )
    problems = [p for p in read_csv(path) if isinstance(p, Problem)]
    assert problems
    assert not any("hemmelig" in str(p.message) or "31-02" in str(p.message) for p in problems)
    assert not any("hemmelig" in (p.column or "") for p in problems)


@pytest.mark.django_db
def test_field_lengths_match_the_models():
    models = {
        OrgUnitRecord: OrgUnit,
        PersonRecord: Person,
        EmploymentRecord: Employment,
    }
    names = {"org_unit_code": None, "job_family_code": None, "parent_code": "code"}
    for record, model in models.items():
        for attribute, _column, limit in TEXT_FIELDS[record]:
            field = names.get(attribute, attribute)
            if field is None:
                continue
            assert model._meta.get_field(field).max_length == limit, (record, attribute)
    assert OrgUnit._meta.get_field("code").max_length == 50
    assert TEXT_FIELDS[EmploymentRecord][0][2] == 50  # org_unit_code → OrgUnit.code


# --- .xlsx: bounded before openpyxl opens it ---


def _workbook(tmp_path, extra: dict[str, bytes]) -> pathlib.Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "enheder"
    sheet.append(["enhedskode", "navn"])
    sheet.append(["K", "Kommunen"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "bombe.xlsx"
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        for name, data in extra.items():
            target.writestr(name, data)
    return path


def test_an_xlsx_that_unpacks_far_beyond_its_size_is_refused_unopened(tmp_path, monkeypatch):
    # 40 MB of zeros packs to about 40 kB: a ratio of about 1,000 (a real sheet is 5–30).
    path = _workbook(tmp_path, {"xl/media/image1.bin": bytes(40 * 1024 * 1024)})
    assert path.stat().st_size < 200_000
    opened = []
    import openpyxl

    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: opened.append(a))
    [problem] = list(read_xlsx(path))
    assert isinstance(problem, Problem)
    assert "fylder for meget, når den pakkes ud" in str(problem.message)
    assert opened == []


def test_an_ordinary_xlsx_is_read(tmp_path):
    path = _workbook(tmp_path, {"xl/media/image1.bin": os.urandom(2 * 1024 * 1024)})
    items = list(read_xlsx(path))
    assert [type(i).__name__ for i in items] == ["OrgUnitRecord"]
    assert XLSX_MAX_RATIO >= 100


# --- the problem list a run stores ---


@pytest.mark.django_db
def test_a_run_stores_at_most_a_thousand_problems_with_the_total(users, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    run = ImportRun.objects.create(user=users["hr"], file_names=["fravaer.csv"])
    folder = services.upload_dir(run.pk)
    folder.mkdir(parents=True)
    rows = "".join(f"{n};sygdom;32-01-2025\n" for n in range(1500))
    (folder / "fravaer.csv").write_text(
        "medarbejdernummer;fravaerstype;startdato\n" + rows, encoding="utf-8"
    )
    services.execute_run(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == "problems"
    assert run.problem_count == 3000  # a bad date and an unknown person on each row
    assert len(run.problems) == services.STORED_PROBLEMS == 1000
    assert not folder.exists()


# --- unique keys in the database ---


@pytest.mark.django_db
def test_the_database_refuses_a_second_copy_of_an_absence_period_or_employment(org):
    person = org.person_in_nord
    AbsencePeriod.objects.create(
        person=person, absence_type="sickness", start_date=date(2025, 1, 6)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        AbsencePeriod.objects.create(
            person=person, absence_type="sickness", start_date=date(2025, 1, 6)
        )
    # Another type on the same day is another period.
    AbsencePeriod.objects.create(person=person, absence_type="holiday", start_date=date(2025, 1, 6))
    job = person.employments.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Employment.objects.create(
            person=person,
            org_unit=job.org_unit,
            job_title="Igen",
            job_family=job.job_family,
            weekly_hours=37,
            start_date=job.start_date,
        )
    Employment.objects.filter(pk=job.pk).update(source_id="5001")
    with pytest.raises(IntegrityError), transaction.atomic():
        Employment.objects.create(
            person=org.person_in_syd,
            org_unit=job.org_unit,
            job_title="Samme id",
            job_family=job.job_family,
            weekly_hours=37,
            start_date=date(2024, 1, 1),
            source_id="5001",
        )
