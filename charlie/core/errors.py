"""Typed errors raised by services and turned into HTTP answers in one place.

Services raise these; views and the API never decide access themselves. ``PermissionDenied``
answers 403 (the role may never do this); ``NotFound`` answers 404 and is also used where the
*existence* of a record is private (a person outside the caller's scope); ``ValidationFailed``
answers 400 in a page and 422 in the API.
"""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404


class PermissionDenied(DjangoPermissionDenied):
    """The caller's role may not do this at all: 403."""


class NotFound(Http404):
    """No such record in the caller's scope: 404, whether it exists or not."""


class ValidationFailed(BadRequest, ValueError):
    """User input that cannot be used; ``messages`` are shown to the user.

    Views and the API catch it where they can show the messages beside the input. One that
    escapes a view is a 400 page listing them (``core.views_errors.bad_request``), never a 500;
    the API answers 422 (charlie/api.py). ``field`` names the input the messages are about,
    where the service knows it (``core.forms.add_service_errors`` puts them beside it)."""

    def __init__(self, messages: list[str], field: str | None = None):
        super().__init__("; ".join(messages))
        self.messages = messages
        self.field = field
