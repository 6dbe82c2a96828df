"""Views of the applying part: the public application form, the applicant's own page and the
talent pool by private link (``urls_public_applying``, at ``/job/``), and HR's and the
committee's pages (``urls_applying``, at ``/rekruttering/``). Thin: parse, call a service,
render."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import ValidationFailed
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of
from charlie.recruitment.forms_applying import ApplicationForm, PoolFilterForm, ProfileForm
from charlie.recruitment.services import applying, talent

View = Callable[..., HttpResponse]


def private(view: View) -> View:
    """A page reached by a private link: no log-in, never cached, and the link (which is the
    key) never sent to another site as a referrer. (``same-origin``, not ``no-referrer``: with
    no referrer at all the browser posts the forms with ``Origin: null``, which CSRF refuses.)"""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        return response

    return login_not_required(never_cache(wrapped))


def _put_errors(form: Any, exc: ValidationFailed) -> None:
    """A service's errors beside their fields (``FieldErrors``) or on the form."""
    if isinstance(exc, applying.FieldErrors):
        for field, message in exc.errors:
            form.add_error(field if field in form.fields else None, message)
    else:
        add_service_errors(form, exc)


# --- Applying -------------------------------------------------------------------------------------


@private
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    ad = applying.open_ad(slug)  # 404 unless published and open
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = applying.submit_application(
                ad,
                form.submission(),
                cv=form.cleaned_data["cv"],
                letter=form.cleaned_data["letter"],
            )
        except ValidationFailed as exc:
            _put_errors(form, exc)
        else:
            if result.token is None:
                return render(request, "recruitment/applying/already_received.html", {"ad": ad})
            messages.success(
                request,
                _(
                    "Tak! Vi har modtaget din ansøgning. Vi har sendt en kvittering med linket "
                    "til denne side til din e-mail."
                ),
            )
            return redirect(applying.private_url(result.token))
    return render(
        request,
        "recruitment/applying/apply.html",
        {
            "ad": ad,
            "ad_url": applying.ad_path(ad),
            "form": form,
            "errors": error_links(form),
            "consent_version": applying.APPLICATION_CONSENT_VERSION,
            "consent_months": talent.consent_months(),
        },
    )


@private
@require_GET
def my_application(request: HttpRequest, token: str) -> HttpResponse:
    own = applying.own_application(token)
    return render(request, "recruitment/applying/mine.html", {"own": own, "token": token})


@private
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    own = applying.own_application(token)
    error = ""
    if request.method == "POST":
        try:
            applying.withdraw_own(token)
        except ValidationFailed as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Din ansøgning er trukket tilbage."))
            return redirect(applying.private_url(token))
    return render(
        request,
        "recruitment/applying/withdraw.html",
        {"own": own, "token": token, "error": error},
        status=400 if error else 200,
    )


@private
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, token: str) -> HttpResponse:
    own = applying.own_application(token)
    error = ""
    if request.method == "POST":
        try:
            title = applying.delete_own(token)
        except ValidationFailed as exc:
            error = " ".join(exc.messages)
        else:
            return render(request, "recruitment/applying/deleted.html", {"title": title})
    return render(
        request,
        "recruitment/applying/delete.html",
        {"own": own, "token": token, "error": error},
        status=400 if error else 200,
    )


# --- The talent pool (public) ---------------------------------------------------------------------


@private
@require_http_methods(["GET", "POST"])
def talent_signup(request: HttpRequest) -> HttpResponse:
    invitation = (request.POST.get("invitation") or request.GET.get("invitation") or "")[:500]
    initial = talent.invitation_prefill(invitation) if invitation else None
    form = ProfileForm(request.POST or None, initial=initial or {})
    if request.method == "POST" and form.is_valid():
        try:
            talent.sign_up(form.profile_data(), invitation=invitation)
        except ValidationFailed as exc:
            _put_errors(form, exc)
        else:
            return render(
                request,
                "recruitment/talent/signed_up.html",
                {"email": form.cleaned_data["email"]},
            )
    return render(
        request,
        "recruitment/talent/signup.html",
        {
            "form": form,
            "errors": error_links(form),
            "invitation": invitation if initial else "",
            "consent_version": talent.POOL_CONSENT_VERSION,
            "consent_months": talent.consent_months(),
        },
    )


