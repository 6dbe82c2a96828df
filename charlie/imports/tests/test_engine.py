"""The import engine: all or nothing, exact counts, idempotent, snapshots, audit."""

from __future__ import annotations

import pathlib
import shutil
from datetime import date

import pytest

from charlie.absence.models import AbsencePeriod
from charlie.core.errors import PermissionDenied
from charlie.core.roles import Role
from charlie.imports import services
from charlie.imports.records import EmploymentRecord, PersonRecord, Source
from charlie.people.models import Employment, OrgUnit, Person
from charlie.people.services import access_for, operator_access
from charlie.privacy.models import AuditEntry

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "docs" / "examples"
FILES = [EXAMPLES / "enheder.csv", EXAMPLES / "medarbejdere.csv", EXAMPLES / "fravaer.csv"]

#: The command line's caller: the operator with HR's permissions.
SYSTEM = operator_access(Role.HR)


def run(paths, *, dry_run=False, actor=None):
    return services.run_import(
        access_for(actor) if actor is not None else SYSTEM,
        sources=services.sources_for(paths),
        dry_run=dry_run,
    )


def counts(result):
    return {key: (c.created, c.changed, c.ended, c.unchanged) for key, c in result.summary.kinds()}


def db_state():
    return (
        OrgUnit.objects.count(),
        Person.objects.count(),
        Employment.objects.count(),
        AbsencePeriod.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.mark.django_db
def test_import_examples_exact_counts_and_tree():
    result = run(FILES)
    assert result.ok, result.problems
    assert counts(result) == {
        "units": (7, 0, 0, 0),
        "people": (4, 0, 0, 0),
        "employments": (5, 0, 0, 0),
        "absences": (5, 0, 0, 0),
    }
    assert result.summary.rows == {"enheder.csv": 7, "medarbejdere.csv": 5, "fravaer.csv": 5}
    nord = OrgUnit.objects.get(code="PCN")
    kommune = OrgUnit.objects.get(code="K")
    aeldre = OrgUnit.objects.get(code="AELD")
    assert nord.path == f"/{kommune.pk}/{nord.parent.parent_id}/{aeldre.pk}/{nord.pk}/"
    assert nord.depth == 3
    assert nord.manager.employee_number == "1002"
    anne = Person.objects.get(employee_number="1001")
    assert (anne.birth_date, anne.gender) == (date(1968, 3, 14), "K")
    job = anne.employments.get()
    assert (job.job_family.code, str(job.weekly_hours)) == ("sosu", "32.00")
    # No stillingskategori: mapped from the title.
    assert Employment.objects.get(person__employee_number="1003").job_family.code == "sygeplejerske"
    partial = AbsencePeriod.objects.get(absence_type="partial_sickness")
    assert str(partial.hours_per_day) == "3.50"
    assert partial.employment.person.employee_number == "1003"


@pytest.mark.django_db
def test_second_import_changes_nothing():
    run(FILES)
    before = db_state()
    again = run(FILES)
    assert again.ok
    assert again.summary.written == 0
    assert counts(again) == {
        "units": (0, 0, 0, 7),
        "people": (0, 0, 0, 4),
        "employments": (0, 0, 0, 5),
        "absences": (0, 0, 0, 5),
    }
    assert db_state() == before


@pytest.mark.django_db
def test_dry_run_counts_but_writes_nothing():
    before = db_state()
    result = run(FILES, dry_run=True)
    assert result.ok and result.dry_run and not result.written
    assert counts(result)["employments"] == (5, 0, 0, 0)
    assert db_state() == before


@pytest.mark.django_db
def test_one_bad_row_leaves_the_database_unchanged(tmp_path):
    run(FILES[:1])
    before = db_state()
    bad = tmp_path / "fravaer.csv"
    text = (EXAMPLES / "fravaer.csv").read_text(encoding="utf-8")
    bad.write_text(text.replace("10-03-2025;10-03-2025", "32-13-2025;10-03-2025"), "utf-8")
    result = run([FILES[1], bad])
    assert not result.ok
    assert db_state() == before
    [problem] = result.problems
    assert (problem.file, problem.row, problem.column) == ("fravaer.csv", 5, "startdato")
    assert "findes ikke" in str(problem.message) and "dd-mm-åååå" in str(problem.message)


@pytest.mark.django_db
def test_every_problem_is_reported_with_cross_references(tmp_path):
    people = tmp_path / "medarbejdere.csv"
    people.write_text(
        "medarbejdernummer;fornavn;efternavn;foedselsdato;koen;enhedskode;stillingsbetegnelse;"
        "ugentlige_timer;startdato;slutdato\n"
        "1;A;A;01-01-1970;K;NOPE;Pædagog;37;01-01-2020;\n"
        "1;A;A;01-01-1970;K;K;Pædagog;37;01-01-2020;\n"
        "2;B;B;01-01-1970;X;K;Pædagog;90;01-01-2020;01-01-2019\n",
        encoding="utf-8",
    )
    absence = tmp_path / "fravaer.csv"
    absence.write_text(
        "medarbejdernummer;fravaerstype;startdato;slutdato\n"
        "1;sygdom;01-02-2020;02-02-2020\n"
        "1;sygdom;01-02-2020;03-02-2020\n"
        "99;sygdom;01-02-2020;02-02-2020\n",
        encoding="utf-8",
    )
    result = run([FILES[0], people, absence])
    found = {(p.file, p.row, p.column) for p in result.problems}
    assert found == {
        ("medarbejdere.csv", 2, "enhedskode"),  # unknown unit
        ("medarbejdere.csv", 3, "startdato"),  # same employment twice
        ("medarbejdere.csv", 4, "koen"),
        ("medarbejdere.csv", 4, "ugentlige_timer"),
        ("medarbejdere.csv", 4, "slutdato"),
        ("fravaer.csv", 3, "startdato"),  # duplicate absence
        ("fravaer.csv", 4, "medarbejdernummer"),  # unknown person
    }
    assert result.problem_count == 7
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_a_change_and_an_end_are_counted(tmp_path):
    run(FILES)
    changed = tmp_path / "medarbejdere.csv"
    text = (EXAMPLES / "medarbejdere.csv").read_text(encoding="utf-8")
    text = text.replace("Bo;Nielsen", "Bo;Nielsen-Holm")
    text = text.replace("01-09-2019;;;", "01-09-2019;31-12-2025;resignation;")
    changed.write_text(text, encoding="utf-8")
    result = run([changed])
    assert result.ok, result.problems
    assert counts(result)["people"] == (0, 1, 0, 3)
    assert counts(result)["employments"] == (0, 0, 1, 4)
    ended = Employment.objects.get(person__employee_number="1003")
    assert (ended.end_date, ended.end_reason) == (date(2025, 12, 31), "resignation")


@pytest.mark.django_db
def test_audit_entries_for_created_and_changed_people():
    run(FILES)
    entries = AuditEntry.objects.filter(channel="import", purpose="hr_administration")
    anne = Person.objects.get(employee_number="1001").pk
    assert set(entries.filter(subject_person_id=anne).values_list("category", "action")) == {
        ("stamdata", "create"),
        ("ansaettelse", "create"),
        ("fravaer", "create"),
    }
    assert entries.filter(category="stamdata").count() == 4
    assert entries.filter(category="fravaer").count() == 4
    assert {e.actor_id for e in entries} == {None}


def _snapshot(records, day):
    return Source(file="opus.xml", format="opus", read=lambda: iter(records), snapshot_date=day)


@pytest.mark.django_db
def test_snapshot_ends_the_employments_of_people_missing_from_it():
    run(FILES[:3])
    present = [
        rec
        for number in ("1001", "1002", "1003")
        for rec in (
            PersonRecord(
                1,
                number,
                *Person.objects.filter(employee_number=number)
                .values_list("first_name", "last_name", "birth_date", "gender", "email", "phone")
                .get(),
            ),
        )
    ]
    jobs = [
        EmploymentRecord(
            2, e.person.employee_number, e.org_unit.code, e.job_title, e.job_family.code,
            e.agreement, e.weekly_hours, e.start_date, e.end_date, e.end_reason,
        )
        for e in Employment.objects.exclude(person__employee_number="1004")
        .select_related("person", "org_unit", "job_family")
    ]  # fmt: skip
    records = [*present, *jobs]
    # Not told that the file is complete: nobody missing from it is ended.
    partial = services.run_import(SYSTEM, sources=[_snapshot(records, date(2026, 1, 31))])
    assert partial.ok and counts(partial)["employments"] == (0, 0, 0, 3)
    result = services.run_import(
        SYSTEM, sources=[_snapshot(records, date(2026, 1, 31))], snapshot=True
    )
    assert result.ok, result.problems
    assert counts(result)["employments"] == (0, 0, 1, 3)
    dorte = Employment.objects.get(person__employee_number="1004", end_date__isnull=False,
                                   start_date=date(2020, 8, 1))  # fmt: skip
    assert (dorte.end_date, dorte.end_reason) == (date(2026, 1, 31), "other")
    assert result.summary.ended == [[dorte.pk, "2026-01-31"]]
    # The next identical snapshot changes nothing.
    again = services.run_import(
        SYSTEM, sources=[_snapshot(records, date(2026, 1, 31))], snapshot=True
    )
    assert again.summary.written == 0


@pytest.mark.django_db
def test_only_hr_may_import(users):
    for role in ("employee", "manager", "analyst", "dpo", "admin"):
        with pytest.raises(PermissionDenied):
            run(FILES, actor=users[role])
    assert run(FILES, actor=users["hr"]).ok
    assert AuditEntry.objects.filter(channel="import", actor=users["hr"]).exists()


@pytest.mark.django_db
def test_xlsx_workbook_imports_like_the_csv_files():
    result = run([EXAMPLES / "eksempel.xlsx"])
    assert result.ok, result.problems
    assert counts(result)["absences"] == (5, 0, 0, 0)
    assert counts(run(FILES))["employments"] == (0, 0, 0, 5)


@pytest.mark.django_db
def test_existing_units_without_code_are_left_alone(org, tmp_path):
    before = OrgUnit.objects.count()
    result = run(FILES[:1])
    assert result.ok
    assert OrgUnit.objects.count() == before + 7
    assert set(OrgUnit.objects.filter(code="").values_list("path", flat=True)) == {
        u.path
        for u in (org.kommune, org.social, org.kultur, org.aeldre, org.nord, org.syd, org.skole)
    }
    shutil.rmtree(tmp_path, ignore_errors=True)


OPUS = EXAMPLES / "opus"


@pytest.mark.django_db
def test_opus_files_in_turn_snapshot_and_errors():
    jan, feb, broken = sorted(OPUS.glob("ZLPE*_delta.xml"))
    first = run([jan])
    assert first.ok, first.problems
    assert counts(first)["people"] == (12, 0, 0, 0)
    assert counts(first)["employments"] == (12, 0, 0, 0)
    assert not AuditEntry.objects.filter(detail__contains="cpr").exists()
    second = run([feb])
    assert second.ok, second.problems
    # 5003 is missing from February's file: without "complete snapshot" that ends nothing.
    assert counts(second)["employments"][2] == 0
    assert Employment.objects.get(source_id="5003").end_date is None
    assert run([feb]).summary.written == 0  # the same file again changes nothing
    complete = services.run_import(SYSTEM, sources=services.sources_for([feb]), snapshot=True)
    assert counts(complete)["employments"][2] == 1
    assert Employment.objects.get(source_id="5003").end_date == date(2025, 2, 28)
    before = db_state()
    third = run([broken])
    assert not third.ok
    assert db_state() == before
    columns = {p.column for p in third.problems}
    assert "orgUnit" in columns and "enhedskode" not in columns  # OPUS names, not ours


@pytest.mark.django_db
def test_a_row_with_a_bad_value_is_still_checked_for_references_and_counts_as_existing(tmp_path):
    people = tmp_path / "medarbejdere.csv"
    people.write_text(
        "medarbejdernummer;fornavn;efternavn;foedselsdato;koen;enhedskode;"
        "stillingsbetegnelse;ugentlige_timer;startdato\n"
        # A bad birth date AND a unit that does not exist: both are reported in one run.
        "9001;Ny;Person;31-02-1980;K;XX;Pædagog;37,0;01-01-2024\n",
        encoding="utf-8",
    )
    absence = tmp_path / "fravaer.csv"
    absence.write_text(
        "medarbejdernummer;fravaerstype;startdato;slutdato\n"
        "9001;sygdom;01-03-2024;02-03-2024\n"  # 9001 exists in the file, though its row is bad
        "7777;sygdom;01-03-2024;02-03-2024\n",  # 7777 exists nowhere
        encoding="utf-8",
    )
    before = db_state()
    result = run([people, absence])
    assert not result.ok
    found = {(p.file, p.row, p.column) for p in result.problems}
    assert found == {
        ("medarbejdere.csv", 2, "foedselsdato"),
        ("medarbejdere.csv", 2, "enhedskode"),
        ("fravaer.csv", 3, "medarbejdernummer"),
    }
    assert db_state() == before
