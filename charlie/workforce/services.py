"""The workforce plan's use cases (issue 5): load history and today's staff, fit the exit model,
project a scenario, apply disclosure control, manage scenarios, and one person's pension dates.

Who sees what:

- the **plan** (aggregates only): HR and analysts the whole municipality, a manager the units they
  manage (today's staff in their sub-trees; the exit rates are always the municipality's, which
  are aggregates of everyone). Every row goes through disclosure control: the plan counts the
  same people as the organisation tree and the headcount table (each person once, in their
  largest current employment), and shows a row only where ``people.headcount_release`` — the
  one release of today's headcounts, ``core.disclosure.protect`` — shows that job family or
  forvaltning, so no combination of the three gives a small group away. No individual's
  projected retirement date is ever part of it;
- **scenarios**: HR and analysts create, copy and edit them (they hold no personal data);
  managers may read and choose them;
- **one person's pension dates** (``person_pension``): HR only, for the registered purpose
  "arbejdsstyrkeplanlaegning", and every look is written to the audit log.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.cache import cached, version
from charlie.core.disclosure import protect_line
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.formats import format_number
from charlie.core.roles import Role
from charlie.core.services import min_group_size
from charlie.core.text import check_text, text_errors
from charlie.people import services as people
from charlie.people.models import Employment, EndReason, JobFamily, OrgUnit
from charlie.privacy import services as audit
from charlie.privacy.models import Action
from charlie.workforce import history, model, pension, projection
from charlie.workforce import scenario as demand
from charlie.workforce.models import Driver, Rule, RuleKind, Scenario

PURPOSE = "arbejdsstyrkeplanlaegning"
CATEGORY = "stamdata"
#: How many complete years before this one the exit model is fitted on.
FIT_YEARS = 6
DEFAULT_TO_YEAR = 2040
DEFAULT_RUNS = 1000
MIN_RUNS, MAX_RUNS = 100, 5000
#: The growth a rule may give, in % a year (as ``Rule.rate_percent``'s validators).
GROWTH_LIMIT = (Decimal(-50), Decimal(50))
DEFAULT_SEED = 2030
DIMENSIONS = ("job_family", "forvaltning")
PLAN_ROLES = frozenset({Role.HR, Role.ANALYST, Role.MANAGER})
EDIT_ROLES = frozenset({Role.HR, Role.ANALYST})


def today() -> date:
    return people.today()


def require_plan_access(user: Any) -> None:
    if getattr(user, "role", None) not in PLAN_ROLES:
        raise PermissionDenied


def require_scenario_editor(user: Any) -> None:
    if getattr(user, "role", None) not in EDIT_ROLES:
        raise PermissionDenied


def may_edit(user: Any) -> bool:
    return getattr(user, "role", None) in EDIT_ROLES


# --- Loading the data -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Data:
    """History and today's staff as arrays (no names: ids, dates and codes only)."""

    spells: history.Spells
    stay_start: np.ndarray  # per spell: the first day of the person's stay (seniority)
    unit_path: list[str]  # per spell: the org unit's path (scope checks)
    family_codes: list[str]
    family_names: list[str]
    unit_ids: list[int]  # forvaltning ids (0: staff placed at the top of the tree)
    unit_names: list[str]


