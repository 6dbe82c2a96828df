"""The scenario pages: list, create, copy, edit rules and drivers, delete,
compare; who may do what (HR and analysts edit, managers read, others 403); Danish numbers.

Rule years here are plain data (the pages store what is typed), so no calendar working is
needed; ``services.today()`` decides only which years the comparison projects.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from charlie.core.errors import ValidationFailed
from charlie.core.formats import format_number
from charlie.core.forms import read_number as parse_number
from charlie.core.testing.tables import table_rows
from charlie.people.services import access_for
from charlie.people.tests.factories import job_family
from charlie.workforce import services
from charlie.workforce.forms import parse_driver_values
from charlie.workforce.models import Driver, Rule, RuleKind, Scenario
from charlie.workforce.summary import whole
from charlie.workforce.tests.data import make_history

# --- Danish numbers (pure) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", Decimal("1234.5")),
        ("19.722", Decimal("19722")),  # a point in groups of three is a thousands point
        ("1.234.567,25", Decimal("1234567.25")),
        ("12", Decimal("12")),
        ("-0,75", Decimal("-0.75")),
        ("\u22122,5", Decimal("-2.5")),  # the typographic minus
        ("1 234,5", Decimal("1234.5")),
        ("1\u00a0234", Decimal("1234")),
        (" 0,0125 ", Decimal("0.0125")),
    ],
)
def test_parse_number_reads_danish_numbers(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["12.5", "1,2,3", "abc", "", "1.23,4", ",5", "1e3"])
def test_parse_number_refuses_what_it_would_have_to_guess(text: str) -> None:
    with pytest.raises(ValueError, match="ikke et tal"):
        parse_number(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [(19722.0, "19.722"), (1234.5, "1.234,5"), (0.0125, "0,0125"), (-3, "-3"), (999, "999")],
)
def test_format_number_writes_danish_numbers(value: float, text: str) -> None:
    assert format_number(value) == text


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False))
def test_format_then_parse_gives_the_number_back(value: Decimal) -> None:
    assert parse_number(format_number(value)) == value


def test_driver_lines_report_every_bad_line_by_number() -> None:
    text = "2025 100\n2026 abc\n\n2027\n2026 5\n1999 3\n2028 -1\n2029 12.5"
    with pytest.raises(ValidationError) as caught:
        parse_driver_values(text)
    messages = caught.value.messages
    # Line 3 is blank and skipped, but still counted, as an editor numbers it.
    assert [m.split(":")[0] for m in messages] == [
        "Linje 2",
        "Linje 4",
        "Linje 6",
        "Linje 7",
        "Linje 8",
    ]
    assert messages[0] == "Linje 2: »abc« er ikke et tal. Skriv fx 1234,5 eller 1.234,5."


def test_driver_lines_name_a_repeated_year() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_driver_values("2025 1\n2025 2")
    assert caught.value.messages == ["Linje 2: år 2025 står også i linje 1."]


def test_driver_lines_accept_tabs_semicolons_and_spaces_in_numbers() -> None:
    assert parse_driver_values("2025\t1.234,5\r\n2030;19 722\n 2035 0,25 ") == {
        2025: 1234.5,
        2030: 19722.0,
        2035: 0.25,
    }


# --- Helpers ----------------------------------------------------------------------------------


def _rules_post(name: str, rows: list[dict[str, object]], *, initial: int = 0, **extra):
    data: dict[str, object] = {
        "name": name,
        "description": extra.pop("description", ""),
        "rules-TOTAL_FORMS": str(len(rows)),
        "rules-INITIAL_FORMS": str(initial),
        "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        blank = {
            "job_family": "",
            "kind": "growth",
            "first_year": "",
            "last_year": "",
            "rate_percent": "",
            "driver": "",
            "ratio": "",
            "note": "",
        }
        for key, value in {**blank, **row}.items():
            data[f"rules-{i}-{key}"] = value
    return data


#: An extra row as the browser sends it when nobody touched it (the type select posts its value).
EMPTY_ROW: dict[str, object] = {}


@pytest.fixture
def scenario(users) -> Scenario:
    return services.create_scenario(
        access_for(users["hr"]), name="Egen plan", description="Første linje"
    )


def _edit(scenario: Scenario) -> str:
    return reverse("workforce:scenario", kwargs={"scenario_id": scenario.pk})


# --- Who may do what --------------------------------------------------------------------------


def _urls(scenario: Scenario, driver: Driver) -> dict[str, str]:
    ids = {"scenario_id": scenario.pk}
    return {
        "scenarios": reverse("workforce:scenarios"),
        "scenario": reverse("workforce:scenario", kwargs=ids),
        "scenario_copy": reverse("workforce:scenario_copy", kwargs=ids),
        "scenario_delete": reverse("workforce:scenario_delete", kwargs=ids),
        "driver_new": reverse("workforce:driver_new", kwargs=ids),
        "driver": reverse("workforce:driver", kwargs={**ids, "driver_id": driver.pk}),
        "driver_delete": reverse("workforce:driver_delete", kwargs={**ids, "driver_id": driver.pk}),
        "compare": reverse("workforce:compare"),
    }


@pytest.fixture
def with_driver(users, scenario) -> Driver:
    return services.save_driver(
        access_for(users["hr"]),
        scenario,
        driver_id=None,
        name="Borgere 80+",
        source="DST",
        values={2025: 10},
    )


@pytest.mark.parametrize("role", ["employee", "dpo", "admin"])
def test_other_roles_get_403_everywhere(client_as, scenario, with_driver, role) -> None:
    client = client_as(role)
    urls = _urls(scenario, with_driver)
    for name in ("scenarios", "scenario", "compare"):
        assert client.get(urls[name]).status_code == 403, name
    for name, url in urls.items():
        expected = 405 if name == "compare" else 403  # compare is GET only
        assert client.post(url, {"name": "X"}).status_code == expected, name
    assert Scenario.objects.count() == 1
    assert Driver.objects.count() == 1


def test_manager_may_read_but_every_post_is_403(client_as, scenario, with_driver) -> None:
    client = client_as("manager")
    urls = _urls(scenario, with_driver)
    for name in ("scenarios", "scenario", "compare"):
        assert client.get(urls[name]).status_code == 200, name
    page = client.get(urls["scenario"]).content.decode()
    assert "Du kan se dem, men ikke ændre dem" in page
    assert 'method="post" action="' + urls["scenario"] not in page
    assert "Opret scenarie" not in client.get(urls["scenarios"]).content.decode()
    posts = {
        "scenarios": {"name": "Ny"},
        "scenario": _rules_post("Omdøbt", []),
        "scenario_copy": {"name": "Kopi"},
        "scenario_delete": {"confirm": "on"},
        "driver_new": {"name": "D", "values": "2025 1"},
        "driver": {"name": "D", "values": "1"},
        "driver_delete": {"confirm": "on"},
    }
    for name, data in posts.items():
        assert client.post(urls[name], data).status_code == 403, name
    scenario.refresh_from_db()
    assert (scenario.name, Scenario.objects.count(), Driver.objects.count()) == ("Egen plan", 1, 1)


def test_get_never_changes_data(client_as, scenario, with_driver) -> None:
    client = client_as("hr")
    urls = _urls(scenario, with_driver)
    for name in ("scenario_copy", "scenario_delete", "driver_new", "driver", "driver_delete"):
        assert client.get(urls[name]).status_code == 405, name
    assert (Scenario.objects.count(), Driver.objects.count()) == (1, 1)


def test_unknown_scenario_or_driver_is_404(client_as, scenario) -> None:
    client = client_as("hr")
    assert client.get(reverse("workforce:scenario", kwargs={"scenario_id": 999})).status_code == 404
    url = reverse("workforce:driver", kwargs={"scenario_id": scenario.pk, "driver_id": 999})
    assert client.post(url, {}).status_code == 404


# --- The list, create, copy, delete -----------------------------------------------------------


def test_list_shows_scenarios_with_tag_first_line_and_plan_link(client_as, users) -> None:
    illustrative = services.create_illustrative_scenario()
    services.create_scenario(
        access_for(users["hr"]), name="Egen plan", description="Linje et\nLinje to"
    )
    response = client_as("hr").get(reverse("workforce:scenarios"))
    page = response.content.decode()
    assert response.status_code == 200
    rows = table_rows(response.content, id="scenarier")
    assert [row[0].split(" –")[0] for row in rows[1:]] == ["Egen plan", illustrative.name]
    assert "Illustrativt" in rows[2][0] and "Illustrativt" not in rows[1][0]
    assert rows[1][1] == "Linje et"  # only the first line of the description
    assert f"{reverse('workforce:plan')}?scenario={illustrative.pk}" in page
    assert f'action="{reverse("workforce:compare")}"' in page
    assert "Opret scenarie" in page


def test_hr_creates_a_scenario_and_lands_on_its_page(client_as) -> None:
    response = client_as("hr").post(reverse("workforce:scenarios"), {"name": "  Vækst 2 %  "})
    created = Scenario.objects.get(name="Vækst 2 %")
    assert response.status_code == 302
    assert response["Location"] == _edit(created)
    assert not created.illustrative


def test_create_with_a_taken_name_shows_why(client_as, scenario) -> None:
    response = client_as("hr").post(reverse("workforce:scenarios"), {"name": "Egen plan"})
    assert response.status_code == 400
    assert "Der findes allerede et scenarie med navnet »Egen plan«" in response.content.decode()
    assert 'href="#id_name"' in response.content.decode()
    assert Scenario.objects.count() == 1


def test_copy_takes_rules_and_drivers_under_the_new_name(client_as, org) -> None:
    source = services.create_illustrative_scenario()
    client = client_as("hr")
    page = client.get(_edit(source)).content.decode()
    assert f'value="Kopi af {source.name}"' in page  # the default name
    url = reverse("workforce:scenario_copy", kwargs={"scenario_id": source.pk})
    response = client.post(url, {"name": "Min kopi"})
    copy = Scenario.objects.get(name="Min kopi")
    assert response["Location"] == _edit(copy)
    assert not copy.illustrative
    assert copy.rules.count() == source.rules.count() > 0
    assert list(copy.drivers.values_list("name", flat=True)) == ["Indbyggere i Lemvig Kommune"]


def test_copy_with_a_taken_name_saves_nothing(client_as, scenario) -> None:
    url = reverse("workforce:scenario_copy", kwargs={"scenario_id": scenario.pk})
    response = client_as("hr").post(url, {"name": "Egen plan"})
    assert response.status_code == 400
    assert 'href="#id_copy_name"' in response.content.decode()
    assert Scenario.objects.count() == 1


def test_delete_asks_for_the_checkbox_first(client_as, scenario) -> None:
    client = client_as("hr")
    url = reverse("workforce:scenario_delete", kwargs={"scenario_id": scenario.pk})
    refused = client.post(url, {})
    assert refused.status_code == 400
    assert "Sæt flueben i »Ja, slet scenariet«" in refused.content.decode()
    assert Scenario.objects.filter(pk=scenario.pk).exists()
    done = client.post(url, {"confirm": "on"})
    assert done["Location"] == reverse("workforce:scenarios")
    assert not Scenario.objects.filter(pk=scenario.pk).exists()


# --- Rules ------------------------------------------------------------------------------------


def test_rules_are_saved_with_danish_decimals_and_empty_rows_ignored(
    client_as, scenario, with_driver
) -> None:
    sosu = job_family("sosu")
    rows = [
        {"first_year": "2027", "last_year": "2030", "rate_percent": "1,5", "note": "KL"},
        {
            "job_family": str(sosu.pk),
            "kind": "driver",
            "first_year": "2027",
            "last_year": "2040",
            "driver": str(with_driver.pk),
            "ratio": "0,0125",
        },
        EMPTY_ROW,
        EMPTY_ROW,
    ]
    data = _rules_post("Egen plan 2", rows, description="Ny beskrivelse")
    response = client_as("hr").post(_edit(scenario), data)
    assert response.status_code == 302, response.content.decode()
    scenario.refresh_from_db()
    assert (scenario.name, scenario.description) == ("Egen plan 2", "Ny beskrivelse")
    growth = scenario.rules.get(kind=RuleKind.GROWTH)
    driver = scenario.rules.get(kind=RuleKind.DRIVER)
    assert (growth.job_family, growth.first_year, growth.last_year) == (None, 2027, 2030)
    assert (growth.rate_percent, growth.note) == (Decimal("1.50"), "KL")
    assert (driver.job_family, driver.driver, driver.ratio) == (
        sosu,
        with_driver,
        Decimal("0.0125"),
    )
    assert scenario.rules.count() == 2


def test_the_form_shows_stored_rules_the_danish_way(client_as, users, scenario) -> None:
    services.save_rules(
        access_for(users["hr"]),
        scenario,
        [
            {
                "job_family": None,
                "kind": RuleKind.GROWTH,
                "first_year": 2027,
                "last_year": 2030,
                "rate_percent": Decimal("0.98"),
                "driver": None,
                "ratio": None,
                "note": "",
            }
        ],
    )
    page = client_as("hr").get(_edit(scenario)).content.decode()
    assert 'name="rules-0-rate_percent" value="0,98"' in page
    assert 'name="rules-TOTAL_FORMS" value="3"' in page  # one stored, two empty


def test_a_row_can_be_deleted(client_as, users, scenario) -> None:
    rule = {
        "job_family": None,
        "kind": RuleKind.GROWTH,
        "first_year": 2027,
        "last_year": 2030,
        "rate_percent": Decimal("1"),
        "driver": None,
        "ratio": None,
        "note": "",
    }
    services.save_rules(
        access_for(users["hr"]), scenario, [rule, {**rule, "first_year": 2031, "last_year": 2035}]
    )
    rows = [
        {"first_year": "2027", "last_year": "2030", "rate_percent": "1", "DELETE": "on"},
        {"first_year": "2031", "last_year": "2035", "rate_percent": "1"},
    ]
    response = client_as("hr").post(_edit(scenario), _rules_post("Egen plan", rows, initial=2))
    assert response.status_code == 302
    assert list(scenario.rules.values_list("first_year", flat=True)) == [2031]


def test_a_rule_that_ends_before_it_starts_is_shown_and_nothing_saved(
    client_as, users, scenario
) -> None:
    rows = [
        {"first_year": "2027", "last_year": "2030", "rate_percent": "1"},
        {"first_year": "2035", "last_year": "2030", "rate_percent": "2"},
    ]
    response = client_as("hr").post(_edit(scenario), _rules_post("Nyt navn", rows))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Scenariet blev ikke gemt" in page
    assert '<a href="#id_rules-1-last_year">Regel 2, Til år: »Til år« må ikke være før' in page
    scenario.refresh_from_db()
    assert (scenario.name, scenario.rules.count()) == ("Egen plan", 0)


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"first_year": "2027", "last_year": "2030"}, "rate_percent", "Skriv en vækstrate"),
        (
            {"kind": "driver", "first_year": "2027", "last_year": "2030"},
            "driver",
            "Vælg en driver",
        ),
        (
            {"first_year": "2027", "last_year": "2030", "rate_percent": "2.5"},
            "rate_percent",
            "Skriv fx 1234,5 eller 1.234,5",
        ),
        (
            {"first_year": "2027", "last_year": "2030", "rate_percent": "60"},
            "rate_percent",
            "50",
        ),
        (
            {"first_year": "2027", "last_year": "2030", "rate_percent": "1", "ratio": "2"},
            "kind",
            "En vækstregel bruger ikke driver og forhold",
        ),
    ],
)
def test_each_rule_problem_is_named_at_its_field(client_as, scenario, row, field, message) -> None:
    response = client_as("hr").post(_edit(scenario), _rules_post("Egen plan", [row]))
    page = response.content.decode()
    assert response.status_code == 400
    assert f'href="#id_rules-0-{field}"' in page
    assert message in page
    assert scenario.rules.count() == 0


def test_a_name_clash_keeps_the_old_rules(client_as, users, scenario) -> None:
    """The service refuses the name; the message goes to the name field, no rule is saved."""
    services.create_scenario(access_for(users["hr"]), name="Optaget")
    rows = [{"first_year": "2027", "last_year": "2030", "rate_percent": "3"}]
    response = client_as("hr").post(_edit(scenario), _rules_post("Optaget", rows))
    assert response.status_code == 400
    assert "Der findes allerede et scenarie med navnet »Optaget«" in response.content.decode()
    scenario.refresh_from_db()
    assert (scenario.name, scenario.rules.count()) == ("Egen plan", 0)


def test_a_refusal_from_save_rules_is_shown_and_undoes_the_new_name(
    client_as, scenario, monkeypatch
) -> None:
    """Name and rules are one change: when ``save_rules`` refuses (after the name was written),
    the name goes back too, and the service's message is in the error summary."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise ValidationFailed(["Regel 1: driveren hører til et andet scenarie."])

    monkeypatch.setattr(services, "save_rules", refuse)
    rows = [{"first_year": "2027", "last_year": "2030", "rate_percent": "3"}]
    response = client_as("hr").post(_edit(scenario), _rules_post("Nyt navn", rows))
    assert response.status_code == 400
    assert "<li>Regel 1: driveren hører til et andet scenarie.</li>" in response.content.decode()
    scenario.refresh_from_db()
    assert scenario.name == "Egen plan"


