"""The keyed hash that recognises one person across payroll files without the CPR number. Pure.

Several OPUS employments with the same CPR number are one person, and next month's file must
find that person again — but Charlie never stores a CPR number (DESIGN.md principle 7;
databeskyttelsesloven § 11). A plain hash would not do: there are only a few million possible CPR
numbers, so anyone with the table could hash them all. A **keyed** hash (HMAC-SHA256) with a
secret kept outside the database (``CHARLIE_PERSON_KEY_SECRET``, docs/operations.md) cannot be
reversed without the secret.

A key is ``<secret id>:<hex digest>``; the secret id (8 hex digits, itself an HMAC of a fixed
text) tells which secret made it, so that a secret can be **rotated**: the new secret makes the
keys from now on, the old ones (``CHARLIE_PERSON_KEY_OLD_SECRETS``) are still accepted for finding
people, and every import stores the new key of each person it finds (re-keying as files come in).
Decision record: docs/decisions/0011-opus-people-and-leavers.md.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["KEY_LENGTH", "PersonKeyer", "secret_id"]

#: Characters in a key: 8 (secret id) + 1 (":") + 64 (SHA-256 in hex).
KEY_LENGTH = 73
_ID_TEXT = b"charlie person key id"


def secret_id(secret: bytes) -> str:
    """A short, stable name for a secret that reveals nothing about it."""
    return hmac.new(secret, _ID_TEXT, hashlib.sha256).hexdigest()[:8]


def _digits(cpr: str) -> str:
    """The ten digits of a CPR number as ``cpr.from_cpr`` accepts it (``DDMMÅÅ-LLLL`` too)."""
    return "".join(ch for ch in cpr if ch in "0123456789")


@dataclass(frozen=True)
class PersonKeyer:
    """Makes the keys of a CPR number: the current secret's first, then the old secrets'."""

    secret: bytes
    old_secrets: Sequence[bytes] = ()

    def __post_init__(self) -> None:
        if not self.secret:
            raise ValueError("A person key secret must not be empty.")

    def key(self, cpr: str, secret: bytes | None = None) -> str:
        use = secret or self.secret
        digest = hmac.new(use, _digits(cpr).encode("ascii"), hashlib.sha256).hexdigest()
        return f"{secret_id(use)}:{digest}"

    def keys(self, cpr: str) -> tuple[str, ...]:
        """The current key, then the key under each old secret (to find people keyed before a
        rotation)."""
        return (self.key(cpr), *(self.key(cpr, old) for old in self.old_secrets if old))

    @property
    def current_id(self) -> str:
        return secret_id(self.secret)
