"""The URLs of the green part of wellbeing (see urls.py; the module's name is historical): green
and health initiatives, the public "about this survey" page and the onboarding check-ins in
figures."""

from django.urls import path

from charlie.wellbeing import views_green as views

urlpatterns = [
    path("initiativer/", views.initiatives, name="initiatives"),
    path("initiativer/<int:initiative_id>/", views.initiative, name="initiative"),
    path(
        "initiativer/<int:initiative_id>/tilmeld/",
        views.initiative_join,
        name="initiative_join",
    ),
    path(
        "initiativer/<int:initiative_id>/afmeld/",
        views.initiative_leave,
        name="initiative_leave",
    ),
    path("administrer-initiativer/", views.initiatives_admin, name="initiatives_admin"),
    path("administrer-initiativer/ny/", views.initiative_new, name="initiative_new"),
    path(
        "administrer-initiativer/<int:initiative_id>/",
        views.initiative_edit,
        name="initiative_edit",
    ),
    path(
        "administrer-initiativer/<int:initiative_id>/offentliggoer/",
        views.initiative_publish,
        name="initiative_publish",
    ),
    path(
        "administrer-initiativer/<int:initiative_id>/tilmeldte/",
        views.initiative_participation,
        name="initiative_participation",
    ),
    # Public: the invitation e-mail and the answering page link here (no log-in).
    path("maalinger/<int:survey_id>/om/", views.survey_about, name="survey_about"),
    path("introduktion/", views.checkins, name="checkins"),
]
