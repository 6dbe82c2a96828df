"""Privacy pages (thin over services): the DPO's audit log search and CSV export, and the
data-use register: "Sådan bruger vi HR-data" for everyone, the DPO's edit page; "Mine data",
the logged-in user's own data (no person id in the URL: it is always the user's own) as a page,
JSON and PDF, with "Anmod om rettelse"; and HR's task list of requests for correction."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import ValidationFailed
from charlie.core.forms import add_service_errors
from charlie.core.http import AuthenticatedRequest
from charlie.privacy import services
from charlie.privacy.forms import (
    AuditFilterForm,
    CorrectionHandleForm,
    CorrectionRequestForm,
    PurposeForm,
)
from charlie.privacy.permissions import EDIT_REGISTER
from charlie.privacy.registry import access_of, person_resolver


@never_cache
@require_GET
def audit(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    services.require_audit_access(access)
    form = AuditFilterForm(request.GET)
    context: dict = {"form": form, "page": None, "rows": []}
    if form.is_valid():
        try:
            page, rows = services.audit_page(access, form.to_filter(), page=request.GET.get("side"))
        except ValidationFailed as exc:
            add_service_errors(form, exc, "employee_number")
        else:
            context.update(page=page, rows=rows)
            query = request.GET.copy()
            query.pop("side", None)
            context["query"] = query.urlencode()
    status = 400 if form.errors else 200
    return render(request, "privacy/audit.html", context, status=status)


@never_cache
@require_GET
def audit_export(request: AuthenticatedRequest) -> HttpResponseBase:
    access = access_of(request)
    services.require_audit_access(access)
    form = AuditFilterForm(request.GET)
    if form.is_valid():
        try:
            # Checks access and the filter now; the rows are read (and audited) as they stream.
            chunks = services.export_csv_chunks(access, form.to_filter())
        except ValidationFailed as exc:
            add_service_errors(form, exc, "employee_number")
        else:
            response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            response["Content-Disposition"] = f'attachment; filename="logning-{stamp}.csv"'
            return response
    return render(request, "privacy/audit.html", {"form": form, "rows": []}, status=400)


# --- "Mine data" (GDPR art. 15 and 20) ---


def _my_data_page(
    request: AuthenticatedRequest, form: CorrectionRequestForm | None = None, status: int = 200
) -> HttpResponse:
    limit = services.MY_DATA_AUDIT_LIMIT
    data = services.my_data(access_of(request), audit_limit=limit)
    if form is None:
        form = CorrectionRequestForm(choices=data.category_choices)
    context = {"data": data, "audit_limit": limit, "correction_form": form}
    return render(request, "privacy/my_data.html", context, status=status)


@never_cache
@require_GET
def my_data(request: AuthenticatedRequest) -> HttpResponse:
    return _my_data_page(request)


@never_cache
@require_GET
def my_data_json(request: AuthenticatedRequest) -> HttpResponse:
    payload = services.my_data_export(access_of(request))
    body = json.dumps(payload, ensure_ascii=False, indent=2)
    response = HttpResponse(body.encode("utf-8"), content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mine-data-{stamp}.json"'
    return response


@never_cache
@require_GET
def my_data_pdf(request: AuthenticatedRequest) -> HttpResponse:
    """The same as the page, as a tagged A4 PDF (nothing fetched from outside)."""
    limit = services.MY_DATA_AUDIT_LIMIT
    data = services.my_data(
        access_of(request), audit_limit=limit, detail=services.MY_DATA_PDF_DETAIL
    )
    now = timezone.localtime()
    context = {
        "data": data,
        "audit_limit": limit,
        "generated": now,
        "municipality_name": settings.CHARLIE_MUNICIPALITY_NAME,
    }
    html = render_to_string("privacy/my_data_pdf.html", context)
    response = HttpResponse(services.render_pdf(html), content_type="application/pdf")
    stamp = now.date().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mine-data-{stamp}.pdf"'
    return response


@never_cache
@require_POST
def correction_create(request: AuthenticatedRequest) -> HttpResponse:
    """ "Anmod om rettelse": always about the user's own data (no person id in the form)."""
    form = CorrectionRequestForm(request.POST, choices=services.correction_choices())
    if form.is_valid():
        try:
            services.request_correction(
                access_of(request),
                category=form.cleaned_data["category"],
                message=form.cleaned_data["message"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Din anmodning om rettelse er sendt til HR. Du kan følge den under "
                    "»Mine anmodninger om rettelse« på denne side."
                ),
            )
            return redirect(reverse("privacy:my_data") + "#rettelser")
    return _my_data_page(request, form, status=400)


# --- HR's task list: requests for correction ---


@never_cache
@require_GET
def corrections(request: AuthenticatedRequest) -> HttpResponse:
    page, rows = services.list_corrections(access_of(request), page=request.GET.get("side"))
    context = {"page": page, "rows": rows, "open_count": services.open_corrections_count()}
    return render(request, "privacy/corrections.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def correction(request: AuthenticatedRequest, request_id: int) -> HttpResponse:
    access = access_of(request)
    services.require_corrections_access(access)
    form = (
        CorrectionHandleForm(request.POST) if request.method == "POST" else CorrectionHandleForm()
    )
    if request.method == "POST" and form.is_valid():
        try:
            handled = services.handle_correction(
                access,
                request_id=request_id,
                status=form.cleaned_data["status"],
                response=form.cleaned_data["response"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Anmodningen er markeret som »%(status)s«. Medarbejderen kan se det under "
                    "»Mine data«."
                )
                % {"status": handled.get_status_display()},
            )
            return redirect("privacy:corrections")
    row = services.get_correction(access, request_id)
    status = 400 if form.is_bound and form.errors else 200
    correct_url = (
        person_resolver().correction_url(row.request.subject_person_id, row.request.pk)
        if row.person is not None and row.request.subject_person_id != access.person_id
        else None
    )
    context = {"row": row, "form": form, "correct_url": correct_url}
    return render(request, "privacy/correction.html", context, status=status)


# --- The data-use register ---


@require_GET
def register(request: AuthenticatedRequest) -> HttpResponse:
    """ "Sådan bruger vi HR-data": every purpose in the register, for every logged-in user."""
    rows = [
        {"purpose": p, "category_labels": services.category_labels(p.categories)}
        for p in services.purposes()
    ]
    can_edit = access_of(request).can(EDIT_REGISTER)
    return render(request, "privacy/register.html", {"rows": rows, "can_edit": can_edit})


@never_cache
@require_http_methods(["GET", "POST"])
def register_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    access = access_of(request)
    services.require_register_editor(access)
    purpose = services.get_purpose(code)
    if request.method == "POST":
        form = PurposeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_purpose(access, code=code, **data)
            except ValidationFailed as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Formålet »%(name)s« er gemt.") % {"name": data["name"].strip()}
                )
                return redirect("privacy:register")
    else:
        initial = {name: getattr(purpose, name) for name in services.EDITABLE_FIELDS}
        form = PurposeForm(initial=initial)
    context = {"form": form, "purpose": purpose, "history": services.history(code)}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "privacy/register_edit.html", context, status=status)