def test_analyst_can_edit(client_as, scenario) -> None:
    rows = [{"first_year": "2027", "last_year": "2030", "rate_percent": "-0,5"}]
    response = client_as("analyst").post(_edit(scenario), _rules_post("Egen plan", rows))
    assert response.status_code == 302
    assert scenario.rules.get().rate_percent == Decimal("-0.50")


def test_the_page_explains_how_rules_combine(client_as, scenario) -> None:
    page = client_as("manager").get(_edit(scenario)).content.decode()
    assert "Sådan virker reglerne" in page
    assert "går den forud for vækstreglerne" in page


# --- Drivers ----------------------------------------------------------------------------------


def test_a_new_driver_with_danish_numbers(client_as, scenario) -> None:
    url = reverse("workforce:driver_new", kwargs={"scenario_id": scenario.pk})
    data = {
        "name": "Borgere 80+",
        "source": "Danmarks Statistik, FRDK124",
        "values": "2025 1.234,5\n2030 19.722\n\n2035 0,25",
    }
    response = client_as("hr").post(url, data)
    assert response.status_code == 302
    driver = scenario.drivers.get()
    assert driver.values == {"2025": 1234.5, "2030": 19722.0, "2035": 0.25}
    page = client_as("hr").get(_edit(scenario)).content.decode()
    assert "2025 1.234,5\n2030 19.722\n2035 0,25" in page  # shown back as typed


