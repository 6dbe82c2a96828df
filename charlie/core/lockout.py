"""Lock-out after repeated failed log-ins: a pure rule, no Django.

The rule: an account is locked while it has ``max_failures`` or more failed attempts within the
last ``window``, counted since its last successful log-in. The lock lifts by itself when the oldest
counted failure leaves the window.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class Attempt:
    at: datetime
    succeeded: bool


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)


def locked_until(
    attempts: Iterable[Attempt], *, now: datetime, policy: LockoutPolicy
) -> datetime | None:
    """Return when the lock lifts, or ``None`` when the account is not locked.

    >>> from datetime import UTC
    >>> t = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    >>> fails = [Attempt(t + timedelta(minutes=i), False) for i in range(5)]
    >>> locked_until(fails, now=t + timedelta(minutes=5), policy=LockoutPolicy())
    datetime.datetime(2026, 1, 5, 9, 15, tzinfo=datetime.timezone.utc)
    """
    since = now - policy.window
    failures: list[datetime] = []
    for attempt in sorted(attempts, key=lambda a: a.at):
        if attempt.succeeded:
            failures.clear()
        elif attempt.at > since:
            failures.append(attempt.at)
    if len(failures) < policy.max_failures:
        return None
    # The lock lasts until enough failures have aged out of the window.
    return failures[-policy.max_failures] + policy.window
