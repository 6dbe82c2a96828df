"""Scenario pages of the workforce plan: the list, one scenario's assumptions (name,
description, rules, driver tables), copy and delete, and two scenarios side by side.

Thin HTTP over ``workforce.services``, which decides who may do what (HR and analysts edit;
managers only read the list, a scenario and the comparison; others get 403) and keeps every
change all or nothing. Nothing here changes data on a GET. The comparison shows aggregates that
the plan service has already put through disclosure control (DESIGN.md principle 3).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core import charts
from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.formats import format_number
from charlie.core.forms import ErrorLink, add_service_errors
from charlie.core.forms import error_links as _errors
from charlie.core.http import AuthenticatedRequest
from charlie.people import services as people
from charlie.workforce import services
from charlie.workforce.forms import (
    CompareForm,
    ConfirmDeleteForm,
    ConfirmDriverDeleteForm,
    CopyScenarioForm,
    CreateScenarioForm,
    DriverForm,
    RuleFormSet,
    ScenarioForm,
    driver_text,
    rule_initial,
)
from charlie.workforce.permissions import EDIT_SCENARIOS

if TYPE_CHECKING:
    from charlie.workforce.models import Scenario

#: The cumulative recruitment need the comparison shows (the plan computes 2030, 2035, 2040).
COMPARE_UNTIL = (2030, 2040)


# The scenario page holds several forms. Each posts its own plain field names ("name",
# "values", "confirm") to its own URL; only the element ids differ, so they stay unique.
COPY_IDS = "id_copy_%s"
DELETE_IDS = "id_delete_%s"


def _driver_ids(driver_id: int | None, form: str = "") -> str:
    return f"id_driver{'_new' if driver_id is None else driver_id}{'_' + form if form else ''}_%s"


def _rule_errors(formset: Any) -> list[ErrorLink]:
    out: list[ErrorLink] = [("", str(e)) for e in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, start=1):
        if getattr(form, "cleaned_data", {}).get("DELETE"):
            continue  # a row marked for deletion is not checked
        out += _errors(form, _("Regel %(n)s, ") % {"n": number})
    return out


# --- The list ---------------------------------------------------------------------------------


def _compare_form(items: list[Scenario], data: Any = None) -> CompareForm:
    initial = {"a": items[0].pk if items else None, "b": items[1].pk if len(items) > 1 else None}
    return CompareForm(data, scenarios=items, first_year=services.today().year + 1, initial=initial)


@never_cache
@require_http_methods(["GET", "POST"])
def scenarios(request: AuthenticatedRequest) -> HttpResponse:
    """The scenarios, the comparison form and, for editors, a form that creates one."""
    access = people.access_of(request)
    items = services.scenarios(access)  # 403 for roles that may not see the plan
    create_form = CreateScenarioForm()
    status = 200
    if request.method == "POST":
        access.require(EDIT_SCENARIOS)
        create_form = CreateScenarioForm(request.POST)
        if create_form.is_valid():
            try:
                scenario = services.create_scenario(access, name=create_form.cleaned_data["name"])
            except ValidationFailed as exc:
                add_service_errors(create_form, exc, "name")
            else:
                messages.success(
                    request,
                    _("Scenariet »%(name)s« er oprettet. Skriv nu dets antagelser.")
                    % {"name": scenario.name},
                )
                return redirect("workforce:scenario", scenario_id=scenario.pk)
        status = 400
    context = {
        "scenarios": items,
        "editable": access.can(EDIT_SCENARIOS),
        "create_form": create_form,
        "compare_form": _compare_form(items),
        "errors": _errors(create_form) if create_form.is_bound else [],
    }
    return render(request, "workforce/scenarios.html", context, status=status)


# --- One scenario -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DriverBlock:
    driver: Any
    form: DriverForm
    delete_form: ConfirmDriverDeleteForm
    rule_count: int
    rows: list[tuple[int, str]]  # (year, value as written in Danish)


def _driver_form(driver: Any, data: Any = None) -> DriverForm:
    initial = {"name": driver.name, "source": driver.source, "values": driver_text(driver.values)}
    return DriverForm(data, auto_id=_driver_ids(driver.pk), initial=initial)


def _edit_page(
    request: AuthenticatedRequest,
    scenario: Scenario,
    *,
    scenario_form: ScenarioForm | None = None,
    rules: Any = None,
    driver_form: tuple[int | None, DriverForm] | None = None,
    driver_delete_form: tuple[int, ConfirmDriverDeleteForm] | None = None,
    copy_form: CopyScenarioForm | None = None,
    delete_form: ConfirmDeleteForm | None = None,
    errors: list[ErrorLink] | None = None,
    error_heading: str = "",
    status: int = 200,
) -> HttpResponse:
    """The scenario page; a form that failed comes back bound, with its errors."""
    access = people.access_of(request)
    stored_rules = services.scenario_rules(scenario)
    drivers = services.scenario_drivers(scenario)
    editable = access.can(EDIT_SCENARIOS)
    changeable = editable and not scenario.illustrative
    blocks = []
    for driver in drivers:
        form = _driver_form(driver)
        if driver_form is not None and driver_form[0] == driver.pk:
            form = driver_form[1]
        delete = ConfirmDriverDeleteForm(auto_id=_driver_ids(driver.pk, "delete"))
        if driver_delete_form is not None and driver_delete_form[0] == driver.pk:
            delete = driver_delete_form[1]
        used = sum(1 for rule in stored_rules if rule.driver_id == driver.pk)
        rows = [(int(y), format_number(v)) for y, v in sorted(driver.table().items())]
        blocks.append(DriverBlock(driver, form, delete, used, rows))
    new_driver = DriverForm(auto_id=_driver_ids(None))
    if driver_form is not None and driver_form[0] is None:
        new_driver = driver_form[1]
    context = {
        "scenario": scenario,
        "editable": editable,
        "changeable": changeable,
        "rules": stored_rules,
        "drivers": blocks,
        "errors": errors or [],
        "error_heading": error_heading,
    }
    if editable:
        context.update(
            copy_form=copy_form
            if copy_form is not None
            else CopyScenarioForm(
                auto_id=COPY_IDS, initial={"name": CopyScenarioForm.default_name(scenario.name)}
            ),
            delete_form=delete_form
            if delete_form is not None
            else ConfirmDeleteForm(auto_id=DELETE_IDS),
        )
    if changeable:
        context.update(
            scenario_form=scenario_form
            if scenario_form is not None
            else ScenarioForm(initial={"name": scenario.name, "description": scenario.description}),
            rule_formset=rules
            if rules is not None
            else RuleFormSet(
                prefix="rules",
                initial=[rule_initial(rule) for rule in stored_rules],
                form_kwargs={"drivers": scenario.drivers.all()},
            ),
            new_driver_form=new_driver,
        )
    return render(request, "workforce/scenario_edit.html", context, status=status)


def _illustrative_refusal(request: AuthenticatedRequest, scenario: Scenario) -> HttpResponse:
    """An illustrative scenario is never changed (as the plan page's growth form, which saves
    into a copy): every assumption in it is traced to a source (DOMAIN.md 4.1, 4.3, 4.4)."""
    return _edit_page(
        request,
        scenario,
        errors=[("#kopi", _("Et illustrativt scenarie ændres ikke. Kopiér det, og ret kopien."))],
        error_heading=_("Scenariet blev ikke ændret"),
        status=400,
    )


def _edit_url(scenario_id: int, anchor: str = "") -> str:
    url = reverse("workforce:scenario", kwargs={"scenario_id": scenario_id})
    return f"{url}#{anchor}" if anchor else url


@never_cache
@require_http_methods(["GET", "POST"])
def scenario_edit(request: AuthenticatedRequest, scenario_id: int) -> HttpResponse:
    """GET: the assumptions (read-only for managers). POST: save name, description and rules,
    all or nothing."""
    access = people.access_of(request)
    scenario = services.get_scenario(access, scenario_id)
    if request.method == "GET":
        return _edit_page(request, scenario)
    access.require(EDIT_SCENARIOS)
    if scenario.illustrative:
        return _illustrative_refusal(request, scenario)
    form = ScenarioForm(request.POST)
    formset = RuleFormSet(
        request.POST, prefix="rules", form_kwargs={"drivers": scenario.drivers.all()}
    )
    form_valid = form.is_valid()
    rules_valid = formset.is_valid()
    problems: list[str] = []
    if form_valid and rules_valid:
        rules = [
            f.rule()
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")  # empty extra rows: {}
        ]
        try:
            # Name and rules are one change: a clash in the name must not leave new rules.
            with transaction.atomic():
                try:
                    services.update_scenario(
                        access,
                        scenario,
                        name=form.cleaned_data["name"],
                        description=form.cleaned_data["description"],
                    )
                except ValidationFailed as exc:
                    add_service_errors(form, exc, "name")
                    raise
                services.save_rules(access, scenario, rules)
        except ValidationFailed as exc:
            if not form.errors:
                problems = exc.messages
            scenario = services.get_scenario(access, scenario_id)  # as stored
        else:
            messages.success(request, _("Scenariet er gemt."))
            return redirect(_edit_url(scenario.pk))
    errors = [("", p) for p in problems] + _errors(form) + _rule_errors(formset)
    return _edit_page(
        request,
        scenario,
        scenario_form=form,
        rules=formset,
        errors=errors,
        error_heading=_("Scenariet blev ikke gemt"),
        status=400,
    )


@require_POST
def scenario_copy(request: AuthenticatedRequest, scenario_id: int) -> HttpResponse:
    access = people.access_of(request)
    access.require(EDIT_SCENARIOS)
    scenario = services.get_scenario(access, scenario_id)
    form = CopyScenarioForm(request.POST, auto_id=COPY_IDS)
    if form.is_valid():
        try:
            copy = services.copy_scenario(access, scenario.pk, name=form.cleaned_data["name"])
        except ValidationFailed as exc:
            add_service_errors(form, exc, "name")
        else:
            messages.success(
                request,
                _("Kopien »%(name)s« er lavet. Den er ikke illustrativ og kan ændres frit.")
                % {"name": copy.name},
            )
            return redirect("workforce:scenario", scenario_id=copy.pk)
    return _edit_page(
        request,
        scenario,
        copy_form=form,
        errors=_errors(form),
        error_heading=_("Scenariet blev ikke kopieret"),
        status=400,
    )


@require_POST
def scenario_delete(request: AuthenticatedRequest, scenario_id: int) -> HttpResponse:
    access = people.access_of(request)
    access.require(EDIT_SCENARIOS)
    scenario = services.get_scenario(access, scenario_id)
    form = ConfirmDeleteForm(request.POST, auto_id=DELETE_IDS)
    if form.is_valid():
        services.delete_scenario(access, scenario.pk)
        messages.success(request, _("Scenariet »%(name)s« er slettet.") % {"name": scenario.name})
        return redirect("workforce:scenarios")
    return _edit_page(
        request,
        scenario,
        delete_form=form,
        errors=_errors(form),
        error_heading=_("Scenariet blev ikke slettet"),
        status=400,
    )


def _own_driver(scenario: Scenario, driver_id: int | None) -> None:
    if driver_id is not None and not scenario.drivers.filter(pk=driver_id).exists():
        raise NotFound


@require_POST
def driver_save(
    request: AuthenticatedRequest, scenario_id: int, driver_id: int | None = None
) -> HttpResponse:
    """Create (``driver_new``) or change (``driver``) a driver table; a bad line saves nothing."""
    access = people.access_of(request)
    access.require(EDIT_SCENARIOS)
    scenario = services.get_scenario(access, scenario_id)
    _own_driver(scenario, driver_id)
    if scenario.illustrative:
        return _illustrative_refusal(request, scenario)
    form = DriverForm(request.POST, auto_id=_driver_ids(driver_id))
    if form.is_valid():
        try:
            services.save_driver(
                access,
                scenario,
                driver_id=driver_id,
                name=form.cleaned_data["name"],
                source=form.cleaned_data["source"],
                values=form.cleaned_data["values"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Driveren er gemt."))
            return redirect(_edit_url(scenario.pk, "drivere"))
    return _edit_page(
        request,
        scenario,
        driver_form=(driver_id, form),
        errors=_errors(form),
        error_heading=_("Driveren blev ikke gemt"),
        status=400,
    )


@require_POST
def driver_delete(request: AuthenticatedRequest, scenario_id: int, driver_id: int) -> HttpResponse:
    """Delete a driver table. Rules that use it go with it (``Rule.driver`` cascades), so then
    the checkbox must be ticked."""
    access = people.access_of(request)
    access.require(EDIT_SCENARIOS)
    scenario = services.get_scenario(access, scenario_id)
    _own_driver(scenario, driver_id)
    if scenario.illustrative:
        return _illustrative_refusal(request, scenario)
    form = ConfirmDriverDeleteForm(request.POST, auto_id=_driver_ids(driver_id, "delete"))
    in_use = scenario.rules.filter(driver_id=driver_id).exists()
    if not in_use or form.is_valid():
        services.delete_driver(access, scenario, driver_id)
        messages.success(request, _("Driveren er slettet."))
        return redirect(_edit_url(scenario.pk, "drivere"))
    return _edit_page(
        request,
        scenario,
        driver_delete_form=(driver_id, form),
        errors=_errors(form),
        error_heading=_("Driveren blev ikke slettet"),
        status=400,
    )


# --- Two scenarios side by side ---------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One scenario's band, rounded to whole people the way the page shows it."""

    p10: int
    p50: int
    p90: int


