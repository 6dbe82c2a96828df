"""Prioritisation pages: run, save, compare, criteria and scores through HTTP."""

from __future__ import annotations

import pytest
from django.urls import reverse

from charlie.portfolio.models import Criterion, CriterionSource, Scenario, Score
from charlie.portfolio.tests.factories import CriterionFactory, InitiativeFactory, business_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(db):
    manual = CriterionFactory(name="Hastende", source=CriterionSource.MANUAL)
    one = InitiativeFactory(number=1, title="Digital post")
    two = InitiativeFactory(number=2, title="Chatbot")
    business_case(one, investment=["600000"])
    business_case(two, investment=["500000"], staff_hours=["300"])
    Score.objects.create(initiative=one, criterion=manual, value=5)
    Score.objects.create(initiative=two, criterion=manual, value=4)
    return manual


def test_a_run_shows_the_choice_the_reasons_chart_and_table(client, users, two):
    client.force_login(users["manager"])
    response = client.get(
        reverse("portfolio:priorities"),
        {"forste_aar": "2027", "antal_aar": "2", "budget": "1.000.000", "timer": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="img"' in html and 'id="tal-prioritering"' in html
    assert "budgettet i 2027 rækker ikke" in html
    assert "Gem scenariet" not in html  # managers read, only HR saves


def test_bad_limits_are_named(client, users, two):
    client.force_login(users["hr"])
    response = client.get(
        reverse("portfolio:priorities"), {"forste_aar": "2027", "antal_aar": "2", "budget": "x"}
    )
    assert response.status_code == 400
    assert "Skriv et beløb" in response.content.decode()


def test_hr_saves_two_scenarios_and_compares_them(client, users, two):
    client.force_login(users["hr"])
    for name, budget in (("Stramt", "1000000"), ("Rundt", "")):
        query = f"forste_aar=2027&antal_aar=1&budget={budget}&timer="
        response = client.post(reverse("portfolio:priorities_save"), {"query": query, "navn": name})
        assert response.status_code == 302
    tight, loose = Scenario.objects.get(name="Stramt"), Scenario.objects.get(name="Rundt")
    assert tight.result["chosen"] == [1] and loose.result["chosen"] == [1, 2]
    assert tight.budget == [1000000.0]
    page = client.get(reverse("portfolio:priorities_scenario", args=[tight.pk]))
    assert "Digital post" in page.content.decode()
    compared = client.get(
        reverse("portfolio:priorities_compare"), {"a": tight.pk, "b": loose.pk}
    ).content.decode()
    assert "Forskellig" in compared and "Ens" in compared


def test_hr_adds_a_criterion_and_scores(client, users, two):
    client.force_login(users["hr"])
    bad = client.post(reverse("portfolio:priorities_criteria"), {"name": "", "source": "npv"})
    assert bad.status_code == 400
    client.post(
        reverse("portfolio:priorities_criteria"),
        {
            "name": "Nutidsværdi",
            "source": "npv",
            "weight": "2",
            "higher_is_better": "on",
            "active": "on",
        },
    )
    assert Criterion.objects.filter(name="Nutidsværdi", source="npv").exists()
    client.post(reverse("portfolio:priorities_scores"), {f"score-2-{two.pk}": "1"})
    assert Score.objects.get(initiative__number=2, criterion=two).value == 1
    page = client.get(reverse("portfolio:priorities_scores")).content.decode()
    assert "Nutidsværdi" in page
