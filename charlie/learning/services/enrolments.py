"""Enrolment on the catalogue's sessions (issue 14, points 1 and 6): an employee asks to join,
the manager approves or rejects (free e-learning without approval enrols at once), a full
session gives a place on the waiting list that moves up when a seat frees, the employee cancels,
HR and managers enrol people in scope, reminders before the session, and the organiser's
attendance, which records the completion (``services.completions``) and so raises skills.

Seats never overbook: every change of who holds a seat locks the session's row first
(``select_for_update``: a row lock on PostgreSQL; SQLite serialises writers anyway). Every read
and write of someone's enrolment is audited under the purpose ``uddannelse``."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.formats import format_date_short
from charlie.core.text import check_text
from charlie.core.workqueue import QueueItem, QueueRow, Urgency
from charlie.learning.models import Enrolment, EnrolmentStatus, Session
from charlie.learning.permissions import (
    APPROVE_ENROLMENTS,
    MANAGE_CATALOGUE,
    READ_CATALOGUE,
    RECORD_ATTENDANCE,
)
from charlie.learning.services.catalogue import session_of
from charlie.learning.services.common import CATEGORY, for_learning, person_in_scope, today
from charlie.learning.services.completions import NewCompletion, record_completions
from charlie.learning.services.seats import (
    DETAIL_MOVED_UP,
    SEAT_STATUSES,
    fill_from_waitlist,
    locked_session,
    mail,
    place,
    when,
)
from charlie.people import services as people
from charlie.people.models import Person
from charlie.privacy.access import Access
from charlie.privacy.models import Action

log = logging.getLogger(__name__)

#: The audit details this module writes (registered in apps.py, read plainly).
DETAIL_REQUEST = gettext_noop("tilmelding")
DETAIL_DECISION = gettext_noop("tilmelding afgjort")
DETAIL_CANCEL = gettext_noop("afmelding")
DETAIL_APPROVALS = gettext_noop("tilmeldinger til godkendelse")
DETAIL_PARTICIPANTS = gettext_noop("deltagerliste")
DETAIL_ATTENDANCE = gettext_noop("fremmøde")
DETAIL_REMINDER = gettext_noop("påmindelse om kursus")
DETAIL_SESSION_CANCELLED = gettext_noop("kursusdato aflyst")
DETAIL_QUEUE = gettext_noop("forside:tilmeldinger")
AUDIT_DETAILS = (
    DETAIL_REQUEST,
    DETAIL_DECISION,
    DETAIL_CANCEL,
    DETAIL_MOVED_UP,
    DETAIL_APPROVALS,
    DETAIL_PARTICIPANTS,
    DETAIL_ATTENDANCE,
    DETAIL_REMINDER,
    DETAIL_SESSION_CANCELLED,
    DETAIL_QUEUE,
)

#: Statuses that are still "on" the session for the person (not twice).
OPEN_STATUSES = (
    EnrolmentStatus.REQUESTED,
    EnrolmentStatus.ENROLLED,
    EnrolmentStatus.WAITLISTED,
)

#: Rows of the front-page item, and of a page of the approvals list.
QUEUE_ROWS = 5
PAGE_SIZE = 50


def reminder_days() -> int:
    """Days before a session its participants get a reminder (``CHARLIE_LEARNING_REMINDER_DAYS``,
    default 3)."""
    return int(getattr(settings, "CHARLIE_LEARNING_REMINDER_DAYS", 3))


# --- Asking, deciding, cancelling ---------------------------------------------------------------


def _open_for_registration(session: Session) -> None:
    if session.cancelled:
        raise ValidationFailed([_("Kursusdatoen er aflyst.")])
    if today() > session.registration_deadline:
        raise ValidationFailed([_("Tilmeldingsfristen er overskredet.")])
    if not session.course.active:
        raise ValidationFailed([_("Kurset er ikke længere i kataloget.")])


def _row_for(person_id: int, session: Session) -> Enrolment:
    """The person's row on the session: a new one, or an old cancelled or rejected one reused
    (one row per person and session). Asking twice is an error."""
    row = Enrolment.objects.filter(person_id=person_id, session=session).first()
    if row is None:
        return Enrolment(person_id=person_id, session=session)
    if row.status in OPEN_STATUSES:
        raise ValidationFailed([_("Du er allerede tilmeldt eller har bedt om at komme med.")])
    if row.status in (EnrolmentStatus.ATTENDED, EnrolmentStatus.NO_SHOW):
        raise ValidationFailed([_("Kursusdatoen er allerede afholdt for dig.")])
    row.decided_by = None
    row.decided_at = None
    row.reason = ""
    row.reminded_at = None
    row.requested_at = timezone.now()
    return row


def request_enrolment(access: Access, session_id: int) -> Enrolment:
    """The caller asks to join a session (before its deadline, not twice). A free course that
    needs no approval enrols at once (or on the waiting list when full); otherwise the request
    waits for the manager."""
    session = session_of(access, session_id)
    if not access.person_id:
        raise PermissionDenied
    with transaction.atomic():
        session = locked_session(session.pk)
        _open_for_registration(session)
        row = _row_for(access.person_id, session)
        if not session.course.requires_approval and session.course.price == 0:
            place(session, row)
            row.decided_at = timezone.now()
        else:
            row.status = EnrolmentStatus.REQUESTED
            row.queued_at = None
        row.save()
    for_learning(access).record(
        [access.person_id], action=Action.CREATE, category=CATEGORY, detail=DETAIL_REQUEST
    )
    return row


def _enrolment_in_scope(access: Access, enrolment_id: int) -> Enrolment:
    row = (
        Enrolment.objects.select_related("session__course", "person")
        .filter(pk=enrolment_id)
        .first()
    )
    if row is None:
        raise NotFound
    person_in_scope(access, row.person_id)
    return row


def approve(access: Access, enrolment_id: int) -> Enrolment:
    """The manager (in scope) or HR approves a request: a seat, or the waiting list when the
    session is full. Nobody approves their own request."""
    access.require(APPROVE_ENROLMENTS)
    row = _enrolment_in_scope(access, enrolment_id)
    if row.person_id == access.person_id and not access.everyone:
        raise PermissionDenied
    with transaction.atomic():
        session = locked_session(row.session_id)
        row = Enrolment.objects.select_for_update().get(pk=row.pk)
        if row.status != EnrolmentStatus.REQUESTED:
            raise ValidationFailed([_("Tilmeldingen er allerede afgjort.")])
        if session.cancelled:
            raise ValidationFailed([_("Kursusdatoen er aflyst.")])
        place(session, row)
        row.decided_by = access.user if access.user and access.user.pk else None
        row.decided_at = timezone.now()
        row.save()
    for_learning(access).record(
        [row.person_id], action=Action.UPDATE, category=CATEGORY, detail=DETAIL_DECISION
    )
    person = Person.objects.get(pk=row.person_id)
    if row.status == EnrolmentStatus.ENROLLED:
        text = _("Din tilmelding til %(title)s %(when)s er godkendt. Du er tilmeldt.")
    else:
        text = _(
            "Din tilmelding til %(title)s %(when)s er godkendt, men holdet er fuldt. Du er på "
            "ventelisten og får besked, hvis der bliver en plads."
        )
    mail(
        person,
        _("Tilmelding godkendt: %(title)s") % {"title": session.course.title},
        text % {"title": session.course.title, "when": when(session)},
        session,
    )
    return row


def reject(access: Access, enrolment_id: int, reason: str) -> Enrolment:
    """The manager (in scope) or HR rejects a request, with a reason the employee sees."""
    access.require(APPROVE_ENROLMENTS)
    text = check_text(reason, what=_("Begrundelse"), max_length=300, required=True)
    row = _enrolment_in_scope(access, enrolment_id)
    if row.person_id == access.person_id and not access.everyone:
        raise PermissionDenied
    if row.status != EnrolmentStatus.REQUESTED:
        raise ValidationFailed([_("Tilmeldingen er allerede afgjort.")])
    row.status = EnrolmentStatus.REJECTED
    row.reason = text
    row.decided_by = access.user if access.user and access.user.pk else None
    row.decided_at = timezone.now()
    row.save()
    for_learning(access).record(
        [row.person_id], action=Action.UPDATE, category=CATEGORY, detail=DETAIL_DECISION
    )
    mail(
        row.person,
        _("Tilmelding afvist: %(title)s") % {"title": row.session.course.title},
        _("Din tilmelding til %(title)s er afvist. Begrundelse: %(reason)s")
        % {"title": row.session.course.title, "reason": text},
    )
    return row


def enrol_person(access: Access, session_id: int, person_id: int) -> Enrolment:
    """A manager (in scope) or HR enrols someone directly: a seat, or the waiting list."""
    access.require(APPROVE_ENROLMENTS)
    person = person_in_scope(access, person_id)
    session = session_of(access, session_id)
    with transaction.atomic():
        session = locked_session(session.pk)
        if session.cancelled:
            raise ValidationFailed([_("Kursusdatoen er aflyst.")])
        row = _row_for(person.pk, session)
        place(session, row)
        row.decided_by = access.user if access.user and access.user.pk else None
        row.decided_at = timezone.now()
        row.save()
    for_learning(access).record(
        [person.pk], action=Action.CREATE, category=CATEGORY, detail=DETAIL_REQUEST
    )
    return row


def enrol_by_number(access: Access, session_id: int, employee_number: str) -> Enrolment:
    """``enrol_person`` for the employee with this number (the form on the course page); an
    unknown number, or one outside the caller's scope, is the same message."""
    access.require(APPROVE_ENROLMENTS)
    person_id = people.person_id_by_employee_number(employee_number) if employee_number else None
    if person_id is None or not people.visible_people(access).filter(pk=person_id).exists():
        raise ValidationFailed(
            [_("Ingen medarbejder med det nummer i dine enheder.")], field="employee_number"
        )
    return enrol_person(access, session_id, person_id)


