"""Onboarding (issue 15, point 9): templates per job family, a new colleague's plan with its
tasks and the two ansættelsesbevis deadlines, reminders, the pre-boarding page by private link
with its check-ins, and the join on employee number when the payroll import brings the person.

**Scope.** ``MANAGE_ONBOARDING``: HR sees every plan; a manager the plans of the units they
manage and below (``people.services.in_units``) and the plans that name them as manager; a plan
outside the scope is a 404. Whoever sees a plan may also change it (first working day, manager,
mentor, welcome text: ``edit_plan``). Templates: ``MANAGE_ONBOARDING_TEMPLATES`` (HR).

**Audit.** A plan is personal data of a new employee, under the category and purpose
``rekruttering``. Its subject in the audit log is, in this order: the person, once the plan is
joined to one (``access.record``, so it shows on the person's own log); else the application it
was made from (``common.audit_applicants``: ``ansøgning:<id>``, so the entries made before and
after the hire are found together); else the plan itself (``introduktion:<id>``, in the entry's
account column which the DPO's search matches — a plan HR made by hand for someone who never
applied through Charlie). Every page that shows plans records them as read; every change as
written. The new colleague's own visits by the private link act for nobody and are not logged
(they are the data subject reading their own data); when they tick off one of their own tasks
there, the change is logged with no actor (``set_own_task_done``), as an applicant's own
withdrawal is.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from charlie.core import tokens
from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.formats import format_date
from charlie.core.roles import Role
from charlie.core.text import check_text
from charlie.core.workqueue import QueueItem, QueueRow, Urgency
from charlie.learning import services as learning
from charlie.people import services as people
from charlie.people.models import JobFamily, OrgUnit, Person
from charlie.privacy import services as privacy
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.recruitment import onboarding as rules
from charlie.recruitment.models import (
    Application,
    CheckIn,
    OnboardingPlan,
    OnboardingTask,
    OnboardingTemplate,
    Owner,
    Phase,
    Stage,
    TaskKind,
    TemplateTask,
)
from charlie.recruitment.permissions import (
    MANAGE_ONBOARDING,
    MANAGE_ONBOARDING_TEMPLATES,
    RUN_ROUNDS,
)
from charlie.recruitment.services.common import (
    CATEGORY,
    PURPOSE,
    audit_applicants,
    for_recruitment,
    today,
)

log = logging.getLogger(__name__)

#: The audit details this part writes (registered in apps.py; no personal data in them).
DETAIL_PLAN = gettext_noop("introduktionsforløb")
DETAIL_PLANS = gettext_noop("introduktionsforløb, liste")
DETAIL_STARTED = gettext_noop("introduktionsforløb startet")
DETAIL_DONE = gettext_noop("introduktionsopgave udført")
DETAIL_UNDONE = gettext_noop("introduktionsopgave genåbnet")
DETAIL_REMINDER = gettext_noop("introduktionspåmindelse")
DETAIL_LINKED = gettext_noop("introduktionsforløb knyttet til medarbejder")
DETAIL_NEW_LINK = gettext_noop("nyt velkomstlink")
DETAIL_PREFILL = gettext_noop("introduktion fra ansøgning")
DETAIL_EDITED = gettext_noop("introduktionsforløb rettet")
DETAIL_DONE_OWN = gettext_noop("introduktionsopgave udført af den nye medarbejder")
DETAIL_UNDONE_OWN = gettext_noop("introduktionsopgave genåbnet af den nye medarbejder")
AUDIT_DETAILS = (
    DETAIL_PLAN,
    DETAIL_PLANS,
    DETAIL_STARTED,
    DETAIL_DONE,
    DETAIL_UNDONE,
    DETAIL_REMINDER,
    DETAIL_LINKED,
    DETAIL_NEW_LINK,
    DETAIL_PREFILL,
    DETAIL_EDITED,
    DETAIL_DONE_OWN,
    DETAIL_UNDONE_OWN,
)

#: The kinds of task the law sets (ansættelsesbevisloven § 3).
STATUTORY = frozenset({TaskKind.TERMS_7_DAYS, TaskKind.TERMS_1_MONTH})

#: Rows a front-page item shows; plans and tasks a list shows at most.
ROWS = 5
LIST_LIMIT = 300


def reminder_days() -> int:
    """Days before a task's due date its owner is e-mailed (local policy; default 3)."""
    return int(getattr(settings, "CHARLIE_RECRUITMENT_REMINDER_DAYS", 3))


def welcome_days() -> int:
    """Days after the first working day the pre-boarding link works (default 120; never
    fewer than 90, or the 90-day check-in could not be answered)."""
    return max(int(getattr(settings, "CHARLIE_RECRUITMENT_WELCOME_DAYS", 120)), 90)


def _base_url() -> str:
    return str(getattr(settings, "CHARLIE_BASE_URL", "")).rstrip("/")


# --- Audit ----------------------------------------------------------------------------------


def plan_subject(plan_id: int) -> str:
    """How the audit log names a plan with neither a person nor an application."""
    return f"introduktion:{plan_id}"


def audit_plans(
    access: Access,
    plans: Iterable[OnboardingPlan],
    *,
    action: str = Action.READ,
    detail: str = DETAIL_PLAN,
) -> None:
    """Write the audit log for these plans (the subject of each: see the module docstring)."""
    plans = list(plans)
    acting = for_recruitment(access)
    acting.record(
        {p.person_id for p in plans if p.person_id},
        action=action,
        category=CATEGORY,
        detail=detail,
    )
    audit_applicants(
        acting,
        {p.application_id for p in plans if not p.person_id and p.application_id},
        action=action,
        detail=detail,
    )
    alone = sorted({p.pk for p in plans if not p.person_id and not p.application_id})
    if alone:
        privacy.record(
            actor=access.user,
            subject_accounts=[privacy.AccountSubject(username=plan_subject(pk)) for pk in alone],
            action=action,
            category=CATEGORY,
            purpose=PURPOSE,
            channel=access.channel,
            detail=detail,
        )


