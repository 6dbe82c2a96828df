"""Demo Kommune's learning (issue 14): a course catalogue written for the demo (first aid, food
hygiene, moving citizens, medicine handling, fire safety, dementia, language work in day care),
sessions in the coming months, the built-in e-learning modules, rules of mandatory training,
and a history of completions for every current employee — most are up to date, some are due
soon, a few are overdue or never took the course — plus the demo employee's own story: they
have asked to join a course and wait for their manager, and their first-aid course has lapsed.

Catalogue rows are upserted by code, so a second run replaces them; every row about a person was
wiped with the people by ``create_demo``. Person rows are written with one ``executemany`` per
table (45,000 employees: about 200,000 completions)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from charlie.core.calendar import add_months
from charlie.demo.learning_modules import create_demo_modules
from charlie.demo.skills import CHUNK, Rows
from charlie.learning.models import (
    Attempt,
    Certificate,
    Completion,
    Course,
    CourseFormat,
    CourseSkill,
    Enrolment,
    Lesson,
    MandatoryRule,
    ModuleProgress,
    Session,
)
from charlie.people.models import Employment, JobFamily
from charlie.skills.models import Skill

#: code → (title, format, provider, hours, price, valid months, requires approval, skills
#: (slug, level), target job families, description).
COURSES: dict[str, tuple[Any, ...]] = {
    "foerstehjaelp": (
        "Førstehjælp på arbejdspladsen",
        CourseFormat.CLASSROOM,
        "Demo Kommunes arbejdsmiljøenhed",
        "7",
        "1200",
        24,
        True,
        (("foerstehjaelp", 2),),
        (),
        "Hjertelunge-redning, hjertestarter, stop blødning og hjælp ved fald. En dag med "
        "øvelser på dukker. Beviset gælder i to år.",
    ),
    "hygiejne-koekken": (
        "Hygiejne i køkkenet",
        CourseFormat.CLASSROOM,
        "Demo Kommunes madservice",
        "7",
        "1800",
        36,
        True,
        (),
        ("rengoering", "paedagog", "paedagogmedhjaelper", "dagplejer"),
        "Egenkontrol, temperaturer, rengøring og allergener for alle, der laver eller "
        "serverer mad til børn og borgere.",
    ),
    "forflytning-praksis": (
        "Forflytning i praksis",
        CourseFormat.INTERNAL,
        "Demo Kommunes forflytningsvejledere",
        "6",
        "0",
        12,
        True,
        (("forflytning", 2),),
        ("sosu", "terapeut", "sygeplejerske"),
        "Forflytning med lift, glidestykke og drejeskive i borgerens eget hjem og på "
        "plejecentret. Bygger på e-læringen 'Forflytning: de første principper'.",
    ),
    "forflytning-oevet": (
        "Forflytning for øvede",
        CourseFormat.CLASSROOM,
        "Demo Kommunes forflytningsvejledere",
        "7",
        "0",
        None,
        True,
        (("forflytning", 3),),
        ("sosu",),
        "Sikker forflytning med lift, glidestykker og drejeskive, også hos borgere med "
        "svære bevægelsesindskrænkninger; øvelser i par. Et skridt på vejen mod rollen i det "
        "nære sundhedsvæsen.",
    ),
    "hygiejne-e-laering": (
        "Hygiejne og infektionsforebyggelse",
        CourseFormat.ELEARNING,
        "Demo Kommunes hygiejnesygeplejerske",
        "2",
        "0",
        None,
        False,
        (("hygiejne", 2),),
        (),
        "Generelle forholdsregler mod smitte: håndhygiejne, værnemidler og rengøring. Tag "
        "den, når det passer dig; tilmeldingen er straks bekræftet.",
    ),
    "medicinhaandtering": (
        "Medicinhåndtering: delegation og dokumentation",
        CourseFormat.INTERNAL,
        "Demo Kommunes sygeplejefaglige team",
        "14",
        "0",
        24,
        True,
        (("medicinhaandtering", 2),),
        ("sosu",),
        "Dosering, udlevering og observation efter delegation, og hvordan det dokumenteres.",
    ),
    "brandsikkerhed": (
        "Brandsikkerhed og evakuering",
        CourseFormat.ON_THE_JOB,
        "Demo Kommunes beredskab",
        "2",
        "0",
        12,
        False,
        (),
        (),
        "Brandøvelse på arbejdspladsen: flugtveje, slukningsudstyr og evakuering af borgere.",
    ),
    "demens-grundkursus": (
        "Demens: grundkursus",
        CourseFormat.EXTERNAL,
        "Ekstern udbyder",
        "21",
        "4500",
        None,
        True,
        (("demens", 3),),
        ("sosu", "sygeplejerske"),
        "Tre dage om demenssygdomme, kommunikation og at forebygge udadreagerende adfærd.",
    ),
    "sprog-i-dagtilbud": (
        "Sprogarbejde i dagtilbud",
        CourseFormat.CLASSROOM,
        "Demo Kommunes dagtilbudsafdeling",
        "14",
        "2500",
        None,
        True,
        (("sprogarbejde", 3),),
        ("paedagog", "paedagogmedhjaelper", "dagplejer"),
        "Sprogstimulering i hverdagen og sprogvurdering af 3-årige.",
    ),
}

#: name → (course code, skill slug, job families, renew months, grace days). The intervals are
#: Demo Kommune's policy.
RULES: tuple[tuple[str, str | None, str | None, tuple[str, ...], int | None, int], ...] = (
    ("Førstehjælp for plejepersonale", "foerstehjaelp", None, ("sosu", "sygeplejerske"), 24, 90),
    ("Hygiejne ved madlavning", "hygiejne-koekken", None, ("rengoering", "dagplejer"), 36, 60),
    ("Forflytning hvert år", "forflytning-praksis", None, ("sosu", "terapeut"), 12, 60),
    ("Medicinhåndtering", "medicinhaandtering", None, ("sosu",), 24, 90),
    ("Brandsikkerhed", "brandsikkerhed", None, (), 12, 90),
)

#: The e-learning course every employee must take (the module of the same title).
GDPR_RULE = "Informationssikkerhed og GDPR for alle"
GDPR_MODULE = "Informationssikkerhed og GDPR i hverdagen"

#: The skills the demo's built-in modules give: module title → (skill slug, level).
MODULE_SKILLS: dict[str, tuple[str, int]] = {
    GDPR_MODULE: ("informationssikkerhed", 2),
    "Forflytning: de første principper": ("forflytning", 1),
    "God arbejdsstilling ved computeren": ("arbejdsmiljoe", 1),
}


@dataclass(frozen=True)
class LearningDemo:
    courses: int
    sessions: int
    rules: int
    completions: int


def _aware(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _catalogue(ref: date) -> dict[str, Course]:
    skills = {
        s.uri.removeprefix("local:"): s for s in Skill.objects.filter(uri__startswith="local:")
    }
    families = {f.code: f for f in JobFamily.objects.all()}
    MandatoryRule.objects.all().delete()
    courses: dict[str, Course] = {}
    for code, (
        title,
        fmt,
        provider,
        hours,
        price,
        months,
        approve,
        gives,
        targets,
        text,
    ) in COURSES.items():
        course, _ = Course.objects.update_or_create(
            code=code,
            defaults={
                "title": title,
                "format": fmt,
                "provider": provider,
                "hours": Decimal(hours),
                "price": Decimal(price),
                "valid_months": months,
                "requires_approval": approve,
                "description": text,
                "active": True,
            },
        )
        course.job_families.set([families[f] for f in targets if f in families])
        CourseSkill.objects.filter(course=course).delete()
        CourseSkill.objects.bulk_create(
            CourseSkill(course=course, skill=skills[slug], level=level)
            for slug, level in gives
            if slug in skills
        )
        courses[code] = course
    # Sessions: the coming four months, a few a month for the courses held on dates.
    Session.objects.filter(course__in=courses.values()).delete()
    sessions = []
    for n, course in enumerate(courses.values()):
        if course.format == CourseFormat.ON_THE_JOB:
            continue
        for k in range(3):
            day = ref + timedelta(days=14 + 30 * k + 3 * n)
            while day.weekday() >= 5:
                day += timedelta(days=1)
            length = max(1, int(course.hours // 7))
            sessions.append(
                Session(
                    course=course,
                    starts_at=_aware(day, 9),
                    ends_at=_aware(day + timedelta(days=length - 1), 15),
                    place=("Rådhuset, mødelokale 2", "Plejecenter Solgården, kursuslokalet")[k % 2],
                    seats={CourseFormat.EXTERNAL: 4, CourseFormat.ELEARNING: 500}.get(
                        CourseFormat(course.format), 16
                    ),
                    registration_deadline=day - timedelta(days=7),
                )
            )
    Session.objects.bulk_create(sessions)
    return courses


def _rules(courses: dict[str, Course], module_course: Course | None) -> list[MandatoryRule]:
    families = {f.code: f for f in JobFamily.objects.all()}
    rules = []
    for name, code, _skill, targets, months, grace in RULES:
        rule = MandatoryRule.objects.create(
            name=name,
            course=courses[code] if code else None,
            renew_months=months,
            grace_days=grace,
        )
        rule.job_families.set([families[f] for f in targets if f in families])
        rules.append(rule)
    if module_course is not None:
        rules.append(
            MandatoryRule.objects.create(
                name=GDPR_RULE, course=module_course, renew_months=24, grace_days=60
            )
        )
    return rules


def _modules() -> Course | None:
    """The built-in modules (written for the demo in ``learning_modules``) with the skills
    their courses give; returns the GDPR module's course, which every employee must take."""
    skills = {
        s.uri.removeprefix("local:"): s for s in Skill.objects.filter(uri__startswith="local:")
    }
    gdpr = None
    for module in create_demo_modules():
        course = Course.objects.filter(module=module).first()
        if course is None:
            continue
        slug, level = MODULE_SKILLS.get(module.title, ("", 0))
        if slug in skills:
            CourseSkill.objects.update_or_create(
                course=course, skill=skills[slug], defaults={"level": level}
            )
        if module.title == GDPR_MODULE:
            gdpr = course
    return gdpr


