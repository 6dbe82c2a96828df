"""Work-queue registry: what each user must do today, on the front page (issue 12).

Apps register *providers* in ``AppConfig.ready`` (core never imports apps, like the menu in
``charlie.core.navigation``). A provider takes the caller's ``Access``
(``charlie.privacy.access.Access``; named loosely here because core comes before privacy) and
returns the items it has for that caller — none when the caller's role has nothing to do there.

Providers are called on every front-page request, the page hit most: each must answer with a
few indexed queries, return a handful of rows (the item's link leads to the full list), check
its own permission with ``access.can(...)`` and record every row about another person as read
(``access.record_read``), as any service does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

log = logging.getLogger(__name__)


class Urgency(IntEnum):
    """How soon an item needs the user; the queue shows the most urgent first."""

    OVERDUE = 0
    TODAY = 1
    SOON = 2
    INFO = 3

    @property
    def css(self) -> str:
        return {0: "error", 1: "warning", 2: "info", 3: "info"}[int(self)]


@dataclass(frozen=True)
class QueueRow:
    """One line of an item, e.g. a task with the person it concerns."""

    text: str
    url: str = ""  # a link for the whole line ("" : none)
    detail: str = ""  # a second column: a date, a phone number, a count
    urgency: Urgency = Urgency.INFO
    phone: str = ""  # shown as a tel: link


@dataclass(frozen=True)
class QueueItem:
    """One thing to do, with how many and where to do it."""

    key: str
    title: Any  # str or a lazy translation
    count: int
    urgency: Urgency = Urgency.INFO
    url: str = ""
    link_label: Any = ""
    rows: Sequence[QueueRow] = ()
    #: Rows are the first ``len(rows)`` of ``count``; the page says so when count is larger.
    text: Any = ""  # one sentence under the title (no personal data)
    order: int = 100


Provider = Callable[[Any], Sequence[QueueItem]]

_providers: dict[str, tuple[int, Provider]] = {}


def register(key: str, provider: Provider, *, order: int = 100) -> None:
    """Register (or replace) the provider ``key``; ``order`` breaks ties of urgency."""
    _providers[key] = (order, provider)


def unregister(key: str) -> None:
    _providers.pop(key, None)


def providers() -> list[tuple[str, Provider]]:
    return [(k, p) for k, (_o, p) in sorted(_providers.items(), key=lambda kv: (kv[1][0], kv[0]))]


def items_for(access: Any) -> list[QueueItem]:
    """Every registered provider's items for ``access``, most urgent first.

    A provider that fails is logged and left out: one app's error must not take the front page
    down. (Tests see the error: under ``settings.TESTING`` it is raised.)"""
    from django.conf import settings

    items: list[QueueItem] = []
    for key, provider in providers():
        try:
            items.extend(provider(access))
        except Exception as exc:
            if getattr(settings, "TESTING", False):
                raise
            log.error("work queue provider %s failed (%s)", key, type(exc).__name__)
    return sorted(items, key=lambda i: (int(i.urgency), i.order, i.key))
