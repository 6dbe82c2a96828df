"""Personal API tokens: making, hashing and judging them. Pure functions, no Django.

A token looks like ``charlie_`` followed by 43 URL-safe characters (32 random bytes from
``secrets``). Only its SHA-256 hash is stored. A slow password hash (PBKDF2, Argon2) exists to make
guessing *low-entropy* human passwords expensive; a 256-bit random secret cannot be guessed
whatever the hash, so a fast hash is enough and keeps every API request cheap (one indexed
lookup instead of a deliberately slow computation).
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

TOKEN_PREFIX = "charlie_"  # noqa: S105 - a public marker, not a secret
#: Characters of the random part that are stored in clear and shown to tell tokens apart.
#: Taken after ``charlie_``, which every token shares and so identifies nothing.
VISIBLE_CHARS = 8
_RANDOM_BYTES = 32
#: Longest string worth hashing; anything longer cannot be a token (43 random characters).
MAX_TOKEN_LENGTH = 100


@dataclass(frozen=True, slots=True)
class NewToken:
    plain: str  # given to the user once, never stored
    prefix: str  # the first characters of the random part, stored to identify the token
    key_hash: str  # SHA-256 of ``plain``, stored


class TokenStatus(enum.StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


def hash_token(plain: str) -> str:
    """Hex SHA-256 of the whole token (see the module docstring for why SHA-256 suffices)."""
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()


def generate_token() -> NewToken:
    secret = secrets.token_urlsafe(_RANDOM_BYTES)
    plain = f"{TOKEN_PREFIX}{secret}"
    return NewToken(plain=plain, prefix=secret[:VISIBLE_CHARS], key_hash=hash_token(plain))


def looks_like_token(raw: str) -> bool:
    """Cheap shape check before touching the database; never decides validity on its own."""
    return (
        raw.startswith(TOKEN_PREFIX)
        and len(TOKEN_PREFIX) + VISIBLE_CHARS < len(raw) <= MAX_TOKEN_LENGTH
        and raw.isascii()
    )


def token_status(
    *, revoked_at: datetime | None, expires_at: datetime | None, now: datetime
) -> TokenStatus:
    """Revocation wins over expiry; a token expires at the instant ``expires_at``."""
    if revoked_at is not None:
        return TokenStatus.REVOKED
    if expires_at is not None and expires_at <= now:
        return TokenStatus.EXPIRED
    return TokenStatus.ACTIVE
