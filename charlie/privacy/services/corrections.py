"""Requests for correction (GDPR art. 16): the employee asks from "Mine data", HR handles.

A request is always about the caller's own person. HR's task list and each request shown are
recorded as reads of the request's category (purpose ``hr_administration``); creating and
handling a request as writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.cache import cached
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.text import text_errors
from charlie.privacy.models import Action, CorrectionRequest, CorrectionStatus
from charlie.privacy.permissions import HANDLE_CORRECTIONS
from charlie.privacy.registry import PersonLabel, categories, data_providers, person_resolver
from charlie.privacy.services.audit import OWN_INSIGHT, record

if TYPE_CHECKING:
    from charlie.privacy.access import Access

CORRECTION_TEXT_MAX_LENGTH = 2000
#: HR reads and handles requests for correction for this purpose.
HR_ADMINISTRATION = "hr_administration"
CORRECTIONS_PAGE_SIZE = 50


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


def _text_errors(value: str, *, what: str) -> list[str]:
    """Danish errors for a correction text: too long, control characters, a CPR number."""
    return text_errors(value, what=what, max_length=CORRECTION_TEXT_MAX_LENGTH, multiline=True)


def request_correction(access: Access, *, category: str, message: str) -> CorrectionRequest:
    """The logged-in user asks HR to correct data held about them (GDPR art. 16).

    Always for the user's own person (from the resolver), never a person named by the caller.
    ``category`` must be one "Mine data" shows. Creating the request is recorded as a write in
    that category with purpose ``egen_indsigt`` (the register's purpose for seeing one's own data
    and asking for errors to be corrected). ``PermissionDenied`` for a user without a person.
    """
    if not access.is_authenticated or access.user is None:
        raise PermissionDenied
    person_id = person_resolver().own_person_id(access.user)
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
            subject_person_id=person_id,
            requested_by=access.user,
            category=category,
            message=message,
        )
        record(
            actor=access.user,
            subject_person_ids=[person_id],
            action=Action.CREATE,
            category=category,
            purpose=OWN_INSIGHT,
            channel=access.channel,
            detail="privacy:correction_create",
        )
    return correction


def correction_choices() -> list[tuple[str, str]]:
    """The categories a request may be about: those "Mine data" shows, with their labels."""
    labels = categories()
    return [(code, str(labels.get(code, code))) for code in data_providers()]


def require_corrections_access(access: Access) -> None:
    """Only HR handles requests for correction (403 otherwise)."""
    access.require(HANDLE_CORRECTIONS)


def open_corrections_count() -> int:
    """How many requests wait for HR (a count, no personal data: for HR's menu)."""
    return cached(
        "corrections",
        "open_count",
        CorrectionRequest.objects.filter(status=CorrectionStatus.OPEN).count,
    )


def _record_reads(access: Access, requests: Iterable[CorrectionRequest], *, detail: str) -> None:
    """One read per subject and category of the requests shown, purpose hr_administration."""
    by_category: dict[str, set[int]] = {}
    for r in requests:
        by_category.setdefault(r.category, set()).add(r.subject_person_id)
    for category, person_ids in sorted(by_category.items()):
        record(
            actor=access.user,
            subject_person_ids=person_ids,
            action=Action.READ,
            category=category,
            purpose=HR_ADMINISTRATION,
            channel=access.channel,
            detail=detail,
        )


def list_corrections(
    access: Access, *, page: Any = None, per_page: int = CORRECTIONS_PAGE_SIZE
) -> tuple[Page[Any], list[CorrectionRow]]:
    """HR's task list: open requests first (oldest first, as a queue), then the handled ones
    (most recently handled first), ``per_page`` to a page. HR only.

    The rows carry the subject's name and employee number; showing them is recorded as a read
    of each request's category for each person on the page, purpose ``hr_administration``.
    """
    require_corrections_access(access)
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
    _record_reads(access, requests, detail="privacy:corrections")
    labels = person_resolver().labels({r.subject_person_id for r in requests})
    rows = [CorrectionRow(request=r, person=labels.get(r.subject_person_id)) for r in requests]
    return shown, rows


def get_correction(access: Access, request_id: int) -> CorrectionRow:
    """One request for HR, with the subject's name; recorded as a read. HR only; 404 if none."""
    require_corrections_access(access)
    correction = CorrectionRequest.objects.filter(pk=request_id).first()
    if correction is None:
        raise NotFound
    _record_reads(access, [correction], detail="privacy:correction")
    labels = person_resolver().labels([correction.subject_person_id])
    return CorrectionRow(request=correction, person=labels.get(correction.subject_person_id))


def handle_correction(
    access: Access, *, request_id: int, status: str, response: str
) -> CorrectionRequest:
    """HR marks a request "Rettet" (done) or "Afvist" (rejected), with a response to the
    employee (required when rejected). Recorded as an update of the request's category,
    purpose ``hr_administration``. HR only; 404 if no such request.

    A request is handled once, and not by the person it is about: HR staff's own requests are
    handled by a colleague.
    """
    require_corrections_access(access)
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
        elif correction.subject_person_id == access.person_id:
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
        correction.handled_by = access.user
        correction.handled_at = timezone.now()
        correction.save(update_fields=["status", "response", "handled_by", "handled_at"])
        record(
            actor=access.user,
            subject_person_ids=[correction.subject_person_id],
            action=Action.UPDATE,
            category=correction.category,
            purpose=HR_ADMINISTRATION,
            channel=access.channel,
            detail="privacy:correction",
        )
    return correction
