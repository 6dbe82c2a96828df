"""``charlie workforce pension-age|project|backtest``.

Pension dates are worked out by hand from pensionsloven § 1 a (DOMAIN.md 3.1–3.2) and the
efterløn table (DOMAIN.md 3.3): the age is reached on the same day of the month that many years
and months after birth; folkepension is paid from the 1st of the following month.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from charlie.people.models import EndReason
from charlie.people.tests.factories import EmploymentFactory, PersonFactory, job_family
from charlie.workforce import services
from charlie.workforce.management.commands.workforce import OPERATOR

#: The base date of every projection and backtest below, so the tests do not depend on the clock:
#: the exit model is fitted on 2020–2025 and the backtest follows 2023–2025.
ON = "2026-06-30"


def make_staff(org) -> None:
    """Staff with a history, on top of the ``org`` and ``users`` fixtures.

    Employed today (with the fixtures' own people: 2 sosu in Nord/Syd, 1 teacher, the manager
    and HR, both sosu): 16 sosu, 9 teachers, 5 pædagoger, 3 in administration — 33 people.
    Administration is below the minimum group size (5) and the pædagoger, the next smallest, are
    hidden with it so that the 3 cannot be found by subtraction from the total. Leavers, all
    employed since 2010 (so all present on 1 January 2023, the backtest's cohort):

    ======  ==========================================================
    year    exits (end date, end reason)
    ======  ==========================================================
    2018    sosu 30 Jun retirement
    2019    sosu 31 Dec retirement; sosu 30 Apr resignation
    2020    teacher 31 Jul retirement
    2021    sosu 31 Mar retirement
    2022    sosu 30 Sep retirement
    2023    sosu 31 May retirement; teacher 31 Jul retirement; sosu 31 Oct resignation → 3
    2024    sosu 31 Aug retirement; sosu 29 Feb resignation → 2
    2025    teacher 30 Jun retirement; teacher 30 Sep resignation → 2
    ======  ==========================================================
    """
    sosu, laerer, admin = job_family("sosu"), job_family("laerer"), job_family("administration")
    paedagog = job_family("paedagog")
    units = [org.nord, org.syd]
    sosu_births = (1962, 1964, 1966, 1968, 1970, 1972, 1975, 1980, 1985, 1990, 1995, 1999)
    for i, year in enumerate(sosu_births):
        _employ(date(year, 3 + i % 9, 10), sosu, units[i % 2])
    for i, year in enumerate((1961, 1963, 1967, 1971, 1976, 1982, 1988, 1994)):
        _employ(date(year, 5, 1 + i), laerer, org.skole, title="Lærer")
    for year in (1966, 1974, 1983, 1989, 1997):
        _employ(date(year, 11, 30), paedagog, org.skole, title="Pædagog")
    for year in (1965, 1978, 1991):
        _employ(date(year, 8, 20), admin, org.aeldre, title="Administrativ medarbejder")
    retired = EndReason.RETIREMENT
    resigned = EndReason.RESIGNATION
    leavers = [
        (date(1953, 4, 2), sosu, org.nord, date(2018, 6, 30), retired),
        (date(1954, 2, 3), sosu, org.syd, date(2019, 12, 31), retired),
        (date(1990, 6, 4), sosu, org.nord, date(2019, 4, 30), resigned),
        (date(1955, 1, 5), laerer, org.skole, date(2020, 7, 31), retired),
        (date(1956, 9, 6), sosu, org.syd, date(2021, 3, 31), retired),
        (date(1957, 3, 7), sosu, org.nord, date(2022, 9, 30), retired),
        (date(1958, 5, 8), sosu, org.syd, date(2023, 5, 31), retired),
        (date(1958, 7, 9), laerer, org.skole, date(2023, 7, 31), retired),
        (date(1992, 1, 10), sosu, org.nord, date(2023, 10, 31), resigned),
        (date(1959, 8, 11), sosu, org.syd, date(2024, 8, 31), retired),
        (date(1993, 2, 12), sosu, org.nord, date(2024, 2, 29), resigned),
        (date(1960, 1, 13), laerer, org.skole, date(2025, 6, 30), retired),
        (date(1985, 10, 14), laerer, org.skole, date(2025, 9, 30), resigned),
    ]
    for birth, family, unit, end, reason in leavers:
        _employ(birth, family, unit, end=end, reason=reason)


def _employ(birth, family, unit, *, title="Social- og sundhedsassistent", end=None, reason=""):
    EmploymentFactory(
        person=PersonFactory(birth_date=birth),
        org_unit=unit,
        job_family=family,
        job_title=title,
        weekly_hours=Decimal("37.00"),
        start_date=date(2010, 1, 1),
        end_date=end,
        end_reason=reason,
    )


@pytest.fixture
def staff(org, users):
    make_staff(org)
    return services.create_illustrative_scenario()


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("workforce", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# --- pension-age ------------------------------------------------------------------------------

# (birth, folkepension age, date reached, paid from, efterløn age, efterløn reached)
# 1 Jan 1971: born on or after 1 Jan 1971 → 70 (2025 law, DOMAIN.md 3.2); 1971 + 70 = 2041.
#   Efterløn 67 for 1971–1974 (not confirmed as law) → 1 Jan 2038.
# 15 Mar 1960: 1 Jul 1955 – 31 Dec 1962 → 67 (§ 1 a, nr. 5); 1960 + 67 = 2027.
#   Efterløn 64 for 1 Jul 1959 – 1962 → 15 Mar 2024.
# 30 Jun 1954: 1 Jan – 30 Jun 1954 → 65½ (§ 1 a, nr. 2); June 1954 + 65 years 6 months =
#   December 2019, day 30 exists → 30 Dec 2019; paid from 1 Jan 2020. Efterløn 60½ (first half
#   of 1954) → 30 Dec 2014.
PENSION_CASES = [
    ("1971-01-01", 70, "2041-01-01", "2041-02-01", 67, "2038-01-01"),
    ("1960-03-15", 67, "2027-03-15", "2027-04-01", 64, "2024-03-15"),
    ("1954-06-30", 65.5, "2019-12-30", "2020-01-01", 60.5, "2014-12-30"),
]


@pytest.mark.parametrize(
    ("birth", "age", "reached", "paid", "early_age", "early_reached"), PENSION_CASES
)
def test_pension_age_json(birth, age, reached, paid, early_age, early_reached):
    out, _err = run("pension-age", birth, "--format", "json")
    data = json.loads(out)
    assert data["birth_date"] == birth
    assert data["folkepension"]["age"] == age
    assert data["folkepension"]["reached_on"] == reached
    assert data["folkepension"]["legislated"] is True
    assert data["folkepension_payable_from"] == paid
    assert data["efterloen"]["age"] == early_age
    assert data["efterloen"]["reached_on"] == early_reached


def test_pension_age_json_windows_and_standing():
    # 15 Mar 1960, folkepension 67 on 15 Mar 2027. Tidlig pension: at most 3 years before, at 64
    # → 15 Mar 2024, paid from the 1st of the next month, 1 Apr 2024 (pensionsloven § 33); may
    # apply at 67 − 6 = 61 → 15 Mar 2021, but not before 1 Aug 2021. Seniorpension: 67 − 6 = 61 →
    # 15 Mar 2021, paid from 1 Apr 2021; apply 6 months before the age → 15 Sep 2020.
    data = json.loads(run("pension-age", "1960-03-15", "--format", "json")[0])
    assert data["tidlig_pension"]["earliest"] == "2024-04-01"
    assert data["tidlig_pension"]["apply_from"] == "2021-08-01"
    assert data["tidlig_pension"]["ends"] == "2027-03-15"
    assert data["seniorpension"]["earliest"] == "2021-04-01"
    assert data["seniorpension"]["apply_from"] == "2020-09-15"
    assert data["efterloen"]["legislated"] is True
    # 30 Jun 1954: folkepension on 30 Dec 2019, before tidlig pension (cohorts from 1 Jul 1955)
    # and seniorpension (from 1 Jan 2020) existed.
    old = json.loads(run("pension-age", "1954-06-30", "--format", "json")[0])
    assert old["tidlig_pension"] is None
    assert old["seniorpension"] is None
    # 1971: efterløn 67 is not confirmed as law.
    young = json.loads(run("pension-age", "1971-01-01", "--format", "json")[0])
    assert young["efterloen"]["legislated"] is False
    assert young["efterloen"]["note"]


def test_pension_age_text_is_danish():
    out, _err = run("pension-age", "1971-01-01")
    assert "Folkepensionsalder: 70 år" in out
    assert "Når alderen: 1. januar 2041" in out
    assert "Folkepension kan udbetales fra: 1. februar 2041" in out
    assert "Efterlønsalder: 67 år (ikke vedtaget)" in out
    assert "Når efterlønsalderen: 1. januar 2038" in out
    assert "Bemærk: Efterlønsalderen 67 år" in out
    half, _err = run("pension-age", "1954-06-30", "--format", "text")
    assert "Folkepensionsalder: 65½ år" in half
    assert "Når alderen: 30. december 2019" in half
    assert "Tidlig pension: ikke relevant for denne årgang" in half
    march, _err = run("pension-age", "1960-03-15")
    assert "Folkepensionsalder: 67 år" in march
    assert "Når alderen: 15. marts 2027" in march
    assert "Seniorpension: tidligst fra 1. april 2021 til 15. marts 2027" in march  # § 33


@pytest.mark.parametrize("text", ["1971-02-30", "01-01-1971", "i går", ""])
def test_pension_age_rejects_a_bad_date(text):
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        run("pension-age", text)


@pytest.mark.parametrize("text", ["1799-12-31", "2100-01-01", "9999-12-31"])
def test_pension_age_rejects_a_date_out_of_range(text):
    with pytest.raises(CommandError, match="mellem 1800-01-01 og 2099-12-31"):
        run("pension-age", text)


# --- project ----------------------------------------------------------------------------------


def test_project_json(staff):
    out, err = run("project", "--to", "2035", "--runs", "100", "--on", ON, "--format", "json")
    data = json.loads(out)
    assert "Fremskriver" in err  # progress on stderr only, so stdout is pure JSON
    assert data["scenario"] == {"id": staff.pk, "name": staff.name, "illustrative": True}
    assert data["base_date"] == ON
    assert data["years"] == list(range(2027, 2036))
    assert data["runs"] == 100
    assert data["seed"] == services.DEFAULT_SEED
    assert data["model_fitted_on"] == [2020, 2021, 2022, 2023, 2024, 2025]
    # The operator sees the whole municipality: 16 sosu + 9 teachers + 5 pædagoger + 3 admin.
    assert data["total"]["headcount"] == 33
    families = {row["key"]: row for row in data["job_family"]}
    assert families["sosu"]["headcount"] == 16
    assert families["laerer"]["headcount"] == 9
    # Three people in administration are below the minimum group size: no figures at all.
    assert families["administration"]["hidden"] is True
    assert families["administration"]["headcount"] is None
    assert families["administration"]["years"] == []
    # … and one more family, so that they cannot be found by subtraction from the total.
    assert families["paedagog"]["hidden"] is True
    year = families["sosu"]["years"][0]
    assert year["year"] == 2027
    for measure in ("headcount", "fte", "retirements", "other_exits", "exits", "recruitment"):
        band = year[measure]
        assert band["p10"] <= band["p50"] <= band["p90"]


def test_project_is_reproducible_with_a_seed(staff):
    from django.core.cache import cache

    args = ("project", "--runs", "100", "--on", ON, "--to", "2032", "--seed", "7")
    first = run(*args)[0]
    cache.clear()  # compute again, not from the cache
    assert run(*args)[0] == first
    assert json.loads(first)["seed"] == 7


def test_project_never_shows_a_group_below_the_minimum(staff):
    data = json.loads(run("project", "--runs", "100", "--on", ON)[0])
    rows = [*data["job_family"], *data["forvaltning"], data["total"]]
    assert any(row["hidden"] for row in data["forvaltning"])  # HR alone at the top level
    for row in rows:
        assert row["headcount"] is None or (
            isinstance(row["headcount"], int) and row["headcount"] >= data["min_group_size"]
        )
        assert row["hidden"] == (row["headcount"] is None)


def test_project_csv_parses(staff):
    out, _err = run("project", "--format", "csv", "--to", "2030", "--runs", "100", "--on", ON)
    rows = list(csv.reader(StringIO(out), delimiter=";"))
    assert rows[0] == ["dimension", "key", "label", "year", "measure", "p10", "p50", "p90", "mean"]
    body = rows[1:]
    assert all(len(row) == 9 for row in body)
    hidden = [row for row in body if row[4] == "hidden"]
    assert ["job_family", "administration"] in [row[:2] for row in hidden]
    total = [row for row in body if row[0] == "total"]
    # 2027–2030: six measures and the demand per year.
    assert len(total) == 4 * 7
    assert {row[3] for row in total} == {"2027", "2028", "2029", "2030"}
    first = next(row for row in total if row[4] == "headcount")
    assert float(first[5]) <= float(first[6]) <= float(first[7])


def test_project_by_name_and_unknown_name(staff):
    out, _err = run("project", "--scenario", staff.name, "--runs", "100", "--on", ON)
    assert json.loads(out)["scenario"]["name"] == staff.name
    with pytest.raises(CommandError) as raised:
        run("project", "--scenario", "Findes ikke", "--runs", "100", "--on", ON)
    assert "»Findes ikke«" in str(raised.value)
    assert staff.name in str(raised.value)  # the known names are listed


def test_project_without_scenarios_says_what_to_do(org, users):
    with pytest.raises(CommandError, match="ingen scenarier"):
        run("project", "--runs", "100", "--on", ON)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--to", "2026"), "Slutåret"),
        (("--runs", "10"), "Antal kørsler"),
        (("--on", "2026-13-01"), "ÅÅÅÅ-MM-DD"),
    ],
)
def test_project_bad_input_is_a_command_error(staff, args, message):
    with pytest.raises(CommandError, match=message):
        run("project", "--on", ON, *args)


# --- backtest ---------------------------------------------------------------------------------


def test_backtest_json(staff):
    data = json.loads(run("backtest", "--format", "json", "--on", ON)[0])
    assert data["fitted_on"] == [2020, 2021, 2022, 2023, 2024, 2025]
    test = data["backtest"]
    assert data["backtest_problem"] is None
    assert test["years"] == [2023, 2024, 2025]
    # Present on 1 January 2023: the 33 employed today and the 7 who left in 2023–2025.
    assert test["cohort_size"] == 40
    # Exits of that cohort by hand (make_staff's table): 3 in 2023, 2 in 2024, 2 in 2025 —
    # counts of people below the minimum group size, so the output hides them.
    assert [(y["year"], y["actual"]) for y in test["per_year"]] == [
        (2023, None),
        (2024, None),
        (2025, None),
    ]
    backtest = services.model_report(OPERATOR, on=date.fromisoformat(ON)).backtest
    assert backtest is not None
    assert backtest.actual.sum(axis=0).tolist() == [3.0, 2.0, 2.0]
    for key in ("model_error", "model_total_error", "baseline_error", "baseline_total_error"):
        assert test[key] >= 0
    assert all(y["model"] > 0 for y in test["per_year"])


def test_backtest_text(staff):
    out, _err = run("backtest", "--on", ON)
    assert "Modellen er tilpasset på årene: 2020, 2021, 2022, 2023, 2024, 2025" in out
    assert "pr. jobfamilie og år: model" in out
    assert "simpel metode" in out
    assert "\n2023   skjult" in out


def test_backtest_without_enough_history_says_why(org, users):
    # The fixtures' people started on 1 Mar 2015 (or later): from 2016 the backtest would fit on
    # 2007–2010 and follow 1 January 2013, when nobody was employed.
    data = json.loads(run("backtest", "--format", "json", "--on", "2016-06-30")[0])
    assert data["backtest"] is None
    assert "historik" in data["backtest_problem"]
    out, _err = run("backtest", "--on", "2016-06-30")
    assert "Test: Der er ikke historik nok" in out
