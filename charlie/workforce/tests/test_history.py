"""Person-years, exits and entries from employment spells (``history.py``).

The rule under test: leaving a *job* is an exit from the municipality only when the person has no
other employment running on, or starting within ``GAP_DAYS`` = 31 days of, the day after it ends
(transfers, fixed-term → permanent and a second job that goes on are not exits). The reason is
the end reason of the employment that ended last (``Employment.end_reason`` "retirement"). The
panel is the person-year table the exit model is fitted on (rates by years to the folkepension
year, DOMAIN.md 3.1–3.2, and by age; actual retirement ages, DOMAIN.md 3.6).

Calendar facts used below: April, June, September and November have 30 days; 2020 is a leap year
(divisible by 4), 1970–1999 hold the leap years 1972, 1976, …, 1996 (7 of them).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charlie.workforce.history import (
    GAP_DAYS,
    OPEN,
    OTHER,
    RETIRED,
    STAYED,
    Spells,
    day_number,
    entries,
    exits,
    panel,
    year_of,
)


class Row(NamedTuple):
    """One employment, readable: dates as ``date`` (or whole day numbers), ``None`` = running."""

    person: int
    start: date | int
    end: date | int | None
    retirement: bool = False
    family: int = 0
    unit: int = 0
    fte: float = 1.0
    birth_year: int = 1970
    pension_year: int = 2039


def _day(value: date | int | None) -> int:
    if value is None:
        return int(OPEN)
    if isinstance(value, date):
        return day_number(value.year, value.month, value.day)
    return value


def make_spells(*rows: Row) -> Spells:
    return Spells(
        person=np.array([r.person for r in rows], dtype=np.int64),
        birth_year=np.array([r.birth_year for r in rows], dtype=np.int64),
        pension_year=np.array([r.pension_year for r in rows], dtype=np.int64),
        family=np.array([r.family for r in rows], dtype=np.int64),
        unit=np.array([r.unit for r in rows], dtype=np.int64),
        fte=np.array([r.fte for r in rows], dtype=np.float64),
        start=np.array([_day(r.start) for r in rows], dtype=np.int64),
        end=np.array([_day(r.end) for r in rows], dtype=np.int64),
        retirement=np.array([r.retirement for r in rows], dtype=bool),
    )


def exit_list(spells: Spells) -> list[tuple[int, int, bool]]:
    person, day, retired = exits(spells)
    return list(zip(person.tolist(), day.tolist(), retired.tolist(), strict=True))


def d(year: int, month: int, day: int) -> int:
    return day_number(year, month, day)


# --- Day numbers ---------------------------------------------------------------------------------


def test_day_number_and_year_of():
    assert day_number(1970) == 0
    # 1970-01-01 → 2000-01-01: 30 × 365 + 7 leap days = 10,957; + January (31) + February 2000
    # (29, a leap year) = 11,017 for 1 March 2000.
    assert day_number(2000) == 10_957
    assert day_number(2000, 3, 1) == 11_017
    assert year_of(np.array([-1, 0, 10_956, 10_957, 11_017])).tolist() == [
        1969,
        1970,
        1999,
        2000,
        2000,
    ]


# --- Exits -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("next_start", "expected"),
    [
        # A ends 31 Mar 2020; the day after is 1 Apr. 1 Apr + 31 days = 2 May (April has 30):
        # a new post from 1 May (30 days off) or 2 May (31 days off, 1 Apr–1 May) is a transfer.
        (date(2020, 5, 1), []),
        (date(2020, 5, 2), []),
        # From 3 May there are 32 days off (1 Apr–2 May): an exit on 31 Mar.
        (date(2020, 5, 3), [(7, d(2020, 3, 31), False)]),
    ],
)
def test_new_employment_within_gap_days_is_a_transfer(next_start, expected):
    assert GAP_DAYS == 31
    spells = make_spells(
        Row(7, date(2019, 1, 1), date(2020, 3, 31)),
        Row(7, next_start, None),
    )
    assert exit_list(spells) == expected


def test_gap_of_forty_days_is_an_exit_and_a_new_entry():
    # A ends 31 Mar 2020. 40 days without employment: 1–30 Apr (30) + 1–10 May (10); B starts
    # 11 May and ends 31 Dec 2021 (nothing follows): two exits and two entries.
    spells = make_spells(
        Row(1, date(2019, 1, 1), date(2020, 3, 31), family=0, birth_year=1980),
        Row(1, date(2020, 5, 11), date(2021, 12, 31), retirement=True, family=2, birth_year=1980),
    )
    assert exit_list(spells) == [(1, d(2020, 3, 31), False), (1, d(2021, 12, 31), True)]
    person, day, family, age = entries(spells)
    assert person.tolist() == [1, 1]
    assert day.tolist() == [d(2019, 1, 1), d(2020, 5, 11)]
    assert family.tolist() == [0, 2]
    # Age reached in the year of hiring: 2019 − 1980 = 39, 2020 − 1980 = 40.
    assert age.tolist() == [39, 40]


def test_shorter_of_two_overlapping_employments_ends_no_exit():
    # A second job (B) ends while the main one (A) runs on: not leaving the municipality.
    spells = make_spells(
        Row(3, date(2018, 1, 1), None),
        Row(3, date(2019, 3, 1), date(2019, 6, 30), retirement=True),
    )
    assert exit_list(spells) == []


def test_shorter_of_two_overlapping_employments_ends_then_the_longer():
    # The same, but A ends 31 Dec 2020: one exit, on A's last day and with A's reason.
    spells = make_spells(
        Row(3, date(2018, 1, 1), date(2020, 12, 31)),
        Row(3, date(2019, 3, 1), date(2019, 6, 30), retirement=True),
    )
    assert exit_list(spells) == [(3, d(2020, 12, 31), False)]


@pytest.mark.parametrize(("a_retires", "b_retires"), [(True, False), (False, True)])
def test_nested_employment_exit_at_outer_end_with_its_reason(a_retires, b_retires):
    # A runs days 1–100, B days 10–50 inside it: one exit, day 100, with A's end reason.
    spells = make_spells(
        Row(5, 1, 100, retirement=a_retires),
        Row(5, 10, 50, retirement=b_retires),
    )
    assert exit_list(spells) == [(5, 100, a_retires)]


@pytest.mark.parametrize(("first_retires", "expected"), [(True, False), (False, True)])
def test_retirement_flag_from_the_employment_that_ended_last(first_retires, expected):
    # A 1 Jan–30 Jun 2020 and B 1 Mar–31 Aug 2020 overlap; B ends last (31 Aug), so B's reason
    # decides, whatever A's was.
    spells = make_spells(
        Row(2, date(2020, 1, 1), date(2020, 6, 30), retirement=first_retires),
        Row(2, date(2020, 3, 1), date(2020, 8, 31), retirement=not first_retires),
    )
    assert exit_list(spells) == [(2, d(2020, 8, 31), expected)]


def test_retirement_then_rehired_within_gap_is_no_retirement_exit():
    # A ends 30 Jun 2020 with "retirement", B starts 15 Jul (14 days off, within 31) and ends
    # 31 Dec 2020 for another reason: one stay, one exit, reason from B (ended last) = other.
    spells = make_spells(
        Row(2, date(2010, 1, 1), date(2020, 6, 30), retirement=True),
        Row(2, date(2020, 7, 15), date(2020, 12, 31)),
    )
    assert exit_list(spells) == [(2, d(2020, 12, 31), False)]


def test_running_employment_is_no_exit():
    spells = make_spells(Row(9, date(2000, 8, 1), None, retirement=True))
    assert exit_list(spells) == []
    person, day, _family, _age = entries(spells)
    assert (person.tolist(), day.tolist()) == ([9], [d(2000, 8, 1)])


def test_exits_are_per_person_even_with_interleaved_dates():
    # Person 1's spell ends before person 2's starts: no merging across people.
    spells = make_spells(
        Row(2, date(2020, 2, 1), date(2020, 12, 31)),
        Row(1, date(2019, 1, 1), date(2020, 1, 20)),
    )
    assert exit_list(spells) == [(1, d(2020, 1, 20), False), (2, d(2020, 12, 31), False)]


def test_empty_spells():
    spells = make_spells()
    assert exit_list(spells) == []
    assert all(len(part) == 0 for part in entries(spells))
    assert len(panel(spells, range(2019, 2022))) == 0


# --- Entries ---------------------------------------------------------------------------------


def test_entries_ages_and_family_of_the_first_employment():
    spells = make_spells(
        # Person 1, born 1990: hired 1 Sep 2019 in family 1; a transfer to family 2 on 1 Jan 2020
        # (no days off) is not an entry. Age in 2019: 29.
        Row(1, date(2019, 9, 1), date(2019, 12, 31), family=1, birth_year=1990),
        Row(1, date(2020, 1, 1), None, family=2, birth_year=1990),
        # Person 2, born 1958: in employment since 2005 (before the data: still an entry,
        # age 2005 − 1958 = 47), left 31 Jan 2020 and came back 1 Jun 2021 (age 63), family 3.
        Row(2, date(2005, 3, 1), date(2020, 1, 31), family=0, birth_year=1958),
        Row(2, date(2021, 6, 1), None, family=3, birth_year=1958),
        # Person 3, born 2004, hired on 31 Dec 2020: age reached that year = 16.
        Row(3, date(2020, 12, 31), None, family=1, birth_year=2004),
    )
    person, day, family, age = entries(spells)
    assert person.tolist() == [1, 2, 2, 3]
    assert day.tolist() == [d(2019, 9, 1), d(2005, 3, 1), d(2021, 6, 1), d(2020, 12, 31)]
    assert family.tolist() == [1, 0, 3, 1]
    assert age.tolist() == [29, 47, 63, 16]


def test_entry_family_is_the_earliest_start_whatever_the_input_order():
    spells = make_spells(
        Row(4, date(2020, 3, 1), None, family=2),
        Row(4, date(2020, 2, 1), date(2020, 6, 30), family=1),
    )
    _person, day, family, _age = entries(spells)
    assert (day.tolist(), family.tolist()) == ([d(2020, 2, 1)], [1])


# --- Panel -----------------------------------------------------------------------------------


def test_panel_presence_largest_employment_and_exit_codes():
    spells = make_spells(
        # Person 0: A (family 1, unit 2, 0.5 FTE) from 1 Jun 2018, running; B (family 3, unit 4,
        # 0.8 FTE) 1 Mar 2019 – 30 Jun 2020. On 1 Jan 2019 only A; on 1 Jan 2020 A and B, B is
        # larger; on 1 Jan 2021 only A again. Never leaves.
        Row(0, date(2018, 6, 1), None, family=1, unit=2, fte=0.5, birth_year=1980),
        Row(0, date(2019, 3, 1), date(2020, 6, 30), family=3, unit=4, fte=0.8, birth_year=1980),
        # Person 1: hired 1 Feb 2019 (not there on 1 Jan 2019), retires 30 Sep 2020.
        Row(
            1,
            date(2019, 2, 1),
            date(2020, 9, 30),
            retirement=True,
            birth_year=1956,
            pension_year=2023,
        ),
        # Person 2: leaves 31 Mar 2019 (other), back 1 Jun 2019 (61 days off: 1 Apr–31 May) and
        # retires 31 Oct 2019. Two exits in 2019, counted once, as the first (other).
        Row(2, date(2010, 1, 1), date(2019, 3, 31), family=2),
        Row(2, date(2019, 6, 1), date(2019, 10, 31), retirement=True, family=2),
        # Person 3: leaves on 31 Dec 2019: an exit in 2019, absent on 1 Jan 2020.
        Row(3, date(2015, 1, 1), date(2019, 12, 31)),
        # Person 4: last day 1 Jan 2020: present on 1 Jan 2020 and leaving in 2020.
        Row(4, date(2015, 1, 1), date(2020, 1, 1), unit=1),
    )
    got = panel(spells, range(2019, 2022))
    rows = list(
        zip(
            got.year.tolist(),
            got.person.tolist(),
            got.family.tolist(),
            got.unit.tolist(),
            got.fte.tolist(),
            got.exit.tolist(),
            strict=True,
        )
    )
    assert rows == [
        (2019, 0, 1, 2, 0.5, STAYED),
        (2019, 2, 2, 0, 1.0, OTHER),
        (2019, 3, 0, 0, 1.0, OTHER),
        (2019, 4, 0, 1, 1.0, STAYED),
        (2020, 0, 3, 4, 0.8, STAYED),
        (2020, 1, 0, 0, 1.0, RETIRED),
        (2020, 4, 0, 1, 1.0, OTHER),
        (2021, 0, 1, 2, 0.5, STAYED),
    ]
    # Birth and pension years travel with the row.
    assert got.birth_year[(got.year == 2020) & (got.person == 1)].tolist() == [1956]
    assert got.pension_year[(got.year == 2020) & (got.person == 1)].tolist() == [2023]


def test_panel_years_without_anyone_are_skipped():
    spells = make_spells(Row(1, date(2020, 6, 1), date(2020, 12, 31)))
    # Not there on 1 Jan 2020 (hired in June) nor on 1 Jan 2021: no person-years at all.
    got = panel(spells, range(2020, 2022))
    assert len(got) == 0
    assert got.exit.dtype == np.int8


def test_panel_rows_selects_rows():
    spells = make_spells(Row(1, date(2018, 1, 1), None), Row(2, date(2019, 6, 1), None))
    got = panel(spells, range(2019, 2021))
    later = got.rows(got.year == 2020)
    assert later.person.tolist() == [1, 2]
    assert later.year.tolist() == [2020, 2020]


# --- Properties ------------------------------------------------------------------------------

_FIRST, _LAST = day_number(2015), day_number(2021, 12, 31)

spell_rows = st.lists(
    st.tuples(
        st.integers(0, 3),  # person
        st.integers(_FIRST, _LAST),  # start
        st.one_of(st.none(), st.integers(0, 900)),  # length in days, None = running
        st.booleans(),  # retirement
        st.integers(0, 2),  # family
        st.sampled_from([0.3, 0.5, 1.0]),  # fte
    ),
    max_size=12,
)


def _spells_of(raw: list[tuple[int, int, int | None, bool, int, float]]) -> Spells:
    return make_spells(
        *(
            Row(
                person,
                start,
                None if length is None else start + length,
                retirement,
                family=family,
                fte=fte,
                birth_year=1960 + person,
            )
            for person, start, length, retirement, family, fte in raw
        )
    )


@settings(max_examples=200, deadline=None)
@given(spell_rows)
def test_panel_exits_match_exits_and_no_person_twice_a_year(raw):
    spells = _spells_of(raw)
    got = panel(spells, range(2015, 2023))
    out_person, out_day, out_retired = exits(spells)
    out_year = year_of(out_day)
    keys = list(zip(got.year.tolist(), got.person.tolist(), strict=True))
    assert len(keys) == len(set(keys))
    for year, person, code, family, fte in zip(
        got.year.tolist(),
        got.person.tolist(),
        got.exit.tolist(),
        got.family.tolist(),
        got.fte.tolist(),
        strict=True,
    ):
        jan1 = day_number(year)
        # Present on 1 January, in one of their largest employments that day.
        running = (spells.person == person) & (spells.start <= jan1) & (spells.end >= jan1)
        assert running.any()
        assert fte == spells.fte[running].max()
        assert family in spells.family[running & (spells.fte == fte)].tolist()
        mine = (out_person == person) & (out_year == year)
        if code == STAYED:
            assert not mine.any()
        else:
            # The year's exit is one of exits() for the person, and the first one decides.
            assert mine.any()
            first = np.flatnonzero(mine)[np.argmin(out_day[mine])]
            assert code == (RETIRED if out_retired[first] else OTHER)
    # Conversely, everybody employed on 1 January is in the panel that year.
    for year in range(2015, 2023):
        jan1 = day_number(year)
        present = set(spells.person[(spells.start <= jan1) & (spells.end >= jan1)].tolist())
        assert present == {p for y, p in keys if y == year}


@settings(max_examples=200, deadline=None)
@given(spell_rows)
def test_every_stay_that_is_not_running_ends_in_one_exit(raw):
    spells = _spells_of(raw)
    out_person, out_day, _retired = exits(spells)
    in_person, in_day, _family, _age = entries(spells)
    running = len(set(spells.person[spells.end == OPEN].tolist()))
    assert len(in_person) == len(out_person) + running
    for person in set(spells.person.tolist()):
        days = out_day[out_person == person]
        starts = in_day[in_person == person]
        # Stays alternate: start, exit, (more than GAP_DAYS off), start, exit, …
        assert np.all(np.diff(days) > GAP_DAYS)
        assert np.all(starts[1:] > days[: len(starts) - 1] + 1 + GAP_DAYS)
        assert np.all(starts[: len(days)] <= days)


@settings(max_examples=200, deadline=None)
@given(spell_rows, st.data())
def test_splitting_an_employment_in_two_changes_no_exit(raw, data):
    # A contract renewed without a day off (the end reason on the later part) is the same stay.
    splittable = [i for i, r in enumerate(raw) if r[2] is None or r[2] >= 1]
    if not splittable:
        return
    i = data.draw(st.sampled_from(splittable))
    person, start, length, retirement, family, fte = raw[i]
    cut = data.draw(st.integers(0, (length - 1) if length is not None else 400))
    split = list(raw)
    split[i] = (person, start, cut, False, family, fte)
    later_length = None if length is None else length - cut - 1
    split.append((person, start + cut + 1, later_length, retirement, family, fte))
    assert exit_list(_spells_of(split)) == exit_list(_spells_of(raw))
    before, after = entries(_spells_of(raw)), entries(_spells_of(split))
    for a, b in zip(before, after, strict=True):
        assert a.tolist() == b.tolist()
