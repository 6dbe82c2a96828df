"""Employee skill profiles: levels with date, source, evidence and expiry; the employee
proposes and the manager confirms; the history is kept (issue 13, point 3).

- The employee's own page (``my_profile``) and a manager's or HR's page for a person in their
  scope (``profile_of``): the newest confirmed level per skill, expiry flagged, the history per
  skill, the proposals waiting, and who else looked at the skills.
- ``propose``: the employee's proposal (status proposed, never a level until confirmed).
- ``decide``: the manager or HR confirms or rejects a proposal (``CONFIRM_SKILLS``, in scope,
  never one's own: a proposal is confirmed by someone else, or it is no confirmation).
- ``enter_level``: the manager or HR enters a level directly (confirmed at once, source manager).
- ``pending``: the proposals waiting in the caller's units (paged), and the work-queue item.

Every read and write of someone's skills is recorded (``for_development``), their own under
"egen indsigt" (``Access.record``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.text import check_text
from charlie.core.workqueue import QueueItem, QueueRow, Urgency
from charlie.people import services as people
from charlie.people.models import Person
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.skills import rules
from charlie.skills.models import (
    AssessmentSource,
    AssessmentStatus,
    Skill,
    SkillAssessment,
)
from charlie.skills.permissions import CONFIRM_SKILLS, READ_SKILLS
from charlie.skills.services.common import CATEGORY, for_development, person_in_scope, today
from charlie.skills.services.taxonomy import active_skills_matching

#: An expiry within this many days is flagged ("udløber snart").
EXPIRY_WARNING_DAYS = 90
#: The skill picker shows at most this many matches (ESCO holds about 14,000 skills).
PICKER_LIMIT = 30
#: Pending proposals per page, and rows on the front page's work queue.
PENDING_PER_PAGE = 50
QUEUE_ROWS = 8

#: Sources an employee may give for their own proposal (manager and import are not theirs).
EMPLOYEE_SOURCES = (AssessmentSource.SELF, AssessmentSource.COURSE, AssessmentSource.CERTIFICATE)


@dataclass(frozen=True)
class Held:
    """One skill's current (newest confirmed) level, with its name on the skill's scale."""

    assessment: SkillAssessment
    level_name: str
    #: "expired", "soon" (within ``EXPIRY_WARNING_DAYS``) or "".
    expiry: str
    #: All assessments of this skill (confirmed, proposed, rejected), newest first.
    history: list[SkillAssessment] = field(default_factory=list)

    @property
    def skill(self) -> Skill:
        return self.assessment.skill


@dataclass(frozen=True)
class Profile:
    person: Person | None
    #: The newest confirmed assessment per skill, by skill name.
    current: list[SkillAssessment]
    #: Proposals waiting for the manager.
    proposed: list[SkillAssessment]
    #: ``current`` with level names, expiry flags and the history per skill.
    held: list[Held] = field(default_factory=list)
    #: Skills with assessments but no confirmed level (only proposed or rejected): their history.
    other_history: list[SkillAssessment] = field(default_factory=list)
    #: The caller may confirm, reject and enter levels here.
    can_confirm: bool = False


def level_name(skill: Skill, level: int) -> str:
    """The level's name on the skill's scale ("Øvet"), or the bare number if off the scale."""
    scale = rules.scale_of(skill.scale)
    if not scale.valid(level):
        return str(level)
    return _(scale.level(level).name)


def expiry_flag(expires_on: date | None, on: date) -> str:
    """ "expired" when the expiry date has passed, "soon" within 90 days, else ""."""
    if expires_on is None:
        return ""
    if expires_on < on:
        return "expired"
    if expires_on <= on + timedelta(days=EXPIRY_WARNING_DAYS):
        return "soon"
    return ""


def current_assessments(person_id: int) -> list[SkillAssessment]:
    """The newest confirmed assessment of each skill (merged skills under the skill they were
    merged into are not folded here: the taxonomy's merge moves them)."""
    newest: dict[int, SkillAssessment] = {}
    rows = (
        SkillAssessment.objects.filter(person_id=person_id, status=AssessmentStatus.CONFIRMED)
        .select_related("skill")
        .order_by("skill_id", "-assessed_on", "-pk")
    )
    for row in rows:
        newest.setdefault(row.skill_id, row)
    return sorted(newest.values(), key=lambda a: a.skill.name)


def _profile(access: Access, person: Person, *, detail: str) -> Profile:
    on = today()
    everything = list(
        SkillAssessment.objects.filter(person=person)
        .select_related("skill")
        .order_by("skill__name", "skill_id", "-assessed_on", "-pk")
    )
    by_skill: dict[int, list[SkillAssessment]] = {}
    for row in everything:
        by_skill.setdefault(row.skill_id, []).append(row)
    current = current_assessments(person.pk)
    held = [
        Held(
            assessment=a,
            level_name=level_name(a.skill, a.level),
            expiry=expiry_flag(a.expires_on, on),
            history=by_skill.get(a.skill_id, []),
        )
        for a in current
    ]
    confirmed_skills = {a.skill_id for a in current}
    other = [
        row
        for skill_id, rows in by_skill.items()
        if skill_id not in confirmed_skills
        for row in rows
        if row.status != AssessmentStatus.PROPOSED
    ]
    proposed = sorted(
        (a for a in everything if a.status == AssessmentStatus.PROPOSED),
        key=lambda a: (a.created_at, a.pk),
        reverse=True,
    )
    for_development(access).record_read([person.pk], category=CATEGORY, detail=detail)
    return Profile(
        person=person,
        current=current,
        proposed=proposed,
        held=held,
        other_history=other,
        can_confirm=access.can(CONFIRM_SKILLS) and person.pk != access.person_id,
    )


def my_profile(access: Access) -> Profile:
    """The caller's own skills (empty for a user without a person record)."""
    person = Person.objects.filter(pk=access.person_id).first() if access.person_id else None
    if person is None:
        return Profile(person=None, current=[], proposed=[])
    return _profile(access, person, detail="mine")


def profile_of(access: Access, person_id: int) -> Profile:
    """One person's skills: 403 without the permission, 404 outside the caller's scope."""
    access.require(READ_SKILLS)
    return _profile(access, person_in_scope(access, person_id), detail="person")


# --- The skill picker ---------------------------------------------------------------------------


def search_skills(query: str, *, limit: int = PICKER_LIMIT) -> tuple[list[Skill], int]:
    """The picker's matches: ``taxonomy.active_skills_matching``, at most ``limit``."""
    return active_skills_matching(query, limit=limit)


def active_skill(skill_id: int | str | None) -> Skill:
    """An active skill by database id or stable id (``uri``), or ``ValidationFailed`` (a retired
    or merged one takes no new assessments: history keeps them, new levels go to the skill it
    was merged into)."""
    text = str(skill_id or "").strip()
    if text.isdigit():
        skill = Skill.objects.filter(pk=int(text)).first()
    else:
        skill = Skill.objects.filter(uri=text).first() if text else None
    if skill is None or not skill.active:
        raise ValidationFailed([_("Vælg en kompetence, der er i brug.")], field="skill")
    return skill


# --- Proposing, confirming, entering ------------------------------------------------------------


@dataclass(frozen=True)
class LevelInput:
    """What a form gives for a new assessment; checked by ``_checked``."""

    skill_id: int | str | None
    level: int | str | None
    assessed_on: date | None
    source: str = AssessmentSource.SELF
    evidence: str = ""
    expires_on: date | None = None


def _checked(data: LevelInput, *, sources: tuple[str, ...]) -> tuple[Skill, int, str, date]:
    skill = active_skill(data.skill_id)
    scale = rules.scale_of(skill.scale)
    try:
        level = int(data.level or 0)
    except (TypeError, ValueError):
        level = 0
    errors: list[str] = []
    if not scale.valid(level):
        errors.append(
            _("Niveauet skal være mellem 1 og %(top)d på denne kompetences skala.")
            % {"top": scale.top}
        )
    if data.source not in sources:
        errors.append(_("Vælg en kilde."))
    on = today()
    day = data.assessed_on
    if day is None:
        errors.append(_("Datoen skal udfyldes."))
    elif day > on:
        errors.append(_("Datoen kan ikke ligge i fremtiden."))
    elif day.year < 1950:
        errors.append(_("Datoen er for gammel til at være rigtig."))
    if data.expires_on is not None and day is not None and data.expires_on <= day:
        errors.append(_("Udløbsdatoen skal ligge efter datoen."))
    if data.expires_on is not None and data.expires_on.year > 2100:
        errors.append(
            _(
                "Udløbsdatoen er for langt ude i fremtiden. Lad feltet stå tomt, hvis "
                "kompetencen ikke udløber."
            )
        )
    if errors or day is None:
        raise ValidationFailed(errors)
    evidence = check_text(data.evidence, what=_("Dokumentationen"), max_length=300)
    return skill, level, evidence, day


def propose(access: Access, data: LevelInput) -> SkillAssessment:
    """The employee proposes a level of one of their skills (status proposed; their manager
    confirms or rejects it). Only for the caller's own person record."""
    if not access.person_id:
        raise PermissionDenied
    skill, level, evidence, day = _checked(data, sources=tuple(EMPLOYEE_SOURCES))
    with transaction.atomic():
        row = SkillAssessment.objects.create(
            person_id=access.person_id,
            skill=skill,
            level=level,
            assessed_on=day,
            source=data.source,
            status=AssessmentStatus.PROPOSED,
            evidence=evidence,
            expires_on=data.expires_on,
            proposed_by=access.user,
        )
        access.record([access.person_id], action=Action.CREATE, category=CATEGORY, detail="forslag")
    return row


def enter_level(access: Access, person_id: int, data: LevelInput) -> SkillAssessment:
    """A manager or HR enters a level directly for a person in scope: confirmed at once, source
    manager (or a course or certificate the manager has seen)."""
    access.require(CONFIRM_SKILLS)
    person = person_in_scope(access, person_id)
    if person.pk == access.person_id:
        raise PermissionDenied
    sources = (AssessmentSource.MANAGER, AssessmentSource.COURSE, AssessmentSource.CERTIFICATE)
    skill, level, evidence, day = _checked(data, sources=sources)
    with transaction.atomic():
        row = SkillAssessment.objects.create(
            person=person,
            skill=skill,
            level=level,
            assessed_on=day,
            source=data.source,
            status=AssessmentStatus.CONFIRMED,
            evidence=evidence,
            expires_on=data.expires_on,
            proposed_by=access.user,
            decided_by=access.user,
            decided_at=timezone.now(),
        )
        for_development(access).record(
            [person.pk], action=Action.CREATE, category=CATEGORY, detail="niveau"
        )
    return row


def decide(access: Access, assessment_id: int, decision: str | None) -> SkillAssessment:
    """Confirm (``decision`` "confirm") or reject ("reject") a proposal of a person in the
    caller's scope (404 outside it, or when it was already decided). Never one's own proposal."""
    access.require(CONFIRM_SKILLS)
    row = (
        SkillAssessment.objects.filter(pk=assessment_id, status=AssessmentStatus.PROPOSED)
        .select_related("skill", "person")
        .first()
    )
    if row is None:
        raise NotFound
    person_in_scope(access, row.person_id)
    if row.person_id == access.person_id:
        raise PermissionDenied
    if decision not in ("confirm", "reject"):
        raise ValidationFailed([_("Vælg bekræft eller afvis.")])
    confirm = decision == "confirm"
    with transaction.atomic():
        row.status = AssessmentStatus.CONFIRMED if confirm else AssessmentStatus.REJECTED
        row.decided_by = access.user
        row.decided_at = timezone.now()
        row.save(update_fields=["status", "decided_by", "decided_at"])
        for_development(access).record(
            [row.person_id],
            action=Action.UPDATE,
            category=CATEGORY,
            detail="bekræftet" if confirm else "afvist",
        )
    return row


def withdraw(access: Access, assessment_id: int) -> SkillAssessment:
    """The employee takes back one of their own proposals that nobody has decided yet (404 for
    anyone else's, or once it is decided). The row is deleted: it was never a level."""
    row = (
        SkillAssessment.objects.filter(
            pk=assessment_id,
            status=AssessmentStatus.PROPOSED,
            person_id=access.person_id if access.person_id else -1,
        )
        .select_related("skill")
        .first()
    )
    if row is None:
        raise NotFound
    person_id = row.person_id
    with transaction.atomic():
        row.delete()
        access.record(
            [person_id], action=Action.DELETE, category=CATEGORY, detail="forslag trukket"
        )
    return row


# --- Proposals waiting, and the work queue --------------------------------------------------------


def _pending_query(access: Access) -> Any:
    qs = SkillAssessment.objects.filter(status=AssessmentStatus.PROPOSED).filter(
        people.in_scope(access, person="person")
    )
    if access.person_id:
        qs = qs.exclude(person_id=access.person_id)
    return qs


def pending(access: Access, *, page: int | str | None = 1) -> Page:
    """The proposals waiting for the caller: HR all, a manager those of the people in their
    units (not their own), oldest first, paged."""
    access.require(CONFIRM_SKILLS)
    qs = _pending_query(access).select_related("skill", "person").order_by("created_at", "pk")
    shown = Paginator(qs, PENDING_PER_PAGE).get_page(page)
    for_development(access).record_read(
        {a.person_id for a in shown.object_list}, category=CATEGORY, detail="forslag"
    )
    return shown


def queue_items(access: Access) -> list[QueueItem]:
    """The front page's item for a manager or HR: the skill proposals waiting in their units."""
    if not access.can(CONFIRM_SKILLS) or not access.sees_others:
        return []
    qs = _pending_query(access)
    total = qs.count()
    if not total:
        return []
    rows = list(qs.select_related("skill", "person").order_by("created_at", "pk")[:QUEUE_ROWS])
    for_development(access).record_read(
        {a.person_id for a in rows}, category=CATEGORY, detail="forside:forslag"
    )
    return [
        QueueItem(
            key="skills_proposals",
            title=_("Kompetencer til bekræftelse"),
            count=total,
            urgency=Urgency.SOON,
            url=reverse("skills:pending"),
            link_label=_("Se alle forslag"),
            text=ngettext(
                "%(n)d forslag fra en medarbejder venter på dig.",
                "%(n)d forslag fra medarbejdere venter på dig.",
                total,
            )
            % {"n": total},
            rows=[
                QueueRow(
                    text=f"{a.person.full_name} – {a.skill.name}",
                    url=reverse("skills:person", args=[a.person_id]),
                    detail=level_name(a.skill, a.level),
                )
                for a in rows
            ],
            order=40,
        )
    ]


# --- The person overview --------------------------------------------------------------------------


def person_section(access: Access, person: Person) -> dict[str, Any] | None:
    """The person overview's skills summary: the current levels (at most 10 shown), expiries
    and how many proposals wait. Scope checked again; the read is recorded."""
    access.require(READ_SKILLS)
    person_in_scope(access, person.pk)
    on = today()
    current = current_assessments(person.pk)
    waiting = SkillAssessment.objects.filter(
        person=person, status=AssessmentStatus.PROPOSED
    ).count()
    for_development(access).record_read([person.pk], category=CATEGORY, detail="oversigt")
    return {
        "title": _("Kompetencer"),
        "person": person,
        "held": [
            Held(a, level_name(a.skill, a.level), expiry_flag(a.expires_on, on))
            for a in current[:10]
        ],
        "count": len(current),
        "waiting": waiting,
    }
