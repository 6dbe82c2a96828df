"""Core use cases: logging in with lock-out.

Log-in goes through ``log_in`` so the lock-out rule and the demo-login rule cannot be bypassed
by a view. Passwords are checked by Django's hashers (PBKDF2 by default).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils import timezone

from charlie.core.lockout import Attempt, LockoutPolicy, locked_until
from charlie.core.models import LoginAttempt, User


def lockout_policy() -> LockoutPolicy:
    return LockoutPolicy(
        max_failures=settings.CHARLIE_LOCKOUT_MAX_FAILURES,
        window=timedelta(minutes=settings.CHARLIE_LOCKOUT_MINUTES),
    )


@dataclass(frozen=True, slots=True)
class LoginResult:
    user: User | None
    locked_until: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.user is not None


def _locked_until(username: str, now: datetime) -> datetime | None:
    policy = lockout_policy()
    attempts = [
        Attempt(at, ok)
        for at, ok in LoginAttempt.objects.filter(
            username=username, attempted_at__gt=now - policy.window
        ).values_list("attempted_at", "succeeded")
    ]
    return locked_until(attempts, now=now, policy=policy)


def log_in(*, request: Any, username: str, password: str, ip_address: str | None) -> LoginResult:
    """Check a log-in; record the attempt; refuse while the account is locked.

    A locked account is refused even with the right password, and the answer does not tell
    whether the user name exists. Demo logins work only while ``CHARLIE_DEMO`` is on.
    """
    username = username.strip().lower()
    now = timezone.now()
    until = _locked_until(username, now)
    if until is not None:
        return LoginResult(None, locked_until=until)
    # User names are matched without regard to case, whatever case an administrator typed.
    stored = User.objects.filter(username__iexact=username).values_list("username", flat=True)
    user = authenticate(request, username=stored.first() or username, password=password)
    if user is not None and getattr(user, "is_demo", False) and not settings.DEMO:
        user = None
    LoginAttempt.objects.create(
        username=username, ip_address=ip_address, succeeded=user is not None
    )
    if user is None:
        return LoginResult(None, locked_until=_locked_until(username, now))
    return LoginResult(user)  # type: ignore[arg-type]


def prune_login_attempts(*, older_than_days: int = 30) -> int:
    """Delete log-in attempts older than the given number of days; returns how many."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    deleted, _ = LoginAttempt.objects.filter(attempted_at__lt=cutoff).delete()
    return deleted


# --- Disclosure control: the minimum group size (charlie.core.disclosure) ---


def min_group_size(category: str | None = None) -> int:
    """The smallest group an aggregate of ``category`` may show (DOMAIN.md 5.3).

    ``CHARLIE_MIN_GROUP_SIZE`` (default 5) for every category, unless
    ``CHARLIE_MIN_GROUP_SIZES`` names a higher floor for it (default ``chikane=20``: questions
    about harassment). A floor below the default is ignored: a category can only be stricter.
    """
    default = max(int(settings.CHARLIE_MIN_GROUP_SIZE), 2)
    if category is None:
        return default
    return max(default, int(settings.CHARLIE_MIN_GROUP_SIZE_BY_CATEGORY.get(category, default)))
