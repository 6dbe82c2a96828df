"""The pure rules of surveys (``bands``): each band's value with dates worked out by hand, where
answers are recorded, and which bands each group keeps. No database."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charlie.wellbeing import bands
from charlie.wellbeing.bands import PersonFacts, keep_bands, launch_plan, record_units

ON = date(2027, 3, 1)


def facts(**kw: object) -> PersonFacts:
    values: dict[str, object] = {
        "birth_date": date(1980, 5, 17),
        "gender": "K",
        "job_family": "sosu",
        "first_start": date(2015, 3, 1),
        "weekly_hours": 37.0,
    }
    values.update(kw)
    return PersonFacts(**values)  # type: ignore[arg-type]


# --- Values ------------------------------------------------------------------------------------


def test_whole_years_counts_a_birthday_only_once_reached():
    assert bands.whole_years(date(1997, 3, 1), ON) == 30  # 30th birthday on the day itself
    assert bands.whole_years(date(1997, 3, 2), ON) == 29  # one day short
    # Born 29 Feb 1996: in 2027 (no 29 Feb) the birthday is reached on 1 March.
    assert bands.whole_years(date(1996, 2, 29), date(2027, 2, 28)) == 30
    assert bands.whole_years(date(1996, 2, 29), date(2027, 3, 1)) == 31


@pytest.mark.parametrize(
    ("birth", "band"),
    [
        (date(1997, 3, 2), "under-30"),  # 29 on 1 March 2027
        (date(1997, 3, 1), "30-39"),  # 30 that day
        (date(1987, 3, 2), "30-39"),  # 39
        (date(1987, 3, 1), "40-49"),
        (date(1967, 3, 2), "50-59"),  # 59
        (date(1967, 3, 1), "60+"),
    ],
)
def test_age_band_on_the_launch_day(birth, band):
    assert bands.age_band(facts(birth_date=birth), ON) == band


@pytest.mark.parametrize(
    ("start", "band"),
    [
        (date(2025, 3, 2), "under-2"),  # 1 year 364 days
        (date(2025, 3, 1), "2-4"),  # exactly 2 years
        (date(2022, 3, 2), "2-4"),  # 4 years
        (date(2022, 3, 1), "5-9"),
        (date(2017, 3, 2), "5-9"),
        (date(2017, 3, 1), "10+"),
    ],
)
def test_seniority_band_counts_from_the_first_employment(start, band):
    assert bands.seniority_band(facts(first_start=start), ON) == band


def test_the_other_bands():
    assert bands.job_family_band(facts(job_family="laerer"), ON) == "laerer"
    assert bands.gender_band(facts(gender="M"), ON) == "M"
    assert bands.hours_band(facts(weekly_hours=37.0), ON) == "full"
    assert bands.hours_band(facts(weekly_hours=36.99), ON) == "part"


def test_bands_offer_at_least_age_job_family_and_seniority():
    assert {"age", "job_family", "seniority"} <= set(bands.BANDS)
    for key, band in bands.BANDS.items():
        assert band.key == key and band.label
        value = band.value_of(facts(), ON)
        assert band.accepts(value, ["sosu"])
    assert bands.BANDS["age"].value_label("60+") == "60 år og derover"
    assert bands.BANDS["job_family"].value_label("sosu", {"sosu": "SOSU"}) == "SOSU"


# --- Where answers are recorded ------------------------------------------------------------------

#      1 (top, 2 own)
#     /          \
#    2 (3 own)   3 (7 own)
#    |
#    4 (6 own)
TREE = {1: None, 2: 1, 3: 1, 4: 2}


def test_a_small_unit_is_recorded_in_its_parent():
    recorded, too_small = record_units(TREE, {1: 2, 2: 3, 3: 7, 4: 6}, 5)
    # 4 (6) and 3 (7) stand on their own; 2 (3) goes to 1, which then holds 2 + 3 = 5.
    assert recorded == {1: 1, 2: 1, 3: 3, 4: 4}
    assert too_small == {}


def test_a_top_unit_too_small_takes_in_its_smallest_groups_nearest_first():
    recorded, too_small = record_units(TREE, {1: 1, 2: 5, 3: 7, 4: 6}, 5)
    # The top's 1 person takes in its smallest child group (2: 5 people) → 6.
    assert recorded == {1: 1, 2: 1, 3: 3, 4: 4}
    assert too_small == {}


def test_lifting_goes_up_several_levels():
    recorded, too_small = record_units(TREE, {1: 0, 2: 1, 3: 9, 4: 2}, 5)
    # 4 (2) → 2 (2 + 1 = 3) → 1 (3); the top then takes in 3 (9) → 12. (Unit 1 has nobody
    # of its own, so it is recorded for nobody.)
    assert recorded == {2: 1, 3: 1, 4: 1}
    assert too_small == {}


def test_a_top_unit_that_stays_too_small_is_reported():
    recorded, too_small = record_units({7: None, 8: 7}, {7: 1, 8: 2}, 5)
    assert too_small == {7: 3}
    assert recorded == {7: 7, 8: 7}


def test_several_top_units_are_never_mixed():
    recorded, too_small = record_units({1: None, 2: None}, {1: 9, 2: 4}, 5)
    assert recorded == {1: 1, 2: 2}
    assert too_small == {2: 4}


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, 12), min_size=1, max_size=12),
    st.lists(st.integers(0, 11), min_size=12, max_size=12),
    st.integers(3, 6),
)
def test_every_recorded_group_is_large_enough_or_reported(counts, parent_picks, minimum):
    """Property: whatever the tree, each group of answers holds at least the minimum invited
    people, or its top unit is reported as too small; nobody is lost or recorded outside the
    top unit they belong under."""
    parents: dict[int, int | None] = {0: None}
    for unit in range(1, len(counts)):
        parents[unit] = parent_picks[unit] % unit  # a parent with a smaller number: a tree
    invited = {unit: n for unit, n in enumerate(counts)}
    recorded, too_small = record_units(parents, invited, minimum)
    assert set(recorded) == {u for u, n in invited.items() if n}
    sizes: dict[int, int] = {}
    for unit, group in recorded.items():
        sizes[group] = sizes.get(group, 0) + invited[unit]
    for group, size in sizes.items():
        assert size >= minimum or group in too_small
    assert set(too_small) <= {0}


# --- Which bands each group keeps -----------------------------------------------------------------


def test_keep_bands_keeps_a_band_whose_cells_are_all_large_enough():
    people = [{"age": "30-39", "hours": "full"}] * 5 + [{"age": "40-49", "hours": "full"}] * 6
    assert keep_bands(people, ["age", "hours"], 5) == (("age", "hours"), ())


def test_keep_bands_drops_a_band_with_a_small_cell_and_says_which():
    people = [{"age": "30-39", "hours": "full"}] * 9 + [{"age": "60+", "hours": "full"}] * 2
    kept, dropped = keep_bands(people, ["age", "hours"], 5)
    assert kept == ("hours",)
    assert dropped == (bands.SmallCell("age", (("age", "60+"),), 2),)


def test_keep_bands_checks_combinations_not_each_band_alone():
    """Each band alone has cells of 6 and 6, but together one cell holds 1 person: who that is
    could be read from the answers' rows, so the second band is left out."""
    people = (
        [{"age": "30-39", "gender": "K"}] * 5
        + [{"age": "30-39", "gender": "M"}]
        + [{"age": "40-49", "gender": "M"}] * 5
        + [{"age": "40-49", "gender": "K"}]
    )
    kept, dropped = keep_bands(people, ["age", "gender"], 5)
    assert kept == ("age",)
    assert dropped[0].band == "gender" and dropped[0].count == 1


def test_launch_plan_puts_it_together():
    people = (
        [(3, {"age": "30-39"})] * 7  # unit 3: 7 people, one age band
        + [(4, {"age": "30-39"})] * 4
        + [(4, {"age": "60+"})] * 2  # unit 4: 6 people, 2 of them 60+
        + [(2, {"age": "40-49"})] * 3  # unit 2: 3 people → recorded in 1
        + [(1, {"age": "40-49"})] * 2
    )
    plan = launch_plan(TREE, people, ["age"], 5)
    assert plan.recorded == {1: 1, 2: 1, 3: 3, 4: 4}
    assert plan.groups[1].invited == 5 and plan.groups[1].units == (1, 2)
    assert plan.bands_of(2) == ("age",)  # five 40–49s in the group of 1 and 2
    assert plan.bands_of(4) == ()  # 60+ would be 2 people
    assert plan.bands_of(3) == ("age",)
    assert plan.bands_dropped and plan.can_launch


def test_launch_plan_without_bands_or_people():
    assert launch_plan({1: None}, [(1, {})] * 5, [], 5).groups[1].kept == ()
    empty = launch_plan({1: None}, [], ["age"], 5)
    assert not empty.can_launch and not empty.groups
