"""Development plans: the result of a MUS (issue 13, point 4; DOMAIN.md 10.1).

The Aftale om kompetenceudvikling (KL/Forhandlingsfællesskabet; annex "Udviklingsplan") makes
the plan the written result of the MUS: goals and the agreed activities (courses, on-the-job
learning, mentoring, job rotation, other) with hours, dates and status. Both sign it. Any change
to what was agreed — the goals, an activity added, changed or removed — clears both signatures,
so a signed plan is always the text both signed; moving an activity's status along (started,
done) is progress, not a change of the agreement, and keeps them.

The employee sees and signs their own plan; the manager (``MANAGE_MUS``) plans within scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.text import check_text
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.skills import mus_rules
from charlie.skills.models import (
    ActivityKind,
    ActivityStatus,
    DevelopmentPlan,
    MusMeeting,
    PlanActivity,
    PlanStatus,
    RoleProfile,
)
from charlie.skills.permissions import MANAGE_MUS
from charlie.skills.services.common import CATEGORY, for_development, person_in_scope
from charlie.skills.services.mus import MAX_TEXT, interval_months, today


@dataclass(frozen=True)
class PlanView:
    plan: DevelopmentPlan
    activities: list[PlanActivity]
    is_employee: bool
    total_hours: Decimal

    @property
    def signed_by_both(self) -> bool:
        return bool(self.plan.employee_signed_at and self.plan.manager_signed_at)


def _plan(access: Access, plan_id: int) -> tuple[DevelopmentPlan, bool]:
    plan = DevelopmentPlan.objects.select_related("person", "target_profile").filter(pk=plan_id)
    found = plan.first()
    if found is None:
        raise NotFound
    if access.person_id is not None and found.person_id == access.person_id:
        return found, True
    access.require(MANAGE_MUS)
    person_in_scope(access, found.person_id)
    return found, False


def _view(plan: DevelopmentPlan, is_employee: bool) -> PlanView:
    activities = list(plan.activities.select_related("skill").order_by("position", "pk"))
    return PlanView(plan, activities, is_employee, sum((a.hours for a in activities), Decimal(0)))


def plan_detail(access: Access, plan_id: int) -> PlanView:
    plan, is_employee = _plan(access, plan_id)
    for_development(access).record_read([plan.person_id], category=CATEGORY, detail="plan")
    return _view(plan, is_employee)


def is_current(plan: DevelopmentPlan, on: date) -> bool:
    """A current plan: signed by both and valid on ``on``."""
    return plan.status == PlanStatus.SIGNED and plan.valid_from <= on <= plan.valid_to


def _changed(access: Access, plan: DevelopmentPlan, detail: str) -> None:
    """Something agreed changed: both signatures go, the plan is a draft again."""
    plan.employee_signed_at = None
    plan.manager_signed_at = None
    plan.manager_signed_by = None
    plan.status = PlanStatus.DRAFT
    plan.save()
    for_development(access).record(
        [plan.person_id], action=Action.UPDATE, category=CATEGORY, detail=detail
    )


def create_plan(
    access: Access,
    person_id: int,
    *,
    mus_id: int | None = None,
    valid_from: date | None = None,
    target_profile: RoleProfile | None = None,
) -> DevelopmentPlan:
    """A new draft plan for a person in scope, valid for one MUS interval from ``valid_from``
    (default: the MUS's date, else today). The employee may start their own."""
    if person_id != access.person_id:
        access.require(MANAGE_MUS)
        person_in_scope(access, person_id)
    mus = None
    if mus_id is not None:
        mus = MusMeeting.objects.filter(pk=mus_id, person_id=person_id).first()
        if mus is None:
            raise NotFound
    start = valid_from or (mus.held_on if mus and mus.held_on else None) or today()
    end = mus_rules.add_months(start, interval_months()) - timedelta(days=1)
    plan = DevelopmentPlan.objects.create(
        person_id=person_id,
        mus=mus,
        valid_from=start,
        valid_to=end,
        target_profile=target_profile,
    )
    for_development(access).record(
        [person_id], action=Action.CREATE, category=CATEGORY, detail="plan"
    )
    return plan


def update_goals(access: Access, plan_id: int, goals: str) -> PlanView:
    plan, is_employee = _plan(access, plan_id)
    plan.goals = check_text(goals, what=_("Mål"), max_length=MAX_TEXT, multiline=True)
    _changed(access, plan, "plan")
    return _view(plan, is_employee)


def _hours(value: object) -> Decimal:
    try:
        hours = Decimal(str(value).replace(",", ".")).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise ValidationFailed([_("Timer skal være et tal.")], field="hours") from None
    if hours < 0 or hours > 9999:
        raise ValidationFailed([_("Timer skal være mellem 0 og 9999.")], field="hours")
    return hours


def add_activity(
    access: Access,
    plan_id: int,
    *,
    kind: str,
    title: str,
    hours: object,
    starts_on: date | None = None,
    ends_on: date | None = None,
    skill_id: int | None = None,
    target_level: int | None = None,
) -> PlanView:
    plan, is_employee = _plan(access, plan_id)
    if kind not in ActivityKind.values:
        raise ValidationFailed([_("Vælg en type.")], field="kind")
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationFailed([_("Slutdatoen ligger før startdatoen.")], field="ends_on")
    position = (plan.activities.aggregate(m=Max("position"))["m"] or 0) + 1
    PlanActivity.objects.create(
        plan=plan,
        kind=kind,
        title=check_text(title, what=_("Aktivitet"), max_length=200, required=True),
        hours=_hours(hours),
        starts_on=starts_on,
        ends_on=ends_on,
        skill_id=skill_id,
        target_level=target_level,
        position=position,
    )
    _changed(access, plan, "plan")
    return _view(plan, is_employee)


def remove_activity(access: Access, plan_id: int, activity_id: int) -> PlanView:
    plan, is_employee = _plan(access, plan_id)
    deleted, _rows = plan.activities.filter(pk=activity_id).delete()
    if not deleted:
        raise NotFound
    _changed(access, plan, "plan")
    return _view(plan, is_employee)


def set_activity_status(access: Access, plan_id: int, activity_id: int, status: str) -> PlanView:
    """Progress (planned → started → done, or dropped): keeps the signatures."""
    plan, is_employee = _plan(access, plan_id)
    if status not in ActivityStatus.values:
        raise ValidationFailed([_("Vælg en status.")], field="status")
    if not plan.activities.filter(pk=activity_id).update(status=status):
        raise NotFound
    for_development(access).record(
        [plan.person_id], action=Action.UPDATE, category=CATEGORY, detail="plan"
    )
    return _view(plan, is_employee)


def sign(access: Access, plan_id: int) -> PlanView:
    """The caller signs: the employee for themselves, the manager (or HR) as manager. Signed by
    both, the plan's status is "signed"."""
    plan, is_employee = _plan(access, plan_id)
    now = timezone.now()
    if is_employee:
        plan.employee_signed_at = now
    else:
        plan.manager_signed_at = now
        plan.manager_signed_by = access.user
    if plan.employee_signed_at and plan.manager_signed_at:
        plan.status = PlanStatus.SIGNED
    plan.save()
    for_development(access).record(
        [plan.person_id], action=Action.UPDATE, category=CATEGORY, detail="plan underskrevet"
    )
    return _view(plan, is_employee)


@transaction.atomic
def append_activities(
    access: Access,
    person_id: int,
    activities: list[PlanActivity],
    *,
    target_profile: RoleProfile | None = None,
) -> DevelopmentPlan:
    """Add activities (the adopted road map) to the person's newest draft plan, or to a new
    one; the caller's right to the person is checked by the road-map service."""
    plan = (
        DevelopmentPlan.objects.filter(person_id=person_id, status=PlanStatus.DRAFT)
        .order_by("-valid_from", "-pk")
        .first()
    )
    if plan is None:
        plan = create_plan(access, person_id, target_profile=target_profile)
    elif target_profile is not None and plan.target_profile_id is None:
        plan.target_profile = target_profile
    position = plan.activities.aggregate(m=Max("position"))["m"] or 0
    for i, activity in enumerate(activities, start=1):
        activity.plan = plan
        activity.position = position + i
    PlanActivity.objects.bulk_create(activities)
    _changed(access, plan, "kompetencevej vedtaget")
    return plan
