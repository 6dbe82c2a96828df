"""The APV as a process (``services.apv``): starting it with the checklist and the sickness
absence, the four steps and what each must hold, completing it and the next APV's day, HR's
earlier day, the written APV's readers, the overview, reminders and the front page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from charlie.absence import services as absence
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.services import access_for
from charlie.privacy.models import AuditEntry
from charlie.wellbeing import apv as rules
from charlie.wellbeing.models import Apv, ApvStep, SurveyStatus, WalkthroughStatus
from charlie.wellbeing.services import apv as svc
from charlie.wellbeing.tests.factories import (
    ActionFactory,
    ApvFactory,
    ApvProblemFactory,
    SurveyFactory,
    WalkthroughItemFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 3, 15)


@pytest.fixture
def on_day(monkeypatch):
    """Today is 15 March 2027 for the services."""
    monkeypatch.setattr("charlie.wellbeing.services.common.today", lambda: TODAY)
    monkeypatch.setattr("charlie.wellbeing.services.apv.today", lambda: TODAY)
    monkeypatch.setattr("charlie.wellbeing.services.actions.today", lambda: TODAY)
    return TODAY


def _access(users, role):
    return access_for(users[role])


def _figures(unit_id: int, *, rate: float | None, days: float | None):
    """What ``absence_figures`` answers: one row for the unit."""
    row = absence.FigureRow(
        key={"unit": str(unit_id)},
        label="Enhed",
        depth=3,
        headcount=None if rate is None else 12,
        fte=None if rate is None else 11.2,
        sickness_day_equivalents=None,
        absence_rate=rate,
        days_per_fte=days,
        periods_per_full_year_employee=None,
        average_period_days=None,
        short_periods=None,
        long_periods=None,
    )
    return absence.Figures(
        start=dt.date(2026, 3, 1),
        end=dt.date(2027, 2, 28),
        by="unit",
        min_size=5,
        long_threshold_days=28,
        rows=[row],
        total=row,
    )


# --- Starting ------------------------------------------------------------------------------------


def test_the_manager_starts_an_apv_with_the_checklist_and_the_absence(
    org, users, on_day, monkeypatch
):
    asked = {}

    def figures(access, *, start, end, by):
        asked.update(start=start, end=end, by=by, role=access.role)
        return _figures(org.nord.pk, rate=0.0534, days=11.84)

    monkeypatch.setattr(absence, "absence_figures", figures)
    row = svc.start_apv(
        _access(users, "manager"),
        unit_id=org.nord.pk,
        title="APV 2027",
        walkthrough=True,
        participants="Arbejdsmiljørepræsentant Hanne",
    )
    assert row.step == ApvStep.MAPPING and row.started_on == TODAY
    assert row.items.count() == len(svc.DEFAULT_CHECKLIST)
    # The last 12 whole months before 15 March 2027, the unit's row, kept as it was.
    assert asked == {
        "start": dt.date(2026, 3, 1),
        "end": dt.date(2027, 2, 28),
        "by": "unit",
        "role": "manager",
    }
    row.refresh_from_db()
    assert row.absence_period == "2026-03-01/2027-02-28"
    assert row.absence_percent == Decimal("5.34")
    assert row.absence_days_per_fte == Decimal("11.84")


def test_a_unit_too_small_keeps_the_period_without_figures(org, users, on_day):
    # Plejecenter Nord has one employee: the absence app's disclosure control hides it.
    row = svc.start_apv(
        _access(users, "manager"), unit_id=org.nord.pk, title="APV", walkthrough=False
    )
    row.refresh_from_db()
    assert rules.parse_period(row.absence_period) == (dt.date(2026, 3, 1), dt.date(2027, 2, 28))
    assert row.absence_percent is None and row.absence_days_per_fte is None
    assert svc.apv_detail(_access(users, "manager"), row.pk).absence.hidden


def test_a_unit_has_one_apv_under_way_at_a_time(org, users, on_day):
    manager = _access(users, "manager")
    first = svc.start_apv(manager, unit_id=org.nord.pk, title="APV", walkthrough=False)
    with pytest.raises(ValidationFailed, match="allerede en APV i gang"):
        svc.start_apv(manager, unit_id=org.nord.pk, title="APV igen", walkthrough=False)
    Apv.objects.filter(pk=first.pk).update(step=ApvStep.DONE, completed_on=TODAY)
    assert svc.start_apv(manager, unit_id=org.nord.pk, title="Ny", walkthrough=False).pk


def test_who_may_start_an_apv_where(org, users, on_day):
    with pytest.raises(NotFound):
        svc.start_apv(_access(users, "manager"), unit_id=org.skole.pk, title="x", walkthrough=False)
    for role in ("employee", "analyst", "dpo", "admin"):
        with pytest.raises(PermissionDenied):
            svc.start_apv(_access(users, role), unit_id=org.nord.pk, title="x", walkthrough=False)
    row = svc.start_apv(_access(users, "hr"), unit_id=org.skole.pk, title="x", walkthrough=False)
    assert row.unit_id == org.skole.pk


def test_only_a_survey_sent_out_in_the_unit_may_be_chosen(org, users, on_day):
    in_area = SurveyFactory(status=SurveyStatus.CLOSED)
    in_area.units.add(org.aeldre)  # Nord is below Ældreområdet
    draft = SurveyFactory()
    draft.units.add(org.nord)
    elsewhere = SurveyFactory(status=SurveyStatus.CLOSED)
    elsewhere.units.add(org.skole)
    manager = _access(users, "manager")
    assert svc.survey_choices(manager, org.nord.pk) == [(in_area.pk, in_area.name)]
    row = svc.start_apv(
        manager, unit_id=org.nord.pk, title="x", walkthrough=False, survey_id=in_area.pk
    )
    assert row.survey_id == in_area.pk
    row.delete()
    for survey in (draft, elsewhere):
        with pytest.raises(ValidationFailed) as exc:
            svc.start_apv(
                manager, unit_id=org.nord.pk, title="x", walkthrough=False, survey_id=survey.pk
            )
        assert exc.value.field == "survey"


# --- The steps -----------------------------------------------------------------------------------


def _mapped(org, users) -> Apv:
    """An APV of Nord at step 1 with three points, the absence fetched (hidden)."""
    row = ApvFactory(unit=org.nord, absence_period="2026-03-01/2027-02-28")
    for text in ("Støj", "Lys", "Tunge løft"):
        WalkthroughItemFactory(apv=row, text=text)
    return row


def test_the_apv_cannot_leave_mapping_before_it_holds_what_the_law_asks(org, users, on_day):
    row = _mapped(org, users)
    manager = _access(users, "manager")
    with pytest.raises(ValidationFailed) as exc:
        svc.move_to(manager, row.pk, ApvStep.PRIORITISING)
    text = " ".join(exc.value.messages)
    assert "§ 15 a, stk. 3" in text  # participants
    assert "Vurdér alle punkter" in text
    assert "vurdering af sygefraværet" in text
    items = {i.text: i.pk for i in row.items.all()}
    svc.save_mapping(
        manager,
        row.pk,
        title=row.title,
        participants="AMR Hanne, TR Lars",
        survey_id=None,
        absence_note="Fraværet følger sæsonen; intet peger på arbejdsmiljøet.",
        items={
            items["Støj"]: (WalkthroughStatus.PROBLEM, "Fællesrummet larmer"),
            items["Lys"]: (WalkthroughStatus.OK, ""),
            items["Tunge løft"]: (WalkthroughStatus.PROBLEM, ""),
        },
    )
    assert svc.move_to(manager, row.pk, ApvStep.PRIORITISING).step == ApvStep.PRIORITISING
    # Two steps at once is refused; going back is allowed.
    with pytest.raises(ValidationFailed):
        svc.move_to(manager, row.pk, ApvStep.FOLLOW_UP)
    assert svc.move_to(manager, row.pk, ApvStep.MAPPING).step == ApvStep.MAPPING


def test_the_whole_process_to_completion(org, users, on_day):
    row = _mapped(org, users)
    manager = _access(users, "manager")
    items = {i.text: i.pk for i in row.items.all()}
    svc.save_mapping(
        manager,
        row.pk,
        title=row.title,
        participants="AMR Hanne",
        survey_id=None,
        absence_note="Intet at bemærke.",
        items={
            items["Støj"]: (WalkthroughStatus.PROBLEM, "Fællesrummet larmer"),
            items["Lys"]: (WalkthroughStatus.OK, ""),
            items["Tunge løft"]: (WalkthroughStatus.NOT_RELEVANT, ""),
        },
    )
    svc.move_to(manager, row.pk, ApvStep.PRIORITISING)
    # The walkthrough's problem becomes a problem, once.
    assert svc.problems_from_walkthrough(manager, row.pk) == 1
    assert svc.problems_from_walkthrough(manager, row.pk) == 0
    problem = row.problems.get()
    assert problem.title == "Støj" and problem.description == "Fællesrummet larmer"
    assert problem.source == "Rundering: Indeklima" and problem.item_id == items["Støj"]
    with pytest.raises(ValidationFailed, match="beskrivelsen og vurderingen"):
        svc.move_to(manager, row.pk, ApvStep.ACTION_PLAN)
    svc.save_assessment(manager, row.pk, assessment="Støj er det største problem.")
    svc.move_to(manager, row.pk, ApvStep.ACTION_PLAN)
    with pytest.raises(ValidationFailed, match="mindst én handling"):
        svc.move_to(manager, row.pk, ApvStep.FOLLOW_UP)
    ActionFactory(unit=org.nord, apv=row, problem_ref=problem, owner=users["manager"])
    svc.move_to(manager, row.pk, ApvStep.FOLLOW_UP)
    with pytest.raises(ValidationFailed, match="opfølgning"):
        svc.move_to(manager, row.pk, ApvStep.DONE)
    svc.save_follow_up(manager, row.pk, guidelines="AMR og leder følger op hver måned på MED.")
    done = svc.move_to(manager, row.pk, ApvStep.DONE)
    assert done.completed_on == TODAY
    assert done.next_due_on == dt.date(2030, 3, 15)
    # A completed APV is as it was written.
    with pytest.raises(ValidationFailed, match="afsluttet"):
        svc.save_assessment(manager, row.pk, assessment="Ændret")
    with pytest.raises(ValidationFailed):
        svc.move_to(manager, row.pk, ApvStep.FOLLOW_UP)


def test_completing_on_29_february(org, users, monkeypatch):
    leap = dt.date(2028, 2, 29)
    monkeypatch.setattr("charlie.wellbeing.services.apv.today", lambda: leap)
    row = ApvFactory(
        unit=org.nord,
        step=ApvStep.FOLLOW_UP,
        participants="AMR",
        survey=None,
        absence_period="2027-02-01/2028-01-31",
        absence_note="Lavt",
        assessment="Ingen problemer fundet.",
        follow_up_guidelines="Gennemgang på MED hvert halve år.",
    )
    WalkthroughItemFactory(apv=row, status=WalkthroughStatus.OK)
    done = svc.move_to(_access(users, "manager"), row.pk, ApvStep.DONE)
    assert done.next_due_on == dt.date(2031, 2, 28)


def _done(org, unit=None, *, completed=dt.date(2027, 1, 10), **kw) -> Apv:
    return ApvFactory(
        unit=unit or org.nord,
        step=ApvStep.DONE,
        started_on=completed - dt.timedelta(days=60),
        completed_on=completed,
        next_due_on=rules.next_due(completed),
        **kw,
    )


def test_hr_sets_the_next_apv_sooner_with_a_reason(org, users, on_day):
    row = _done(org)
    hr = _access(users, "hr")
    with pytest.raises(PermissionDenied):
        svc.set_next_due(_access(users, "manager"), row.pk, due_on=dt.date(2028, 1, 1), reason="x")
    with pytest.raises(ValidationFailed, match=r"10\. januar 2030"):
        svc.set_next_due(hr, row.pk, due_on=dt.date(2030, 1, 11), reason="")
    with pytest.raises(ValidationFailed, match="Grund skal udfyldes"):
        svc.set_next_due(hr, row.pk, due_on=dt.date(2028, 1, 1), reason="")
    with pytest.raises(ValidationFailed, match="før, APV'en blev afsluttet"):
        svc.set_next_due(hr, row.pk, due_on=dt.date(2027, 1, 9), reason="Flytning")
    moved = svc.set_next_due(
        hr, row.pk, due_on=dt.date(2028, 1, 1), reason="Flytter til ny bygning"
    )
    assert moved.next_due_on == dt.date(2028, 1, 1)
    assert moved.next_due_reason == "Flytter til ny bygning"
    # Back to the law's day: no reason needed, none kept.
    back = svc.set_next_due(hr, row.pk, due_on=dt.date(2030, 1, 10), reason="gammel grund")
    assert back.next_due_reason == ""
    # An APV under way has no next day yet.
    with pytest.raises(ValidationFailed, match="afsluttet"):
        svc.set_next_due(hr, ApvFactory(unit=org.nord).pk, due_on=dt.date(2028, 1, 1), reason="x")


# --- The written APV and who reads it ------------------------------------------------------------


def test_the_written_apv_is_read_by_the_units_employees_its_managers_and_hr(org, users, on_day):
    nord, area, skole = _done(org), _done(org, org.aeldre), _done(org, org.skole)
    employee = _access(users, "employee")  # employed in Nord, below Ældreområdet
    assert svc.written(employee, nord.pk).apv == nord
    assert svc.written(employee, area.pk).apv == area
    with pytest.raises(NotFound):
        svc.written(employee, skole.pk)
    manager = _access(users, "manager")
    assert svc.written(manager, nord.pk).apv == nord
    with pytest.raises(NotFound):
        svc.written(manager, skole.pk)
    assert svc.written(_access(users, "hr"), skole.pk).apv == skole
    for role in ("analyst", "dpo", "admin"):
        with pytest.raises(NotFound):
            svc.written(_access(users, role), nord.pk)


def test_the_written_apv_records_the_owners_of_its_actions_as_read(org, users, on_day):
    row = _done(org)
    ActionFactory(unit=org.nord, apv=row, owner=users["manager"])
    svc.written(_access(users, "employee"), row.pk)
    entry = AuditEntry.objects.get()
    assert entry.subject_person_id == users["manager"].person.pk
    assert (entry.category, entry.purpose, entry.action) == ("trivsel", "trivsel", "read")
    assert entry.actor_id == users["employee"].pk


# --- The overview, reminders and the front page --------------------------------------------------


def test_the_overview_shows_each_units_last_apv_and_its_status(org, users, on_day):
    _done(org, completed=dt.date(2024, 1, 10))  # due 10 January 2027: overdue
    _done(org, org.syd, completed=dt.date(2024, 5, 1))  # due 1 May 2027: within 90 days
    ApvFactory(unit=org.skole)  # under way, none completed
    hr = _access(users, "hr")
    by_unit = {row.unit_id: row for row in svc.due_overview(hr)}
    assert by_unit[org.nord.pk].status == rules.DueStatus.OVERDUE
    assert by_unit[org.nord.pk].next_due_on == dt.date(2027, 1, 10)
    assert by_unit[org.syd.pk].status == rules.DueStatus.SOON
    assert by_unit[org.skole.pk].status == rules.DueStatus.IN_PROGRESS
    assert by_unit[org.kultur.pk].status == rules.DueStatus.MISSING
    overdue = svc.due_overview(hr, status="overdue")
    assert [row.unit_id for row in overdue] == [org.nord.pk]
    # The manager sees Plejecenter Nord only.
    assert [row.unit_id for row in svc.due_overview(_access(users, "manager"))] == [org.nord.pk]


def test_the_units_manager_is_reminded_before_the_next_apv_and_when_it_is_late(
    org, users, on_day, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    users["manager"].email = "leder@kommune.dk"
    users["manager"].save()
    row = _done(org, completed=dt.date(2024, 5, 1))  # due 1 May 2027, 47 days on
    _done(org, org.skole, completed=dt.date(2025, 1, 1))  # due 2028: nothing yet
    assert svc.send_due_reminders(on=TODAY) == 1
    assert mail.outbox[0].to == ["leder@kommune.dk"]
    assert "Plejecenter Nord" in mail.outbox[0].body and "01-05-2027" in mail.outbox[0].body
    assert svc.send_due_reminders(on=TODAY + dt.timedelta(days=1)) == 0
    # Late: reminded again, and again 30 days later.
    assert svc.send_due_reminders(on=dt.date(2027, 5, 2)) == 1
    assert "skal revideres" in mail.outbox[-1].subject
    assert svc.send_due_reminders(on=dt.date(2027, 5, 31)) == 0
    assert svc.send_due_reminders(on=dt.date(2027, 6, 1)) == 1
    # A new APV under way: no more reminders.
    ApvFactory(unit=org.nord)
    assert svc.send_due_reminders(on=dt.date(2027, 7, 15)) == 0
    row.refresh_from_db()
    assert row.due_reminded_on == dt.date(2027, 6, 1)


def test_a_unit_without_a_manager_is_reminded_through_the_manager_above(
    org, users, on_day, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    users["manager"].email = "leder@kommune.dk"
    users["manager"].save()
    org.aeldre.manager = org.nord.manager
    org.aeldre.save()
    _done(org, org.syd, completed=dt.date(2024, 5, 1))  # Syd has no manager of its own
    assert svc.send_due_reminders(on=TODAY) == 1
    assert mail.outbox[0].to == ["leder@kommune.dk"]


def test_the_front_page_shows_the_manager_the_apvs_due(org, users, on_day):
    _done(org, completed=dt.date(2024, 1, 10))
    _done(org, org.skole, completed=dt.date(2024, 1, 10))  # not the manager's
    items = svc.queue_items(_access(users, "manager"))
    assert len(items) == 1 and items[0].count == 1
    assert items[0].rows[0].text == "Plejecenter Nord"
    assert items[0].rows[0].url.endswith(f"?enhed={org.nord.pk}")
    assert svc.queue_items(_access(users, "hr")) == []
    assert svc.queue_items(_access(users, "employee")) == []


def test_a_removed_problem_leaves_its_actions_in_the_plan(org, users, on_day):
    row = ApvFactory(unit=org.nord, step=ApvStep.PRIORITISING)
    problem = ApvProblemFactory(apv=row)
    action = ActionFactory(unit=org.nord, apv=row, problem_ref=problem, owner=users["manager"])
    svc.remove_problem(_access(users, "manager"), row.pk, problem.pk)
    action.refresh_from_db()
    assert action.problem_ref_id is None and action.apv_id == row.pk


def test_detail_without_actions_writes_no_audit(org, users, on_day):
    row = ApvFactory(unit=org.nord)
    ActionFactory(unit=org.nord, apv=row, owner=users["employee"])
    svc.apv_detail(_access(users, "manager"), row.pk, with_actions=False)
    assert not AuditEntry.objects.exists()
    detail = svc.apv_detail(_access(users, "manager"), row.pk)
    assert [line.owner for line in detail.lines] == [users["employee"].get_full_name()]
    assert AuditEntry.objects.filter(subject_person_id=org.person_in_nord.pk).exists()
