"""The pipeline's signed-in pages (issue 15, points 5 and 7), mounted at ``/rekruttering/``."""

from django.urls import URLPattern, path

from charlie.recruitment import views_pipeline as views

urlpatterns: list[URLPattern] = [
    path("forloeb/", views.rounds, name="rounds"),
    path(
        "forloeb/ansoegning/<int:application_id>/",
        views.applicant,
        name="applicant",
    ),
    path(
        "forloeb/ansoegning/<int:application_id>/flyt/",
        views.applicant_move,
        name="applicant_move",
    ),
    path(
        "forloeb/ansoegning/<int:application_id>/point/",
        views.applicant_score,
        name="applicant_score",
    ),
    path(
        "forloeb/ansoegning/<int:application_id>/note/",
        views.applicant_note,
        name="applicant_note",
    ),
    path(
        "forloeb/ansoegning/<int:application_id>/samtale/",
        views.applicant_interview,
        name="applicant_interview",
    ),
    path(
        "forloeb/ansoegning/<int:application_id>/test/",
        views.applicant_test,
        name="applicant_test",
    ),
    path(
        "forloeb/ansoegning/<int:application_id>/brev/",
        views.applicant_letter,
        name="applicant_letter",
    ),
    path(
        "forloeb/samtale/<int:interview_id>/kalender.ics",
        views.interview_ical,
        name="interview_ical",
    ),
    path("forloeb/<slug:slug>/", views.round_page, name="round"),
    path("brevskabeloner/", views.letter_templates, name="letter_templates"),
    path("brevskabeloner/ny/", views.letter_template_edit, name="letter_template_new"),
    path(
        "brevskabeloner/<int:template_id>/",
        views.letter_template_edit,
        name="letter_template_edit",
    ),
    path("ligestilling/", views.fairness, name="fairness"),
]
