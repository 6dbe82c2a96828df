"""The URLs of the questionnaires part of wellbeing (see urls.py): question banks, their
versions, dimensions and questions, the preview and the import, at ``/trivsel/spoergeskemaer/``
(HR)."""

from django.urls import URLPattern, path

from charlie.wellbeing import views_questionnaires as views

_VERSION = "spoergeskemaer/versioner/<int:version_id>/"

urlpatterns: list[URLPattern] = [
    path("spoergeskemaer/", views.questionnaire_list, name="questionnaires"),
    path("spoergeskemaer/nyt/", views.questionnaire_new, name="questionnaire_new"),
    path("spoergeskemaer/indlaes/", views.questionnaire_import, name="questionnaire_import"),
    path(
        "spoergeskemaer/<int:questionnaire_id>/",
        views.questionnaire_detail,
        name="questionnaire",
    ),
    path(
        "spoergeskemaer/<int:questionnaire_id>/ny-version/",
        views.version_new,
        name="questionnaire_version_new",
    ),
    path(_VERSION, views.version_detail, name="questionnaire_version"),
    path(
        _VERSION + "forhaandsvisning/",
        views.version_preview,
        name="questionnaire_preview",
    ),
    path(
        _VERSION + "fil/<slug:file_format>/",
        views.version_export,
        name="questionnaire_export",
    ),
    path(_VERSION + "slet/", views.version_delete, name="questionnaire_version_delete"),
    path(_VERSION + "dimensioner/ny/", views.dimension_new, name="questionnaire_dimension_new"),
    path(
        _VERSION + "dimensioner/<int:dimension_id>/",
        views.dimension_edit,
        name="questionnaire_dimension",
    ),
    path(
        _VERSION + "dimensioner/<int:dimension_id>/fjern/",
        views.dimension_remove,
        name="questionnaire_dimension_remove",
    ),
    path(
        _VERSION + "dimensioner/<int:dimension_id>/flyt/",
        views.dimension_move,
        name="questionnaire_dimension_move",
    ),
    path(_VERSION + "spoergsmaal/nyt/", views.question_new, name="questionnaire_question_new"),
    path(
        _VERSION + "spoergsmaal/<int:question_id>/",
        views.question_edit,
        name="questionnaire_question",
    ),
    path(
        _VERSION + "spoergsmaal/<int:question_id>/fjern/",
        views.question_remove,
        name="questionnaire_question_remove",
    ),
    path(
        _VERSION + "spoergsmaal/<int:question_id>/flyt/",
        views.question_move,
        name="questionnaire_question_move",
    ),
]
