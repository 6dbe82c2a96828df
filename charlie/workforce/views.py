"""The workforce plan pages: the plan, its Excel file, how it is computed, the quick growth
form, and one person's pension dates.

Thin HTTP over ``workforce.services`` (permissions, scope, disclosure control and the audit log
live there)
and ``workforce.summary`` (the plain-Danish summary). Charts are ``core.charts`` SVG with the
same numbers in tables beside them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from charlie.core import charts
from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.excel import Column, Sheet, workbook_bytes
from charlie.core.forms import read_number
from charlie.core.http import AuthenticatedRequest
from charlie.core.query import query_text
from charlie.people import services as people
from charlie.workforce import services, summary
from charlie.workforce.models import Scenario
from charlie.workforce.permissions import EDIT_SCENARIOS, LOOK_UP_PENSION_DATES
from charlie.workforce.services import Band, Plan, PlanRow

LAST_YEAR_CHOICES = (2030, 2035, 2040, 2045, 2050)


class PlanForm(forms.Form):
    scenario = forms.TypedChoiceField(
        label=gettext_lazy("Scenarie"),
        coerce=int,
        widget=forms.Select(),
    )
    to = forms.TypedChoiceField(
        label=gettext_lazy("Til og med år"),
        coerce=int,
        choices=[(y, str(y)) for y in LAST_YEAR_CHOICES],
        widget=forms.Select(),
    )

    def __init__(self, *args: Any, scenarios: list[Scenario], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scenario"].choices = [  # type: ignore[attr-defined]
            (s.pk, f"{s.name} ({_('illustrativt')})" if s.illustrative else s.name)
            for s in scenarios
        ]


def _plan_form(request: AuthenticatedRequest, scenarios: list[Scenario]) -> PlanForm:
    default = services.get_scenario(people.access_of(request)).pk if scenarios else None
    data = {"scenario": str(default), "to": str(services.DEFAULT_TO_YEAR)}
    for key in ("scenario", "to"):
        if request.GET.get(key):
            data[key] = str(request.GET.get(key))
    return PlanForm(data, scenarios=scenarios)


def _query(plan: Plan) -> str:
    return urlencode({"scenario": plan.scenario_id, "to": plan.years[-1]})


def _band_text(band: Band) -> str:
    return f"{summary.whole(band.p10)}–{summary.whole(band.p90)}"


def _series(label: str, bands: list[Band], *, kind: str = "line") -> charts.Series:
    """A chart series of medians with the P10–P90 band."""
    return charts.Series(
        label,
        [b.p50 for b in bands],
        [b.p10 for b in bands],
        [b.p90 for b in bands],
        kind=kind,
        band_label=f"{label}: P10–P90",
    )


def _charts(plan: Plan) -> dict[str, str]:
    total = plan.total()
    if total.hidden or not total.years:
        return {}
    years = [str(y.year) for y in total.years]
    recruitment = charts.band_chart(
        "rekruttering",
        _("Rekrutteringsbehov pr. år"),
        _(
            "Søjler: det forventede antal personer, der skal rekrutteres hvert år (median). "
            "Streger: 80 procent af kørslerne ligger mellem dem. Tallene står i tabellen under "
            "diagrammet."
        ),
        years,
        [_series(_("Rekrutteringsbehov"), [y.recruitment for y in total.years], kind="bars")],
        y_label=_("Personer"),
    )
    exits = charts.band_chart(
        "fratraedelser",
        _("Forventede fratrædelser pr. år"),
        _(
            "To linjer: pension og andre fratrædelser (median), hver med et bånd for 80 procent "
            "af kørslerne. Tallene står i tabellen under diagrammet."
        ),
        years,
        [
            _series(_("Pension"), [y.retirements for y in total.years]),
            _series(_("Andre fratrædelser"), [y.other_exits for y in total.years]),
        ],
        y_label=_("Personer"),
    )
    return {"recruitment": recruitment, "exits": exits}


@require_GET
def plan(request: AuthenticatedRequest) -> HttpResponse:
    access = people.access_of(request)
    scenarios = services.scenarios(access)  # 403 for roles that may not see the plan
    context: dict[str, Any] = {"scenarios": scenarios, "may_edit": access.can(EDIT_SCENARIOS)}
    if not scenarios:
        return render(request, "workforce/plan.html", context)
    form = _plan_form(request, scenarios)
    context["form"] = form
    if form.is_valid():
        scenario = services.get_scenario(access, form.cleaned_data["scenario"])
        result = services.plan(access, scenario, to_year=form.cleaned_data["to"])
        context.update(
            scenario=scenario,
            plan=result,
            total=result.total(),
            paragraphs=summary.paragraphs(result),
            charts=_charts(result),
            query=_query(result),
            milestones=[y for y in (2030, 2035, 2040) if result.years[0] <= y <= result.years[-1]],
            growth_fields=(
                services.growth_fields(scenario, result.years[0], result.years[-1])
                if context["may_edit"]
                else []
            ),
        )
    return render(request, "workforce/plan.html", context)


@require_POST
def growth(request: AuthenticatedRequest, scenario_id: int) -> HttpResponse:
    """The quick form on the plan page: one growth rate per job family for the whole plan. An
    illustrative scenario is never changed: the rates are saved in a copy under a new name."""
    access = people.access_of(request)
    access.require(EDIT_SCENARIOS)
    scenario = services.get_scenario(access, scenario_id)
    to_year = _int(request.POST.get("to"), services.DEFAULT_TO_YEAR)
    rates: dict[str, Decimal | None] = {}
    problems = []
    for family in services.job_families():
        text = request.POST.get(f"rate-{family.code}", "").strip()
        try:
            rates[family.code] = read_number(text) if text else None
        except ValueError as error:
            problems.append(f"{family.display_name}: {error}")
    target = scenario
    try:
        problems += services.growth_problems(rates)
        if problems:
            raise ValidationFailed(problems)
        target = services.save_growth(
            access,
            scenario,
            rates,
            first_year=services.today().year + 1,
            copy_name=request.POST.get("new_name", ""),
        )
    except ValidationFailed as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Vækstraterne er gemt i scenariet »%(name)s«.") % {"name": target.name}
        )
    url = reverse("workforce:plan") + "?" + urlencode({"scenario": target.pk, "to": to_year})
    return redirect(url + "#resultat")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text or default)
    except ValueError:
        return default


@require_GET
def plan_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    access = people.access_of(request)
    scenarios = services.scenarios(access)  # 403 for roles that may not see the plan
    if not scenarios:
        raise NotFound
    form = _plan_form(request, scenarios)
    if not form.is_valid():
        raise ValidationFailed([str(e) for errors in form.errors.values() for e in errors])
    scenario = services.get_scenario(access, form.cleaned_data["scenario"])
    result = services.plan(access, scenario, to_year=form.cleaned_data["to"])
    report = services.model_report(access)
    content = workbook_bytes(_sheets(result, scenario, report))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"arbejdsstyrkeplan-{result.years[0]}-{result.years[-1]}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


YEAR_COLUMNS = (
    ("headcount", gettext_lazy("Ansatte")),
    ("retirements", gettext_lazy("Pension")),
    ("other_exits", gettext_lazy("Andre fratrædelser")),
    ("recruitment", gettext_lazy("Rekrutteringsbehov")),
)


def _year_columns(first: list[Column]) -> list[Column]:
    columns = [*list(first), Column(_("År"), "0")]
    for _key, label in YEAR_COLUMNS:
        columns += [
            Column(f"{label} P10", "0"),
            Column(f"{label} P50", "0"),
            Column(f"{label} P90", "0"),
        ]
    columns += [Column(_("Årsværk P50"), "0.0"), Column(_("Behov (personer)"), "0.0")]
    return columns


def _year_rows(row: PlanRow, prefix: list[Any]) -> list[list[Any]]:
    if row.hidden:
        return [[*prefix, None, *([None] * (3 * len(YEAR_COLUMNS) + 2))]]
    out = []
    for y in row.years:
        cells: list[Any] = [*prefix, y.year]
        for key, _label in YEAR_COLUMNS:
            band: Band = getattr(y, key)
            cells += [round(band.p10), round(band.p50), round(band.p90)]
        cells += [round(y.fte.p50, 1), round(y.demand, 1)]
        out.append(cells)
    return out


def _sheets(result: Plan, scenario: Scenario, report: services.ModelReport) -> list[Sheet]:
    hidden_note = _(
        "Tomme tal er skjult: grupper med færre end %(n)s personer i dag vises ikke, og en "
        "ekstra gruppe skjules, hvis den skjulte ellers kunne regnes ud fra totalen."
    ) % {"n": result.min_size}
    method_note = _(
        "P10, P50 og P90: 10 %%, 50 %% og 90 %% af %(runs)s kørsler (Monte Carlo, seed %(seed)s) "
        "ligger under tallet. Modellen er estimeret på årene %(years)s."
    ) % {
        "runs": result.runs,
        "seed": result.seed,
        "years": ", ".join(str(y) for y in result.fitted_on),
    }
    notes = [
        _("Scenarie: %(name)s%(tag)s")
        % {
            "name": result.scenario_name,
            "tag": f" ({_('illustrativt')})" if result.illustrative else "",
        },
        _("Ansatte pr. %(date)s: %(scope)s")
        % {"date": result.base_date.isoformat(), "scope": result.scope_note},
        method_note,
        hidden_note,
    ]
    sheets = [
        Sheet(_("Samlet"), _year_columns([]), _year_rows(result.total(), []), notes),
        Sheet(
            _("Jobfamilier"),
            _year_columns([Column(_("Jobfamilie"))]),
            [line for r in result.rows["job_family"] for line in _year_rows(r, [r.label])],
            notes,
        ),
        Sheet(
            _("Forvaltninger"),
            _year_columns([Column(_("Forvaltning"))]),
            [line for r in result.rows["forvaltning"] for line in _year_rows(r, [r.label])],
            notes,
        ),
    ]
    assumptions: list[list[Any]] = []
    for rule in services.scenario_rules(scenario):
        assumptions.append(
            [
                rule.job_family.display_name if rule.job_family else _("Alle jobfamilier"),
                rule.get_kind_display(),
                rule.first_year,
                rule.last_year,
                None if rule.rate_percent is None else float(rule.rate_percent) / 100,
                rule.driver.name if rule.driver else "",
                None if rule.ratio is None else float(rule.ratio),
                rule.note,
            ]
        )
    sheets.append(
        Sheet(
            _("Antagelser"),
            [
                Column(_("Jobfamilie")),
                Column(_("Type")),
                Column(_("Fra år"), "0"),
                Column(_("Til år"), "0"),
                Column(_("Vækst pr. år"), "0.00%"),
                Column(_("Driver")),
                Column(_("Ansatte pr. enhed"), "0.000000"),
                Column(_("Begrundelse og kilde")),
            ],
            assumptions,
            [scenario.description] if scenario.description else [],
        )
    )
    bt = report.backtest
    if bt is not None:
        rows: list[list[Any]] = [
            [row.year, row.actual, round(row.model, 1), round(row.baseline, 1)]
            for row in report.backtest_years
        ]
        rows.append([_("Fejl (jobfamilie × år)"), None, bt.model_error, bt.baseline_error])
        rows.append(
            [_("Fejl (samlet pr. år)"), None, bt.model_total_error, bt.baseline_total_error]
        )
        sheets.append(
            Sheet(
                _("Backtest"),
                [
                    Column(_("År")),
                    Column(_("Faktiske fratrædelser"), "0"),
                    Column(_("Modellen"), "0.0"),
                    Column(_("Sidste års rater"), "0.0"),
                ],
                rows,
                [
                    _(
                        "Modellen er estimeret på årene til og med %(year)s og fulgt for de "
                        "ansatte pr. 1. januar %(first)s. Fejlen er summen af afvigelserne delt "
                        "med summen af de faktiske fratrædelser (mindre er bedre)."
                    )
                    % {"year": bt.fitted_on[-1], "first": bt.years[0]}
                ],
            )
        )
    return sheets


@require_GET
def model_page(request: AuthenticatedRequest) -> HttpResponse:
    """How the numbers are computed: the fitted years, the retirement pattern, the backtest."""
    access = people.access_of(request)
    report = services.model_report(access)
    return render(
        request,
        "workforce/model.html",
        {
            "report": report,
            "may_look_up": access.can(LOOK_UP_PENSION_DATES),
        },
    )


@require_GET
def person_pension(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    """One person's pension dates by the rules: HR only, audited (services.person_pension)."""
    info = services.person_pension(people.access_of(request), person_id)
    return render(request, "workforce/person_pension.html", {"info": info})


@require_GET
def pension_lookup(request: AuthenticatedRequest) -> HttpResponse:
    """HR: from an employee number to that person's pension page (nothing is shown here)."""
    people.access_of(request).require(LOOK_UP_PENSION_DATES)
    number = query_text(request, "medarbejdernummer", max_length=30)
    person_id = people.person_id_by_employee_number(number) if number else None
    if person_id is None:
        messages.error(request, _("Der er ingen medarbejder med det nummer."))
        return redirect(reverse("workforce:model") + "#opslag")
    return redirect("workforce:person_pension", person_id=person_id)
