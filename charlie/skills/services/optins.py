"""The employee's yes or no to being named (issue 13, points 7 and 8): "Jeg vil gerne høre om
nye muligheder" (re-skilling candidates) and "Jeg vil gerne deltage i projekter på tværs"
(project teams).

Consent in the sense of GDPR art. 7: given freely by the employee themselves, as easy to
withdraw as to give (art. 7(3)), and provable — so every change is a new ``OptIn`` row (the
newest counts), shown to the employee as their history and recorded in the audit log. Without
a yes nobody is named: the candidate ranking and the team proposals ask
``opted_in_person_ids`` and show everyone else as counts only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import OuterRef, Subquery

from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.skills.models import OptIn, OptInKind
from charlie.skills.services.common import CATEGORY


@dataclass(frozen=True)
class OptInState:
    kind: str
    label: str
    opted_in: bool
    #: Every change, newest first.
    history: list[OptIn]


def opt_in_states(person_id: int) -> list[OptInState]:
    """The person's current answer to each question (no row yet: no) and its history."""
    rows = list(OptIn.objects.filter(person_id=person_id).order_by("-at", "-pk"))
    states = []
    for kind, label in OptInKind.choices:
        history = [r for r in rows if r.kind == kind]
        states.append(
            OptInState(
                kind=kind,
                label=str(label),
                opted_in=bool(history and history[0].opted_in),
                history=history,
            )
        )
    return states


def my_opt_ins(access: Access) -> list[OptInState]:
    """The caller's own answers (read as "egen indsigt"); none without a person record."""
    if not access.person_id:
        return []
    access.record_read([access.person_id], category=CATEGORY, detail="tilsagn")
    return opt_in_states(access.person_id)


def set_opt_in(access: Access, kind: str, opted_in: bool) -> OptIn | None:
    """The caller says yes or no to ``kind``; a new row only when the answer changes (the same
    answer twice is no change in consent). Only the employee themselves: nobody may consent for
    another (GDPR art. 7)."""
    if not access.person_id:
        raise PermissionDenied
    if kind not in OptInKind.values:
        raise ValidationFailed(["?"])
    with transaction.atomic():
        newest = (
            OptIn.objects.select_for_update()
            .filter(person_id=access.person_id, kind=kind)
            .order_by("-at", "-pk")
            .first()
        )
        current = bool(newest and newest.opted_in)
        if newest is not None and current == opted_in:
            return None  # the same answer again is no change (a first "no" is kept: it shows)
        row = OptIn.objects.create(person_id=access.person_id, kind=kind, opted_in=opted_in)
        access.record(
            [access.person_id],
            action=Action.UPDATE if newest else Action.CREATE,
            category=CATEGORY,
            detail="tilsagn: ja" if opted_in else "tilsagn: nej",
        )
    return row


def opted_in_person_ids(kind: str) -> set[int]:
    """The people whose newest answer to ``kind`` is yes: the only ones the candidate ranking
    (``OptInKind.NEW_OPPORTUNITIES``) and team proposals (``OptInKind.PROJECTS``) may name.
    One query; no audit entry (ids only, nothing about the person is read)."""
    newest = OptIn.objects.filter(person_id=OuterRef("person_id"), kind=kind).order_by("-at", "-pk")
    return set(
        OptIn.objects.filter(kind=kind)
        .filter(pk=Subquery(newest.values("pk")[:1]))
        .filter(opted_in=True)
        .values_list("person_id", flat=True)
    )
