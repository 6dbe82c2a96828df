"""The course catalogue (issue 14, point 1): search and filter the courses, one course with the
skills and levels it gives and its upcoming sessions, and HR keeping courses and sessions. The
catalogue holds no personal data (an organiser is a user account, shown to nobody but HR); the
enrolments live in ``services.enrolments``. Every session has an iCal file (RFC 5545)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.text import check_text
from charlie.learning.models import Course, CourseSkill, Session
from charlie.learning.permissions import MANAGE_CATALOGUE, READ_CATALOGUE
from charlie.learning.services.seats import fill_from_waitlist, seats_taken
from charlie.people.models import JobFamily
from charlie.privacy.access import Access
from charlie.skills import services as skills

#: Courses a page of the catalogue.
PAGE_SIZE = 25


COPENHAGEN = ZoneInfo("Europe/Copenhagen")
_ONE_DAY = timedelta(days=1)

#: Codes the catalogue's URLs use themselves (``kurser/nyt/``, ``kurser/hold/…``).
RESERVED_CODES = frozenset({"nyt", "hold"})


@dataclass(frozen=True)
class CourseFilter:
    q: str = ""
    skill_id: int | None = None
    job_family_id: int | None = None
    format: str = ""
    starts_from: date | None = None
    starts_to: date | None = None


@dataclass(frozen=True)
class SessionLine:
    session: Session
    taken: int

    @property
    def free(self) -> int:
        return max(self.session.seats - self.taken, 0)


@dataclass(frozen=True)
class SkillLine:
    skill_id: int
    name: str
    level: int


@dataclass
class CourseDetail:
    course: Course
    skills: list[SkillLine]
    job_families: list[JobFamily]
    sessions: list[SessionLine] = field(default_factory=list)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=COPENHAGEN)


def _courses(access: Access, f: CourseFilter) -> QuerySet[Course]:
    access.require(READ_CATALOGUE)
    qs = Course.objects.all()
    if not access.can(MANAGE_CATALOGUE):
        qs = qs.filter(active=True)
    if f.q:
        qs = qs.filter(
            Q(title__icontains=f.q)
            | Q(description__icontains=f.q)
            | Q(provider__icontains=f.q)
            | Q(code__iexact=f.q)
        )
    if f.skill_id is not None:
        qs = qs.filter(
            Exists(CourseSkill.objects.filter(course=OuterRef("pk"), skill_id=f.skill_id))
        )
    if f.job_family_id is not None:
        qs = qs.filter(job_families__pk=f.job_family_id)
    if f.format:
        qs = qs.filter(format=f.format)
    if f.starts_from or f.starts_to:
        sessions = Session.objects.filter(course=OuterRef("pk"), cancelled=False)
        if f.starts_from:
            sessions = sessions.filter(starts_at__gte=_day_start(f.starts_from))
        if f.starts_to:
            sessions = sessions.filter(starts_at__lt=_day_start(f.starts_to) + _ONE_DAY)
        qs = qs.filter(Exists(sessions))
    return qs.order_by("title", "pk")


def search_courses(access: Access, f: CourseFilter, page_number: Any = 1) -> Page[Any]:
    """The catalogue: active courses (HR sees the inactive too), a page at a time, each with
    ``next_start`` (its next session not cancelled, or ``None``)."""
    now = timezone.now()
    next_start = (
        Session.objects.filter(course=OuterRef("pk"), cancelled=False, starts_at__gte=now)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    qs = _courses(access, f).annotate(next_start=Subquery(next_start))
    return Paginator(qs, PAGE_SIZE).get_page(page_number)


def course_detail(access: Access, code: str) -> CourseDetail:
    """One course by its code with its skills, target job families and upcoming sessions (HR
    also sees cancelled ones). 404 for an unknown code, or an inactive course to non-HR."""
    access.require(READ_CATALOGUE)
    manager = access.can(MANAGE_CATALOGUE)
    course = Course.objects.filter(code=code).first()
    if course is None or (not course.active and not manager):
        raise NotFound
    return _detail(course, manager=manager)


def _detail(course: Course, *, manager: bool) -> CourseDetail:
    rows = list(CourseSkill.objects.filter(course=course).values_list("skill_id", "level"))
    names = skills.skill_names(s for s, _lv in rows)
    skill_lines = sorted(
        (SkillLine(s, names.get(s, ""), lv) for s, lv in rows), key=lambda x: x.name
    )
    sessions = Session.objects.filter(course=course, ends_at__gte=timezone.now())
    if not manager:
        sessions = sessions.filter(cancelled=False)
    sessions_list = list(sessions.order_by("starts_at", "pk")[:50])
    taken = seats_taken(s.pk for s in sessions_list)
    return CourseDetail(
        course=course,
        skills=skill_lines,
        job_families=list(course.job_families.order_by("sort_order", "name")),
        sessions=[SessionLine(s, taken.get(s.pk, 0)) for s in sessions_list],
    )


def session_of(access: Access, session_id: int) -> Session:
    """A session anyone with the catalogue may see (its course active, unless HR)."""
    access.require(READ_CATALOGUE)
    session = Session.objects.select_related("course").filter(pk=session_id).first()
    if session is None or (not session.course.active and not access.can(MANAGE_CATALOGUE)):
        raise NotFound
    return session


# --- HR keeps the catalogue -------------------------------------------------------------------


def save_course(
    access: Access,
    data: dict[str, Any],
    *,
    job_family_ids: Iterable[int] = (),
    course_id: int | None = None,
) -> Course:
    """Create (``course_id`` None) or update a course from validated form data. The code is the
    stable key: unique, and not changed once set."""
    access.require(MANAGE_CATALOGUE)
    course = Course() if course_id is None else _course(course_id)
    code = (course.code or data.get("code") or "").strip()
    if code in RESERVED_CODES:
        raise ValidationFailed([_("Koden er reserveret; vælg en anden.")], field="code")
    if Course.objects.filter(code=code).exclude(pk=course.pk).exists():
        raise ValidationFailed([_("Der findes allerede et kursus med den kode.")], field="code")
    course.code = code
    course.title = check_text(data.get("title"), what=_("Titel"), max_length=200, required=True)
    course.description = check_text(
        data.get("description"), what=_("Beskrivelse"), max_length=5000, multiline=True
    )
    course.provider = check_text(data.get("provider"), what=_("Udbyder"), max_length=200)
    course.format = data["format"]
    course.hours = data.get("hours") or Decimal(0)
    course.price = data.get("price") or Decimal(0)
    course.valid_months = data.get("valid_months")
    course.requires_approval = bool(data.get("requires_approval"))
    course.activity_id = (data.get("activity_id") or "").strip()
    course.active = bool(data.get("active", True))
    with transaction.atomic():
        course.save()
        course.job_families.set(list(job_family_ids))
    return course


def _course(course_id: int) -> Course:
    course = Course.objects.filter(pk=course_id).first()
    if course is None:
        raise NotFound
    return course


def set_course_skill(access: Access, course_id: int, skill_text: str, level: int) -> CourseSkill:
    """The level of a skill (by name or id text) a completion of the course gives: an active
    skill, a level on its scale."""
    access.require(MANAGE_CATALOGUE)
    course = _course(course_id)
    found = skills.resolve_skill(skill_text)
    skill = skills.offered_skills().filter(pk=found.pk).first() if found else None
    if skill is None:
        raise ValidationFailed([_("Vælg en aktiv kompetence.")], field="skill")
    top = _scale_top(skill)
    if not 1 <= level <= top:
        raise ValidationFailed(
            [_("Niveauet skal være mellem 1 og %(top)d.") % {"top": top}], field="level"
        )
    row, _created = CourseSkill.objects.update_or_create(
        course=course, skill_id=skill.pk, defaults={"level": level}
    )
    return row


def _scale_top(skill: Any) -> int:
    return skills.scale_of(skill.scale).top


def remove_course_skill(access: Access, course_id: int, skill_id: int) -> None:
    access.require(MANAGE_CATALOGUE)
    CourseSkill.objects.filter(course_id=course_id, skill_id=skill_id).delete()


def save_session(
    access: Access,
    course_id: int,
    data: dict[str, Any],
    *,
    session_id: int | None = None,
) -> Session:
    """Create or update a session: it ends after it starts, the deadline is no later than the
    start day, and seats are never fewer than those already taken."""
    access.require(MANAGE_CATALOGUE)
    course = _course(course_id)
    session = Session(course=course) if session_id is None else _session_for_hr(session_id)
    if session.course_id != course.pk:
        raise NotFound
    starts_at, ends_at = data["starts_at"], data["ends_at"]
    errors: list[str] = []
    if ends_at <= starts_at:
        errors.append(_("Kurset skal slutte efter det starter."))
    if data["registration_deadline"] > timezone.localtime(starts_at).date():
        errors.append(_("Tilmeldingsfristen må ikke ligge efter kursets første dag."))
    if session.pk and data["seats"] < seats_taken([session.pk]).get(session.pk, 0):
        errors.append(_("Der er allerede flere tilmeldte end det antal pladser."))
    if errors:
        raise ValidationFailed(errors)
    session.starts_at, session.ends_at = starts_at, ends_at
    session.place = check_text(data.get("place"), what=_("Sted"), max_length=200)
    session.seats = data["seats"]
    session.registration_deadline = data["registration_deadline"]
    session.organiser = data.get("organiser")
    session.save()
    if session_id is not None:
        # More seats may let the waiting list move up.
        fill_from_waitlist(session.pk)
    return session


def _session_for_hr(session_id: int) -> Session:
    session = Session.objects.select_related("course").filter(pk=session_id).first()
    if session is None:
        raise NotFound
    return session


# --- iCal ---------------------------------------------------------------------------------------


def session_ical(access: Access, session_id: int, *, url: str = "") -> bytes:
    """The session as an iCal file (RFC 5545): its stable UID, times in UTC, the place and the
    course's title; a cancelled session is a cancelled event, so calendars remove it."""
    import icalendar

    session = session_of(access, session_id)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Charlie//Kursuskatalog//DA")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if session.cancelled else "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"{session.uid}@charlie")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("summary", session.course.title)
    if session.place:
        event.add("location", session.place)
    if session.course.description:
        event.add("description", session.course.description[:1000])
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
    event.add("sequence", 1 if session.cancelled else 0)
    cal.add_component(event)
    return bytes(cal.to_ical())