def cancel_enrolment(access: Access, enrolment_id: int) -> Enrolment:
    """The person cancels their own place (or request), or a manager in scope or HR removes
    it. A freed seat goes to the first on the waiting list."""
    row = Enrolment.objects.filter(pk=enrolment_id).first()
    if row is None:
        raise NotFound
    if row.person_id != access.person_id:
        access.require(APPROVE_ENROLMENTS)
        row = _enrolment_in_scope(access, enrolment_id)
    with transaction.atomic():
        session = locked_session(row.session_id)
        row = Enrolment.objects.select_for_update().get(pk=row.pk)
        if row.status not in OPEN_STATUSES:
            raise ValidationFailed([_("Tilmeldingen kan ikke afmeldes.")])
        if session.starts_at <= timezone.now():
            raise ValidationFailed([_("Kurset er begyndt; det kan ikke længere afmeldes.")])
        held_seat = row.status == EnrolmentStatus.ENROLLED
        row.status = EnrolmentStatus.CANCELLED
        row.queued_at = None
        row.save(update_fields=["status", "queued_at"])
    for_learning(access).record(
        [row.person_id], action=Action.UPDATE, category=CATEGORY, detail=DETAIL_CANCEL
    )
    if held_seat:
        fill_from_waitlist(row.session_id)
    return row


