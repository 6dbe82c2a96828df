"""Scenarios: named sets of demand assumptions (growth rules and driver tables). They hold no
personal data; everyone who may read the plan may read and choose them, and HR and analysts
create, copy, change and delete them. The illustrative scenario is never changed, only copied."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.text import check_text, text_errors
from charlie.people.models import JobFamily
from charlie.privacy.access import Access
from charlie.workforce.models import Driver, Rule, RuleKind, Scenario
from charlie.workforce.permissions import EDIT_SCENARIOS, READ_PLAN

#: The growth a rule may give, in % a year (as ``Rule.rate_percent``'s validators).
GROWTH_LIMIT = (Decimal(-50), Decimal(50))


def scenarios(access: Access) -> list[Scenario]:
    access.require(READ_PLAN)
    return list(Scenario.objects.all())


def get_scenario(
    access: Access, scenario_id: int | None = None, *, name: str | None = None
) -> Scenario:
    """A scenario by id or name; without either, the first (illustrative ones last)."""
    access.require(READ_PLAN)
    qs = Scenario.objects.all()
    if scenario_id is not None:
        found = qs.filter(pk=scenario_id).first()
    elif name is not None:
        found = qs.filter(name=name).first()
    else:
        found = qs.order_by("illustrative", "name").first()
    if found is None:
        raise NotFound
    return found


def _touch(scenario: Scenario) -> None:
    """Record a change: a new version (cached plans are recomputed) and the time."""
    Scenario.objects.filter(pk=scenario.pk).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    scenario.refresh_from_db()


def _require_changeable(scenario: Scenario) -> None:
    """The illustrative scenario keeps its sourced assumptions: it is copied, never changed."""
    if scenario.illustrative:
        raise ValidationFailed(
            [_("Det illustrative scenarie kan ikke ændres. Kopiér det, og ret i kopien.")]
        )


@transaction.atomic
def create_scenario(access: Access, *, name: str, description: str = "") -> Scenario:
    access.require(EDIT_SCENARIOS)
    name = name.strip()
    _check_name(name)
    description = _check_description(description)
    return Scenario.objects.create(name=name, description=description, created_by=access.user)


def _check_description(description: str) -> str:
    return check_text(description, what=_("Beskrivelsen"), multiline=True)


def _check_name(name: str, *, exclude: int | None = None) -> None:
    if not name:
        raise ValidationFailed([_("Giv scenariet et navn.")])
    check_text(name, what=_("Navnet"), max_length=120)
    clash = Scenario.objects.filter(name=name)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise ValidationFailed(
            [_("Der findes allerede et scenarie med navnet »%(name)s«.") % {"name": name}]
        )


@transaction.atomic
def copy_scenario(access: Access, scenario_id: int, *, name: str) -> Scenario:
    """A copy with every rule and driver table, not illustrative, under a new name."""
    access.require(EDIT_SCENARIOS)
    source = get_scenario(access, scenario_id)
    name = name.strip()
    _check_name(name)
    description = source.description
    if source.illustrative:
        description = (
            _(
                "Kopieret fra det illustrative scenarie »%(name)s«. Teksten herunder beskriver de "
                "oprindelige antagelser; ret den, når du ændrer dem."
            )
            % {"name": source.name}
            + "\n\n"
            + description
        )
    copy = Scenario.objects.create(
        name=name,
        description=description,
        illustrative=False,
        created_by=access.user,
    )
    drivers = {}
    for driver in source.drivers.all():
        drivers[driver.pk] = Driver.objects.create(
            scenario=copy, name=driver.name, source=driver.source, values=driver.values
        )
    for rule in source.rules.all():
        Rule.objects.create(
            scenario=copy,
            job_family_id=rule.job_family_id,
            kind=rule.kind,
            first_year=rule.first_year,
            last_year=rule.last_year,
            rate_percent=rule.rate_percent,
            driver=drivers.get(rule.driver_id) if rule.driver_id else None,
            ratio=rule.ratio,
            note=rule.note,
        )
    return copy


@transaction.atomic
def update_scenario(access: Access, scenario: Scenario, *, name: str, description: str) -> Scenario:
    access.require(EDIT_SCENARIOS)
    _require_changeable(scenario)
    name = name.strip()
    _check_name(name, exclude=scenario.pk)
    scenario.name = name
    scenario.description = _check_description(description)
    scenario.save(update_fields=["name", "description", "updated_at"])
    _touch(scenario)
    return scenario


@transaction.atomic
def delete_scenario(access: Access, scenario_id: int) -> None:
    access.require(EDIT_SCENARIOS)
    get_scenario(access, scenario_id).delete()


@transaction.atomic
def save_rules(access: Access, scenario: Scenario, rules: list[dict[str, Any]]) -> None:
    """Replace the scenario's rules. Each dict: job_family (JobFamily|None), kind, first_year,
    last_year, rate_percent, driver (Driver|None), ratio, note."""
    access.require(EDIT_SCENARIOS)
    _require_changeable(scenario)
    problems = []
    for number, rule in enumerate(rules, start=1):
        if rule["last_year"] < rule["first_year"]:
            problems.append(_("Regel %(n)s: »til år« er før »fra år«.") % {"n": number})
        if rule["kind"] == RuleKind.GROWTH and rule.get("rate_percent") is None:
            problems.append(_("Regel %(n)s: skriv en vækstrate.") % {"n": number})
        if rule["kind"] == RuleKind.DRIVER and (
            rule.get("driver") is None or rule.get("job_family") is None
        ):
            problems.append(
                _("Regel %(n)s: en driverregel skal have både en jobfamilie og en driver.")
                % {"n": number}
            )
        problems += [
            _("Regel %(n)s: %(problem)s") % {"n": number, "problem": problem}
            for problem in text_errors(
                rule.get("note") or "", what=_("Begrundelsen"), max_length=500
            )
        ]
        driver = rule.get("driver")
        if driver is not None and driver.scenario_id != scenario.pk:
            problems.append(_("Regel %(n)s: driveren hører til et andet scenarie.") % {"n": number})
    if problems:
        raise ValidationFailed(problems)
    scenario.rules.all().delete()
    for rule in rules:
        Rule.objects.create(scenario=scenario, **rule)
    _touch(scenario)


def growth_problems(rates: dict[str, Decimal | None]) -> list[str]:
    """What is wrong with growth rates per job family code (every problem, in Danish)."""
    families = {f.code: f for f in JobFamily.objects.all()}
    problems = []
    for code, rate in rates.items():
        family = families.get(code)
        if family is None:
            problems.append(_("Ukendt jobfamilie: %(code)s") % {"code": code})
        elif rate is not None and not GROWTH_LIMIT[0] <= rate <= GROWTH_LIMIT[1]:
            problems.append(
                _("%(family)s: vækst skal ligge mellem -50 og 50 %% om året.")
                % {"family": family.display_name}
            )
    return problems


@transaction.atomic
def set_growth(
    access: Access,
    scenario: Scenario,
    rates: dict[str, Decimal | None],
    *,
    first_year: int,
    last_year: int,
) -> None:
    """The quick form on the plan page: one growth rate per job family code for the whole
    horizon (``None``: remove that family's own growth rules, so the rules for all apply)."""
    access.require(EDIT_SCENARIOS)
    _require_changeable(scenario)
    problems = growth_problems(rates)
    if problems:
        raise ValidationFailed(problems)
    families = {f.code: f for f in JobFamily.objects.all()}
    for code, rate in rates.items():
        family = families[code]
        scenario.rules.filter(kind=RuleKind.GROWTH, job_family=family).delete()
        if rate is not None:
            scenario.rules.filter(kind=RuleKind.DRIVER, job_family=family).delete()
            Rule.objects.create(
                scenario=scenario,
                job_family=family,
                kind=RuleKind.GROWTH,
                first_year=first_year,
                last_year=last_year,
                rate_percent=rate.quantize(Decimal("0.01")),
                note=_("Sat på planens side"),
            )
    _touch(scenario)


@transaction.atomic
def save_growth(
    access: Access,
    scenario: Scenario,
    rates: dict[str, Decimal | None],
    *,
    first_year: int,
    copy_name: str = "",
) -> Scenario:
    """``set_growth`` from ``first_year`` on, for good (to 2100). An illustrative scenario is never
    changed: the rates go into a copy named ``copy_name`` (default "Kopi af …"), made in the same
    transaction, so a refusal leaves no copy behind. Returns the scenario that was changed."""
    target = scenario
    if scenario.illustrative:
        name = copy_name.strip() or _("Kopi af %(name)s") % {"name": scenario.name}
        target = copy_scenario(access, scenario.pk, name=name)
    set_growth(access, target, rates, first_year=first_year, last_year=2100)
    return target


@transaction.atomic
def save_driver(
    access: Access,
    scenario: Scenario,
    *,
    driver_id: int | None,
    name: str,
    source: str,
    values: dict[int, float],
) -> Driver:
    access.require(EDIT_SCENARIOS)
    _require_changeable(scenario)
    if not values:
        raise ValidationFailed([_("En driver skal have mindst ét år med en værdi.")])
    name = name.strip()
    if not name:
        raise ValidationFailed([_("Giv driveren et navn.")])
    check_text(name, what=_("Navnet"), max_length=120)
    source = check_text(source, what=_("Kilden"), multiline=True)
    clash = scenario.drivers.filter(name=name)
    if driver_id is not None:
        clash = clash.exclude(pk=driver_id)
    if clash.exists():
        raise ValidationFailed(
            [_("Scenariet har allerede en driver med navnet »%(name)s«.") % {"name": name}]
        )
    stored = {str(year): float(value) for year, value in sorted(values.items())}
    if driver_id is None:
        driver = Driver.objects.create(scenario=scenario, name=name, source=source, values=stored)
    else:
        found = scenario.drivers.filter(pk=driver_id).first()
        if found is None:
            raise NotFound
        driver = found
        driver.name, driver.source, driver.values = name, source, stored
        driver.save()
    _touch(scenario)
    return driver


@transaction.atomic
def delete_driver(access: Access, scenario: Scenario, driver_id: int) -> None:
    access.require(EDIT_SCENARIOS)
    _require_changeable(scenario)
    deleted, _detail = scenario.drivers.filter(pk=driver_id).delete()
    if not deleted:
        raise NotFound
    _touch(scenario)


def job_families() -> list[JobFamily]:
    """The job families in the order every table uses."""
    return list(JobFamily.objects.order_by("sort_order", "name"))


def scenario_rules(scenario: Scenario) -> list[Rule]:
    return list(scenario.rules.select_related("job_family", "driver"))


def scenario_drivers(scenario: Scenario) -> list[Driver]:
    return list(scenario.drivers.all())


@dataclasses.dataclass(frozen=True)
class GrowthField:
    """One job family in the plan page's quick form."""

    code: str
    name: str
    rate: Decimal | None  # its own growth rule over the whole plan, if it has exactly that
    has_other_rules: bool  # other rules of its own (a driver, or growth for some years)


def growth_fields(scenario: Scenario, first_year: int, last_year: int) -> list[GrowthField]:
    own: dict[int, Decimal | None] = {}
    other: set[int] = set()
    for rule in scenario.rules.all():
        if rule.job_family_id is None:
            continue
        whole = rule.first_year <= first_year and rule.last_year >= last_year
        if rule.kind == RuleKind.GROWTH and whole:
            own[rule.job_family_id] = rule.rate_percent
        else:
            other.add(rule.job_family_id)
    return [
        GrowthField(f.code, f.name, own.get(f.pk), f.pk in other and f.pk not in own)
        for f in job_families()
    ]