@dataclass(frozen=True)
class Pair:
    a: Figure | None
    b: Figure | None

    @property
    def difference(self) -> int | None:
        """B's P50 minus A's, of the figures as shown."""
        return None if self.a is None or self.b is None else self.b.p50 - self.a.p50


@dataclass(frozen=True)
class FamilyLine:
    label: str
    hidden: bool
    today: int | None
    until: list[Pair]


@dataclass(frozen=True)
class YearLine:
    year: int
    pair: Pair


def _whole(value: float) -> int:
    return round(value)  # as the plan page rounds (``summary.whole``)


def _figure(band: services.Band | None) -> Figure | None:
    if band is None:
        return None
    return Figure(_whole(band.p10), _whole(band.p50), _whole(band.p90))


def _family_line(
    a: services.PlanRow | None, b: services.PlanRow | None, until: list[int]
) -> FamilyLine:
    if a is None or b is None or a.hidden or b.hidden:
        label = a.label if a is not None else b.label if b is not None else ""
        return FamilyLine(label, True, None, [Pair(None, None) for _y in until])
    pairs = [
        Pair(_figure(a.recruitment_until.get(y)), _figure(b.recruitment_until.get(y)))
        for y in until
    ]
    return FamilyLine(a.label, False, a.base_headcount, pairs)


