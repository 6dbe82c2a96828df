"""The Django admin: administrators' configuration tables only (users and roles, job families).

Users do their work in Charlie's own pages, where scope and (later) audit logging apply; the
admin never shows people, employments or absence. Only the administrator role gets in.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from charlie.core.models import User
from charlie.core.roles import Role


def _is_administrator(request: Any) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff and user.role == Role.ADMIN)


admin.site.has_permission = _is_administrator  # type: ignore[method-assign]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "is_active", "last_login")
    list_filter = ("role", "is_active", "is_demo")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Charlie"), {"fields": ("role", "is_demo")}),
    )