@private
@require_http_methods(["GET", "POST"])
def talent_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the sign-up's e-mail: a page with a button that confirms (a GET changes
    nothing, because mail scanners open links by themselves). Followed again after the
    confirmation, it leads to the profile."""
    profile = talent.confirmation_of(token)  # 404 for a wrong or too old link
    if request.method == "POST" and profile.confirmed_at is None:
        profile = talent.confirm(token)
        messages.success(
            request,
            _("Tak! Du er nu i talentbanken. Dit samtykke gælder til og med %(until)s.")
            % {"until": talent.until_text(profile)},
        )
        return redirect(talent.profile_url(token))
    if profile.confirmed_at is not None:
        return redirect(talent.profile_url(token))
    return render(
        request,
        "recruitment/talent/confirm.html",
        {
            "profile": profile,
            "token": token,
            "families": [str(f.display_name) for f in profile.job_families.all()],
            "areas": [a.name for a in profile.areas.all()],
            "consent_months": talent.consent_months(),
        },
    )


@private
@require_http_methods(["GET", "POST"])
def talent_profile(request: HttpRequest, token: str) -> HttpResponse:
    profile = talent.own_profile(token)
    initial = {
        "name": profile.name,
        "email": profile.email,
        "job_families": [f.pk for f in profile.job_families.all()],
        "areas": [a.pk for a in profile.areas.all()],
        "alerts": profile.alerts,
        "contact": profile.contact,
    }
    form = ProfileForm(request.POST or None, initial=initial, signup=False)
    if request.method == "POST" and form.is_valid():
        try:
            talent.update_own(token, form.profile_data())
        except ValidationFailed as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("Dine ændringer er gemt."))
            return redirect(talent.profile_url(token))
    return render(
        request,
        "recruitment/talent/profile.html",
        {
            "profile": profile,
            "form": form,
            "errors": error_links(form),
            "token": token,
            "consent_months": talent.consent_months(),
        },
    )


@private
@require_POST
def talent_renew(request: HttpRequest, token: str) -> HttpResponse:
    profile = talent.renew_own(token)
    messages.success(
        request,
        _("Dit samtykke er fornyet og gælder nu til og med %(until)s.")
        % {"until": talent.until_text(profile)},
    )
    return redirect(talent.profile_url(token))


@private
@require_http_methods(["GET", "POST"])
def talent_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    profile = talent.own_profile(token)
    if request.method == "POST":
        talent.withdraw_own(token)
        return render(request, "recruitment/talent/withdrawn.html")
    return render(request, "recruitment/talent/withdraw.html", {"profile": profile, "token": token})


# --- Signed in: files, the pool, invitations ------------------------------------------------------


@never_cache
@require_GET
def application_file(request: AuthenticatedRequest, key: Any) -> HttpResponse:
    row = applying.file_for_download(access_of(request), key)
    response = HttpResponse(bytes(row.data), content_type=row.content_type)
    response["Content-Disposition"] = content_disposition_header(True, row.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def talent_pool(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    form = PoolFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {
            "job_family_id": form.cleaned_data["job_family"] or None,
            "area_id": form.cleaned_data["area"] or None,
        }
    page, rows = talent.pool(access, page=request.GET.get("side"), **filters)
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "recruitment/talent/pool.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )


@require_GET
def talent_invitable(request: AuthenticatedRequest) -> HttpResponse:
    rows = talent.invitable_applications(access_of(request))
    return render(request, "recruitment/talent/invitable.html", {"rows": rows})


@require_POST
def talent_invite(request: AuthenticatedRequest, application_id: int) -> HttpResponse:
    try:
        application = talent.invite(access_of(request), application_id)
    except ValidationFailed as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Invitationen til talentbanken er sendt til %(name)s.") % {"name": application.name},
        )
    return redirect(reverse("recruitment:talent_invitable"))