def _load() -> _Data:
    families = list(
        JobFamily.objects.order_by("sort_order", "name").values_list("pk", "code", "name")
    )
    family_index = {pk: i for i, (pk, _code, _name) in enumerate(families)}
    units = {
        pk: (path, depth, name)
        for pk, path, depth, name in OrgUnit.objects.values_list("pk", "path", "depth", "name")
    }
    top_ids = sorted({_top(path) for path, _depth, _name in units.values()})
    top_index = {pk: i for i, pk in enumerate(top_ids)}
    top_names = [
        units[pk][2] if pk in units and units[pk][1] == 1 else _("Øverste niveau") for pk in top_ids
    ]
    rows = Employment.objects.values_list(
        "person_id",
        "person__birth_date",
        "job_family_id",
        "org_unit_id",
        "weekly_hours",
        "start_date",
        "end_date",
        "end_reason",
    ).order_by("pk")  # the oldest employment wins a tie for a person's largest (as in people)
    columns = list(zip(*rows, strict=True)) or [()] * 8
    person, birth, family, unit, hours, start, end, reason = columns
    births = np.array(birth, dtype="datetime64[D]")
    pension_years = pension.folkepension_years(births) if len(births) else np.zeros(0, np.int64)
    epoch = np.datetime64("1970-01-01", "D")
    ends = np.array(
        [
            history.OPEN if e is None else (np.datetime64(e, "D") - epoch).astype(np.int64)
            for e in end
        ],
        dtype=np.int64,
    )
    spells = history.Spells(
        person=np.array(person, dtype=np.int64),
        birth_year=births.astype("datetime64[Y]").astype(np.int64) + 1970,
        pension_year=np.asarray(pension_years, dtype=np.int64),
        family=np.array([family_index[f] for f in family], dtype=np.int64),
        unit=np.array([top_index[_top(units[u][0])] for u in unit], dtype=np.int64),
        fte=np.array([float(h) / 37 for h in hours], dtype=np.float64),
        start=(np.array(start, dtype="datetime64[D]") - epoch).astype(np.int64),
        end=ends,
        retirement=np.array([r == EndReason.RETIREMENT for r in reason], dtype=bool),
    )
    return _Data(
        spells=spells,
        stay_start=history.stay_starts(spells),
        unit_path=[units[u][0] for u in unit],
        family_codes=[code for _pk, code, _name in families],
        family_names=[name for _pk, _code, name in families],
        unit_ids=top_ids,
        unit_names=top_names,
    )


def _top(path: str) -> int:
    """The forvaltning (depth-1 unit) id of a unit path such as ``/1/4/17/``; 0 at the top."""
    parts = [p for p in path.split("/") if p]
    return int(parts[1]) if len(parts) > 1 else 0


def _data() -> _Data:
    return cached("people", "workforce:data", _load)


def fit_years(on: date) -> range:
    return range(on.year - FIT_YEARS, on.year)


def _fitted(on: date) -> tuple[model.ExitModel, history.Panel]:
    def compute() -> tuple[model.ExitModel, history.Panel]:
        data = _data()
        years = fit_years(on)
        panel = history.panel(data.spells, years)
        hires = _hires(data, years)
        fitted = model.fit(panel, len(data.family_codes), years, **hires)
        return fitted, panel

    return cached("people", f"workforce:model:{on.year}", compute)


def _hires(data: _Data, years: range) -> dict[str, Any]:
    _person, day, family, age = history.entries(data.spells)
    year = history.year_of(day)
    keep = (year >= years.start) & (year < years.stop)
    return {"hire_family": family[keep], "hire_age": age[keep]}


# --- The model, openly ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class BacktestYear:
    year: int
    actual: int | None  # people who left; None when below the minimum group size
    model: float  # expected, not a count of people
    baseline: float


@dataclasses.dataclass(frozen=True)
class ModelReport:
    """How the model was fitted and tested. Counts of people below the minimum group size are
    ``None`` (disclosure control); rates and expected values are not counts and are shown."""

    fitted_on: tuple[int, ...]
    person_years: int | None
    retirements: int | None
    other_exits: int | None
    hires: int | None
    k: float
    backtest: model.Backtest | None
    backtest_years: list[BacktestYear]
    backtest_problem: str
    min_size: int
    retirement_by_ytp: list[tuple[int, float, int | None]]  # (years to pension year, rate, n)
    #: The factor on other exits per seniority class: (first, last 1 January of the stay, factor);
    #: last ``None`` = or more.
    seniority: list[tuple[int, int | None, float]]


def model_report(user: Any, *, on: date | None = None) -> ModelReport:
    """How the exit model was fitted and how well it predicted the last three years."""
    require_plan_access(user)
    on = on or today()
    return cached("people", f"workforce:report:{on.year}", lambda: _model_report(on))


