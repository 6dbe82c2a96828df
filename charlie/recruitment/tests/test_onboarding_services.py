"""Onboarding's services and pages: plans from templates with their due dates and the two
ansættelsesbevis tasks, scope, reminders, the pre-boarding page, check-ins, the join on
employee number, "Mine data" and the audit log."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from charlie.core.errors import NotFound, ValidationFailed
from charlie.learning.tests.factories import CourseFactory
from charlie.people import services as people
from charlie.privacy import registry
from charlie.privacy.models import AuditEntry
from charlie.recruitment.models import (
    CheckIn,
    OnboardingPlan,
    OnboardingTask,
    Stage,
    TaskKind,
)
from charlie.recruitment.services import onboarding as svc
from charlie.recruitment.tests.factories import (
    ApplicationFactory,
    JobAdFactory,
    OnboardingPlanFactory,
    OnboardingTaskFactory,
    OnboardingTemplateFactory,
    TemplateTaskFactory,
)

D = dt.date


def _access(users, role):
    return people.access_for(users[role])


def _start(access, org, **kw):
    fields = {
        "name": "Sara Holm",
        "email": "sara@example.org",
        "title": "Social- og sundhedsassistent",
        "unit": org.nord,
        "job_family": org.person_in_nord.employments.first().job_family,
        "start_on": D(2027, 3, 1),
        "mentor_name": "Mona Mentor",
    }
    fields.update(kw)
    return svc.start_plan(access, **fields)


def _token_from(message) -> str:
    found = re.search(r"/job/velkommen/([^/\s]+)/", message.body)
    assert found, message.body
    return found.group(1)


# --- Starting a plan ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_plan_copies_the_template_with_due_dates_and_adds_the_two_statutory_tasks(org, users):
    template = OnboardingTemplateFactory()
    course = CourseFactory(code="hygiejne", title="Hygiejne")
    TemplateTaskFactory(template=template, title="IT-adgang", phase="before", offset_days=-7)
    TemplateTaskFactory(template=template, title="Nøgler", phase="day_1", offset_days=0)
    TemplateTaskFactory(template=template, title="Uniform", phase="week_1", offset_days=4)
    TemplateTaskFactory(
        template=template,
        title="Hygiejnekursus",
        phase="day_30",
        offset_days=30,
        owner="newcomer",
        course_code=course.code,
    )
    TemplateTaskFactory(template=template, title="Samtale", phase="day_90", offset_days=90)

    started = _start(_access(users, "hr"), org)

    tasks = {t.title: t for t in started.plan.tasks.all()}
    assert started.tasks == 7
    # Start Monday 1 March 2027: −7 → 22 Feb, 0 → 1 Mar, 4 → 5 Mar, 30 → 31 Mar, 90 → 30 May.
    assert tasks["IT-adgang"].due_on == D(2027, 2, 22)
    assert tasks["Nøgler"].due_on == D(2027, 3, 1)
    assert tasks["Uniform"].due_on == D(2027, 3, 5)
    assert tasks["Hygiejnekursus"].due_on == D(2027, 3, 31)
    assert tasks["Hygiejnekursus"].kind == TaskKind.COURSE
    assert tasks["Samtale"].due_on == D(2027, 5, 30)
    terms = {t.kind: t for t in started.plan.tasks.filter(kind__in=svc.STATUTORY)}
    assert terms[TaskKind.TERMS_7_DAYS].due_on == D(2027, 3, 8)
    assert terms[TaskKind.TERMS_7_DAYS].phase == "week_1"
    assert terms[TaskKind.TERMS_1_MONTH].due_on == D(2027, 4, 1)
    assert terms[TaskKind.TERMS_1_MONTH].phase == "day_30"
    assert {t.owner for t in terms.values()} == {"hr"}


@pytest.mark.django_db
def test_without_any_template_a_plan_still_has_the_statutory_tasks(org, users):
    started = _start(_access(users, "hr"), org, start_on=D(2028, 1, 31))
    due = dict(started.plan.tasks.values_list("kind", "due_on"))
    assert due == {"terms_7": D(2028, 2, 7), "terms_1m": D(2028, 2, 29)}


@pytest.mark.django_db
def test_the_default_template_serves_job_families_without_one(org, users):
    default = OnboardingTemplateFactory(name="Standard", job_family=None)
    TemplateTaskFactory(template=default, title="Velkomstmøde", phase="day_1", offset_days=0)
    started = _start(_access(users, "hr"), org)
    assert started.plan.tasks.filter(title="Velkomstmøde").exists()


@pytest.mark.django_db
def test_the_plans_manager_defaults_to_the_units_manager(org, users):
    plan = _start(_access(users, "hr"), org).plan
    assert plan.manager == users["manager"]


@pytest.mark.django_db
def test_the_welcome_link_is_mailed_and_only_its_hash_kept(org, users):
    plan = _start(_access(users, "hr"), org).plan
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sara@example.org"]
    token = _token_from(mail.outbox[0])
    assert token not in plan.token_hash
    assert len(plan.token_hash) == 64


@pytest.mark.django_db
def test_a_manager_starts_plans_in_their_own_units_only(org, users):
    with pytest.raises(ValidationFailed) as exc:
        _start(_access(users, "manager"), org, unit=org.skole)
    assert exc.value.field == "unit"
    assert _start(_access(users, "manager"), org).plan.unit == org.nord


@pytest.mark.django_db
def test_free_text_is_checked(org, users):
    with pytest.raises(ValidationFailed):
        _start(_access(users, "hr"), org, name="   ")


# --- From a hired application -------------------------------------------------------------


@pytest.mark.django_db
def test_prefill_from_a_hired_application_and_only_one_plan(org, users, client_as):
    ad = JobAdFactory(unit=org.nord, title="SOSU-assistent til Nord")
    hired = ApplicationFactory(ad=ad, stage=Stage.HIRED, name="Ali Khan", email="ali@example.org")
    client = client_as("manager")
    url = reverse("recruitment:onboarding_new")
    page = client.get(url, {"ansoegning": hired.pk})
    assert page.status_code == 200
    assert b"Ali Khan" in page.content and b"ali@example.org" in page.content
    assert AuditEntry.objects.filter(subject_username=f"ansøgning:{hired.pk}").exists()

    response = client.post(
        url,
        {
            "application_id": hired.pk,
            "name": "Ali Khan",
            "email": "ali@example.org",
            "title": "SOSU-assistent",
            "unit": org.nord.pk,
            "job_family": ad.job_family_id,
            "start_on": "2027-03-01",
        },
    )
    plan = OnboardingPlan.objects.get(application=hired)
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:onboarding_plan", args=[plan.pk])
    # The second visit goes to the plan; starting another is refused.
    again = client.get(url, {"ansoegning": hired.pk})
    assert again.status_code == 302
    with pytest.raises(ValidationFailed):
        _start(_access(users, "hr"), org, application_id=hired.pk)


@pytest.mark.django_db
def test_prefill_refuses_applications_not_hired_or_outside_the_scope(org, users):
    received = ApplicationFactory(ad=JobAdFactory(unit=org.nord))
    skole = ApplicationFactory(ad=JobAdFactory(unit=org.skole), stage=Stage.HIRED)
    with pytest.raises(NotFound):
        svc.prefill_from_application(_access(users, "hr"), received.pk)
    with pytest.raises(NotFound):
        svc.prefill_from_application(_access(users, "manager"), skole.pk)
    assert svc.prefill_from_application(_access(users, "hr"), skole.pk)["unit"] == org.skole.pk


# --- Scope and the plan page --------------------------------------------------------------


@pytest.mark.django_db
def test_a_manager_of_another_unit_gets_404(org, users, client_as):
    plan = OnboardingPlanFactory(unit=org.skole)
    with pytest.raises(NotFound):
        svc.plan_detail(_access(users, "manager"), plan.pk)
    assert svc.plans(_access(users, "manager")) == []
    response = client_as("manager").get(reverse("recruitment:onboarding_plan", args=[plan.pk]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_manager_named_on_a_plan_outside_their_units_sees_it(org, users):
    plan = OnboardingPlanFactory(unit=org.skole, manager=users["manager"])
    assert [line.plan for line in svc.plans(_access(users, "manager"), mine=True)] == [plan]


@pytest.mark.django_db
def test_the_plan_page_shows_tasks_by_phase_and_marks_the_overdue(org, users, client_as):
    start = timezone.localdate() - dt.timedelta(days=3)
    plan = _start(_access(users, "hr"), org, start_on=start).plan
    OnboardingTaskFactory(plan=plan, title="Nøgler", due_on=start - dt.timedelta(days=1))
    client = client_as("manager")
    page = client.get(reverse("recruitment:onboarding_plan", args=[plan.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Første dag" in text and "Første uge" in text and "Efter 30 dage" in text
    assert text.count("Overskredet") == 1  # the keys, a day late; the terms are not due yet
    task = plan.tasks.get(title="Nøgler")
    url = reverse("recruitment:onboarding_task_done", args=[plan.pk, task.pk])
    assert client.post(url, {"done": "1"}).status_code == 302
    task.refresh_from_db()
    assert task.done_at is not None and task.done_by == users["manager"]
    client.post(url, {"done": "0"})
    task.refresh_from_db()
    assert task.done_at is None
    details = set(AuditEntry.objects.values_list("detail", flat=True))
    assert {svc.DETAIL_DONE, svc.DETAIL_UNDONE, svc.DETAIL_PLAN} <= details


@pytest.mark.django_db
def test_my_tasks_are_grouped_by_owner(org, users, client_as):
    plan = _start(_access(users, "hr"), org).plan
    OnboardingTaskFactory(plan=plan, title="Computer bestilt", owner="it")
    groups = {
        g.owner: [line.task.title for _p, line in g.tasks]
        for g in svc.open_tasks(_access(users, "manager"))
    }
    assert set(groups) == {"hr", "it"}
    assert groups["it"] == ["Computer bestilt"]
    page = client_as("hr").get(reverse("recruitment:onboarding_tasks"))
    assert "Computer bestilt" in page.content.decode()


# --- Reminders ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_reminders_go_to_each_owner_once(org, users, settings):
    settings.CHARLIE_RECRUITMENT_REMINDER_DAYS = 3
    settings.CHARLIE_RECRUITMENT_IT_EMAIL = "it@kommune.example"
    users["hr"].email, users["manager"].email = "hr@kommune.example", "leder@kommune.example"
    users["hr"].save()
    users["manager"].save()
    plan = _start(_access(users, "hr"), org).plan  # 1 March 2027: terms due 8 March, 1 April
    OnboardingTaskFactory(plan=plan, title="Computer", owner="it", due_on=D(2027, 2, 26))
    OnboardingTaskFactory(plan=plan, title="Mentor", owner="mentor", due_on=D(2027, 3, 1))
    OnboardingTaskFactory(plan=plan, title="Læs håndbogen", owner="newcomer", due_on=D(2027, 3, 1))
    mail.outbox.clear()

    # 26 Feb: IT's task is due today, the mentor's in 3 days (the manager gets it).
    assert svc.send_reminders(on=D(2027, 2, 26)) == 2
    to = sorted(tuple(m.to) for m in mail.outbox)
    assert to == [("it@kommune.example",), ("leder@kommune.example",)]
    # The next day nothing new; 5 March: the 7-day ansættelsesbevis task to HR.
    mail.outbox.clear()
    assert svc.send_reminders(on=D(2027, 2, 27)) == 0
    assert svc.send_reminders(on=D(2027, 3, 5)) == 1
    assert mail.outbox[-1].to == ["hr@kommune.example"]
    assert "ansættelsesbevisloven § 3" in mail.outbox[-1].body
    # 9 March, a day overdue: the statutory task once more, the others not again.
    assert svc.send_reminders(on=D(2027, 3, 9)) == 1
    assert "Overskredne" in mail.outbox[-1].subject
    assert svc.send_reminders(on=D(2027, 3, 10)) == 0
    assert not OnboardingTask.objects.get(title="Læs håndbogen").reminded_on


@pytest.mark.django_db
def test_a_task_without_anyone_to_remind_is_kept_for_later(org, users, settings):
    settings.CHARLIE_RECRUITMENT_IT_EMAIL = ""
    plan = OnboardingPlanFactory(unit=org.nord)
    task = OnboardingTaskFactory(plan=plan, owner="it", due_on=D(2027, 3, 1))
    assert svc.send_reminders(on=D(2027, 3, 1)) == 0
    task.refresh_from_db()
    assert task.reminded_on is None


@pytest.mark.django_db
def test_the_front_page_shows_a_managers_overdue_tasks(org, users):
    plan = OnboardingPlanFactory(unit=org.nord)
    OnboardingTaskFactory(plan=plan, owner="manager", due_on=timezone.localdate() - dt.timedelta(1))
    OnboardingTaskFactory(plan=plan, owner="hr", due_on=timezone.localdate() - dt.timedelta(1))
    items = svc.queue_items(_access(users, "manager"))
    assert len(items) == 1 and items[0].count == 1
    assert svc.queue_items(_access(users, "hr"))[0].count == 1
    assert svc.queue_items(_access(users, "analyst")) == []


# --- The pre-boarding page and the check-in -------------------------------------------------


def _plan_with_link(org, users, *, days_ago: int):
    mail.outbox.clear()
    start = timezone.localdate() - dt.timedelta(days=days_ago)
    plan = _start(_access(users, "hr"), org, start_on=start, welcome="Mød kl. 8 i receptionen.")
    OnboardingTaskFactory(plan=plan.plan, title="Tag sygesikringskort med", owner="newcomer")
    return plan.plan, _token_from(mail.outbox[0])


@pytest.mark.django_db
def test_the_welcome_page_by_its_link(org, users, client):
    _plan, token = _plan_with_link(org, users, days_ago=-14)
    page = client.get(reverse("careers:welcome", args=[token]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Mød kl. 8 i receptionen." in text
    assert "Tag sygesikringskort med" in text
    assert "Mona Mentor" in text
    assert "Hvordan går det?" not in text  # no check-in before day 30
    assert page["Referrer-Policy"] == "same-origin"
    assert client.get(reverse("careers:welcome", args=[token + "x"])).status_code == 404
    assert client.get(reverse("careers:welcome", args=["charlie_nope"])).status_code == 404


@pytest.mark.django_db
def test_the_link_stops_working_after_120_days(org, users, client, settings):
    settings.CHARLIE_RECRUITMENT_WELCOME_DAYS = 120
    _plan, token = _plan_with_link(org, users, days_ago=120)
    assert client.get(reverse("careers:welcome", args=[token])).status_code == 200
    _plan, token = _plan_with_link(org, users, days_ago=121)
    assert client.get(reverse("careers:welcome", args=[token])).status_code == 404


ANSWERS = {
    "equipped": "yes",
    "who_to_ask": "partly",
    "welcome": "4",
    "introduction": "yes",
    "better": "Mere tid med min mentor.",
}


@pytest.mark.django_db
@pytest.mark.parametrize("day", [30, 90])
def test_a_check_in_once_per_day_30_and_90(org, users, client, client_as, day):
    plan, token = _plan_with_link(org, users, days_ago=day)
    url = reverse("careers:welcome", args=[token])
    assert "Hvordan går det?" in client.get(url).content.decode()
    assert client.post(url, {**ANSWERS, "welcome": ""}).status_code == 400  # unanswered
    assert client.post(url, ANSWERS).status_code == 302
    check_in = CheckIn.objects.get(plan=plan)
    assert check_in.day == day and check_in.answers["welcome"] == 4
    assert "Tak, du har svaret." in client.get(url).content.decode()
    with pytest.raises(ValidationFailed):
        svc.answer_check_in(token, ANSWERS)
    assert CheckIn.objects.filter(plan=plan).count() == 1
    # The manager sees the answers on the plan page.
    page = client_as("manager").get(reverse("recruitment:onboarding_plan", args=[plan.pk]))
    assert "Mere tid med min mentor." in page.content.decode()


@pytest.mark.django_db
def test_no_check_in_before_day_30(org, users):
    _plan, token = _plan_with_link(org, users, days_ago=29)
    with pytest.raises(ValidationFailed):
        svc.answer_check_in(token, ANSWERS)


# --- The join on employee number, the person, "Mine data" --------------------------------------


@pytest.mark.django_db
def test_the_daily_join_on_employee_number(org, users):
    person = org.person_in_syd
    plan = OnboardingPlanFactory(unit=org.syd, employee_number=person.employee_number)
    from_application = OnboardingPlanFactory(
        unit=org.nord,
        application=ApplicationFactory(employee_number=org.person_in_nord.employee_number),
    )
    unknown = OnboardingPlanFactory(unit=org.nord, employee_number="FINDES-IKKE")
    assert svc.link_people() == 2
    for p in (plan, from_application, unknown):
        p.refresh_from_db()
    assert plan.person == person
    assert from_application.person == org.person_in_nord
    assert from_application.employee_number == org.person_in_nord.employee_number
    assert unknown.person is None
    entry = AuditEntry.objects.get(subject_person_id=person.pk, detail=svc.DETAIL_LINKED)
    assert entry.channel == "task" and entry.action == "update"
    assert svc.link_people() == 0


@pytest.mark.django_db
def test_find_the_employee_from_the_plan_page(org, users, client_as):
    plan = OnboardingPlanFactory(unit=org.nord)
    client = client_as("manager")
    url = reverse("recruitment:onboarding_find_person", args=[plan.pk])
    client.post(url, {"employee_number": "E-UKENDT"})
    plan.refresh_from_db()
    assert plan.person is None and plan.employee_number == "E-UKENDT"
    client.post(url, {"employee_number": org.person_in_nord.employee_number})
    plan.refresh_from_db()
    assert plan.person == org.person_in_nord
    # Now on the person's page, and in the person's "Mine data".
    person_page = client.get(reverse("people:detail", args=[org.person_in_nord.pk]))
    assert reverse("recruitment:onboarding_plan", args=[plan.pk]) in person_page.content.decode()
    rows = registry.data_providers()["rekruttering"](org.person_in_nord.pk)
    assert any(plan.title in str(row.values()) for row in rows)


@pytest.mark.django_db
def test_mine_data_shows_the_persons_own_plan_tasks_and_check_ins(org, users, client_as):
    plan = OnboardingPlanFactory(unit=org.nord, person=org.person_in_nord, mentor_name="Mona")
    OnboardingTaskFactory(plan=plan, title="Nøgler")
    CheckIn.objects.create(plan=plan, day=30, answers={**ANSWERS, "welcome": 5})
    rows = svc.my_data(org.person_in_nord.pk)
    text = " ".join(" ".join(map(str, row.values())) for row in rows)
    assert "Nøgler" in text and "Mere tid med min mentor." in text and "Mona" in text
    assert svc.my_data(org.person_in_skole.pk) == []


# --- Audit of plans without a person ----------------------------------------------------------


@pytest.mark.django_db
def test_plans_are_audited_by_person_application_or_plan(org, users):
    by_hand = OnboardingPlanFactory(unit=org.nord)
    hired = OnboardingPlanFactory(unit=org.nord, application=ApplicationFactory())
    joined = OnboardingPlanFactory(unit=org.nord, person=org.person_in_nord)
    svc.plans(_access(users, "hr"))
    written = AuditEntry.objects.filter(category="rekruttering", purpose="rekruttering")
    assert set(written.exclude(subject_username="").values_list("subject_username", flat=True)) == {
        f"introduktion:{by_hand.pk}",
        f"ansøgning:{hired.application_id}",
    }
    assert set(written.values_list("subject_person_id", flat=True)) - {None} == {joined.person_id}
