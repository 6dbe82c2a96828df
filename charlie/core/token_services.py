"""Personal API tokens: make, list, revoke, and authenticate a request with one.

Every rule about tokens lives here so the API and the token pages cannot bypass it: a revoked or
expired token, an inactive user and (outside demo mode) a demo user are all refused, the same way
``core.services.log_in`` refuses demo logins.
"""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.models import ApiToken, User
from charlie.core.text import text_errors
from charlie.core.tokens import generate_token, hash_token, looks_like_token

NAME_MAX_LENGTH = 100
#: ``last_used_at`` is written at most this often per token, so a busy client does not turn
#: every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first, revoked and expired ones included."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def create_token(
    *, user: User, name: str, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Make a token for ``user``; returns it with the plain token, which is never stored.

    The caller shows the plain token to the user once; after that only its hash exists.
    """
    name = name.strip()
    errors = []
    if not name:
        errors.append(_("Giv nøglen et navn, så du kan kende den igen."))
    else:
        errors += text_errors(name, what=_("Navnet"), max_length=NAME_MAX_LENGTH)
    if expires_at is not None and expires_at <= timezone.now():
        errors.append(_("Udløbsdatoen skal ligge i fremtiden."))
    if errors:
        raise ValidationFailed(errors)
    new = generate_token()
    token = ApiToken.objects.create(
        user=user, name=name, prefix=new.prefix, key_hash=new.key_hash, expires_at=expires_at
    )
    return token, new.plain


def revoke_token(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens. Another user's token answers 404, like a missing one.

    Revoking an already revoked token changes nothing (the first revocation time is kept).
    """
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise NotFound
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def get_own_token(*, user: User, token_id: int) -> ApiToken:
    """One of the user's own tokens (for the revoke confirmation page); others' answer 404."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise NotFound
    return token


def authenticate_token(raw: str) -> User | None:
    """The active user a token belongs to, or ``None`` when the token must be refused.

    The token is found by its SHA-256 hash, so no comparison ever runs over the secret itself:
    the time an index lookup takes can only tell an attacker about the hash, which is of no use
    for guessing a token. ``hmac.compare_digest`` re-checks the match in constant time anyway.
    """
    raw = raw.strip()
    if not looks_like_token(raw):
        return None
    key_hash = hash_token(raw)
    token = ApiToken.objects.select_related("user").filter(key_hash=key_hash).first()
    if token is None or not hmac.compare_digest(token.key_hash, key_hash):
        return None
    now = timezone.now()
    if token.revoked_at is not None:
        return None
    if token.expires_at is not None and token.expires_at <= now:
        return None
    user = token.user
    if not user.is_active:
        return None
    if user.is_demo and not settings.DEMO:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        # update() rather than save(): no read-modify-write race with a revocation.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return user
