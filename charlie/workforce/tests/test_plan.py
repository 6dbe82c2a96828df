"""The workforce plan through its services and pages: the projection, scenarios, the model
report, one person's pension dates and the register entry."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.core.roles import Role
from charlie.people.models import Employment
from charlie.people.services import access_for
from charlie.people.tests.factories import UserFactory
from charlie.privacy.models import AuditEntry, Purpose
from charlie.workforce import services, summary
from charlie.workforce.models import Rule, RuleKind, Scenario
from charlie.workforce.tests.data import make_history

RUNS = 200


@pytest.fixture
def history(org):
    return make_history(org)


@pytest.fixture
def scenario(db):
    return services.create_illustrative_scenario()


def current_people(units=None) -> int:
    today = services.today()
    qs = Employment.objects.filter(start_date__lte=today).exclude(end_date__lt=today)
    if units is not None:
        qs = qs.filter(org_unit__in=units)
    return qs.values("person").distinct().count()


def test_the_plan_counts_todays_staff_and_hides_small_groups(history, users, scenario):
    plan = services.plan(access_for(users["hr"]), scenario, runs=RUNS)
    total = plan.total()
    assert total.base_headcount == current_people()
    assert plan.years[0] == services.today().year + 1 and plan.years[-1] == 2040
    rows = {r.key: r for r in plan.rows["job_family"]}
    assert rows["akademiker"].hidden and rows["akademiker"].base_headcount is None
    assert rows["akademiker"].years == []
    # The difference rule: with one group hidden, a second one is hidden too.
    assert sum(r.hidden for r in plan.rows["job_family"]) >= 2
    shown = [r for r in plan.rows["job_family"] if not r.hidden]
    assert all(r.base_headcount >= plan.min_size for r in shown)


def test_each_year_adds_up_recruits_minus_exits(history, users, scenario):
    """Means are linear: headcount(y) = headcount(y − 1) − exits(y) + recruitment(y)."""
    total = services.plan(access_for(users["hr"]), scenario, runs=RUNS).total()
    previous = total.base_headcount
    for year in total.years:
        assert year.exits.mean == pytest.approx(year.retirements.mean + year.other_exits.mean)
        assert year.headcount.mean == pytest.approx(
            previous - year.exits.mean + year.recruitment.mean
        )
        assert year.retirements.p10 <= year.retirements.p50 <= year.retirements.p90
        previous = year.headcount.mean


def test_a_higher_growth_rate_raises_demand_and_recruitment(history, users, scenario):
    own = services.copy_scenario(access_for(users["hr"]), scenario.pk, name="Vækst")
    flat = services.plan(access_for(users["hr"]), own, runs=RUNS)
    services.set_growth(
        access_for(users["hr"]),
        own,
        {"sosu": Decimal("10")},
        first_year=flat.years[0],
        last_year=2100,
    )
    own.refresh_from_db()
    grown = services.plan(access_for(users["hr"]), own, runs=RUNS)
    sosu = {r.key: r for r in grown.rows["job_family"]}["sosu"]
    before = {r.key: r for r in flat.rows["job_family"]}["sosu"]
    # 10 % a year from today's people: first year's demand is base × 1.1.
    assert sosu.years[0].demand == pytest.approx(sosu.base_headcount * 1.1)
    assert sosu.years[0].recruitment.mean > before.years[0].recruitment.mean
    assert scenario.rules.count() == 3  # the illustrative scenario itself is untouched


def test_a_manager_sees_only_their_units(history, users, scenario):
    plan = services.plan(access_for(users["manager"]), scenario, runs=RUNS)
    assert plan.total().base_headcount == current_people(units=[history.nord])
    assert plan.scope_note == "Dine enheder"


def test_a_manager_of_no_unit_never_gets_the_municipalitys_plan(history, users, scenario):
    """A manager with no open unit has an empty scope, which is not "all units": the cached
    plan of the whole municipality (HR's) must not answer for them."""
    whole = services.plan(access_for(users["hr"]), scenario, runs=RUNS)
    assert whole.total().base_headcount
    nobody = UserFactory(username="test-manager-of-nothing", role=Role.MANAGER)
    plan = services.plan(access_for(nobody), scenario, runs=RUNS)
    assert plan.scope_note == "Dine enheder"
    assert not plan.total().base_headcount


@pytest.mark.parametrize("role", ["employee", "dpo", "admin"])
def test_other_roles_get_no_plan(history, users, scenario, role):
    with pytest.raises(PermissionDenied):
        services.plan(access_for(users[role]), scenario, runs=RUNS)


def test_bad_parameters_are_refused(history, users, scenario):
    with pytest.raises(ValidationFailed):
        services.plan(access_for(users["hr"]), scenario, to_year=services.today().year)
    with pytest.raises(ValidationFailed):
        services.plan(access_for(users["hr"]), scenario, runs=10)


def test_the_backtest_runs_on_nine_years(history, users):
    report = services.model_report(access_for(users["hr"]))
    assert report.fitted_on == tuple(range(services.today().year - 6, services.today().year))
    assert report.backtest is not None
    assert report.backtest.years[-1] == services.today().year - 1
    assert report.retirements > 0 and report.person_years > 0


def test_the_summary_is_written_from_the_numbers(history, users, scenario):
    plan = services.plan(access_for(users["hr"]), scenario, runs=RUNS)
    text = " ".join(summary.paragraphs(plan))
    retire = plan.total().retirements_until[2030]
    assert f"omkring {summary.whole(retire.p50)} af de ansatte at gå på pension" in text
    assert "skal der rekrutteres omkring" in text


def test_illustrative_scenario_traces_its_assumptions(scenario):
    assert scenario.illustrative
    assert "50.000" in scenario.description and "508.900" in scenario.description
    growth = scenario.rules.get(job_family__isnull=True)
    # (1 + 50,000 / 508,900) ** (1 / 10) − 1 = 0.00941… → 0.94 % a year.
    assert growth.rate_percent == Decimal("0.94")
    assert services.create_illustrative_scenario().pk == scenario.pk  # idempotent


# --- One person's pension dates -------------------------------------------------------------


def test_hr_sees_one_persons_pension_dates_for_the_registered_purpose(history, users):
    person = history.person_in_nord
    info = services.person_pension(access_for(users["hr"]), person.pk)
    # Born 17 May 1980 (the factory's default): 70, reached 17 May 2050.
    assert str(info.folkepension.age) == "70"
    assert info.folkepension.reached_on == dt.date(2050, 5, 17)
    entry = AuditEntry.objects.get(subject_person_id=person.pk, purpose=services.PURPOSE)
    assert entry.category == "stamdata" and entry.actor_username == users["hr"].username


@pytest.mark.parametrize("role", ["manager", "employee", "analyst"])
def test_nobody_else_sees_pension_dates(history, users, role):
    with pytest.raises(PermissionDenied):
        services.person_pension(access_for(users[role]), history.person_in_nord.pk)


def test_the_register_explains_workforce_planning(client_as):
    purpose = Purpose.objects.get(code=services.PURPOSE)
    assert purpose.active and "stamdata" in purpose.categories
    html = client_as("employee").get(reverse("privacy:register")).content.decode()
    assert "Arbejdsstyrkeplanlægning" in html
    assert "din leder kan ikke se det" in html


# --- Pages ------------------------------------------------------------------------------------


def test_the_plan_page_shows_summary_tables_and_charts(history, client_as, scenario):
    response = client_as("hr").get(reverse("workforce:plan"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kort fortalt" in html and "Illustrativt scenarie" in html
    charts = html.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"')  # not the icons
    assert charts == 2 and 'id="plan-total"' in html
    assert "Ændr vækstraterne" in html
    assert "data-suppressed" in html  # the akademikere


def test_managers_see_the_plan_without_the_growth_form(history, client_as, scenario):
    html = client_as("manager").get(reverse("workforce:plan")).content.decode()
    assert "Kort fortalt" in html and "Ændr vækstraterne" not in html


def test_without_scenarios_the_page_says_what_to_do(history, client_as):
    html = client_as("hr").get(reverse("workforce:plan")).content.decode()
    assert "Der er ingen scenarier endnu" in html


def test_growth_on_the_illustrative_scenario_saves_a_copy(history, client_as, scenario):
    client = client_as("hr")
    response = client.post(
        reverse("workforce:growth", args=[scenario.pk]),
        {"to": "2040", "new_name": "Mere pleje", "rate-sosu": "2,5"},
    )
    copy = Scenario.objects.get(name="Mere pleje")
    assert response.status_code == 302 and f"scenario={copy.pk}" in response["Location"]
    rule = copy.rules.get(job_family__code="sosu", kind=RuleKind.GROWTH)
    assert rule.rate_percent == Decimal("2.50")
    assert not scenario.rules.filter(job_family__code="sosu").exists()
    # On a scenario of one's own the rate is changed in place.
    client.post(reverse("workforce:growth", args=[copy.pk]), {"to": "2040", "rate-sosu": "1"})
    assert copy.rules.get(job_family__code="sosu").rate_percent == Decimal("1.00")


def test_bad_growth_input_changes_nothing(history, client_as, scenario):
    own = services.copy_scenario(
        access_for(client_as("hr").get("/").wsgi_request.user), scenario.pk, name="Eget"
    )
    before = list(Rule.objects.filter(scenario=own).values_list("pk", flat=True))
    response = client_as("hr").post(
        reverse("workforce:growth", args=[own.pk]),
        {"to": "2040", "rate-sosu": "mange", "rate-laerer": "80"},
        follow=True,
    )
    html = response.content.decode()
    assert "»mange« er ikke et tal" in html and "mellem -50 og 50 % om året" in html
    assert list(Rule.objects.filter(scenario=own).values_list("pk", flat=True)) == before


def test_the_excel_file_has_one_sheet_per_view_with_numbers(history, client_as, scenario):
    response = client_as("analyst").get(reverse("workforce:plan_xlsx"), {"to": "2035"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Samlet", "Jobfamilier", "Forvaltninger", "Antagelser", "Backtest"]
    total = book["Samlet"]
    header = [c.value for c in total[1]]
    assert header[:2] == ["År", "Ansatte P10"]
    years = list(range(services.today().year + 1, 2036))
    assert [total.cell(row=r, column=1).value for r in range(2, 2 + len(years))] == years
    assert all(isinstance(total.cell(row=2, column=c).value, int | float) for c in range(1, 15))
    families = [r[0].value for r in book["Jobfamilier"].iter_rows(min_row=2) if r[0].value]
    assert "Social- og sundhedspersonale" in families


def test_the_model_page_explains_and_shows_the_backtest(history, client_as):
    html = client_as("analyst").get(reverse("workforce:model")).content.decode()
    assert "Hvor godt har modellen ramt?" in html and 'id="backtest"' in html
    assert "Én medarbejders pensionsdatoer" not in html  # the look-up is for HR only
    assert (
        "Én medarbejders pensionsdatoer"
        in client_as("hr").get(reverse("workforce:model")).content.decode()
    )


def test_hr_looks_up_pension_dates_by_employee_number(history, client_as):
    client = client_as("hr")
    number = history.person_in_nord.employee_number
    response = client.get(reverse("workforce:pension_lookup"), {"medarbejdernummer": number})
    assert response["Location"] == reverse(
        "workforce:person_pension", args=[history.person_in_nord.pk]
    )
    html = client.get(response["Location"]).content.decode()
    assert "17. maj 2050" in html and "skrevet i loggen" in html
    missing = client.get(reverse("workforce:pension_lookup"), {"medarbejdernummer": "nope"})
    assert missing.status_code == 302