# --- Templates (HR) -------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateLine:
    template: OnboardingTemplate
    job_family: str
    tasks: int


def templates(access: Access) -> list[TemplateLine]:
    """Every template with its job family (none: the default) and how many tasks it has."""
    access.require(MANAGE_ONBOARDING_TEMPLATES)
    families = dict(JobFamily.objects.values_list("pk", "name"))
    rows = list(OnboardingTemplate.objects.order_by("name", "pk"))
    counts: dict[int, int] = defaultdict(int)
    for template_id in TemplateTask.objects.values_list("template_id", flat=True):
        counts[template_id] += 1
    return [
        TemplateLine(
            t,
            families.get(t.job_family_id, "") if t.job_family_id else "",
            counts[t.pk],
        )
        for t in rows
    ]


def template_of(access: Access, template_id: int) -> OnboardingTemplate:
    access.require(MANAGE_ONBOARDING_TEMPLATES)
    template = OnboardingTemplate.objects.filter(pk=template_id).first()
    if template is None:
        raise NotFound
    return template


def template_tasks(access: Access, template_id: int) -> list[TemplateTask]:
    template = template_of(access, template_id)
    return list(template.tasks.order_by("offset_days", "pk"))


def save_template(
    access: Access, *, name: str, job_family: JobFamily | None, template_id: int | None = None
) -> OnboardingTemplate:
    """Make or rename a template; one template per job family, and one default (no family)."""
    access.require(MANAGE_ONBOARDING_TEMPLATES)
    name = check_text(name, what=_("Navn"), max_length=120, required=True)
    template = template_of(access, template_id) if template_id else OnboardingTemplate()
    same_family = (
        OnboardingTemplate.objects.filter(job_family=job_family)
        if job_family is not None
        else OnboardingTemplate.objects.filter(job_family__isnull=True)
    ).exclude(pk=template.pk or 0)
    if same_family.exists():
        raise ValidationFailed(
            [
                _("Der er allerede en skabelon for %(family)s. Ret den i stedet.")
                % {"family": job_family.name if job_family else _("alle andre stillinger")}
            ],
            field="job_family",
        )
    template.name = name
    template.job_family = job_family
    template.save()
    return template


def course_choices(access: Access) -> list[tuple[str, str]]:
    """The learning catalogue's courses (code, title) a template task may name, through the
    learning app's services (its own permission: everyone who may read the catalogue)."""
    page = learning.search_courses(access, learning.CourseFilter())
    return [(c.code, f"{c.title} ({c.code})") for c in page.paginator.object_list]


def _check_course(access: Access, code: str) -> str:
    code = (code or "").strip()
    if not code:
        return ""
    try:
        learning.course_detail(access, code)
    except NotFound:
        raise ValidationFailed(
            [_("Kurset %(code)s findes ikke i kursuskataloget.") % {"code": code}],
            field="course_code",
        ) from None
    return code


def save_template_task(
    access: Access,
    template_id: int,
    *,
    title: str,
    phase: str,
    offset_days: int | None,
    owner: str,
    course_code: str = "",
    task_id: int | None = None,
) -> TemplateTask:
    """Add or change a template's task. Without ``offset_days`` the phase's default
    (``onboarding.DEFAULT_OFFSETS``); an offset must fall in its phase."""
    template = template_of(access, template_id)
    title = check_text(title, what=_("Opgave"), max_length=200, required=True)
    if phase not in Phase.values:
        raise ValidationFailed([_("Vælg en fase.")], field="phase")
    if owner not in Owner.values:
        raise ValidationFailed([_("Vælg hvem der er ansvarlig.")], field="owner")
    offset = rules.DEFAULT_OFFSETS[phase] if offset_days is None else offset_days
    if not rules.offset_fits(phase, offset):
        low, high = rules.PHASE_RANGES[phase]
        raise ValidationFailed(
            [
                _(
                    "Dagene passer ikke til fasen »%(phase)s«: vælg mellem %(low)s og %(high)s "
                    "dage fra første arbejdsdag (negativ: før)."
                )
                % {
                    "phase": Phase(phase).label,
                    "low": -rules.MAX_OFFSET if low is None else low,
                    "high": rules.MAX_OFFSET if high is None else high,
                }
            ],
            field="offset_days",
        )
    code = _check_course(access, course_code)
    if task_id:
        task = TemplateTask.objects.filter(template=template, pk=task_id).first()
        if task is None:
            raise NotFound
    else:
        task = TemplateTask(template=template)
    task.title, task.phase, task.offset_days = title, phase, offset
    task.owner, task.course_code = owner, code
    task.save()
    return task


def template_task(access: Access, template_id: int, task_id: int) -> TemplateTask:
    template = template_of(access, template_id)
    task = TemplateTask.objects.filter(template=template, pk=task_id).first()
    if task is None:
        raise NotFound
    return task


def remove_template_task(access: Access, template_id: int, task_id: int) -> None:
    template_task(access, template_id, task_id).delete()


def _template_for(job_family: JobFamily) -> OnboardingTemplate | None:
    """The job family's template, else the default (no family)."""
    return (
        OnboardingTemplate.objects.filter(job_family=job_family).first()
        or OnboardingTemplate.objects.filter(job_family__isnull=True).order_by("name", "pk").first()
    )


# --- Plans: scope ---------------------------------------------------------------------------


def _scope(access: Access) -> Q:
    """The plans the caller may see (see the module docstring)."""
    access.require(MANAGE_ONBOARDING)
    if access.everyone:
        return Q()
    q = people.in_units(access, unit="unit")
    if access.user is not None:
        q |= Q(manager=access.user)
    return q


def _plans(access: Access) -> QuerySet[OnboardingPlan]:
    return OnboardingPlan.objects.filter(_scope(access))


def _plan(access: Access, plan_id: int) -> OnboardingPlan:
    plan = _plans(access).filter(pk=plan_id).select_related("unit", "job_family", "manager").first()
    if plan is None:
        raise NotFound
    return plan


