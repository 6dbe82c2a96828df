"""Changing a plan that has started (first working day, manager, mentor, welcome text) and the
new colleague ticking off their own tasks on the pre-boarding page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people import services as people
from charlie.privacy.models import AuditEntry
from charlie.recruitment.models import OnboardingTask, TaskKind
from charlie.recruitment.services import onboarding as svc
from charlie.recruitment.tests.factories import OnboardingPlanFactory, OnboardingTaskFactory

pytestmark = pytest.mark.django_db

D = dt.date


def _access(users, role):
    return people.access_for(users[role])


MARCH_1 = D(2027, 3, 1)


def _start(org, users, start):
    """A plan HR started for ``start``, with the two ansættelsesbevis tasks; the outbox holds
    only its welcome e-mail."""
    mail.outbox.clear()
    return svc.start_plan(
        _access(users, "hr"),
        name="Sara Holm",
        email="sara@example.org",
        title="Social- og sundhedsassistent",
        unit=org.nord,
        job_family=org.person_in_nord.employments.first().job_family,
        start_on=start,
        mentor_name="Mona Mentor",
    ).plan


def _started(org, users, start=MARCH_1):
    """A plan for 1 March 2027: a task before day 1, one on day 30, the two ansættelsesbevis
    tasks (8 March, 1 April)."""
    plan = _start(org, users, start)
    OnboardingTaskFactory(plan=plan, title="IT-adgang", phase="before", due_on=D(2027, 2, 22))
    OnboardingTaskFactory(plan=plan, title="Kursus", phase="day_30", due_on=D(2027, 3, 31))
    return plan


def _due(plan) -> dict[str, D]:
    return {t.title if t.kind == TaskKind.TASK else t.kind: t.due_on for t in plan.tasks.all()}


def _edit(access, plan, **kw):
    fields = {
        "start_on": plan.start_on,
        "manager": plan.manager_id,
        "mentor_name": plan.mentor_name,
        "welcome": plan.welcome,
    }
    fields.update(kw)
    return svc.edit_plan(access, plan.pk, **fields)


# --- Edit and re-date ---------------------------------------------------------------------------


def test_moving_the_first_day_moves_the_open_tasks_and_counts_the_terms_again(org, users):
    """1 March → 15 March 2027 (14 days later): the open tasks move 14 days; the core terms
    are due 22 March and the other terms 15 April, counted from the new day."""
    plan = _started(org, users)
    OnboardingTask.objects.filter(plan=plan).update(reminded_on=D(2027, 2, 19))
    edited = _edit(_access(users, "manager"), plan, start_on=D(2027, 3, 15))
    assert (edited.changed, edited.moved_days, edited.redated) == (True, 14, 4)
    assert not edited.terms_to_update and edited.still_visible
    plan.refresh_from_db()
    assert plan.start_on == D(2027, 3, 15)
    assert _due(plan) == {
        "IT-adgang": D(2027, 3, 8),
        "Kursus": D(2027, 4, 14),
        "terms_7": D(2027, 3, 22),
        "terms_1m": D(2027, 4, 15),
    }
    # Moved tasks are reminded again before their new dates.
    assert set(plan.tasks.values_list("reminded_on", flat=True)) == {None}


def test_done_tasks_keep_their_dates_and_a_given_ansaettelsesbevis_is_flagged(org, users):
    """Start 30 January 2028 moved to 31 January: the other terms stay due 29 February (a month
    from either day ends there in the leap year), the core terms were given already and keep 6
    February, the open task moves a day."""
    plan = _started(org, users, start=D(2028, 1, 30))
    plan.tasks.filter(title="IT-adgang").update(due_on=D(2028, 1, 23))
    plan.tasks.filter(title="Kursus").update(due_on=D(2028, 2, 29), done_at=timezone.now())
    plan.tasks.filter(kind=TaskKind.TERMS_7_DAYS).update(done_at=timezone.now())
    edited = _edit(_access(users, "hr"), plan, start_on=D(2028, 1, 31))
    assert edited.redated == 1 and edited.terms_to_update
    assert _due(plan) == {
        "IT-adgang": D(2028, 1, 24),
        "Kursus": D(2028, 2, 29),
        "terms_7": D(2028, 2, 6),
        "terms_1m": D(2028, 2, 29),
    }


def test_manager_mentor_and_welcome_change_and_the_change_is_audited_once(org, users):
    plan = _started(org, users)
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    edited = _edit(
        _access(users, "manager"),
        plan,
        manager=users["hr"].pk,
        mentor_name="Jonas Bak",
        welcome="Mød kl. 7.30 i receptionen.",
    )
    assert edited.changed and edited.moved_days == 0 and edited.redated == 0
    plan.refresh_from_db()
    assert (plan.manager, plan.mentor_name, plan.welcome) == (
        users["hr"],
        "Jonas Bak",
        "Mød kl. 7.30 i receptionen.",
    )
    written = AuditEntry.objects.exclude(pk__in=before)
    assert list(written.values_list("action", "detail", "actor_id")) == [
        ("update", svc.DETAIL_EDITED, users["manager"].pk)
    ]
    # Nothing changed: nothing saved, nothing logged.
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    assert not _edit(_access(users, "manager"), plan).changed
    assert not AuditEntry.objects.exclude(pk__in=before).exists()


def test_no_manager_chosen_gives_the_units_manager_and_a_stranger_is_refused(org, users):
    plan = _started(org, users)
    _edit(_access(users, "hr"), plan, manager=users["hr"].pk)
    _edit(_access(users, "hr"), plan, manager=None)
    plan.refresh_from_db()
    assert plan.manager == users["manager"]
    with pytest.raises(ValidationFailed) as exc:
        _edit(_access(users, "hr"), plan, manager=users["employee"].pk)
    assert exc.value.field == "manager"
    with pytest.raises(ValidationFailed):
        _edit(_access(users, "hr"), plan, mentor_name="CPR 010190-1234")


def test_the_scope_is_the_plan_pages(org, users):
    outside = OnboardingPlanFactory(unit=org.skole)
    with pytest.raises(NotFound):
        _edit(_access(users, "manager"), outside)
    for role in ("employee", "analyst"):
        with pytest.raises(PermissionDenied):  # the role may not manage plans
            _edit(_access(users, role), outside)
    # A manager named on a plan outside their units may change it, and hand it on.
    named = OnboardingPlanFactory(unit=org.skole, manager=users["manager"])
    edited = _edit(_access(users, "manager"), named, manager=users["hr"].pk)
    assert edited.changed and not edited.still_visible


def test_the_edit_page_is_linked_from_the_plan_and_saves(org, users, client_as):
    plan = _started(org, users)
    client = client_as("manager")
    page = client.get(reverse("recruitment:onboarding_plan", args=[plan.pk])).content.decode()
    edit_url = reverse("recruitment:onboarding_plan_edit", args=[plan.pk])
    assert edit_url in page
    form = client.get(edit_url).content.decode()
    assert 'value="2027-03-01"' in form and "Mona Mentor" in form
    response = client.post(
        edit_url,
        {"start_on": "2027-03-15", "manager": "", "mentor_name": "Mona", "welcome": ""},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("recruitment:onboarding_plan", args=[plan.pk])
    text = response.content.decode()
    assert "Første arbejdsdag er nu 15. marts 2027" in text and "4 åbne opgaver" in text
    bad = client.post(edit_url, {"start_on": "15-15-2027", "mentor_name": ""})
    assert bad.status_code == 400 and 'href="#id_start_on"' in bad.content.decode()


# --- The new colleague's own tasks on the pre-boarding page -------------------------------------


def _welcome(org, users):
    plan = _start(org, users, timezone.localdate() + dt.timedelta(days=7))
    token = re.search(r"/job/velkommen/([^/\s]+)/", mail.outbox[0].body).group(1)
    own = OnboardingTaskFactory(plan=plan, title="Tag sygesikringskort med", owner="newcomer")
    others = OnboardingTaskFactory(plan=plan, title="IT-adgang", owner="it")
    return plan, token, own, others


def test_the_new_colleague_ticks_off_their_own_task_with_csrf(org, users):
    plan, token, own, others = _welcome(org, users)
    client = Client(enforce_csrf_checks=True)
    url = reverse("careers:welcome", args=[token])
    page = client.get(url)
    text = page.content.decode()
    tick = reverse("careers:welcome_task", args=[token, own.pk])
    assert f'action="{tick}"' in text
    assert "IT-adgang" in text  # the others' tasks are shown …
    assert reverse("careers:welcome_task", args=[token, others.pk]) not in text  # … read-only
    assert client.post(tick, {"done": "1"}).status_code == 403  # no CSRF token: refused
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    response = client.post(tick, {"done": "1", "csrfmiddlewaretoken": csrf})
    assert response.status_code == 302 and response["Location"] == f"{url}#opgave-{own.pk}"
    own.refresh_from_db()
    assert own.done_at is not None and own.done_by is None
    entry = AuditEntry.objects.exclude(pk__in=before).get()
    assert (entry.actor_id, entry.action, entry.detail, entry.subject_username) == (
        None,
        "update",
        svc.DETAIL_DONE_OWN,
        f"introduktion:{plan.pk}",
    )
    assert "Udført" in client.get(url).content.decode()
    client.post(tick, {"done": "0", "csrfmiddlewaretoken": csrf})
    own.refresh_from_db()
    assert own.done_at is None


def test_other_owners_tasks_a_wrong_link_and_an_expired_one_are_404(org, users, settings):
    plan, token, own, others = _welcome(org, users)
    client = Client()
    other = reverse("careers:welcome_task", args=[token, others.pk])
    assert client.post(other, {"done": "1"}).status_code == 404
    others.refresh_from_db()
    assert others.done_at is None
    wrong = reverse("careers:welcome_task", args=["charlie_" + "x" * 43, own.pk])
    assert client.post(wrong, {"done": "1"}).status_code == 404
    # Another plan's task by this plan's link.
    stranger = OnboardingTaskFactory(owner="newcomer")
    assert (
        client.post(
            reverse("careers:welcome_task", args=[token, stranger.pk]), {"done": "1"}
        ).status_code
        == 404
    )
    assert client.get(reverse("careers:welcome_task", args=[token, own.pk])).status_code == 405
    # The link stops working 120 days after the first day, and the tick with it.
    settings.CHARLIE_RECRUITMENT_WELCOME_DAYS = 120
    plan.start_on = timezone.localdate() - dt.timedelta(days=121)
    plan.save(update_fields=["start_on"])
    with pytest.raises(NotFound):
        svc.set_own_task_done(token, own.pk, done=True)
