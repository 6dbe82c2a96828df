"""Taking a built-in module (issue 14, point 2): the employee reads the lessons one at a time
(progress saved per lesson, so they can go on later), answers the quiz, and a pass gives a
completion of the module's course — which raises the skills the course teaches — and a
certificate.

Everything here is the caller's own record ("egen indsigt"): an attempt and its answers are
seen only by the person. HR and managers in scope see whether a module is passed and may open
the certificate (audited under "uddannelse"), never the answers.

After a failed attempt the result page says which questions were wrong, but not the right
answers or the explanations, so a new attempt still tests what was learned; after a pass the
explanations of the questions answered wrong are shown. A failure is kept as an attempt only
(no completion). There is no limit on attempts.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.learning import quiz
from charlie.learning.models import (
    Attempt,
    Certificate,
    Completion,
    CompletionResult,
    CompletionSource,
    Course,
    Lesson,
    Module,
    ModuleProgress,
    Question,
)
from charlie.learning.permissions import READ_CATALOGUE, READ_LEARNING
from charlie.learning.services.common import CATEGORY, for_learning, person_in_scope, today
from charlie.learning.services.completions import NewCompletion, record_completions
from charlie.learning.services.modules import lesson_html, sync_course
from charlie.people.models import Person
from charlie.privacy.access import Access
from charlie.privacy.models import Action

__all__ = [
    "CertificateView",
    "LessonView",
    "ModuleRow",
    "ModuleView",
    "QuizView",
    "attempt_result",
    "certificate_for",
    "lesson_for",
    "mark_read",
    "module_for",
    "modules_of",
    "published_modules",
    "quiz_for",
    "submit_quiz",
]


@dataclass
class ModuleRow:
    """A module in a person's list: how far they are, and their latest certificate."""

    module: Module
    lessons: int
    read: int
    passed: bool
    certificate: Certificate | None = None
    last_score: int | None = None

    @property
    def started(self) -> bool:
        return self.read > 0 or self.last_score is not None


@dataclass
class ModuleView:
    module: Module
    lessons: list[Lesson]
    done: set[int]
    next_number: int | None
    attempts: list[Attempt]
    certificate: Certificate | None


@dataclass
class LessonView:
    module: Module
    lesson: Lesson
    number: int
    total: int
    html: str
    done: bool

    @property
    def percent(self) -> int:
        return (self.number * 100) // self.total if self.total else 0


@dataclass
class QuizView:
    module: Module
    questions: list[Question]
    unread: int


@dataclass
class ResultLine:
    question: Question
    right: bool


@dataclass
class AttemptView:
    attempt: Attempt
    module: Module
    lines: list[ResultLine]
    certificate: Certificate | None
    right_count: int
    total: int


@dataclass
class CertificateView:
    certificate: Certificate
    person: Person
    module_title: str
    passed_on: date
    valid_until: date | None
    issued_by: str = field(default="")


def _own_person(access: Access) -> Person:
    if not access.person_id:
        raise NotFound
    person = Person.objects.filter(pk=access.person_id).first()
    if person is None:
        raise NotFound
    return person


def _published(module_id: int) -> Module:
    module = Module.objects.filter(pk=module_id, published=True).first()
    if module is None:
        raise NotFound
    return module


def _rows(person: Person, modules: list[Module]) -> list[ModuleRow]:
    ids = [m.pk for m in modules]
    lessons: dict[int, set[int]] = {}
    for module_id, lesson_id in Lesson.objects.filter(module_id__in=ids).values_list(
        "module_id", "pk"
    ):
        lessons.setdefault(module_id, set()).add(lesson_id)
    read = dict(
        ModuleProgress.objects.filter(person=person, module_id__in=ids).values_list(
            "module_id", "lessons_done"
        )
    )
    last: dict[int, Attempt] = {}
    for attempt in Attempt.objects.filter(person=person, module_id__in=ids).order_by(
        "module_id", "-submitted_at", "-pk"
    ):
        last.setdefault(attempt.module_id, attempt)
    certificates: dict[int, Certificate] = {}
    for certificate in (
        Certificate.objects.filter(completion__person=person, attempt__module_id__in=ids)
        .select_related("completion", "attempt")
        .order_by("issued_on", "pk")
    ):
        if certificate.attempt is not None:
            certificates[certificate.attempt.module_id] = certificate
    return [
        ModuleRow(
            module=m,
            lessons=len(lessons.get(m.pk, ())),
            read=len(set(read.get(m.pk) or ()) & lessons.get(m.pk, set())),
            passed=m.pk in certificates,
            certificate=certificates.get(m.pk),
            last_score=last[m.pk].score if m.pk in last else None,
        )
        for m in modules
    ]