def _shown(count: float, size: int) -> int | None:
    """One count of people on its own (no total to subtract it from), through the engine."""
    return protect_line({"n": round(count)}, min_size=size)[0]["n"]


def _model_report(on: date) -> ModelReport:
    data = _data()
    fitted, panel = _fitted(on)
    size = min_group_size(CATEGORY)
    last = on.year - 1
    problem = ""
    result = None
    all_years = range(on.year - FIT_YEARS - 3, on.year)
    full = history.panel(data.spells, all_years)
    try:
        result = model.backtest(
            full,
            len(data.family_codes),
            last,
            k=fitted.k,
            **_hires(data, range(all_years.start, last - 2)),
        )
    except ValueError:
        problem = _("Der er ikke historik nok til at teste modellen (mindst fire hele år).")
    rows = panel.rows(np.isin(panel.year, fitted.years))
    events = fitted.retirement.events.sum(axis=0)
    rates = fitted.retirement.alpha.sum(axis=0) / (
        fitted.retirement.alpha + fitted.retirement.beta
    ).sum(axis=0)
    retirements = _shown(int((rows.exit == history.RETIRED).sum()), size)
    # Retirements by years to pension are parts of the retirements shown above: a line.
    by_ytp, _total = protect_line(
        {
            ytp: round(float(events[ytp - model.YTP_MIN]))
            for ytp in range(model.YTP_MIN, model.YTP_MAX + 1)
        },
        total=retirements,
        min_size=size,
    )
    ytp_rows = [
        (ytp, float(rates[ytp - model.YTP_MIN]), by_ytp[ytp])
        for ytp in range(model.YTP_MIN, model.YTP_MAX + 1)
    ]
    years = []
    if result is not None:
        actual, _total = protect_line(
            {year: round(float(result.actual[:, i].sum())) for i, year in enumerate(result.years)},
            min_size=size,
        )
        years = [
            BacktestYear(
                year=year,
                actual=actual[year],
                model=float(result.model[:, i].sum()),
                baseline=float(result.baseline[:, i].sum()),
            )
            for i, year in enumerate(result.years)
        ]
    return ModelReport(
        fitted_on=fitted.years,
        person_years=_shown(len(rows), size),
        retirements=retirements,
        other_exits=_shown(int((rows.exit == history.OTHER).sum()), size),
        hires=_shown(len(_hires(data, fit_years(on))["hire_age"]), size),
        k=fitted.k,
        backtest=result,
        backtest_years=years,
        backtest_problem=problem,
        min_size=size,
        retirement_by_ytp=ytp_rows,
        seniority=[
            (int(first), None if last is None else int(last) - 1, float(factor))
            for first, last, factor in zip(
                [1, *model.TENURE_EDGES.tolist()],
                [*model.TENURE_EDGES.tolist(), None],
                fitted.tenure.tolist(),
                strict=True,
            )
        ],
    )


# --- Scenarios --------------------------------------------------------------------------------


def scenarios(user: Any) -> list[Scenario]:
    require_plan_access(user)
    return list(Scenario.objects.all())


def get_scenario(user: Any, scenario_id: int | None = None, *, name: str | None = None) -> Scenario:
    """A scenario by id or name; without either, the first (illustrative ones last)."""
    require_plan_access(user)
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
def create_scenario(user: Any, *, name: str, description: str = "") -> Scenario:
    require_scenario_editor(user)
    name = name.strip()
    _check_name(name)
    description = _check_description(description)
    return Scenario.objects.create(name=name, description=description, created_by=user)


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
def copy_scenario(user: Any, scenario_id: int, *, name: str) -> Scenario:
    """A copy with every rule and driver table, not illustrative, under a new name."""
    require_scenario_editor(user)
    source = get_scenario(user, scenario_id)
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
        created_by=user,
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
def update_scenario(user: Any, scenario: Scenario, *, name: str, description: str) -> Scenario:
    require_scenario_editor(user)
    _require_changeable(scenario)
    name = name.strip()
    _check_name(name, exclude=scenario.pk)
    scenario.name = name
    scenario.description = _check_description(description)
    scenario.save(update_fields=["name", "description", "updated_at"])
    _touch(scenario)
    return scenario


