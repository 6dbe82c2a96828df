"""Action plans (``services.actions``): an action from a survey's result or an APV's problem,
its owner and who may change what, overdue actions' reminders and the front page, and the plan
the unit's employees see — with the owners audited wherever others see them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.services import access_for
from charlie.people.tests.factories import UserFactory
from charlie.privacy.models import AuditEntry
from charlie.wellbeing.models import ActionStatus, ApvStep, SurveyStatus
from charlie.wellbeing.services import actions as svc
from charlie.wellbeing.tests.factories import (
    ActionFactory,
    ApvFactory,
    ApvProblemFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 3, 15)


@pytest.fixture
def on_day(monkeypatch):
    monkeypatch.setattr("charlie.wellbeing.services.actions.today", lambda: TODAY)
    return TODAY


def _access(users, role):
    return access_for(users[role])


def _survey(*units):
    survey = SurveyFactory(status=SurveyStatus.CLOSED)
    survey.units.add(*units)
    return survey


# --- From a survey's result, or an APV's problem -------------------------------------------------


def test_prefill_from_a_survey_result(org, users, on_day):
    survey = _survey(org.aeldre)
    initial = svc.prefill(
        _access(users, "manager"),
        unit_id=org.nord.pk,
        survey_id=survey.pk,
        source="Indflydelse: 2,9 (kommunen 3,6)",
    )
    assert initial == {
        "unit": org.nord.pk,
        "survey": survey.pk,
        "survey_name": survey.name,
        "source": "Indflydelse: 2,9 (kommunen 3,6)",
        "problem": "Indflydelse: 2,9 (kommunen 3,6)",
    }


def test_prefill_refuses_what_is_out_of_reach(org, users, on_day):
    manager = _access(users, "manager")
    with pytest.raises(NotFound):
        svc.prefill(manager, unit_id=org.skole.pk)
    with pytest.raises(NotFound):  # a survey not asked in the unit
        svc.prefill(manager, unit_id=org.nord.pk, survey_id=_survey(org.skole).pk)
    with pytest.raises(NotFound):
        svc.prefill(manager, unit_id=org.nord.pk, survey_id=999999)
    with pytest.raises(PermissionDenied):
        svc.prefill(_access(users, "employee"), unit_id=org.nord.pk)


def test_prefill_from_an_apv_problem(org, users, on_day):
    apv = ApvFactory(unit=org.nord, step=ApvStep.ACTION_PLAN)
    problem = ApvProblemFactory(apv=apv, title="Støj", description="Fællesrummet", source="AMR")
    assert svc.prefill(_access(users, "manager"), problem_id=problem.pk) == {
        "unit": org.nord.pk,
        "apv_problem": problem.pk,
        "problem": "Støj\n\nFællesrummet",
        "source": "AMR",
    }
    elsewhere = ApvProblemFactory(apv=ApvFactory(unit=org.skole))
    with pytest.raises(NotFound):
        svc.prefill(_access(users, "manager"), problem_id=elsewhere.pk)


def _save(access, users, **kw):
    args = {
        "unit_id": kw.pop("unit_id"),
        "problem": "Lav score på indflydelse",
        "action": "Fælles planlægning af vagtplanen",
        "owner_id": users["employee"].pk,
        "deadline": TODAY + dt.timedelta(days=30),
    }
    args.update(kw)
    return svc.save_action(access, **args)


def test_an_action_is_saved_with_its_owner_audited(org, users, on_day):
    survey = _survey(org.nord)
    row = _save(_access(users, "manager"), users, unit_id=org.nord.pk, survey_id=survey.pk)
    assert (row.unit_id, row.survey_id, row.status) == (org.nord.pk, survey.pk, "planned")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.category, entry.purpose) == ("create", "trivsel", "trivsel")
    assert entry.subject_person_id == org.person_in_nord.pk


def test_an_action_from_a_problem_belongs_to_the_apv(org, users, on_day):
    apv = ApvFactory(unit=org.nord, step=ApvStep.ACTION_PLAN)
    problem = ApvProblemFactory(apv=apv)
    row = _save(_access(users, "manager"), users, unit_id=org.skole.pk, apv_problem_id=problem.pk)
    # The problem decides the unit, whatever the form said.
    assert (row.apv_id, row.problem_ref_id, row.unit_id) == (apv.pk, problem.pk, org.nord.pk)


def test_what_an_action_must_hold(org, users, on_day):
    manager = _access(users, "manager")
    with pytest.raises(ValidationFailed) as exc:
        _save(
            manager,
            users,
            unit_id=org.nord.pk,
            problem="",
            action=" ",
            owner_id=None,
            deadline=TODAY - dt.timedelta(days=1),
            survey_id=_survey(org.skole).pk,
        )
    fields = [field for field, _m in exc.value.errors]
    assert fields == ["problem", "action", "owner", "deadline", "survey"]
    # An owner from another unit is refused.
    outsider = UserFactory(username="skole-user")
    org.person_in_skole.user = outsider
    org.person_in_skole.save()
    with pytest.raises(ValidationFailed, match="høre til enheden"):
        _save(manager, users, unit_id=org.nord.pk, owner_id=outsider.pk)


def test_who_may_own_an_action_of_a_unit(org, users, on_day):
    names = {pk for pk, _label in svc.owner_choices(_access(users, "manager"), org.nord.pk)}
    # The unit's employee, its manager (and the caller), HR; not the analyst, not Skole's.
    assert names == {users["employee"].pk, users["manager"].pk, users["hr"].pk}


def test_status_done_sets_the_day_and_reopening_clears_it(org, users, on_day):
    manager = _access(users, "manager")
    row = _save(manager, users, unit_id=org.nord.pk)
    done = _save(manager, users, unit_id=org.nord.pk, action_id=row.pk, status=ActionStatus.DONE)
    assert done.done_on == TODAY
    again = _save(
        manager, users, unit_id=org.nord.pk, action_id=row.pk, status=ActionStatus.IN_PROGRESS
    )
    assert again.done_on is None


def test_the_owner_updates_status_and_follow_up_others_get_404(org, users, on_day):
    row = ActionFactory(unit=org.nord, owner=users["employee"], deadline=TODAY)
    owner = _access(users, "employee")
    view = svc.action_view(owner, row.pk)
    assert (view.can_edit, view.is_owner) == (False, True)
    svc.update_as_owner(owner, row.pk, status=ActionStatus.DONE, follow_up="Pladerne er sat op.")
    row.refresh_from_db()
    assert (row.status, row.follow_up, row.done_on) == ("done", "Pladerne er sat op.", TODAY)
    # The owner may not change the rest.
    with pytest.raises(NotFound):
        _save(owner, users, unit_id=org.nord.pk, action_id=row.pk)
    # A colleague who neither owns nor keeps it: 404; the manager outside the unit: 404.
    other = ActionFactory(unit=org.skole, owner=users["hr"])
    for role in ("employee", "manager", "analyst"):
        with pytest.raises(NotFound):
            svc.action_view(_access(users, role), other.pk)
    assert svc.action_view(_access(users, "hr"), other.pk).can_edit


# --- The list, overdue actions, reminders and the front page -------------------------------------


def test_the_list_filters_by_unit_and_status_in_scope(org, users, on_day):
    late = ActionFactory(unit=org.nord, owner=users["employee"], deadline=TODAY - dt.timedelta(1))
    later = ActionFactory(unit=org.nord, owner=users["employee"], deadline=TODAY)
    closed = ActionFactory(
        unit=org.nord, owner=users["employee"], status=ActionStatus.DONE, done_on=TODAY
    )
    ActionFactory(unit=org.skole, owner=users["hr"])
    manager = _access(users, "manager")
    assert [line.action for line in svc.action_list(manager).lines] == [late, later]
    assert [line.action for line in svc.action_list(manager, status="overdue").lines] == [late]
    assert [line.action for line in svc.action_list(manager, status="closed").lines] == [closed]
    assert svc.action_list(manager, status="overdue").lines[0].overdue
    with pytest.raises(NotFound):
        svc.action_list(manager, unit_id=org.skole.pk)
    assert len(svc.action_list(_access(users, "hr"), status="all").lines) == 4
    hr_nord = svc.action_list(_access(users, "hr"), unit_id=org.aeldre.pk, status="all")
    assert len(hr_nord.lines) == 3  # Ældreområdet with its plejecentre
    with pytest.raises(PermissionDenied):
        svc.action_list(_access(users, "employee"))


def test_overdue_for_a_user(org, users, on_day):
    late = ActionFactory(unit=org.nord, owner=users["employee"], deadline=TODAY - dt.timedelta(1))
    ActionFactory(unit=org.nord, owner=users["employee"], deadline=TODAY)
    ActionFactory(
        unit=org.nord,
        owner=users["employee"],
        deadline=TODAY - dt.timedelta(5),
        status=ActionStatus.DROPPED,
    )
    ActionFactory(unit=org.nord, owner=users["manager"], deadline=TODAY - dt.timedelta(5))
    assert svc.overdue_for(users["employee"], on=TODAY) == [late]
    assert svc.overdue_for(None) == []


def test_owners_of_overdue_actions_are_reminded_once_a_week(org, users, settings, on_day):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    users["employee"].email = "anne@kommune.dk"
    users["employee"].save()
    first = ActionFactory(unit=org.nord, owner=users["employee"], deadline=TODAY - dt.timedelta(1))
    ActionFactory(unit=org.nord, owner=users["employee"], deadline=TODAY - dt.timedelta(3))
    ActionFactory(unit=org.nord, owner=users["employee"], deadline=TODAY)  # not overdue
    assert svc.send_reminders(on=TODAY) == 2
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anne@kommune.dk"]
    assert f"/trivsel/handlinger/{first.pk}/" in mail.outbox[0].body
    # The one due today is overdue tomorrow; the first two wait a week for the next reminder.
    assert svc.send_reminders(on=TODAY + dt.timedelta(days=1)) == 1
    assert svc.send_reminders(on=TODAY + dt.timedelta(days=6)) == 0
    assert svc.send_reminders(on=TODAY + dt.timedelta(days=7)) == 2
    first.refresh_from_db()
    assert first.reminded_on == TODAY + dt.timedelta(days=7)
    reminders = AuditEntry.objects.filter(detail="påmindelse om handling")
    assert set(reminders.values_list("subject_person_id", flat=True)) == {org.person_in_nord.pk}
    assert set(reminders.values_list("channel", flat=True)) == {"task"}


def test_an_owner_without_an_address_is_not_reminded(org, users, settings, on_day):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    row = ActionFactory(unit=org.nord, owner=users["employee"], deadline=TODAY - dt.timedelta(1))
    assert svc.send_reminders(on=TODAY) == 0
    row.refresh_from_db()
    assert row.reminded_on is None and not mail.outbox


def test_the_front_page(org, users, on_day):
    own = ActionFactory(unit=org.nord, owner=users["manager"], deadline=TODAY - dt.timedelta(2))
    theirs = ActionFactory(unit=org.nord, owner=users["employee"], deadline=TODAY - dt.timedelta(1))
    ActionFactory(unit=org.skole, owner=users["hr"], deadline=TODAY - dt.timedelta(1))
    items = {i.key: i for i in svc.queue_items(_access(users, "manager"))}
    assert items["wellbeing_my_actions"].count == 1
    assert items["wellbeing_my_actions"].rows[0].url == f"/trivsel/handlinger/{own.pk}/"
    unit_item = items["wellbeing_unit_actions"]
    assert unit_item.count == 1 and unit_item.rows[0].url == f"/trivsel/handlinger/{theirs.pk}/"
    assert users["employee"].get_full_name() in unit_item.rows[0].text
    # The owner shown to the manager is recorded as read.
    assert AuditEntry.objects.filter(
        subject_person_id=org.person_in_nord.pk, detail="handlinger på forsiden"
    ).exists()
    # The employee sees their own; HR theirs, and no list of units.
    employee = svc.queue_items(_access(users, "employee"))
    assert [i.key for i in employee] == ["wellbeing_my_actions"]
    assert employee[0].rows[0].url == f"/trivsel/handlinger/{theirs.pk}/"
    assert [i.key for i in svc.queue_items(_access(users, "hr"))] == ["wellbeing_my_actions"]
    assert svc.queue_items(_access(users, "analyst")) == []


# --- The employees' plan -------------------------------------------------------------------------


def test_the_employees_see_their_units_plan_and_the_units_above(org, users, on_day):
    nord = ActionFactory(unit=org.nord, owner=users["manager"], deadline=TODAY)
    area = ActionFactory(unit=org.aeldre, owner=users["hr"], deadline=TODAY)
    ActionFactory(unit=org.skole, owner=users["hr"])
    ActionFactory(  # closed more than a year ago: off the plan
        unit=org.nord,
        owner=users["manager"],
        status=ActionStatus.DONE,
        done_on=TODAY - dt.timedelta(days=400),
    )
    recent = ActionFactory(
        unit=org.nord,
        owner=users["manager"],
        status=ActionStatus.DONE,
        done_on=TODAY - dt.timedelta(days=30),
    )
    apv = ApvFactory(unit=org.nord, step=ApvStep.DONE)
    plans = svc.my_plan(_access(users, "employee"))
    assert [p.unit for p in plans] == [org.nord, org.aeldre]
    assert plans[0].apv == apv and plans[1].apv is None
    assert [line.action for line in plans[0].lines] == [nord, recent]  # by deadline
    assert [line.action for line in plans[1].lines] == [area]
    subjects = set(
        AuditEntry.objects.filter(purpose="trivsel").values_list("subject_person_id", flat=True)
    )
    assert subjects == {users["manager"].person.pk, users["hr"].person.pk}
    # Someone with no employment has no plan.
    assert svc.my_plan(_access(users, "analyst")) == []