def create_demo_learning(
    reference_date: date, *, seed: int, employee_person_id: int | None = None
) -> LearningDemo:
    """Write Demo Kommune's learning data on ``reference_date`` (after ``create_demo`` wiped the
    people): the catalogue, the built-in modules, the rules, everyone's completions and the
    demo employee's story."""
    rng = np.random.default_rng(seed + 14)
    ref = reference_date
    with transaction.atomic():
        courses = _catalogue(ref)
        module_course = _modules()
        rules = _rules(courses, module_course)
        current = (
            Employment.objects.filter(start_date__lte=ref)
            .exclude(end_date__lt=ref)
            .order_by("person_id", "-weekly_hours", "pk")
            .values_list("person_id", "job_family__code")
        )
        family_of: dict[int, str] = {}
        for person_id, family in current:
            family_of.setdefault(person_id, family or "")
        people = sorted(family_of)
        wanted = [
            (rule, {f.code for f in rule.job_families.all()}) for rule in rules if rule.course
        ]
        out = Rows((Completion, ModuleProgress, Attempt, Certificate))
        count = 0
        for first in range(0, len(people), CHUNK):
            chunk = people[first : first + CHUNK]
            count += _write_chunk(chunk, family_of, wanted, module_course, ref, rng, out)
        out.reset_sequences()
        if employee_person_id is not None:
            _employee_story(employee_person_id, courses, module_course, ref)
    return LearningDemo(
        courses=len(courses),
        sessions=Session.objects.count(),
        rules=len(rules),
        completions=count,
    )