def session_cancelled(access: Access, session: Session) -> int:
    """Tell everyone on a cancelled session (requested, enrolled, waitlisted) by e-mail."""
    rows = list(
        Enrolment.objects.filter(session=session, status__in=OPEN_STATUSES).select_related("person")
    )
    told = 0
    for e in rows:
        told += mail(
            e.person,
            _("Aflyst: %(title)s") % {"title": session.course.title},
            _("%(title)s %(when)s er desværre aflyst.")
            % {"title": session.course.title, "when": when(session)},
            session,
        )
    for_learning(access).record_read(
        [e.person_id for e in rows], category=CATEGORY, detail=DETAIL_SESSION_CANCELLED
    )
    return told


def cancel_session(access: Access, session_id: int) -> int:
    """Cancel a session and tell everyone on it by e-mail; returns how many were told."""
    access.require(MANAGE_CATALOGUE)
    session = Session.objects.select_related("course").filter(pk=session_id).first()
    if session is None:
        raise NotFound
    if session.cancelled:
        return 0
    session.cancelled = True
    session.save(update_fields=["cancelled"])
    return session_cancelled(access, session)


# --- What waits for the approvers ---------------------------------------------------------------


def _pending(access: Access) -> QuerySet[Enrolment]:
    qs = Enrolment.objects.filter(
        people.in_scope(access, person="person"), status=EnrolmentStatus.REQUESTED
    )
    if access.person_id and not access.everyone:
        qs = qs.exclude(person_id=access.person_id)
    return qs


