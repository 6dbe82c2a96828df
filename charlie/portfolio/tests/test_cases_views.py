"""Business cases through the services and the test client: the bulk figures, the editor with
its errors, the figures page with "Sådan er tallene regnet", and the rates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from charlie.core.errors import NotFound, ValidationFailed
from charlie.people.services import access_for
from charlie.portfolio.models import BusinessCase, Rates
from charlie.portfolio.services import cases, evaluations
from charlie.portfolio.tests.factories import InitiativeFactory, business_case

pytestmark = pytest.mark.django_db

EXAMPLE = {
    "investment": ["1000000", "0", "0", "0", "0"],
    "benefit": ["0", "350000", "350000", "350000", "350000"],
}


def test_evaluations_in_bulk_with_few_queries(django_assert_max_num_queries):
    with_case = [InitiativeFactory() for _ in range(4)]
    for initiative in with_case:
        business_case(initiative, **EXAMPLE)
    without = InitiativeFactory()
    with django_assert_max_num_queries(3):
        figures = evaluations([i.pk for i in with_case] + [without.pk])
    assert set(figures) == {i.pk for i in with_case}
    assert {round(e.npv) for e in figures.values()} == {285_578}
    assert evaluations([]) == {}


def test_evaluations_use_the_saved_rates_and_the_cases_own_rate():
    initiative = InitiativeFactory()
    case = business_case(initiative, hours_saved=["100"])
    Rates.objects.create(hourly_rate=Decimal("500"))
    assert evaluations([initiative.pk])[initiative.pk].npv == 50_000
    case.rate = Decimal("0.05")
    case.horizon = 2
    case.save()
    case.lines.update(amounts=["0", "105"])
    assert evaluations([initiative.pk])[initiative.pk].npv == pytest.approx(105 * 500 / 1.05)


def test_a_shortened_horizon_cuts_stored_years():
    initiative = InitiativeFactory()
    case = business_case(initiative, benefit=["1", "2", "3", "4", "5", "6"])
    case.horizon = 2
    case.save()
    assert evaluations([initiative.pk])[initiative.pk].total_benefits == 3


def test_save_lists_every_problem_and_saves_nothing(users):
    initiative = InitiativeFactory()
    hr = access_for(users["hr"])
    with pytest.raises(ValidationFailed) as caught:
        cases.save_business_case(
            hr,
            initiative,
            first_year=1800,
            horizon=80,
            rate=Decimal("3.5"),
            staff_affected=None,
            staff_note="",
            non_financial="",
            lines=[cases.LineInput(kind="investment", label="", amounts=[Decimal(-1)])],
        )
    assert len(caught.value.messages) == 5
    assert not BusinessCase.objects.exists()


def test_only_the_portfolio_owner_saves(users):
    initiative = InitiativeFactory()
    with pytest.raises(PermissionDenied):
        cases.save_business_case(
            access_for(users["manager"]),
            initiative,
            first_year=2027,
            horizon=1,
            rate=None,
            staff_affected=None,
            staff_note="",
            non_financial="",
            lines=[],
        )
    with pytest.raises(PermissionDenied):
        cases.evaluation_of(access_for(users["employee"]), initiative)
    with pytest.raises(NotFound):
        cases.initiative_by_number(access_for(users["hr"]), 999_999)


def _post(initiative, lines, **settings):
    data = {
        "first_year": "2027",
        "horizon": "5",
        "rate_percent": "",
        "staff_affected": "12",
        "staff_note": "Borgerservice",
        "non_financial": "Færre fejl",
        "linje-TOTAL_FORMS": str(len(lines)),
        "linje-INITIAL_FORMS": "0",
        **settings,
    }
    for n, line in enumerate(lines):
        for key, value in line.items():
            data[f"linje-{n}-{key}"] = value
    return data


def test_the_editor_saves_danish_numbers_and_shows_the_figures(client_as):
    initiative = InitiativeFactory(number=42, title="Digital post")
    client = client_as("hr")
    url = reverse("portfolio:business_case_edit", kwargs={"number": 42})
    page = client.get(url)
    assert page.status_code == 200
    assert "Linje 1" in page.content.decode()
    lines = [
        {"kind": "investment", "label": "Licens", "amounts": "1.000.000", "low": "", "high": ""},
        {
            "kind": "benefit",
            "label": "Porto",
            "amounts": "0; 350.000; 350.000; 350.000; 350.000",
            "low": "",
            "high": "",
        },
        {"kind": "investment", "label": "", "amounts": "", "low": "", "high": ""},
    ]
    response = client.post(url, _post(initiative, lines))
    assert response.status_code == 302
    case = BusinessCase.objects.get(initiative=initiative)
    assert [line.amounts for line in case.lines.all()] == [
        ["1000000", "0", "0", "0", "0"],
        ["0", "350000", "350000", "350000", "350000"],
    ]
    assert case.staff_affected == 12
    figures = client.get(reverse("portfolio:business_case", kwargs={"number": 42}))
    text = figures.content.decode()
    assert "285.578 kr." in text
    assert "Sådan er tallene regnet" in text
    assert "0,966184" in text  # year 1's factor
    assert "2030" in text  # payback
    assert "Gevinsterne kommer et år senere" in text
    # The editor shows the saved lines the Danish way.
    assert "0; 350.000; 350.000; 350.000; 350.000" in client.get(url).content.decode()


def test_the_editor_keeps_unstated_years_of_an_estimate_at_the_likely_amount(client_as):
    # A low estimate for year 0 only and a high one with year 1 left empty: the other years
    # have no spread, so they are stored as the likely amount, not 0.
    initiative = InitiativeFactory(number=43)
    client = client_as("hr")
    url = reverse("portfolio:business_case_edit", kwargs={"number": 43})
    lines = [
        {
            "kind": "running",
            "label": "Drift",
            "amounts": "200.000; 200.000; 200.000; 200.000; 200.000",
            "low": "150.000",
            "high": "260.000; ; 240.000",
        }
    ]
    assert client.post(url, _post(initiative, lines)).status_code == 302
    line = BusinessCase.objects.get(initiative=initiative).lines.get()
    assert line.low == ["150000", "200000", "200000", "200000", "200000"]
    assert line.high == ["260000", "200000", "240000", "200000", "200000"]
    assert "Tomme og manglende år: det mest sandsynlige beløb." in client.get(url).content.decode()


def test_the_editor_shows_errors_beside_the_lines(client_as):
    InitiativeFactory(number=43)
    client = client_as("hr")
    url = reverse("portfolio:business_case_edit", kwargs={"number": 43})
    lines = [
        {"kind": "investment", "label": "", "amounts": "100", "low": "", "high": ""},
        {"kind": "benefit", "label": "Porto", "amounts": "12.5", "low": "", "high": ""},
    ]
    response = client.post(url, _post(None, lines, horizon="0"))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Business casen blev ikke gemt" in text
    assert "Skriv en tekst til linjen." in text
    assert "»12.5« er ikke et tal" in text
    assert not BusinessCase.objects.exists()


def test_own_rate_in_percent(client_as):
    initiative = InitiativeFactory(number=44)
    client = client_as("hr")
    url = reverse("portfolio:business_case_edit", kwargs={"number": 44})
    lines = [{"kind": "benefit", "label": "Porto", "amounts": "0; 105", "low": "", "high": ""}]
    assert (
        client.post(url, _post(initiative, lines, horizon="2", rate_percent="5")).status_code == 302
    )
    case = BusinessCase.objects.get(initiative=initiative)
    assert case.rate == Decimal("0.05")
    text = client.get(reverse("portfolio:business_case", kwargs={"number": 44})).content.decode()
    assert "100 kr." in text  # 105 / 1.05
    assert "casens egen rente" in text


def test_a_reader_sees_figures_but_no_edit_link(client_as):
    initiative = InitiativeFactory(number=45)
    business_case(initiative, **EXAMPLE)
    text = (
        client_as("manager")
        .get(reverse("portfolio:business_case", kwargs={"number": 45}))
        .content.decode()
    )
    assert "285.578 kr." in text
    assert reverse("portfolio:business_case_edit", kwargs={"number": 45}) not in text


def test_rates_are_saved_and_change_the_figures(client_as):
    initiative = InitiativeFactory(number=46)
    business_case(initiative, hours_saved=["10"])
    client = client_as("hr")
    url = reverse("portfolio:rates")
    assert "450" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "hourly_rate": "500",
            "hours_per_fte": "1.628",
            "rate_early_percent": "3,5",
            "rate_late_percent": "2,5",
            "switch_year": "35",
        },
    )
    assert response.status_code == 302
    assert Rates.current().hourly_rate == 500
    assert Rates.current().rate_early == Decimal("0.035")
    assert evaluations([initiative.pk])[initiative.pk].npv == 5_000
    bad = client.post(url, {"hourly_rate": "0", "hours_per_fte": "", "switch_year": "99"})
    assert bad.status_code == 400