def taught_skills() -> list[tuple[int, str]]:
    """The skills the active courses teach, as (id, name) by name: the catalogue's skill filter
    (configuration, no personal data)."""
    ids = set(CourseSkill.objects.filter(course__active=True).values_list("skill_id", flat=True))
    return sorted(skills.skill_names(ids).items(), key=lambda item: item[1])


@dataclass(frozen=True)
class TeachingCourse:
    """An active course that teaches a skill, and the level a completion gives."""

    skill_id: int
    code: str
    title: str
    level: int
    hours: Decimal


def courses_teaching(skill_ids: Iterable[int]) -> list[TeachingCourse]:
    """The active courses that teach these skills, by skill, level and title (configuration, no
    personal data): the portfolio turns a team's gaps into learning needs with a course."""
    ids = list(skill_ids)
    if not ids:
        return []
    return [
        TeachingCourse(
            skill_id=r.skill_id,
            code=r.course.code,
            title=r.course.title,
            level=r.level,
            hours=r.course.hours,
        )
        for r in CourseSkill.objects.filter(skill_id__in=ids, course__active=True)
        .select_related("course")
        .order_by("skill_id", "level", "course__title", "pk")
    ]


# --- The road map's activities (skills.services.register_activity_provider) --------------------


def roadmap_options(skill_ids: Iterable[int]) -> list[Any]:
    """The active courses that teach these skills, as road-map options with the start date of
    the next session that still has free seats and is open for registration."""
    ids = list(skill_ids)
    if not ids:
        return []
    rows = list(
        CourseSkill.objects.filter(skill_id__in=ids, course__active=True)
        .select_related("course")
        .order_by("course__title", "pk")[:500]
    )
    course_ids = {r.course_id for r in rows}
    from charlie.people.services import today

    sessions = list(
        Session.objects.filter(
            course_id__in=course_ids,
            cancelled=False,
            starts_at__gte=timezone.now(),
            registration_deadline__gte=today(),
        ).order_by("starts_at", "pk")
    )
    taken = seats_taken(s.pk for s in sessions)
    next_on: dict[int, date] = {}
    for s in sessions:
        if s.course_id not in next_on and taken.get(s.pk, 0) < s.seats:
            next_on[s.course_id] = timezone.localtime(s.starts_at).date()
    return [
        skills.Option(
            key=f"course:{r.course_id}",
            skill_id=r.skill_id,
            title=r.course.title,
            # Values of skills.models.ActivityKind.
            kind="on_the_job" if r.course.format == "on_the_job" else "course",
            hours=float(r.course.hours),
            raises_to=r.level,
            source="catalogue",
            starts_on=next_on.get(r.course_id),
        )
        for r in rows
    ]


def course_for_edit(access: Access, code: str) -> Course:
    """A course (active or not) for HR's forms."""
    access.require(MANAGE_CATALOGUE)
    course = Course.objects.filter(code=code).first()
    if course is None:
        raise NotFound
    return course


def session_for_edit(access: Access, session_id: int) -> Session:
    """A session with its course for HR's forms."""
    access.require(MANAGE_CATALOGUE)
    return _session_for_hr(session_id)


def job_family_id(code: str) -> int | None:
    """A job family's id by its code (-1 when unknown, so a filter finds nothing)."""
    found = JobFamily.objects.filter(code=code).values_list("pk", flat=True).first()
    return -1 if found is None else found
