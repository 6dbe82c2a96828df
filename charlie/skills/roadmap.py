"""The personal skill road map (issue 13, point 5), pure: the standard library only.

From a person's gap to a role profile (``gaps.gap``) and the activities that raise each skill
(hand-entered ``LearningActivity`` rows and whatever a registered provider offers — later the
learning app's course catalogue), :func:`propose` chooses, for every requirement not met, the
activity that reaches the required level with the fewest hours; orders the steps essential
first, then the largest gap; and lays them out one after another on a timeline from a start
date. A step lasts its activity's weeks, or longer when its hours do not fit in the weekly budget
of learning hours (``hours_per_week``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from charlie.skills.gaps import GapLine

#: The weekly budget of learning hours when the municipality sets none.
DEFAULT_HOURS_PER_WEEK = 4.0


@dataclass(frozen=True)
class Option:
    """One activity that raises ``skill_id`` to ``raises_to``. ``key`` is stable across
    requests (``"local:12"`` for a LearningActivity, a provider's own key otherwise)."""

    key: str
    skill_id: int
    title: str
    kind: str
    hours: float
    raises_to: int
    weeks: int = 4
    source: str = "local"
    #: The next date the activity starts (a catalogue course's next session), if known.
    starts_on: date | None = None


@dataclass(frozen=True)
class Step:
    option: Option
    line: GapLine
    starts_on: date
    ends_on: date

    @property
    def weeks(self) -> int:
        return ((self.ends_on - self.starts_on).days + 1) // 7


@dataclass(frozen=True)
class Roadmap:
    steps: list[Step]
    #: Requirements not met for which no activity reaches the level.
    unresolved: list[GapLine] = field(default_factory=list)
    #: Requirements already met.
    met: list[GapLine] = field(default_factory=list)

    @property
    def total_hours(self) -> float:
        return sum(s.option.hours for s in self.steps)

    @property
    def ends_on(self) -> date | None:
        return max((s.ends_on for s in self.steps), default=None)


def best_option(line: GapLine, options: Iterable[Option]) -> Option | None:
    """The activity for ``line``'s skill that reaches the required level with the fewest hours
    (then the fewest weeks, then the key, so the choice is stable); ``None`` if none does."""
    fitting = [o for o in options if o.skill_id == line.skill_id and o.raises_to >= line.required]
    if not fitting:
        return None
    return min(fitting, key=lambda o: (o.hours, o.weeks, o.key))


def duration_weeks(option: Option, hours_per_week: float) -> int:
    """The activity's weeks, or more when its hours exceed the weekly budget that long."""
    if hours_per_week <= 0:
        raise ValueError("The weekly budget of learning hours must be positive.")
    return max(1, option.weeks, math.ceil(option.hours / hours_per_week))


def order_key(line: GapLine) -> tuple[bool, int, int]:
    """Essential before nice-to-have, then the largest gap, then the skill id."""
    return (not line.essential, -line.missing, line.skill_id)


def propose(
    lines: Sequence[GapLine],
    options: Iterable[Option],
    *,
    start: date,
    hours_per_week: float = DEFAULT_HOURS_PER_WEEK,
) -> Roadmap:
    """The proposed road map: one step per unmet requirement that some activity can close."""
    pool = list(options)
    chosen: list[tuple[Option, GapLine]] = []
    unresolved: list[GapLine] = []
    met = [line for line in lines if line.met]
    for line in sorted((ln for ln in lines if not ln.met), key=order_key):
        option = best_option(line, pool)
        if option is None:
            unresolved.append(line)
        else:
            chosen.append((option, line))
    return Roadmap(lay_out(chosen, start=start, hours_per_week=hours_per_week), unresolved, met)


def lay_out(
    chosen: Sequence[tuple[Option, GapLine]],
    *,
    start: date,
    hours_per_week: float = DEFAULT_HOURS_PER_WEEK,
    starts: Sequence[date | None] | None = None,
) -> list[Step]:
    """The steps one after another from ``start``, in the given order. ``starts`` may fix a
    step's start date (the employee and manager moved it); the next step then follows it."""
    steps: list[Step] = []
    at = start
    for i, (option, line) in enumerate(chosen):
        fixed = starts[i] if starts is not None and i < len(starts) else None
        begins = fixed or at
        ends = begins + timedelta(weeks=duration_weeks(option, hours_per_week)) - timedelta(days=1)
        steps.append(Step(option, line, begins, ends))
        at = ends + timedelta(days=1)
    return steps
