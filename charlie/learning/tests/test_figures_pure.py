"""The pure learning figures, worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from charlie.learning import figures


def test_average_fte_over_a_year():
    # 2025 has 365 days. Person 1: 37 hours all year = 1.0. Person 2: 18.5 hours all year (0.5)
    # and 37 hours from 2 July: 2–31 July 30 days + Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 31
    # = 183 days, 183/365 = 0.50137; in all 1.00137. Person 3 left in 2024: 0. Person 9 is not
    # asked about.
    fte = figures.average_fte(
        [1, 2, 2, 3, 9],
        [37, 18.5, 37, 37, 37],
        [date(2015, 1, 1), date(2020, 1, 1), date(2025, 7, 2), date(2010, 1, 1), date(2020, 1, 1)],
        [None, None, None, date(2024, 12, 31), None],
        period=(date(2025, 1, 1), date(2025, 12, 31)),
        people=[1, 2, 3],
    )
    assert fte.tolist() == pytest.approx([1.0, 0.5 + 183 / 365, 0.0])


def test_average_fte_over_part_of_a_year():
    # 1 January … 30 June 2026 is 31 + 28 + 31 + 30 + 31 + 30 = 181 days; 37 hours from 1 April
    # (91 days: 30 + 31 + 30) is 91/181.
    fte = figures.average_fte(
        [1],
        [37],
        [date(2026, 4, 1)],
        [None],
        period=(date(2026, 1, 1), date(2026, 6, 30)),
        people=[1],
    )
    assert fte.tolist() == pytest.approx([91 / 181])


def test_average_fte_refuses_an_empty_period():
    with pytest.raises(ValueError):
        figures.average_fte([], [], [], [], period=(date(2026, 2, 1), date(2026, 1, 1)), people=[])


def test_sums_and_ratios():
    # Group 0: 7.5 + 2.5 = 10; group 1: 4; group 2: nobody.
    assert figures.group_sums([7.5, 4, 2.5], [0, 1, 0], 3).tolist() == [10.0, 4.0, 0.0]
    # 74 hours over 2.0 FTE = 37.0 per FTE; 1,000 kr. over 3 FTE = 333.33 → 333.
    assert figures.per_fte(74, 2.0) == 37.0
    assert figures.per_fte(1000, 3, 0) == 333.0
    assert figures.per_fte(5, 0) is None
    # 3 of 8 = 37.5 per cent; 8 of 15 = 53.33 → 53.3.
    assert figures.share(3, 8) == 37.5
    assert figures.share(8, 15) == 53.3
    assert figures.share(0, 0) is None
