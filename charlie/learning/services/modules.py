"""The e-learning editor (issue 14, point 2): HR writes a module — its lessons in Markdown, its
images, its quiz — and publishes it. No personal data: the permission is ``MANAGE_CATALOGUE``.

A published module has its own catalogue course (``code`` ``modul-<id>``, format e-learning, no
approval, price 0, the module's validity), kept in step here on every save, so completions,
the catalogue and mandatory rules can point at it. Unpublishing makes the course inactive.

Editing a module that people have taken: lessons and questions change for the next reader;
attempts keep the answers and the score they were given, and certificates stay valid. Deleting
a question does not change an old score (the attempt stores its own score).
"""

from __future__ import annotations

from dataclasses import dataclass

import filetype
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.text import check_text
from charlie.learning import markdown
from charlie.learning.models import (
    Choice,
    Course,
    CourseFormat,
    Lesson,
    Module,
    ModuleImage,
    Question,
)
from charlie.learning.permissions import MANAGE_CATALOGUE, READ_CATALOGUE
from charlie.privacy.access import Access

__all__ = [
    "IMAGE_TYPES",
    "ModuleData",
    "delete_image",
    "delete_lesson",
    "delete_question",
    "editor_module",
    "editor_modules",
    "image_url",
    "lesson_html",
    "max_image_bytes",
    "module_image",
    "move_lesson",
    "parse_choices",
    "preview",
    "save_image",
    "save_lesson",
    "save_module",
    "save_question",
    "sync_course",
]

#: The image types a lesson may show, checked by the file's content (not its name).
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}


def max_image_bytes() -> int:
    """The largest image HR may upload (default 2 MB; ``CHARLIE_LEARNING_MAX_IMAGE_BYTES``)."""
    return int(getattr(settings, "CHARLIE_LEARNING_MAX_IMAGE_BYTES", 2 * 1024 * 1024))


@dataclass(frozen=True, slots=True)
class ModuleData:
    title: str
    summary: str = ""
    pass_mark: int = 80
    valid_months: int | None = None
    published: bool = False


def editor_modules(access: Access) -> list[Module]:
    """Every module, with its number of lessons and questions, for HR's list."""
    access.require(MANAGE_CATALOGUE)
    return list(
        Module.objects.annotate(
            lesson_count=Count("lessons", distinct=True),
            question_count=Count("questions", distinct=True),
            attempt_count=Count("attempts", distinct=True),
        ).order_by("title", "pk")
    )


def editor_module(access: Access, module_id: int) -> Module:
    """One module with its lessons, questions (and choices) and images, for the editor."""
    access.require(MANAGE_CATALOGUE)
    module = (
        Module.objects.prefetch_related("lessons", "questions__choices", "images")
        .annotate(attempt_count=Count("attempts"))
        .filter(pk=module_id)
        .first()
    )
    if module is None:
        raise NotFound
    return module


def _module(module_id: int) -> Module:
    module = Module.objects.filter(pk=module_id).first()
    if module is None:
        raise NotFound
    return module


def _check_publishable(module: Module) -> None:
    errors = []
    if not module.lessons.exists():
        errors.append(_("Et udgivet modul skal have mindst én lektion."))
    questions = list(
        module.questions.annotate(right=Count("choices", filter=Q(choices__correct=True)))
    )
    if not questions:
        errors.append(_("Et udgivet modul skal have mindst ét spørgsmål i quizzen."))
    elif any(q.right == 0 for q in questions):
        errors.append(_("Hvert spørgsmål skal have mindst ét rigtigt svar."))
    if errors:
        raise ValidationFailed(errors, field="published")


def save_module(access: Access, module_id: int | None, data: ModuleData) -> Module:
    """Create (``module_id`` None) or change a module; publishing needs at least one lesson
    and one question with a right answer. Keeps the module's catalogue course in step."""
    access.require(MANAGE_CATALOGUE)
    title = check_text(data.title, what=_("Titel"), max_length=200, required=True)
    summary = check_text(data.summary, what=_("Kort beskrivelse"), max_length=2000, multiline=True)
    if not 1 <= data.pass_mark <= 100:
        raise ValidationFailed([_("Grænsen for bestået skal være mellem 1 og 100.")], "pass_mark")
    if data.valid_months is not None and not 1 <= data.valid_months <= 240:
        raise ValidationFailed(
            [_("Gyldigheden skal være mellem 1 og 240 måneder.")], "valid_months"
        )
    with transaction.atomic():
        module = Module() if module_id is None else _module(module_id)
        module.title, module.summary = title, summary
        module.pass_mark, module.valid_months = data.pass_mark, data.valid_months
        module.published = data.published
        if module.pk and data.published:
            _check_publishable(module)
        elif data.published:
            raise ValidationFailed(
                [_("Opret modulet først, og skriv lektioner og quiz, før det udgives.")],
                field="published",
            )
        module.save()
        sync_course(module)
    return module


