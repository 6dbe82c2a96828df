"""The audit log's use cases: ``record`` (the only writer) and the DPO's search and export.

Other apps' services call ``record`` for every read and write of personal data, so no view, API
endpoint, task or command can skip it. Privacy imports no other app: people are resolved through
the resolver ``people`` registers (``charlie.privacy.registry``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.csv_writer import csv_chunks
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.roles import Role
from charlie.core.text import text_errors
from charlie.privacy.batch import current_batch, flush_pending
from charlie.privacy.models import (
    Action,
    AuditEntry,
    Channel,
    CorrectionRequest,
    CorrectionStatus,
    Purpose,
    PurposeVersion,
)
from charlie.privacy.registry import PersonLabel, categories, data_providers, person_resolver
from charlie.privacy.registry import categories as registered_categories
from charlie.privacy.registry import purposes as registered_purposes

DETAIL_MAX_LENGTH = 200


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
    actor: Any,
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
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    subjects: list[tuple[int | None, str]] = [(person_id, "") for person_id in ids]
    subjects += [(account.person_id, account.username) for account in accounts]
    entries = [
        AuditEntry(
            actor=actor if authenticated else None,
            actor_username=actor.get_username() if authenticated else "",
            actor_role=getattr(actor, "role", "") if authenticated else "",
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
        return str(registered_purposes().get(self.entry.purpose, self.entry.purpose))


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


def _record_log_read(user: Any, entries: Iterable[AuditEntry], *, detail: str) -> None:
    """The DPO saw these entries, with their subjects' names: one read of the category
    ``logning`` per subject — a person, or a user account (``subject_username``) — purpose
    ``tilsyn``."""
    entries = list(entries)
    record(
        actor=user,
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
        channel=Channel.UI,
        detail=detail,
    )


def audit_page(
    user: Any, audit_filter: AuditFilter, *, page: Any = None, per_page: int = AUDIT_PAGE_SIZE
) -> tuple[Page[Any], list[AuditRow]]:
    """One page of the DPO's search (``search_audit``), with names; showing it is recorded as a
    read of the log about each person on the page (purpose ``tilsyn``)."""
    shown = Paginator(search_audit(user, audit_filter), per_page).get_page(page)
    entries = list(shown.object_list)
    _record_log_read(user, entries, detail="privacy:audit")
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


def export_csv_chunks(user: Any, audit_filter: AuditFilter, *, batch: int = 2000) -> Iterator[str]:
    """The filtered log as CSV for Danish Excel (``core.csv_writer``: UTF-8 with BOM,
    semicolons, no cell a spreadsheet would run as a formula), local time.

    Access and the filter are checked at once, before the first chunk. Each batch of rows is
    recorded as a read of the log about its subjects (once per person) before it is handed on,
    so no row leaves without its entry."""
    qs = search_audit(user, audit_filter)
    return csv_chunks(CSV_HEADER, _csv_rows(user, qs, batch), batch=batch)


def _csv_rows(user: Any, qs: QuerySet[AuditEntry], batch: int) -> Iterator[tuple[Any, ...]]:
    recorded: set[tuple[int | None, str]] = set()
    chunk: list[AuditEntry] = []
    for entry in qs.iterator(chunk_size=batch):
        chunk.append(entry)
        if len(chunk) >= batch:
            yield from _csv_batch(user, chunk, recorded)
            chunk = []
    if chunk:
        yield from _csv_batch(user, chunk, recorded)


def _csv_batch(
    user: Any, entries: list[AuditEntry], recorded: set[tuple[int | None, str]]
) -> Iterator[tuple[Any, ...]]:
    new = [e for e in entries if (e.subject_person_id, e.subject_username) not in recorded]
    _record_log_read(user, new, detail="privacy:audit_export")
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


# --- The data-use register ---

NAME_MAX_LENGTH = 100
NOTE_MAX_LENGTH = 200
#: The fields the DPO may change, with their labels for the history.
EDITABLE_FIELDS = ("name", "description", "legal_basis", "categories", "who_may_see", "retention")


def purposes() -> QuerySet[Purpose]:
    """The active purposes, for the page every employee sees."""
    return Purpose.objects.filter(active=True).order_by("name", "code")


def require_register_editor(user: Any) -> None:
    """Only the data protection officer edits the register."""
    if not user.is_authenticated or user.role != Role.DPO:
        raise PermissionDenied


def get_purpose(code: str) -> Purpose:
    try:
        return Purpose.objects.get(code=code)
    except Purpose.DoesNotExist:
        raise NotFound from None


def category_labels(codes: Iterable[str]) -> list[str]:
    """The human labels of category codes (the code itself for one no app registers)."""
    known = categories()
    return [str(known.get(code, code)) for code in codes]


def field_label(name: str) -> str:
    field = Purpose._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def update_purpose(
    *,
    actor: Any,
    code: str,
    note: str,
    name: str | None = None,
    description: str | None = None,
    legal_basis: str | None = None,
    categories: list[str] | None = None,
    who_may_see: str | None = None,
    retention: str | None = None,
    active: bool | None = None,
    confirm_removal: bool = False,
) -> Purpose:
    """Change a purpose (DPO only) and write a ``PurposeVersion`` with who, when and why.

    ``None`` leaves a field as it is. Errors are ``ValidationFailed`` with Danish messages.
    Removing a category that Charlie's code reads for this purpose, or deactivating such a
    purpose, stops those pages working (``record`` refuses the read): it needs
    ``confirm_removal``, so the DPO is told first and decides knowingly.
    """
    require_register_editor(actor)
    purpose = get_purpose(code)
    texts = {
        "name": name,
        "description": description,
        "legal_basis": legal_basis,
        "who_may_see": who_may_see,
        "retention": retention,
    }
    errors: list[str] = []
    changes: dict[str, Any] = {}
    for field_name, value in texts.items():
        if value is None:
            continue
        value = value.strip()
        label = {"field": field_label(field_name)}
        if not value:
            errors.append(_("Feltet »%(field)s« skal udfyldes.") % label)
        else:
            errors += text_errors(
                value,
                what=_("Feltet »%(field)s«") % label,
                multiline=field_name != "name",
            )
        changes[field_name] = value
    if len(changes.get("name", "")) > NAME_MAX_LENGTH:
        errors.append(_("Navnet må højst være %(n)d tegn.") % {"n": NAME_MAX_LENGTH})
    if categories is not None:
        known = registered_categories()
        codes = list(dict.fromkeys(categories))
        unknown = [c for c in codes if c not in known]
        if unknown:
            errors.append(_("Ukendt datakategori: %(codes)s.") % {"codes": ", ".join(unknown)})
        if not codes:
            errors.append(_("Vælg mindst én datakategori."))
        changes["categories"] = codes
        in_use = purpose.code in registered_purposes() and purpose.active
        removed = [c for c in purpose.categories if c not in codes and c in known]
        if in_use and removed and not confirm_removal:
            errors.append(
                _(
                    "Charlie bruger %(categories)s til dette formål. Fjerner du kategorien, "
                    "holder de sider, der viser oplysningerne til formålet, op med at virke, "
                    "indtil den er tilbage. Sæt kryds i »Jeg forstår konsekvensen« for at "
                    "gemme alligevel."
                )
                % {"categories": ", ".join(f"»{known[c]}«" for c in removed)}
            )
    if active is not None:
        changes["active"] = bool(active)
        in_use = purpose.active and purpose.code in registered_purposes()
        if in_use and not active and not confirm_removal:
            errors.append(
                _(
                    "Charlie bruger dette formål. Gøres det inaktivt, holder de sider, der "
                    "bruger det, op med at virke. Sæt kryds i »Jeg forstår konsekvensen« "
                    "for at gemme alligevel."
                )
            )
    note = (note or "").strip()
    if not note:
        errors.append(_("Skriv en kort note om, hvad du har ændret og hvorfor."))
    else:
        errors += text_errors(note, what=_("Noten"), max_length=NOTE_MAX_LENGTH)
    if errors:
        raise ValidationFailed(errors)
    changed = {k: v for k, v in changes.items() if getattr(purpose, k) != v}
    if not changed:
        raise ValidationFailed([_("Der er ingen ændringer at gemme.")])
    with transaction.atomic():
        for field_name, value in changed.items():
            setattr(purpose, field_name, value)
        purpose.save()
        PurposeVersion.objects.create(
            purpose=purpose,
            data=purpose.snapshot(),
            changed_by=actor,
            changed_by_username=actor.get_username(),
            note=note,
        )
    return purpose


@dataclass(frozen=True)
class VersionRow:
    version: PurposeVersion
    #: Labels of the fields this version changed; empty for the first version.
    changed_fields: list[str]


def history(code: str) -> list[VersionRow]:
    """A purpose's versions, newest first, each with the fields it changed."""
    purpose = get_purpose(code)
    versions = list(purpose.versions.select_related("changed_by").order_by("changed_at", "pk"))
    rows: list[VersionRow] = []
    previous: dict[str, Any] | None = None
    for version in versions:
        if previous is None:
            changed: list[str] = []
        else:
            changed = [
                field_label(name)
                for name in Purpose.SNAPSHOT_FIELDS
                if previous.get(name) != version.data.get(name)
            ]
        rows.append(VersionRow(version=version, changed_fields=changed))
        previous = version.data
    return list(reversed(rows))


