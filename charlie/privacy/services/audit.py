"""The audit log's writer: ``record``, the only code that writes ``privacy.AuditEntry``.

Other apps' services call it (or ``Access.record``, which calls it) for every read and write of
personal data, so no view, API endpoint, task or command can skip it. Before writing it checks
the data-use register (``check_registered``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from charlie.privacy.batch import current_batch
from charlie.privacy.models import Action, AuditEntry, Channel, Purpose

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from charlie.core.models import User

DETAIL_MAX_LENGTH = 200
#: The purpose of reading one's own data, whatever the role ("egen indsigt").
OWN_INSIGHT = "egen_indsigt"


class UnregisteredPurpose(RuntimeError):
    """Personal data read or written for a purpose, or a category, the register does not list.

    Raised by ``record`` so that a service using data the register does not declare fails loudly
    (in tests first). Fix it by adding the purpose or category to the register: a data migration
    in the app that uses it (docs/architecture.md, "The data-use register").
    """


def check_registered(*, purpose: str, category: str) -> None:
    """Raise ``UnregisteredPurpose`` unless ``purpose`` is active in the register and lists
    ``category``. One query."""
    allowed = (
        Purpose.objects.filter(code=purpose, active=True)
        .values_list("categories", flat=True)
        .first()
    )
    if allowed is None:
        raise UnregisteredPurpose(
            f"Purpose {purpose!r} (category {category!r}) is not an active purpose in the "
            "data-use register (privacy.Purpose); add it with a data migration."
        )
    if category not in allowed:
        raise UnregisteredPurpose(
            f"Category {category!r} is not listed for purpose {purpose!r} in the data-use "
            f"register (it lists {sorted(allowed)}); add it with a data migration."
        )


@dataclass(frozen=True)
class AccountSubject:
    """A user account an entry is about (charlie.accounts): its user name, and the id of its
    person when the account is linked to one (so the entry also shows on that person's log)."""

    username: str
    person_id: int | None = None


def record(
    *,
    actor: User | AnonymousUser | None,
    subject_person_ids: Iterable[int] = (),
    subject_accounts: Iterable[AccountSubject] = (),
    action: str,
    category: str,
    purpose: str,
    channel: str,
    detail: str = "",
) -> list[AuditEntry]:
    """Write one entry per subject (duplicates once): per person in ``subject_person_ids``, and
    per user account in ``subject_accounts`` (reads and changes of accounts and roles; an account
    need not have a person). ``detail`` must hold no personal data: a URL name, a count or a
    role code, never a search text.

    The purpose must be active in the data-use register and list the category, even when there
    are no subjects, or ``UnregisteredPurpose`` is raised.
    """
    if action not in Action.values:
        raise ValueError(f"Unknown audit action {action!r}")
    if channel not in Channel.values:
        raise ValueError(f"Unknown audit channel {channel!r}")
    batch = current_batch()
    if batch is None or not batch.allows(purpose, category):
        check_registered(purpose=purpose, category=category)  # raises when not registered
    ids = sorted(set(subject_person_ids))
    accounts = sorted(
        {a.username: a for a in subject_accounts if a.username}.values(), key=lambda a: a.username
    )
    if not ids and not accounts:
        return []
    user = actor if actor is not None and actor.is_authenticated else None
    subjects: list[tuple[int | None, str]] = [(person_id, "") for person_id in ids]
    subjects += [(account.person_id, account.username) for account in accounts]
    entries = [
        AuditEntry(
            actor=user,
            actor_username=user.get_username() if user is not None else "",
            actor_role=user.role if user is not None else "",
            subject_person_id=person_id,
            subject_username=username,
            action=action,
            category=category,
            purpose=purpose,
            channel=channel,
            detail=detail[:DETAIL_MAX_LENGTH],
        )
        for person_id, username in subjects
    ]
    if batch is not None:
        batch.add(entries)  # written when the request (the batch) ends; see privacy/batch.py
        return entries
    return AuditEntry.objects.bulk_create(entries)
