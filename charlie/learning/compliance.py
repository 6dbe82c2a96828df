"""The compliance engine of mandatory training (issue 14, point 4): pure and vectorised with
NumPy, so 45,000 employees × 10 rules are worked out in one pass (``benchmarks/bench_compliance``).

Input, one entry per (person, applicable rule), dates as NumPy ``datetime64[D]`` (``NaT`` for
none):

- ``start``: the first day of the person's current (main) employment — the grace period runs
  from it;
- ``last``: the date of the person's last counting completion of the rule's course (or the day
  the certified skill was assessed); ``NaT`` when never;
- ``valid``: the last day that completion counts (the course's ``valid_until``, or the skill's
  expiry); ``NaT`` with a ``last`` means it never expires;
- ``renew_months``: the rule's renewal interval (0: once is enough);
- ``grace_days``: the rule's grace period for new employees.

The rules, on the day ``on`` (decided here, documented in docs/learning.md):

- **valid until** = the earlier of the completion's own validity and ``last`` + ``renew_months``
  calendar months − 1 day (renewal every 12 months, taken 2026-03-15: valid to 2027-03-14; a
  month end clamps like ``core.calendar.add_months``: taken 2024-02-29, 12 months, valid to
  2025-02-27). No limit on either side: it never expires.
- **due on** = valid until, or for someone who never completed it: ``start`` + ``grace_days``
  (the last day of the grace period).
- ``ok``: completed, and valid for more than 90 days after ``on`` (or for ever);
- ``due``: completed, valid on ``on`` but expiring within 90 days; ``band`` is 30, 60 or 90 —
  the smallest of these that the days left (valid until − on) do not exceed;
- ``overdue``: the validity ended before ``on`` (valid until < on), or never completed and the
  grace period is over (``on`` > due on);
- ``never``: never completed, still within the grace period (``on`` ≤ due on). Its band is
  worked out the same way from the days left to the due date, so a task can be opened for it.

The intervals are local policy; the laws behind mandatory training (the food hygiene rules, the
Working Environment Authority's rules on moving people, first aid) say that training is needed,
the municipality sets how often.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

type Dates = npt.NDArray[np.datetime64]
type Ints = npt.NDArray[np.int64]

OK = "ok"
DUE = "due"
OVERDUE = "overdue"
NEVER = "never"

#: Status codes in the result arrays, and their names (the CLI's and API's values).
STATUS_NAMES: tuple[str, ...] = (OK, DUE, OVERDUE, NEVER)
CODE = {name: i for i, name in enumerate(STATUS_NAMES)}

#: The bands of "due": valid for at most this many more days.
BANDS: tuple[int, ...] = (30, 60, 90)

NAT = np.datetime64("NaT", "D")


@dataclass(frozen=True, slots=True)
class Result:
    """Per pair: the validity, due date, status code (``STATUS_NAMES``) and band (0 when not
    due or never; 30/60/90 otherwise)."""

    valid_until: Dates
    due_on: Dates
    status: npt.NDArray[np.int8]
    band: npt.NDArray[np.int16]

    def status_name(self, i: int) -> str:
        return STATUS_NAMES[int(self.status[i])]


def add_months(days: Dates, months: Ints) -> Dates:
    """Each date moved by whole calendar months, a day past the month's end clamped to it
    (as ``core.calendar.add_months``). ``NaT`` stays ``NaT``."""
    days = np.asarray(days, dtype="datetime64[D]")
    month = days.astype("datetime64[M]")
    offset = (days - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.asarray(months, dtype=np.int64).astype("timedelta64[M]")
    first = target.astype("datetime64[D]")
    length = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - first).astype(np.int64)
    out: Dates = first + np.minimum(offset, length - 1).astype("timedelta64[D]")
    out[np.isnat(days)] = NAT
    return out


def _band(days_left: Ints) -> npt.NDArray[np.int16]:
    band = np.zeros(days_left.shape, dtype=np.int16)
    for limit in reversed(BANDS):
        band[days_left <= limit] = limit
    band[days_left < 0] = 0
    return band


def evaluate(
    on: np.datetime64,
    *,
    start: Dates,
    last: Dates,
    valid: Dates,
    renew_months: Ints,
    grace_days: Ints,
) -> Result:
    """The status of every pair on the day ``on`` (see the module docstring)."""
    on = np.datetime64(on, "D")
    start = np.asarray(start, dtype="datetime64[D]")
    last = np.asarray(last, dtype="datetime64[D]")
    valid = np.asarray(valid, dtype="datetime64[D]")
    renew = np.asarray(renew_months, dtype=np.int64)
    grace = np.asarray(grace_days, dtype=np.int64)

    done = ~np.isnat(last)
    renewed = add_months(last, renew) - np.timedelta64(1, "D")
    renewed[(renew <= 0) | ~done] = NAT
    # The earlier of the two limits; NaT (no limit) loses to any date.
    until = np.where(np.isnat(valid), renewed, valid)
    both = ~np.isnat(valid) & ~np.isnat(renewed)
    until[both] = np.minimum(valid[both], renewed[both])
    until[~done] = NAT

    due_on = until.copy()
    due_on[~done] = start[~done] + grace[~done].astype("timedelta64[D]")

    days_left = np.where(
        np.isnat(due_on), np.int64(1 << 40), (due_on - on).astype("timedelta64[D]").astype(np.int64)
    )
    band = _band(days_left)
    status = np.full(last.shape, CODE[OK], dtype=np.int8)
    status[done & (days_left <= BANDS[-1])] = CODE[DUE]
    status[~done] = CODE[NEVER]
    status[days_left < 0] = CODE[OVERDUE]
    band[status == CODE[OK]] = 0
    band[status == CODE[OVERDUE]] = 0
    return Result(valid_until=until, due_on=due_on, status=status, band=band)


def evaluate_one(
    on: np.datetime64,
    *,
    start: np.datetime64,
    last: np.datetime64,
    valid: np.datetime64,
    renew_months: int,
    grace_days: int,
) -> tuple[str, int]:
    """One pair, for tests and the benchmark's per-person loop."""
    r = evaluate(
        on,
        start=np.array([start], dtype="datetime64[D]"),
        last=np.array([last], dtype="datetime64[D]"),
        valid=np.array([valid], dtype="datetime64[D]"),
        renew_months=np.array([renew_months]),
        grace_days=np.array([grace_days]),
    )
    return r.status_name(0), int(r.band[0])
