"""The completions file: every row checked with its row and column, unknown people and courses
never guessed, CPR numbers refused unrepeated, all or nothing, and the same file twice stores
nothing new. Dates worked out by hand in comments."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from charlie.core.errors import PermissionDenied
from charlie.learning.models import Completion
from charlie.learning.services.imports import import_completions
from charlie.learning.tests.factories import CourseFactory
from charlie.people.services import access_for

pytestmark = pytest.mark.django_db

# "Today" in these tests: 10 June 2026.
TODAY = date(2026, 6, 10)


def _run(users, text, *, dry_run=False, name="kurser.csv"):
    return import_completions(
        access_for(users["hr"]), [(name, text.encode())], dry_run=dry_run, today=TODAY
    )


def test_a_good_file_is_checked_then_stored_once(org, users):
    course = CourseFactory(code="foerstehjaelp", hours=Decimal("7"), valid_months=24)
    nord, skole = org.person_in_nord, org.person_in_skole
    text = (
        "medarbejdernummer;kursuskode;dato;resultat;timer\n"
        f"{nord.employee_number};foerstehjaelp;03-03-2026;bestået;6,5\n"
        f"{skole.employee_number};FOERSTEHJAELP;2026-03-04;gennemført;\n"
    )
    dry = _run(users, text, dry_run=True)
    assert dry.ok and (dry.rows, dry.created, dry.known) == (2, 2, 0)
    assert not Completion.objects.exists()
    done = _run(users, text)
    assert (done.created, done.known) == (2, 0)
    stored = Completion.objects.get(person=nord)
    # Passed 3 March 2026, valid 24 months: to the day before, 2 March 2028.
    assert (stored.course, stored.result, stored.source) == (course, "passed", "import")
    assert (stored.hours, stored.valid_until) == (Decimal("6.5"), date(2028, 3, 2))
    again = _run(users, text, dry_run=True)
    assert (again.created, again.known) == (0, 2)
    assert _run(users, text).created == 0
    assert Completion.objects.count() == 2


def test_every_problem_is_reported_with_row_and_column_and_nothing_is_stored(org, users):
    CourseFactory(code="hygiejne")
    nord = org.person_in_nord
    text = (
        "medarbejdernummer;kursuskode;dato;resultat;gyldig_til\n"
        f"{nord.employee_number};hygiejne;01-05-2026;gennemført;\n"  # row 2: good
        "X-UKENDT;hygiejne;01-05-2026;gennemført;\n"  # row 3: unknown employee
        f"{nord.employee_number};gaet-ikke;01-05-2026;gennemført;\n"  # row 4: unknown course
        f"{nord.employee_number};hygiejne;31-02-2026;bestået;\n"  # row 5: no 31 February
        f"{nord.employee_number};hygiejne;11-06-2026;bestået;\n"  # row 6: tomorrow
        f"{nord.employee_number};hygiejne;02-05-2026;bestået;31-12-9999\n"  # row 7: far out
        f"{nord.employee_number};hygiejne;03-05-2026;måske;\n"  # row 8: result
        f"{nord.employee_number};hygiejne;01-05-2026;gennemført;\n"  # row 9: twin of row 2
    )
    result = _run(users, text)
    where = {(p.row, p.column) for p in result.problems}
    assert where == {
        (3, "medarbejdernummer"),
        (4, "kursuskode"),
        (5, "dato"),
        (6, "dato"),
        (7, "gyldig_til"),
        (8, "resultat"),
        (9, "id"),
    }
    assert not Completion.objects.exists()


def test_a_cpr_number_refuses_the_file_without_repeating_it(org, users):
    CourseFactory(code="hygiejne")
    text = (
        "medarbejdernummer;kursuskode;dato;resultat;id\n"
        f"{org.person_in_nord.employee_number};hygiejne;01-05-2026;bestået;010170-1234\n"
    )
    result = _run(users, text)
    assert [(p.row, p.column) for p in result.problems] == [(2, "id")]
    assert "1234" not in result.problems[0].message
    assert "CPR" in result.problems[0].message


def test_missing_columns_and_people_by_email(org, users):
    CourseFactory(code="hygiejne", activity_id="https://lms.example/hygiejne")
    assert not _run(users, "kursuskode;dato\nhygiejne;01-05-2026\n").ok
    nord = org.person_in_nord
    nord.email = "Anne@Kommune.dk"
    nord.save()
    text = (
        "email;course;date;result;id\n"
        "anne@kommune.dk;https://lms.example/hygiejne;2026-05-01;passed;LMS-1\n"
    )
    assert _run(users, text).created == 1
    assert Completion.objects.get().external_id == "fil:id:LMS-1"


def test_an_excel_file_is_read(org, users):
    CourseFactory(code="hygiejne")
    book = Workbook()
    sheet = book.active
    sheet.append(["Medarbejdernummer", "Kursuskode", "Dato", "Resultat"])
    sheet.append([org.person_in_nord.employee_number, "hygiejne", date(2026, 5, 1), "bestået"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_completions(
        access_for(users["hr"]), [("kurser.xlsx", buffer.getvalue())], today=TODAY
    )
    assert result.ok and result.created == 1


def test_only_hr_imports(users):
    with pytest.raises(PermissionDenied):
        import_completions(access_for(users["manager"]), [("a.csv", b"")])


def test_the_command_exits_non_zero_with_the_problems(org, users, tmp_path):
    CourseFactory(code="hygiejne")
    bad = tmp_path / "bad.csv"
    bad.write_text("medarbejdernummer;kursuskode;dato;resultat\nX;hygiejne;01-05-2026;bestået\n")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("learning", "import", str(bad), stdout=out)
    assert "bad.csv, række 2, kolonne medarbejdernummer" in out.getvalue()
    good = tmp_path / "good.csv"
    good.write_text(
        "medarbejdernummer;kursuskode;dato;resultat\n"
        f"{org.person_in_nord.employee_number};hygiejne;01-05-2026;bestået\n"
    )
    call_command("learning", "import", str(good), stdout=out)
    assert Completion.objects.count() == 1


def test_the_api_gives_the_imported_completions(org, users, client):
    CourseFactory(code="hygiejne", title="Hygiejne")
    nord = org.person_in_nord
    text = (
        "medarbejdernummer;kursuskode;dato;resultat\n"
        f"{nord.employee_number};hygiejne;01-05-2026;bestået\n"
        f"{nord.employee_number};hygiejne;02-05-2026;ikke bestået\n"
    )
    assert _run(users, text).created == 2
    client.force_login(users["manager"])
    body = client.get(f"/api/v1/learning/completions/{nord.employee_number}?limit=1").json()
    assert body["total"] == 2 and body["employee_number"] == nord.employee_number
    assert [(c["course_code"], c["completed_on"], c["result"]) for c in body["completions"]] == [
        ("hygiejne", "2026-05-02", "failed")
    ]
    assert client.get("/api/v1/learning/completions/findes-ikke").status_code == 404


def test_the_import_audits_once_per_person_and_raises_the_skills(org, users):
    from charlie.learning.tests.factories import CourseSkillFactory
    from charlie.privacy.models import AuditEntry
    from charlie.skills.models import SkillAssessment
    from charlie.skills.tests.factories import SkillFactory

    course = CourseFactory(code="forflytning", hours=Decimal("7"), price=Decimal("1200"))
    skill = SkillFactory(name="Forflytning")
    CourseSkillFactory(course=course, skill=skill, level=3)
    CourseFactory(code="hygiejne")
    nord = org.person_in_nord
    text = (
        "medarbejdernummer;kursuskode;dato;resultat\n"
        f"{nord.employee_number};forflytning;01-05-2026;bestået\n"
        f"{nord.employee_number};hygiejne;02-05-2026;gennemført\n"
        f"{nord.employee_number};hygiejne;03-05-2026;gennemført\n"
    )
    assert _run(users, text).created == 3
    entries = AuditEntry.objects.filter(subject_person_id=nord.pk, detail="indlæst fil")
    assert entries.count() == 1  # one entry for the person's three rows
    stored = Completion.objects.get(course=course)
    assert (stored.hours, stored.cost, stored.recorded_by) == (
        Decimal("7"),
        Decimal("1200"),
        users["hr"],
    )
    assert SkillAssessment.objects.get(person=nord, skill=skill).level == 3
    assert _run(users, text).created == 0  # the same file again: nothing new, no entry
    assert entries.count() == 1
    assert Completion.objects.count() == 3
