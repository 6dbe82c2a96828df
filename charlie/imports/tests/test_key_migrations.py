"""The migrations that add the unique keys, on a database that already holds rows twice.

Two imports at once used to store every row twice. The migrations remove copies identical in
every column but the id, and stop with a clear message (the ids) when two rows share a key but
differ — never half-way with a database error.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("absence", "0007_register_opfoelgning"), ("people", "0003_orgunit_code")]
AFTER = [("absence", "0008_absence_period_unique")]


@pytest.fixture(autouse=True)
def _fully_migrated_after():
    """Leave the test database as every other test expects it: all migrations applied."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _people(apps):
    OrgUnit = apps.get_model("people", "OrgUnit")
    JobFamily = apps.get_model("people", "JobFamily")
    Person = apps.get_model("people", "Person")
    Employment = apps.get_model("people", "Employment")
    unit = OrgUnit.objects.create(name="U", kind="afdeling", valid_from=date(2000, 1, 1))
    family = JobFamily.objects.get_or_create(code="oevrige", defaults={"name": "Øvrige"})[0]
    person = Person.objects.create(
        employee_number="1", first_name="A", last_name="B", birth_date=date(1970, 1, 1),
        gender="K",
    )  # fmt: skip

    def job(**kw):
        values = {
            "person": person, "org_unit": unit, "job_title": "T", "job_family": family,
            "weekly_hours": 37, "start_date": date(2020, 1, 1),
        }  # fmt: skip
        values.update(kw)
        return Employment.objects.create(**values)

    return person, job


@pytest.mark.django_db(transaction=True)
def test_identical_copies_are_removed_and_the_constraints_added():
    apps = migrate(BEFORE)
    person, job = _people(apps)
    first, copy = job(), job()
    AbsencePeriod = apps.get_model("absence", "AbsencePeriod")
    for _ in range(3):
        AbsencePeriod.objects.create(
            person=person, employment=copy, absence_type="sickness", start_date=date(2025, 1, 6)
        )
    apps = migrate(AFTER)
    Employment = apps.get_model("people", "Employment")
    AbsencePeriod = apps.get_model("absence", "AbsencePeriod")
    assert list(Employment.objects.values_list("pk", flat=True)) == [first.pk]
    [period] = AbsencePeriod.objects.all()
    assert period.employment_id == first.pk  # pointed at the copy that was kept


@pytest.mark.django_db(transaction=True)
def test_copies_that_differ_stop_the_migration_with_their_ids():
    apps = migrate(BEFORE)
    person, _job = _people(apps)
    AbsencePeriod = apps.get_model("absence", "AbsencePeriod")
    a = AbsencePeriod.objects.create(
        person=person, absence_type="sickness", start_date=date(2025, 1, 6)
    )
    b = AbsencePeriod.objects.create(
        person=person, absence_type="sickness", start_date=date(2025, 1, 6),
        end_date=date(2025, 1, 9),
    )  # fmt: skip
    with pytest.raises(RuntimeError) as error:
        migrate(AFTER)
    message = str(error.value)
    assert f"{a.pk},{b.pk}" in message
    assert "share person, type and first day but differ" in message
    assert "charlie migrate" in message
    # Fixed by hand, the migration goes through.
    AbsencePeriod.objects.filter(pk=b.pk).delete()
    migrate(AFTER)


@pytest.mark.django_db(transaction=True)
def test_problems_stored_before_lose_their_cpr_numbers():
    apps = migrate([("imports", "0002_run_snapshot_confirm_and_worker")])
    ImportRun = apps.get_model("imports", "ImportRun")
    run = ImportRun.objects.create(
        file_names=["medarbejdere.csv"],
        status="problems",
        problem_count=1500,
        problems=[
            {
                "file": "medarbejdere.csv",
                "row": 2,
                "column": "email",
                "message": "»010170-1234« er ikke en e-mailadresse. Skriv fx navn@kommune.dk.",
            }
        ]
        * 1500,
    )
    apps = migrate([("imports", "0003_redact_stored_problems")])
    run = apps.get_model("imports", "ImportRun").objects.get(pk=run.pk)
    assert len(run.problems) == 1000 and run.problem_count == 1500
    assert "1234" not in run.problems[0]["message"]
    assert "CPR-nummer fjernet" in run.problems[0]["message"]
