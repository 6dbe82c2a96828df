"""The portfolio overview, the council report (PDF and Excel) and the API, with figures worked
by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from charlie.core.errors import PermissionDenied
from charlie.people.services import access_for
from charlie.portfolio.models import BeaconMeasurement
from charlie.portfolio.services import reports
from charlie.portfolio.tests.factories import (
    AutomationFactory,
    BeaconFactory,
    BenefitFactory,
    BenefitPeriodFactory,
    InitiativeFactory,
    business_case,
)

pytestmark = pytest.mark.django_db

#: 1,000,000 invested in year 0 and 350,000 a year in years 1–4 at 3.5 %:
#: 350,000 × (1/1.035 + 1/1.035² + 1/1.035³ + 1/1.035⁴) − 1,000,000
#: = 350,000 × 3.673079 − 1,000,000 = 285,578.
NPV = 285_578


@pytest.fixture
def portfolio(org):
    beacon = BeaconFactory(title="Digital først", baseline=Decimal(40), target=Decimal(80))
    BeaconMeasurement.objects.create(beacon=beacon, measured_on=date(2025, 6, 1), value=50)
    BeaconMeasurement.objects.create(beacon=beacon, measured_on=date(2026, 6, 1), value=60)
    hidden = BeaconFactory(title="Kladde", published=False)
    a = InitiativeFactory(title="Digital post", stage="running", forvaltning=org.social)
    a.beacons.add(beacon)
    business_case(
        a,
        investment=["1000000", "0", "0", "0", "0"],
        benefit=["0", "350000", "350000", "350000", "350000"],
    )
    b = InitiativeFactory(title="Robot til bilag", stage="running", forvaltning=org.social)
    b.beacons.add(beacon, hidden)
    c = InitiativeFactory(title="Chatbot", stage="idea")
    # Hours: two quarters of 2025 planned at 100 hours, one realised at 50; at 450 kr./hour.
    hours = BenefitFactory(initiative=b, kind="hours", owner=org.person_in_skole)
    BenefitPeriodFactory(
        benefit=hours,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 3, 31),
        planned=Decimal(100),
        realised=Decimal(50),
    )
    BenefitPeriodFactory(
        benefit=hours,
        period_start=date(2025, 4, 1),
        period_end=date(2025, 6, 30),
        planned=Decimal(100),
    )
    AutomationFactory(name="Bilagsrobot", initiative=b, status="running", owner=org.person_in_skole)
    return {"beacon": beacon, "a": a, "b": b, "c": c}


def test_overview_by_stage_beacon_and_forvaltning(users, portfolio):
    o = reports.overview(access_for(users["manager"]))
    stages = {g.key: g for g in o.by_stage}
    assert (stages["running"].count, stages["idea"].count, stages["closed"].count) == (2, 1, 0)
    assert stages["running"].with_case == 1
    assert round(stages["running"].npv) == NPV
    beacon = next(g for g in o.by_beacon if g.label == "Digital først")
    assert beacon.count == 2
    assert beacon.benefits.planned_so_far == Decimal(90_000)  # 200 hours × 450
    assert beacon.benefits.realised_so_far == Decimal(22_500)  # 50 hours × 450
    assert beacon.benefits.share == pytest.approx(0.25)
    by_forvaltning = {g.label: g.count for g in o.by_forvaltning}
    assert by_forvaltning == {"Social og Sundhed": 2, "Ingen forvaltning angivet": 1}
    assert o.total.count == 3 and o.automations.running == 1


@pytest.mark.parametrize("role", ["employee", "dpo", "admin"])
def test_only_readers_get_the_overview(users, portfolio, role):
    with pytest.raises(PermissionDenied):
        reports.overview(access_for(users[role]))


def test_council_report_shows_published_beacons_with_progress(users, portfolio):
    r = reports.council_report(access_for(users["analyst"]))
    assert [b.beacon.title for b in r.beacons] == ["Digital først"]
    assert r.beacons[0].progress == pytest.approx(0.5)  # 40 → 60 of 40 → 80
    assert r.beacons[0].latest.value == 60
    assert r.beacons[0].status_label  # on track or behind, by the day the test runs
    assert [row.initiative.title for row in r.with_benefits] == ["Robot til bilag"]
    assert [a.name for a in r.automations] == ["Bilagsrobot"]


def test_api_lists_initiatives_and_beacons(client, users, portfolio):
    client.force_login(users["analyst"])
    rows = client.get(reverse("api:portfolio_initiatives")).json()
    by_number = {r["number"]: r for r in rows}
    a = by_number[portfolio["a"].number]
    # Cumulative: −1,000,000, −650,000, −300,000, +50,000 in 2030.
    assert round(a["npv"]) == NPV and a["payback_year"] == 2030
    assert a["stage"] == "running" and a["forvaltning"] == "Social og Sundhed"
    b = by_number[portfolio["b"].number]
    assert b["npv"] is None
    assert b["benefits"]["realised_so_far"] == 22_500.0
    only_idea = client.get(reverse("api:portfolio_initiatives"), {"stage": "idea"}).json()
    assert [r["number"] for r in only_idea] == [portfolio["c"].number]
    detail = client.get(reverse("api:portfolio_initiative", args=[portfolio["b"].number])).json()
    assert detail["benefit_items"][0]["missing"] == 1
    assert detail["benefit_items"][0]["periods"][0]["realised"] == 50.0
    assert detail["automations"][0]["name"] == "Bilagsrobot"
    assert "owner" not in str(detail).lower()
    case = client.get(reverse("api:portfolio_initiative", args=[portfolio["a"].number])).json()
    assert round(case["business_case"]["npv"]) == NPV
    assert case["business_case"]["sensitivity"][0]["key"] == "base"
    assert client.get(reverse("api:portfolio_initiative", args=[9999])).status_code == 404
    beacons = client.get(reverse("api:portfolio_beacons")).json()
    digital = next(b for b in beacons if b["title"] == "Digital først")
    assert digital["progress"] == pytest.approx(0.5) and digital["latest_value"] == 60.0
    assert sorted(digital["initiative_numbers"]) == sorted(
        [portfolio["a"].number, portfolio["b"].number]
    )


def test_api_refuses_employees(client, users, portfolio):
    client.force_login(users["employee"])
    assert client.get(reverse("api:portfolio_initiatives")).status_code == 403
    assert client.get(reverse("api:portfolio_beacons")).status_code == 403


def test_pdf_and_excel(client, users, portfolio):
    client.force_login(users["hr"])
    pdf = client.get(reverse("portfolio:report_pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("portfolio:report_excel"))
    assert xlsx.status_code == 200
    book = load_workbook(BytesIO(xlsx.content))
    initiatives = book[book.sheetnames[1]]
    rows = {r[0]: r for r in initiatives.iter_rows(min_row=2, values_only=True) if r[0]}
    assert round(rows[portfolio["a"].number][4]) == NPV
    assert rows[portfolio["c"].number][4] is None
    names = " ".join(str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row)
    assert "Digital først" in names and "Bilagsrobot" in names
    page = client.get(reverse("portfolio:overview"))
    assert page.status_code == 200 and b"<svg" in page.content


def pdf_text(content: bytes) -> str:
    """The PDF's text as a reader would copy it, page by page (pypdf)."""
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def test_the_council_pdf_shows_beacons_initiatives_npvs_and_realised_benefits(
    client, users, portfolio, org
):
    client.force_login(users["hr"])
    text = pdf_text(client.get(reverse("portfolio:report_pdf")).content)
    # The published beacon with its progress (40 → 80, latest 60: half way) and status; the
    # draft beacon not at all.
    assert "Digital" in text and "50 % På rette" in text
    assert "Kladde" not in text
    # Every initiative with stage, forvaltning, NPV (worked by hand above) and payback year.
    assert f"{portfolio['a'].number} Digital post I gang Social og Sundhed 285.578 2030" in text
    assert f"{portfolio['c'].number} Chatbot Idé" in text
    # Benefits realised against the plan: 22,500 of 90,000 kr. planned to date.
    assert f"{portfolio['b'].number}. Robot til bilag 90.000 90.000 22.500 25 %" in text
    assert "Bilagsrobot Softwarerobot (RPA) I drift 40" in text
    # The stage chart counts whole initiatives: no axis tick of half an initiative.
    assert "0,5" not in text
    # No one is named: not the owner of the benefit and the robot.
    owner = org.person_in_skole
    assert f"{owner.first_name} {owner.last_name}" not in text and owner.last_name not in text


def test_the_report_names_no_one(client, users, portfolio, org):
    client.force_login(users["hr"])
    from charlie.privacy.models import AuditEntry

    before = AuditEntry.objects.count()
    xlsx = client.get(reverse("portfolio:report_excel"))
    book = load_workbook(BytesIO(xlsx.content))
    text = " ".join(str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row)
    assert org.person_in_skole.last_name not in text
    assert AuditEntry.objects.count() == before