def pending_approvals(access: Access, page_number: Any = 1) -> Page[Enrolment]:
    """The requests waiting for the caller (a manager's units, HR everyone), oldest first."""
    access.require(APPROVE_ENROLMENTS)
    qs = _pending(access).select_related("person", "session__course").order_by("requested_at", "pk")
    page = Paginator(qs, PAGE_SIZE).get_page(page_number)
    for_learning(access).record_read(
        [e.person_id for e in page], category=CATEGORY, detail=DETAIL_APPROVALS
    )
    return page


def queue_items(access: Access) -> list[QueueItem]:
    """The front page's item for a manager or HR: the requests waiting for them."""
    if not access.can(APPROVE_ENROLMENTS) or not access.sees_others:
        return []
    qs = _pending(access)
    total = qs.count()
    if not total:
        return []
    rows = list(
        qs.select_related("person", "session__course").order_by("requested_at", "pk")[:QUEUE_ROWS]
    )
    for_learning(access).record_read(
        {e.person_id for e in rows}, category=CATEGORY, detail=DETAIL_QUEUE
    )
    url = reverse("learning:enrolment_approvals")
    return [
        QueueItem(
            key="learning_enrolments",
            title=_("Tilmeldinger til godkendelse"),
            count=total,
            urgency=Urgency.SOON,
            url=url,
            link_label=_("Se alle tilmeldinger til godkendelse"),
            rows=[
                QueueRow(
                    text=f"{e.person.full_name}: {e.session.course.title}",
                    url=url,
                    detail=format_date_short(e.session.registration_deadline),
                    urgency=Urgency.TODAY
                    if e.session.registration_deadline <= today()
                    else Urgency.SOON,
                )
                for e in rows
            ],
            order=45,
        )
    ]


# --- The person's own enrolments ----------------------------------------------------------------


@dataclass(frozen=True)
class MyEnrolment:
    enrolment: Enrolment
    session: Session

    @property
    def can_cancel(self) -> bool:
        return self.enrolment.status in OPEN_STATUSES and self.session.starts_at > timezone.now()


def enrolments_of(person: Person) -> list[MyEnrolment]:
    """A person's open and recent enrolments, the next first ("Min læring"; the caller has
    checked access and audits the read)."""
    since = timezone.now() - timedelta(days=90)
    rows = (
        Enrolment.objects.filter(person=person, session__ends_at__gte=since)
        .select_related("session__course")
        .order_by("session__starts_at", "pk")[:100]
    )
    return [MyEnrolment(e, e.session) for e in rows]


# --- Attendance -------------------------------------------------------------------------------


@dataclass
class Participants:
    session: Session
    enrolments: list[Enrolment]


