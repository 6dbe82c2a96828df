"""Charlie's one authentication backend: passwords are checked only for ``services.log_in``.

Django's ``authenticate()`` can be called by any code: the admin's log-in form, ``LoginView``,
the test client's ``login()``. Each such path would skip the lock-out and the demo rule that
``charlie.core.services.log_in`` applies. This backend therefore checks a password only when the
call carries a marker that ``authenticate_for_log_in`` (called by ``log_in`` alone) passes; any
other ``authenticate()`` call finds no user (decision 0015).

It also decides who may stay logged in: Django asks the backend for the user behind a session
on every request (``get_user``), and ``user_can_authenticate`` refuses an inactive account and,
while ``CHARLIE_DEMO`` is off, a demo login. So a session opened in demo mode ends the moment
demo mode is turned off.

Django permissions are not used: what a user may do follows from their role (``core.roles``),
decided by the services. The backend grants no model permission, and ``User.is_superuser`` is
kept false by a database constraint, so no flag outside the role grants anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest
from django.views.decorators.debug import sensitive_variables

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Model

    from charlie.core.models import User

    #: Any user Django hands a backend: an account, or the anonymous user.
    AnyUser = AbstractBaseUser | AnonymousUser

#: Passed by ``authenticate_for_log_in`` only; no other caller can make ``authenticate`` work.
_LOG_IN = object()


@sensitive_variables("password")
def authenticate_for_log_in(
    request: HttpRequest | None, *, username: str, password: str
) -> AbstractBaseUser | None:
    """Check a user name and password. For ``charlie.core.services.log_in`` only."""
    from django.contrib.auth import authenticate

    return authenticate(request, username=username, password=password, charlie_log_in=_LOG_IN)


class CharlieRules:
    """What every Charlie backend shares: who may stay logged in, and no Django permission.

    Mixed into ``CharlieBackend`` (passwords) and ``accounts.oidc.OIDCBackend`` (the
    municipality's identity provider), so a session is refused the same way whichever way in
    opened it.
    """

    def user_can_authenticate(self, user: AnyUser | None) -> bool:
        if user is None or not getattr(user, "is_active", False):
            return False
        return not (getattr(user, "is_demo", False) and not settings.DEMO)

    # No model permissions: roles decide (see the module docstring).
    def get_user_permissions(self, user_obj: AnyUser, obj: Model | None = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: AnyUser, obj: Model | None = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: AnyUser, obj: Model | None = None) -> set[str]:
        return set()

    def has_perm(self, user_obj: AnyUser, perm: str, obj: Model | None = None) -> bool:
        return False

    def has_module_perms(self, user_obj: AnyUser, app_label: str) -> bool:
        return False


class CharlieBackend(CharlieRules, ModelBackend):
    @sensitive_variables("password")
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if kwargs.pop("charlie_log_in", None) is not _LOG_IN:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    @sensitive_variables("password")
    async def aauthenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if kwargs.pop("charlie_log_in", None) is not _LOG_IN:
            return None
        return await super().aauthenticate(request, username=username, password=password, **kwargs)
