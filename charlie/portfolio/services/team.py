"""The right team for an initiative (issue 17, point 6): the skills and hours it needs, a team
proposed across units through ``skills.services`` (only people who opted in to project work),
coverage and gaps, gaps turned into learning needs with a course from ``learning.services``, and
the named portfolio owner's decision — on accept the proposed people are told by e-mail and see
it in "Mine data".

Skills owns the proposal (``TeamProposal``, its members, the decision and its own audit entries
under "kompetencer"); the portfolio holds the link (``Team``), the needs (``SkillNeed``) and the
learning needs (``LearningNeed``), and writes its own audit entries under "digitalisering" for
every member it names, proposes or tells. Everything here is the portfolio owner's work
(``MANAGE_PORTFOLIO``); proposing and deciding also need skills' ``FIND_CANDIDATES``, which the
same role (HR) holds.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from charlie.core.errors import NotFound, ValidationFailed
from charlie.learning import services as learning
from charlie.people.models import Person
from charlie.portfolio.models import Initiative, LearningNeed, SkillNeed, Team
from charlie.portfolio.permissions import MANAGE_PORTFOLIO
from charlie.portfolio.services.common import CATEGORY, for_portfolio, mine_row
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.skills import services as skills

logger = logging.getLogger(__name__)

#: Audit details (the DPO's log shows them in the reader's language; registered in apps.py).
DETAIL_PROPOSED = gettext_noop("foreslået til et projekthold i digitaliseringsporteføljen")
DETAIL_SHOWN = gettext_noop("vist som medlem af et projekthold i digitaliseringsporteføljen")
DETAIL_TOLD = gettext_noop("fik besked om et godkendt projekthold")
AUDIT_DETAILS = (DETAIL_PROPOSED, DETAIL_SHOWN, DETAIL_TOLD)

#: The most people a proposal may hold (skills' limit is 50).
MAX_MEMBERS = 50

#: The longest course code a learning need holds (the catalogue allows 60; codes are short).
COURSE_CODE_MAX = LearningNeed._meta.get_field("course_code").max_length or 40


# --- The initiative -----------------------------------------------------------------------------


def initiative_for_team(access: Access, number: int) -> Initiative:
    """The initiative with this number, for the portfolio owner's team pages; 404 if none."""
    access.require(MANAGE_PORTFOLIO)
    initiative = Initiative.objects.filter(number=number).first()
    if initiative is None:
        raise NotFound
    return initiative


# --- Skill needs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedRow:
    skill_id: int
    skill: str
    level: int
    hours: Decimal


def skill_needs(access: Access, initiative: Initiative) -> list[NeedRow]:
    """The initiative's skill needs by skill name (configuration, no personal data)."""
    access.require(MANAGE_PORTFOLIO)
    needs = list(initiative.skill_needs.order_by("pk"))
    names = skills.skill_names(n.skill_id for n in needs)
    rows = [
        NeedRow(n.skill_id, names.get(n.skill_id, str(n.skill_id)), n.level, n.hours) for n in needs
    ]
    return sorted(rows, key=lambda r: r.skill.casefold())


def skill_choices() -> list[tuple[int, str]]:
    """The skills a need may name: skills' active skills, by name."""
    return skills.team_skill_choices()


def save_skill_needs(
    access: Access, initiative: Initiative, rows: Iterable[tuple[Any, Any, Any]]
) -> list[NeedRow]:
    """Replace the initiative's skill needs with these (skill id, level, hours) rows, validated
    by ``skills.services.parse_needs`` (a known skill, a level on its scale, 1–10,000 hours,
    each skill once); empty rows are skipped. All or nothing."""
    access.require(MANAGE_PORTFOLIO)
    needs = skills.parse_needs(rows)
    with transaction.atomic():
        initiative.skill_needs.all().delete()
        SkillNeed.objects.bulk_create(
            SkillNeed(
                initiative=initiative,
                skill_id=n.skill_id,
                level=n.level,
                hours=Decimal(str(n.hours)).quantize(Decimal("0.1")),
            )
            for n in needs
        )
    return skill_needs(access, initiative)