def _may_record(access: Access, session: Session) -> None:
    """HR for every session; the session's organiser (whatever their role) for theirs."""
    if access.can(RECORD_ATTENDANCE) and access.can(MANAGE_CATALOGUE):
        return
    user = access.user
    if user is not None and user.pk and session.organiser_id == user.pk:
        return
    raise PermissionDenied


def participants(access: Access, session_id: int) -> Participants:
    """The session's participants (everyone with a place, and the waiting list), for HR and
    the organiser."""
    access.require(READ_CATALOGUE)
    session = Session.objects.select_related("course").filter(pk=session_id).first()
    if session is None:
        raise NotFound
    _may_record(access, session)
    rows = list(
        Enrolment.objects.filter(
            session=session,
            status__in=(*SEAT_STATUSES, EnrolmentStatus.WAITLISTED),
        )
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    for_learning(access).record_read(
        [e.person_id for e in rows], category=CATEGORY, detail=DETAIL_PARTICIPANTS
    )
    return Participants(session, rows)


def mark_attendance(
    access: Access, session_id: int, enrolment_id: int, *, attended: bool
) -> Enrolment:
    """The organiser or HR marks a participant attended (which records the completion and
    raises the course's skills) or no-show. Only after the session has started."""
    access.require(READ_CATALOGUE)
    session = Session.objects.select_related("course").filter(pk=session_id).first()
    if session is None:
        raise NotFound
    _may_record(access, session)
    row = Enrolment.objects.filter(pk=enrolment_id, session=session).first()
    if row is None:
        raise NotFound
    if row.status not in SEAT_STATUSES:
        raise ValidationFailed([_("Kun tilmeldte kan registreres som deltagere.")])
    if session.starts_at > timezone.now():
        raise ValidationFailed([_("Fremmøde registreres, når kurset er begyndt.")])
    with transaction.atomic():
        row.status = EnrolmentStatus.ATTENDED if attended else EnrolmentStatus.NO_SHOW
        row.save(update_fields=["status"])
        if attended:
            record_completions(
                for_learning(access),
                [
                    NewCompletion(
                        person_id=row.person_id,
                        course_id=session.course_id,
                        completed_on=timezone.localtime(session.ends_at).date(),
                        result="completed",
                        source="session",
                        external_id=f"session:{session.pk}:{row.person_id}",
                        session_id=session.pk,
                    )
                ],
                detail=DETAIL_ATTENDANCE,
            )
    for_learning(access).record(
        [row.person_id], action=Action.UPDATE, category=CATEGORY, detail=DETAIL_ATTENDANCE
    )
    return row


# --- Reminders (the daily job) ------------------------------------------------------------------


def send_reminders(on: date | None = None) -> int:
    """E-mail each enrolled participant of a session starting within the reminder days (from
    ``on``, default today), once (``reminded_at``). Returns the mails sent."""
    day = on or today()
    until = day + timedelta(days=reminder_days())
    rows = list(
        Enrolment.objects.filter(
            status=EnrolmentStatus.ENROLLED,
            reminded_at__isnull=True,
            session__cancelled=False,
            session__starts_at__gte=timezone.now(),
            session__starts_at__date__lte=until,
        ).select_related("person", "session__course")[:5000]
    )
    sent: list[int] = []
    for e in rows:
        ok = mail(
            e.person,
            _("Påmindelse: %(title)s") % {"title": e.session.course.title},
            _("Du er tilmeldt %(title)s %(when)s, %(place)s.")
            % {
                "title": e.session.course.title,
                "when": when(e.session),
                "place": e.session.place or "–",
            },
            e.session,
        )
        if ok:
            Enrolment.objects.filter(pk=e.pk).update(reminded_at=timezone.now())
            sent.append(e.person_id)
    if sent:
        from charlie.core.roles import Role

        for_learning(people.operator_access(Role.HR, channel="task")).record_read(
            sent, category=CATEGORY, detail=DETAIL_REMINDER
        )
    return len(sent)
