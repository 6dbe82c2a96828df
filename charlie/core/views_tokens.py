"""The "API-nøgler" pages: list, make and revoke one's own personal API tokens.

Thin views over ``charlie.core.token_services``. A new token is rendered straight into the answer
to the POST that made it (never redirected, never put in the session), so it exists in clear only
in that one response, which is marked not to be cached.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from charlie.core import token_services
from charlie.core.errors import ValidationFailed
from charlie.core.forms import DateInput, add_service_errors
from charlie.core.http import AuthenticatedRequest


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Navn"),
        help_text=gettext_lazy("Hvad nøglen bruges til, fx »Rapport i Excel«."),
        max_length=token_services.NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    expires_on = forms.DateField(
        label=gettext_lazy("Udløber (valgfrit)"),
        help_text=gettext_lazy(
            "Nøglen virker til og med denne dag. Lad feltet stå tomt, hvis den ikke skal udløbe."
        ),
        required=False,
        widget=DateInput(),
    )

    def expires_at(self) -> datetime | None:
        """The end of the chosen day in the municipality's time zone."""
        day: date | None = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        return timezone.make_aware(datetime.combine(day, time.max))


@never_cache
@require_http_methods(["GET", "POST"])
def tokens(request: AuthenticatedRequest) -> HttpResponse:
    form = TokenForm(request.POST if request.method == "POST" else None)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            token, plain = token_services.create_token(
                user=request.user,
                name=form.cleaned_data["name"],
                expires_at=form.expires_at(),
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            context.update(new_token=token, plain_token=plain, form=TokenForm())
    context["tokens"] = token_services.tokens_of(request.user)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "core/tokens.html", context, status=status)


@require_http_methods(["GET", "POST"])
def token_revoke(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        token = token_services.revoke_token(user=user, token_id=token_id)
        messages.success(
            request, _("API-nøglen »%(name)s« er tilbagekaldt.") % {"name": token.name}
        )
        return redirect("core:tokens")
    token = token_services.get_own_token(user=user, token_id=token_id)
    return render(request, "core/tokens_revoke.html", {"token": token})
