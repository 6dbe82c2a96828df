"""Benefits realisation and the automation register: the services (who may do what, what is
saved, what is recorded) and the pages' forms."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.services import access_for
from charlie.portfolio.models import Automation, BenefitPeriod
from charlie.portfolio.services import automations as autos
from charlie.portfolio.services import benefits as svc
from charlie.portfolio.tests.factories import (
    AutomationFactory,
    BenefitFactory,
    BenefitPeriodFactory,
    InitiativeFactory,
)
from charlie.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


def _access(users, role):
    return access_for(users[role])


def _new(users, org, **over):
    initiative = InitiativeFactory()
    values = {
        "number": initiative.number,
        "description": "Færre timer på journalisering",
        "kind": "hours",
        "owner": org.person_in_nord.employee_number,
        "start": date(2025, 1, 1),
        "end": date(2025, 12, 31),
        "period": "quarter",
        "planned_per_period": Decimal(120),
    }
    values.update(over)
    return svc.create_benefit(_access(users, "hr"), **values)


def test_hr_creates_a_benefit_with_its_quarters_and_the_owner_is_logged(users, org):
    benefit = _new(users, org)
    periods = list(benefit.periods.order_by("period_start"))
    assert [(p.period_start, p.period_end) for p in periods] == [
        (date(2025, 1, 1), date(2025, 3, 31)),
        (date(2025, 4, 1), date(2025, 6, 30)),
        (date(2025, 7, 1), date(2025, 9, 30)),
        (date(2025, 10, 1), date(2025, 12, 31)),
    ]
    assert {p.planned for p in periods} == {Decimal(120)}
    assert benefit.owner_id == org.person_in_nord.pk
    entry = AuditEntry.objects.get(subject_person_id=org.person_in_nord.pk, action="update")
    assert (entry.category, entry.purpose) == ("digitalisering", "digitalisering")


@pytest.mark.parametrize("role", ["manager", "analyst", "employee", "dpo", "admin"])
def test_only_hr_creates(users, org, role):
    initiative = InitiativeFactory()
    with pytest.raises(PermissionDenied):
        svc.create_benefit(
            _access(users, role),
            number=initiative.number,
            description="x",
            kind="hours",
            start=date(2025, 1, 1),
            end=date(2025, 3, 31),
            period="quarter",
            planned_per_period=Decimal(1),
        )


def test_unknown_owner_and_other_kind_without_measure_are_refused(users, org):
    with pytest.raises(ValidationFailed) as exc:
        _new(users, org, owner="NOPE-1")
    assert exc.value.field == "owner"
    with pytest.raises(ValidationFailed) as exc:
        _new(users, org, kind="other", measure=" ")
    assert exc.value.field == "measure"


def test_the_owner_enters_realised_values_but_not_the_plan(users, org):
    benefit = _new(users, org)
    first, *_rest, last = benefit.periods.order_by("period_start")
    owner = _access(users, "employee")  # the person in Nord
    svc.enter_periods(
        owner,
        benefit.pk,
        {first.pk: svc.PeriodInput(planned=Decimal(999), realised=Decimal(80), note="Godt i gang")},
    )
    first.refresh_from_db()
    assert (first.planned, first.realised, first.note) == (Decimal(120), Decimal(80), "Godt i gang")
    assert first.entered_by == users["employee"] and first.entered_at is not None
    page = svc.benefit_page(owner, benefit.pk)
    assert page.can_enter and not page.can_manage
    assert page.line.summary.realised_so_far == Decimal(80)
    # HR changes the plan of the last quarter.
    svc.enter_periods(
        _access(users, "hr"),
        benefit.pk,
        {last.pk: svc.PeriodInput(planned=Decimal(200), realised=None)},
    )
    last.refresh_from_db()
    assert last.planned == Decimal(200)


def test_someone_else_cannot_see_or_enter_and_a_future_period_is_refused(users, org):
    benefit = _new(users, org, owner=org.person_in_skole.employee_number)
    with pytest.raises(NotFound):
        svc.benefit_page(_access(users, "employee"), benefit.pk)
    with pytest.raises(PermissionDenied):
        svc.enter_periods(_access(users, "manager"), benefit.pk, {})
    start = timezone.localdate() + timedelta(days=40)
    future = _new(users, org, start=start, end=start + timedelta(days=200))
    period = future.periods.first()
    with pytest.raises(ValidationFailed, match="ikke begyndt"):
        svc.enter_periods(
            _access(users, "hr"), future.pk, {period.pk: svc.PeriodInput(None, Decimal(1))}
        )


def test_new_dates_lay_out_periods_again_keeping_values_and_protecting_realised(users, org):
    benefit = _new(users, org)
    first = benefit.periods.order_by("period_start").first()
    svc.enter_periods(
        _access(users, "hr"), benefit.pk, {first.pk: svc.PeriodInput(None, Decimal(90))}
    )
    hr = _access(users, "hr")
    common = {
        "description": "Færre timer",
        "kind": "hours",
        "owner": org.person_in_nord.employee_number,
        "period": "quarter",
    }
    svc.update_benefit(hr, benefit.pk, start=date(2025, 1, 1), end=date(2026, 6, 30), **common)
    periods = list(benefit.periods.order_by("period_start"))
    assert len(periods) == 6
    assert periods[0].realised == Decimal(90) and periods[0].planned == Decimal(120)
    assert periods[-1].planned == Decimal(0)
    # A year's period would drop the realised first quarter's start? No: it starts the same
    # day, so it is kept; moving the start would drop it and is refused.
    with pytest.raises(ValidationFailed, match="realiseret værdi"):
        svc.update_benefit(hr, benefit.pk, start=date(2025, 2, 1), end=date(2026, 6, 30), **common)
    svc.update_benefit(
        hr,
        benefit.pk,
        start=date(2025, 1, 1),
        end=date(2026, 12, 31),
        planned_per_period=Decimal(500),
        **{**common, "period": "year"},
    )
    periods = list(benefit.periods.order_by("period_start"))
    assert [(p.period_start, p.planned, p.realised) for p in periods] == [
        (date(2025, 1, 1), Decimal(500), Decimal(90)),
        (date(2026, 1, 1), Decimal(500), None),
    ]
    assert svc.period_of(benefit) == "year"


def test_the_list_filters_and_the_analyst_sees_no_names(users, org):
    behind = _new(users, org)
    p = behind.periods.order_by("period_start").first()
    svc.enter_periods(_access(users, "hr"), behind.pk, {p.pk: svc.PeriodInput(None, Decimal(10))})
    ahead = BenefitFactory(owner=org.person_in_skole, description="Hurtigere svar")
    BenefitPeriodFactory(benefit=ahead, planned=Decimal(5), realised=Decimal(9))
    manager = _access(users, "manager")

    def listed(access, **filters):
        return svc.benefit_list(access, **filters).object_list

    assert {line.benefit.pk for line in listed(manager)} == {behind.pk, ahead.pk}
    missing = listed(manager, status="missing")
    assert [line.benefit.pk for line in missing] == [behind.pk]  # three quarters due, empty
    assert [line.benefit.pk for line in listed(manager, query="hurtig")] == [ahead.pk]
    names = {line.owner_name for line in listed(manager)}
    assert names == {
        f"{org.person_in_nord.first_name} {org.person_in_nord.last_name}",
        f"{org.person_in_skole.first_name} {org.person_in_skole.last_name}",
    }
    before = AuditEntry.objects.count()
    assert {line.owner_name for line in listed(_access(users, "analyst"))} == {""}
    assert AuditEntry.objects.count() == before


def test_the_owner_sees_missing_values_on_the_front_page(users, org):
    benefit = _new(users, org)
    items = svc.queue_items(_access(users, "employee"))
    assert len(items) == 1 and items[0].count == 4
    assert items[0].url == reverse("portfolio:benefit_enter", args=[benefit.pk])
    assert svc.queue_items(_access(users, "manager")) == []
    BenefitPeriod.objects.filter(benefit=benefit).update(realised=Decimal(1))
    assert svc.queue_items(_access(users, "employee")) == []


def test_my_data_lists_owned_benefits_and_automations(users, org):
    _new(users, org)
    AutomationFactory(owner=org.person_in_nord, name="Journalrobot")
    from charlie.portfolio import services

    rows = services.my_data(org.person_in_nord.pk)
    texts = [" ".join(row.values()) for row in rows]
    assert any("Færre timer på journalisering" in text and "2025-01-01" in text for text in texts)
    assert any("Journalrobot" in text for text in texts)
    assert services.my_data(org.person_in_skole.pk) == []


def test_the_periods_page_saves_danish_numbers(client, users, org):
    benefit = _new(users, org)
    first = benefit.periods.order_by("period_start").first()
    client.force_login(users["employee"])
    url = reverse("portfolio:benefit_enter", args=[benefit.pk])
    data = {}
    for p in benefit.periods.all():
        data[f"realised_{p.pk}"] = ""
        data[f"note_{p.pk}"] = ""
    data[f"realised_{first.pk}"] = "1.234,5"
    response = client.post(url, data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.realised == Decimal("1234.5")
    response = client.get(reverse("portfolio:benefit", args=[benefit.pk]))
    assert b"1.234,5" in response.content and b"<svg" in response.content
    # 1,234.5 realised of 4 × 120 = 480 planned so far (the quarters of 2025 have ended).
    assert "257 %" in response.content.decode()


def test_the_benefit_form_creates_through_the_page(client, users, org):
    initiative = InitiativeFactory()
    client.force_login(users["hr"])
    url = reverse("portfolio:benefit_new", args=[initiative.number])
    response = client.post(
        url,
        {
            "description": "Færre opkald",
            "kind": "kroner",
            "owner": "",
            "start": "2027-01-01",
            "end": "2027-06-30",
            "period": "quarter",
            "planned_per_period": "10.000",
        },
    )
    assert response.status_code == 302
    benefit = initiative.benefits.get()
    assert [p.planned for p in benefit.periods.all()] == [Decimal(10000), Decimal(10000)]
    bad = client.post(
        url,
        {
            "description": "x",
            "kind": "other",
            "start": "2027-01-01",
            "end": "2026-01-01",
            "period": "quarter",
            "planned_per_period": "1",
        },
    )
    assert bad.status_code == 400


# --- The automation register -------------------------------------------------------------------


def _automation(users, org, automation_id=None, **over):
    values = {
        "name": "Bilagsrobot",
        "kind": "rpa",
        "process": "Flytter bilag fra e-mail til ESDH.",
        "owner": org.person_in_skole.employee_number,
        "unit_id": org.skole.pk,
        "hours_saved_per_month": Decimal(40),
        "status": "running",
        "data_touched": "E-mails med bilag; sagsnumre",
        "personal_data": True,
        "human_review": True,
        "review_note": "En medarbejder tjekker fejlkøen hver morgen.",
        "started_on": date(2025, 3, 1),
    }
    values.update(over)
    return autos.save_automation(_access(users, "hr"), automation_id, **values)


def test_hr_registers_and_changes_an_automation(users, org):
    item = _automation(users, org)
    assert item.owner_id == org.person_in_skole.pk
    assert AuditEntry.objects.filter(
        subject_person_id=org.person_in_skole.pk, action="create", category="digitalisering"
    ).exists()
    _automation(users, org, item.pk, status="paused", owner="")
    item.refresh_from_db()
    assert (item.status, item.owner_id) == ("paused", None)
    # The old owner is told in the log that their record changed.
    assert AuditEntry.objects.filter(
        subject_person_id=org.person_in_skole.pk, action="update"
    ).exists()


def test_the_register_refuses_what_the_dpo_needs_and_is_missing(users, org):
    with pytest.raises(ValidationFailed) as exc:
        _automation(users, org, data_touched="", review_note="", started_on=None)
    assert len(exc.value.messages) == 3 and exc.value.field == "data_touched"
    with pytest.raises(ValidationFailed, match="intet initiativ"):
        _automation(users, org, initiative_number=4242)
    with pytest.raises(PermissionDenied):
        autos.save_automation(
            _access(users, "manager"),
            None,
            name="x",
            kind="rpa",
            process="x",
            hours_saved_per_month=Decimal(0),
            status="planned",
            personal_data=False,
            human_review=False,
        )


def test_register_filters_and_totals(users, org):
    _automation(users, org)
    AutomationFactory(kind="ai", status="planned", personal_data=False, name="Visitationshjælper")
    hr = _access(users, "hr")
    all_ = autos.register_page(hr, autos.AutomationFilter())
    assert all_.totals.count == 2 and all_.totals.running == 1
    assert all_.totals.hours_per_month == Decimal(40)
    ai = autos.register_page(hr, autos.AutomationFilter(kind="ai"))
    assert [a.name for a in ai.page.object_list] == ["Visitationshjælper"]
    personal = autos.register_page(hr, autos.AutomationFilter(personal_data="ja"))
    assert [a.name for a in personal.page.object_list] == ["Bilagsrobot"]
    assert personal.page.object_list[0].owner_name.startswith(org.person_in_skole.first_name)
    analyst = autos.register_page(_access(users, "analyst"), autos.AutomationFilter())
    assert {a.owner_name for a in analyst.page.object_list} == {""}
    with pytest.raises(PermissionDenied):
        autos.register_page(_access(users, "employee"), autos.AutomationFilter())


def test_every_employee_sees_running_robots_without_names(client, users, org):
    _automation(users, org)
    AutomationFactory(status="planned", name="Planlagt robot")
    summary = autos.public_summary(_access(users, "employee"))
    assert [row.name for row in summary.rows] == ["Bilagsrobot"]
    assert summary.by_kind[0][1:] == (1, Decimal(40))
    client.force_login(users["employee"])
    before = AuditEntry.objects.count()
    response = client.get(reverse("portfolio:automations_public"))
    assert response.status_code == 200
    assert b"Bilagsrobot" in response.content
    assert org.person_in_skole.last_name.encode() not in response.content
    assert AuditEntry.objects.count() == before
    assert Automation.objects.count() == 2
