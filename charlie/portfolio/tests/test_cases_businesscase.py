"""The pure business-case module against figures worked by hand (docs/portfolio-business-cases.md
shows the first one step by step)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charlie.portfolio import businesscase as bc


def case(horizon: int, *lines: bc.Line, first_year: int = 2027, rate: float | None = None):
    return bc.Case(first_year=first_year, horizon=horizon, lines=lines, rate=rate)


def line(kind: str, *amounts: float, low=None, high=None) -> bc.Line:
    return bc.Line(kind=kind, label=kind, amounts=tuple(amounts), low=low, high=high)


#: 1,000,000 invested in year 0; 350,000 a year of benefits in years 1–4; at 3.5 %.
#: Factors 1/1.035^t: 0.966184, 0.933511, 0.901943, 0.871442 (sum 3.673079);
#: 350,000 × 3.673079 = 1,285,578 → NPV 285,578.
EXAMPLE = case(
    5,
    line("investment", 1_000_000, 0, 0, 0, 0),
    line("benefit", 0, 350_000, 350_000, 350_000, 350_000),
)


def test_npv_of_the_worked_example():
    evaluation = bc.evaluate(EXAMPLE)
    assert round(evaluation.npv) == 285_578
    assert [round(y.factor, 6) for y in evaluation.years] == [
        1.0,
        0.966184,
        0.933511,
        0.901943,
        0.871442,
    ]
    assert [round(y.discounted) for y in evaluation.years] == [
        -1_000_000,
        338_164,
        326_729,
        315_680,
        305_005,
    ]
    assert evaluation.total_costs == 1_000_000
    assert evaluation.total_benefits == 1_400_000


def test_payback_and_discounted_payback_of_the_worked_example():
    evaluation = bc.evaluate(EXAMPLE)
    # Cumulative: −1,000,000, −650,000, −300,000, +50,000 (2030), +400,000.
    assert [round(y.cumulative) for y in evaluation.years] == [
        -1_000_000,
        -650_000,
        -300_000,
        50_000,
        400_000,
    ]
    assert evaluation.payback_year == 2030
    # Discounted: −1,000,000, −661,836, −335,107, −19,427, +285,578 (2031).
    assert [round(y.cumulative_discounted) for y in evaluation.years] == [
        -1_000_000,
        -661_836,
        -335_107,
        -19_427,
        285_578,
    ]
    assert evaluation.discounted_payback_year == 2031


def test_early_gains_are_year_0s_benefits():
    assert bc.evaluate(EXAMPLE).early_gains == 0
    early = case(3, line("investment", 200_000), line("benefit", 50_000, 80_000, 80_000))
    assert bc.evaluate(early).early_gains == 50_000


def test_sensitivity_rows_worked_by_hand():
    rows = {o.key: o for o in bc.evaluate(EXAMPLE).sensitivity}
    assert list(rows) == list(bc.SENSITIVITY)
    assert round(rows["base"].npv) == 285_578
    # Benefits −25 %: 0.75 × 1,285,578 − 1,000,000 = −35,817; 262,500 a year pays back in 2031.
    assert round(rows["benefits_minus_25"].npv) == -35_817
    assert rows["benefits_minus_25"].payback_year == 2031
    # Costs +25 %: 1,285,578 − 1,250,000 = 35,578; cumulative +150,000 in 2031.
    assert round(rows["costs_plus_25"].npv) == 35_578
    assert rows["costs_plus_25"].payback_year == 2031
    # Both: 964,183 − 1,250,000 = −285,817; 4 × 262,500 = 1,050,000 < 1,250,000: never.
    assert round(rows["both"].npv) == -285_817
    assert rows["both"].payback_year is None


def test_delay_moves_benefits_a_year_and_drops_the_last():
    delayed = next(o for o in bc.evaluate(EXAMPLE).sensitivity if o.key == "delay_one_year")
    # 350,000 × (0.9335107 + 0.9019427 + 0.8714422) = 350,000 × 2.7068956 = 947,413.5;
    # − 1,000,000 = −52,587 (rounded from −52,586.5); the fourth
    # year's 350,000 falls outside the horizon. Cumulative: −1,000,000 in 2027 and 2028,
    # −650,000, −300,000, +50,000 in 2031.
    assert round(delayed.npv) == -52_587
    assert delayed.payback_year == 2031


def test_forty_years_cross_from_35_to_25_per_cent_after_year_35():
    """2,000,000 in year 0 and 100,000 a year in years 1–39. Years 1–35 at 3.5 %:
    (1 − 1.035⁻³⁵)/0.035 = 20.000661; years 36–39 at 2.5 % on top of 1.035⁻³⁵ = 0.299977:
    0.299977 × (1.025⁻¹ + 1.025⁻² + 1.025⁻³ + 1.025⁻⁴) = 0.299977 × 3.761974 = 1.128505.
    NPV = 100,000 × 21.129166 − 2,000,000 = 112,917 (3.5 % for all 39 years gives 110,250)."""
    forty = case(40, line("investment", 2_000_000), line("benefit", 0, *([100_000] * 39)))
    evaluation = bc.evaluate(forty)
    years = evaluation.years
    assert round(years[35].factor, 6) == 0.299977
    assert round(years[36].factor, 6) == 0.292660  # 0.299977 / 1.025, not / 1.035 (0.289833)
    assert round(years[39].factor, 6) == 0.271764
    assert round(evaluation.npv) == 112_917
    # 20 × 100,000 pays 2,000,000 back in year 20; discounted, years 1–35 sum to 20.000661 ×
    # 100,000 = 2,000,066 ≥ 2,000,000: in year 35 (2062).
    assert evaluation.payback_year == 2047
    assert evaluation.discounted_payback_year == 2062


def test_own_rate_replaces_both_rates():
    own = case(40, line("benefit", *([100] * 40)), rate=0.0)
    assert bc.evaluate(own).npv == pytest.approx(4_000)
    assert [round(f, 6) for f in bc.discount_factors(3, bc.Rates(), 0.05)] == [
        1.0,
        0.952381,
        0.907029,
    ]


def test_payback_is_the_year_from_which_the_cumulative_net_stays_positive():
    # Nets −100, +150, −100, +100: cumulative −100, +50, −50, +50 → from 2030, not 2028.
    relapse = case(
        4,
        line("investment", 100, 0, 100, 0),
        line("benefit", 0, 150, 0, 100),
    )
    assert bc.evaluate(relapse).payback_year == 2030
    never = case(3, line("investment", 100), line("benefit", 0, 30, 30))
    assert bc.evaluate(never).payback_year is None
    at_once = case(2, line("benefit", 10, 10))
    assert bc.evaluate(at_once).payback_year == 2027


def test_hours_are_priced_at_the_hourly_rate_and_counted_as_fte():
    rates = bc.Rates(hourly_rate=450, hours_per_fte=1628)
    hours = case(2, line("staff_hours", 400, 0), line("hours_saved", 0, 3256))
    evaluation = bc.evaluate(hours, rates)
    # Costs 400 × 450 = 180,000; benefits 3,256 × 450 = 1,465,200, 3,256 / 1,628 = 2 FTE.
    assert [y.costs for y in evaluation.years] == [180_000, 0]
    assert [y.benefits for y in evaluation.years] == [0, 1_465_200]
    assert evaluation.years[1].fte_saved == 2
    assert evaluation.years[1].by_kind["hours_saved"] == 1_465_200
    assert evaluation.hours_saved == 3256
    assert evaluation.fte_saved_per_year == 1  # 3,256 hours over 2 years
    assert round(evaluation.npv) == round(-180_000 + 1_465_200 / 1.035)


def test_three_point_pert_pessimistic_and_optimistic():
    """Investment 80,000 / 100,000 / 150,000 in year 0; benefit 30,000 / 60,000 / 72,000 in
    year 1; own rate 5 %. Expected: (80,000 + 400,000 + 150,000)/6 = 105,000 and
    (30,000 + 240,000 + 72,000)/6 = 57,000 → −105,000 + 57,000/1.05 = −50,714. Pessimistic:
    −150,000 + 30,000/1.05 = −121,429. Optimistic: −80,000 + 72,000/1.05 = −11,429."""
    three = case(
        2,
        line("investment", 100_000, 0, low=(80_000, 0), high=(150_000, 0)),
        line("benefit", 0, 60_000, low=(0, 30_000), high=(0, 72_000)),
        rate=0.05,
    )
    evaluation = bc.evaluate(three)
    assert evaluation.three_point is not None
    assert {k: round(v) for k, v in evaluation.three_point.items()} == {
        "expected": -50_714,
        "pessimistic": -121_429,
        "optimistic": -11_429,
    }
    # The base case uses the most likely amounts: −100,000 + 60,000/1.05 = −42,857.
    assert round(evaluation.npv) == -42_857
    assert bc.evaluate(EXAMPLE).three_point is None


def test_a_line_with_only_high_keeps_the_likely_amount_as_low():
    one_sided = case(1, line("running", 600, high=(1_200,)))
    evaluation = bc.evaluate(one_sided)
    assert evaluation.three_point == {
        "expected": pytest.approx(-(600 + 4 * 600 + 1_200) / 6),
        "pessimistic": pytest.approx(-1_200),
        "optimistic": pytest.approx(-600),
    }


def test_case_from_dict_reads_the_documented_shape():
    data = {
        "first_year": 2027,
        "horizon": 5,
        "hourly_rate": 500,
        "lines": [
            {"kind": "investment", "label": "Licens", "amounts": [1_000_000]},
            {"kind": "benefit", "label": "Porto", "amounts": ["0", "350 000", 350000, 350000]},
        ],
    }
    read, rates = bc.case_from_dict(data)
    assert rates == {"hourly_rate": 500}
    assert read.lines[0].amounts == (1_000_000, 0, 0, 0, 0)
    assert read.lines[1].amounts == (0, 350_000, 350_000, 350_000, 0)
    assert read.rate is None


def test_a_low_or_high_estimate_leaves_unstated_years_at_the_likely_amount():
    # Running costs of 200,000 a year for 3 years; the low estimate names year 0 only and the
    # high one leaves year 1 empty. Unstated years have no spread: low (150,000; 200,000;
    # 200,000), high (260,000; 200,000; 240,000) — not 0, which would pull the expected
    # amount of years 1 and 2 down to (0 + 4 · 200,000 + 200,000) / 6 = 166,667.
    data = {
        "first_year": 2027,
        "horizon": 3,
        "lines": [
            {
                "kind": "running",
                "amounts": [200_000, 200_000, 200_000],
                "low": [150_000],
                "high": [260_000, "", 240_000],
            }
        ],
    }
    read, _rates = bc.case_from_dict(data)
    assert read.lines[0].low == (150_000, 200_000, 200_000)
    assert read.lines[0].high == (260_000, 200_000, 240_000)
    # Expected per year: (150 + 800 + 260) / 6 = 201.667; 200; (200 + 800 + 240) / 6 = 206.667
    # (thousands), discounted at 3.5 %.
    expected = -(201_666.67 + 200_000 / 1.035 + 206_666.67 / 1.035**2)
    assert bc.evaluate(read).three_point["expected"] == pytest.approx(expected, abs=0.01)


def test_case_from_dict_lists_every_problem_with_where_it_is():
    data = {
        "first_year": 2027,
        "horizon": 3,
        "rate": 3.5,
        "lines": [
            {"kind": "investment", "amounts": [1, "x", 3, 4]},
            {"kind": "gave", "amounts": [1]},
            {"kind": "benefit"},
        ],
    }
    with pytest.raises(bc.CaseError) as caught:
        bc.case_from_dict(data)
    assert caught.value.problems == [
        "rate: skal være en brøk mellem 0 og 1, fx 0.035",
        "lines[1].amounts: 4 år, men horisonten er 3 år",
        "lines[1].amounts, år 1: 'x' er ikke et tal",
        "lines[2].kind: 'gave' er ikke en af "
        "investment, running, staff_hours, hours_saved, benefit",
        "lines[3].amounts: mangler",
    ]


def test_a_bad_horizon_is_one_problem_not_one_per_line():
    data = {
        "first_year": 2027,
        "horizon": 0,
        "lines": [{"kind": "investment", "amounts": [1, 2, 3]}],
    }
    with pytest.raises(bc.CaseError) as caught:
        bc.case_from_dict(data)
    assert caught.value.problems == ["horizon: skal være et helt antal år fra 1 til 71"]


def test_empty_rates_are_left_out_not_zero():
    data = {"first_year": 2027, "horizon": 2, "rate": " ", "hourly_rate": "", "lines": []}
    data["lines"] = [{"kind": "benefit", "amounts": [100, 100]}]
    read, rates = bc.case_from_dict(data)
    assert read.rate is None
    assert rates == {}


def test_as_dict_rounds_to_whole_kroner():
    figures = bc.as_dict(bc.evaluate(EXAMPLE))
    assert figures["npv"] == 285_578
    assert figures["payback_year"] == 2030
    assert figures["sensitivity"][1] == {
        "case": "benefits_minus_25",
        "npv": -35_817,
        "payback_year": 2031,
    }
    assert figures["years"][1]["factor"] == 0.966184


@given(
    st.lists(
        st.tuples(
            st.sampled_from(bc.KINDS), st.lists(st.integers(0, 10**7), min_size=1, max_size=12)
        ),
        min_size=1,
        max_size=6,
    )
)
def test_at_rate_0_the_npv_is_the_sum_of_the_nets(raw):
    lines = tuple(line(kind, *amounts) for kind, amounts in raw)
    evaluation = bc.evaluate(case(12, *lines, rate=0.0), bc.Rates(hourly_rate=1))
    assert evaluation.npv == pytest.approx(evaluation.total_benefits - evaluation.total_costs)
    assert evaluation.years[-1].cumulative == pytest.approx(evaluation.npv)