# --- "Mine data": the employee's own data (GDPR art. 15 and 20) ---

#: How many audit entries the page shows; the JSON download holds them all.
MY_DATA_AUDIT_LIMIT = 500
OWN_INSIGHT = "egen_indsigt"


@dataclass(frozen=True)
class CategoryData:
    code: str
    label: str
    #: The provider's rows: JSON-able dicts with Danish labels as keys.
    rows: list[dict[str, Any]]
    #: The active purposes in the data-use register that list this category.
    purposes: list[Purpose]


@dataclass(frozen=True)
class CorrectionRow:
    """A request for correction with the subject's name and employee number (for HR)."""

    request: CorrectionRequest
    person: PersonLabel | None = None

    @property
    def category_label(self) -> str:
        return str(categories().get(self.request.category, self.request.category))

    @property
    def status_label(self) -> str:
        return str(self.request.get_status_display())

    @property
    def is_open(self) -> bool:
        return self.request.status == CorrectionStatus.OPEN


@dataclass(frozen=True)
class MyData:
    #: None when the user has no person record: then nothing is held about them.
    person_id: int | None
    categories: list[CategoryData]
    #: Audit entries about the person, newest first (capped on the page).
    audit: list[AuditRow]
    audit_count: int
    #: The person's name and employee number (for the PDF's title); None without a person.
    person: PersonLabel | None = None
    #: The person's own requests for correction, newest first, with HR's status and response.
    corrections: list[CorrectionRow] = field(default_factory=list)

    @property
    def has_person(self) -> bool:
        return self.person_id is not None

    @property
    def category_choices(self) -> list[tuple[str, str]]:
        """The categories shown, for the "request correction" form."""
        return [(c.code, c.label) for c in self.categories]


