"""Requisitions: a manager asks for a position in their units (never outside them), with the
workforce plan's shortage kept when that is the reason; HR approves or rejects with a note;
the manager sees the decision (on the page and the front page)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.services import access_for
from charlie.people.tests.factories import job_family
from charlie.recruitment import services
from charlie.recruitment.models import Requisition, RequisitionReason, RequisitionStatus
from charlie.recruitment.services import requisitions
from charlie.recruitment.tests.factories import RequisitionFactory
from charlie.workforce import services as workforce
from charlie.workforce.tests.data import make_history


def form_data(org, **kw) -> dict:
    start = services.careers.open_on() + dt.timedelta(days=60)
    data = {
        "unit": org.nord.pk,
        "job_family": job_family("sosu").pk,
        "title": "Social- og sundhedsassistent",
        "weekly_hours": "32",
        "positions": "2",
        "start_on": start.isoformat(),
        "temporary_until": "",
        "reason": "replacement",
        "shortage_year": "",
        "reason_text": "Genbesættelse efter opsigelse.",
    }
    data.update(kw)
    return data


def service_data(org, **kw) -> dict:
    data = {
        "unit_id": org.nord.pk,
        "job_family_id": job_family("sosu").pk,
        "title": "Social- og sundhedsassistent",
        "weekly_hours": Decimal(32),
        "positions": 1,
        "start_on": services.careers.open_on() + dt.timedelta(days=30),
        "temporary_until": None,
        "reason": RequisitionReason.GROWTH,
        "shortage_year": None,
        "reason_text": "",
    }
    data.update(kw)
    return data


# --- Asking, in scope ------------------------------------------------------------------------


def test_a_manager_asks_for_a_position_in_their_unit_and_sends_it(client_as, org, users):
    client = client_as("manager")
    response = client.post(reverse("recruitment:requisition_new"), form_data(org, send="1"))
    req = Requisition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:requisition", args=[req.pk])
    assert req.status == RequisitionStatus.SUBMITTED
    assert req.requested_by == users["manager"] and req.positions == 2
    assert req.weekly_hours == Decimal(32) and req.shortage_gap is None


def test_a_manager_cannot_ask_outside_their_units(client_as, org, users):
    client = client_as("manager")
    response = client.post(
        reverse("recruitment:requisition_new"), form_data(org, unit=org.skole.pk)
    )
    assert response.status_code == 200  # the form again, with the error
    assert not Requisition.objects.exists()
    # The service refuses too, whatever a form offers.
    with pytest.raises(ValidationFailed) as error:
        services.save_requisition(
            access_for(users["manager"]), service_data(org, unit_id=org.skole.pk)
        )
    assert error.value.field == "unit"
    # Syd is beside Nord, not below it.
    with pytest.raises(ValidationFailed):
        services.save_requisition(
            access_for(users["manager"]), service_data(org, unit_id=org.syd.pk)
        )
    # HR may ask for any unit.
    saved = services.save_requisition(
        access_for(users["hr"]), service_data(org, unit_id=org.skole.pk)
    )
    assert saved.unit == org.skole


def test_the_unit_choices_are_the_managers_units(org, users):
    ids = {pk for pk, _label in services.requisition_units(access_for(users["manager"]))}
    assert ids == {org.nord.pk}
    with pytest.raises(PermissionDenied):
        services.requisition_units(access_for(users["employee"]))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"weekly_hours": Decimal("0.5")}, "weekly_hours"),
        ({"weekly_hours": Decimal("37.5")}, "weekly_hours"),
        ({"positions": 51}, "positions"),
        ({"start_on": dt.date(2000, 1, 1)}, "start_on"),
        ({"temporary_until": dt.date(2000, 1, 1)}, "temporary_until"),
        ({"reason": "other"}, "reason"),
        ({"title": ""}, None),
        ({"reason_text": "CPR 010190-1234"}, None),
    ],
)
def test_what_a_requisition_must_hold(org, users, change, field):
    with pytest.raises(ValidationFailed) as error:
        services.save_requisition(access_for(users["manager"]), service_data(org, **change))
    assert error.value.field == field


def test_a_manager_sees_requisitions_for_their_units_only(org, users):
    mine = RequisitionFactory(unit=org.nord)
    RequisitionFactory(unit=org.skole, title="Lærer")
    manager = access_for(users["manager"])
    page = services.list_requisitions(manager)
    assert [r.pk for r in page.object_list] == [mine.pk]
    with pytest.raises(NotFound):
        services.requisition_detail(manager, Requisition.objects.get(title="Lærer").pk)
    assert services.list_requisitions(access_for(users["hr"])).paginator.count == 2
    with pytest.raises(PermissionDenied):
        services.list_requisitions(access_for(users["analyst"]))


def test_only_a_draft_can_be_changed_sent_or_deleted(org, users):
    manager = access_for(users["manager"])
    req = RequisitionFactory(unit=org.nord, requested_by=users["manager"])
    services.submit_requisition(manager, req.pk)
    for change in (
        lambda: services.save_requisition(manager, service_data(org), requisition_id=req.pk),
        lambda: services.submit_requisition(manager, req.pk),
        lambda: services.delete_requisition(manager, req.pk),
    ):
        with pytest.raises(ValidationFailed):
            change()


# --- HR decides, the manager sees it -------------------------------------------------------------


def test_hr_approves_and_the_manager_sees_it(client_as, org, users):
    req = RequisitionFactory(unit=org.nord, requested_by=users["manager"], status="submitted")
    hr = client_as("hr")
    queue = requisitions.queue_items(access_for(users["hr"]))
    assert [(q.key, q.count) for q in queue] == [("recruitment_requisitions", 1)]
    response = hr.post(
        reverse("recruitment:requisition_decide", args=[req.pk]),
        {"decision": "approve", "note": "God begrundelse."},
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == RequisitionStatus.APPROVED and req.decided_by == users["hr"]
    assert req.decision_note == "God begrundelse." and req.decided_at is not None
    assert requisitions.queue_items(access_for(users["hr"])) == []
    manager = client_as("manager")
    page = manager.get(reverse("recruitment:requisition", args=[req.pk])).content.decode()
    assert "HR har godkendt ønsket" in page and "God begrundelse." in page
    decided = requisitions.queue_items(access_for(users["manager"]))
    assert [(q.key, q.count) for q in decided] == [("recruitment_requisition_decisions", 1)]


def test_a_rejection_needs_a_note(client_as, org, users):
    req = RequisitionFactory(unit=org.nord, status="submitted")
    hr = client_as("hr")
    url = reverse("recruitment:requisition_decide", args=[req.pk])
    response = hr.post(url, {"decision": "reject", "note": ""})
    assert response.status_code == 400
    assert "hvorfor ønsket afvises" in response.content.decode()
    req.refresh_from_db()
    assert req.status == RequisitionStatus.SUBMITTED
    hr.post(url, {"decision": "reject", "note": "Ingen budget i år."})
    req.refresh_from_db()
    assert req.status == RequisitionStatus.REJECTED
    # Decided once: not again.
    with pytest.raises(ValidationFailed):
        services.decide_requisition(access_for(users["hr"]), req.pk, approve=True)


def test_a_draft_cannot_be_decided_and_a_manager_cannot_decide(org, users):
    req = RequisitionFactory(unit=org.nord)
    with pytest.raises(ValidationFailed):
        services.decide_requisition(access_for(users["hr"]), req.pk, approve=True)
    with pytest.raises(PermissionDenied):
        services.decide_requisition(access_for(users["manager"]), req.pk, approve=True)


# --- A shortage the workforce plan shows ---------------------------------------------------------


@pytest.fixture
def plan(org):
    make_history(org)
    return workforce.create_illustrative_scenario()


def test_a_shortage_keeps_the_plans_recruitment_need(org, users, plan):
    """The figure is the plan's expected (mean) recruitment need for SOSU in the year, × the
    group's FTE per person today, to one decimal."""
    manager = access_for(users["manager"])
    year = services.shortage_years()[0]
    found = services.shortage(manager, job_family("sosu").pk, year)
    assert found is not None
    full = workforce.plan(manager, workforce.get_scenario(manager))
    row = next(r for r in full.rows["job_family"] if r.key == "sosu")
    need = next(y for y in row.years if y.year == year).recruitment
    assert found.people == need.mean and found.people_low == need.p10
    assert found.fte == Decimal(str(round(need.mean * row.base_fte / row.base_headcount, 1)))
    assert found.fte > 0
    saved = services.save_requisition(
        manager,
        service_data(org, reason=RequisitionReason.SHORTAGE, shortage_year=year),
    )
    assert saved.shortage_year == year and saved.shortage_gap == found.fte
    assert found.plan_url.startswith(reverse("workforce:plan"))


