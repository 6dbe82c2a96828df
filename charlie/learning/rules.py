"""The small rules every part of learning shares, pure (no Django): how long a completion is
valid. The bigger pure modules sit beside it (the compliance engine, the quiz, the readers of
completion files and xAPI statements)."""

from __future__ import annotations

from datetime import date

from charlie.core.calendar import add_months

#: Results that count as having the course (a failed quiz or test does not).
COUNTING_RESULTS = frozenset({"completed", "passed"})


def valid_until(completed_on: date, valid_months: int | None, result: str) -> date | None:
    """The last day a completion counts: ``valid_months`` calendar months after it, less one day
    (a first-aid course of 24 months taken 2026-03-15 is valid to 2028-03-14); ``None`` when the
    course never expires. A result that does not count (``failed``) is never valid: the day
    before it was taken."""
    if result not in COUNTING_RESULTS:
        return date.fromordinal(completed_on.toordinal() - 1)
    if not valid_months:
        return None
    end = add_months(completed_on, valid_months)
    return date.fromordinal(end.toordinal() - 1)
