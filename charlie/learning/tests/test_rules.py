"""The validity of a completion, with the dates worked out by hand."""

from __future__ import annotations

from datetime import date

from charlie.learning.rules import valid_until


def test_a_24_month_course_is_valid_to_the_day_before_the_same_date_two_years_on():
    assert valid_until(date(2026, 3, 15), 24, "completed") == date(2028, 3, 14)


def test_the_end_of_a_month_is_clamped_before_the_day_is_taken_off():
    # 31 Jan 2027 + 1 month = 28 Feb 2027 (no 31 Feb); valid to 27 Feb.
    assert valid_until(date(2027, 1, 31), 1, "passed") == date(2027, 2, 27)
    # 29 Feb 2028 + 12 months = 28 Feb 2029; valid to 27 Feb 2029.
    assert valid_until(date(2028, 2, 29), 12, "passed") == date(2029, 2, 27)


def test_no_validity_means_it_never_expires_and_a_failure_never_counts():
    assert valid_until(date(2026, 3, 15), None, "completed") is None
    assert valid_until(date(2026, 3, 15), 24, "failed") == date(2026, 3, 14)