def test_a_bad_driver_line_is_reported_and_nothing_saved(client_as, scenario, with_driver) -> None:
    url = reverse(
        "workforce:driver", kwargs={"scenario_id": scenario.pk, "driver_id": with_driver.pk}
    )
    data = {"name": "Nyt navn", "values": "2025 10\n2026 ti\n2027 12"}
    response = client_as("hr").post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Driveren blev ikke gemt" in page
    assert (
        f'<a href="#id_driver{with_driver.pk}_values">Værdier pr. år: Linje 2: »ti« er ikke et tal.'
        in page
    )
    with_driver.refresh_from_db()
    assert (with_driver.name, with_driver.values) == ("Borgere 80+", {"2025": 10.0})


def test_deleting_a_driver_needs_the_checkbox_and_takes_its_rules(
    client_as, users, scenario, with_driver
) -> None:
    services.save_rules(
        access_for(users["hr"]),
        scenario,
        [
            {
                "job_family": job_family("sosu"),
                "kind": RuleKind.DRIVER,
                "first_year": 2027,
                "last_year": 2040,
                "rate_percent": None,
                "driver": with_driver,
                "ratio": None,
                "note": "",
            }
        ],
    )
    client = client_as("hr")
    assert "1 regel bruger driveren" in client.get(_edit(scenario)).content.decode()
    url = reverse(
        "workforce:driver_delete", kwargs={"scenario_id": scenario.pk, "driver_id": with_driver.pk}
    )
    assert client.post(url, {}).status_code == 400
    assert Driver.objects.filter(pk=with_driver.pk).exists()
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert not Driver.objects.filter(pk=with_driver.pk).exists()
    assert not Rule.objects.filter(scenario=scenario).exists()


