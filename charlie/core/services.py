"""Core use cases: logging in with lock-out, and changing one's own password.

Log-in goes through ``log_in`` so the lock-out rule and the demo-login rule cannot be bypassed
by a view: the authentication backend (``core.backends``) checks a password for ``log_in`` only,
so Django's other log-in paths (the admin's form, ``LoginView``) find no user (decision 0015).
Passwords are checked by Django's hashers (PBKDF2 by default).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.backends import authenticate_for_log_in
from charlie.core.errors import ValidationFailed
from charlie.core.formats import format_time
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
    whether the user name exists. Demo logins work only while ``CHARLIE_DEMO`` is on. With local
    passwords off (``CHARLIE_LOCAL_LOGIN=0``) every other account is refused.
    """
    username = username.strip().lower()
    now = timezone.now()
    until = _locked_until(username, now)
    if until is not None:
        return LoginResult(None, locked_until=until)
    # User names are matched without regard to case, whatever case an administrator typed.
    stored = User.objects.filter(username__iexact=username).values_list("username", "is_demo")
    found = stored.first()
    if not settings.CHARLIE_LOCAL_LOGIN and not (settings.DEMO and found and found[1]):
        # Local passwords are off (CHARLIE_LOCAL_LOGIN=0): only the public demo logins, in demo
        # mode, still use one. The password is not even checked.
        LoginAttempt.objects.create(username=username, ip_address=ip_address, succeeded=False)
        return LoginResult(None)
    user = authenticate_for_log_in(
        request, username=found[0] if found else username, password=password
    )
    if user is not None and getattr(user, "is_demo", False) and not settings.DEMO:
        user = None
    LoginAttempt.objects.create(
        username=username, ip_address=ip_address, succeeded=user is not None
    )
    if user is None:
        return LoginResult(None, locked_until=_locked_until(username, now))
    return LoginResult(user)  # type: ignore[arg-type]


def change_own_password(
    *,
    request: Any,
    user: User,
    current_password: str,
    new_password: str,
    new_password_again: str,
    ip_address: str | None,
) -> None:
    """Let a logged-in user choose a new password; raises ``ValidationFailed`` in Danish.

    The current password is checked through ``log_in``, so a wrong guess counts towards the
    lock-out like one on the log-in page (this form must not be a way to try passwords without
    it). A demo login's password is public and fixed. Choosing one's own password ends
    ``password_from_administrator`` (the password an administrator gave is no longer valid).
    """
    if user.is_demo:
        raise ValidationFailed([_("Demo-logins har en fast adgangskode, som ikke kan ændres.")])
    result = log_in(
        request=request, username=user.username, password=current_password, ip_address=ip_address
    )
    if result.user is None or result.user.pk != user.pk:
        if result.locked_until is not None:
            raise ValidationFailed(
                [
                    _(
                        "For mange mislykkede forsøg. Du kan prøve igen kl. %(until)s, eller "
                        "kontakte en administrator."
                    )
                    % {"until": format_time(timezone.localtime(result.locked_until))}
                ]
            )
        raise ValidationFailed([_("Den nuværende adgangskode er forkert. Prøv igen.")])
    if new_password != new_password_again:
        raise ValidationFailed([_("De to nye adgangskoder er ikke ens. Skriv den samme to gange.")])
    if new_password == current_password:
        raise ValidationFailed([_("Vælg en ny adgangskode, der er forskellig fra den nuværende.")])
    check_new_password(new_password, user=user)
    user.set_password(new_password)
    user.password_from_administrator = False
    user.save(update_fields=["password", "password_from_administrator"])


def check_new_password(password: str, *, user: User | None = None) -> None:
    """Django's password rules (settings.AUTH_PASSWORD_VALIDATORS), as ``ValidationFailed``."""
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationFailed(list(exc.messages)) from None


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