def test_no_shortage_where_the_plan_shows_no_figure(org, users, plan):
    manager = access_for(users["manager"])
    # Akademikere: two people, below the minimum group size.
    assert (
        services.shortage(manager, job_family("akademiker").pk, services.shortage_years()[0])
        is None
    )
    assert services.shortage(manager, job_family("sosu").pk, 1999) is None
    with pytest.raises(ValidationFailed) as error:
        services.save_requisition(
            manager,
            service_data(
                org,
                job_family_id=job_family("akademiker").pk,
                reason=RequisitionReason.SHORTAGE,
                shortage_year=services.shortage_years()[0],
            ),
        )
    assert error.value.field == "shortage_year"


def test_no_scenario_no_shortage(org, users):
    assert (
        services.shortage(
            access_for(users["hr"]), job_family("sosu").pk, services.shortage_years()[0]
        )
        is None
    )


def test_the_shortage_partial_shows_the_figure(client_as, org, plan):
    client = client_as("manager")
    response = client.get(
        reverse("recruitment:requisition_shortage"),
        {"job_family": job_family("sosu").pk, "shortage_year": services.shortage_years()[0]},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "forventet rekrutteringsbehov på" in page and "<html" not in page
    assert reverse("workforce:plan") in page


def test_the_list_is_paged_and_filtered(client_as, org, users):
    for i in range(requisitions.PAGE_SIZE + 2):
        RequisitionFactory(unit=org.nord, title=f"Stilling {i}")
    RequisitionFactory(unit=org.nord, title="Sendt", status="submitted")
    hr = client_as("hr")
    page = hr.get(reverse("recruitment:requisitions"), {"status": "submitted"}).content.decode()
    assert "Sendt" in page and "Stilling 1<" not in page
    first = services.list_requisitions(access_for(users["hr"]))
    assert first.object_list[0].title == "Sendt"  # waiting for HR first
    assert first.paginator.num_pages == 2


def test_the_front_page_shows_hr_the_waiting_requests(client_as, org, users):
    RequisitionFactory(unit=org.nord, title="Sygeplejerske til nattevagt", status="submitted")
    page = client_as("hr").get("/").content.decode()
    assert "Stillingsønsker til godkendelse" in page
    assert "Sygeplejerske til nattevagt" in page