def test_an_unused_driver_is_deleted_without_a_checkbox(client_as, scenario, with_driver) -> None:
    ids = {"scenario_id": scenario.pk, "driver_id": with_driver.pk}
    page = client_as("hr").get(_edit(scenario)).content.decode()
    assert "Ingen regler bruger driveren." in page
    assert f'id="id_driver{with_driver.pk}_delete_confirm"' not in page
    response = client_as("hr").post(reverse("workforce:driver_delete", kwargs=ids), {})
    assert response["Location"] == _edit(scenario) + "#drivere"
    assert not Driver.objects.exists()


# --- The illustrative scenario ----------------------------------------------------------------


def test_illustrative_scenario_is_shown_with_its_sources_and_not_changed(client_as, org) -> None:
    illustrative = services.create_illustrative_scenario()
    client = client_as("hr")
    page = client.get(_edit(illustrative)).content.decode()
    assert "Illustrativt scenarie" in page
    assert "KL vurderer, at kommunerne samlet mangler mere end 50.000" in page
    assert "Gem scenariet" not in page
    assert 'href="#kopi"' in page
    response = client.post(_edit(illustrative), _rules_post("Andet navn", []))
    assert response.status_code == 400
    illustrative.refresh_from_db()
    assert illustrative.name == services.ILLUSTRATIVE_NAME
    assert illustrative.rules.count() > 0