def published_modules(access: Access) -> list[ModuleRow]:
    """The published modules, with the caller's own progress (read as "egen indsigt")."""
    access.require(READ_CATALOGUE)
    modules = list(Module.objects.filter(published=True).order_by("title", "pk"))
    person = Person.objects.filter(pk=access.person_id).first() if access.person_id else None
    if person is None:
        return [ModuleRow(m, m.lessons.count(), 0, False) for m in modules]
    for_learning(access).record_read([person.pk], category=CATEGORY, detail="e-læring")
    return _rows(person, modules)


def modules_of(person: Person) -> list[ModuleRow]:
    """For "Min læring" (which audits its own read): the modules the person has started or
    passed. HR and managers see this too — passed or not, never the answers."""
    started = set(
        ModuleProgress.objects.filter(person=person).values_list("module_id", flat=True)
    ) | set(Attempt.objects.filter(person=person).values_list("module_id", flat=True))
    modules = list(Module.objects.filter(pk__in=started).order_by("title", "pk"))
    return _rows(person, modules)


def module_for(access: Access, module_id: int) -> ModuleView:
    """A published module's front page: its lessons, what the caller has read, where to go on,
    their attempts and latest certificate."""
    access.require(READ_CATALOGUE)
    module = _published(module_id)
    lessons = list(module.lessons.order_by("position", "pk"))
    person = Person.objects.filter(pk=access.person_id).first() if access.person_id else None
    done: set[int] = set()
    attempts: list[Attempt] = []
    certificate = None
    if person is not None:
        progress = ModuleProgress.objects.filter(person=person, module=module).first()
        done = set(progress.lessons_done) if progress else set()
        attempts = list(Attempt.objects.filter(person=person, module=module)[:20])
        certificate = (
            Certificate.objects.filter(completion__person=person, attempt__module=module)
            .select_related("completion")
            .order_by("-issued_on", "-pk")
            .first()
        )
        for_learning(access).record_read([person.pk], category=CATEGORY, detail="e-læring")
    next_number = next(
        (n for n, lesson in enumerate(lessons, start=1) if lesson.pk not in done), None
    )
    return ModuleView(module, lessons, done, next_number, attempts, certificate)


def _lesson_at(module: Module, number: int) -> tuple[Lesson, int]:
    lessons = list(module.lessons.order_by("position", "pk"))
    if not 1 <= number <= len(lessons):
        raise NotFound
    return lessons[number - 1], len(lessons)


def lesson_for(access: Access, module_id: int, number: int) -> LessonView:
    """Lesson ``number`` (1-based) of a published module, rendered and sanitised."""
    access.require(READ_CATALOGUE)
    module = _published(module_id)
    lesson, total = _lesson_at(module, number)
    done = False
    if access.person_id:
        progress = ModuleProgress.objects.filter(person_id=access.person_id, module=module).first()
        done = bool(progress and lesson.pk in progress.lessons_done)
        for_learning(access).record_read([access.person_id], category=CATEGORY, detail="e-læring")
    return LessonView(module, lesson, number, total, lesson_html(module, lesson.body), done)


def mark_read(access: Access, module_id: int, number: int) -> int | None:
    """Save that the caller has read lesson ``number``; returns the next lesson's number, or
    None after the last (then the quiz is next). Only a person may save progress."""
    access.require(READ_CATALOGUE)
    person = _own_person(access)
    module = _published(module_id)
    lesson, total = _lesson_at(module, number)
    with transaction.atomic():
        progress, _created = ModuleProgress.objects.select_for_update().get_or_create(
            person=person, module=module
        )
        if lesson.pk not in progress.lessons_done:
            progress.lessons_done = [*progress.lessons_done, lesson.pk]
            progress.save(update_fields=["lessons_done", "updated_at"])
            for_learning(access).record(
                [person.pk], action=Action.UPDATE, category=CATEGORY, detail="lektion læst"
            )
    return number + 1 if number < total else None


def quiz_for(access: Access, module_id: int) -> QuizView:
    """The quiz of a published module (the right answers are not sent to the page)."""
    access.require(READ_CATALOGUE)
    module = _published(module_id)
    questions = list(module.questions.prefetch_related("choices").order_by("position", "pk"))
    unread = 0
    if access.person_id:
        progress = ModuleProgress.objects.filter(person_id=access.person_id, module=module).first()
        done = set(progress.lessons_done) if progress else set()
        unread = module.lessons.exclude(pk__in=done).count()
        for_learning(access).record_read([access.person_id], category=CATEGORY, detail="e-læring")
    return QuizView(module, questions, unread)


