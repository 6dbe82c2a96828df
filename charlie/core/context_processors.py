"""Template context every page needs: the menu, the municipality's name, the user's role."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from charlie.core.navigation import menu_for


def shell(request: HttpRequest) -> dict[str, Any]:
    return {
        "menu": menu_for(request.user, request.path),
        "municipality_name": settings.CHARLIE_MUNICIPALITY_NAME,
        "demo_mode": settings.DEMO,
        "local_login": settings.CHARLIE_LOCAL_LOGIN,
    }
