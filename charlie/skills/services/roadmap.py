"""The personal skill road map (issue 13, point 5): from a person's confirmed profile to a
target role profile, the gap (``gaps.gap``) and an ordered path of activities
(``skills.roadmap``), which the employee and the manager adjust and adopt into the development
plan, and print on one page.

Activities come from ``LearningActivity`` rows (entered by HR on the activities page) and from
every registered *activity provider*: the learning app, when it exists, registers its course
catalogue with :func:`register_activity_provider` in its ``AppConfig.ready``; skills never
imports it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.text import check_text
from charlie.people import services as people
from charlie.people.models import Person
from charlie.privacy.access import Access
from charlie.skills import gaps
from charlie.skills import roadmap as planner
from charlie.skills.models import (
    ActivityKind,
    LearningActivity,
    PlanActivity,
    RoleProfile,
    RoleRequirement,
    Skill,
)
from charlie.skills.permissions import MANAGE_MUS, MANAGE_TAXONOMY, READ_TAXONOMY
from charlie.skills.roadmap import Option
from charlie.skills.rules import scale_of
from charlie.skills.services import role_profiles
from charlie.skills.services.common import CATEGORY, for_development, person_in_scope
from charlie.skills.services.mus import today
from charlie.skills.services.plans import append_activities
from charlie.skills.services.profiles import current_assessments

#: fn(skill ids) → the activities it offers for them.
ActivityProvider = Callable[[Sequence[int]], Iterable[Option]]

_providers: list[ActivityProvider] = []

#: The most steps the one-page PDF lists (a compact table from 10 steps on).
PDF_ROWS = 22


def register_activity_provider(fn: ActivityProvider) -> None:
    """Offer more activities to every road map (the learning app's course catalogue)."""
    if fn not in _providers:
        _providers.append(fn)


def unregister_activity_provider(fn: ActivityProvider) -> None:
    if fn in _providers:
        _providers.remove(fn)


def hours_per_week() -> float:
    """The weekly budget of learning hours (``CHARLIE_ROADMAP_HOURS_PER_WEEK``, default 4)."""
    return float(
        getattr(settings, "CHARLIE_ROADMAP_HOURS_PER_WEEK", planner.DEFAULT_HOURS_PER_WEEK)
    )


def current_profile(code: str) -> RoleProfile | None:
    """The current version of the role profile ``code``; None if there is none."""
    try:
        return role_profiles.current_profile(code)
    except NotFound:
        return None


def _default_profile(person_id: int) -> RoleProfile | None:
    """The current role profile of the person's job family (their largest employment)."""
    employment = (
        people.current_employments()
        .filter(person_id=person_id)
        .order_by("-weekly_hours", "pk")
        .first()
    )
    if employment is None:
        return None
    return (
        RoleProfile.objects.filter(is_current=True, job_family_id=employment.job_family_id)
        .order_by("name")
        .first()
    )


def options_for(skill_ids: Sequence[int]) -> list[Option]:
    """Every activity for these skills: the hand-entered ones and every provider's."""
    rows = LearningActivity.objects.filter(skill_id__in=list(skill_ids))
    options = [
        Option(
            key=f"local:{a.pk}",
            skill_id=a.skill_id,
            title=a.title,
            kind=a.kind,
            hours=float(a.hours),
            raises_to=a.raises_to,
            weeks=a.weeks,
        )
        for a in rows
    ]
    for provider in _providers:
        options.extend(provider(skill_ids))
    return options


@dataclass(frozen=True)
class RoadmapView:
    person: Person
    is_self: bool
    profile: RoleProfile | None
    roadmap: planner.Roadmap | None
    skill_names: dict[int, str]
    choices: list[tuple[str, str]]
    start: date
    hours_per_week: float

    def _named(self, items: Iterable[Any], line: Callable[[Any], gaps.GapLine]) -> list[Any]:
        return [(item, self.skill_names.get(line(item).skill_id, "")) for item in items]

    @property
    def named_steps(self) -> list[tuple[planner.Step, str]]:
        """The steps with their skill's name, for the page and the PDF."""
        return self._named(self.roadmap.steps, lambda s: s.line) if self.roadmap else []

    @property
    def pdf_steps(self) -> list[tuple[planner.Step, str]]:
        """The steps the one-page PDF has room for (``PDF_ROWS``)."""
        return self.named_steps[:PDF_ROWS]

    @property
    def pdf_more(self) -> int:
        """Steps left out of the PDF (it says how many, and the total hours stay complete)."""
        return max(0, len(self.named_steps) - PDF_ROWS)

    @property
    def named_unresolved(self) -> list[tuple[gaps.GapLine, str]]:
        return self._named(self.roadmap.unresolved, lambda ln: ln) if self.roadmap else []

    @property
    def named_met(self) -> list[tuple[gaps.GapLine, str]]:
        return self._named(self.roadmap.met, lambda ln: ln) if self.roadmap else []


def _person(access: Access, person_id: int | None) -> tuple[Person, bool]:
    if person_id is None or person_id == access.person_id:
        person = Person.objects.filter(pk=access.person_id).first() if access.person_id else None
        if person is None:
            raise NotFound
        return person, True
    access.require(MANAGE_MUS)
    return person_in_scope(access, person_id), False


def _gap(person_id: int, profile: RoleProfile) -> list[gaps.GapLine]:
    held = {a.skill_id: a.level for a in current_assessments(person_id)}
    needs = [
        gaps.Need(r.skill_id, r.min_level, r.requirement == "essential")
        for r in RoleRequirement.objects.filter(profile=profile)
    ]
    return gaps.gap(held, needs)


def roadmap_for(
    access: Access,
    person_id: int | None = None,
    *,
    code: str = "",
    start: date | None = None,
    weekly_hours: float | None = None,
) -> RoadmapView:
    """The proposed road map toward ``code`` (default: the person's job family's profile)."""
    person, is_self = _person(access, person_id)
    profile = current_profile(code) if code else _default_profile(person.pk)
    if code and profile is None:
        raise NotFound
    start = start or today()
    budget = weekly_hours or hours_per_week()
    if budget <= 0 or budget > 40:
        raise ValidationFailed([_("Timer om ugen skal være mellem 1 og 40.")], field="timer")
    roadmap = None
    names: dict[int, str] = {}
    if profile is not None:
        lines = _gap(person.pk, profile)
        roadmap = planner.propose(
            lines,
            options_for([ln.skill_id for ln in lines if not ln.met]),
            start=start,
            hours_per_week=budget,
        )
        names = dict(
            Skill.objects.filter(pk__in=[ln.skill_id for ln in lines]).values_list("pk", "name")
        )
    for_development(access).record_read([person.pk], category=CATEGORY, detail="kompetencevej")
    return RoadmapView(
        person, is_self, profile, roadmap, names, role_profiles.profile_choices(), start, budget
    )


@dataclass(frozen=True)
class Choice:
    """The employee's and manager's adjustment of one proposed step."""

    key: str
    keep: bool
    position: int
    starts_on: date | None = None


def adopt(
    access: Access,
    person_id: int | None,
    *,
    code: str,
    choices: Sequence[Choice],
    start: date | None = None,
    weekly_hours: float | None = None,
) -> int:
    """Adopt the adjusted road map into the person's development plan (PlanActivity rows):
    the kept steps, in the chosen order, with the chosen start dates. Returns the plan's id."""
    view = roadmap_for(access, person_id, code=code, start=start, weekly_hours=weekly_hours)
    if view.roadmap is None or view.profile is None:
        raise NotFound
    proposed = {s.option.key: s for s in view.roadmap.steps}
    kept = sorted((c for c in choices if c.keep), key=lambda c: (c.position, c.key))
    if not kept:
        raise ValidationFailed([_("Vælg mindst én aktivitet.")])
    if any(c.key not in proposed for c in kept):
        raise ValidationFailed([_("Forslaget er ændret; indlæs siden igen.")])
    laid = planner.lay_out(
        [(proposed[c.key].option, proposed[c.key].line) for c in kept],
        start=view.start,
        hours_per_week=view.hours_per_week,
        starts=[c.starts_on for c in kept],
    )
    rows = [
        PlanActivity(
            kind=step.option.kind if step.option.kind in ActivityKind.values else "other",
            title=step.option.title[:200],
            skill_id=step.option.skill_id,
            target_level=step.line.required,
            hours=Decimal(str(step.option.hours)).quantize(Decimal("0.1")),
            starts_on=step.starts_on,
            ends_on=step.ends_on,
        )
        for step in laid
    ]
    plan = append_activities(access, view.person.pk, rows, target_profile=view.profile)
    return plan.pk


# --- Hand-entered activities (HR) -----------------------------------------------------------


@dataclass(frozen=True)
class ActivityPage:
    page: Page[LearningActivity]
    skills: list[tuple[int, str]]
    kinds: list[tuple[str, str]]


def activity_skill_choices() -> list[tuple[int, str]]:
    """The skills activities can be entered for: those some current role profile requires,
    and every local and DigComp skill (not all 14,000 ESCO skills)."""
    required = RoleRequirement.objects.filter(profile__is_current=True).values("skill_id")
    rows = (
        Skill.objects.filter(Q(pk__in=required) | Q(source__in=["local", "digcomp"]))
        .filter(retired_on__isnull=True, merged_into__isnull=True)
        .order_by("name")
        .values_list("pk", "name")
    )
    return list(rows)


def learning_activities(access: Access, *, page: int = 1) -> ActivityPage:
    access.require(READ_TAXONOMY)
    rows = LearningActivity.objects.select_related("skill").order_by("skill__name", "raises_to")
    return ActivityPage(
        Paginator(rows, 50).get_page(page),
        activity_skill_choices(),
        [(str(v), str(label)) for v, label in ActivityKind.choices],
    )


def add_learning_activity(
    access: Access,
    *,
    skill_id: int,
    kind: str,
    title: str,
    hours: object,
    raises_to: object,
    weeks: object,
) -> LearningActivity:
    """HR adds an activity that raises a skill to a level (no personal data). Numbers may come
    as typed ("7,5")."""
    access.require(MANAGE_TAXONOMY)
    try:
        hours = float(str(hours).replace(",", "."))
        weeks = int(str(weeks))
        raises_to = int(str(raises_to))
    except ValueError:
        raise ValidationFailed([_("Timer, uger og niveau skal være tal.")]) from None
    skill = Skill.objects.filter(pk=skill_id).first()
    if skill is None:
        raise ValidationFailed([_("Vælg en kompetence.")], field="skill")
    if kind not in ActivityKind.values:
        raise ValidationFailed([_("Vælg en type.")], field="kind")
    top = scale_of(skill.scale).top
    if not 1 <= raises_to <= top:
        raise ValidationFailed(
            [_("Niveauet skal være mellem 1 og %(top)s.") % {"top": top}], field="raises_to"
        )
    if not 0 < hours <= 9999 or not 1 <= weeks <= 520:
        raise ValidationFailed([_("Timer og uger skal være positive tal.")], field="hours")
    return LearningActivity.objects.create(
        skill=skill,
        kind=kind,
        title=check_text(title, what=_("Aktivitet"), max_length=200, required=True),
        hours=Decimal(str(hours)).quantize(Decimal("0.1")),
        raises_to=raises_to,
        weeks=weeks,
    )
