"""§ 56 agreements and fastholdelsesplaner (sygedagpengeloven §§ 56 and 7 b; issue 4, point 4).
Part of the absence app's services.

- ``record_agreement`` / ``record_retention_plan`` write what HR or the person's manager record;
  ``overview`` is what the page shows. Scope: HR everyone, a manager the people in their units
  (``people.services.get_person``, 404 outside it); other roles 403. Every read and write is
  audited with category ``fravaer``.
- ``load_agreements`` / ``load_plans`` and ``agreement_on`` / ``plan_for_spell`` are the
  set-based loaders ``followup.deadlines`` and ``tasks_services.refresh_tasks`` use to build each
  ``rules.SicknessCase`` (no audit: they are internal).

A § 56 agreement concerns a chronic or long-term condition, but Charlie stores only that an
agreement exists and its dates, never the condition. Simplification: the employee's statement
that an absence is due to the covered condition is not recorded per spell; an agreement applies
to every sickness spell whose 1st day lies in its validity (so those spells have no employer
period, § 30 stk. 2, and refund runs from the 1st day). HR marks a task "ikke relevant" where a
spell is not due to the condition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from charlie.absence import rules
from charlie.absence.models import AbsencePeriod, RetentionPlan, Section56Agreement
from charlie.absence.policy import DEFAULT_POLICY, Policy
from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.core.formats import format_date
from charlie.core.roles import Role
from charlie.people import services as people
from charlie.people.models import Person
from charlie.privacy import services as audit

CATEGORY = "fravaer"
#: A renewal reminder becomes a manager's task this many days before it is due.
RENEWAL_TASK_HORIZON_DAYS = 90


# --- Loaders for the rules (set-based, not audited) ------------------------------------------


def load_agreements(where: Q) -> dict[int, list[rules.Section56Agreement]]:
    """The § 56 agreements matching ``where`` by person, oldest approval first."""
    result: dict[int, list[rules.Section56Agreement]] = defaultdict(list)
    for pid, approved in (
        Section56Agreement.objects.filter(where)
        .order_by("person_id", "approved_on")
        .values_list("person_id", "approved_on")
    ):
        result[pid].append(rules.Section56Agreement(approved))
    return result


def load_plans(
    person_ids: Iterable[int],
) -> dict[int, list[tuple[date, rules.RetentionPlanRequest]]]:
    """The retention plans of these people: (spell's 1st day, request) by person."""
    result: dict[int, list[tuple[date, rules.RetentionPlanRequest]]] = defaultdict(list)
    for pid, first, requested, over_8, decision, decided in (
        RetentionPlan.objects.filter(person_id__in=list(person_ids))
        .order_by("person_id", "first_day")
        .values_list(
            "person_id",
            "first_day",
            "requested_on",
            "expected_over_8_weeks",
            "decision",
            "decided_on",
        )
    ):
        result[pid].append(
            (
                first,
                rules.RetentionPlanRequest(
                    requested_on=requested,
                    expected_over_8_weeks=over_8,
                    decision=rules.PlanDecision(decision) if decision else None,
                    decided_on=decided,
                ),
            )
        )
    return result


def agreement_on(
    agreements: list[rules.Section56Agreement], day: date
) -> rules.Section56Agreement | None:
    """The agreement valid on ``day`` (the latest approved if two overlap), else None."""
    valid = [a for a in agreements if a.is_valid_on(day)]
    return max(valid, key=lambda a: a.approved_on) if valid else None


def plan_for_spell(
    plans: list[tuple[date, rules.RetentionPlanRequest]], first: date, last: date | None
) -> rules.RetentionPlanRequest | None:
    """The plan recorded for the spell ``first``–``last``: its 1st day lies in the spell (a
    spell that grew backwards by a merged period keeps its plan)."""
    inside = [p for d, p in plans if first <= d and (last is None or d <= last)]
    return inside[-1] if inside else None


def superseded(
    agreement: rules.Section56Agreement, all_of_person: list[rules.Section56Agreement]
) -> bool:
    """Whether a later agreement was approved (the renewal happened)."""
    return any(a.approved_on > agreement.approved_on for a in all_of_person)


# --- Scope and audit -------------------------------------------------------------------------


def _person(user: Any, person_id: int, channel: str = "ui") -> Person:
    """HR and managers only (403 for others); the person must be in scope (404)."""
    if not user.is_authenticated or user.role not in (Role.HR, Role.MANAGER):
        raise PermissionDenied
    return people.get_person(user, person_id, channel=channel)


def _record_write(user: Any, person_id: int, action: str, detail: str) -> None:
    audit.record(
        actor=user,
        subject_person_ids=[person_id],
        action=action,
        category=CATEGORY,
        purpose=people.PURPOSE_HR if user.role == Role.HR else people.PURPOSE_MANAGEMENT,
        channel="ui",
        detail=detail,
    )


def _refresh(person_id: int, on: date) -> None:
    """Bring the person's tasks up to date now (the daily job would do it by tomorrow)."""
    from charlie.absence import tasks_services

    tasks_services.refresh_tasks(on, person_ids=[person_id])


# --- The page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementRow:
    row: Section56Agreement
    valid_now: bool
    renewal_due: date
    renewed: bool


@dataclass(frozen=True)
class SpellRow:
    first_day: date
    last_day: date | None
    plan: RetentionPlan | None


@dataclass(frozen=True)
class Overview:
    person: Person
    agreements: list[AgreementRow]
    spells: list[SpellRow]


def _spells(
    person_id: int, on: date, windows: tuple[people.Window, ...] | None = None
) -> list[tuple[date, date | None]]:
    """The person's recent sickness spells; with ``windows`` (``people.visible_windows``) only
    those in the time the user may see."""
    from charlie.absence.followup import LOOKBACK, SICKNESS_TYPES, sickness_spells

    rows = list(
        AbsencePeriod.objects.filter(
            person_id=person_id, absence_type__in=SICKNESS_TYPES, start_date__lte=on
        )
        .order_by("start_date")
        .values_list("start_date", "end_date", "absence_type")
    )
    return [
        (first, last)
        for first, last, _kinds in sickness_spells(rows)
        if (last is None or last >= on - LOOKBACK) and people.windows_overlap(windows, first, last)
    ]


def overview(
    user: Any, person_id: int, *, on: date | None = None, policy: Policy | None = None
) -> Overview:
    """A person's § 56 agreements and the recent sickness spells with their retention plans.

    A manager sees only what falls in the person's time in the manager's units
    (``people.visible_windows``): the spells, and the agreements valid in that time."""
    on = on or people.today()
    person = _person(user, person_id)
    windows = people.visible_windows(user, person.pk)
    people.record_read(user, [person.pk], category=CATEGORY, channel="ui", detail="aftaler")
    rows = [
        r
        for r in Section56Agreement.objects.filter(person=person).order_by("-approved_on")
        if people.windows_overlap(windows, r.approved_on, r.valid_until)
    ]
    as_rules = [rules.Section56Agreement(r.approved_on) for r in rows]
    if policy is None:
        from charlie.absence.tasks_services import policy_versions

        versions = policy_versions()
    agreements = []
    for r, a in zip(rows, as_rules, strict=True):
        used = policy or renewal_policy(a.approved_on, versions)
        due = rules.section_56_renewal(a, used).due or a.valid_until
        agreements.append(AgreementRow(r, a.is_valid_on(on), due, superseded(a, as_rules)))
    plans = list(RetentionPlan.objects.filter(person=person))
    spells = [
        SpellRow(
            first,
            last,
            next(
                (
                    p
                    for p in plans
                    if first <= p.first_day and (last is None or p.first_day <= last)
                ),
                None,
            ),
        )
        for first, last in reversed(_spells(person.pk, on, windows))
    ]
    return Overview(person, agreements, spells)


def spell_choices(user: Any, person_id: int, *, on: date | None = None) -> list[date]:
    """First days of the person's recent sickness spells, newest first (for the form)."""
    on = on or people.today()
    person = _person(user, person_id)
    windows = people.visible_windows(user, person.pk)
    return [first for first, _last in reversed(_spells(person.pk, on, windows))]


def record_agreement(
    user: Any, person_id: int, approved_on: date, *, on: date | None = None
) -> Section56Agreement:
    """Record that the kommune approved a § 56 agreement on ``approved_on`` (sygedagpengeloven
    § 56): valid for 2 years (``rules.Section56Agreement.valid_until``). Audited (create)."""
    on = on or people.today()
    person = _person(user, person_id)
    if approved_on > on:
        raise ValidationFailed(
            [
                _(
                    "Godkendelsesdatoen ligger i fremtiden. Skriv den dato, kommunen godkendte "
                    "aftalen."
                )
            ]
        )
    if Section56Agreement.objects.filter(person=person, approved_on=approved_on).exists():
        raise ValidationFailed(
            [_("Der er allerede registreret en § 56-aftale godkendt %(day)s.")
             % {"day": format_date(approved_on, get_language())}]
        )  # fmt: skip
    with transaction.atomic():
        row = Section56Agreement.objects.create(
            person=person,
            approved_on=approved_on,
            valid_until=rules.Section56Agreement(approved_on).valid_until,
            recorded_by=user,
        )
        _record_write(user, person.pk, "create", "§ 56-aftale")
    _refresh(person.pk, on)
    return row


def record_retention_plan(
    user: Any,
    person_id: int,
    *,
    first_day: date,
    requested_on: date,
    expected_over_8_weeks: bool,
    decision: str = "",
    decided_on: date | None = None,
    on: date | None = None,
) -> RetentionPlan:
    """Record the employee's request for a fastholdelsesplan in the spell that began on
    ``first_day`` and the employer's answer (sygedagpengeloven § 7 b). One per spell: recording
    again updates it (the answer often comes later). Audited (create or update)."""
    on = on or people.today()
    person = _person(user, person_id)
    errors = []
    windows = people.visible_windows(user, person.pk)
    if first_day not in [first for first, _last in _spells(person.pk, on, windows)]:
        errors.append(_("Vælg en af medarbejderens sygeperioder fra listen."))
    if requested_on < first_day or requested_on > on:
        errors.append(
            _("Anmodningen skal ligge fra første sygedag (%(first)s) til i dag.")
            % {"first": format_date(first_day, get_language())}
        )
    if decision and decision not in rules.PlanDecision.__members__.values():
        errors.append(_("Vælg arbejdsgiverens svar fra listen."))
    if decision and decided_on is None:
        errors.append(_("Skriv datoen for arbejdsgiverens svar."))
    if not decision and decided_on is not None:
        errors.append(_("Vælg arbejdsgiverens svar, eller fjern svardatoen."))
    if decided_on is not None and (decided_on < requested_on or decided_on > on):
        errors.append(_("Svardatoen skal ligge fra anmodningen til i dag."))
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        row, created = RetentionPlan.objects.update_or_create(
            person=person,
            first_day=first_day,
            defaults={
                "requested_on": requested_on,
                "expected_over_8_weeks": expected_over_8_weeks,
                "decision": decision,
                "decided_on": decided_on,
                "recorded_by": user,
            },
        )
        _record_write(user, person.pk, "create" if created else "update", "fastholdelsesplan")
    _refresh(person.pk, on)
    return row


def renewal_policy(approved_on: date, versions: list[Any] | None) -> Policy:
    """The local policy in force on the approval day (its renewal lead time applies)."""
    if not versions:
        return DEFAULT_POLICY
    from charlie.absence.policy import policy_for

    return policy_for(approved_on, versions)
