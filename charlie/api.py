"""The REST API at /api/v1/ (django-ninja). Each app adds its router here; see docs/api.md.

Authentication: a personal API token (``Authorization: Bearer charlie_…``, made on the
"API-nøgler" page) or, for the browser and the Swagger page, the logged-in session (which needs
the CSRF token for unsafe methods). The API answers in JSON only: 401 without credentials, never
the redirect to the log-in page that ``LoginRequiredMiddleware`` gives HTML pages.

Charlie's typed errors become JSON here, in one place: ``PermissionDenied`` → 403,
``NotFound``/``Http404`` → 404, ``ValidationFailed`` → 422, each as ``{"detail": …}``. Any other
exception is a server error: logged with its traceback like every server error, answered as a
short JSON 500 without the traceback. Django's own 404 and 500 under /api/ are JSON too
(``charlie.core.views_errors``).
"""

# No ``from __future__ import annotations``: django-ninja reads the annotations at run time.
import logging
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema, Swagger
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, django_auth

from charlie.absence import api as absence_api
from charlie.core.errors import ValidationFailed
from charlie.core.roles import Role
from charlie.core.token_services import authenticate_token
from charlie.core.views_errors import server_error_text
from charlie.learning import api_catalogue as learning_catalogue_api  # learning, catalogue part
from charlie.learning import api_compliance as learning_compliance_api  # learning, compliance
from charlie.learning import api_records as learning_records_api  # learning, records part
from charlie.people import api as people_api
from charlie.people import services as people_services
from charlie.recruitment import api as recruitment_api  # recruitment, pipeline part
from charlie.skills import api as skills_api  # skills, analysis part
from charlie.wellbeing import api_results as wellbeing_results_api  # wellbeing, results part
from charlie.workforce import api as workforce_api


class TokenAuth(HttpBearer):
    """``Authorization: Bearer charlie_…`` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = authenticate_token(token)
        if user is not None:
            # Whatever reads request.user further on (logging, services) sees the token's owner.
            request.user = user
        return user


class CharlieAPI(NinjaAPI):
    """NinjaAPI whose views are exempt from ``LoginRequiredMiddleware``.

    django-ninja 1.7 does not know Django's ``login_not_required``; without it every API call
    without a session would be redirected to the log-in page. Authentication is the auth
    classes' job here, and they answer 401 in JSON.
    """

    @property
    def urls(self) -> tuple[list[Any], str, str]:
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                login_not_required(pattern.callback)
        return patterns, app_name, namespace


api = CharlieAPI(
    title="Charlie API",
    version="1",
    description=(
        "Charlie's REST API. Authenticate with a personal API token from the page "
        "API-nøgler: `Authorization: Bearer charlie_…`. Every endpoint applies the same scope "
        "as the web pages: HR sees everyone, a manager the people in their units, an employee "
        "only themselves."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), django_auth],
    # Served from Charlie's own static files, so the page runs under the strict CSP ('self'
    # scripts, no eval). No external validator badge.
    docs=Swagger(settings={"validatorUrl": None}),
)


# --- Errors: one JSON shape, Danish first ---

#: Django's logger for server errors: the same place and format as an error in a page.
_request_log = logging.getLogger("django.request")


def _error(request: HttpRequest, status: int, detail: Any) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(
        request,
        401,
        _(
            "Du er ikke logget ind. Send en gyldig API-nøgle i headeren "
            "»Authorization: Bearer <nøgle>«. Nøgler laves på siden API-nøgler."
        ),
    )
    response["WWW-Authenticate"] = 'Bearer realm="Charlie"'
    return response


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, _("Din rolle giver ikke adgang til dette."))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, _("Findes ikke, eller du har ikke adgang til det."))


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Anything else is a bug or an outage: log it with its traceback (and tell error reporters,
    as Django does for pages), but answer short JSON — never a traceback or an HTML page."""
    _request_log.error(
        "Internal Server Error: %s",
        request.path,
        exc_info=exc,
        extra={"status_code": 500, "request": request},
    )
    got_request_exception.send(sender=None, request=request)
    return _error(request, 500, server_error_text())


@api.exception_handler(ValidationFailed)
def _invalid(request: HttpRequest, exc: ValidationFailed) -> HttpResponse:
    problems = [
        {"loc": [], "msg": message, "type": "validation_failed"} for message in exc.messages
    ]
    return _error(request, 422, problems)


# --- Who am I ---


class MeOut(Schema):
    """The authenticated user."""

    username: str
    role: Role = Field(description="employee, manager, hr, analyst, dpo or admin.")
    role_label: str = Field(description="The role's name in the user's language.")
    person_id: int | None = Field(description="The user's own person record, if linked.")


@api.get(
    "/me",
    response={200: MeOut, **people_api.COMMON_ERRORS},
    url_name="me",
    operation_id="getMe",
    summary="Who am I",
    tags=["me"],
)
def me(request: HttpRequest) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    person = people_services.own_person(user)
    return {
        "username": user.username,
        "role": user.role,
        "role_label": str(Role(user.role).label),
        "person_id": person.pk if person else None,
    }


api.add_router("/org-units", people_api.org_units_router)
api.add_router("/people", people_api.people_router)
api.add_router("/employments", people_api.employments_router)
api.add_router("/absence", absence_api.router)
api.add_router("/workforce", workforce_api.router)
api.add_router("/skills", skills_api.router)  # skills, analysis part
api.add_router("/learning/courses", learning_catalogue_api.router)  # learning, catalogue part
api.add_router("/learning/compliance", learning_compliance_api.router)  # learning, compliance
api.add_router("/learning/completions", learning_records_api.router)  # learning, records part
api.add_router("/recruitment", recruitment_api.router)  # recruitment, pipeline part
api.add_router("/wellbeing", wellbeing_results_api.router)  # wellbeing, results part
from charlie.portfolio import api_portfolio as portfolio_api  # noqa: E402 (portfolio, benefits part)

api.add_router("/portfolio", portfolio_api.router)  # portfolio, benefits part
