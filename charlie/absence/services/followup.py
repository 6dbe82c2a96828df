"""Follow-up deadlines of sickness cases: load a person's absence, employments, § 56 agreements
and retention plans, build each spell's ``rules.SicknessCase`` (``absence.spells``) and ask
``rules.obligations``.

Also the set-based loaders the task refresh shares (``load_agreements``, ``load_plans``,
``sickness_periods``): they read for the services and write no audit entry themselves.

Scope and audit: a caller sees the deadlines of a person in their scope
(``people.services.get_person``: HR everyone, a manager their units, everyone themselves), and
only the spells in the time they may see (``people.visible_windows``); the read of absence data
is recorded with category ``fravaer``. ``access=None`` is the server's operator on the command
line (``charlie absence deadlines``), recorded with no actor on channel ``cli``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q

from charlie.absence.kinds import CATEGORY_ABSENCE, SICKNESS_TYPES
from charlie.absence.models import AbsencePeriod, RetentionPlan, Section56Agreement
from charlie.absence.policy import DEFAULT_POLICY, Policy
from charlie.absence.rules import (
    Obligation,
    PlanDecision,
    RetentionPlanRequest,
    Section56Terms,
    obligations,
)
from charlie.absence.spells import (
    agreement_on,
    is_recent,
    plan_for_spell,
    sickness_case,
    sickness_spells,
)
from charlie.core.errors import NotFound
from charlie.people import services as people
from charlie.people.models import Employment, Person
from charlie.privacy import services as audit
from charlie.privacy.access import Access
from charlie.privacy.models import Action

# --- Loaders (set-based; the callers audit what they show) -----------------------------------


def load_agreements(where: Q) -> dict[int, list[Section56Terms]]:
    """The § 56 agreements matching ``where`` by person, oldest approval first."""
    result: dict[int, list[Section56Terms]] = defaultdict(list)
    for pid, approved in (
        Section56Agreement.objects.filter(where)
        .order_by("person_id", "approved_on")
        .values_list("person_id", "approved_on")
    ):
        result[pid].append(Section56Terms(approved))
    return result


def load_plans(person_ids: Iterable[int]) -> dict[int, list[tuple[date, RetentionPlanRequest]]]:
    """The retention plans of these people: (spell's 1st day, request) by person."""
    result: dict[int, list[tuple[date, RetentionPlanRequest]]] = defaultdict(list)
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
                RetentionPlanRequest(
                    requested_on=requested,
                    expected_over_8_weeks=over_8,
                    decision=PlanDecision(decision) if decision else None,
                    decided_on=decided,
                ),
            )
        )
    return result


def sickness_periods(person_id: int, on: date) -> list[tuple[date, date | None, str]]:
    """(start, end, type) of the person's sickness periods started by ``on``, oldest first."""
    return list(
        AbsencePeriod.objects.filter(
            person_id=person_id, absence_type__in=SICKNESS_TYPES, start_date__lte=on
        )
        .order_by("start_date")
        .values_list("start_date", "end_date", "absence_type")
    )


def recent_spells(
    person_id: int, on: date, windows: tuple[people.Window, ...] | None = None
) -> list[tuple[date, date | None]]:
    """The person's recent sickness spells (``spells.LOOKBACK``), oldest first; with
    ``windows`` (``people.visible_windows``) only those in the time the caller may see."""
    return [
        (first, last)
        for first, last, _kinds in sickness_spells(sickness_periods(person_id, on))
        if is_recent(last, on) and people.windows_overlap(windows, first, last)
    ]


# --- Deadlines -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseDeadlines:
    first_day: date
    last_day: date | None
    absence_types: list[str]
    obligations: list[Obligation]


@dataclass(frozen=True)
class PersonDeadlines:
    employee_number: str
    on: date
    cases: list[CaseDeadlines]

    def as_json(self) -> dict[str, Any]:
        return {
            "employee_number": self.employee_number,
            "on": self.on.isoformat(),
            "cases": [
                {
                    "first_day": case.first_day.isoformat(),
                    "last_day": case.last_day.isoformat() if case.last_day else None,
                    "absence_types": case.absence_types,
                    "obligations": [
                        {
                            "code": o.code,
                            "due": o.due.isoformat() if o.due else None,
                            "applies": o.applies,
                            "information_only": o.information_only,
                            "description": str(o.description),
                            "legal_basis": str(o.legal_basis),
                            "reason": str(o.reason),
                        }
                        for o in case.obligations
                    ],
                }
                for case in self.cases
            ],
        }


def _person_for_operator(person_id: int) -> Person:
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise NotFound
    audit.record(
        actor=None,
        subject_person_ids=[person.pk],
        action=Action.READ,
        category=CATEGORY_ABSENCE,
        purpose=people.PURPOSE_HR,
        channel="cli",
        detail="charlie absence deadlines",
    )
    return person


def deadlines(
    access: Access | None,
    *,
    on: date,
    employee_number: str | None = None,
    person_id: int | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> PersonDeadlines:
    """The follow-up obligations of a person's sickness spells as known on ``on``.

    With an ``access`` the person must be in the caller's scope (404 otherwise), and only the
    spells that fall in the time the caller may see are shown (``people.visible_windows``: a
    manager sees the spells of the person's time in the manager's units; a spell that was
    running when the person came to the unit is shown whole, since its deadlines run from its
    first day and are now this manager's to keep). ``access=None`` is the server's operator on
    the command line, who sees everyone. The read is audited (category ``fravaer``).
    """
    if person_id is None:
        person_id = people.person_id_by_employee_number(employee_number or "")
        if person_id is None:
            raise NotFound
    windows: tuple[people.Window, ...] | None = None
    if access is not None:
        person = people.get_person(access, person_id)
        windows = people.visible_windows(access, person.pk)
        access.record_read([person.pk], category=CATEGORY_ABSENCE, detail="frister")
    else:
        person = _person_for_operator(person_id)
    employments = list(Employment.objects.filter(person=person).order_by("start_date"))
    s56 = load_agreements(Q(person_id=person.pk))[person.pk]
    plans = load_plans([person.pk])[person.pk]
    cases = [
        CaseDeadlines(
            first_day=first,
            last_day=last,
            absence_types=kinds,
            obligations=obligations(
                sickness_case(
                    first,
                    last,
                    employments,
                    section_56=agreement_on(s56, first),
                    retention_plan=plan_for_spell(plans, first, last),
                ),
                on,
                policy,
            ),
        )
        for first, last, kinds in sickness_spells(sickness_periods(person.pk, on))
        if is_recent(last, on) and people.windows_overlap(windows, first, last)
    ]
    return PersonDeadlines(employee_number=person.employee_number, on=on, cases=cases)
