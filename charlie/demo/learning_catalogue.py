"""Demo Kommune's course catalogue (issue 14, "done when": an employee finds a course, asks to
join, the manager approves): a handful of courses that give the demo's local skills, each with
sessions in the coming months. Idempotent: the courses are kept by code, their future sessions
replaced (enrolments went with the people ``create_demo`` wiped)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from charlie.learning.models import Course, CourseSkill, Session
from charlie.people.models import JobFamily
from charlie.skills.models import Skill

#: code, title, format, provider, hours, price, approval, valid months, job family codes,
#: (skill uri, level), description.
COURSES: tuple[
    tuple[
        str,
        str,
        str,
        str,
        str,
        str,
        bool,
        int | None,
        tuple[str, ...],
        tuple[tuple[str, int], ...],
        str,
    ],
    ...,
] = (
    (
        "forflytning-oevet",
        "Forflytning for øvede",
        "classroom",
        "Kommunens forflytningsvejledere",
        "7",
        "0",
        True,
        None,
        ("sosu",),
        (("local:forflytning", 3),),
        "Sikker forflytning med lift, glidestykker og drejeskive; øvelser i par.",
    ),
    (
        "medicin-hjemmeplejen",
        "Medicinhåndtering i hjemmeplejen",
        "external",
        "SOSU-skolen",
        "30",
        "4500",
        True,
        None,
        ("sosu",),
        (("local:medicinhaandtering", 2),),
        "Dosering, udlevering og observation efter delegation. Fire dage.",
    ),
    (
        "foerstehjaelp",
        "Førstehjælp (12 timer)",
        "classroom",
        "Dansk Førstehjælpsråd",
        "12",
        "1200",
        True,
        24,
        (),
        (("local:foerstehjaelp", 2),),
        "Hjerte-lunge-redning, hjertestarter og førstehjælp ved ulykker. Bevis gyldigt i 2 år.",
    ),
    (
        "hygiejne-e-laering",
        "Hygiejne og infektionsforebyggelse (e-læring)",
        "elearning",
        "Kommunens hygiejnesygeplejerske",
        "2",
        "0",
        False,
        None,
        (),
        (("local:hygiejne", 2),),
        "Generelle forholdsregler mod smitte. Tag det, når det passer dig.",
    ),
    (
        "demens-grundkursus",
        "Demens – grundkursus",
        "internal",
        "Demenskoordinatorerne",
        "14",
        "0",
        True,
        None,
        ("sosu",),
        (("local:demens", 2),),
        "Pleje og kommunikation med borgere med demens.",
    ),
)


def create_demo_catalogue(reference_date: date) -> int:
    """Write the demo catalogue with sessions after ``reference_date``; returns the courses."""
    skills = dict(Skill.objects.filter(uri__startswith="local:").values_list("uri", "pk"))
    families = {f.code: f for f in JobFamily.objects.all()}
    tz = timezone.get_current_timezone()
    with transaction.atomic():
        for n, (
            code,
            title,
            fmt,
            provider,
            hours,
            price,
            approval,
            months,
            fams,
            gives,
            text,
        ) in enumerate(COURSES):
            course, _ = Course.objects.update_or_create(
                code=code,
                defaults={
                    "title": title,
                    "format": fmt,
                    "provider": provider,
                    "hours": Decimal(hours),
                    "price": Decimal(price),
                    "requires_approval": approval,
                    "valid_months": months,
                    "description": text,
                    "active": True,
                },
            )
            course.job_families.set([families[c] for c in fams if c in families])
            for uri, level in gives:
                if uri in skills:
                    CourseSkill.objects.update_or_create(
                        course=course, skill_id=skills[uri], defaults={"level": level}
                    )
            Session.objects.filter(course=course).delete()
            # E-learning: open all year, one "session" a quarter with many seats.
            elearning = fmt == "elearning"
            starts_days = (7, 97) if elearning else (21 + 7 * n, 63 + 7 * n, 119 + 7 * n)
            for days in starts_days:
                day = reference_date + timedelta(days=days)
                starts = datetime.combine(day, time(9, 0), tzinfo=tz)
                Session.objects.create(
                    course=course,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=min(float(hours), 7)),
                    place="Rådhuset, mødelokale 2" if fmt != "elearning" else "",
                    seats=200 if fmt == "elearning" else 16,
                    registration_deadline=day - timedelta(days=7 if days > 7 else 0),
                )
    return len(COURSES)
