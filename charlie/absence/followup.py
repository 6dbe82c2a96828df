"""Follow-up deadlines of sickness cases: loads a person's absence and employments, turns them
into ``rules.SicknessCase``s and asks ``rules.obligations`` (issue 4, point 4).

Part of the absence app's services (``absence.services`` re-exports ``deadlines``). Scope and
audit: a user sees the deadlines of a person in their scope (``people.services.get_person``:
HR everyone, a manager their units, everyone themselves); the read of absence data is recorded
with category ``fravaer``. The CLI (``actor=None``) is the server's operator and is recorded as
channel ``cli``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q

from charlie.absence import agreements
from charlie.absence.models import AbsencePeriod, AbsenceType
from charlie.absence.policy import DEFAULT_POLICY, Policy
from charlie.absence.rules import (
    Obligation,
    RetentionPlanRequest,
    Section56Agreement,
    SicknessCase,
    obligations,
)
from charlie.core.errors import NotFound
from charlie.people import services as people
from charlie.people.models import Employment, Person
from charlie.privacy import services as audit

#: The absence types the sickness follow-up applies to (sygedagpengeloven: own sickness, also
#: partial, and a work injury, which is sickness for sygedagpenge purposes).
SICKNESS_TYPES = (AbsenceType.SICKNESS, AbsenceType.PARTIAL_SICKNESS, AbsenceType.WORK_INJURY)
#: Cases shown: ongoing ones, and those that ended at most this long before ``on`` (refund
#: claims under § 59 follow a case for months after it; a year covers them).
LOOKBACK = timedelta(days=366)
CATEGORY = "fravaer"


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
                            "description": o.description,
                            "legal_basis": o.legal_basis,
                            "reason": o.reason,
                        }
                        for o in case.obligations
                    ],
                }
                for case in self.cases
            ],
        }


def sickness_spells(
    periods: list[tuple[date, date | None, str]],
) -> list[tuple[date, date | None, list[str]]]:
    """Merge sickness periods that overlap or follow each other day by day into one spell: the
    law counts from the 1st day of a continuous absence. ``periods`` sorted by start."""
    spells: list[tuple[date, date | None, list[str]]] = []
    for start, end, kind in periods:
        if spells:
            first, last, kinds = spells[-1]
            if last is None or start <= last + timedelta(days=1):
                new_last = None if last is None or end is None else max(last, end)
                spells[-1] = (first, new_last, kinds if kind in kinds else [*kinds, kind])
                continue
        spells.append((start, end, [kind]))
    return spells


def _case(
    first: date,
    last: date | None,
    employments: list[Employment],
    *,
    section_56: Section56Agreement | None = None,
    retention_plan: RetentionPlanRequest | None = None,
) -> SicknessCase:
    """The case as the data know it. Hours in the 8 weeks before are estimated from the
    contracted weekly hours (Charlie has no time registration); a notice date is not recorded,
    so the § 7 a notice exception is not applied (the leave date is the employment's end).

    ``section_56`` is the person's § 56 agreement valid on ``first`` (``agreements.agreement_on``);
    Charlie takes every spell in its validity as due to the covered condition (see
    ``absence.agreements``). ``retention_plan`` is the spell's fastholdelsesplan request."""
    related = section_56 is not None and section_56.is_valid_on(first)
    job = next(
        (
            e
            for e in employments
            if e.start_date <= first and (e.end_date is None or e.end_date >= first)
        ),
        None,
    )
    if job is None:
        return SicknessCase(
            first_day=first,
            last_day=last,
            section_56=section_56,
            section_56_related=related,
            retention_plan=retention_plan,
        )
    weeks = min(Decimal(8), Decimal((first - job.start_date).days) / 7)
    return SicknessCase(
        first_day=first,
        last_day=last,
        employment_start=job.start_date,
        hours_last_8_weeks=job.weekly_hours * weeks,
        leave_date=job.end_date,
        section_56=section_56,
        section_56_related=related,
        retention_plan=retention_plan,
    )


def deadlines(
    actor: Any,
    *,
    on: date,
    employee_number: str | None = None,
    person_id: int | None = None,
    channel: str = "ui",
    policy: Policy = DEFAULT_POLICY,
) -> PersonDeadlines:
    """The follow-up obligations of a person's sickness spells as known on ``on``.

    With an ``actor`` the person must be in their scope (404 otherwise), and only the spells
    that fall in the time the actor may see are shown (``people.visible_windows``: a manager sees
    the spells of the person's time in the manager's units; a spell that was running when the
    person came to the unit is shown whole, since its deadlines run from its first day and are
    now this manager's to keep). ``actor=None`` is the command line. The read is audited
    (category ``fravaer``).
    """
    if person_id is None:
        person_id = people.person_id_by_employee_number(employee_number or "")
        if person_id is None:
            raise NotFound
    person: Person | None
    windows: tuple[people.Window, ...] | None = None
    if actor is not None:
        person = people.get_person(actor, person_id, channel=channel)
        windows = people.visible_windows(actor, person.pk)
        people.record_read(actor, [person.pk], category=CATEGORY, channel=channel, detail="frister")
    else:
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            raise NotFound
        audit.record(
            actor=None,
            subject_person_ids=[person.pk],
            action="read",
            category=CATEGORY,
            purpose=people.PURPOSE_HR,
            channel=channel,
            detail="charlie absence deadlines",
        )
    rows = list(
        AbsencePeriod.objects.filter(
            person=person, absence_type__in=SICKNESS_TYPES, start_date__lte=on
        )
        .order_by("start_date")
        .values_list("start_date", "end_date", "absence_type")
    )
    employments = list(Employment.objects.filter(person=person).order_by("start_date"))
    s56 = agreements.load_agreements(Q(person_id=person.pk))[person.pk]
    plans = agreements.load_plans([person.pk])[person.pk]
    cases = [
        CaseDeadlines(
            first_day=first,
            last_day=last,
            absence_types=kinds,
            obligations=obligations(
                _case(
                    first,
                    last,
                    employments,
                    section_56=agreements.agreement_on(s56, first),
                    retention_plan=agreements.plan_for_spell(plans, first, last),
                ),
                on,
                policy,
            ),
        )
        for first, last, kinds in sickness_spells(rows)
        if (last is None or last >= on - LOOKBACK) and people.windows_overlap(windows, first, last)
    ]
    return PersonDeadlines(employee_number=person.employee_number, on=on, cases=cases)