def unit_choices(access: Access) -> list[tuple[int, str]]:
    """The units the caller may start a plan in (HR: all; a manager: theirs and below)."""
    access.require(MANAGE_ONBOARDING)
    return people.unit_choices(access)


def manager_choices(access: Access) -> list[tuple[int, str]]:
    """The accounts that may lead a new colleague's plan: managers and HR."""
    access.require(MANAGE_ONBOARDING)
    users = (
        get_user_model()
        .objects.filter(is_active=True, role__in=[Role.MANAGER, Role.HR])
        .order_by("first_name", "last_name", "username")
    )
    return [(u.pk, u.get_full_name() or u.username) for u in users]


def _unit_manager_user(unit: OrgUnit) -> Any:
    """The account of the nearest manager of the unit or a unit above it, if any."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part.isdigit()]
    for pk in reversed(ids):
        found = (
            OrgUnit.objects.filter(pk=pk, manager__user__isnull=False)
            .select_related("manager__user")
            .first()
        )
        if found is not None and found.manager is not None:
            return found.manager.user
    return None


# --- Plans: from an application, started ------------------------------------------------------


def _hired_in_scope(access: Access) -> QuerySet[Application]:
    """The hired applications the caller may start a plan from: HR every one, a manager those
    of ads in their units."""
    rows = Application.objects.filter(stage=Stage.HIRED)
    if not access.can(RUN_ROUNDS):
        rows = rows.filter(people.in_units(access, unit="ad__unit"))
    return rows


def can_start_plan_from(access: Access, application_id: int) -> bool:
    """Whether the caller may start the onboarding plan of this application (hired, in their
    scope): the pipeline shows the way to it only then. Reads no applicant's data."""
    if not access.can(MANAGE_ONBOARDING):
        return False
    return _hired_in_scope(access).filter(pk=application_id).exists()


def prefill_from_application(access: Access, application_id: int) -> dict[str, Any]:
    """The new plan's fields from a hired application: name, e-mail, employee number and the
    ad's unit, job family and title (the requisition's title and start where there is one).
    HR reaches every hired application; a manager those of ads in their units. Anything else
    — no such application, not hired, outside the scope — is a 404. Recorded as read."""
    access.require(MANAGE_ONBOARDING)
    application = (
        _hired_in_scope(access)
        .filter(pk=application_id)
        .select_related("ad__unit", "ad__job_family", "ad__requisition")
        .first()
    )
    if application is None:
        raise NotFound
    audit_applicants(access, [application.pk], detail=DETAIL_PREFILL)
    ad = application.ad
    requisition = ad.requisition
    return {
        "application_id": application.pk,
        "name": application.name,
        "email": application.email,
        "employee_number": application.employee_number,
        "title": requisition.title if requisition else ad.title,
        "unit": ad.unit_id,
        "job_family": ad.job_family_id,
        "start_on": requisition.start_on if requisition else None,
    }


def plan_of_application(access: Access, application_id: int) -> OnboardingPlan | None:
    """The plan already made from this application, if the caller may see it."""
    return _plans(access).filter(application_id=application_id).first()


@dataclass(frozen=True)
class StartedPlan:
    plan: OnboardingPlan
    tasks: int
    emailed: bool


def start_plan(
    access: Access,
    *,
    application_id: int | None = None,
    name: str,
    email: str,
    title: str,
    unit: OrgUnit | int,
    job_family: JobFamily,
    start_on: date,
    manager: Any = None,
    mentor_name: str = "",
    employee_number: str = "",
    welcome: str = "",
) -> StartedPlan:
    """Start a new colleague's plan: the job family's template (else the default template)
    copied with due dates counted from ``start_on``, the two ansættelsesbevis tasks (HR's,
    ansættelsesbevisloven § 3: ``onboarding.terms_deadlines``) always added, and the
    pre-boarding link e-mailed to the new colleague. ``unit`` is a unit or its id (a form's
    choice); ``manager`` is a user or a user's id, and defaults to the account of the unit's
    nearest manager. A manager starts plans in their own units only."""
    access.require(MANAGE_ONBOARDING)
    if isinstance(unit, int):
        found = OrgUnit.objects.filter(pk=unit).first()
        if found is None:
            raise ValidationFailed([_("Vælg en enhed på listen.")], field="unit")
        unit = found
    if isinstance(manager, int):
        manager = get_user_model().objects.filter(pk=manager, is_active=True).first()
    if not access.everyone and not (
        OrgUnit.objects.filter(pk=unit.pk).filter(people.in_units(access, unit="")).exists()
    ):
        raise ValidationFailed(
            [_("Du kan kun starte introduktionsforløb i de enheder, du er leder for.")],
            field="unit",
        )
    name = check_text(name, what=_("Navn"), max_length=200, required=True)
    title = check_text(title, what=_("Stilling"), max_length=200, required=True)
    email = check_text(email, what=_("E-mail"), max_length=254, required=True)
    mentor_name = check_text(mentor_name, what=_("Mentor"), max_length=200)
    employee_number = check_text(employee_number, what=_("Medarbejdernummer"), max_length=20)
    welcome = check_text(welcome, what=_("Velkomst"), max_length=5000, multiline=True)
    if application_id is not None:
        prefill_from_application(access, application_id)  # 404 unless hired and in scope
        if OnboardingPlan.objects.filter(application_id=application_id).exists():
            raise ValidationFailed(
                [_("Der er allerede startet et introduktionsforløb for denne ansættelse.")]
            )
    template = _template_for(job_family)
    token = tokens.generate_token()
    deadlines = rules.terms_deadlines(start_on)
    with transaction.atomic():
        plan = OnboardingPlan.objects.create(
            application_id=application_id,
            employee_number=employee_number,
            name=name,
            email=email,
            title=title,
            unit=unit,
            job_family=job_family,
            start_on=start_on,
            manager=manager or _unit_manager_user(unit),
            mentor_name=mentor_name,
            welcome=welcome,
            token_hash=token.key_hash,
        )
        tasks = [
            OnboardingTask(
                plan=plan,
                kind=TaskKind.COURSE if t.course_code else TaskKind.TASK,
                title=t.title,
                phase=t.phase,
                owner=t.owner,
                due_on=rules.due_date(start_on, t.offset_days),
                course_code=t.course_code,
            )
            for t in (template.tasks.all() if template is not None else [])
        ]
        tasks += [
            OnboardingTask(
                plan=plan,
                kind=TaskKind.TERMS_7_DAYS,
                title=_("Ansættelsesbevis: kernevilkårene (ansættelsesbevisloven § 3)"),
                phase=rules.phase_of((deadlines.core_terms - start_on).days),
                owner=Owner.HR,
                due_on=deadlines.core_terms,
            ),
            OnboardingTask(
                plan=plan,
                kind=TaskKind.TERMS_1_MONTH,
                title=_("Ansættelsesbevis: de øvrige vilkår (ansættelsesbevisloven § 3)"),
                phase=rules.phase_of((deadlines.other_terms - start_on).days),
                owner=Owner.HR,
                due_on=deadlines.other_terms,
            ),
        ]
        OnboardingTask.objects.bulk_create(tasks)
        audit_plans(access, [plan], action=Action.CREATE, detail=DETAIL_STARTED)
    emailed = _mail_welcome(plan, token.plain)
    return StartedPlan(plan=plan, tasks=len(tasks), emailed=emailed)


