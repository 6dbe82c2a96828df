"""The public careers site at ``/job/`` (no log-in): the list, the feed, the stories and, last,
one job at ``/job/<slug>/`` (so "feed", "historier" and "sprog" are not job addresses)."""

from django.urls import URLPattern, path

from charlie.recruitment import views_careers as views

urlpatterns: list[URLPattern] = [
    path("", views.jobs, name="jobs"),
    path("feed/", views.feed, name="feed"),
    path("sprog/", views.language, name="language"),
    path("historier/", views.stories, name="stories"),
    path("historier/<slug:slug>/", views.story, name="story"),
    path("<slug:slug>/", views.job, name="job"),
]
