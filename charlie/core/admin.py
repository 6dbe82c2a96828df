"""The Django admin: the administrator's configuration tables only (today: job families).

Users do their work in Charlie's own pages, where scope and audit logging apply. The admin shows
no people, employments, absence, user accounts or roles: users and roles are managed at
``/users/`` (``charlie.accounts``), where every change is audited and HR and DPO need a second
person's approval (decision 0014). What is left here:

- **Who gets in** is decided by the role alone: an active user with the administrator role
  (``is_staff`` and ``is_superuser`` grant nothing; the latter is always false).
- **Log-in** is Charlie's own page: the admin's log-in view only redirects there, so the
  lock-out and the demo rule apply (``core.services.log_in``, decision 0015). Its password
  change redirects to Charlie's own page, which checks the current password through ``log_in``.
- **Every table** registered here uses ``AdministratorAdmin``, whose permissions come from the
  role, so the admin works without Django permissions. A test checks that every registered
  table does (``core/tests/test_admin.py``); Django's own user groups and the task results of
  django-tasks-db (whose arguments may name people) are unregistered.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from charlie.core.models import User
from charlie.core.roles import Role


def is_administrator(user: AbstractBaseUser | AnonymousUser) -> bool:
    """An active user with the administrator role (nothing else lets anyone into the admin)."""
    return (
        isinstance(user, User)
        and user.is_authenticated
        and user.is_active
        and (user.role == Role.ADMIN)
    )


def _has_permission(request: HttpRequest) -> bool:
    return is_administrator(request.user)


@login_not_required
def _login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The admin's log-in is Charlie's log-in page; nothing is checked or logged in here."""
    target = request.GET.get("next") or reverse("admin:index")
    return redirect_to_login(target, login_url=reverse("core:login"))


def _password_change(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    return redirect("core:password_change")


admin.site.has_permission = _has_permission  # type: ignore[method-assign]
admin.site.login = _login  # type: ignore[method-assign]
admin.site.password_change = _password_change  # type: ignore[method-assign,assignment]
admin.site.password_change_done = _password_change  # type: ignore[method-assign,assignment]


class AdministratorAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A configuration table the administrator role may view and edit (no Django permissions)."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)


def unregister_foreign_admins() -> None:
    """Remove tables other apps put in the admin that are not Charlie configuration: Django's
    user groups (permission editing) and django-tasks-db's task results."""
    from django_tasks_db.models import DBTaskResult

    for model in (Group, DBTaskResult):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
