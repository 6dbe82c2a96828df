"""HR's editor: modules, lessons, quiz, images (checked by content), the module's course."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.learning.models import Course, ModuleImage
from charlie.learning.services import modules
from charlie.people.services import access_for

pytestmark = pytest.mark.django_db

#: The smallest valid PNG: one transparent pixel.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def _build(access):
    module = modules.save_module(access, None, modules.ModuleData(title="GDPR", valid_months=24))
    modules.save_lesson(access, module.pk, None, title="Intro", body="# Hej\n\nTekst")
    modules.save_question(
        access,
        module.pk,
        None,
        text="Hvad er rigtigt?",
        explanation="Fordi.",
        choices=modules.parse_choices("* Ja\nNej\n* Også ja"),
    )
    return module


def test_only_hr_edits(org, users):
    with pytest.raises(PermissionDenied):
        modules.save_module(access_for(users["manager"]), None, modules.ModuleData(title="X"))


def test_publishing_needs_lessons_and_questions_and_creates_the_course(org, users):
    access = access_for(users["hr"])
    with pytest.raises(ValidationFailed):
        modules.save_module(access, None, modules.ModuleData(title="Tom", published=True))
    module = _build(access)
    question = module.questions.get()
    assert question.multiple and question.choices.filter(correct=True).count() == 2
    assert not Course.objects.filter(module=module).exists()
    modules.save_module(
        access, module.pk, modules.ModuleData(title="GDPR", valid_months=24, published=True)
    )
    course = Course.objects.get(module=module)
    assert (course.code, course.format, course.requires_approval, course.price) == (
        f"modul-{module.pk}",
        "elearning",
        False,
        0,
    )
    assert course.valid_months == 24 and course.active
    modules.save_module(access, module.pk, modules.ModuleData(title="GDPR 2", published=False))
    course.refresh_from_db()
    assert (course.title, course.active, course.valid_months) == ("GDPR 2", False, None)


def test_a_question_needs_a_right_answer_and_two_choices(org, users):
    access = access_for(users["hr"])
    module = _build(access)
    for text in ("Ja\nNej", "* Ja"):
        with pytest.raises(ValidationFailed):
            modules.save_question(
                access,
                module.pk,
                None,
                text="?",
                explanation="",
                choices=modules.parse_choices(text),
            )


def test_an_image_is_checked_by_content_and_needs_alt_text(org, users):
    access = access_for(users["hr"])
    module = _build(access)
    image = modules.save_image(access, module.pk, content=PNG, alt="Et skema")
    assert image.content_type == "image/png"
    with pytest.raises(ValidationFailed):  # a text file renamed to .png
        modules.save_image(access, module.pk, content=b"<script>alert(1)</script>", alt="x")
    with pytest.raises(ValidationFailed):
        modules.save_image(access, module.pk, content=PNG, alt="  ")
    with pytest.raises(ValidationFailed):  # a lesson may only show the module's own images
        modules.save_lesson(access, module.pk, None, title="B", body="![x](billede:999999)")
    lesson = modules.save_lesson(
        access, module.pk, None, title="B", body=f"![x](billede:{image.pk})"
    )
    assert f"/billeder/{image.pk}/" in modules.lesson_html(module, lesson.body)
    with pytest.raises(ValidationFailed):  # still used in a lesson
        modules.delete_image(access, module.pk, image.pk)


def test_an_image_over_the_size_limit_is_refused(org, users, settings):
    settings.CHARLIE_LEARNING_MAX_IMAGE_BYTES = len(PNG) - 1
    access = access_for(users["hr"])
    module = _build(access)
    with pytest.raises(ValidationFailed, match="for stort"):
        modules.save_image(access, module.pk, content=PNG, alt="Et skema")


def test_the_image_is_served_with_its_checked_type_and_nosniff(org, users, client):
    access = access_for(users["hr"])
    module = _build(access)
    image = modules.save_image(access, module.pk, content=PNG, alt="Et skema")
    url = reverse("learning:module_image", args=[module.pk, image.pk])
    client.force_login(users["employee"])
    assert client.get(url).status_code == 404  # not published yet
    client.force_login(users["hr"])
    response = client.get(url)
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_upload_page_refuses_a_renamed_file(org, users, client):
    access = access_for(users["hr"])
    module = _build(access)
    client.force_login(users["hr"])
    fake = SimpleUploadedFile("billede.png", b"MZ\x90\x00 not an image", content_type="image/png")
    response = client.post(
        reverse("learning:module_images", args=[module.pk]),
        {"action": "upload", "image": fake, "alt": "Et billede"},
    )
    assert response.status_code == 400
    assert "ikke et billede" in response.content.decode()
    assert not ModuleImage.objects.exists()
    good = SimpleUploadedFile("a.bin", io.BytesIO(PNG).read(), content_type="application/x")
    response = client.post(
        reverse("learning:module_images", args=[module.pk]),
        {"action": "upload", "image": good, "alt": "Et billede"},
    )
    assert response.status_code == 302 and ModuleImage.objects.count() == 1


def test_the_editor_pages_and_preview(org, users, client):
    access = access_for(users["hr"])
    module = _build(access)
    client.force_login(users["hr"])
    assert client.get(reverse("learning:module_editor")).status_code == 200
    assert client.get(reverse("learning:module_edit", args=[module.pk])).status_code == 200
    lesson = module.lessons.get()
    response = client.post(
        reverse("learning:module_lesson_edit", args=[module.pk, lesson.pk]),
        {"action": "preview", "title": "Intro", "body": "**fed** <script>x</script>"},
    )
    page = response.content.decode()
    assert "<strong>fed</strong>" in page and "<script>x</script>" not in page


def test_lessons_move_up_and_down(org, users, client):
    access = access_for(users["hr"])
    module = _build(access)
    modules.save_lesson(access, module.pk, None, title="To", body="b")
    modules.save_lesson(access, module.pk, None, title="Tre", body="c")
    third = module.lessons.get(title="Tre")
    client.force_login(users["hr"])
    url = reverse("learning:module_lesson_edit", args=[module.pk, third.pk])
    assert client.post(url, {"action": "up"}).status_code == 302
    assert list(module.lessons.order_by("position").values_list("title", flat=True)) == [
        "Intro",
        "Tre",
        "To",
    ]
    modules.move_lesson(access, module.pk, module.lessons.get(title="Intro").pk, -1)  # the top
    assert module.lessons.get(title="Intro").position == 1


def test_the_demo_modules_are_published_with_their_courses_once(db):
    from charlie.demo.learning_modules import create_demo_modules

    first = create_demo_modules()
    again = create_demo_modules()
    assert [m.pk for m in first] == [m.pk for m in again]
    assert len(first) == 3
    for module in first:
        assert module.published and module.pass_mark == 80
        assert 5 <= module.questions.count() <= 8 and module.lessons.count() >= 2
        assert Course.objects.get(module=module).format == "elearning"
    assert [m.valid_months for m in first] == [24, 12, None]