# --- Compare ----------------------------------------------------------------------------------


@pytest.fixture
def two_plans(org, users) -> tuple[Scenario, Scenario]:
    make_history(org)
    flat = services.create_scenario(access_for(users["hr"]), name="Uændret behov")
    growing = services.create_scenario(access_for(users["hr"]), name="Vækst 5 %")
    services.save_rules(
        access_for(users["hr"]),
        growing,
        [
            {
                "job_family": None,
                "kind": RuleKind.GROWTH,
                "first_year": 2000,
                "last_year": 2100,
                "rate_percent": Decimal(5),
                "driver": None,
                "ratio": None,
                "note": "",
            }
        ],
    )
    return flat, growing


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + whole(value)


def test_compare_shows_both_scenarios_side_by_side(client_as, users, two_plans) -> None:
    flat, growing = two_plans
    url = reverse("workforce:compare") + f"?a={flat.pk}&b={growing.pk}"
    response = client_as("hr").get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Uændret behov" in page and "Vækst 5 %" in page
    plan_a = services.plan(access_for(users["hr"]), flat)
    plan_b = services.plan(access_for(users["hr"]), growing)
    total_a = plan_a.total().recruitment_until
    total_b = plan_b.total().recruitment_until
    family = table_rows(response.content, id="sammenligning-jobfamilie")
    total = family[-1]
    first_until = next(y for y in (2030, 2040) if y in total_a)
    a, b = total_a[first_until], total_b[first_until]
    assert total[:2] == ["I alt", whole(plan_a.total().base_headcount)]
    assert total[2:4] == [whole(a.p50), f"{whole(a.p10)}– til {whole(a.p90)}"]
    assert total[4] == whole(b.p50)
    assert total[6] == _signed(round(b.p50) - round(a.p50))
    # Five per cent growth a year needs more people than none.
    assert round(b.p50) > round(a.p50)
    # Job families: SOSU and teachers shown with their count; akademikere (2) hidden, and the
    # disclosure markup on the count cells.
    sosu = next(r for r in plan_a.rows["job_family"] if r.key == "sosu")
    assert f'data-count="{sosu.base_headcount}" data-min-size="{plan_a.min_size}"' in page
    hidden = [row[0] for row in family[2:-1] if row[1] == "–skjult"]
    assert "Akademikere" in hidden
    assert all(cell == "–skjult" for row in family[2:-1] if row[0] in hidden for cell in row[1:])
    assert "data-suppressed" in page
    # The yearly table and the chart with a link to it.
    yearly = table_rows(response.content, id="rekruttering-pr-aar")
    assert [row[0] for row in yearly[1:]] == [str(y) for y in plan_a.years]
    first = plan_a.total().years[0].recruitment
    assert yearly[1][1] == whole(first.p50)
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    assert 'href="#rekruttering-pr-aar"' in page


