"""The HTTP side of log-in with the municipality's identity provider (OpenID Connect).

mozilla-django-oidc does the protocol: the redirect to the IdP with ``state``, ``nonce`` and a
PKCE challenge kept in the session, the callback that checks ``state``, the code exchanged for
tokens, the id_token's signature (keys from the IdP's JWKS) and ``nonce``, and the userinfo.
Charlie adds what it leaves out — the id_token's issuer, audience and expiry, and that the
userinfo is about the same ``sub`` — and hands the claims to ``accounts.sso``, which decides
the account and the role (decision 0020).

Like ``core.backends.CharlieBackend`` (decision 0015), the backend works only for Charlie's
callback view (the request must be on that URL): ``authenticate()`` from anywhere else finds no
user. Sessions follow the
same rules as password sessions (``CharlieRules``: inactive accounts and, outside demo mode,
demo logins are out), and the backend grants no Django permission.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from charlie.accounts import sso
from charlie.core.backends import CharlieRules

logger = logging.getLogger(__name__)

#: The one URL on which the backend answers (like ``core.backends._LOG_IN`` for passwords).
CALLBACK_URL_NAME = "oidc_authentication_callback"
#: Where the backend leaves the reason for a refusal for the callback view to show.
REFUSAL_KEY = "charlie_oidc_refused"


class OIDCBackend(CharlieRules, OIDCAuthenticationBackend):
    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:  # type: ignore[override]
        match = getattr(request, "resolver_match", None)
        if (
            not settings.CHARLIE_OIDC_ENABLED
            or match is None
            or match.url_name != CALLBACK_URL_NAME
        ):
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token: Any, **kwargs: Any) -> Any:
        """The library checks the signature and the nonce (and pyjwt an ``exp`` that is
        there); an id_token must also come from the configured issuer, be meant for Charlie
        and carry an expiry (OpenID Connect Core 1.0, 3.1.3.7)."""
        try:
            payload = super().verify_token(token, **kwargs)
        except jwt.PyJWTError as exc:  # expired, not yet valid, a bad signature, …
            raise SuspiciousOperation(f"id_token refused: {exc}") from None
        if kwargs.get("nonce") is None:  # the userinfo as a JWT: only the signature applies
            return payload
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != settings.CHARLIE_OIDC_ISSUER:
            raise SuspiciousOperation("id_token from another issuer")
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("id_token for another client")
        if not isinstance(payload.get("exp"), int | float) or payload["exp"] < time.time():
            raise SuspiciousOperation("id_token without a valid expiry")
        return payload

    def get_or_create_user(self, access_token: Any, id_token: Any, payload: Any) -> Any:
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if not isinstance(userinfo, dict) or userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("userinfo about another subject than the id_token")
        # The id_token's claims win where both have one: they are signed.
        claims = {**userinfo, **payload}
        try:
            return sso.log_in_with_idp(claims)
        except sso.IdpRefused as refused:
            if self.request is not None:
                self.request.session[REFUSAL_KEY] = refused.message
            return None

    def get_user(self, user_id: Any) -> Any:
        user = super().get_user(user_id)
        return user if self.user_can_authenticate(user) else None


def _not_configured() -> None:
    if not settings.CHARLIE_OIDC_ENABLED:
        raise Http404


@method_decorator(login_not_required, name="dispatch")
class AuthenticateView(OIDCAuthenticationRequestView):
    """ "Log ind med kommunens konto": off (404) while no IdP is configured."""

    def get(self, request: HttpRequest) -> HttpResponse:
        _not_configured()
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class CallbackView(OIDCAuthenticationCallbackView):
    """The IdP sends the browser back here. A ``state`` that is not in this session, a token
    that fails a check, an IdP that does not answer and a refusal by ``accounts.sso`` all end
    on the log-in page with a message; nobody is logged in."""

    def get(self, request: HttpRequest) -> HttpResponse:
        _not_configured()
        try:
            return super().get(request)
        except SuspiciousOperation as exc:
            # A state not in this session, a token that fails a check: refused, and logged for
            # the operator (never the token itself).
            logger.warning("OIDC log-in refused: %s", exc)
        except requests.RequestException as exc:
            logger.error("OIDC log-in failed: the identity provider did not answer: %s", exc)
            request.session[REFUSAL_KEY] = _(
                "Kommunens log-in svarer ikke lige nu. Prøv igen om lidt."
            )
        return self.login_failure()

    @property
    def failure_url(self) -> str:
        return str(settings.LOGIN_URL)

    def login_failure(self) -> HttpResponse:
        reason = self.request.session.pop(REFUSAL_KEY, "")
        messages.error(
            self.request,
            reason or _("Log-in med kommunens konto mislykkedes. Prøv igen."),
        )
        return redirect(settings.LOGIN_URL)

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        self.request.session.pop("oidc_id_token_expiration", None)  # no refresh middleware
        return response
