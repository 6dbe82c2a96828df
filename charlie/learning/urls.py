from django.urls import path

from charlie.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("person/<int:person_id>/", views.person, name="person"),
]

# --- Part "elearning": taking built-in modules, and HR's editor -----------------------------------
from charlie.learning import views_modules  # noqa: E402

urlpatterns += [
    path("moduler/", views_modules.module_list, name="modules"),
    path("moduler/<int:module_id>/", views_modules.module, name="module"),
    path(
        "moduler/<int:module_id>/lektion/<int:number>/",
        views_modules.lesson,
        name="module_lesson",
    ),
    path("moduler/<int:module_id>/quiz/", views_modules.quiz, name="module_quiz"),
    path("moduler/forsoeg/<int:attempt_id>/", views_modules.attempt, name="module_attempt"),
    path(
        "moduler/bevis/<int:certificate_id>/",
        views_modules.certificate,
        name="module_certificate",
    ),
    path(
        "moduler/<int:module_id>/billeder/<int:image_id>/",
        views_modules.image,
        name="module_image",
    ),
    path("moduler/rediger/", views_modules.editor, name="module_editor"),
    path("moduler/rediger/<int:module_id>/", views_modules.edit, name="module_edit"),
    path(
        "moduler/rediger/<int:module_id>/lektion/ny/",
        views_modules.lesson_new,
        name="module_lesson_new",
    ),
    path(
        "moduler/rediger/<int:module_id>/lektion/<int:lesson_id>/",
        views_modules.lesson_edit,
        name="module_lesson_edit",
    ),
    path(
        "moduler/rediger/<int:module_id>/spoergsmaal/ny/",
        views_modules.question_new,
        name="module_question_new",
    ),
    path(
        "moduler/rediger/<int:module_id>/spoergsmaal/<int:question_id>/",
        views_modules.question_edit,
        name="module_question_edit",
    ),
    path("moduler/rediger/<int:module_id>/billeder/", views_modules.images, name="module_images"),
]
