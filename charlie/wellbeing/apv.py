"""The rules of the APV (arbejdspladsvurdering) and of action plans: pure, no Django
(docs/wellbeing-apv.md).

The law (arbejdsmiljøloven, LBK nr. 674 af 25/05/2020, § 15 a; DOMAIN.md 5.1):

- **§ 15 a, stk. 1**: the employer makes a *written* APV, kept available to the management, the
  employees and Arbejdstilsynet; it is revised when changes in the work, its methods or
  processes matter for safety and health, **and at least every third year**.
- **§ 15 a, stk. 2**: it holds (1) identification and mapping of the working environment,
  (2) description and assessment of its problems, (3) prioritisation and an action plan, and
  (4) guidelines for following up the action plan — the four steps of ``ApvStep``.
- **§ 15 a, stk. 3**: the safety organisation (arbejdsmiljøorganisationen) or the employees take
  part in planning, organising, carrying out and following up the APV — who took part is
  recorded.
- **Bekendtgørelse om arbejdets udførelse** (BEK nr. 559 af 17/06/2004, § 6 b, stk. 3, as
  quoted by Arbejdstilsynet's partners; check against retsinformation.dk): the APV includes the
  workplace's **sickness absence**, to assess whether the working environment contributes to it.

Everything here works on plain values (dates, counts, flags), so the rules are tested with dates
worked out by hand.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from charlie.core.calendar import add_months

#: § 15 a, stk. 1: the APV is revised at least every third year.
REVISION_YEARS = 3

#: The steps in order (``ApvStep``'s values); "done" comes after the four.
STEPS = ("mapping", "prioritising", "action_plan", "follow_up", "done")

#: Action statuses that are still open (``ActionStatus``'s values).
OPEN_ACTION_STATUSES = ("planned", "in_progress")
CLOSED_ACTION_STATUSES = ("done", "dropped")


# --- The next APV ------------------------------------------------------------------------------


def next_due(completed_on: date) -> date:
    """The day the next APV is due at the latest: 3 years after this one was completed
    (arbejdsmiljøloven § 15 a, stk. 1: "dog senest hvert tredje år").

    Three calendar years on, the same day of the month; 29 February, which the year three on
    does not have, becomes 28 February (the earlier day: the safe side of a deadline).
    15 March 2027 → 15 March 2030; 29 February 2028 → 28 February 2031."""
    return add_months(completed_on, 12 * REVISION_YEARS)


class DueDateProblem(enum.Enum):
    """Why a next-due date HR sets cannot be used."""

    LATER_THAN_LAW = "later_than_law"
    BEFORE_COMPLETION = "before_completion"


def check_earlier_due(completed_on: date, proposed: date) -> DueDateProblem | None:
    """Whether the next APV may be set to ``proposed``: sooner than 3 years when the work
    changes (§ 15 a, stk. 1, 3rd sentence: "når der sker ændringer i arbejdet … der har betydning
    for sikkerhed og sundhed"), never later than ``next_due`` (the law's "senest hvert tredje
    år"), and not before the APV itself was completed. None: it may."""
    if proposed > next_due(completed_on):
        return DueDateProblem.LATER_THAN_LAW
    if proposed < completed_on:
        return DueDateProblem.BEFORE_COMPLETION
    return None


class DueStatus(enum.StrEnum):
    """Where a unit stands with its APV."""

    MISSING = "missing"  # no APV completed, none started
    OVERDUE = "overdue"  # the next APV's day has passed
    SOON = "soon"  # due within the warning period
    IN_PROGRESS = "in_progress"  # a new APV is being made (its due day may still have passed)
    OK = "ok"


def due_status(
    next_due_on: date | None, today: date, *, warn_days: int, in_progress: bool = False
) -> DueStatus:
    """The unit's status on ``today``. ``next_due_on``: of its latest completed APV (None: it
    has none). Overdue from the day after the due day (due 1 March: overdue on 2 March); soon
    from ``warn_days`` days before it (due 1 March, 90 days: soon from 1 December). A unit with
    a new APV under way is "in progress" unless the old one's day has passed: then it is
    overdue until the new one is completed."""
    if next_due_on is not None and today > next_due_on:
        return DueStatus.OVERDUE
    if in_progress:
        return DueStatus.IN_PROGRESS
    if next_due_on is None:
        return DueStatus.MISSING
    if today >= next_due_on - timedelta(days=warn_days):
        return DueStatus.SOON
    return DueStatus.OK


class Reminder(enum.StrEnum):
    SOON = "soon"
    OVERDUE = "overdue"


def apv_reminder(
    next_due_on: date,
    today: date,
    *,
    days_before: int,
    repeat_days: int,
    reminded_on: date | None,
) -> Reminder | None:
    """Whether the unit's manager is reminded of the next APV today, and why.

    Once when the warning period starts (``days_before`` days before the due day, or the first
    day after it that the daily job runs), once more when the day has passed, and then every
    ``repeat_days`` days while it is overdue. Due 1 June, 90 days, 30 days: a reminder on
    3 March ("soon"), none on 4 March; one on 2 June ("overdue"), the next on 2 July."""
    starts = next_due_on - timedelta(days=days_before)
    if today < starts:
        return None
    if today <= next_due_on:
        return Reminder.SOON if reminded_on is None or reminded_on < starts else None
    if reminded_on is None or reminded_on <= next_due_on:
        return Reminder.OVERDUE
    return Reminder.OVERDUE if (today - reminded_on).days >= repeat_days else None


# --- Actions -----------------------------------------------------------------------------------


def action_overdue(deadline: date, status: str, today: date) -> bool:
    """An open action (planned or in progress) whose deadline has passed: due 1 March, overdue
    from 2 March."""
    return status in OPEN_ACTION_STATUSES and deadline < today


def action_reminder_due(
    deadline: date, status: str, today: date, *, reminded_on: date | None, every_days: int
) -> bool:
    """Whether the owner of an action is reminded today: the action is overdue and the owner
    has not been reminded in the last ``every_days`` days. Due 1 March, every 7 days: reminded
    2 March, again 9 March (not 8 March)."""
    if not action_overdue(deadline, status, today):
        return False
    return reminded_on is None or (today - reminded_on).days >= every_days


# --- What an APV must hold before the next step --------------------------------------------------


class Missing(enum.StrEnum):
    """Something the APV lacks before it can move on (the services give each its Danish text)."""

    PARTICIPANTS = "participants"  # § 15 a, stk. 3
    MAPPING = "mapping"  # § 15 a, stk. 2, nr. 1: a survey or a walkthrough
    WALKTHROUGH_UNASSESSED = "walkthrough_unassessed"
    ABSENCE = "absence"  # BEK 559/2004 § 6 b: the sickness absence's figures
    ABSENCE_ASSESSMENT = "absence_assessment"  # … and whether work contributes to it
    ASSESSMENT = "assessment"  # § 15 a, stk. 2, nr. 2
    PROBLEM_WITHOUT_ACTION = "problem_without_action"  # § 15 a, stk. 2, nr. 3
    FOLLOW_UP = "follow_up"  # § 15 a, stk. 2, nr. 4


@dataclass(frozen=True)
class ApvFacts:
    """What the rules need to know of one APV."""

    participants: bool = False
    survey: bool = False
    walkthrough_items: int = 0
    walkthrough_assessed: int = 0
    absence_fetched: bool = False
    absence_assessed: bool = False
    assessment: bool = False
    problems: int = 0
    problems_without_action: int = 0
    follow_up_guidelines: bool = False


def _leaving(step: str, facts: ApvFacts) -> list[Missing]:
    """What ``step`` must hold before the APV moves past it."""
    out: list[Missing] = []
    if step == "mapping":
        if not facts.participants:
            out.append(Missing.PARTICIPANTS)
        if not facts.survey and not facts.walkthrough_items:
            out.append(Missing.MAPPING)
        if facts.walkthrough_assessed < facts.walkthrough_items:
            out.append(Missing.WALKTHROUGH_UNASSESSED)
        if not facts.absence_fetched:
            out.append(Missing.ABSENCE)
        if not facts.absence_assessed:
            out.append(Missing.ABSENCE_ASSESSMENT)
    elif step == "prioritising":
        if not facts.assessment:
            out.append(Missing.ASSESSMENT)
    elif step == "action_plan":
        if facts.problems_without_action:
            out.append(Missing.PROBLEM_WITHOUT_ACTION)
    elif step == "follow_up" and not facts.follow_up_guidelines:
        out.append(Missing.FOLLOW_UP)
    return out


def missing_before(target: str, facts: ApvFacts) -> list[Missing]:
    """What the APV lacks before it may be at step ``target``: everything every earlier step
    must hold (§ 15 a, stk. 2's four elements, stk. 3's participation and the sickness absence),
    so going back and clearing a field cannot slip past the rules. Going to "done" checks all
    four steps."""
    if target not in STEPS:
        raise ValueError(f"unknown APV step {target!r}")
    out: list[Missing] = []
    for step in STEPS[: STEPS.index(target)]:
        out.extend(_leaving(step, facts))
    return out


def may_move(current: str, target: str) -> bool:
    """An APV moves one step forward at a time, or back to any earlier step; a completed APV
    stays completed (the next APV is a new one)."""
    if current not in STEPS or target not in STEPS or current == "done":
        return False
    here, there = STEPS.index(current), STEPS.index(target)
    return there == here + 1 or there < here


# --- Sickness absence ----------------------------------------------------------------------------


def absence_window(today: date, period_months: int) -> tuple[date, date]:
    """The 12 months of sickness absence an APV started on ``today`` looks at: the last 12
    months that end with the last whole period of the absence app's publishing (``period_months``
    1, 3, 6 or 12, counted from January) before ``today``. 15 March 2027: monthly → 1 March
    2026–28 February 2027; quarterly → 1 January–31 December 2026; yearly → the same. On
    1 January 2027, monthly → 1 January–31 December 2026."""
    if period_months not in (1, 3, 6, 12):
        raise ValueError("period_months must be 1, 3, 6 or 12")
    # The first day of the period today falls in; the window ends the day before it.
    first_month = (today.month - 1) // period_months * period_months + 1
    end = date(today.year, first_month, 1) - timedelta(days=1)
    start = add_months(end + timedelta(days=1), -12)
    return start, end


def format_period(start: date, end: date) -> str:
    """How an APV stores the period of its absence figures: an ISO 8601 interval,
    ``2026-03-01/2027-02-28`` (shown in the reader's language by ``parse_period``)."""
    return f"{start.isoformat()}/{end.isoformat()}"


def parse_period(text: str) -> tuple[date, date] | None:
    """The period ``format_period`` wrote; None for anything else (an empty field)."""
    first, sep, last = (text or "").partition("/")
    if not sep:
        return None
    try:
        return date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        return None
