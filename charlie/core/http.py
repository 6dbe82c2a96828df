"""Typed request for views behind log-in (the pattern django-htmx recommends)."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from charlie.core.models import User


class AuthenticatedRequest(HttpRequest):
    """A request whose user is logged in (LoginRequiredMiddleware guarantees it)."""

    user: User  # type: ignore[assignment]
    htmx: HtmxDetails