@transaction.atomic
def delete_scenario(user: Any, scenario_id: int) -> None:
    require_scenario_editor(user)
    get_scenario(user, scenario_id).delete()


@transaction.atomic
def save_rules(user: Any, scenario: Scenario, rules: list[dict[str, Any]]) -> None:
    """Replace the scenario's rules. Each dict: job_family (JobFamily|None), kind, first_year,
    last_year, rate_percent, driver (Driver|None), ratio, note."""
    require_scenario_editor(user)
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
                % {"family": family.name}
            )
    return problems


@transaction.atomic
def set_growth(
    user: Any,
    scenario: Scenario,
    rates: dict[str, Decimal | None],
    *,
    first_year: int,
    last_year: int,
) -> None:
    """The quick form on the plan page: one growth rate per job family code for the whole
    horizon (``None``: remove that family's own growth rules, so the rules for all apply)."""
    require_scenario_editor(user)
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
    user: Any,
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
        target = copy_scenario(user, scenario.pk, name=name)
    set_growth(user, target, rates, first_year=first_year, last_year=2100)
    return target


@transaction.atomic
def save_driver(
    user: Any,
    scenario: Scenario,
    *,
    driver_id: int | None,
    name: str,
    source: str,
    values: dict[int, float],
) -> Driver:
    require_scenario_editor(user)
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
def delete_driver(user: Any, scenario: Scenario, driver_id: int) -> None:
    require_scenario_editor(user)
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


# --- The illustrative scenario ----------------------------------------------------------------

#: KL: more than 50,000 extra staff needed in the municipalities by 2030 (DOMAIN.md 4.3), against
#: 508,900 municipal employees in 2020 (DOMAIN.md 4.1): (1 + 50,000 / 508,900)^(1/10) − 1 per year
#: over 2021–2030.
NATIONAL_GROWTH_PERCENT = Decimal(str(round(((1 + 50_000 / 508_900) ** (1 / 10) - 1) * 100, 2)))
#: Danmarks Statistik's forecast for Lemvig Kommune (DOMAIN.md 4.4): 19,722 inhabitants in 2020,
#: 17,501 in 2045.
LEMVIG_POPULATION = {"2020": 19722.0, "2045": 17501.0}
ILLUSTRATIVE_NAME = "Illustrativt scenarie (nationale tal)"


def _danish(value: Decimal) -> str:
    return format_number(value)