def welcome_url(token: str) -> str:
    return f"{_base_url()}{reverse('careers:welcome', args=[token])}"


def _mail_welcome(plan: OnboardingPlan, token: str) -> bool:
    """E-mail the new colleague their pre-boarding link (the only place it is ever shown)."""
    expires = rules.link_expires(plan.start_on, welcome_days())
    body = "\n".join(
        [
            _("Kære %(name)s") % {"name": plan.name},
            "",
            _("Velkommen som %(title)s i %(unit)s. Din første arbejdsdag er %(day)s.")
            % {
                "title": plan.title,
                "unit": plan.unit.name,
                "day": format_date(plan.start_on),
            },
            _("På din velkomstside kan du læse, hvad der skal ske, og hvem du kan kontakte:"),
            welcome_url(token),
            "",
            _("Linket er personligt og virker til og med %(day)s. Del det ikke med andre.")
            % {"day": format_date(expires)},
        ]
    )
    subject = _("Velkommen til %(municipality)s") % {
        "municipality": settings.CHARLIE_MUNICIPALITY_NAME
    }
    try:
        send_mail(subject, body, None, [plan.email])
    except Exception as exc:
        log.error("welcome mail for onboarding plan %s failed (%s)", plan.pk, type(exc).__name__)
        return False
    return True


def send_new_link(access: Access, plan_id: int) -> bool:
    """Make a new pre-boarding link and e-mail it (the old one stops working): when the first
    mail was lost, or the e-mail address was wrong."""
    plan = _plan(access, plan_id)
    token = tokens.generate_token()
    OnboardingPlan.objects.filter(pk=plan.pk).update(token_hash=token.key_hash)
    audit_plans(access, [plan], action=Action.UPDATE, detail=DETAIL_NEW_LINK)
    return _mail_welcome(plan, token.plain)


# --- Plans: lists and the plan page -------------------------------------------------------------


@dataclass(frozen=True)
class PlanLine:
    plan: OnboardingPlan
    open_tasks: int
    overdue: int
    next_due: date | None


def plans(access: Access, *, mine: bool = False) -> list[PlanLine]:
    """The plans in the caller's scope (``mine``: those naming the caller as manager), latest
    start first, with their open and overdue task counts; recorded as read."""
    rows = _plans(access).select_related("unit", "manager")
    if mine:
        rows = rows.filter(manager=access.user) if access.user is not None else rows.none()
    found = list(rows.order_by("-start_on", "-pk")[:LIST_LIMIT])
    on = today()
    open_count: dict[int, int] = defaultdict(int)
    overdue: dict[int, int] = defaultdict(int)
    next_due: dict[int, date] = {}
    for plan_id, due in OnboardingTask.objects.filter(
        plan_id__in=[p.pk for p in found], done_at__isnull=True
    ).values_list("plan_id", "due_on"):
        open_count[plan_id] += 1
        if due < on:
            overdue[plan_id] += 1
        if plan_id not in next_due or due < next_due[plan_id]:
            next_due[plan_id] = due
    audit_plans(access, found, detail=DETAIL_PLANS)
    return [PlanLine(p, open_count[p.pk], overdue[p.pk], next_due.get(p.pk)) for p in found]


@dataclass(frozen=True)
class TaskLine:
    task: OnboardingTask
    overdue: bool
    statutory: bool
    course_url: str = ""


@dataclass(frozen=True)
class PhaseGroup:
    phase: str
    label: Any
    tasks: list[TaskLine]


@dataclass(frozen=True)
class Answer:
    question: Any
    answer: str


@dataclass(frozen=True)
class CheckInView:
    day: int
    answered_at: Any
    answers: list[Answer]


@dataclass(frozen=True)
class PlanDetail:
    plan: OnboardingPlan
    phases: list[PhaseGroup]
    check_ins: list[CheckInView]
    deadlines: rules.TermsDeadlines
    link_expires: date
    link_works: bool
    manager_name: str


def _task_line(task: OnboardingTask, on: date) -> TaskLine:
    return TaskLine(
        task=task,
        overdue=task.done_at is None and task.due_on < on,
        statutory=task.kind in STATUTORY,
        course_url=reverse("learning:course", args=[task.course_code]) if task.course_code else "",
    )


