"""Absence in "Mine data": the provider ``absence`` registers for the category ``fravaer`` shows
the person's own absence periods (type, first and last day, hours for partial absence), newest
first, on the page, in the JSON and in the PDF, with the purposes that cover absence."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from charlie.absence.models import AbsencePeriod, AbsenceType
from charlie.absence.my_data import my_data_absence
from charlie.privacy.models import AuditEntry
from charlie.privacy.registry import data_providers

pytestmark = pytest.mark.django_db


@pytest.fixture
def periods(org):
    person = org.person_in_nord
    return [
        AbsencePeriod.objects.create(
            person=person,
            absence_type=AbsenceType.HOLIDAY,
            start_date=date(2025, 7, 7),
            end_date=date(2025, 7, 25),
        ),
        AbsencePeriod.objects.create(
            person=person,
            absence_type=AbsenceType.PARTIAL_SICKNESS,
            start_date=date(2026, 3, 2),
            end_date=None,
            hours_per_day=Decimal("3.50"),
        ),
        AbsencePeriod.objects.create(
            person=person,
            absence_type=AbsenceType.CHILD_SICK,
            start_date=date(2026, 1, 12),
            end_date=date(2026, 1, 13),
        ),
        # Someone else's absence never shows.
        AbsencePeriod.objects.create(
            person=org.person_in_syd,
            absence_type=AbsenceType.SICKNESS,
            start_date=date(2026, 2, 2),
            end_date=date(2026, 2, 3),
        ),
    ]


def test_absence_registers_a_provider_for_fravaer():
    assert data_providers()["fravaer"] is my_data_absence


def test_provider_rows_newest_first_with_danish_labels(org, periods):
    rows = my_data_absence(org.person_in_nord.pk)
    assert rows == [
        {
            "Fraværstype": "Delvis sygdom",
            "Første fraværsdag": "2026-03-02",
            "Sidste fraværsdag": "ikke afsluttet",
            "Timer pr. dag": "3.50",
        },
        {
            "Fraværstype": "Barns 1. og 2. sygedag",
            "Første fraværsdag": "2026-01-12",
            "Sidste fraværsdag": "2026-01-13",
            "Timer pr. dag": "",
        },
        {
            "Fraværstype": "Ferie",
            "Første fraværsdag": "2025-07-07",
            "Sidste fraværsdag": "2025-07-25",
            "Timer pr. dag": "",
        },
    ]
    assert my_data_absence(987654321) == []


def test_page_shows_absence_with_its_purposes(client_as, org, periods):
    response = client_as("employee").get(reverse("privacy:my_data"))
    assert response.status_code == 200
    category = next(c for c in response.context["data"].categories if c.code == "fravaer")
    assert category.label == "Fravær"
    assert [row["Første fraværsdag"] for row in category.rows] == [
        "2026-03-02",
        "2026-01-12",
        "2025-07-07",
    ]
    assert {p.code for p in category.purposes} == {
        "hr_administration",
        "personaleledelse",
        "egen_indsigt",
    }
    html = response.content.decode()
    assert 'id="category-fravaer"' in html
    assert "Delvis sygdom" in html and "ikke afsluttet" in html
    assert "2026-02-02" not in html  # the other person's period


def test_json_holds_the_absence(client_as, org, periods):
    payload = json.loads(client_as("employee").get(reverse("privacy:my_data_json")).content)
    fravaer = next(c for c in payload["kategorier"] if c["kode"] == "fravaer")
    assert [r["Fraværstype"] for r in fravaer["oplysninger"]] == [
        "Delvis sygdom",
        "Barns 1. og 2. sygedag",
        "Ferie",
    ]
    assert {p["kode"] for p in fravaer["formål"]} >= {"egen_indsigt", "hr_administration"}


def test_viewing_absence_is_recorded_as_own_insight(client_as, users, org, periods):
    client_as("employee").get(reverse("privacy:my_data"))
    entry = AuditEntry.objects.get(actor=users["employee"], category="fravaer")
    assert (entry.subject_person_id, entry.purpose, entry.action, entry.channel) == (
        org.person_in_nord.pk,
        "egen_indsigt",
        "read",
        "ui",
    )


def test_no_absence_shows_the_empty_text(client_as, org):
    response = client_as("employee").get(reverse("privacy:my_data"))
    category = next(c for c in response.context["data"].categories if c.code == "fravaer")
    assert category.rows == []
    assert "Der er ingen oplysninger i denne kategori." in response.content.decode()


def test_follow_up_is_in_mine_data_notes_included(client_as, org, users):
    from charlie.absence.models import (
        FollowUpNote,
        FollowUpTask,
        RetentionPlan,
        Section56Agreement,
    )

    person = org.person_in_nord
    task = FollowUpTask.objects.create(
        person=person,
        first_day=date(2025, 3, 3),
        code="sickness_interview",
        due=date(2025, 3, 31),
        legal_basis="§ 7 a",
        description="Hold sygefraværssamtale.",
        org_unit=org.nord,
    )
    FollowUpNote.objects.create(task=task, author=users["manager"], text="Aftalt gradvis start.")
    Section56Agreement.objects.create(
        person=person, approved_on=date(2025, 1, 6), valid_until=date(2027, 1, 5)
    )
    RetentionPlan.objects.create(
        person=person, first_day=date(2025, 3, 3), requested_on=date(2025, 3, 20)
    )
    data = json.loads(client_as("employee").get(reverse("privacy:my_data_json")).content)
    (category,) = [c for c in data["kategorier"] if c["kode"] == "opfoelgning"]
    rows = category["oplysninger"]
    text = json.dumps(data, ensure_ascii=False)
    assert "Opfølgning på sygefravær" in text
    assert "Aftalt gradvis start." in text and "§ 56-aftale" in text
    assert "Fastholdelsesplan" in text and "Hold sygefraværssamtale." in text
    # One row each: the task, its note, the agreement and the plan.
    assert len(rows) == 4
    assert {row["Hvad"] for row in rows} == {
        "Hold sygefraværssamtale.",
        "Notat",
        "§ 56-aftale",
        "Fastholdelsesplan",
    }
    assert category["formål"], "the register lists purposes for the category"
    assert AuditEntry.objects.filter(
        subject_person_id=person.pk, category="opfoelgning", purpose="egen_indsigt"
    ).exists()
