"""The HR upload page and an import's results page (thin over ``imports.services``)."""

from __future__ import annotations

import contextlib

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import ValidationFailed
from charlie.core.forms import add_service_errors
from charlie.core.http import AuthenticatedRequest, render_page
from charlie.imports import services
from charlie.imports.forms import UploadForm
from charlie.people.services import access_of


@never_cache
@require_http_methods(["GET", "POST"])
def upload(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    services.require_import_access(access)
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                run = services.start_upload(
                    access,
                    files=form.cleaned_data["upload"],
                    dry_run=form.cleaned_data["dry_run"],
                    snapshot=form.cleaned_data["snapshot"],
                )
            except ValidationFailed as exc:
                add_service_errors(form, exc, "upload")
            else:
                return redirect("imports:run", run_id=run.pk)
        status = 400
    else:
        form = UploadForm()
    runs = services.recent_runs(access)
    return render(request, "imports/upload.html", {"form": form, "runs": runs}, status=status)


@never_cache
@require_GET
def run_detail(request: AuthenticatedRequest, run_id: int) -> HttpResponse:
    context = services.run_page(access_of(request), run_id=run_id)
    run = context["run"]
    # 286 tells htmx to stop polling: the import is finished.
    return render_page(
        request,
        "imports/run.html",
        context,
        partial="result",
        partial_status=200 if run.is_running else 286,
    )


@never_cache
@require_POST
def confirm(request: AuthenticatedRequest, run_id: int) -> HttpResponse:
    """HR confirms (or declines) a snapshot import that would end many employments."""
    # A run that no longer waits for an answer: its page shows its state as it is.
    with contextlib.suppress(ValidationFailed):
        services.confirm_run(
            access_of(request), run_id=run_id, confirm=request.POST.get("decision") == "yes"
        )
    return redirect("imports:run", run_id=run_id)