# --- Proposals ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamRow:
    """One proposal for the initiative, without names: status, who decided, coverage."""

    proposal_id: int
    status: str
    status_label: str
    created_at: datetime
    decided_by: str
    decided_at: datetime | None
    hours: float
    missing_hours: float

    @property
    def coverage(self) -> float:
        """The share of the needed hours the proposed people cover (0–1)."""
        return 1.0 - self.missing_hours / self.hours if self.hours else 0.0

    @property
    def coverage_percent(self) -> int:
        return round(100 * self.coverage)


def _hours(needs: Sequence[dict[str, Any]]) -> tuple[float, float]:
    total = sum(float(n.get("hours", 0)) for n in needs)
    missing = sum(float(n.get("missing_hours", 0)) for n in needs)
    return total, missing


def teams_of(access: Access, initiative: Initiative) -> list[TeamRow]:
    """The initiative's proposals, newest first (no names, so nothing to audit)."""
    access.require(MANAGE_PORTFOLIO)
    ids = list(initiative.teams.values_list("proposal_id", flat=True))
    if not ids:
        return []
    rows = []
    for p in skills.team_proposals(access, ids=ids):
        total, missing = _hours(p.needs)
        rows.append(
            TeamRow(
                proposal_id=p.pk,
                status=p.status,
                status_label=str(p.get_status_display()),
                created_at=p.created_at,
                decided_by=p.decided_by.get_full_name() or p.decided_by.username
                if p.decided_by
                else "",
                decided_at=p.decided_at,
                hours=total,
                missing_hours=missing,
            )
        )
    return sorted(rows, key=lambda r: (r.created_at, r.proposal_id), reverse=True)


def propose(
    access: Access,
    initiative: Initiative,
    *,
    hours_per_person: float | None = None,
    max_members: int = 12,
) -> Team:
    """Ask skills for a draft team for the initiative's skill needs ("Foreslå hold"): people
    across units whose newest "projects" opt-in is yes, by greedy set cover. The proposal is
    named after the initiative (so skills' own "Mine data" row says which), linked as a
    ``Team``, and each proposed person is audited under "digitalisering" too."""
    access.require(MANAGE_PORTFOLIO)
    needs = [
        skills.TeamNeed(n.skill_id, n.level, float(n.hours))
        for n in initiative.skill_needs.order_by("pk")
    ]
    if not needs:
        raise ValidationFailed(
            [_("Angiv først de kompetencer, initiativet har brug for, med niveau og timer.")]
        )
    if not 1 <= max_members <= MAX_MEMBERS:
        raise ValidationFailed([_("Holdet skal have mellem 1 og 50 personer.")])
    with transaction.atomic():
        proposal = skills.propose_team(
            access,
            str(initiative)[:200],
            needs,
            hours_per_person=hours_per_person,
            max_members=max_members,
        )
        team = Team.objects.create(initiative=initiative, proposal_id=proposal.pk)
        for_portfolio(access).record(
            skills.team_member_ids(access, proposal.pk),
            action=Action.CREATE,
            category=CATEGORY,
            detail=DETAIL_PROPOSED,
        )
    return team


@dataclass(frozen=True)
class GapRow:
    """A need of the proposal with the hours the proposed people do not cover, and the course
    that would teach it (when the catalogue has one)."""

    skill_id: int
    skill: str
    level: int
    hours: float
    missing_hours: float
    covered_by: list[str]
    course: learning.TeachingCourse | None
    course_note: str
    #: Already a learning need of the initiative.
    recorded: bool


@dataclass(frozen=True)
class TeamPage:
    initiative: Initiative
    view: skills.TeamView
    needs: list[GapRow]

    @property
    def gaps(self) -> list[GapRow]:
        return [n for n in self.needs if n.missing_hours > 0]

    @property
    def coverage_percent(self) -> int:
        return round(100 * self.view.coverage)

    @property
    def is_draft(self) -> bool:
        return bool(self.view.proposal.status == "draft")

    @property
    def open_gaps(self) -> list[GapRow]:
        return [n for n in self.gaps if not n.recorded]


def _team(initiative: Initiative, proposal_id: int) -> Team:
    team = Team.objects.filter(initiative=initiative, proposal_id=proposal_id).first()
    if team is None:
        raise NotFound
    return team


