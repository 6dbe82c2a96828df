"""The audit log's use cases: ``record`` (the only writer) and the DPO's search and export.

Other apps' services call ``record`` for every read and write of personal data, so no view, API
endpoint, task or command can skip it. Privacy imports no other app: people are resolved through
the resolver ``people`` registers (``charlie.privacy.registry``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.core.roles import Role
from charlie.privacy.models import Action, AuditEntry, Channel
from charlie.privacy.registry import PersonLabel, categories, person_resolver, purposes

DETAIL_MAX_LENGTH = 200


def record(
    *,
    actor: Any,
    subject_person_ids: Iterable[int],
    action: str,
    category: str,
    purpose: str,
    channel: str,
    detail: str = "",
) -> list[AuditEntry]:
    """Write one entry per subject (duplicates once). ``detail`` must hold no personal data:
    a URL name or a count, never a search text."""
    ids = sorted(set(subject_person_ids))
    if not ids:
        return []
    if action not in Action.values:
        raise ValueError(f"Unknown audit action {action!r}")
    if channel not in Channel.values:
        raise ValueError(f"Unknown audit channel {channel!r}")
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    entries = [
        AuditEntry(
            actor=actor if authenticated else None,
            actor_username=actor.get_username() if authenticated else "",
            actor_role=getattr(actor, "role", "") if authenticated else "",
            subject_person_id=person_id,
            action=action,
            category=category,
            purpose=purpose,
            channel=channel,
            detail=detail[:DETAIL_MAX_LENGTH],
        )
        for person_id in ids
    ]
    return AuditEntry.objects.bulk_create(entries)


# --- The data protection officer's search ---


@dataclass(frozen=True)
class AuditFilter:
    employee_number: str = ""
    username: str = ""
    category: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    person: PersonLabel | None

    @property
    def role_label(self) -> str:
        role = self.entry.actor_role
        return str(Role(role).label) if role in Role.values else role

    @property
    def category_label(self) -> str:
        return str(categories().get(self.entry.category, self.entry.category))

    @property
    def purpose_label(self) -> str:
        return str(purposes().get(self.entry.purpose, self.entry.purpose))


def require_audit_access(user: Any) -> None:
    """Only the data protection officer reads the audit log."""
    if not user.is_authenticated or user.role != Role.DPO:
        raise PermissionDenied


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def search_audit(user: Any, audit_filter: AuditFilter) -> QuerySet[AuditEntry]:
    """Entries matching the filter, newest first. 403 unless the user is the DPO.

    An employee number that matches nobody is a validation error (the DPO mistyped), not an
    empty result that would look like "nobody looked at this person".
    """
    require_audit_access(user)
    qs = AuditEntry.objects.all()
    if audit_filter.employee_number:
        person_id = person_resolver().by_employee_number(audit_filter.employee_number)
        if person_id is None:
            raise ValidationFailed([_("Der findes ingen medarbejder med det medarbejdernummer.")])
        qs = qs.filter(subject_person_id=person_id)
    if audit_filter.username:
        qs = qs.filter(actor_username__iexact=audit_filter.username)
    if audit_filter.category:
        qs = qs.filter(category=audit_filter.category)
    if audit_filter.date_from:
        qs = qs.filter(at__gte=_start_of(audit_filter.date_from))
    if audit_filter.date_to:
        qs = qs.filter(at__lt=_start_of(audit_filter.date_to + timedelta(days=1)))
    return qs.order_by("-at", "-pk")


def rows_for(entries: Iterable[AuditEntry]) -> list[AuditRow]:
    """Entries with the subject's name and employee number (from the people resolver)."""
    entries = list(entries)
    labels = person_resolver().labels({e.subject_person_id for e in entries})
    return [AuditRow(entry=e, person=labels.get(e.subject_person_id)) for e in entries]


CSV_HEADER = (
    "tidspunkt",
    "brugernavn",
    "rolle",
    "medarbejdernummer",
    "navn",
    "person_id",
    "datakategori",
    "handling",
    "formål",
    "kanal",
    "detalje",
)


def export_csv_chunks(user: Any, audit_filter: AuditFilter, *, batch: int = 2000) -> Iterator[str]:
    """The filtered log as CSV for Danish Excel: UTF-8 with BOM, semicolons, local time."""
    qs = search_audit(user, audit_filter)  # checks access and the filter before streaming
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")

    def flush() -> str:
        value = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return value

    writer.writerow(CSV_HEADER)
    yield "\ufeff" + flush()
    chunk: list[AuditEntry] = []
    for entry in qs.iterator(chunk_size=batch):
        chunk.append(entry)
        if len(chunk) >= batch:
            yield _csv_rows(writer, chunk, flush)
            chunk = []
    if chunk:
        yield _csv_rows(writer, chunk, flush)


def _csv_rows(writer: Any, entries: list[AuditEntry], flush: Any) -> str:
    for row in rows_for(entries):
        e = row.entry
        writer.writerow(
            (
                timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
                e.actor_username,
                e.actor_role,
                row.person.employee_number if row.person else "",
                row.person.name if row.person else "",
                e.subject_person_id,
                e.category,
                e.action,
                e.purpose,
                e.channel,
                e.detail,
            )
        )
    return str(flush())
