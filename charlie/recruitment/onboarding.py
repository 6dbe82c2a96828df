"""Onboarding dates (pure module, no Django): the ansættelsesbevis deadlines, the due dates of a
plan's tasks and how they move when the first working day does, when reminders go, which
check-in is open, how long the pre-boarding link works, and when a plan has ended (for its
retention rule).

**Ansættelsesbevisloven** (lov nr. 501 af 2023 om ansættelsesbeviser og visse
arbejdsvilkår, in force 1 July 2023, implementing directive (EU) 2019/1152;
https://www.retsinformation.dk/eli/lta/2023/501), § 3: the employer gives the employee the
essential terms in writing

- § 3, stk. 2, nr. 1–5, 7 and 10–12 (the parties, place of work, title or job description, the
  start date, the expected duration of a temporary job, probation, pay, normal working hours,
  unpredictable work patterns) **no later than 7 calendar days after the employment starts**;
- nr. 6, 8, 9 and 13–15 (user undertaking for temps, paid leave, notice, training, collective
  agreements, social-security bodies) **no later than 1 month after the start**.

**How the days are counted.** "Senest 7 kalenderdage efter ansættelsens start" counts from the
first working day the way Danish deadlines are counted (the day of the event itself is not
counted, the next day is day 1): a start on 1 March makes day 1 of the seven 2 March and the
deadline 8 March = start + 7 days. The month is a calendar month from the start date: 15
January → 15 February; a day the month lacks becomes its last day (31 January → 28 February,
29 February in a leap year such as 2028) — ``core.calendar.add_months``, the earlier date and
so the safe side. They are *calendar* days: a deadline on a Saturday, Sunday or public holiday
stays where it falls (the law moves nothing), and so does a start on a weekend.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from charlie.core.calendar import add_months

#: Calendar days after the start for the core terms (§ 3, stk. 2, nr. 1–5, 7, 10–12).
CORE_TERMS_DAYS = 7
#: Calendar months after the start for the other terms (§ 3, stk. 2, nr. 6, 8, 9, 13–15).
OTHER_TERMS_MONTHS = 1

#: The phases of a plan, in order (``models.Phase`` values).
PHASES = ("before", "day_1", "week_1", "day_30", "day_90")

#: The days from the first working day each phase covers (both ends included; ``None``: open).
#: Day 0 is the first working day; "week 1" the seven days after it (so the 7-day
#: ansættelsesbevis deadline falls in it); "30 days" from day 8 up to 59; "90 days" from day 60.
PHASE_RANGES: dict[str, tuple[int | None, int | None]] = {
    "before": (None, -1),
    "day_1": (0, 0),
    "week_1": (1, 7),
    "day_30": (8, 59),
    "day_90": (60, None),
}

#: The offset a task of each phase gets when the template gives none.
DEFAULT_OFFSETS = {"before": -7, "day_1": 0, "week_1": 4, "day_30": 30, "day_90": 90}

#: The longest an offset may be, either way (a year).
MAX_OFFSET = 365

#: The days after the start a check-in opens (a new colleague answers each once).
CHECK_IN_DAYS = (30, 90)


@dataclass(frozen=True, slots=True)
class TermsDeadlines:
    """The two deadlines of ansættelsesbevisloven § 3 for one start date."""

    core_terms: dt.date
    other_terms: dt.date


def terms_deadlines(start: dt.date) -> TermsDeadlines:
    """The ansættelsesbevis deadlines for an employment starting on ``start`` (the first
    working day), ansættelsesbevisloven § 3 (see the module docstring for the counting):
    the core terms ``start + 7`` calendar days, the other terms one calendar month after the
    start, clamped to the month's last day.

    >>> terms_deadlines(dt.date(2027, 3, 1))
    TermsDeadlines(core_terms=datetime.date(2027, 3, 8), other_terms=datetime.date(2027, 4, 1))
    >>> terms_deadlines(dt.date(2027, 1, 31)).other_terms
    datetime.date(2027, 2, 28)
    """
    return TermsDeadlines(
        core_terms=start + dt.timedelta(days=CORE_TERMS_DAYS),
        other_terms=add_months(start, OTHER_TERMS_MONTHS),
    )


#: Kinds of task whose due date the law sets (``models.TaskKind`` values): they are counted again
#: from a new first working day, never moved by the same number of days as the others.
TERMS_CORE = "terms_7"
TERMS_OTHER = "terms_1m"


def redated_due(
    *, kind: str, due_on: dt.date, done: bool, old_start: dt.date, new_start: dt.date
) -> dt.date:
    """A task's due date when the first working day moves from ``old_start`` to ``new_start``.

    A done task keeps its date (it records when it was due, and it was done). An open
    ansættelsesbevis task is counted again from the new start (ansættelsesbevisloven § 3,
    ``terms_deadlines``), because "1 month after the start" does not move day for day: a start
    moved from 30 to 31 January 2028 leaves the other terms due 29 February 2028. Every other
    open task moves by as many calendar days as the start did, so it keeps its place in the
    plan (``offset`` days from day 1).

    >>> redated_due(kind="task", due_on=dt.date(2027, 2, 22), done=False,
    ...             old_start=dt.date(2027, 3, 1), new_start=dt.date(2027, 3, 15))
    datetime.date(2027, 3, 8)
    >>> redated_due(kind="terms_1m", due_on=dt.date(2028, 2, 29), done=False,
    ...             old_start=dt.date(2028, 1, 30), new_start=dt.date(2028, 1, 31))
    datetime.date(2028, 2, 29)
    """
    if done:
        return due_on
    if kind == TERMS_CORE:
        return terms_deadlines(new_start).core_terms
    if kind == TERMS_OTHER:
        return terms_deadlines(new_start).other_terms
    return due_on + (new_start - old_start)


#: The day after the start a plan has run its course: the last (90-day) check-in opens.
PLAN_DAYS = CHECK_IN_DAYS[-1]


def plan_ended(start: dt.date, last_due: dt.date | None) -> dt.date:
    """The day a plan ended, from which its retention period runs: the later of the 90-day
    mark (``start`` + 90 calendar days, when the last check-in opens) and the due date of its
    last task (a template may set tasks up to a year out). When a task was done, or a check-in
    answered, does not move it: the plan's own dates decide, so the day is known in advance and
    the same for everyone.

    >>> plan_ended(dt.date(2027, 1, 31), dt.date(2027, 3, 1))
    datetime.date(2027, 5, 1)
    >>> plan_ended(dt.date(2027, 1, 31), dt.date(2027, 7, 30))
    datetime.date(2027, 7, 30)
    """
    mark = start + dt.timedelta(days=PLAN_DAYS)
    return mark if last_due is None or last_due < mark else last_due


def offset_fits(phase: str, offset_days: int) -> bool:
    """Whether a task ``offset_days`` from the first working day belongs in ``phase``
    (``PHASE_RANGES``), within a year either way."""
    if phase not in PHASE_RANGES or abs(offset_days) > MAX_OFFSET:
        return False
    low, high = PHASE_RANGES[phase]
    return (low is None or offset_days >= low) and (high is None or offset_days <= high)


def phase_of(offset_days: int) -> str:
    """The phase a task ``offset_days`` from the first working day falls in."""
    for phase in PHASES:
        if offset_fits(phase, offset_days):
            return phase
    raise ValueError(f"offset {offset_days} is more than {MAX_OFFSET} days from the start")


def due_date(start: dt.date, offset_days: int) -> dt.date:
    """A template task's due date: ``offset_days`` calendar days from the first working day
    (negative: before it). Calendar days, as the plan's deadlines: nothing moves off a
    weekend."""
    return start + dt.timedelta(days=offset_days)


class Reminder(enum.StrEnum):
    SOON = "soon"
    OVERDUE = "overdue"


def reminder_due(
    *,
    due_on: dt.date,
    today: dt.date,
    days_before: int,
    statutory: bool,
    reminded_on: dt.date | None,
) -> Reminder | None:
    """Whether an open task's owner is e-mailed today, and why.

    Every task once, ``days_before`` days before its due date (or as overdue, when it was
    never reminded before it fell due — a plan started late). An ansættelsesbevis task
    (``statutory``) once more when overdue, because the deadline is the law's: that second
    reminder is told from the first by ``reminded_on`` after the due date. Run daily, this
    sends each reminder once whatever day the job runs on."""
    if today > due_on:
        if reminded_on is None or (statutory and reminded_on <= due_on):
            return Reminder.OVERDUE
        return None
    if reminded_on is None and today >= due_on - dt.timedelta(days=days_before):
        return Reminder.SOON
    return None


def open_check_in(start: dt.date, today: dt.date) -> int | None:
    """The check-in a new colleague may answer today: 90 from day 90 after the start, 30 from
    day 30 until then, none before (an unanswered 30-day check-in closes when the 90-day one
    opens)."""
    opened = [day for day in CHECK_IN_DAYS if today >= start + dt.timedelta(days=day)]
    return opened[-1] if opened else None


def link_expires(start: dt.date, days_valid: int) -> dt.date:
    """The last day the pre-boarding link works: ``days_valid`` days after the start (it must
    outlive the 90-day check-in)."""
    return start + dt.timedelta(days=days_valid)


def link_works(start: dt.date, today: dt.date, days_valid: int) -> bool:
    return today <= link_expires(start, days_valid)