def test_compare_to_an_earlier_year_shows_only_the_milestones_in_range(
    client_as, two_plans
) -> None:
    flat, growing = two_plans
    url = reverse("workforce:compare") + f"?a={flat.pk}&b={growing.pk}&to=2035"
    response = client_as("hr").get(url)
    first = services.today().year + 1
    shown = [y for y in (2030, 2040) if first <= y <= 2035]
    header = table_rows(response.content, id="sammenligning-jobfamilie")[0] if shown else []
    assert header[2:] == [f"Rekruttering {first}–{y}" for y in shown]
    yearly = table_rows(response.content, id="rekruttering-pr-aar")
    assert yearly[-1][0] == "2035"


def test_compare_as_manager_is_allowed(client_as, two_plans) -> None:
    flat, growing = two_plans
    url = reverse("workforce:compare") + f"?a={flat.pk}&b={growing.pk}"
    response = client_as("manager").get(url)
    assert response.status_code == 200
    assert "Dine enheder" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("a={a}&b={a}", "Vælg to forskellige scenarier"),
        ("a={a}&b={b}&to=1999", "Til og med år: Denne værdi skal være større end eller lig {next}"),
        ("a={a}&b=999999", "999999 er ikke en af de tilgængelige valgmuligheder"),
    ],
)
def test_compare_refuses_bad_choices(client_as, scenario, users, query, message) -> None:
    other = services.create_scenario(access_for(users["hr"]), name="Andet")
    url = reverse("workforce:compare") + "?" + query.format(a=scenario.pk, b=other.pk)
    response = client_as("hr").get(url)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Scenarierne kunne ikke sammenlignes" in page
    assert message.format(next=services.today().year + 1) in page


def test_compare_without_a_choice_shows_the_form(client_as, scenario, users) -> None:
    services.create_scenario(access_for(users["hr"]), name="Andet")
    response = client_as("hr").get(reverse("workforce:compare"))
    assert response.status_code == 200
    assert "Resultat" not in response.content.decode()
