"""Menu registry: each app registers its entries in ``AppConfig.ready`` (core never imports apps).

An entry names the roles that may see it; ``entries_for(user)`` builds the menu for one user. The
menu only hides links: every view still enforces its own permission through its service.

Entries sit in groups (``GROUPS``: "Mine sider", "Personale", "Fravær", …), one per area of
work rather than per app, so that HR's 50-odd entries are eight dropdowns in the header and eight
folds in the phone's drawer. A group the user sees one entry of is shown as that entry's link;
an entry without a group (the front page) stands on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from charlie.core.models import User
from charlie.core.roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


@dataclass(frozen=True)
class MenuGroup:
    key: str
    label: Any  # a lazy translation
    order: int


#: The menu's groups, in their order. An entry names one by its key.
GROUPS = {
    group.key: group
    for group in (
        MenuGroup("mine", _("Mine sider"), 10),
        MenuGroup("people", _("Personale"), 20),
        MenuGroup("absence", _("Fravær"), 30),
        MenuGroup("learning", _("Kompetencer"), 40),
        MenuGroup("recruitment", _("Rekruttering"), 50),
        MenuGroup("wellbeing", _("Trivsel"), 60),
        MenuGroup("portfolio", _("Digitalisering"), 70),
        MenuGroup("data", _("Data og adgang"), 80),
    )
}


@dataclass(frozen=True)
class MenuEntry:
    key: str
    label: Any  # a lazy translation
    url_name: str
    order: int = 100
    group: str = ""  # a key of GROUPS; empty: on its own (the front page)
    roles: frozenset[Role] | None = None  # None: every logged-in user
    #: Extra condition, e.g. "is linked to a person record".
    visible: Callable[[User], bool] | None = field(default=None, compare=False)


_registry: dict[str, MenuEntry] = {}


def register(entry: MenuEntry) -> None:
    if entry.group and entry.group not in GROUPS:
        raise ValueError(f"menu entry {entry.key}: unknown group {entry.group!r}")
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
    """The menu as template data: the groups in order, each with its entries (``entries``), the
    entry for the current page and its group marked ``current``. A group with one entry for
    this user, and an entry without a group, is a plain link (``entries`` empty)."""
    links: dict[str, list[dict[str, Any]]] = {}
    alone: list[tuple[int, dict[str, Any]]] = []
    entries = [(entry, reverse(entry.url_name)) for entry in entries_for(user)]
    # The current page is the entry with the longest URL the path starts with (the portfolio's
    # front page, /digitalisering/, is a prefix of all its pages): one entry, not several.
    matching = [
        url
        for _entry, url in entries
        if (current_path == url if url == "/" else current_path.startswith(url))
    ]
    current_url = max(matching, key=len, default=None)
    for entry, url in entries:
        # The label as text once: a lazy label with a count (open corrections) would be
        # counted again wherever the template shows the menu (the header and the drawer).
        link = {
            "label": str(entry.label),
            "url": url,
            "current": url == current_url,
            "key": entry.key,
        }
        if entry.group:
            links.setdefault(entry.group, []).append(link)
        else:
            alone.append((entry.order, {**link, "entries": []}))
    items = list(alone)
    for key, group_links in links.items():
        group = GROUPS[key]
        if len(group_links) == 1:
            items.append((group.order, {**group_links[0], "entries": []}))
            continue
        items.append(
            (
                group.order,
                {
                    "label": str(group.label),
                    "key": key,
                    "url": "",
                    "current": any(link["current"] for link in group_links),
                    "entries": group_links,
                },
            )
        )
    return [item for _order, item in sorted(items, key=lambda pair: pair[0])]
