from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from charlie.core import health, services
from charlie.core.errors import ValidationFailed
from charlie.core.formats import format_time
from charlie.core.forms import LoginForm, PasswordChangeForm, add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest


def _client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


@login_not_required
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    # Local passwords off (CHARLIE_LOCAL_LOGIN=0): no form, except for the demo logins in demo
    # mode; the log-in service refuses every other password anyway.
    password_form = settings.CHARLIE_LOCAL_LOGIN or settings.DEMO
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and not password_form:
        form = LoginForm()
        messages.error(request, _("Log ind med kommunens konto. Adgangskoder bruges ikke her."))
        status = 403
    elif request.method == "POST" and form.is_valid():
        result = services.log_in(
            request=request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
            ip_address=_client_ip(request),
        )
        if result.user is not None:
            login(request, result.user)
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        status = 400
        if result.locked_until is not None:
            until = format_time(timezone.localtime(result.locked_until))
            form.add_error(
                None,
                _(
                    "For mange mislykkede forsøg. Kontoen er låst til kl. %(until)s. "
                    "Prøv igen senere, eller kontakt HR."
                )
                % {"until": until},
            )
        else:
            form.add_error(None, _("Forkert brugernavn eller adgangskode. Prøv igen."))
    context = {
        "form": form,
        "next": next_url,
        "password_form": password_form,
        "demo_only": not settings.CHARLIE_LOCAL_LOGIN,
        "oidc": settings.CHARLIE_OIDC_ENABLED,
    }
    return render(request, "core/login.html", context, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@never_cache
@require_http_methods(["GET", "POST"])
def password_change(request: AuthenticatedRequest) -> HttpResponse:
    """ "Skift adgangskode": the logged-in user's own password (the only way to change it).

    With local passwords off there is nothing to change: the page says so, and a POST is 403."""
    if not settings.CHARLIE_LOCAL_LOGIN:
        status = 403 if request.method == "POST" else 200
        return render(request, "core/password_change.html", {"no_passwords": True}, status=status)
    form = PasswordChangeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.change_own_password(
                    request=request,
                    user=request.user,
                    current_password=form.cleaned_data["current_password"],
                    new_password=form.cleaned_data["new_password"],
                    new_password_again=form.cleaned_data["new_password_again"],
                    ip_address=_client_ip(request),
                )
            except ValidationFailed as exc:
                add_service_errors(form, exc)
            else:
                update_session_auth_hash(request, request.user)  # stay logged in here
                messages.success(request, _("Din adgangskode er skiftet."))
                return redirect(settings.LOGIN_REDIRECT_URL)
    context = {"form": form, "errors": error_links(form) if form.is_bound else []}
    return render(request, "core/password_change.html", context, status=status)


@login_not_required
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/accessibility.html",
        {
            "email": settings.CHARLIE_ACCESSIBILITY_EMAIL,
            "phone": settings.CHARLIE_ACCESSIBILITY_PHONE,
            "was_url": settings.CHARLIE_ACCESSIBILITY_STATEMENT_URL,
        },
    )


@login_not_required
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Health check for the reverse proxy, a load balancer and systemd: 200 when the database
    answers a trivial query, else 503 — short JSON either way, no data, no database write, and
    no error text (it could name hosts or users)."""
    if not health.database_answers():
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
