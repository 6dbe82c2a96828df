"""The data protection officer's audit log: search, a page with names, and the CSV export.

Showing the log names the people whose data was used, so every page shown and every batch of
the export is itself recorded (category ``logning``, purpose ``tilsyn``). People are resolved
through the resolver ``people`` registers (``charlie.privacy.registry``): privacy imports no app.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.csv_writer import csv_chunks
from charlie.core.errors import ValidationFailed
from charlie.core.roles import Role
from charlie.privacy.models import Action, AuditEntry
from charlie.privacy.permissions import READ_AUDIT_LOG
from charlie.privacy.registry import (
    PersonLabel,
    audit_detail_label,
    categories,
    person_resolver,
)
from charlie.privacy.registry import purposes as registered_purposes
from charlie.privacy.services.audit import AccountSubject, record

if TYPE_CHECKING:
    from charlie.privacy.access import Access


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
    def detail_label(self) -> str:
        """The detail in the reader's language where an app registered it
        (``registry.register_audit_details``), else as written."""
        return audit_detail_label(self.entry.detail)

    @property
    def purpose_label(self) -> str:
        return str(registered_purposes().get(self.entry.purpose, self.entry.purpose))


def require_audit_access(access: Access) -> None:
    """Only the data protection officer reads the audit log (403 otherwise)."""
    access.require(READ_AUDIT_LOG)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def search_audit(access: Access, audit_filter: AuditFilter) -> QuerySet[AuditEntry]:
    """Entries matching the filter, newest first. 403 unless the caller is the DPO.

    An employee number that matches nobody is a validation error (the DPO mistyped), not an
    empty result that would look like "nobody looked at this person".
    """
    require_audit_access(access)
    qs = AuditEntry.objects.all()
    if audit_filter.employee_number:
        person_id = person_resolver().by_employee_number(audit_filter.employee_number)
        if person_id is None:
            raise ValidationFailed([_("Der findes ingen medarbejder med det medarbejdernummer.")])
        qs = qs.filter(subject_person_id=person_id)
    if audit_filter.username:
        # What the user did, and what was done to their account (charlie.accounts).
        qs = qs.filter(
            Q(actor_username__iexact=audit_filter.username)
            | Q(subject_username__iexact=audit_filter.username)
        )
    if audit_filter.category:
        qs = qs.filter(category=audit_filter.category)
    if audit_filter.date_from:
        qs = qs.filter(at__gte=_start_of(audit_filter.date_from))
    if audit_filter.date_to:
        qs = qs.filter(at__lt=_start_of(audit_filter.date_to + timedelta(days=1)))
    return qs.order_by("-at", "-pk")


#: The data protection officer's supervision (GDPR art. 38–39): reading the audit log, which
#: names the people whose data was used, is itself a use of their data and is logged.
SUPERVISION = "tilsyn"
#: The audit log's own data category: who read or changed a person's data, when and why.
AUDIT_LOG_CATEGORY = "logning"
AUDIT_PAGE_SIZE = 50


def rows_for(entries: Iterable[AuditEntry]) -> list[AuditRow]:
    """Entries with the subject's name and employee number (from the people resolver)."""
    entries = list(entries)
    labels = person_resolver().labels(
        {e.subject_person_id for e in entries if e.subject_person_id is not None}
    )
    return [
        AuditRow(
            entry=e,
            person=labels.get(e.subject_person_id) if e.subject_person_id is not None else None,
        )
        for e in entries
    ]


def _record_log_read(access: Access, entries: Iterable[AuditEntry], *, detail: str) -> None:
    """The DPO saw these entries, with their subjects' names: one read of the category
    ``logning`` per subject — a person, or a user account (``subject_username``) — purpose
    ``tilsyn``."""
    entries = list(entries)
    record(
        actor=access.user,
        subject_person_ids={
            e.subject_person_id
            for e in entries
            if e.subject_person_id is not None and not e.subject_username
        },
        subject_accounts={
            AccountSubject(e.subject_username, e.subject_person_id)
            for e in entries
            if e.subject_username
        },
        action=Action.READ,
        category=AUDIT_LOG_CATEGORY,
        purpose=SUPERVISION,
        channel=access.channel,
        detail=detail,
    )


def audit_page(
    access: Access, audit_filter: AuditFilter, *, page: Any = None, per_page: int = AUDIT_PAGE_SIZE
) -> tuple[Page[Any], list[AuditRow]]:
    """One page of the DPO's search (``search_audit``), with names; showing it is recorded as a
    read of the log about each person on the page (purpose ``tilsyn``)."""
    shown = Paginator(search_audit(access, audit_filter), per_page).get_page(page)
    entries = list(shown.object_list)
    _record_log_read(access, entries, detail="privacy:audit")
    return shown, rows_for(entries)


CSV_HEADER = (
    "tidspunkt",
    "brugernavn",
    "rolle",
    "medarbejdernummer",
    "navn",
    "person_id",
    "brugerkonto",
    "datakategori",
    "handling",
    "formål",
    "kanal",
    "detalje",
)


def export_csv_chunks(
    access: Access, audit_filter: AuditFilter, *, batch: int = 2000
) -> Iterator[str]:
    """The filtered log as CSV for Danish Excel (``core.csv_writer``: UTF-8 with BOM,
    semicolons, no cell a spreadsheet would run as a formula), local time.

    Access and the filter are checked at once, before the first chunk. Each batch of rows is
    recorded as a read of the log about its subjects (once per person) before it is handed on,
    so no row leaves without its entry."""
    qs = search_audit(access, audit_filter)
    return csv_chunks(CSV_HEADER, _csv_rows(access, qs, batch), batch=batch)


def _csv_rows(access: Access, qs: QuerySet[AuditEntry], batch: int) -> Iterator[tuple[Any, ...]]:
    recorded: set[tuple[int | None, str]] = set()
    chunk: list[AuditEntry] = []
    for entry in qs.iterator(chunk_size=batch):
        chunk.append(entry)
        if len(chunk) >= batch:
            yield from _csv_batch(access, chunk, recorded)
            chunk = []
    if chunk:
        yield from _csv_batch(access, chunk, recorded)


def _csv_batch(
    access: Access, entries: list[AuditEntry], recorded: set[tuple[int | None, str]]
) -> Iterator[tuple[Any, ...]]:
    new = [e for e in entries if (e.subject_person_id, e.subject_username) not in recorded]
    _record_log_read(access, new, detail="privacy:audit_export")
    recorded.update((e.subject_person_id, e.subject_username) for e in new)
    for row in rows_for(entries):
        e = row.entry
        yield (
            timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor_username,
            e.actor_role,
            row.person.employee_number if row.person else "",
            row.person.name if row.person else "",
            e.subject_person_id if e.subject_person_id is not None else "",
            e.subject_username,
            e.category,
            e.action,
            e.purpose,
            e.channel,
            e.detail,
        )