def _write_chunk(
    people: list[int],
    family_of: dict[int, str],
    wanted: list[tuple[MandatoryRule, set[str]]],
    module_course: Course | None,
    ref: date,
    rng: np.random.Generator,
    out: Rows,
) -> int:
    """Each person's completions of the courses their rules require: about four in five are
    up to date, one in ten expires within 90 days, the rest lapsed or never took it."""
    rows: list[tuple[Any, ...]] = []
    progress: list[tuple[Any, ...]] = []
    #: (completion's index in ``rows``, person, the day) of each passed module: an attempt and
    #: a certificate go with it, as when a person passes in Charlie.
    passed: list[tuple[int, int, date]] = []
    lessons = (
        json.dumps(
            list(
                Lesson.objects.filter(module_id=module_course.module_id or 0).values_list(
                    "pk", flat=True
                )
            )
        )
        if module_course is not None
        else "[]"
    )
    draws = rng.random(size=(len(people), len(wanted)))
    spread = rng.integers(0, 10_000, size=(len(people), len(wanted)))
    for i, person_id in enumerate(people):
        family = family_of[person_id]
        for j, (rule, families) in enumerate(wanted):
            if families and family not in families:
                continue
            course = rule.course
            assert course is not None  # noqa: S101 - wanted holds course rules only
            months = rule.renew_months or 24
            span = max(1, months * 30)
            draw = draws[i, j]
            is_module = module_course is not None and course.pk == module_course.pk
            if draw < 0.05:
                if is_module and draw < 0.02:  # started the module, not finished yet
                    progress.append((person_id, course.module_id, "[]", out.now, out.now))
                continue  # never took it
            if draw < 0.80:  # valid beyond 90 days
                ago = 1 + int(spread[i, j]) % max(1, span - 120)
            elif draw < 0.90:  # expires within 90 days
                ago = span - 90 + int(spread[i, j]) % 89
            else:  # lapsed
                ago = span + 1 + int(spread[i, j]) % 200
            on = ref - timedelta(days=ago)
            until = add_months(on, months) - timedelta(days=1)
            if is_module:
                passed.append((len(rows), person_id, on))
                progress.append((person_id, course.module_id, lessons, out.now, out.now))
            rows.append(
                (
                    person_id,
                    course.pk,
                    on.isoformat(),
                    "passed" if is_module else "completed",
                    "module" if is_module else "import",
                    until.isoformat(),
                    str(course.hours),
                    str(course.price),
                    f"demo:{person_id}:{course.pk}",
                    out.now,
                )
            )
    completion_ids = out.ids(Completion, len(rows))
    out.insert(
        Completion,
        (
            "id",
            "person_id",
            "course_id",
            "completed_on",
            "result",
            "source",
            "valid_until",
            "hours",
            "cost",
            "external_id",
            "created_at",
        ),
        [(pk, *row) for pk, row in zip(completion_ids, rows, strict=True)],
    )
    if passed and module_course is not None:
        attempt_ids = out.ids(Attempt, len(passed))
        out.insert(
            Attempt,
            ("id", "person_id", "module_id", "submitted_at", "answers", "score", "passed"),
            [
                (
                    pk,
                    person_id,
                    module_course.module_id,
                    f"{on.isoformat()}T10:00:00+00:00",
                    "{}",
                    100,
                    True,
                )
                for pk, (_k, person_id, on) in zip(attempt_ids, passed, strict=True)
            ],
        )
        out.insert(
            Certificate,
            ("id", "completion_id", "attempt_id", "code", "issued_on"),
            [
                (pk, completion_ids[k], attempt, f"DEMO{completion_ids[k]:010d}", on.isoformat())
                for pk, attempt, (k, _person, on) in zip(
                    out.ids(Certificate, len(passed)), attempt_ids, passed, strict=True
                )
            ],
        )
    out.insert(
        ModuleProgress,
        ("id", "person_id", "module_id", "lessons_done", "started_at", "updated_at"),
        [
            (pk, *row)
            for pk, row in zip(out.ids(ModuleProgress, len(progress)), progress, strict=True)
        ],
    )
    return len(rows)