@transaction.atomic
def create_illustrative_scenario(user: Any | None = None) -> Scenario:
    """The scenario Demo Kommune ships with: every assumption traced to DOMAIN.md 4, and
    labelled illustrative. Idempotent (returns the existing one)."""
    existing = Scenario.objects.filter(name=ILLUSTRATIVE_NAME).first()
    if existing is not None:
        return existing
    scenario = Scenario.objects.create(
        name=ILLUSTRATIVE_NAME,
        illustrative=True,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        description=(
            "Et eksempel, der viser, hvordan planen bruges. Det er ikke en prognose for "
            "kommunen. Antagelserne bygger på nationale tal:\n"
            f"1. Alle jobfamilier vokser {_danish(NATIONAL_GROWTH_PERCENT)} % om året til og med "
            "2030. "
            "KL vurderer, at kommunerne samlet mangler mere end 50.000 ekstra medarbejdere i "
            "2030, og kommunerne havde 508.900 ansatte i 2020. Det svarer til "
            f"{_danish(NATIONAL_GROWTH_PERCENT)} % om året fra 2021 til 2030. Efter 2030 er "
            "væksten 0 %, "
            "fordi der ikke er fundet et tal for 2035.\n"
            "2. Lærere: 0 % vækst. KL forventer et overskud på 1.800 lærere i 2030.\n"
            "3. Administration og IT følger indbyggertallet. Danmarks Statistiks prognose for "
            "Lemvig Kommune går fra 19.722 indbyggere i 2020 til 17.501 i 2045. Årene imellem "
            "er beregnet lineært.\n"
            "Ældreplejen mangler ifølge KL 19.000 medarbejdere i 2030 ved dagens serviceniveau. "
            "Det er en mangel på arbejdskraft, ikke en vækst i behovet. Derfor indgår tallet "
            "ikke som vækstrate, men det viser, hvor svært det kan blive at rekruttere."
        ),
    )
    families = {f.code: f for f in JobFamily.objects.all()}
    Rule.objects.create(
        scenario=scenario,
        kind=RuleKind.GROWTH,
        first_year=2021,
        last_year=2030,
        rate_percent=NATIONAL_GROWTH_PERCENT,
        note="KL: over 50.000 ekstra ansatte i 2030; 508.900 ansatte i 2020 (DOMAIN.md 4.1, 4.3)",
    )
    if "laerer" in families:
        Rule.objects.create(
            scenario=scenario,
            job_family=families["laerer"],
            kind=RuleKind.GROWTH,
            first_year=2021,
            last_year=2100,
            rate_percent=Decimal("0"),
            note="KL: overskud på 1.800 lærere i 2030 (DOMAIN.md 4.3)",
        )
    driver = Driver.objects.create(
        scenario=scenario,
        name="Indbyggere i Lemvig Kommune",
        source="Danmarks Statistiks befolkningsprognose, gengivet af TV Midtvest (DOMAIN.md 4.4)",
        values=LEMVIG_POPULATION,
    )
    if "administration" in families:
        Rule.objects.create(
            scenario=scenario,
            job_family=families["administration"],
            kind=RuleKind.DRIVER,
            first_year=2021,
            last_year=2100,
            driver=driver,
            note="Antagelse: behovet følger indbyggertallet",
        )
    return scenario


# --- The projection ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Band:
    p10: float
    p50: float
    p90: float
    mean: float


@dataclasses.dataclass(frozen=True)
class YearRow:
    year: int
    headcount: Band
    fte: Band
    retirements: Band
    other_exits: Band
    exits: Band
    recruitment: Band
    demand: float
    demand_fte: float


@dataclasses.dataclass(frozen=True)
class PlanRow:
    key: str
    label: str
    hidden: bool  # disclosure control: no figures
    base_headcount: int | None
    base_fte: float | None
    years: list[YearRow]
    #: Cumulative sums to 2030, 2035 and 2040 (those in range) of "retirements",
    #: "other_exits", "exits" and "recruitment".
    until: dict[str, dict[int, Band]]

    @property
    def retirements_until(self) -> dict[int, Band]:
        return self.until.get("retirements", {})

    @property
    def recruitment_until(self) -> dict[int, Band]:
        return self.until.get("recruitment", {})


@dataclasses.dataclass(frozen=True)
class Plan:
    scenario_id: int
    scenario_name: str
    illustrative: bool
    base_date: date
    years: list[int]
    runs: int
    seed: int
    fitted_on: tuple[int, ...]
    min_size: int
    rows: dict[str, list[PlanRow]]  # "job_family", "forvaltning", "total"
    scope_note: str

    def total(self) -> PlanRow:
        return self.rows["total"][0]


def plan(
    user: Any,
    scenario: Scenario,
    *,
    to_year: int = DEFAULT_TO_YEAR,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    on: date | None = None,
) -> Plan:
    """The projection of ``scenario`` from ``on`` (today) to ``to_year``, in the user's scope,
    disclosure-controlled. Cached until the people data or the scenario changes."""
    require_plan_access(user)
    on = on or today()
    if not on.year < to_year <= 2100:
        raise ValidationFailed([_("Slutåret skal ligge efter i år og senest 2100.")])
    if not MIN_RUNS <= runs <= MAX_RUNS:
        raise ValidationFailed(
            [_("Antal kørsler skal være mellem %(a)s og %(b)s.") % {"a": MIN_RUNS, "b": MAX_RUNS}]
        )
    scope = people.scope_for(user)
    paths = () if user.role != Role.MANAGER else tuple(sorted(scope.unit_paths))
    scope_key = "all" if not paths else ",".join(paths)
    key = (
        f"workforce:plan:{scenario.pk}:{scenario.version}:{to_year}:{runs}:{seed}:{on}:{scope_key}"
    )
    return cached(
        "people",
        key,
        lambda: _plan(scenario, on, to_year, runs, seed, paths, user.role == Role.MANAGER),
    )


