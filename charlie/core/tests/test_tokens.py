"""Personal API tokens: the pure helpers and the service rules."""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from charlie.core import token_services
from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.models import ApiToken
from charlie.core.tokens import (
    TOKEN_PREFIX,
    TokenStatus,
    generate_token,
    looks_like_token,
    token_status,
)
from charlie.people.tests.factories import UserFactory

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


# --- Pure helpers ---


def test_generated_tokens_are_random_and_hashed():
    a, b = generate_token(), generate_token()
    assert a.plain != b.plain
    assert a.plain.startswith(TOKEN_PREFIX) and len(a.plain) == len(TOKEN_PREFIX) + 43
    assert a.prefix == a.plain[len(TOKEN_PREFIX) : len(TOKEN_PREFIX) + 8]
    assert a.key_hash == hashlib.sha256(a.plain.encode()).hexdigest()
    assert looks_like_token(a.plain)


@pytest.mark.parametrize(
    "raw", ["", "charlie_", "charlie_short", "Bearer charlie_abc", "x" * 60, "charlie_" + "æ" * 43]
)
def test_shapes_that_cannot_be_tokens(raw):
    assert not looks_like_token(raw)


def test_token_status():
    later = NOW + timedelta(days=1)
    assert token_status(revoked_at=None, expires_at=None, now=NOW) is TokenStatus.ACTIVE
    assert token_status(revoked_at=None, expires_at=later, now=NOW) is TokenStatus.ACTIVE
    assert token_status(revoked_at=None, expires_at=NOW, now=NOW) is TokenStatus.EXPIRED
    assert token_status(revoked_at=NOW, expires_at=NOW, now=NOW) is TokenStatus.REVOKED


# --- Services ---


@pytest.mark.django_db
def test_create_stores_the_hash_never_the_token():
    user = UserFactory()
    token, plain = token_services.create_token(user=user, name="  Excel-rapport ")
    token.refresh_from_db()
    assert token.name == "Excel-rapport"
    assert token.key_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert token.prefix == plain[8:16]
    stored = [str(v) for v in ApiToken.objects.filter(pk=token.pk).values().get().values()]
    assert all(plain not in value for value in stored)
    assert token.status == "active"


@pytest.mark.django_db
def test_authenticate_returns_the_owner_and_records_use():
    user = UserFactory()
    token, plain = token_services.create_token(user=user, name="script")
    assert token_services.authenticate_token(plain) == user
    token.refresh_from_db()
    first_use = token.last_used_at
    assert first_use is not None
    # Within a minute the time is not written again ...
    assert token_services.authenticate_token(f"  {plain}\n") == user
    token.refresh_from_db()
    assert token.last_used_at == first_use
    # ... after a minute it is.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first_use - timedelta(minutes=2))
    token_services.authenticate_token(plain)
    token.refresh_from_db()
    assert token.last_used_at > first_use - timedelta(minutes=1)


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["", "charlie_", "Bearer x", "charlie_" + "A" * 43, "x" * 10_000])
def test_unknown_tokens_are_refused(raw):
    token_services.create_token(user=UserFactory(), name="real")
    assert token_services.authenticate_token(raw) is None


@pytest.mark.django_db
def test_a_token_with_one_character_changed_is_refused():
    _, plain = token_services.create_token(user=UserFactory(), name="x")
    last = "B" if plain[-1] != "B" else "C"
    assert token_services.authenticate_token(plain[:-1] + last) is None


@pytest.mark.django_db
def test_revoked_token_is_refused():
    user = UserFactory()
    token, plain = token_services.create_token(user=user, name="x")
    token_services.revoke_token(user=user, token_id=token.pk)
    assert token_services.authenticate_token(plain) is None
    token.refresh_from_db()
    assert token.status == "revoked"


@pytest.mark.django_db
def test_revoking_twice_keeps_the_first_time():
    user = UserFactory()
    token, _ = token_services.create_token(user=user, name="x")
    first = token_services.revoke_token(user=user, token_id=token.pk).revoked_at
    assert token_services.revoke_token(user=user, token_id=token.pk).revoked_at == first


@pytest.mark.django_db
def test_expired_token_is_refused():
    user = UserFactory()
    token, plain = token_services.create_token(
        user=user, name="x", expires_at=timezone.now() + timedelta(hours=1)
    )
    assert token_services.authenticate_token(plain) == user
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert token_services.authenticate_token(plain) is None
    token.refresh_from_db()
    assert token.status == "expired"


@pytest.mark.django_db
def test_inactive_user_is_refused():
    user = UserFactory()
    _, plain = token_services.create_token(user=user, name="x")
    user.is_active = False
    user.save()
    assert token_services.authenticate_token(plain) is None


@pytest.mark.django_db
def test_demo_user_is_refused_unless_demo_mode(settings):
    user = UserFactory(is_demo=True)
    _, plain = token_services.create_token(user=user, name="x")
    settings.DEMO = False
    assert token_services.authenticate_token(plain) is None
    settings.DEMO = True
    assert token_services.authenticate_token(plain) == user


@pytest.mark.django_db
def test_only_own_tokens_can_be_revoked_or_listed():
    owner, other = UserFactory(), UserFactory()
    token, plain = token_services.create_token(user=owner, name="x")
    with pytest.raises(NotFound):
        token_services.revoke_token(user=other, token_id=token.pk)
    with pytest.raises(NotFound):
        token_services.get_own_token(user=other, token_id=token.pk)
    with pytest.raises(NotFound):
        token_services.revoke_token(user=owner, token_id=token.pk + 1000)
    assert token_services.authenticate_token(plain) == owner
    assert list(token_services.tokens_of(owner)) == [token]
    assert list(token_services.tokens_of(other)) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "expires_in"),
    [("", None), ("   ", None), ("x" * 101, None), ("ok", timedelta(seconds=-1))],
)
def test_invalid_input_is_refused_and_nothing_is_saved(name, expires_in):
    expires_at = timezone.now() + expires_in if expires_in is not None else None
    with pytest.raises(ValidationFailed):
        token_services.create_token(user=UserFactory(), name=name, expires_at=expires_at)
    assert not ApiToken.objects.exists()
