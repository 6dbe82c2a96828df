"""When the yearly MUS is due, pure: the standard library only.

The rule (DOMAIN.md 10.1): the municipal *Aftale om kompetenceudvikling* between KL and
Forhandlingsfællesskabet (2008 text, § 5, stk. 3; current text from OK-15) says that "alle
medarbejdere skal have en årlig MUS". Charlie reads "yearly" as a cadence in months that the
municipality may set (``CHARLIE_MUS_INTERVAL_MONTHS``, default 12):

- the next MUS is due ``interval`` months after the last one held; a person who has never had one
  is due ``interval`` months after the start of their current employment;
- a MUS is *overdue* when its due date has passed (``due_on < today``) and it has not been held.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from charlie.core.calendar import add_months

#: The agreement's cadence: one MUS a year.
DEFAULT_INTERVAL_MONTHS = 12
#: A MUS is "due soon" this many days before its due date (the front page's work queue).
DUE_SOON_DAYS = 60


def next_due(
    last_held: date | None, employed_from: date | None, *, interval_months: int
) -> date | None:
    """When the next MUS is due: ``interval_months`` after the last held MUS, else after the
    start of the employment; ``None`` when neither is known."""
    if interval_months < 1:
        raise ValueError("The MUS interval is at least one month.")
    base = last_held or employed_from
    return None if base is None else add_months(base, interval_months)


def is_overdue(due_on: date | None, held_on: date | None, today: date) -> bool:
    """Overdue: the due date has passed and the MUS was not held."""
    return due_on is not None and held_on is None and due_on < today


class MusState(StrEnum):
    HELD = "held"  # held within the interval: nothing to do yet
    SCHEDULED = "scheduled"  # a meeting is planned and not overdue
    DUE_SOON = "due_soon"  # due within DUE_SOON_DAYS and not planned
    OVERDUE = "overdue"
    NOT_DUE = "not_due"  # due later, nothing planned yet
    UNKNOWN = "unknown"  # no MUS and no employment start


@dataclass(frozen=True)
class MusStatusLine:
    due_on: date | None
    state: MusState


def status(
    *,
    last_held: date | None,
    employed_from: date | None,
    open_due: date | None,
    today: date,
    interval_months: int = DEFAULT_INTERVAL_MONTHS,
) -> MusStatusLine:
    """A person's MUS state: a planned (open) meeting's own due date counts; otherwise the due
    date follows from :func:`next_due`."""
    due = open_due or next_due(last_held, employed_from, interval_months=interval_months)
    if due is None:
        return MusStatusLine(None, MusState.UNKNOWN)
    if is_overdue(due, None, today):
        return MusStatusLine(due, MusState.OVERDUE)
    if open_due is not None:
        return MusStatusLine(due, MusState.SCHEDULED)
    if (due - today).days <= DUE_SOON_DAYS:
        return MusStatusLine(due, MusState.DUE_SOON)
    if last_held is not None:
        return MusStatusLine(due, MusState.HELD)
    return MusStatusLine(due, MusState.NOT_DUE)
