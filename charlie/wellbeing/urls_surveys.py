"""The URLs of the surveys part of wellbeing (see urls.py): HR's surveys and pulse series, and
the public answering page by one-time link (``svar/<token>/``) with its thank-you page."""

from django.urls import path

from charlie.wellbeing import views_surveys as views

urlpatterns = [
    path("maalinger/", views.survey_list, name="surveys"),
    path("maalinger/ny/", views.survey_new, name="survey_new"),
    path("maalinger/<int:survey_id>/", views.survey, name="survey"),
    path("maalinger/<int:survey_id>/ret/", views.survey_edit, name="survey_edit"),
    path("maalinger/<int:survey_id>/slet/", views.survey_delete, name="survey_delete"),
    path("maalinger/<int:survey_id>/udsend/", views.survey_launch, name="survey_launch"),
    path("maalinger/<int:survey_id>/luk/", views.survey_close, name="survey_close"),
    path(
        "maalinger/<int:survey_id>/inviterede/",
        views.survey_invitations,
        name="survey_invitations",
    ),
    path(
        "maalinger/<int:survey_id>/inviterede/<int:invitation_id>/send-igen/",
        views.invitation_send_again,
        name="invitation_send_again",
    ),
    path("maalinger/<int:survey_id>/tak/", views.answer_thanks, name="answer_thanks"),
    path("pulsmaalinger/", views.series_list, name="pulse_series_list"),
    path("pulsmaalinger/ny/", views.series_new, name="pulse_series_new"),
    path("pulsmaalinger/<int:series_id>/pause/", views.series_pause, name="pulse_series_pause"),
    path("svar/<str:token>/", views.answer, name="answer"),
]
