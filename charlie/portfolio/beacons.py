"""How far a beacon (pejlemærke) has come: pure, no Django.

A beacon's indicator is measured from a baseline toward a target by a deadline. Its progress is
the share of the way from the baseline to the target that the latest measurement has covered —
the same whether the target is above the baseline (more digital applications) or below it
(fewer hours spent on re-keying). The share is not clamped: a measurement that went the wrong
way gives a negative share, one beyond the target a share above 1; ``bar_percent`` clamps it to
0–100 for a progress bar.

Whether the beacon is on track compares the share with the share of the time that has passed
from the baseline's date to the deadline (a straight line from baseline to target): a beacon
that has covered at least as much of the way as of the time is on track.

Example
-------
>>> from datetime import date
>>> from decimal import Decimal
>>> p = progress(
...     baseline=Decimal(40), target=Decimal(80), baseline_on=date(2025, 1, 1),
...     deadline=date(2029, 1, 1), latest=Decimal(60), latest_on=date(2027, 1, 1),
...     on=date(2027, 1, 1),
... )
>>> p.share, p.status
(0.5, 'on_track')
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

#: The statuses of a beacon's progress.
NO_MEASUREMENT = "no_measurement"
REACHED = "reached"
ON_TRACK = "on_track"
BEHIND = "behind"
MISSED = "missed"

STATUSES = (NO_MEASUREMENT, REACHED, ON_TRACK, BEHIND, MISSED)


@dataclass(frozen=True)
class Progress:
    """A beacon's progress at a day.

    ``share``: the part of the way from baseline to target covered by the latest measurement
    (None without a measurement). ``expected_share``: the part of the time from the baseline's
    date to the deadline that has passed at ``on`` (0–1). ``status``: one of ``STATUSES``.
    """

    baseline: Decimal
    target: Decimal
    latest: Decimal | None
    latest_on: date | None
    share: float | None
    expected_share: float
    status: str

    @property
    def bar_percent(self) -> int:
        """The share as a whole percentage between 0 and 100, for a progress bar."""
        if self.share is None:
            return 0
        return max(0, min(100, round(self.share * 100)))

    @property
    def percent(self) -> float | None:
        """The share in per cent, unclamped (None without a measurement)."""
        return None if self.share is None else self.share * 100

    @property
    def expected_percent(self) -> float:
        """The share of the time passed, in per cent."""
        return self.expected_share * 100

    @property
    def remaining(self) -> Decimal | None:
        """How much the indicator still has to move toward the target (0 once reached)."""
        if self.latest is None:
            return None
        if self.status == REACHED:
            return Decimal(0)
        return abs(self.target - self.latest)


def time_share(start: date, end: date, on: date) -> float:
    """The part of the time from ``start`` to ``end`` that has passed at ``on``, 0–1 (an empty
    or reversed period counts as passed once ``on`` reaches ``end``)."""
    total = (end - start).days
    if total <= 0:
        return 1.0 if on >= end else 0.0
    return max(0.0, min(1.0, (on - start).days / total))


def way_share(baseline: Decimal, target: Decimal, value: Decimal) -> float:
    """The part of the way from ``baseline`` to ``target`` that ``value`` has covered (negative
    when it went the other way, above 1 beyond the target). A target equal to the baseline (hold
    the level) is covered (1) when the value is at it, else not (0)."""
    if target == baseline:
        return 1.0 if value == target else 0.0
    return float((value - baseline) / (target - baseline))


def progress(
    *,
    baseline: Decimal,
    target: Decimal,
    baseline_on: date,
    deadline: date,
    latest: Decimal | None,
    latest_on: date | None,
    on: date,
) -> Progress:
    """A beacon's progress at ``on`` from its latest measurement (``latest`` on ``latest_on``;
    None when it has not been measured yet).

    Status: ``reached`` when the latest value is at or beyond the target; otherwise ``missed``
    after the deadline, ``no_measurement`` before any measurement, ``on_track`` when the share
    of the way is at least the share of the time passed, else ``behind``.
    """
    expected = time_share(baseline_on, deadline, on)
    if latest is None:
        status = MISSED if on > deadline else NO_MEASUREMENT
        return Progress(baseline, target, None, None, None, expected, status)
    share = way_share(baseline, target, latest)
    if share >= 1.0:
        status = REACHED
    elif on > deadline:
        status = MISSED
    elif share >= expected:
        status = ON_TRACK
    else:
        status = BEHIND
    return Progress(baseline, target, latest, latest_on, share, expected, status)
