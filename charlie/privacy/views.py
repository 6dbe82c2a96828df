"""The data protection officer's audit log pages: search and CSV export (thin over services)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from charlie.core.errors import ValidationFailed
from charlie.core.http import AuthenticatedRequest
from charlie.privacy import services
from charlie.privacy.forms import AuditFilterForm

PAGE_SIZE = 50


@never_cache
@require_GET
def audit(request: AuthenticatedRequest) -> HttpResponse:
    services.require_audit_access(request.user)
    form = AuditFilterForm(request.GET)
    context: dict = {"form": form, "page": None, "rows": []}
    if form.is_valid():
        try:
            entries = services.search_audit(request.user, form.to_filter())
        except ValidationFailed as exc:
            form.add_error("employee_number", exc.messages)
        else:
            page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("side"))
            context.update(page=page, rows=services.rows_for(page.object_list))
            query = request.GET.copy()
            query.pop("side", None)
            context["query"] = query.urlencode()
    status = 400 if form.errors else 200
    return render(request, "privacy/audit.html", context, status=status)


@never_cache
@require_GET
def audit_export(request: AuthenticatedRequest) -> HttpResponseBase:
    services.require_audit_access(request.user)
    form = AuditFilterForm(request.GET)
    if form.is_valid():
        try:
            chunks = services.export_csv_chunks(request.user, form.to_filter())
            first = next(chunks)  # runs the access check and the filter before streaming
        except ValidationFailed as exc:
            form.add_error("employee_number", exc.messages)
        else:

            def stream():  # type: ignore[no-untyped-def]
                yield first
                yield from chunks

            response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            response["Content-Disposition"] = f'attachment; filename="logning-{stamp}.csv"'
            return response
    return render(request, "privacy/audit.html", {"form": form, "rows": []}, status=400)
