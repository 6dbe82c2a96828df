"""Fairness figures, pure: groups, rates, the four-fifths ratio and disclosure control, worked
by hand on small sets (minimum group size 5)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charlie.recruitment import fairness
from charlie.recruitment.fairness import Applicant, release


def people(start, n, *, round=1, gender="woman", age="30_39", shortlisted=0, hired=0):
    """``n`` applicants; the first ``shortlisted`` were shortlisted, the first ``hired`` hired."""
    return [Applicant(start + i, round, gender, age, i < shortlisted, i < hired) for i in range(n)]


@pytest.mark.parametrize(
    ("birth_year", "band"),
    [
        (1997, "under_30"),  # turns 29 in 2026
        (1996, "30_39"),  # turns 30
        (1987, "30_39"),  # turns 39
        (1986, "40_49"),
        (1977, "40_49"),
        (1976, "50_59"),
        (1967, "50_59"),  # turns 59
        (1966, "60_plus"),  # turns 60
        (1940, "60_plus"),
        (None, "unsaid"),
        (2030, "unsaid"),  # in the future: not a real answer
        (1900, "unsaid"),
    ],
)
def test_age_band_from_the_birth_year_at_the_application_date(birth_year, band):
    assert fairness.age_band(birth_year, date(2026, 3, 1)) == band


def test_the_age_is_the_age_reached_in_the_year_of_the_application():
    # Born 1996, applying on 2 January 2026: 30 that year, whatever the birthday.
    assert fairness.age_band(1996, date(2026, 1, 2)) == "30_39"
    assert fairness.age_band(1996, date(2025, 12, 31)) == "under_30"


def test_gender_groups():
    assert fairness.gender_group("woman") == "woman"
    assert fairness.gender_group("other") == "other"
    assert fairness.gender_group("") == "unsaid"
    assert fairness.gender_group(None) == "unsaid"


def test_four_fifths_by_hand():
    ratios = fairness.four_fifths({"woman": 0.5, "man": 0.25, "other": 0.45, "unsaid": None})
    assert ratios == {"woman": 1.0, "man": 0.5, "other": pytest.approx(0.9), "unsaid": None}
    assert fairness.flagged(ratios["man"]) and not fairness.flagged(ratios["other"])
    assert not fairness.flagged(0.8) and fairness.flagged(0.79)
    assert fairness.four_fifths({"woman": 0.0, "man": 0.0}) == {"woman": None, "man": None}


def test_rates_and_four_fifths_of_a_round():
    # 20 women (10 shortlisted, 3 hired) and 20 men (5 shortlisted, 2 hired), all 30–39.
    # Shortlisting: women 10/20 = 0.5, men 5/20 = 0.25 → men's ratio 0.25/0.5 = 0.5, flagged.
    # Hiring: women 3/20 = 0.15, men 2/20 = 0.10 → ratio 0.667, flagged. But 3 and 2 hired are
    # fewer than 5: hidden, so neither rate nor ratio is shown; the total 5 hired is.
    a = people(0, 20, gender="woman", shortlisted=10, hired=3)
    a += people(100, 20, gender="man", shortlisted=5, hired=2)
    r = release(a, [1], min_size=5)
    women, men, other, unsaid = r.year["gender"].rows
    assert (women.applicants, women.shortlisted, women.hired) == (20, 10, None)
    assert (men.applicants, men.shortlisted, men.hired) == (20, 5, None)
    assert (other.applicants, unsaid.applicants) == (0, 0)
    assert women.shortlist_rate == 0.5 and men.shortlist_rate == 0.25
    assert women.shortlist_ratio == 1.0 and men.shortlist_ratio == 0.5
    assert men.shortlist_flag and not women.shortlist_flag
    assert women.hire_rate is None and men.hire_ratio is None
    total = r.year["gender"].total
    assert (total.applicants, total.shortlisted, total.hired) == (40, 15, 5)
    assert total.shortlist_rate == 15 / 40
    # The round's figures are the year's here (one round).
    assert r.rounds[1]["gender"].rows == r.year["gender"].rows
    age = {row.group: row for row in r.year["age"].rows}
    assert (age["30_39"].applicants, age["30_39"].shortlisted) == (40, 15)
    assert age["under_30"].applicants == 0


def test_small_groups_are_hidden_and_so_is_what_gives_them_away():
    # 12 women and 3 men: the men's 3 is hidden, and the women's 12 too (15 − 12 = 3).
    a = people(0, 12, gender="woman", shortlisted=6) + people(100, 3, gender="man", shortlisted=1)
    r = release(a, [1], min_size=5)
    women, men, *_ = r.year["gender"].rows
    assert women.applicants is None and men.applicants is None
    assert women.shortlisted is None and men.shortlisted is None
    assert women.shortlist_ratio is None and men.shortlist_ratio is None
    total = r.year["gender"].total
    assert (total.applicants, total.shortlisted) == (15, 7)
    assert r.year["gender"].any_hidden


def test_a_round_cannot_be_subtracted_from_the_year():
    # Round 1: 10 women, 10 men; round 2: 8 women, 2 men. The year: 18 women, 12 men.
    # Round 2's 2 men are hidden; if round 1's 10 men and the year's 12 men were both shown,
    # 12 − 10 would give them away, so one of the two must be hidden too.
    a = people(0, 10, gender="woman") + people(100, 10, gender="man")
    a += people(200, 8, round=2, gender="woman") + people(300, 2, round=2, gender="man")
    r = release(a, [1, 2], min_size=5)
    men_year = r.year["gender"].rows[1].applicants
    men_1 = r.rounds[1]["gender"].rows[1].applicants
    men_2 = r.rounds[2]["gender"].rows[1].applicants
    assert men_2 is None
    assert men_year is None or men_1 is None
    women_year = r.year["gender"].rows[0].applicants
    women_1 = r.rounds[1]["gender"].rows[0].applicants
    assert women_year is None or women_1 is None


def test_hired_cannot_be_subtracted_from_shortlisted():
    # 10 shortlisted women of whom 8 hired: "shortlisted, not hired" would be 2.
    a = people(0, 20, gender="woman", shortlisted=10, hired=8) + people(100, 20, gender="man")
    r = release(a, [1], min_size=5)
    women = r.year["gender"].rows[0]
    assert women.shortlisted is None or women.hired is None


def test_a_person_is_counted_once():
    # The same person applied twice in the round's year (two rounds): one applicant per cell.
    a = [
        Applicant(1, 1, "woman", "30_39", False, False),
        Applicant(1, 2, "woman", "30_39", False, False),
    ]
    a += people(10, 10, round=1, gender="woman") + people(30, 10, round=2, gender="woman")
    r = release(a, [1, 2], min_size=5)
    assert r.year["gender"].rows[0].applicants == 21


def test_no_applicants():
    r = release([], [1], min_size=5)
    assert r.applications == 0
    assert r.year["gender"].total.applicants == 0
    assert r.rounds[1]["age"].rows[0].applicants == 0


@st.composite
def populations(draw):
    n = draw(st.integers(min_value=1, max_value=40))
    out = []
    for i in range(n):
        shortlisted = draw(st.booleans())
        out.append(
            Applicant(
                i,
                draw(st.sampled_from([1, 2])),
                draw(st.sampled_from(fairness.GENDERS)),
                draw(st.sampled_from(fairness.AGE_BANDS)),
                shortlisted,
                shortlisted and draw(st.booleans()),
            )
        )
    return out


@given(populations())
@settings(max_examples=40, deadline=None)
def test_every_shown_figure_is_zero_or_at_least_the_minimum_and_rates_stay_in_range(a):
    r = release(a, [1, 2], min_size=5)
    tables = [*r.year.values(), *(t for per in r.rounds.values() for t in per.values())]
    for table in tables:
        for row in [table.total, *table.rows]:
            for value in (row.applicants, row.shortlisted, row.hired):
                assert value is None or value == 0 or value >= 5
            for value in (row.shortlist_rate, row.hire_rate, row.shortlist_ratio, row.hire_ratio):
                assert value is None or 0.0 <= value <= 1.0