def sync_course(module: Module) -> Course | None:
    """Create or update the catalogue course of a module (``modul-<id>``); an unpublished
    module's course is made inactive (completions keep pointing at it)."""
    course = Course.objects.filter(module=module).first()
    if course is None:
        course = Course.objects.filter(code=f"modul-{module.pk}").first()
    if course is None and not module.published:
        return None
    if course is None:
        course = Course(code=f"modul-{module.pk}", hours=0)
    course.module = module
    course.title = module.title
    course.description = module.summary
    course.format = CourseFormat.ELEARNING
    course.provider = course.provider or "Charlie"
    course.price = 0
    course.requires_approval = False
    course.valid_months = module.valid_months
    course.active = module.published
    course.save()
    return course


def _unpublish_if_empty(module: Module) -> None:
    """A published module that lost its last lesson or question is taken down."""
    if not module.published:
        return
    try:
        _check_publishable(module)
    except ValidationFailed:
        module.published = False
        module.save(update_fields=["published", "updated_at"])
        sync_course(module)


# --- Lessons ------------------------------------------------------------------------------------


def save_lesson(
    access: Access, module_id: int, lesson_id: int | None, *, title: str, body: str
) -> Lesson:
    """Add a lesson at the end (``lesson_id`` None) or change one. The body is Markdown; it
    may show only the module's own images."""
    access.require(MANAGE_CATALOGUE)
    module = _module(module_id)
    title = check_text(title, what=_("Titel"), max_length=200, required=True)
    body = check_text(body, what=_("Tekst"), max_length=50_000, multiline=True, required=True)
    missing = markdown.image_ids(body) - set(module.images.values_list("pk", flat=True))
    if missing:
        raise ValidationFailed(
            [
                _("Teksten viser et billede, modulet ikke har: %(ids)s.")
                % {"ids": ", ".join(f"billede:{i}" for i in sorted(missing))}
            ],
            field="body",
        )
    with transaction.atomic():
        if lesson_id is None:
            last = module.lessons.aggregate(m=Max("position"))["m"] or 0
            lesson = Lesson(module=module, position=last + 1)
        else:
            found = module.lessons.filter(pk=lesson_id).first()
            if found is None:
                raise NotFound
            lesson = found
        lesson.title, lesson.body = title, body
        lesson.save()
        module.save(update_fields=["updated_at"])
    return lesson


def delete_lesson(access: Access, module_id: int, lesson_id: int) -> None:
    access.require(MANAGE_CATALOGUE)
    module = _module(module_id)
    with transaction.atomic():
        deleted, _rows = module.lessons.filter(pk=lesson_id).delete()
        if not deleted:
            raise NotFound
        for number, lesson in enumerate(module.lessons.order_by("position", "pk"), start=1):
            if lesson.position != number:
                lesson.position = number
                lesson.save(update_fields=["position"])
        _unpublish_if_empty(module)


def move_lesson(access: Access, module_id: int, lesson_id: int, step: int) -> None:
    """Move a lesson one place up (``step`` -1) or down (+1); at either end nothing happens."""
    access.require(MANAGE_CATALOGUE)
    module = _module(module_id)
    with transaction.atomic():
        lessons = list(module.lessons.select_for_update().order_by("position", "pk"))
        index = next((i for i, x in enumerate(lessons) if x.pk == lesson_id), None)
        if index is None:
            raise NotFound
        other = index + (1 if step > 0 else -1)
        if not 0 <= other < len(lessons):
            return
        lessons[index], lessons[other] = lessons[other], lessons[index]
        for number, lesson in enumerate(lessons, start=1):
            if lesson.position != number:
                lesson.position = number
                lesson.save(update_fields=["position"])


def preview(access: Access, module_id: int, body: str) -> str:
    """The lesson text as the reader will see it (rendered and sanitised)."""
    access.require(MANAGE_CATALOGUE)
    return lesson_html(_module(module_id), body)


def image_url(module_id: int, image_id: int) -> str:
    return reverse("learning:module_image", args=[module_id, image_id])


def lesson_html(module: Module, body: str) -> str:
    """A lesson's Markdown as safe HTML, its ``billede:ID`` pointing at the module's images."""
    ids = set(module.images.values_list("pk", flat=True))
    return markdown.render(body, lambda i: image_url(module.pk, i) if i in ids else None)


# --- Quiz ---------------------------------------------------------------------------------------