def _comparison(plan_a: services.Plan, plan_b: services.Plan) -> dict[str, Any]:
    years = plan_a.years
    until = [y for y in COMPARE_UNTIL if years and years[0] <= y <= years[-1]]
    rows_b = {row.key: row for row in plan_b.rows["job_family"]}
    lines = []
    for row in plan_a.rows["job_family"]:
        lines.append(_family_line(row, rows_b.pop(row.key, None), until))
    lines += [_family_line(None, row, until) for row in rows_b.values()]
    total_a, total_b = plan_a.total(), plan_b.total()
    total = _family_line(total_a, total_b, until)
    by_year = {y.year: y for y in total_b.years}
    yearly = [
        YearLine(
            y.year,
            Pair(
                _figure(y.recruitment),
                _figure(by_year[y.year].recruitment) if y.year in by_year else None,
            ),
        )
        for y in total_a.years
    ]
    return {
        "until": until,
        "first_year": years[0] if years else None,
        "lines": lines,
        "total": total,
        "yearly": yearly,
        "any_hidden": total.hidden or any(line.hidden for line in lines),
    }


def _chart(plan_a: services.Plan, plan_b: services.Plan) -> str:
    total_a, total_b = plan_a.total(), plan_b.total()
    if total_a.hidden or total_b.hidden or not plan_a.years or plan_a.years != plan_b.years:
        return ""
    series = []
    for letter, plan, total in (("A", plan_a, total_a), ("B", plan_b, total_b)):
        bands = [y.recruitment for y in total.years]
        series.append(
            charts.Series(
                label=f"{letter}: {plan.scenario_name}",
                values=[b.p50 for b in bands],
                low=[b.p10 for b in bands],
                high=[b.p90 for b in bands],
                band_label=_("%(letter)s: P10–P90") % {"letter": letter},
            )
        )
    first, last = plan_a.years[0], plan_a.years[-1]
    return charts.band_chart(
        "sammenligning-diagram",
        _("Rekrutteringsbehov pr. år i alt, %(first)s–%(last)s") % {"first": first, "last": last},
        _(
            "Linjediagram med det forventede rekrutteringsbehov (P50) hvert år i scenarie A "
            "(%(a)s) og B (%(b)s). Båndene går fra P10 til P90. Tallene står i tabellen under "
            "diagrammet."
        )
        % {"a": plan_a.scenario_name, "b": plan_b.scenario_name},
        [str(year) for year in plan_a.years],
        series,
        y_label=_("Personer"),
    )


