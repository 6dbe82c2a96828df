"""Reading a view's query string in one way, so that no value can turn into a 500.

Most query strings are read by a Django form (``PlanForm``, ``DashboardForm``,
``AuditFilterForm``), whose errors the view shows; a ``ValidationFailed`` a view does not catch
is a 400 page (``core.views_errors.bad_request``). A view that reads a free-text parameter
directly — a search, an employee number — reads it with ``query_text``.
"""

from __future__ import annotations

from django.http import HttpRequest


def query_text(request: HttpRequest, name: str, *, max_length: int = 100) -> str:
    """The text parameter ``name`` (``""`` when absent): without unprintable characters (a NUL
    byte is an error in PostgreSQL, and no name or number holds a control character, so they
    are dropped as the people search always did), trimmed, at most ``max_length`` characters."""
    value = "".join(char for char in request.GET.get(name, "") if char.isprintable())
    return value.strip()[:max_length]


def query_id(request: HttpRequest, name: str) -> int | None:
    """The positive whole number ``name`` (an id, a page number); ``None`` when it is absent or
    anything else (a sign, a decimal, letters, more than 9 digits), so it never becomes a 500."""
    value = request.GET.get(name, "").strip()
    return int(value) if value.isdigit() and 0 < len(value) < 10 else None
