"""The catalogue: search and filters, the course page, HR keeping courses and sessions, the iCal
file and the road map's activities from the catalogue."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.learning import services
from charlie.learning.models import Course, Session
from charlie.learning.tests.factories import CourseFactory, CourseSkillFactory, SessionFactory
from charlie.people.models import JobFamily
from charlie.people.services import access_for
from charlie.skills.services import roadmap as roadmaps
from charlie.skills.tests.factories import SkillFactory

pytestmark = pytest.mark.django_db


def _session(course, *, days=30, seats=10, **more):
    starts = timezone.now() + timedelta(days=days)
    return SessionFactory(
        course=course,
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        seats=seats,
        registration_deadline=(starts - timedelta(days=7)).date(),
        **more,
    )


def test_search_and_filters(org, users):
    skill = SkillFactory(name="Forflytning")
    sosu = JobFamily.objects.get(code="sosu")
    lift = CourseFactory(title="Forflytning for øvede", provider="Rygcenteret")
    lift.job_families.add(sosu)
    CourseSkillFactory(course=lift, skill=skill, level=3)
    _session(lift, days=40)
    other = CourseFactory(title="Excel", format="elearning", description="Regneark")
    CourseFactory(title="Gammelt kursus", active=False)
    access = access_for(users["employee"])

    def titles(**f):
        return [c.title for c in services.search_courses(access, services.CourseFilter(**f))]

    assert titles() == ["Excel", "Forflytning for øvede"]  # the inactive one is hidden
    assert titles(q="rygcent") == ["Forflytning for øvede"]
    assert titles(q="regneark") == ["Excel"]
    assert titles(skill_id=skill.pk) == ["Forflytning for øvede"]
    assert titles(job_family_id=sosu.pk) == ["Forflytning for øvede"]
    assert titles(format="elearning") == [other.title]
    in_40 = timezone.localdate() + timedelta(days=40)
    assert titles(starts_from=in_40, starts_to=in_40) == ["Forflytning for øvede"]
    assert titles(starts_to=in_40 - timedelta(days=2)) == []
    hr = access_for(users["hr"])
    assert len(services.search_courses(hr, services.CourseFilter()).object_list) == 3


def test_the_page_filters_by_a_skill_that_active_courses_teach(client_as, org, users):
    taught, retired_course = SkillFactory(name="Forflytning"), SkillFactory(name="Sårpleje")
    CourseSkillFactory(course=CourseFactory(title="Forflytning for øvede"), skill=taught)
    CourseSkillFactory(course=CourseFactory(title="Gammelt", active=False), skill=retired_course)
    CourseFactory(title="Excel")
    assert services.taught_skills() == [(taught.pk, "Forflytning")]
    page = client_as("employee").get(reverse("learning:catalogue"), {"skill": taught.pk})
    html = page.content.decode()
    assert '<select name="skill"' in html and "Sårpleje" not in html
    assert "Forflytning for øvede" in html and "Excel" not in html


def test_course_page_shows_skills_sessions_and_free_seats(client_as, org, users):
    course = CourseFactory(code="forflytning", title="Forflytning", price=Decimal("1200"))
    CourseSkillFactory(course=course, skill=SkillFactory(name="Forflytning"), level=3)
    session = _session(course, seats=5)
    services.enrol_person(access_for(users["hr"]), session.pk, org.person_in_nord.pk)
    detail = services.course_detail(access_for(users["employee"]), "forflytning")
    assert [(s.name, s.level) for s in detail.skills] == [("Forflytning", 3)]
    assert [line.free for line in detail.sessions] == [4]
    page = client_as("employee").get(reverse("learning:course", args=["forflytning"]))
    assert "4 af 5" in page.content.decode()
    course.active = False
    course.save()
    with pytest.raises(NotFound):
        services.course_detail(access_for(users["employee"]), "forflytning")


def test_hr_keeps_courses_skills_and_sessions(client_as, org, users):
    client = client_as("hr")
    answer = client.post(
        reverse("learning:course_new"),
        {
            "code": "hygiejne",
            "title": "Hygiejne i plejen",
            "format": "classroom",
            "hours": "3",
            "price": "0",
            "requires_approval": "on",
            "active": "on",
        },
    )
    assert answer.status_code == 302
    course = Course.objects.get(code="hygiejne")
    skill = SkillFactory(name="Hygiejne")
    url = reverse("learning:course_skills", args=["hygiejne"])
    assert client.post(url, {"skill": "Hygiejne", "level": "9"}).status_code == 422
    assert client.post(url, {"skill": "Hygiejne", "level": "2"}).status_code == 302
    assert list(course.skills.values_list("skill_id", "level")) == [(skill.pk, 2)]
    starts = timezone.localtime() + timedelta(days=20)
    answer = client.post(
        reverse("learning:session_new", args=["hygiejne"]),
        {
            "starts_at": starts.strftime("%Y-%m-%dT09:00"),
            "ends_at": starts.strftime("%Y-%m-%dT12:00"),
            "place": "Plejecenter Nord",
            "seats": "12",
            "registration_deadline": (starts.date() - timedelta(days=5)).isoformat(),
            "organiser": "test-manager",
        },
    )
    assert answer.status_code == 302
    session = Session.objects.get(course=course)
    assert (session.seats, session.organiser) == (12, users["manager"])
    # A deadline after the start is refused with a message on the form.
    answer = client.post(
        reverse("learning:session_edit", args=[session.pk]),
        {
            "starts_at": starts.strftime("%Y-%m-%dT09:00"),
            "ends_at": starts.strftime("%Y-%m-%dT12:00"),
            "seats": "12",
            "registration_deadline": (starts.date() + timedelta(days=1)).isoformat(),
        },
    )
    assert "Tilmeldingsfristen" in answer.content.decode()
    with pytest.raises(PermissionDenied):
        services.save_course(access_for(users["manager"]), {"title": "x", "format": "internal"})
    with pytest.raises(ValidationFailed):
        services.save_course(
            access_for(users["hr"]), {"code": "hygiejne", "title": "x", "format": "internal"}
        )


def test_ical_has_the_stable_uid_times_place_and_title(client_as, org, users):
    course = CourseFactory(title="Førstehjælp")
    session = _session(course, place="Rådhuset")
    body = client_as("employee").get(reverse("learning:session_ical", args=[session.pk]))
    assert body["Content-Type"].startswith("text/calendar")
    event = icalendar.Calendar.from_ical(body.content).walk("VEVENT")[0]
    assert str(event["uid"]) == f"{session.uid}@charlie"
    assert event["dtstart"].dt == session.starts_at.replace(microsecond=0)
    assert (str(event["summary"]), str(event["location"]), str(event["status"])) == (
        "Førstehjælp",
        "Rådhuset",
        "CONFIRMED",
    )
    services.cancel_session(access_for(users["hr"]), session.pk)
    body = client_as("employee").get(reverse("learning:session_ical", args=[session.pk]))
    event = icalendar.Calendar.from_ical(body.content).walk("VEVENT")[0]
    assert str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == f"{session.uid}@charlie"


def test_the_road_map_gets_catalogue_courses_with_their_next_date(org, users):
    skill = SkillFactory(name="Medicinhåndtering")
    course = CourseFactory(title="Medicin i hjemmeplejen", hours=Decimal("14"))
    CourseSkillFactory(course=course, skill=skill, level=2)
    _session(course, days=10, seats=1)  # full below
    open_one = _session(course, days=50)
    services.enrol_person(
        access_for(users["hr"]),
        Session.objects.order_by("starts_at").first().pk,
        org.person_in_skole.pk,
    )
    CourseFactory(title="Inaktivt", active=False)
    options = [o for p in roadmaps._providers for o in p([skill.pk])]
    assert [(o.key, o.kind, o.hours, o.raises_to, o.source) for o in options] == [
        (f"course:{course.pk}", "course", 14.0, 2, "catalogue")
    ]
    # The next session with free seats: the full one in 10 days is skipped.
    assert options[0].starts_on == timezone.localtime(open_one.starts_at).date()


def test_the_api_lists_and_shows_courses(client_as, org, users):
    skill = SkillFactory(name="Forflytning")
    course = CourseFactory(code="forflytning", title="Forflytning")
    course.job_families.add(JobFamily.objects.get(code="sosu"))
    CourseSkillFactory(course=course, skill=skill, level=3)
    session = _session(course, seats=4)
    CourseFactory(title="Excel")
    client = client_as("employee")
    listed = client.get("/api/v1/learning/courses", {"job_family": "sosu"}).json()
    assert (listed["count"], [c["code"] for c in listed["items"]]) == (1, ["forflytning"])
    assert client.get("/api/v1/learning/courses", {"job_family": "ukendt"}).json()["count"] == 0
    one = client.get("/api/v1/learning/courses/forflytning").json()
    assert one["skills"] == [{"skill_id": skill.pk, "name": "Forflytning", "level": 3}]
    assert [(s["id"], s["free_seats"]) for s in one["sessions"]] == [(session.pk, 4)]
    assert one["sessions"][0]["ical_url"].endswith(
        f"/laering/kurser/hold/{session.pk}/kalender.ics"
    )
    assert client.get("/api/v1/learning/courses/findes-ikke").status_code == 404
    assert client.get("/api/v1/learning/courses", {"q": "a\x00b"}).status_code == 422
