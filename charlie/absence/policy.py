"""Local sickness-absence policy: versioned configuration with defaults (DOMAIN.md 1.9).

Pure module: the standard library only, never Django. Nothing here is law. The defaults follow
common municipal practice:

- contact on day 1, 5 and 14 of a sickness period (the "1-5-14 model");
- a dialogue ("fraværssamtale") when a person has at least 3 sickness periods in 6 months or at
  least 15 sick days in 12 months (Albertslund);
- short-term sickness is at most 14 calendar days, long-term 15 days or more (Vejen; there is no
  official cut-off, DOMAIN.md rule 8);
- a reminder to renew a § 56 agreement 2 months before it expires.

A municipality changes its policy by adding a :class:`PolicyVersion` that applies from a date.
A sickness period is always judged by the version in force on its first sick day
(:func:`policy_for`), so a change never rewrites past cases.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from charlie.core.calendar import add_months

ONE_DAY = timedelta(days=1)


def add_years(day: date, years: int) -> date:
    """``day`` moved by whole years; 29 Feb in a year without one becomes 1 March.

    Used for anniversaries (a 2-year agreement approved 29 Feb 2024 runs out when 28 Feb 2026 has
    passed), so a period of whole years keeps its full length.
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → no such day
        return date(day.year + years, 3, 1)


@dataclass(frozen=True)
class Policy:
    """One version of the local rules. Every field has the default from DOMAIN.md 1.9."""

    contact_days: tuple[int, ...] = (1, 5, 14)
    """Days of the sickness period (day 1 = the 1st sick day) when the manager makes contact."""
    dialogue_min_periods: int = 3
    dialogue_periods_months: int = 6
    dialogue_min_days: int = 15
    dialogue_days_months: int = 12
    short_term_max_days: int = 14
    """A period of at most this many calendar days is short-term; longer is long-term."""
    section_56_renewal_lead_months: int = 2
    """How long before a § 56 agreement expires the renewal reminder falls due."""

    def __post_init__(self) -> None:
        if any(d < 1 for d in self.contact_days):
            raise ValueError("Kontaktdage tælles fra 1 (første sygedag); ret politikken.")
        for name in (
            "dialogue_min_periods",
            "dialogue_periods_months",
            "dialogue_min_days",
            "dialogue_days_months",
            "short_term_max_days",
        ):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} skal være mindst 1; ret politikken.")
        if self.section_56_renewal_lead_months < 0:
            raise ValueError("Varslet for fornyelse af § 56-aftale kan ikke være negativt.")


DEFAULT_POLICY = Policy()


@dataclass(frozen=True)
class PolicyVersion:
    """A policy that applies from ``valid_from`` (inclusive) until the next version's date."""

    valid_from: date
    policy: Policy = field(default_factory=Policy)


def policy_for(on: date, versions: Iterable[PolicyVersion]) -> Policy:
    """The policy in force on ``on``: the version with the latest ``valid_from`` ≤ ``on``.

    Before the first version (or with none) the defaults apply. Pass a sickness period's first
    sick day to get the rule that case keeps for its whole life. Two versions with the same date
    are ambiguous; the one given last wins.
    """
    best: PolicyVersion | None = None
    for version in versions:
        if version.valid_from <= on and (best is None or version.valid_from >= best.valid_from):
            best = version
    return best.policy if best is not None else DEFAULT_POLICY


def is_long_term(days: int, policy: Policy = DEFAULT_POLICY) -> bool:
    """Whether a period of ``days`` calendar days is long-term under ``policy`` (local policy)."""
    return days > policy.short_term_max_days


def contact_dates(first_sick_day: date, policy: Policy = DEFAULT_POLICY) -> list[tuple[int, date]]:
    """(day number, date) of each planned contact; day 1 is the 1st sick day itself."""
    return [(n, first_sick_day + timedelta(days=n - 1)) for n in sorted(set(policy.contact_days))]


@dataclass(frozen=True)
class Period:
    """A sickness period: dates only. ``end`` None means still ongoing."""

    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError("Sidste fraværsdag ligger før første fraværsdag; ret datoerne.")


@dataclass(frozen=True)
class DialogueTrigger:
    """The dialogue rule fired on ``fires_on``; ``count`` periods or days in the window."""

    fires_on: date
    reason: Literal["periods", "days"]
    count: int
    window_start: date
    window_end: date


def _window_start(end: date, months: int) -> date:
    """First day of the rolling window of ``months`` months that ends on ``end`` (inclusive).

    The window is (end − months, end]: 6 months ending 1 Jul 2025 run 2 Jan – 1 Jul 2025, and
    12 months ending 31 Dec 2025 are exactly the 365 days of 2025.
    """
    return add_months(end, -months) + ONE_DAY


DayCounter = Callable[[date], bool]


def find_dialogue_trigger(
    periods: Sequence[Period],
    policies: Policy | Sequence[PolicyVersion] = DEFAULT_POLICY,
    *,
    after: date | None = None,
    until: date,
    counts_as_sick_day: DayCounter | None = None,
) -> DialogueTrigger | None:
    """The first date after ``after`` (exclusive) and up to ``until`` when the dialogue rule fires.

    Local policy (DOMAIN.md 1.9), not law. The rule is checked at each new event:

    - **periods**: on the first day of a sickness period, count the periods that *start* in the
      rolling window of ``dialogue_periods_months`` months ending that day (the new one included);
      it fires when the count reaches ``dialogue_min_periods``;
    - **days**: on each sick day, count the sick days in the rolling window of
      ``dialogue_days_months`` months ending that day; it fires when the count reaches
      ``dialogue_min_days``. Sick days are calendar days by default; pass ``counts_as_sick_day``
      (e.g. a working-day test from the Danish calendar) to count only some days. Overlapping
      periods count each day once; an ongoing period counts up to ``until``.

    The policy is the version in force on the event date. Pass the date of the last dialogue as
    ``after`` to find the next time the rule fires; an event after it fires again while the
    person is still over the threshold. When both rules fire on the same day, "periods" is given.
    """
    sick_days: set[date] = set()
    starts: list[date] = []
    for period in periods:
        if period.start > until:
            continue
        starts.append(period.start)
        end = min(period.end if period.end is not None else until, until)
        day = period.start
        while day <= end:
            if counts_as_sick_day is None or counts_as_sick_day(day):
                sick_days.add(day)
            day += ONE_DAY
    starts.sort()
    days_sorted = sorted(sick_days)

    def policy_on(day: date) -> Policy:
        if isinstance(policies, Policy):
            return policies
        return policy_for(day, policies)

    # Events in date order; a period start is checked before the sick days of the same date.
    events: list[tuple[date, int]] = [(d, 0) for d in sorted(set(starts))]
    events += [(d, 1) for d in days_sorted]
    events.sort()
    for day, kind in events:
        if after is not None and day <= after:
            continue
        policy = policy_on(day)
        if kind == 0:
            window_start = _window_start(day, policy.dialogue_periods_months)
            count = bisect_right(starts, day) - bisect_left(starts, window_start)
            if count >= policy.dialogue_min_periods:
                return DialogueTrigger(day, "periods", count, window_start, day)
        else:
            window_start = _window_start(day, policy.dialogue_days_months)
            count = bisect_right(days_sorted, day) - bisect_left(days_sorted, window_start)
            if count >= policy.dialogue_min_days:
                return DialogueTrigger(day, "days", count, window_start, day)
    return None
