"""Typed request for views behind log-in (the pattern django-htmx recommends), and the one answer
to "a whole page, or only its partial for htmx?"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails

from charlie.core.models import User


class AuthenticatedRequest(HttpRequest):
    """A request whose user is logged in (LoginRequiredMiddleware guarantees it)."""

    user: User  # type: ignore[assignment]
    htmx: HtmxDetails


def wants_partial(request: HttpRequest) -> bool:
    """True for an htmx request that swaps part of the page; false for a normal request and
    for htmx restoring a page from its history (which needs the whole page)."""
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


def render_page(
    request: HttpRequest,
    template: str,
    context: Mapping[str, Any],
    *,
    partial: str,
    status: int = 200,
    partial_status: int | None = None,
) -> HttpResponse:
    """The page ``template``, or only its ``{% partialdef partial %}`` for an htmx request
    (``wants_partial``). ``partial_status`` answers the htmx request with another status (the
    import page's 286 stops htmx polling)."""
    if wants_partial(request):
        return render(
            request,
            f"{template}#{partial}",
            context,
            status=status if partial_status is None else partial_status,
        )
    return render(request, template, context, status=status)