def best_course(
    courses: Iterable[learning.TeachingCourse], level: int
) -> tuple[learning.TeachingCourse | None, str]:
    """The course to suggest for a need at ``level``: the one that reaches the level with the
    lowest level that does (then fewest hours, then title), else the one that goes highest — with
    a note saying it falls short. Only codes that fit ``LearningNeed.course_code`` count."""
    fits = [c for c in courses if len(c.code) <= COURSE_CODE_MAX]
    reaching = sorted(
        (c for c in fits if c.level >= level), key=lambda c: (c.level, c.hours, c.title)
    )
    if reaching:
        return reaching[0], ""
    if not fits:
        return None, _("Kataloget har intet kursus, der lærer kompetencen.")
    best = max(fits, key=lambda c: (c.level, -c.hours))
    return best, _("Kurset giver niveau %(got)s; behovet er niveau %(need)s.") % {
        "got": best.level,
        "need": level,
    }


def team_page(access: Access, initiative: Initiative, proposal_id: int) -> TeamPage:
    """One proposal of the initiative with its members by name (skills audits the read under
    "kompetencer", the portfolio under "digitalisering"), coverage and gaps, each gap with the
    course that would teach it."""
    access.require(MANAGE_PORTFOLIO)
    _team(initiative, proposal_id)
    view = skills.team_proposal(access, proposal_id)
    member_ids = skills.team_member_ids(access, proposal_id)
    for_portfolio(access).record_read(member_ids, category=CATEGORY, detail=DETAIL_SHOWN)
    raw = list(view.proposal.needs)
    by_skill: dict[int, list[learning.TeachingCourse]] = {}
    for c in learning.courses_teaching(int(n["skill"]) for n in raw):
        by_skill.setdefault(c.skill_id, []).append(c)
    recorded = set(initiative.learning_needs.values_list("skill_id", flat=True))
    rows = []
    for n, shown in zip(raw, view.needs, strict=True):
        sid, level = int(n["skill"]), int(n["level"])
        missing = float(n.get("missing_hours", 0))
        course, note = best_course(by_skill.get(sid, []), level) if missing > 0 else (None, "")
        rows.append(
            GapRow(
                skill_id=sid,
                skill=shown["skill"],
                level=level,
                hours=float(n["hours"]),
                missing_hours=missing,
                covered_by=list(shown["covered_by"]),
                course=course,
                course_note=note,
                recorded=sid in recorded,
            )
        )
    return TeamPage(initiative=initiative, view=view, needs=rows)


def gaps_to_learning_needs(access: Access, initiative: Initiative, proposal_id: int) -> int:
    """Turn the proposal's gaps (needs with hours no proposed person covers) into the
    initiative's learning needs, each with the suggested course (``best_course``). A skill that
    is already a learning need is updated to this proposal's level and missing hours. Returns
    how many learning needs were created or updated. No personal data: a learning need names a
    skill, not a person."""
    access.require(MANAGE_PORTFOLIO)
    _team(initiative, proposal_id)
    proposal = skills.team_proposals(access, ids=[proposal_id])[0]
    gaps = [n for n in proposal.needs if float(n.get("missing_hours", 0)) > 0]
    if not gaps:
        raise ValidationFailed([_("Forslaget har ingen huller: holdet dækker alle timer.")])
    by_skill: dict[int, list[learning.TeachingCourse]] = {}
    for c in learning.courses_teaching(int(n["skill"]) for n in gaps):
        by_skill.setdefault(c.skill_id, []).append(c)
    with transaction.atomic():
        for n in gaps:
            sid, level = int(n["skill"]), int(n["level"])
            course, note = best_course(by_skill.get(sid, []), level)
            LearningNeed.objects.update_or_create(
                initiative=initiative,
                skill_id=sid,
                defaults={
                    "level": level,
                    "missing_hours": Decimal(str(n["missing_hours"])).quantize(Decimal("0.1")),
                    "course_code": course.code if course else "",
                    "note": note[:300],
                    "created_by": access.user,
                },
            )
    return len(gaps)


