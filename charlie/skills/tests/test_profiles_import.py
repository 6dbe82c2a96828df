"""The employees' skills import (docs/import-format.md): every problem with its row and column,
all or nothing, the same file twice gives no duplicates, CSV and XLSX, and the CLI."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from charlie.core.errors import PermissionDenied
from charlie.core.roles import Role
from charlie.people.services import access_for, operator_access
from charlie.privacy.models import AuditEntry
from charlie.skills import importing
from charlie.skills.models import AssessmentStatus, Skill, SkillAssessment
from charlie.skills.services.imports import import_skills
from charlie.skills.tests.factories import SkillFactory

TODAY = date(2026, 12, 6)
HEADER = "medarbejdernummer;kompetence;niveau;dato;kilde;dokumentation;udloeber\n"


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return (header + "\n".join(rows) + "\n").encode()


def _problems(data: bytes) -> list[tuple[int | None, str | None]]:
    _rows, problems = importing.read("k.csv", data, today=TODAY)
    return [(p.row, p.column) for p in problems]


# --- the pure reader -----------------------------------------------------------------------------


def test_a_good_row_is_read():
    rows, problems = importing.read(
        "k.csv", _csv("E1;Førstehjælp;2;01-03-2025;Kursus;Røde Kors;01-03-2027"), today=TODAY
    )
    assert problems == []
    (row,) = rows
    assert (row.row, row.level, row.assessed_on, row.source, row.expires_on) == (
        2,
        2,
        date(2025, 3, 1),
        "course",
        date(2027, 3, 1),
    )


def test_every_problem_has_its_row_and_column():
    data = _csv(
        "E1;Forflytning;2;31-12-9999;kursus;;",  # a date from the payroll's "no end"
        "E2;Forflytning;2;01-02-2025;kursus;0101901235;",  # a CPR number as evidence
        "0101901235;Forflytning;2;01-02-2025;kursus;;",  # a CPR number as employee number
        "E4;Forflytning;nul;01-02-2025;kursus;;",
        "E5;Forflytning;2;01-02-2025;nabo;;",
        "E6;Forflytning;2;01-02-2025;kursus;;31-12-9999",  # "never expires" is left blank
        "E7;;2;30-02-2025;kursus;;",
    )
    assert _problems(data) == [
        (2, "dato"),
        (3, "dokumentation"),
        (4, "medarbejdernummer"),
        (5, "niveau"),
        (6, "kilde"),
        (7, "udloeber"),
        (8, "kompetence"),
        (8, "dato"),
    ]


def test_the_header_is_checked():
    assert _problems(_csv("E1;x;1", header="medarbejdernummer;kompetence;niveau\n")) == [(1, None)]
    assert _problems(b"") == [(None, None)]
    _rows, problems = importing.read(
        "k.csv",
        _csv("E1;x;1;01-01-2025;kursus;;", header=HEADER.replace("udloeber", "udlob")),
        today=TODAY,
    )
    assert [(p.row, p.column) for p in problems] == [(1, None)]  # an unknown column


def test_headers_and_separators_are_read_leniently():
    data = (
        "\ufeffMedarbejder-nummer,Kompetence,Niveau,Dato,Kilde,Udløber\n"
        "E1,Demens,1,2025-01-02,leder,\n"
    )
    rows, problems = importing.read("k.csv", data.encode(), today=TODAY)
    assert problems == [] and rows[0].source == "manager"


# --- the service: all or nothing, idempotent -----------------------------------------------------


@pytest.fixture
def hr():  # type: ignore[no-untyped-def]
    return operator_access(Role.HR, channel="import")


@pytest.mark.django_db
def test_nothing_is_written_when_one_row_is_bad_and_everything_when_none_is(org, hr):
    skill = SkillFactory(name="Forflytning", uri="local:forflytning")
    digital = Skill.objects.get(uri="digcomp:4.2")  # DigComp comes with the migrations
    nord, skole = org.person_in_nord.employee_number, org.person_in_skole.employee_number
    good = [
        f"{nord};Forflytning;3;01-03-2025;kursus;;",
        f"{skole};digcomp:4.2;7;01-03-2025;certifikat;;",
    ]
    bad = _csv(
        *good, "UKENDT;Forflytning;2;01-03-2025;kursus;;", f"{nord};Ukendt;2;01-03-2025;kursus;;"
    )
    result = import_skills(hr, [("k.csv", bad)], today=TODAY)
    assert [(p.row, p.column) for p in result.problems] == [
        (4, "medarbejdernummer"),
        (5, "kompetence"),
    ]
    assert SkillAssessment.objects.count() == 0

    result = import_skills(hr, [("k.csv", _csv(*good))], today=TODAY, dry_run=True)
    assert result.ok and result.created == 2 and SkillAssessment.objects.count() == 0

    result = import_skills(hr, [("k.csv", _csv(*good))], today=TODAY)
    assert (result.created, result.unchanged, result.people) == (2, 0, 2)
    rows = SkillAssessment.objects.order_by("skill__name")
    assert [(r.skill, r.level, r.status) for r in rows] == [
        (digital, 7, AssessmentStatus.CONFIRMED),
        (skill, 3, AssessmentStatus.CONFIRMED),
    ]
    assert AuditEntry.objects.filter(detail="import", channel="import").count() == 2

    # The same file again: nothing new.
    result = import_skills(hr, [("k.csv", _csv(*good))], today=TODAY)
    assert (result.created, result.unchanged) == (0, 2)
    assert SkillAssessment.objects.count() == 2


@pytest.mark.django_db
def test_levels_off_the_scale_ambiguous_names_and_contradicting_rows(org, hr):
    SkillFactory(name="Demens", uri="local:demens")
    SkillFactory(name="Demens", uri="http://data.europa.eu/esco/skill/x")
    SkillFactory(name="Forflytning")
    nord = org.person_in_nord.employee_number
    data = _csv(
        f"{nord};Demens;2;01-03-2025;kursus;;",
        f"{nord};Forflytning;5;01-03-2025;kursus;;",
        f"{nord};local:demens;2;01-03-2025;kursus;;",
        f"{nord};local:demens;3;01-03-2025;kursus;;",
    )
    result = import_skills(hr, [("k.csv", data)], today=TODAY)
    assert [(p.row, p.column) for p in result.problems] == [
        (2, "kompetence"),
        (3, "niveau"),
        (5, "niveau"),
    ]


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused_unread(hr, monkeypatch):
    from charlie.skills.services import imports

    monkeypatch.setattr(imports, "MAX_FILE_BYTES", 10)
    result = import_skills(hr, [("stor.csv", b"x" * 11)], today=TODAY)
    assert [(p.file, p.row) for p in result.problems] == [("stor.csv", None)]
    assert "for stor" in result.problems[0].message


@pytest.mark.django_db
def test_xlsx_and_permission(org, users, hr):
    SkillFactory(name="Velfærdsteknologi")
    book = Workbook()
    sheet = book.active
    sheet.append(["medarbejdernummer", "kompetence", "niveau", "dato", "kilde"])
    sheet.append(
        [org.person_in_nord.employee_number, "Velfærdsteknologi", 2, date(2025, 5, 1), "leder"]
    )
    out = io.BytesIO()
    book.save(out)
    result = import_skills(hr, [("k.xlsx", out.getvalue())], today=TODAY)
    assert result.ok and result.created == 1
    with pytest.raises(PermissionDenied):
        import_skills(access_for(users["manager"]), [("k.xlsx", out.getvalue())])


@pytest.mark.django_db
def test_the_command_and_the_page(org, users, client, tmp_path):
    SkillFactory(name="Forflytning")
    good = tmp_path / "kompetencer.csv"
    good.write_bytes(
        _csv(f"{org.person_in_nord.employee_number};Forflytning;2;01-03-2025;kursus;;")
    )
    bad = tmp_path / "fejl.csv"
    bad.write_bytes(_csv("E1;Forflytning;2;31-12-9999;kursus;;"))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("skills", "import", str(good), str(bad), stdout=out)
    assert "fejl.csv, række 2, kolonne dato" in out.getvalue()
    assert SkillAssessment.objects.count() == 0
    call_command("skills", "import", str(good), stdout=out)
    assert SkillAssessment.objects.count() == 1

    client.force_login(users["hr"])
    with bad.open("rb") as handle:
        page = client.post(reverse("skills:import"), {"upload": handle})
    assert "række" in page.content.decode().lower() or "Række" in page.content.decode()
    assert "31-12-9999" not in page.content.decode()