def plan_detail(access: Access, plan_id: int) -> PlanDetail:
    """One plan with its tasks by phase, its check-ins' answers and its deadlines; recorded as
    read. 404 outside the caller's scope."""
    plan = _plan(access, plan_id)
    on = today()
    by_phase: dict[str, list[TaskLine]] = defaultdict(list)
    for task in plan.tasks.order_by("due_on", "pk"):
        by_phase[task.phase].append(_task_line(task, on))
    phases = [PhaseGroup(p, Phase(p).label, by_phase[p]) for p in rules.PHASES if by_phase[p]]
    audit_plans(access, [plan])
    return PlanDetail(
        plan=plan,
        phases=phases,
        check_ins=check_ins_of(plan),
        deadlines=rules.terms_deadlines(plan.start_on),
        link_expires=rules.link_expires(plan.start_on, welcome_days()),
        link_works=rules.link_works(plan.start_on, on, welcome_days()),
        manager_name=(plan.manager.get_full_name() or plan.manager.username)
        if plan.manager
        else "",
    )


def set_task_done(access: Access, plan_id: int, task_id: int, *, done: bool) -> OnboardingTask:
    """Mark a task done (by the caller, now) or open again; recorded as written."""
    plan = _plan(access, plan_id)
    task = OnboardingTask.objects.filter(plan=plan, pk=task_id).first()
    if task is None:
        raise NotFound
    if done and task.done_at is None:
        task.done_at, task.done_by = timezone.now(), access.user
    elif not done:
        task.done_at, task.done_by = None, None
    task.save(update_fields=["done_at", "done_by"])
    audit_plans(access, [plan], action=Action.UPDATE, detail=DETAIL_DONE if done else DETAIL_UNDONE)
    return task


@dataclass(frozen=True)
class OwnerGroup:
    owner: str
    label: Any
    tasks: list[tuple[OnboardingPlan, TaskLine]]


def open_tasks(access: Access) -> list[OwnerGroup]:
    """The open tasks of the plans in the caller's scope, grouped by owner (manager, HR, IT,
    mentor, the new colleague), earliest due first; recorded as read."""
    tasks = list(
        OnboardingTask.objects.filter(done_at__isnull=True, plan__in=_plans(access))
        .select_related("plan", "plan__unit")
        .order_by("due_on", "pk")[:LIST_LIMIT]
    )
    on = today()
    groups: dict[str, list[tuple[OnboardingPlan, TaskLine]]] = defaultdict(list)
    for task in tasks:
        groups[task.owner].append((task.plan, _task_line(task, on)))
    audit_plans(access, {t.plan_id: t.plan for t in tasks}.values(), detail=DETAIL_PLANS)
    return [OwnerGroup(o, Owner(o).label, groups[o]) for o in Owner.values if groups[o]]


def find_person(access: Access, plan_id: int, employee_number: str) -> Person | None:
    """Join the plan to the person the payroll import brought, by employee number (stored on
    the plan if it was missing or different). None when no person has it yet."""
    plan = _plan(access, plan_id)
    number = check_text(employee_number, what=_("Medarbejdernummer"), max_length=20, required=True)
    if number != plan.employee_number:
        plan.employee_number = number
        plan.save(update_fields=["employee_number"])
    person_id = people.person_id_by_employee_number(number)
    if person_id is None:
        return None
    _link(access, plan, person_id)
    return Person.objects.get(pk=person_id)


def _link(access: Access, plan: OnboardingPlan, person_id: int) -> None:
    with transaction.atomic():
        plan.person_id = person_id
        plan.save(update_fields=["person"])
        for_recruitment(access).record(
            [person_id], action=Action.UPDATE, category=CATEGORY, detail=DETAIL_LINKED
        )


def link_people(*, on: date | None = None) -> int:
    """The daily join: every plan not yet joined to a person, whose employee number (its own,
    else its application's) a person now has, is joined to that person. Acts as the system
    (HR's scope, channel ``task``); returns how many were joined."""
    access = for_recruitment(people.operator_access(Role.HR, channel="task"))
    linked = 0
    candidates = OnboardingPlan.objects.filter(person__isnull=True).select_related("application")
    for plan in candidates:
        number = plan.employee_number or (
            plan.application.employee_number if plan.application else ""
        )
        if not number:
            continue
        person_id = people.person_id_by_employee_number(number)
        if person_id is None:
            continue
        if not plan.employee_number:
            plan.employee_number = number
            plan.save(update_fields=["employee_number"])
        _link(access, plan, person_id)
        linked += 1
    return linked


# --- Reminders and the front page ---------------------------------------------------------------


