"""Menu registry: each app registers its entries in ``AppConfig.ready`` (core never imports apps).

An entry names the roles that may see it; ``entries_for(user)`` builds the menu for one user. The
menu only hides links: every view still enforces its own permission through its service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.urls import reverse

from charlie.core.models import User
from charlie.core.roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


@dataclass(frozen=True)
class MenuEntry:
    key: str
    label: Any  # a lazy translation
    url_name: str
    order: int = 100
    roles: frozenset[Role] | None = None  # None: every logged-in user
    #: Extra condition, e.g. "is linked to a person record".
    visible: Callable[[User], bool] | None = field(default=None, compare=False)


_registry: dict[str, MenuEntry] = {}


def register(entry: MenuEntry) -> None:
    _registry[entry.key] = entry


def entries_for(user: AbstractBaseUser | AnonymousUser) -> list[MenuEntry]:
    if not isinstance(user, User) or not user.is_authenticated:
        return []
    role = Role(user.role)
    entries = [
        e
        for e in _registry.values()
        if (e.roles is None or role in e.roles) and (e.visible is None or e.visible(user))
    ]
    return sorted(entries, key=lambda e: (e.order, e.key))


def menu_for(user: AbstractBaseUser | AnonymousUser, current_path: str) -> list[dict[str, Any]]:
    """The menu as template data, with the entry for the current page marked."""
    items = []
    for entry in entries_for(user):
        url = reverse(entry.url_name)
        current = current_path == url if url == "/" else current_path.startswith(url)
        # The label as text once: a lazy label with a count (open corrections) would be
        # counted again wherever the template shows the menu (the header and the drawer).
        items.append({"label": str(entry.label), "url": url, "current": current, "key": entry.key})
    return items
