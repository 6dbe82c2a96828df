"""Every CSV Charlie writes goes through the one CSV writer, ``charlie.core.csv_writer``, so a
name, job family or unit name such as ``=HYPERLINK(…)`` is written as text, never as a formula a
spreadsheet would run (OWASP "CSV Injection").

Each export is tested end to end with such a value where it shows it, and a guard test fails
when a module other than the writer itself builds CSV with the standard ``csv`` module.
"""

from __future__ import annotations

import ast
import csv
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from charlie.absence.tests.test_figures import team  # noqa: F401 - a fixture

ROOT = Path(__file__).resolve().parents[1]
EVIL = '=HYPERLINK("http://angriber.example/?x=1","Klik her")'
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def assert_no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_START) or PLAIN_NUMBER.fullmatch(cell), (
                f"a spreadsheet would run {cell!r} as a formula"
            )


def assert_neutralised(rows: list[list[str]], value: str) -> None:
    """``value`` is in the file, as text behind a leading quote, and nothing is a formula."""
    assert any(cell.startswith("'" + value) for row in rows for cell in row), rows[:5]
    assert_no_formula(rows)


# --- The exports --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_audit_export_writes_a_name_as_text(client_as, org, users):
    from charlie.privacy import services

    person = org.person_in_nord
    person.first_name = EVIL
    person.save()
    services.record(
        actor=users["hr"],
        subject_person_ids=[person.pk],
        action="read",
        category="stamdata",
        purpose="hr_administration",
        channel="ui",
    )
    response = client_as("dpo").get(reverse("privacy:audit_export"))
    assert response.status_code == 200
    rows = _cells(b"".join(response.streaming_content).decode("utf-8"))
    assert_neutralised(rows, EVIL)


@pytest.fixture
def evil_staff(org, users):
    """The workforce tests' staff, with a forvaltning and a job family named like a formula."""
    from charlie.people.tests.factories import job_family
    from charlie.workforce import services
    from charlie.workforce.tests.test_cli import make_staff

    org.social.name = EVIL
    org.social.save()
    sosu = job_family("sosu")
    sosu.name = "@SUM(1+1)*cmd|' /C calc'!A0"
    sosu.save()
    make_staff(org)
    return services.create_illustrative_scenario()


@pytest.mark.django_db
def test_the_workforce_api_csv_writes_unit_and_job_family_names_as_text(client, users, evil_staff):
    from charlie.core import token_services

    token = token_services.create_token(user=users["hr"], name="test")[1]
    response = client.get(
        "/api/v1/workforce/project",
        {"runs": 100, "to": 2030, "format": "csv"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200
    rows = _cells(response.content.decode("utf-8"))
    assert_neutralised(rows, EVIL)
    assert_neutralised(rows, "@SUM(1+1)")


@pytest.mark.django_db
def test_the_workforce_command_csv_writes_names_as_text(evil_staff):
    from charlie.workforce.tests.test_cli import ON

    out = io.StringIO()
    call_command(
        "workforce", "project", "--format", "csv", "--to", "2030", "--runs", "100", "--on", ON,
        stdout=out, stderr=io.StringIO(),
    )  # fmt: skip
    rows = _cells(out.getvalue())
    assert_neutralised(rows, EVIL)
    assert_neutralised(rows, "@SUM(1+1)")


@pytest.mark.django_db
def test_the_absence_command_csv_writes_a_unit_name_as_text(team):  # noqa: F811 - the fixture
    team.name = EVIL  # six people sick in March 2025 (absence/tests/test_figures.py)
    team.save()
    out = io.StringIO()
    call_command(
        "absence", "stats", "--from", "2025-01-01", "--to", "2025-12-31", "--by", "unit",
        "--format", "csv", stdout=out,
    )  # fmt: skip
    rows = _cells(out.getvalue())
    assert_neutralised(rows, EVIL)


# --- The guard ----------------------------------------------------------------------------------

WRITER = ROOT / "charlie" / "core" / "csv_writer.py"


def _csv_writers_in(source: str, name: str) -> list[str]:
    """``csv.writer``/``csv.DictWriter`` (or ``from csv import writer``) used in ``source``."""
    tree = ast.parse(source, filename=name)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("writer", "DictWriter")
            and isinstance(node.value, ast.Name)
            and node.value.id == "csv"
        ):
            found.append(f"{name}:{node.lineno}: csv.{node.attr}")
        if isinstance(node, ast.ImportFrom) and node.module == "csv":
            for alias in node.names:
                if alias.name in ("writer", "DictWriter"):
                    found.append(f"{name}:{node.lineno}: from csv import")
    return found


#: Files that write another system's CSV format as *input* for an import, which must be what
#: that system publishes (ESCO's comma-separated download): nothing they write is an export a
#: user opens, so there is no formula to neutralise.
FOREIGN_FORMAT_FIXTURES = {
    ROOT / "charlie" / "skills" / "tests" / "esco_files.py",
    ROOT / "benchmarks" / "bench_esco.py",
}


def test_no_module_but_the_one_writer_writes_csv_with_the_csv_module():
    sources = [*(ROOT / "charlie").rglob("*.py"), *(ROOT / "benchmarks").rglob("*.py")]
    offenders = [
        hit
        for path in sources
        if path != WRITER and path not in FOREIGN_FORMAT_FIXTURES
        for hit in _csv_writers_in(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert not offenders, (
        "Write CSV with charlie.core.csv_writer (CsvWriter, csv_text, csv_chunks), which keeps "
        f"a cell from becoming a formula: {offenders}"
    )


def test_the_guard_sees_a_csv_writer():
    assert _csv_writers_in("import csv\nw = csv.writer(f, delimiter=';')\n", "a.py")
    assert _csv_writers_in("from csv import DictWriter\n", "b.py")
    assert not _csv_writers_in("import csv\nr = csv.reader(f)\n", "c.py")