@dataclass(frozen=True)
class LearningRow:
    skill: str
    level: int
    missing_hours: Decimal
    course_code: str
    course_title: str
    note: str
    created_at: datetime


def learning_needs(access: Access, initiative: Initiative) -> list[LearningRow]:
    """The initiative's learning needs with the skill's and the course's names."""
    access.require(MANAGE_PORTFOLIO)
    needs = list(initiative.learning_needs.order_by("pk"))
    names = skills.skill_names(n.skill_id for n in needs)
    titles = {
        (c.skill_id, c.code): c.title
        for c in learning.courses_teaching({n.skill_id for n in needs})
    }
    return [
        LearningRow(
            skill=names.get(n.skill_id, str(n.skill_id)),
            level=n.level,
            missing_hours=n.missing_hours,
            course_code=n.course_code,
            # A course no longer active or no longer teaching the skill keeps its code only.
            course_title=titles.get((n.skill_id, n.course_code), ""),
            note=n.note,
            created_at=n.created_at,
        )
        for n in needs
    ]


# --- The decision, and telling the people proposed ---------------------------------------------


def decide(access: Access, initiative: Initiative, proposal_id: int, *, accept: bool) -> int:
    """The named portfolio owner (the caller) accepts or rejects a draft team
    (``skills.services.decide_team``; a decided one stays as is). On accept each proposed
    person gets an e-mail once the decision is saved, and the portfolio records that they were
    told. Returns the number of people who will be told (0 on reject)."""
    access.require(MANAGE_PORTFOLIO)
    _team(initiative, proposal_id)
    skills.decide_team(access, proposal_id, accept=accept)
    if not accept:
        return 0
    member_ids = skills.team_member_ids(access, proposal_id)
    for_portfolio(access).record(
        member_ids, action=Action.UPDATE, category=CATEGORY, detail=DETAIL_TOLD
    )
    title = str(initiative)
    transaction.on_commit(lambda: tell_members(member_ids, title))
    return len(member_ids)


def tell_members(person_ids: Sequence[int], initiative_title: str) -> int:
    """E-mail each person (their account's address, else the one on their person record) that
    they are proposed for the initiative's project team; one message each, so no one sees the
    others' addresses. A failed message is logged, never undoes the decision. Returns the number
    sent."""
    subject = _("Du er foreslået til projektholdet for %(title)s") % {"title": initiative_title}
    sent = 0
    for person in Person.objects.filter(pk__in=list(person_ids)).select_related("user"):
        address = (person.user.email if person.user is not None else "") or person.email
        if not address:
            continue
        body = _(
            "Kære %(name)s\n\n"
            "Du er foreslået til projektholdet for digitaliseringsinitiativet %(title)s, fordi "
            "du har sagt ja til at deltage i projekter og har kompetencer, som initiativet har "
            "brug for. Porteføljeejeren har godkendt holdet.\n\n"
            "Du kan se forslaget under Mine data i Charlie. Vil du ikke længere foreslås til "
            "projekter, kan du ændre dit ja under Mine kompetencer."
        ) % {"name": person.full_name, "title": initiative_title}
        try:
            sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        except Exception as exc:  # the decision is saved; a failed mail must not undo it
            logger.warning("Team e-mail failed: %s", type(exc).__name__)
    return sent


# --- "Mine data" --------------------------------------------------------------------------------


def my_data(person_id: int) -> list[dict[str, Any]]:
    """The person's places on the portfolio's project teams: the initiative each team is for and
    the proposal's status (skills' own rows show the proposal; this names the initiative)."""
    teams = skills.person_team_proposals(person_id)
    if not teams:
        return []
    links = {
        t.proposal_id: t.initiative
        for t in Team.objects.filter(proposal_id__in=[p.proposal_id for p in teams]).select_related(
            "initiative"
        )
    }
    return [
        mine_row(
            _("Projekthold i digitaliseringsporteføljen"),
            str(links[p.proposal_id]),
            timezone.localdate(p.created_at),
            p.status_label,
            _("Du er foreslået, fordi du har sagt ja til at deltage i projekter."),
        )
        for p in teams
        if p.proposal_id in links
    ]