def _employee_story(
    person_id: int, courses: dict[str, Course], module_course: Course | None, ref: date
) -> None:
    """The demo employee's first-aid course lapsed a month ago (their manager sees it as
    overdue), and they have asked to join the next first-aid session; their GDPR module runs
    out in three weeks, so taking it now renews it (and gives the skill it teaches)."""
    course = courses["foerstehjaelp"]
    Completion.objects.filter(person_id=person_id, course=course).delete()
    taken = add_months(ref - timedelta(days=30), -24)
    Completion.objects.create(
        person_id=person_id,
        course=course,
        completed_on=taken,
        result="completed",
        source="import",
        valid_until=add_months(taken, 24) - timedelta(days=1),
        hours=course.hours,
        cost=course.price,
        external_id=f"demo:{person_id}:{course.pk}",
    )
    session = Session.objects.filter(course=course).order_by("starts_at").first()
    if session is not None:
        Enrolment.objects.create(person_id=person_id, session=session, status="requested")
    if module_course is not None:
        until = ref + timedelta(days=21)
        completion, _created = Completion.objects.update_or_create(
            external_id=f"demo:{person_id}:{module_course.pk}",
            defaults={
                "person_id": person_id,
                "course": module_course,
                "completed_on": add_months(until + timedelta(days=1), -24),
                "result": "passed",
                "source": "module",
                "valid_until": until,
                "hours": module_course.hours,
                "cost": module_course.price,
            },
        )
        # The attempt and the certificate that went with it carry the same day.
        Certificate.objects.filter(completion=completion).update(issued_on=completion.completed_on)
        Attempt.objects.filter(person_id=person_id, module_id=module_course.module_id or 0).update(
            submitted_at=timezone.make_aware(datetime.combine(completion.completed_on, time(10)))
        )
