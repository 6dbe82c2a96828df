"""The seats of a session, shared by the catalogue and enrolment: who holds a seat, the lock on
the session's row that every change of seats takes first (``select_for_update``: a row lock on
PostgreSQL; SQLite serialises writers anyway), and the waiting list that moves up when seats
free (a cancellation, or more seats), with an e-mail to each who moves up."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from charlie.core.formats import format_datetime
from charlie.core.roles import Role
from charlie.learning.models import Enrolment, EnrolmentStatus, Session
from charlie.learning.services.common import CATEGORY, for_learning
from charlie.people import services as people
from charlie.people.models import Person
from charlie.privacy.models import Action

log = logging.getLogger(__name__)

#: The statuses that hold a seat on a session.
SEAT_STATUSES = (EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED, EnrolmentStatus.NO_SHOW)

DETAIL_MOVED_UP = gettext_noop("rykket op fra venteliste")


def seats_taken(session_ids: Iterable[int]) -> dict[int, int]:
    """Seats held per session (enrolled, attended or no-show)."""
    return dict(
        Enrolment.objects.filter(session_id__in=list(session_ids), status__in=SEAT_STATUSES)
        .values("session_id")
        .annotate(n=Count("pk"))
        .values_list("session_id", "n")
    )


def locked_session(session_id: int) -> Session:
    """The session's row, locked until the transaction ends: the one gate to its seats."""
    return Session.objects.select_for_update().select_related("course").get(pk=session_id)


def taken(session: Session) -> int:
    return Enrolment.objects.filter(session=session, status__in=SEAT_STATUSES).count()


def place(session: Session, enrolment: Enrolment) -> None:
    """Give ``enrolment`` a seat, or a place at the end of the waiting list when the session is
    full. The caller holds the session's lock."""
    now = timezone.now()
    if taken(session) < session.seats:
        enrolment.status = EnrolmentStatus.ENROLLED
        enrolment.queued_at = None
    else:
        enrolment.status = EnrolmentStatus.WAITLISTED
        enrolment.queued_at = now


def fill_from_waitlist(session_id: int) -> list[Enrolment]:
    """Move the first on the waiting list (by ``queued_at``) up while seats are free, and tell
    each by e-mail. Returns the enrolments moved up."""
    moved: list[Enrolment] = []
    with transaction.atomic():
        session = locked_session(session_id)
        if session.cancelled:
            return []
        free = session.seats - taken(session)
        if free > 0:
            waiting = list(
                Enrolment.objects.filter(session=session, status=EnrolmentStatus.WAITLISTED)
                .select_related("person")
                .order_by("queued_at", "pk")[:free]
            )
            for e in waiting:
                e.status = EnrolmentStatus.ENROLLED
                e.queued_at = None
                e.save(update_fields=["status", "queued_at"])
                moved.append(e)
    for e in moved:
        mail(
            e.person,
            _("Du har fået en plads på %(title)s") % {"title": session.course.title},
            _("Der er blevet en plads fri, og du er nu tilmeldt %(title)s %(when)s.")
            % {"title": session.course.title, "when": when(session)},
            session,
        )
    if moved:
        audit_system([e.person_id for e in moved], DETAIL_MOVED_UP)
    return moved


def audit_system(person_ids: list[int], detail: str) -> None:
    """An audit entry for a change made by the system (nobody's request)."""
    access = for_learning(people.operator_access(Role.HR, channel="task"))
    access.record(person_ids, action=Action.UPDATE, category=CATEGORY, detail=detail)


def when(session: Session) -> str:
    return format_datetime(timezone.localtime(session.starts_at))


def mail(person: Person, subject: str, body: str, session: Session | None = None) -> bool:
    if not person.email:
        return False
    if session is not None:
        link = reverse("learning:session_ical", args=[session.pk])
        base = getattr(settings, "CHARLIE_BASE_URL", "").rstrip("/")
        body += "\n\n" + _("Kalenderfil: %(url)s") % {"url": f"{base}{link}"}
    try:
        send_mail(subject, body, None, [person.email])
    except Exception as exc:
        log.error("learning mail to person %s failed (%s)", person.pk, type(exc).__name__)
        return False
    return True
