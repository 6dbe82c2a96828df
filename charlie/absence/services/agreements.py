"""§ 56 agreements and fastholdelsesplaner (sygedagpengeloven §§ 56 and 7 b).

``record_agreement`` / ``record_retention_plan`` write what HR or the person's manager record;
``overview`` is what the page shows. Scope: HR everyone, a manager the people in their units
(``people.services.get_person``, 404 outside it); other roles 403
(``permissions.MANAGE_AGREEMENTS``). Every read and write is audited with category ``fravaer``.
A write brings the person's follow-up tasks up to date at once (``tasks.refresh_tasks``).

A § 56 agreement concerns a chronic or long-term condition, but Charlie stores only that an
agreement exists and its dates, never the condition. Simplification: the employee's statement
that an absence is due to the covered condition is not recorded per spell; an agreement applies
to every sickness spell whose 1st day lies in its validity (so those spells have no employer
period, § 30 stk. 2, and refund runs from the 1st day). HR marks a task "ikke relevant" where a
spell is not due to the condition.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from charlie.absence import rules
from charlie.absence.kinds import CATEGORY_ABSENCE
from charlie.absence.models import RetentionPlan, Section56Agreement
from charlie.absence.permissions import MANAGE_AGREEMENTS
from charlie.absence.policy import Policy
from charlie.absence.services.followup import recent_spells
from charlie.absence.services.policy import policy_versions, renewal_policy
from charlie.absence.services.tasks import refresh_tasks
from charlie.absence.spells import superseded
from charlie.core.errors import ValidationFailed
from charlie.core.formats import format_date
from charlie.people import services as people
from charlie.people.models import Person
from charlie.privacy.access import Access
from charlie.privacy.models import Action


def _person(access: Access, person_id: int) -> Person:
    """HR and managers only (403 for others); the person must be in scope (404)."""
    access.require(MANAGE_AGREEMENTS)
    return people.get_person(access, person_id)


def _refresh(person_id: int, on: date) -> None:
    """Bring the person's tasks up to date now (the daily job would do it by tomorrow)."""
    refresh_tasks(on, person_ids=[person_id])


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


def overview(
    access: Access, person_id: int, *, on: date | None = None, policy: Policy | None = None
) -> Overview:
    """A person's § 56 agreements and the recent sickness spells with their retention plans.

    A manager sees only what falls in the person's time in the manager's units
    (``people.visible_windows``): the spells, and the agreements valid in that time."""
    on = on or people.today()
    person = _person(access, person_id)
    windows = people.visible_windows(access, person.pk)
    access.record_read([person.pk], category=CATEGORY_ABSENCE, detail="aftaler")
    rows = [
        r
        for r in Section56Agreement.objects.filter(person=person).order_by("-approved_on")
        if people.windows_overlap(windows, r.approved_on, r.valid_until)
    ]
    as_rules = [rules.Section56Terms(r.approved_on) for r in rows]
    versions = policy_versions() if policy is None else None
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
        for first, last in reversed(recent_spells(person.pk, on, windows))
    ]
    return Overview(person, agreements, spells)


def spell_choices(access: Access, person_id: int, *, on: date | None = None) -> list[date]:
    """First days of the person's recent sickness spells, newest first (for the form)."""
    on = on or people.today()
    person = _person(access, person_id)
    windows = people.visible_windows(access, person.pk)
    return [first for first, _last in reversed(recent_spells(person.pk, on, windows))]


def record_agreement(
    access: Access, person_id: int, approved_on: date, *, on: date | None = None
) -> Section56Agreement:
    """Record that the kommune approved a § 56 agreement on ``approved_on`` (sygedagpengeloven
    § 56): valid for 2 years (``rules.Section56Terms.valid_until``). Audited (create)."""
    on = on or people.today()
    person = _person(access, person_id)
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
            valid_until=rules.Section56Terms(approved_on).valid_until,
            recorded_by=access.user,
        )
        access.record(
            [person.pk], action=Action.CREATE, category=CATEGORY_ABSENCE, detail="§ 56-aftale"
        )
    _refresh(person.pk, on)
    return row


def record_retention_plan(
    access: Access,
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
    person = _person(access, person_id)
    errors = []
    windows = people.visible_windows(access, person.pk)
    if first_day not in [first for first, _last in recent_spells(person.pk, on, windows)]:
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
                "recorded_by": access.user,
            },
        )
        access.record(
            [person.pk],
            action=Action.CREATE if created else Action.UPDATE,
            category=CATEGORY_ABSENCE,
            detail="fastholdelsesplan",
        )
    _refresh(person.pk, on)
    return row