def _rules(
    scenario: Scenario, family_index: dict[int, int]
) -> tuple[list[demand.GrowthRule], list[demand.DriverRule]]:
    growth, drivers = [], []
    for rule in scenario.rules.select_related("driver"):
        family = family_index.get(rule.job_family_id) if rule.job_family_id else None
        if rule.kind == RuleKind.GROWTH and rule.rate_percent is not None:
            growth.append(
                demand.GrowthRule(
                    family, rule.first_year, rule.last_year, float(rule.rate_percent) / 100
                )
            )
        elif (
            rule.kind == RuleKind.DRIVER
            and rule.driver is not None
            and family is not None
            and rule.driver.values
        ):
            drivers.append(
                demand.DriverRule(
                    family,
                    rule.first_year,
                    rule.last_year,
                    rule.driver.table(),
                    float(rule.ratio) if rule.ratio is not None else None,
                )
            )
    return growth, drivers


def pension_years_of(birth_years: np.ndarray) -> np.ndarray:
    """The pension year of someone born on 1 July of each year (the projection counts people per
    birth year; the half-year steps of 1954–55 are long past for anyone projected)."""
    days = (
        (np.asarray(birth_years, dtype=np.int64) - 1970)
        .astype("datetime64[Y]")
        .astype("datetime64[D]")
    )
    return np.asarray(pension.folkepension_years(days + np.timedelta64(181, "D")), dtype=np.int64)


def _plan(
    scenario: Scenario,
    on: date,
    to_year: int,
    runs: int,
    seed: int,
    paths: tuple[str, ...],
    scoped: bool,
) -> Plan:
    data = _data()
    fitted, _panel = _fitted(on)
    spells = data.spells
    day = history.day_number(on.year, on.month, on.day)
    mask = None
    if scoped:
        mask = np.array(
            [any(p.startswith(prefix) for prefix in paths) for p in data.unit_path], dtype=bool
        )
    years = list(range(on.year + 1, to_year + 1))
    stock, groups = projection.staff(
        spells, data.stay_start, day, years[0], data.family_names, data.unit_names, mask=mask
    )
    base_heads = np.bincount(stock.group, weights=stock.heads, minlength=len(groups)).astype(
        np.int64
    )
    family_count = len(data.family_codes)
    base_people = np.bincount(groups.family, weights=base_heads, minlength=family_count)
    family_pks = list(JobFamily.objects.order_by("sort_order", "name").values_list("pk", flat=True))
    growth, drivers = _rules(scenario, {pk: i for i, pk in enumerate(family_pks)})
    multipliers = demand.multipliers(
        family_count, on.year, years, base_people.tolist(), growth, drivers
    )
    wanted = projection.demand_path(base_heads, groups.family, multipliers)
    result = projection.project(
        stock, groups, fitted, wanted, years, pension_years_of, runs=runs, seed=seed
    )
    release = people.headcount_release(on=on, paths=paths)
    size = release.min_size
    out: dict[str, list[PlanRow]] = {}
    for dimension in DIMENSIONS:
        summary = result.by(dimension)
        keys = data.family_codes if dimension == "job_family" else [str(u) for u in data.unit_ids]
        present = [i for i in range(len(summary.labels)) if summary.base_heads[i] > 0]
        if dimension == "job_family":
            shown = [release.family(family_pks[i]) is not None for i in present]
        else:
            shown = [
                release.forvaltning(data.unit_ids[i] or people.TOP) is not None for i in present
            ]
        out[dimension] = [
            _row(summary, i, keys[i], hidden=not ok) for i, ok in zip(present, shown, strict=True)
        ]
    total = result.by(None)
    out["total"] = [_row(total, 0, "total", hidden=release.shown_total() is None)]
    return Plan(
        scenario_id=scenario.pk,
        scenario_name=scenario.name,
        illustrative=scenario.illustrative,
        base_date=on,
        years=years,
        runs=runs,
        seed=seed,
        fitted_on=fitted.years,
        min_size=size,
        rows=out,
        scope_note=_("Dine enheder") if scoped else _("Hele kommunen"),
    )