def _keys(questions: list[Question]) -> list[quiz.Key]:
    return [
        quiz.Key(q.pk, frozenset(c.pk for c in q.choices.all() if c.correct)) for q in questions
    ]


def new_code() -> str:
    """A random, unguessable certificate code: 16 hex digits (64 bits) in groups of four."""
    raw = secrets.token_hex(8).upper()
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def submit_quiz(access: Access, module_id: int, answers: dict[int, set[int]]) -> Attempt:
    """Score the caller's answers (``quiz.score``: all-or-nothing per question) and store the
    attempt. A pass records a completion of the module's course (source ``module``, result
    ``passed``, ``attempt:<id>``), which raises the course's skills, and issues a certificate."""
    access.require(READ_CATALOGUE)
    person = _own_person(access)
    module = _published(module_id)
    questions = list(module.questions.prefetch_related("choices").order_by("position", "pk"))
    if not questions:
        raise NotFound
    valid = {q.pk: {c.pk for c in q.choices.all()} for q in questions}
    errors = []
    clean: dict[int, set[int]] = {}
    for number, q in enumerate(questions, start=1):
        chosen = answers.get(q.pk, set()) & valid[q.pk]
        if not chosen:
            errors.append(_("Besvar spørgsmål %(n)s.") % {"n": number})
        elif not q.multiple and len(chosen) > 1:
            errors.append(_("Vælg ét svar i spørgsmål %(n)s.") % {"n": number})
        clean[q.pk] = chosen
    if errors:
        raise ValidationFailed(errors)
    result = quiz.score(_keys(questions), clean, module.pass_mark)
    course = Course.objects.filter(module=module).first() or sync_course(module)
    with transaction.atomic():
        attempt = Attempt.objects.create(
            person=person,
            module=module,
            answers={str(k): sorted(v) for k, v in clean.items()},
            score=result.percent,
            passed=result.passed,
        )
        for_learning(access).record(
            [person.pk], action=Action.CREATE, category=CATEGORY, detail="quiz afleveret"
        )
        if result.passed and course is not None:
            on = today()
            key = f"attempt:{attempt.pk}"
            record_completions(
                access,
                [
                    NewCompletion(
                        person_id=person.pk,
                        course_id=course.pk,
                        completed_on=on,
                        result=CompletionResult.PASSED,
                        source=CompletionSource.MODULE,
                        external_id=key,
                    )
                ],
                detail="e-læring bestået",
            )
            completion = Completion.objects.get(external_id=key)
            Certificate.objects.create(
                completion=completion, attempt=attempt, code=new_code(), issued_on=on
            )
    return attempt


def attempt_result(access: Access, attempt_id: int) -> AttemptView:
    """One of the caller's own attempts (404 for anyone else's): the score, which questions were
    wrong, and — after a pass — their explanations."""
    if not access.person_id:
        raise NotFound
    attempt = (
        Attempt.objects.filter(pk=attempt_id, person_id=access.person_id)
        .select_related("module")
        .first()
    )
    if attempt is None:
        raise NotFound
    questions = list(
        attempt.module.questions.prefetch_related("choices").order_by("position", "pk")
    )
    given = {int(k): set(v) for k, v in (attempt.answers or {}).items()}
    # Questions added after the attempt are not part of it.
    asked = [q for q in questions if q.pk in given]
    keys = _keys(asked)
    wrong = set(quiz.score(keys, given, attempt.module.pass_mark).wrong)
    lines = [ResultLine(q, q.pk not in wrong) for q in asked]
    certificate = Certificate.objects.filter(attempt=attempt).first()
    for_learning(access).record_read([attempt.person_id], category=CATEGORY, detail="quiz-resultat")
    return AttemptView(
        attempt,
        attempt.module,
        lines,
        certificate,
        right_count=len(asked) - len(wrong),
        total=len(asked),
    )


def certificate_for(access: Access, certificate_id: int) -> CertificateView:
    """A certificate for its PDF: the person's own, or one of a person in the caller's scope
    with ``READ_LEARNING`` (audited under "uddannelse"); 404 otherwise."""
    found = (
        Certificate.objects.filter(pk=certificate_id)
        .select_related("completion__person", "completion__course", "attempt__module")
        .first()
    )
    if found is None:
        raise NotFound
    person = found.completion.person
    if person.pk != access.person_id:
        if not access.can(READ_LEARNING):
            raise NotFound
        person = person_in_scope(access, person.pk)
    for_learning(access).record_read([person.pk], category=CATEGORY, detail="kursusbevis")
    title = found.attempt.module.title if found.attempt else found.completion.course.title
    return CertificateView(
        certificate=found,
        person=person,
        module_title=title,
        passed_on=found.completion.completed_on,
        valid_until=found.completion.valid_until,
    )
