"""Django's error handlers (``handler400``/``404``/``500`` in charlie/urls.py), in one place.

- Under ``/api/`` every error is JSON, ``{"detail": …}``, like the API's own answers
  (charlie/api.py; docs/api.md) — also when Django answers itself: an unknown path, or an error
  in a middleware.
- Elsewhere: a ``ValidationFailed`` that no view caught — bad input in a query string, such as
  ``/workforce/plan.xlsx?to=abc`` — is a 400 page that lists the Danish messages (it subclasses
  Django's ``BadRequest``); any other bad request, a missing page or a server error gets Django's
  handling with Charlie's templates (404.html, 500.html).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults

from charlie.core.errors import ValidationFailed

#: Where charlie/urls.py mounts the API.
API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def server_error_text() -> str:
    return _(
        "Der skete en fejl på serveren. Prøv igen om lidt, og kontakt IT-supporten, hvis det "
        "sker igen."
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    messages = exception.messages if isinstance(exception, ValidationFailed) else []
    if is_api(request):
        detail = messages or [_("Forespørgslen kan ikke bruges.")]
        return JsonResponse({"detail": detail}, status=400)
    if not messages:
        return defaults.bad_request(request, exception)
    return render(request, "core/bad_request.html", {"problems": messages}, status=400)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        detail = _("Findes ikke, eller du har ikke adgang til det.")
        return JsonResponse({"detail": detail}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": server_error_text()}, status=500)
    return defaults.server_error(request)
