"""Views of the records part: the completions file for HR, the xAPI statements that could not
be used, the learning systems' xAPI tokens, and the xAPI endpoint itself (``urls_xapi``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import ValidationFailed
from charlie.core.http import AuthenticatedRequest
from charlie.learning import xapi
from charlie.learning.forms_records import ClientForm, ImportForm
from charlie.learning.permissions import IMPORT_COMPLETIONS
from charlie.learning.services import imports
from charlie.learning.services import xapi as statements
from charlie.people.services import access_of

#: A request body larger than this is refused (about 1,000 statements).
MAX_BODY = 2 * 1024**2


@require_http_methods(["GET", "POST"])
def import_page(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    access.require(IMPORT_COMPLETIONS)
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        # At most one byte over the limit is read: the service refuses a file that long.
        data = upload.read(imports.MAX_FILE_BYTES + 1)
        result = imports.import_completions(
            access, [(upload.name, data)], dry_run=form.cleaned_data["dry_run"]
        )
    return render(request, "learning/records/import.html", {"form": form, "result": result})


@require_GET
def unmatched(request: AuthenticatedRequest) -> HttpResponse:
    page = statements.unmatched(access_of(request), request.GET.get("side"))
    return render(request, "learning/records/unmatched.html", {"page": page})


@require_http_methods(["GET", "POST"])
def clients(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    rows = statements.clients(access)
    form = ClientForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created = statements.create_client(access, form.cleaned_data["name"])
        except ValidationFailed as exc:
            for message in exc.messages:
                form.add_error("name", message)
        else:
            rows = statements.clients(access)
            form = ClientForm()
    return render(
        request,
        "learning/records/clients.html",
        {"clients": rows, "form": form, "created": created},
    )


@require_POST
def revoke_client(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = statements.revoke_client(access_of(request), client_id)
    messages.success(request, _("Adgangen for %(name)s er tilbagekaldt.") % {"name": client.name})
    return redirect(reverse("learning:xapi_clients"))


# --- The xAPI endpoint (no session: a learning system's token) ----------------------------------


def _xapi_response(body: object, status: int = 200) -> JsonResponse:
    response = JsonResponse(body, status=status, safe=False)
    response["X-Experience-API-Version"] = xapi.VERSION
    return response


def _error(status: int, message: str) -> JsonResponse:
    return _xapi_response({"error": message}, status)


@csrf_exempt
@login_not_required
@require_http_methods(["POST"])
def xapi_statements(request: HttpRequest) -> HttpResponse:
    """``POST /xapi/statements``: see docs/api.md, "xAPI"."""
    client_id = statements.client_of(request.headers.get("Authorization"))
    if client_id is None:
        response = _error(401, "a valid Bearer token is required")
        response["WWW-Authenticate"] = 'Bearer realm="xapi"'
        return response
    if not xapi.version_ok(request.headers.get("X-Experience-API-Version")):
        return _error(400, "X-Experience-API-Version 1.0.x is required")
    length = request.headers.get("Content-Length") or "0"
    if not length.isdigit():
        return _error(400, "Content-Length must be a number")
    if int(length) > MAX_BODY:
        return _error(413, "the body is too large")
    try:
        parsed = xapi.parse(request.body)
    except xapi.Invalid as exc:
        return _error(400, str(exc))
    try:
        ids = statements.receive(client_id, parsed)
    except statements.Conflict as exc:
        return _error(409, f"statement {exc.statement_id} is stored with other content")
    return _xapi_response(ids)


@login_not_required
@require_GET
def xapi_about(request: HttpRequest) -> HttpResponse:
    """``GET /xapi/about``: the versions this LRS speaks (xAPI 1.0.3 part 3, section 2.8)."""
    return _xapi_response({"version": [xapi.VERSION], "extensions": {}})
