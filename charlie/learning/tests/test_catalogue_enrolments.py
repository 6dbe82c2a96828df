"""Enrolment on a session: asking, approving, rejecting, the waiting list that moves up, the
deadline, no overbooking, scope, reminders and attendance. Session times are set relative to
now (a session 30 days ahead has its deadline 14 days ahead), so the tests never go stale."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.learning import services
from charlie.learning.models import Completion, Enrolment, EnrolmentStatus
from charlie.learning.tests.factories import CourseFactory, CourseSkillFactory, SessionFactory
from charlie.people.services import access_for
from charlie.people.tests.factories import EmploymentFactory
from charlie.privacy.models import AuditEntry
from charlie.skills.models import SkillAssessment

pytestmark = pytest.mark.django_db


def _session(*, days: int = 30, seats: int = 10, deadline_days: int = 14, **course):
    starts = timezone.now() + timedelta(days=days)
    return SessionFactory(
        course=CourseFactory(**course),
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        seats=seats,
        registration_deadline=(
            timezone.localtime(starts) - timedelta(days=days - deadline_days)
        ).date(),
    )


def _nord_colleague(org, email="kollega@example.dk"):
    return EmploymentFactory(org_unit=org.nord, person__email=email).person


def test_a_request_waits_for_the_manager_who_approves_it(org, users):
    session = _session()
    org.person_in_nord.email = "aase@example.dk"
    org.person_in_nord.save()
    row = services.request_enrolment(access_for(users["employee"]), session.pk)
    assert row.status == EnrolmentStatus.REQUESTED
    page = services.pending_approvals(access_for(users["manager"]))
    assert [e.pk for e in page] == [row.pk]
    approved = services.approve(access_for(users["manager"]), row.pk)
    assert approved.status == EnrolmentStatus.ENROLLED
    assert approved.decided_by == users["manager"]
    assert mail.outbox[-1].to == ["aase@example.dk"]
    assert "kalender.ics" in mail.outbox[-1].body
    assert AuditEntry.objects.filter(
        subject_person_id=org.person_in_nord.pk, category="uddannelse", detail="tilmelding afgjort"
    ).exists()


def test_asking_twice_or_after_the_deadline_is_refused(org, users):
    session = _session()
    services.request_enrolment(access_for(users["employee"]), session.pk)
    with pytest.raises(ValidationFailed):
        services.request_enrolment(access_for(users["employee"]), session.pk)
    # The deadline was yesterday: the session starts in 10 days, the deadline 11 days before.
    late = _session(days=10, deadline_days=-1)
    with pytest.raises(ValidationFailed, match="fristen"):
        services.request_enrolment(access_for(users["employee"]), late.pk)


def test_free_course_without_approval_enrols_at_once_then_waitlists(org, users):
    session = _session(seats=1, price=Decimal(0), requires_approval=False)
    colleague = _nord_colleague(org)
    first = services.enrol_person(access_for(users["manager"]), session.pk, colleague.pk)
    assert first.status == EnrolmentStatus.ENROLLED
    second = services.request_enrolment(access_for(users["employee"]), session.pk)
    assert second.status == EnrolmentStatus.WAITLISTED
    assert second.queued_at is not None


def test_a_paid_course_needs_approval_even_without_the_flag(org, users):
    session = _session(price=Decimal("900"), requires_approval=False)
    row = services.request_enrolment(access_for(users["employee"]), session.pk)
    assert row.status == EnrolmentStatus.REQUESTED


def test_approval_on_a_full_session_waitlists_and_cancel_moves_the_first_up(org, users):
    session = _session(seats=1)
    hr = access_for(users["hr"])
    first = services.enrol_person(hr, session.pk, org.person_in_skole.pk)
    waiting_early = services.enrol_person(hr, session.pk, _nord_colleague(org, "a@example.dk").pk)
    row = services.request_enrolment(access_for(users["employee"]), session.pk)
    late = services.approve(access_for(users["manager"]), row.pk)
    assert (waiting_early.status, late.status) == ("waitlisted", "waitlisted")
    mail.outbox.clear()
    services.cancel_enrolment(hr, first.pk)
    statuses = dict(Enrolment.objects.values_list("pk", "status"))
    # The one queued first moves up; the other waits on.
    assert statuses == {first.pk: "cancelled", waiting_early.pk: "enrolled", late.pk: "waitlisted"}
    assert [m.to for m in mail.outbox] == [["a@example.dk"]]


def test_seats_never_overbook(org, users):
    session = _session(seats=2)
    hr = access_for(users["hr"])
    rows = [
        services.enrol_person(hr, session.pk, _nord_colleague(org, f"p{i}@example.dk").pk)
        for i in range(4)
    ]
    assert [r.status for r in rows] == ["enrolled", "enrolled", "waitlisted", "waitlisted"]
    # Fewer seats than the enrolled is refused.
    with pytest.raises(ValidationFailed):
        services.save_session(
            hr,
            session.course_id,
            {
                "starts_at": session.starts_at,
                "ends_at": session.ends_at,
                "seats": 1,
                "registration_deadline": session.registration_deadline,
            },
            session_id=session.pk,
        )
    # One more seat lets the first on the waiting list move up.
    services.save_session(
        hr,
        session.course_id,
        {
            "starts_at": session.starts_at,
            "ends_at": session.ends_at,
            "seats": 3,
            "registration_deadline": session.registration_deadline,
        },
        session_id=session.pk,
    )
    assert Enrolment.objects.filter(session=session, status="enrolled").count() == 3


def test_reject_needs_a_reason_and_tells_the_employee(org, users):
    session = _session()
    row = services.request_enrolment(access_for(users["employee"]), session.pk)
    with pytest.raises(ValidationFailed):
        services.reject(access_for(users["manager"]), row.pk, "  ")
    done = services.reject(access_for(users["manager"]), row.pk, "Ikke i år")
    assert (done.status, done.reason) == ("rejected", "Ikke i år")
    # Asking again after a rejection is allowed (the same row, asked anew).
    again = services.request_enrolment(access_for(users["employee"]), session.pk)
    assert (again.pk, again.status, again.reason) == (row.pk, "requested", "")


def test_a_manager_cannot_approve_outside_their_units_and_an_employee_not_at_all(org, users):
    session = _session()
    row = services.enrol_person(access_for(users["hr"]), session.pk, org.person_in_skole.pk)
    Enrolment.objects.filter(pk=row.pk).update(status="requested")
    with pytest.raises(NotFound):
        services.approve(access_for(users["manager"]), row.pk)
    with pytest.raises(PermissionDenied):
        services.approve(access_for(users["employee"]), row.pk)
    with pytest.raises(NotFound):
        services.enrol_person(access_for(users["manager"]), session.pk, org.person_in_skole.pk)
    assert services.pending_approvals(access_for(users["manager"])).paginator.count == 0


def test_the_work_queue_shows_the_manager_the_waiting_requests(org, users):
    session = _session()
    services.request_enrolment(access_for(users["employee"]), session.pk)
    items = services.enrolments.queue_items(access_for(users["manager"]))
    assert [(i.key, i.count) for i in items] == [("learning_enrolments", 1)]
    assert services.enrolments.queue_items(access_for(users["employee"])) == []


def test_reminders_are_sent_once_within_the_days(org, users, settings):
    settings.CHARLIE_LEARNING_REMINDER_DAYS = 3
    soon = _session(days=2, deadline_days=1)
    later = _session(days=20)
    org.person_in_nord.email = "aase@example.dk"
    org.person_in_nord.save()
    hr = access_for(users["hr"])
    services.enrol_person(hr, soon.pk, org.person_in_nord.pk)
    services.enrol_person(hr, later.pk, org.person_in_nord.pk)
    mail.outbox.clear()
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    assert len(mail.outbox) == 1
    assert soon.course.title in mail.outbox[0].subject
    assert f"/laering/kurser/hold/{soon.pk}/kalender.ics" in mail.outbox[0].body


def test_attendance_records_the_completion_and_raises_the_skill(org, users):
    session = _session(days=-1, deadline_days=-3)
    link = CourseSkillFactory(course=session.course, level=3)
    hr = access_for(users["hr"])
    session.registration_deadline = timezone.localdate() + timedelta(days=1)
    session.save()
    row = services.enrol_person(hr, session.pk, org.person_in_nord.pk)
    # The organiser (the manager's account here) may record; the employee may not.
    session.organiser = users["manager"]
    session.save()
    with pytest.raises(PermissionDenied):
        services.participants(access_for(users["employee"]), session.pk)
    listed = services.participants(access_for(users["manager"]), session.pk)
    assert [e.pk for e in listed.enrolments] == [row.pk]
    services.mark_attendance(access_for(users["manager"]), session.pk, row.pk, attended=True)
    services.mark_attendance(access_for(users["manager"]), session.pk, row.pk, attended=True)
    done = Completion.objects.get()
    assert (done.person_id, done.session_id, done.source, done.external_id) == (
        org.person_in_nord.pk,
        session.pk,
        "session",
        f"session:{session.pk}:{org.person_in_nord.pk}",
    )
    assert SkillAssessment.objects.filter(
        person=org.person_in_nord, skill=link.skill, level=3
    ).exists()


def test_cancelling_a_session_tells_the_enrolled(org, users):
    session = _session()
    org.person_in_nord.email = "aase@example.dk"
    org.person_in_nord.save()
    services.enrol_person(access_for(users["hr"]), session.pk, org.person_in_nord.pk)
    mail.outbox.clear()
    assert services.cancel_session(access_for(users["hr"]), session.pk) == 1
    assert "aflyst" in mail.outbox[0].body
    with pytest.raises(ValidationFailed):
        services.request_enrolment(access_for(users["employee"]), session.pk)


def test_my_learning_lists_my_enrolments(org, users):
    session = _session()
    services.request_enrolment(access_for(users["employee"]), session.pk)
    mine = services.my_learning(access_for(users["employee"]))
    assert [r.enrolment.status for r in mine.sections["enrolments"]] == ["requested"]


def test_a_manager_enrols_by_employee_number_within_their_units(client_as, org, users):
    session = _session()
    client = client_as("manager")
    url = f"/laering/kurser/hold/{session.pk}/tilmeld-medarbejder/"
    answer = client.post(url, {"employee_number": org.person_in_skole.employee_number}, follow=True)
    assert "Ingen medarbejder med det nummer i dine enheder." in answer.content.decode()
    assert not Enrolment.objects.exists()
    client.post(url, {"employee_number": org.person_in_nord.employee_number})
    assert list(Enrolment.objects.values_list("person_id", "status")) == [
        (org.person_in_nord.pk, "enrolled")
    ]


def test_a_started_session_cannot_be_cancelled(org, users):
    session = _session(days=-1, deadline_days=-3)
    row = services.enrol_person(access_for(users["hr"]), session.pk, org.person_in_nord.pk)
    with pytest.raises(ValidationFailed, match="begyndt"):
        services.cancel_enrolment(access_for(users["employee"]), row.pk)
