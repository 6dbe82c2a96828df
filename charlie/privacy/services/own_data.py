""" "Mine data": the logged-in user's own data (GDPR art. 15 and 20), as a page, JSON and PDF.

Always the caller's own person (``Access.person_id``), never one named by the caller. Each
category comes from the provider its app registers (``charlie.privacy.registry``); the purposes
in the register are given once each, with the categories they use (many categories share a
purpose, and the page said the same text under each); the audit history about the person comes
in two parts, what others did (HR, a manager, an import) and what the person did themselves
(every visit to this page is one), so the first stands out. Viewing it is recorded, purpose
``egen_indsigt``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from charlie.core.errors import PermissionDenied
from charlie.privacy.batch import flush_pending
from charlie.privacy.models import Action, AuditEntry, CorrectionRequest, Purpose
from charlie.privacy.registry import PersonLabel, categories, data_providers, person_resolver
from charlie.privacy.services.audit import OWN_INSIGHT, record
from charlie.privacy.services.audit_log import AuditRow
from charlie.privacy.services.corrections import CorrectionRow

if TYPE_CHECKING:
    from charlie.privacy.access import Access

#: How many audit entries the page shows; the JSON download holds them all.
MY_DATA_AUDIT_LIMIT = 500


@dataclass(frozen=True)
class CategoryData:
    code: str
    label: str
    #: The provider's rows: JSON-able dicts with Danish labels as keys.
    rows: list[dict[str, Any]]
    #: The active purposes in the data-use register that list this category.
    purposes: list[Purpose]


@dataclass(frozen=True)
class PurposeUse:
    """One purpose in the data-use register and the person's categories it uses."""

    purpose: Purpose
    #: ``(code, label)`` of the shown categories the purpose lists, in the page's order.
    categories: list[tuple[str, str]]


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
    #: Each active purpose that uses at least one of the categories, once, by name.
    purposes: list[PurposeUse] = field(default_factory=list)
    #: The audit entries by others than the person's own account (HR, a manager, an import, the
    #: DPO), newest first and capped like ``audit``, and how many there are in all.
    audit_by_others: list[AuditRow] = field(default_factory=list)
    others_count: int = 0
    #: The entries of the person's own actions (viewing Mine data, reporting sick …).
    audit_own: list[AuditRow] = field(default_factory=list)
    own_count: int = 0

    @property
    def has_person(self) -> bool:
        return self.person_id is not None

    @property
    def category_choices(self) -> list[tuple[str, str]]:
        """The categories shown, for the "request correction" form."""
        return [(c.code, c.label) for c in self.categories]


def my_data(
    access: Access,
    *,
    audit_limit: int | None = MY_DATA_AUDIT_LIMIT,
    detail: str = "privacy:my_data",
) -> MyData:
    """The logged-in user's own data, per registered category, with the purposes that use it
    and the audit entries about them (newest first, at most ``audit_limit``; None: all).

    Only ever the user's own person (from the resolver ``people`` registers). The viewing itself
    is recorded, one entry per category, with purpose ``egen_indsigt`` through ``record``.
    """
    if not access.is_authenticated or access.user is None:
        raise PermissionDenied
    person_id = person_resolver().own_person_id(access.user)
    if person_id is None:
        return MyData(person_id=None, categories=[], audit=[], audit_count=0)
    labels = categories()
    active = list(Purpose.objects.filter(active=True).order_by("name", "code"))
    result: list[CategoryData] = []
    with transaction.atomic():
        for code, provider in data_providers().items():
            record(
                actor=access.user,
                subject_person_ids=[person_id],
                action=Action.READ,
                category=code,
                purpose=OWN_INSIGHT,
                channel=access.channel,
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

    def capped(query: Any) -> list[AuditRow]:
        shown = query if audit_limit is None else query[:audit_limit]
        return [AuditRow(entry=e, person=None) for e in shown]

    # "Own" is what the person's own account did; an entry whose actor account is gone (NULL)
    # was someone else's, since the person's account is the one reading this page.
    own_actor = Q(actor_id=access.user.pk)
    others, own = entries.exclude(own_actor), entries.filter(own_actor)
    others_count, own_count = others.count(), own.count()
    rows = capped(entries)
    own_requests = CorrectionRequest.objects.filter(subject_person_id=person_id).order_by(
        "-created_at", "-pk"
    )
    return MyData(
        person_id=person_id,
        categories=result,
        audit=rows,
        audit_count=others_count + own_count,
        person=person_resolver().labels([person_id]).get(person_id),
        corrections=[CorrectionRow(request=r) for r in own_requests],
        purposes=_purpose_uses(active, result),
        audit_by_others=capped(others),
        others_count=others_count,
        audit_own=capped(own),
        own_count=own_count,
    )


def _purpose_uses(active: list[Purpose], shown: list[CategoryData]) -> list[PurposeUse]:
    uses = []
    for purpose in active:
        listed = set(purpose.categories or [])
        used = [(c.code, c.label) for c in shown if c.code in listed]
        if used:
            uses.append(PurposeUse(purpose=purpose, categories=used))
    return uses


def my_data_export(access: Access) -> dict[str, Any]:
    """All of "Mine data" as plain JSON-able data (GDPR art. 20): the categories with their
    rows and purposes, and the full audit history about the person."""
    data = my_data(access, audit_limit=None, detail="privacy:my_data_json")
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