def _hr_addresses() -> list[str]:
    return sorted(
        set(
            get_user_model()
            .objects.filter(is_active=True, role=Role.HR)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def _recipients(task: OnboardingTask, hr: list[str]) -> list[str]:
    if task.owner in (Owner.MANAGER, Owner.MENTOR):
        manager = task.plan.manager
        return [manager.email] if manager is not None and manager.email else []
    if task.owner == Owner.HR:
        return hr
    if task.owner == Owner.IT:
        address = str(getattr(settings, "CHARLIE_RECRUITMENT_IT_EMAIL", "")).strip()
        return [address] if address else []
    return []  # the new colleague's own tasks are on their page


def send_reminders(*, on: date | None = None) -> int:
    """E-mail the owners of open tasks ``reminder_days()`` before the due date, and again for
    an overdue ansættelsesbevis task (``onboarding.reminder_due``), one mail per recipient
    listing their tasks; each task's ``reminded_on`` keeps it from going twice. The plan's
    manager gets the manager's and the mentor's tasks, every HR account HR's, the address
    CHARLIE_RECRUITMENT_IT_EMAIL IT's. Returns the number of tasks reminded."""
    on = on or today()
    access = for_recruitment(people.operator_access(Role.HR, channel="task"))
    days = reminder_days()
    hr = _hr_addresses()
    horizon = on.toordinal() + days
    candidates = (
        OnboardingTask.objects.filter(done_at__isnull=True)
        .exclude(owner=Owner.NEWCOMER)
        .filter(due_on__lte=date.fromordinal(horizon))
        .select_related("plan", "plan__manager", "plan__unit")
        .order_by("due_on", "pk")
    )
    mails: dict[tuple[str, ...], list[tuple[OnboardingTask, rules.Reminder]]] = defaultdict(list)
    for task in candidates:
        why = rules.reminder_due(
            due_on=task.due_on,
            today=on,
            days_before=days,
            statutory=task.kind in STATUTORY,
            reminded_on=task.reminded_on,
        )
        if why is None:
            continue
        to = _recipients(task, hr)
        if not to:
            log.warning("onboarding task %s has no one to remind (owner %s)", task.pk, task.owner)
            continue
        mails[tuple(to)].append((task, why))
    sent = 0
    for recipients, lines in mails.items():
        if not _mail_reminder(list(recipients), lines):
            continue
        OnboardingTask.objects.filter(pk__in=[t.pk for t, _why in lines]).update(reminded_on=on)
        audit_plans(access, {t.plan_id: t.plan for t, _w in lines}.values(), detail=DETAIL_REMINDER)
        sent += len(lines)
    return sent


def _mail_reminder(to: list[str], lines: list[tuple[OnboardingTask, rules.Reminder]]) -> bool:
    late = any(why == rules.Reminder.OVERDUE for _t, why in lines)
    subject = (
        _("Overskredne opgaver i introduktionsforløb")
        if late
        else _("Opgaver i introduktionsforløb forfalder snart")
    )
    body = [_("Disse opgaver i introduktionsforløb skal løses:"), ""]
    for task, why in lines:
        state = _("overskredet") if why == rules.Reminder.OVERDUE else _("snart")
        body.append(
            f"- {task.plan.name}: {task.title} — {_('frist')} {task.due_on:%d-%m-%Y} ({state})"
        )
        body.append(f"  {_base_url()}{reverse('recruitment:onboarding_plan', args=[task.plan_id])}")
    if any(t.kind in STATUTORY for t, _w in lines):
        body += [
            "",
            _(
                "Ansættelsesbeviset skal gives senest 7 kalenderdage (kernevilkårene) og 1 måned "
                "(de øvrige vilkår) efter ansættelsens start, ansættelsesbevisloven § 3."
            ),
        ]
    try:
        send_mail(subject, "\n".join(body), None, to)
    except Exception as exc:
        log.error("onboarding reminder failed (%s)", type(exc).__name__)
        return False
    return True


def _overdue_for(access: Access) -> QuerySet[OnboardingTask]:
    """The caller's own overdue tasks: HR's for HR, the manager's and mentor's for a manager."""
    owners = [Owner.HR] if access.everyone else [Owner.MANAGER, Owner.MENTOR]
    return OnboardingTask.objects.filter(
        done_at__isnull=True, due_on__lt=today(), owner__in=owners, plan__in=_plans(access)
    )


def queue_items(access: Access) -> list[QueueItem]:
    """The front page: the caller's overdue onboarding tasks (a few; the link shows all)."""
    if not access.can(MANAGE_ONBOARDING):
        return []
    overdue = _overdue_for(access)
    rows = list(overdue.select_related("plan").order_by("due_on", "pk")[:ROWS])
    if not rows:
        return []
    audit_plans(access, {t.plan_id: t.plan for t in rows}.values(), detail=DETAIL_PLANS)
    return [
        QueueItem(
            key="recruitment_onboarding",
            title=gettext_lazy("Introduktionsforløb"),
            count=overdue.count(),
            urgency=Urgency.OVERDUE,
            url=reverse("recruitment:onboarding_tasks"),
            link_label=gettext_lazy("Se alle opgaver i introduktionsforløb"),
            rows=[
                QueueRow(
                    text=f"{t.plan.name}: {t.title}",
                    url=reverse("recruitment:onboarding_plan", args=[t.plan_id]),
                    detail=t.due_on.strftime("%d-%m-%Y"),
                    urgency=Urgency.OVERDUE,
                )
                for t in rows
            ],
            text=gettext_lazy("Opgaver for nye medarbejdere, hvis frist er overskredet."),
            order=50,
        )
    ]


# --- The person: overview and "Mine data" -----------------------------------------------------


def person_overview_section(access: Access, person: Person) -> dict[str, Any] | None:
    """The person page: the person's onboarding plans in the caller's scope (recorded)."""
    found = list(_plans(access).filter(person=person).order_by("-start_on", "-pk"))
    if not found:
        return None
    audit_plans(access, found)
    return {"title": _("Introduktionsforløb"), "plans": found}


def my_data(person_id: int) -> list[dict[str, Any]]:
    """ "Mine data" (category ``rekruttering``): the person's own onboarding plans, their tasks
    and the person's check-in answers. Reads the database directly, as every provider; "Mine
    data" writes the audit entry."""
    rows: list[dict[str, Any]] = []

    def row(what: str, subject: str, day: Any, status: str, text: str) -> dict[str, Any]:
        return {
            _("Hvad"): what,
            _("Emne"): subject,
            _("Dato"): day.isoformat() if day else "",
            _("Status"): status,
            _("Detaljer"): text,
        }

    for plan in (
        OnboardingPlan.objects.filter(person_id=person_id)
        .select_related("unit")
        .order_by("-start_on", "-pk")
    ):
        rows.append(
            row(
                _("Introduktionsforløb"),
                f"{plan.title}, {plan.unit.name}",
                plan.start_on,
                "",
                _("Mentor: %(name)s") % {"name": plan.mentor_name} if plan.mentor_name else "",
            )
        )
        for task in plan.tasks.order_by("due_on", "pk"):
            rows.append(
                row(
                    _("Introduktionsopgave"),
                    task.title,
                    task.due_on,
                    _("Udført") if task.done_at else _("Åben"),
                    str(Owner(task.owner).label),
                )
            )
        for view in check_ins_of(plan):
            rows.append(
                row(
                    _("Indtjekning efter %(day)d dage") % {"day": view.day},
                    plan.title,
                    timezone.localtime(view.answered_at).date(),
                    "",
                    "; ".join(f"{a.question} {a.answer}" for a in view.answers),
                )
            )
    return rows


# --- Check-ins: the questions, and answers ----------------------------------------------------


@dataclass(frozen=True)
class Question:
    key: str
    text: Any
    #: "choice" (one of ``choices``), "scale" (1–5) or "text" (free, optional).
    kind: str
    choices: tuple[tuple[str, Any], ...] = ()


YES_PARTLY_NO = (
    ("yes", gettext_lazy("Ja")),
    ("partly", gettext_lazy("Delvist")),
    ("no", gettext_lazy("Nej")),
)
SCALE = tuple((str(n), str(n)) for n in range(1, 6))

#: The short check-in at 30 and 90 days (local wording may change; the keys are stored).
CHECK_IN_QUESTIONS = (
    Question(
        "equipped",
        gettext_lazy("Har du det, du skal bruge for at passe dit arbejde?"),
        "choice",
        YES_PARTLY_NO,
    ),
    Question(
        "who_to_ask",
        gettext_lazy("Ved du, hvem du kan spørge, når du er i tvivl?"),
        "choice",
        YES_PARTLY_NO,
    ),
    Question(
        "welcome",
        gettext_lazy("Hvor velkommen føler du dig? (1 = slet ikke, 5 = meget)"),
        "scale",
        SCALE,
    ),
    Question(
        "introduction",
        gettext_lazy("Har introduktionen givet dig et godt grundlag for dit arbejde?"),
        "choice",
        YES_PARTLY_NO,
    ),
    Question("better", gettext_lazy("Er der noget, vi kan gøre bedre?"), "text"),
)


def check_ins_of(plan: OnboardingPlan) -> list[CheckInView]:
    views = []
    for check_in in plan.check_ins.order_by("day"):
        answers = check_in.answers or {}
        shown = []
        for q in CHECK_IN_QUESTIONS:
            value = str(answers.get(q.key, ""))
            label = dict(q.choices).get(value, value) if q.kind == "choice" else value
            shown.append(Answer(q.text, str(label)))
        views.append(CheckInView(check_in.day, check_in.answered_at, shown))
    return views


def _clean_answers(raw: Mapping[str, Any]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for q in CHECK_IN_QUESTIONS:
        value = str(raw.get(q.key, "") or "").strip()
        if q.kind == "text":
            answers[q.key] = check_text(value, what=str(q.text), max_length=2000, multiline=True)
        elif value not in dict(q.choices):
            raise ValidationFailed([_("Besvar spørgsmålet: %(q)s") % {"q": q.text}], field=q.key)
        else:
            answers[q.key] = int(value) if q.kind == "scale" else value
    return answers


# --- The pre-boarding page (public, by private link) ------------------------------------------


@dataclass(frozen=True)
class Welcome:
    plan: OnboardingPlan
    #: The new colleague's own tasks (they tick them off on the page).
    tasks: list[OnboardingTask]
    #: What the others (manager, HR, IT, mentor) do for them, read-only.
    others: list[OnboardingTask]
    manager_name: str
    manager_email: str
    check_in_day: int | None
    answered: bool
    expires: date


def _plan_by_token(token: str, on: date) -> OnboardingPlan:
    """The plan this private link opens; 404 for a wrong or expired link (the same answer, so
    nothing is revealed)."""
    if not tokens.looks_like_token(token):
        raise NotFound
    plan = (
        OnboardingPlan.objects.filter(token_hash=tokens.hash_token(token))
        .select_related("unit", "manager")
        .first()
    )
    if plan is None or not rules.link_works(plan.start_on, on, welcome_days()):
        raise NotFound
    return plan


def welcome_of(token: str, *, on: date | None = None) -> Welcome:
    """What the new colleague sees on their pre-boarding page (no log-in; the link is theirs)."""
    on = on or today()
    plan = _plan_by_token(token, on)
    day = rules.open_check_in(plan.start_on, on)
    manager = plan.manager
    tasks = list(plan.tasks.order_by("due_on", "pk"))
    return Welcome(
        plan=plan,
        tasks=[t for t in tasks if t.owner == Owner.NEWCOMER],
        others=[t for t in tasks if t.owner != Owner.NEWCOMER],
        manager_name=(manager.get_full_name() or manager.username) if manager else "",
        manager_email=manager.email if manager else "",
        check_in_day=day,
        answered=day is not None and plan.check_ins.filter(day=day).exists(),
        expires=rules.link_expires(plan.start_on, welcome_days()),
    )


def answer_check_in(token: str, raw: Mapping[str, Any], *, on: date | None = None) -> CheckIn:
    """Store the new colleague's answers to the check-in open today (30 or 90 days), once."""
    on = on or today()
    plan = _plan_by_token(token, on)
    day = rules.open_check_in(plan.start_on, on)
    if day is None:
        raise ValidationFailed([_("Der er ingen spørgsmål at besvare endnu.")])
    answers = _clean_answers(raw)
    try:
        with transaction.atomic():
            return CheckIn.objects.create(plan=plan, day=day, answers=answers)
    except IntegrityError:
        raise ValidationFailed([_("Du har allerede svaret på spørgsmålene.")]) from None


#: The new colleague acting by their private link: nobody is signed in (the audit log names no
#: actor), under the purpose ``rekruttering`` (as an applicant's own actions are).
_NEWCOMER = Access(user=None, role=None, channel="ui", purpose=PURPOSE)


def set_own_task_done(
    token: str, task_id: int, *, done: bool, on: date | None = None
) -> OnboardingTask:
    """The new colleague ticks off one of their own tasks (owner: the new colleague) on the
    pre-boarding page, or opens it again. The link is checked as the page checks it (404 for a
    wrong or expired link); another owner's task, or a task of another plan, is a 404 too: the
    others' tasks are read-only there. Recorded as written, with no actor."""
    on = on or today()
    plan = _plan_by_token(token, on)
    task = OnboardingTask.objects.filter(plan=plan, pk=task_id, owner=Owner.NEWCOMER).first()
    if task is None:
        raise NotFound
    if done == (task.done_at is not None):
        return task  # sent twice (a double click, a reload): nothing to change
    task.done_at, task.done_by = (timezone.now(), None) if done else (None, None)
    task.save(update_fields=["done_at", "done_by"])
    audit_plans(
        _NEWCOMER,
        [plan],
        action=Action.UPDATE,
        detail=DETAIL_DONE_OWN if done else DETAIL_UNDONE_OWN,
    )
    return task


# --- Edit and re-date a plan ----------------------------------------------------------------


def plan_for_edit(access: Access, plan_id: int) -> OnboardingPlan:
    """The plan as its edit form shows it (same scope as the plan page: 404 outside it);
    recorded as read."""
    plan = _plan(access, plan_id)
    audit_plans(access, [plan])
    return plan


@dataclass(frozen=True)
class EditedPlan:
    plan: OnboardingPlan
    #: Whether anything changed (nothing is saved or logged otherwise).
    changed: bool
    #: Calendar days the first working day moved (negative: earlier; 0: it did not move).
    moved_days: int
    #: Open tasks whose due date changed.
    redated: int
    #: The start moved after an ansættelsesbevis task was done: the change of the start date
    #: must be given in writing too (ansættelsesbevisloven § 5).
    terms_to_update: bool
    #: Whether the caller still sees the plan (a manager who hands it to a manager of a unit
    #: outside their own does not).
    still_visible: bool


def edit_plan(
    access: Access,
    plan_id: int,
    *,
    start_on: date,
    manager: int | None,
    mentor_name: str,
    welcome: str,
) -> EditedPlan:
    """Change a plan's first working day, manager, mentor and welcome text (HR, or a manager
    who sees the plan: ``_plan``'s scope).

    When the first working day moves, every *open* task moves with it
    (``onboarding.redated_due``): a template task by the same number of calendar days, the two
    ansættelsesbevis tasks counted again from the new start (ansættelsesbevisloven § 3:
    7 calendar days and 1 month after the start). A done task keeps its date. A task whose
    date moved is reminded again before its new date. ``manager`` is a user's id among
    ``manager_choices``; None gives the unit's nearest manager, as a new plan does. Recorded
    as written, once, when something changed."""
    plan = _plan(access, plan_id)
    mentor_name = check_text(mentor_name, what=_("Mentor"), max_length=200)
    welcome = check_text(welcome, what=_("Velkomst"), max_length=5000, multiline=True)
    if manager is None:
        manager_user = _unit_manager_user(plan.unit)
    elif manager in dict(manager_choices(access)):
        manager_user = get_user_model().objects.get(pk=manager)
    else:
        raise ValidationFailed([_("Vælg en leder på listen.")], field="manager")
    with transaction.atomic():
        plan = OnboardingPlan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
        old_start = plan.start_on
        moved: list[OnboardingTask] = []
        terms_done = False
        for task in plan.tasks.all():
            due = rules.redated_due(
                kind=task.kind,
                due_on=task.due_on,
                done=task.done_at is not None,
                old_start=old_start,
                new_start=start_on,
            )
            terms_done |= task.kind in STATUTORY and task.done_at is not None
            if due != task.due_on:
                task.due_on, task.reminded_on = due, None
                moved.append(task)
        new_manager_id = manager_user.pk if manager_user is not None else None
        changed = bool(moved) or (start_on, new_manager_id, mentor_name, welcome) != (
            old_start,
            plan.manager_id,
            plan.mentor_name,
            plan.welcome,
        )
        if changed:
            OnboardingTask.objects.bulk_update(moved, ["due_on", "reminded_on"])
            plan.start_on, plan.manager = start_on, manager_user
            plan.mentor_name, plan.welcome = mentor_name, welcome
            plan.save(update_fields=["start_on", "manager", "mentor_name", "welcome"])
            audit_plans(access, [plan], action=Action.UPDATE, detail=DETAIL_EDITED)
    return EditedPlan(
        plan=plan,
        changed=changed,
        moved_days=(start_on - old_start).days,
        redated=len(moved),
        terms_to_update=terms_done and start_on != old_start,
        still_visible=_plans(access).filter(pk=plan.pk).exists(),
    )


# --- Check-in answers for figures (wellbeing, issue 16 point 6) ------------------------------


@dataclass(frozen=True)
class CheckInAnswers:
    """One check-in as figures need it, and nothing that names anyone: the plan's unit, the
    day (30 or 90), the day it was answered and the answers to the choice and scale questions
    of ``CHECK_IN_QUESTIONS`` (never the free text, which may name someone). ``respondent``
    numbers the new colleagues within one call — one plan's two check-ins share it, so a figure
    can count people rather than answers — and means nothing outside that call."""

    respondent: int
    unit_id: int
    day: int
    answered_on: date
    answers: dict[str, str | int]


def check_in_answers(*, since: date | None = None) -> list[CheckInAnswers]:
    """Every check-in answered on or after ``since`` (Copenhagen's day), for aggregates only:
    the well-being app publishes them through disclosure control and checks its own permission
    and scope. No name, plan or person leaves; nothing is written to the audit log (no one's
    data is shown as such)."""
    from datetime import datetime, time

    kept = [q.key for q in CHECK_IN_QUESTIONS if q.kind != "text"]
    rows = CheckIn.objects.all()
    if since is not None:
        rows = rows.filter(answered_at__gte=timezone.make_aware(datetime.combine(since, time.min)))
    respondents: dict[int, int] = {}
    found = []
    for plan_id, unit_id, day, answered_at, answers in rows.order_by("plan_id", "day").values_list(
        "plan_id", "plan__unit_id", "day", "answered_at", "answers"
    ):
        given = answers if isinstance(answers, dict) else {}
        found.append(
            CheckInAnswers(
                respondent=respondents.setdefault(plan_id, len(respondents)),
                unit_id=unit_id,
                day=day,
                answered_on=timezone.localtime(answered_at).date(),
                answers={key: given[key] for key in kept if key in given},
            )
        )
    return found