def _band(
    summary: projection.Summary, measure: str, index: int, *, fte: bool = False
) -> list[Band]:
    q = summary.quantiles(measure, fte=fte)
    mean = summary.mean(measure, fte=fte)
    return [
        Band(
            float(q[0, y, index]),
            float(q[1, y, index]),
            float(q[2, y, index]),
            float(mean[y, index]),
        )
        for y in range(len(summary.years))
    ]


def _cumulative(summary: projection.Summary, measure: str, index: int) -> dict[int, Band]:
    out = {}
    for until in (2030, 2035, 2040):
        if summary.years and summary.years[0] <= until <= summary.years[-1]:
            q = summary.cumulative(measure, until)
            upto = [i for i, year in enumerate(summary.years) if year <= until]
            mean = float(summary.runs[measure][:, upto, index].sum(axis=1).mean())
            out[until] = Band(float(q[0, index]), float(q[1, index]), float(q[2, index]), mean)
    return out


def _row(summary: projection.Summary, index: int, key: str, *, hidden: bool) -> PlanRow:
    label = summary.labels[index]
    if hidden:
        return PlanRow(key, label, True, None, None, [], {})
    bands = {
        m: _band(summary, m, index)
        for m in ("headcount", "retirements", "other_exits", "exits", "recruitment")
    }
    fte = _band(summary, "headcount", index, fte=True)
    years = [
        YearRow(
            year=year,
            headcount=bands["headcount"][y],
            fte=fte[y],
            retirements=bands["retirements"][y],
            other_exits=bands["other_exits"][y],
            exits=bands["exits"][y],
            recruitment=bands["recruitment"][y],
            demand=float(summary.demand[y, index]),
            demand_fte=float(summary.demand_fte[y, index]),
        )
        for y, year in enumerate(summary.years)
    ]
    return PlanRow(
        key=key,
        label=label,
        hidden=False,
        base_headcount=int(summary.base_heads[index]),
        base_fte=float(summary.base_fte[index]),
        years=years,
        until={
            m: _cumulative(summary, m, index)
            for m in ("retirements", "other_exits", "exits", "recruitment")
        },
    )


# --- One person's pension dates (HR, registered purpose, audited) -----------------------------


@dataclasses.dataclass(frozen=True)
class PersonPension:
    person_id: int
    name: str
    employee_number: str
    folkepension: pension.RuleAge
    efterloen: pension.RuleAge | None
    tidlig_pension: pension.Window | None
    seniorpension: pension.Window | None


def require_person_pension_access(user: Any) -> None:
    """Only HR may look up one person's pension dates; managers never see them."""
    if getattr(user, "role", None) != Role.HR:
        raise PermissionDenied


def person_pension(user: Any, person_id: int, *, channel: str = "ui") -> PersonPension:
    """One person's pension age and dates. HR only (managers never see projected retirement
    dates); written to the audit log under the purpose "arbejdsstyrkeplanlaegning"."""
    require_person_pension_access(user)
    person = people.visible_people(user).filter(pk=person_id).first()
    if person is None:
        raise NotFound
    audit.record(
        actor=user,
        subject_person_ids=[person.pk],
        action=Action.READ,
        category=CATEGORY,
        purpose=PURPOSE,
        channel=channel,
        detail="pension",
    )
    birth = person.birth_date
    return PersonPension(
        person_id=person.pk,
        name=person.full_name,
        employee_number=person.employee_number,
        folkepension=pension.folkepension(birth),
        efterloen=pension.efterloen(birth),
        tidlig_pension=pension.tidlig_pension_window(birth),
        seniorpension=pension.seniorpension_window(birth),
    )


def data_version() -> int:
    return version("people")


__all__ = ["Q"]