@never_cache
@require_GET
def compare(request: AuthenticatedRequest) -> HttpResponse:
    """``?a=<id>&b=<id>[&to=<year>]``: the recruitment need of two scenarios side by side."""
    access = people.access_of(request)
    items = services.scenarios(access)  # 403 for roles that may not see the plan
    asked = "a" in request.GET or "b" in request.GET
    form = _compare_form(items, request.GET if asked else None)
    context: dict[str, Any] = {"form": form, "scenarios": items, "comparison": None}
    if not asked:
        return render(request, "workforce/compare.html", context)
    if not form.is_valid():
        context["errors"] = _errors(form)
        return render(request, "workforce/compare.html", context, status=400)
    to_year = form.cleaned_data["to"] or services.DEFAULT_TO_YEAR
    scenario_a = services.get_scenario(access, form.cleaned_data["a"])
    scenario_b = services.get_scenario(access, form.cleaned_data["b"])
    try:
        plan_a = services.plan(access, scenario_a, to_year=to_year)
        plan_b = services.plan(access, scenario_b, to_year=to_year)
    except ValidationFailed as exc:
        add_service_errors(form, exc, "to")
        context["errors"] = _errors(form)
        return render(request, "workforce/compare.html", context, status=400)
    context.update(
        scenario_a=scenario_a,
        scenario_b=scenario_b,
        plan_a=plan_a,
        plan_b=plan_b,
        comparison=_comparison(plan_a, plan_b),
        chart=_chart(plan_a, plan_b),
    )
    return render(request, "workforce/compare.html", context)