def my_data(
    user: Any, *, audit_limit: int | None = MY_DATA_AUDIT_LIMIT, detail: str = "privacy:my_data"
) -> MyData:
    """The logged-in user's own data, per registered category, with the purposes that use it
    and the audit entries about them (newest first, at most ``audit_limit``; None: all).

    Only ever the user's own person (from the resolver ``people`` registers). The viewing itself
    is recorded, one entry per category, with purpose ``egen_indsigt`` through ``record``.
    """
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    person_id = person_resolver().own_person_id(user)
    if person_id is None:
        return MyData(person_id=None, categories=[], audit=[], audit_count=0)
    labels = categories()
    active = list(Purpose.objects.filter(active=True).order_by("name", "code"))
    result: list[CategoryData] = []
    with transaction.atomic():
        for code, provider in data_providers().items():
            record(
                actor=user,
                subject_person_ids=[person_id],
                action=Action.READ,
                category=code,
                purpose=OWN_INSIGHT,
                channel=Channel.UI,
                detail=detail,
            )
            result.append(
                CategoryData(
                    code=code,
                    label=str(labels.get(code, code)),
                    rows=provider(person_id),
                    purposes=[p for p in active if code in (p.categories or [])],
                )
            )
    flush_pending()  # this very access belongs in the history it shows
    entries = AuditEntry.objects.filter(subject_person_id=person_id).order_by("-at", "-pk")
    count = entries.count()
    shown = entries if audit_limit is None else entries[:audit_limit]
    rows = [AuditRow(entry=e, person=None) for e in shown]
    own_requests = CorrectionRequest.objects.filter(subject_person_id=person_id).order_by(
        "-created_at", "-pk"
    )
    return MyData(
        person_id=person_id,
        categories=result,
        audit=rows,
        audit_count=count,
        person=person_resolver().labels([person_id]).get(person_id),
        corrections=[CorrectionRow(request=r) for r in own_requests],
    )


