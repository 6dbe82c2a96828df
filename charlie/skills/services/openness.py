"""Openness (issue 13, point 9): what "Mine data" shows of the category ``kompetencer``, and who
looked at a person's skills.

``my_data(person_id)`` is the provider registered with privacy (GDPR art. 15 and 20): every
row the app holds about the person, in one table with the same columns —

- their skill assessments (confirmed, proposed and rejected: the whole history);
- their answers to the two opt-in questions, every change;
- their MUS meetings, **with** both preparations and the summary. Art. 15 gives the right of
  access to all personal data about the person, and a manager's notes for the person's MUS are
  data about them; no exemption in databeskyttelsesloven § 22 fits a routine conversation about
  development (it covers e.g. a suspicion of a crime, not a manager's talking points). The
  employee's own preparation is theirs, shown to them whether shared or not;
- development plans and their activities;
- the team proposals they were put in;
- and the times someone proposed them as a re-skilling candidate or for a project team (audit
  entries with ``DETAIL_CANDIDATE``/``DETAIL_TEAM``), so the person sees it plainly in their
  data, not only as a "read" in the audit table.

Like every provider it reads the database directly; "Mine data" writes the audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.privacy.access import Access
from charlie.privacy.models import AuditEntry
from charlie.privacy.registry import audit_detail_label
from charlie.privacy.services.audit import OWN_INSIGHT
from charlie.skills.models import (
    DevelopmentPlan,
    MusMeeting,
    OptIn,
    SkillAssessment,
    TeamMember,
)
from charlie.skills.services.common import CATEGORY, DETAIL_CANDIDATE, DETAIL_TEAM

#: How many entries "who looked" shows on the employee's own skills page.
LOOKED_LIMIT = 20


def _iso(day: Any) -> str:
    """A date, or a moment as the local date it happened on."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        return timezone.localtime(day).date().isoformat()
    return str(day.isoformat())


def _row(what: str, subject: str, day: Any, value: str, status: str, text: str) -> dict[str, Any]:
    return {
        _("Hvad"): what,
        _("Emne"): subject,
        _("Dato"): _iso(day),
        _("Niveau eller svar"): value,
        _("Status"): status,
        _("Detaljer"): text,
    }


def my_data(person_id: int) -> list[dict[str, Any]]:
    """Everything the app holds about the person (see the module doc), newest first per kind."""
    rows: list[dict[str, Any]] = []
    for a in (
        SkillAssessment.objects.filter(person_id=person_id)
        .select_related("skill")
        .order_by("skill__name", "-assessed_on", "-pk")
    ):
        details = [str(a.get_source_display())]
        if a.evidence:
            details.append(a.evidence)
        if a.expires_on:
            details.append(_("udløber %(date)s") % {"date": a.expires_on.isoformat()})
        rows.append(
            _row(
                _("Kompetence"),
                a.skill.name,
                a.assessed_on,
                str(a.level),
                str(a.get_status_display()),
                "; ".join(details),
            )
        )
    for o in OptIn.objects.filter(person_id=person_id).order_by("kind", "-at", "-pk"):
        rows.append(
            _row(
                _("Tilsagn"),
                str(o.get_kind_display()),
                o.at,
                _("ja") if o.opted_in else _("nej"),
                "",
                "",
            )
        )
    for m in MusMeeting.objects.filter(person_id=person_id).order_by("-due_on", "-pk"):
        parts = []
        if m.employee_preparation:
            parts.append(_("Din forberedelse: %(text)s") % {"text": m.employee_preparation})
        if m.manager_preparation:
            parts.append(_("Lederens forberedelse: %(text)s") % {"text": m.manager_preparation})
        if m.summary:
            parts.append(_("Referat: %(text)s") % {"text": m.summary})
        rows.append(
            _row(
                _("MUS"),
                "",
                m.held_on or m.due_on,
                "",
                str(m.get_status_display()),
                " | ".join(parts),
            )
        )
    for plan in (
        DevelopmentPlan.objects.filter(person_id=person_id)
        .prefetch_related("activities")
        .order_by("-valid_from", "-pk")
    ):
        rows.append(
            _row(
                _("Udviklingsplan"),
                f"{plan.valid_from.isoformat()} – {plan.valid_to.isoformat()}",
                plan.valid_from,
                "",
                str(plan.get_status_display()),
                plan.goals,
            )
        )
        for act in plan.activities.all():
            rows.append(
                _row(
                    _("Aktivitet i udviklingsplan"),
                    act.title,
                    act.starts_on,
                    _("%(hours)s timer") % {"hours": act.hours},
                    str(act.get_status_display()),
                    str(act.get_kind_display()),
                )
            )
    for member in (
        TeamMember.objects.filter(person_id=person_id)
        .select_related("proposal")
        .order_by("-proposal__created_at")
    ):
        rows.append(
            _row(
                _("Projekthold"),
                member.proposal.name,
                member.proposal.created_at,
                "",
                str(member.proposal.get_status_display()),
                "",
            )
        )
    for entry in AuditEntry.objects.filter(
        subject_person_id=person_id, detail__in=(DETAIL_CANDIDATE, DETAIL_TEAM)
    ).order_by("-at", "-pk"):
        rows.append(
            _row(
                audit_detail_label(entry.detail).capitalize(),
                "",
                entry.at,
                "",
                "",
                entry.actor_username,
            )
        )
    return rows


@dataclass(frozen=True)
class Looked:
    entry: AuditEntry
    #: The entry's detail in the reader's language ("foreslået som kandidat").
    label: str


def who_looked(access: Access) -> list[Looked]:
    """The newest entries where someone else read or changed the caller's skills (category
    ``kompetencer``; not their own visits), for "Mine kompetencer". The caller's own data, so
    nothing new is recorded beyond the page's own read."""
    if not access.person_id:
        return []
    entries = (
        AuditEntry.objects.filter(subject_person_id=access.person_id, category=CATEGORY)
        .exclude(purpose=OWN_INSIGHT)
        .order_by("-at", "-pk")[:LOOKED_LIMIT]
    )
    return [Looked(entry=e, label=audit_detail_label(e.detail)) for e in entries]


@dataclass(frozen=True)
class PersonTeam:
    """A team proposal one person was put in, for another app's "Mine data" rows (the portfolio
    names the initiative the team is for)."""

    proposal_id: int
    status: str
    status_label: str
    created_at: datetime


def person_team_proposals(person_id: int) -> list[PersonTeam]:
    """The team proposals the person is a member of, newest first. Like ``my_data`` it serves a
    "Mine data" provider: it reads directly, and "Mine data" writes the audit entry."""
    return [
        PersonTeam(
            proposal_id=m.proposal_id,
            status=m.proposal.status,
            status_label=str(m.proposal.get_status_display()),
            created_at=m.proposal.created_at,
        )
        for m in TeamMember.objects.filter(person_id=person_id)
        .select_related("proposal")
        .order_by("-proposal__created_at", "-pk")
    ]
