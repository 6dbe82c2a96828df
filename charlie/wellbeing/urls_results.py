"""The URLs of the results part of wellbeing (see urls.py): results at ``resultater/``, HR's
review of comments at ``kommentarer/``."""

from django.urls import path

from charlie.wellbeing import views_results as views

urlpatterns = [
    path("resultater/", views.surveys, name="results"),
    path("resultater/<int:survey_id>/", views.survey, name="results_survey"),
    path("resultater/<int:survey_id>/svarprocent/", views.rates, name="results_rates"),
    path("resultater/<int:survey_id>/rapport.pdf", views.report_pdf, name="results_pdf"),
    path("resultater/<int:survey_id>/resultater.xlsx", views.report_excel, name="results_excel"),
    path("resultater/<int:survey_id>/kommentarer/", views.comments, name="results_comments"),
    path("kommentarer/<uuid:comment_id>/", views.comment, name="results_comment"),
    path("resultater/puls/<int:series_id>/", views.trend, name="results_trend"),
]