def my_data_export(user: Any) -> dict[str, Any]:
    """All of "Mine data" as plain JSON-able data (GDPR art. 20): the categories with their
    rows and purposes, and the full audit history about the person."""
    data = my_data(user, audit_limit=None, detail="privacy:my_data_json")
    return {
        "udtrukket": timezone.localtime().isoformat(timespec="seconds"),
        "har_oplysninger": data.has_person,
        "kategorier": [
            {
                "kode": c.code,
                "navn": c.label,
                "oplysninger": c.rows,
                "formål": [
                    {
                        "kode": p.code,
                        "navn": p.name,
                        "beskrivelse": p.description,
                        "retsgrundlag": p.legal_basis,
                        "opbevaring": p.retention,
                    }
                    for p in c.purposes
                ],
            }
            for c in data.categories
        ],
        "logning": [
            {
                "tidspunkt": timezone.localtime(row.entry.at).isoformat(timespec="seconds"),
                "bruger": row.entry.actor_username,
                "rolle": row.role_label,
                "handling": str(row.entry.get_action_display()),
                "datakategori": row.category_label,
                "formål": row.purpose_label,
                "kanal": str(row.entry.get_channel_display()),
            }
            for row in data.audit
        ],
        "anmodninger_om_rettelse": [
            {
                "oprettet": timezone.localtime(row.request.created_at).isoformat(
                    timespec="seconds"
                ),
                "datakategori": row.category_label,
                "besked": row.request.message,
                "status": row.status_label,
                "svar": row.request.response,
                "behandlet": (
                    timezone.localtime(row.request.handled_at).isoformat(timespec="seconds")
                    if row.request.handled_at
                    else ""
                ),
            }
            for row in data.corrections
        ],
    }


#: The detail written to the audit log when "Mine data" is downloaded as PDF.
MY_DATA_PDF_DETAIL = "mine-data.pdf"


def pdf_url_fetcher() -> Any:
    """A WeasyPrint URL fetcher that fetches nothing from outside: only inline ``data:`` URLs.

    The PDF's styles are inline and its fonts are the system's, so a reference to anything else
    (http, https, ftp, file) is refused: WeasyPrint logs a warning and leaves it out.
    """
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), allow_redirects=False, timeout=1)


def render_pdf(html: str) -> bytes:
    """HTML → a tagged PDF (PDF/UA-1: structure tags, document language and title)."""
    import weasyprint

    document = weasyprint.HTML(string=html, url_fetcher=pdf_url_fetcher(), base_url=None)
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))


# --- Requests for correction (GDPR art. 16): the employee asks, HR handles ---

CORRECTION_TEXT_MAX_LENGTH = 2000
#: HR reads and handles requests for correction for this purpose.
HR_ADMINISTRATION = "hr_administration"
CORRECTIONS_PAGE_SIZE = 50


def _text_errors(value: str, *, what: str) -> list[str]:
    """Danish errors for a correction text: too long, control characters, a CPR number."""
    return text_errors(value, what=what, max_length=CORRECTION_TEXT_MAX_LENGTH, multiline=True)


def request_correction(
    *, user: Any, category: str, message: str, channel: str = Channel.UI
) -> CorrectionRequest:
    """The logged-in user asks HR to correct data held about them (GDPR art. 16).

    Always for the user's own person (from the resolver), never a person named by the caller.
    ``category`` must be one "Mine data" shows. Creating the request is recorded as a write in
    that category with purpose ``egen_indsigt`` (the register's purpose for seeing one's own data
    and asking for errors to be corrected). ``PermissionDenied`` for a user without a person.
    """
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    person_id = person_resolver().own_person_id(user)
    if person_id is None:
        raise PermissionDenied
    errors: list[str] = []
    if category not in data_providers():
        errors.append(_("Vælg, hvilke oplysninger der er forkerte, på listen."))
    message = (message or "").strip()
    if not message:
        errors.append(_("Skriv, hvad der er forkert, og hvad der er det rigtige."))
    errors += _text_errors(message, what=_("Beskeden"))
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        correction = CorrectionRequest.objects.create(
            subject_person_id=person_id, requested_by=user, category=category, message=message
        )
        record(
            actor=user,
            subject_person_ids=[person_id],
            action=Action.CREATE,
            category=category,
            purpose=OWN_INSIGHT,
            channel=channel,
            detail="privacy:correction_create",
        )
    return correction


def correction_choices() -> list[tuple[str, str]]:
    """The categories a request may be about: those "Mine data" shows, with their labels."""
    labels = categories()
    return [(code, str(labels.get(code, code))) for code in data_providers()]


def require_corrections_access(user: Any) -> None:
    """Only HR handles requests for correction."""
    if not getattr(user, "is_authenticated", False) or user.role != Role.HR:
        raise PermissionDenied


def open_corrections_count() -> int:
    """How many requests wait for HR (a count, no personal data: for HR's menu)."""
    return CorrectionRequest.objects.filter(status=CorrectionStatus.OPEN).count()