def parse_choices(text: str) -> list[tuple[str, bool]]:
    """One choice a line; a line starting with ``*`` is a right answer (the star is removed)."""
    out = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        right = line.startswith("*")
        out.append((line.lstrip("*").strip(), right))
    return out


def save_question(
    access: Access,
    module_id: int,
    question_id: int | None,
    *,
    text: str,
    explanation: str,
    choices: list[tuple[str, bool]],
) -> Question:
    """Add a question at the end or change one; its choices are replaced. Two to ten choices,
    at least one right; several right makes it a question with check boxes."""
    access.require(MANAGE_CATALOGUE)
    module = _module(module_id)
    text = check_text(text, what=_("Spørgsmål"), max_length=1000, multiline=True, required=True)
    explanation = check_text(explanation, what=_("Forklaring"), max_length=2000, multiline=True)
    cleaned = [
        (check_text(c, what=_("Svarmulighed"), max_length=300, required=True), right)
        for c, right in choices
        if c.strip()
    ]
    if not 2 <= len(cleaned) <= 10:
        raise ValidationFailed([_("Skriv mellem 2 og 10 svarmuligheder.")], field="choices")
    if not any(right for _c, right in cleaned):
        raise ValidationFailed(
            [_("Markér mindst ét rigtigt svar med * først på linjen.")], field="choices"
        )
    if len({c for c, _r in cleaned}) != len(cleaned):
        raise ValidationFailed([_("To svarmuligheder er ens.")], field="choices")
    with transaction.atomic():
        if question_id is None:
            last = module.questions.aggregate(m=Max("position"))["m"] or 0
            question = Question(module=module, position=last + 1)
        else:
            found = module.questions.filter(pk=question_id).first()
            if found is None:
                raise NotFound
            question = found
        question.text, question.explanation = text, explanation
        question.multiple = sum(1 for _c, right in cleaned if right) > 1
        question.save()
        question.choices.all().delete()
        Choice.objects.bulk_create(
            Choice(question=question, position=n, text=c, correct=right)
            for n, (c, right) in enumerate(cleaned, start=1)
        )
        module.save(update_fields=["updated_at"])
    return question


def delete_question(access: Access, module_id: int, question_id: int) -> None:
    access.require(MANAGE_CATALOGUE)
    module = _module(module_id)
    with transaction.atomic():
        deleted, _rows = module.questions.filter(pk=question_id).delete()
        if not deleted:
            raise NotFound
        for number, question in enumerate(module.questions.order_by("position", "pk"), start=1):
            if question.position != number:
                question.position = number
                question.save(update_fields=["position"])
        _unpublish_if_empty(module)


# --- Images -------------------------------------------------------------------------------------


def save_image(access: Access, module_id: int, *, content: bytes, alt: str) -> ModuleImage:
    """Store an image for the module's lessons. The type is read from the content (a renamed
    file is refused), the size is limited, and the alternative text is required (WCAG 1.1.1)."""
    access.require(MANAGE_CATALOGUE)
    module = _module(module_id)
    alt = check_text(alt, what=_("Alternativ tekst"), max_length=200, required=True)
    if len(content) > max_image_bytes():
        raise ValidationFailed(
            [
                _("Billedet er for stort; højst %(mb)s MB.")
                % {"mb": f"{max_image_bytes() / 1024 / 1024:.0f}"}
            ],
            field="image",
        )
    kind = filetype.guess(content[:8192]) if content else None
    if kind is None or kind.mime not in IMAGE_TYPES:
        raise ValidationFailed(
            [_("Filen er ikke et billede i PNG, JPEG, GIF eller WebP.")], field="image"
        )
    return ModuleImage.objects.create(
        module=module, content=content, content_type=kind.mime, alt=alt
    )


def delete_image(access: Access, module_id: int, image_id: int) -> None:
    access.require(MANAGE_CATALOGUE)
    module = _module(module_id)
    used = [
        lesson.position
        for lesson in module.lessons.all()
        if image_id in markdown.image_ids(lesson.body)
    ]
    if used:
        raise ValidationFailed(
            [
                _("Billedet bruges i lektion %(numbers)s; fjern det fra teksten først.")
                % {"numbers": ", ".join(str(n) for n in used)}
            ]
        )
    deleted, _rows = module.images.filter(pk=image_id).delete()
    if not deleted:
        raise NotFound


def module_image(access: Access, module_id: int, image_id: int) -> tuple[bytes, str]:
    """An image's content and its checked type: for everyone when the module is published,
    for HR's editor always."""
    access.require(READ_CATALOGUE)
    found = ModuleImage.objects.filter(pk=image_id, module_id=module_id).select_related("module")
    image = found.first()
    if image is None or not (image.module.published or access.can(MANAGE_CATALOGUE)):
        raise NotFound
    return bytes(image.content), image.content_type