def _record_reads(
    user: Any, requests: Iterable[CorrectionRequest], *, channel: str, detail: str
) -> None:
    """One read per subject and category of the requests shown, purpose hr_administration."""
    by_category: dict[str, set[int]] = {}
    for r in requests:
        by_category.setdefault(r.category, set()).add(r.subject_person_id)
    for category, person_ids in sorted(by_category.items()):
        record(
            actor=user,
            subject_person_ids=person_ids,
            action=Action.READ,
            category=category,
            purpose=HR_ADMINISTRATION,
            channel=channel,
            detail=detail,
        )


def list_corrections(
    user: Any,
    *,
    page: Any = None,
    per_page: int = CORRECTIONS_PAGE_SIZE,
    channel: str = Channel.UI,
) -> tuple[Page[Any], list[CorrectionRow]]:
    """HR's task list: open requests first (oldest first, as a queue), then the handled ones
    (most recently handled first), ``per_page`` to a page. HR only.

    The rows carry the subject's name and employee number; showing them is recorded as a read
    of each request's category for each person on the page, purpose ``hr_administration``.
    """
    require_corrections_access(user)
    qs = CorrectionRequest.objects.annotate(
        handled_rank=Case(
            When(status=CorrectionStatus.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        open_since=Case(When(status=CorrectionStatus.OPEN, then=F("created_at"))),
    ).order_by(
        "handled_rank",
        F("open_since").asc(nulls_last=True),
        F("handled_at").desc(nulls_last=True),
        "-pk",
    )
    shown = Paginator(qs, per_page).get_page(page)
    requests = list(shown.object_list)
    _record_reads(user, requests, channel=channel, detail="privacy:corrections")
    labels = person_resolver().labels({r.subject_person_id for r in requests})
    rows = [CorrectionRow(request=r, person=labels.get(r.subject_person_id)) for r in requests]
    return shown, rows


def get_correction(user: Any, request_id: int, *, channel: str = Channel.UI) -> CorrectionRow:
    """One request for HR, with the subject's name; recorded as a read. HR only; 404 if none."""
    require_corrections_access(user)
    correction = CorrectionRequest.objects.filter(pk=request_id).first()
    if correction is None:
        raise NotFound
    _record_reads(user, [correction], channel=channel, detail="privacy:correction")
    labels = person_resolver().labels([correction.subject_person_id])
    return CorrectionRow(request=correction, person=labels.get(correction.subject_person_id))


def handle_correction(
    *,
    user: Any,
    request_id: int,
    status: str,
    response: str,
    channel: str = Channel.UI,
) -> CorrectionRequest:
    """HR marks a request "Rettet" (done) or "Afvist" (rejected), with a response to the
    employee (required when rejected). Recorded as an update of the request's category,
    purpose ``hr_administration``. HR only; 404 if no such request.

    A request is handled once, and not by the person it is about: HR staff's own requests are
    handled by a colleague.
    """
    require_corrections_access(user)
    with transaction.atomic():
        correction = CorrectionRequest.objects.select_for_update().filter(pk=request_id).first()
        if correction is None:
            raise NotFound
        errors: list[str] = []
        if correction.status != CorrectionStatus.OPEN:
            errors.append(
                _("Anmodningen er allerede behandlet (%(status)s). Den kan ikke ændres.")
                % {"status": correction.get_status_display()}
            )
        elif correction.subject_person_id == person_resolver().own_person_id(user):
            errors.append(
                _("Anmodningen handler om dig selv. Bed en kollega i HR om at behandle den.")
            )
        if status not in (CorrectionStatus.DONE, CorrectionStatus.REJECTED):
            errors.append(_("Vælg, om oplysningerne er rettet, eller om anmodningen er afvist."))
        response = (response or "").strip()
        if status == CorrectionStatus.REJECTED and not response:
            errors.append(
                _(
                    "Skriv et svar til medarbejderen, når du afviser: forklar, hvorfor "
                    "oplysningerne ikke rettes."
                )
            )
        errors += _text_errors(response, what=_("Svaret"))
        if errors:
            raise ValidationFailed(errors)
        correction.status = status
        correction.response = response
        correction.handled_by = user
        correction.handled_at = timezone.now()
        correction.save(update_fields=["status", "response", "handled_by", "handled_at"])
        record(
            actor=user,
            subject_person_ids=[correction.subject_person_id],
            action=Action.UPDATE,
            category=correction.category,
            purpose=HR_ADMINISTRATION,
            channel=channel,
            detail="privacy:correction",
        )
    return correction
