"""The new colleague's pre-boarding page, public at ``/job/velkommen/<token>/`` (namespace
``careers``): no log-in, the private link is the key."""

from django.urls import path

from charlie.recruitment import views_onboarding as views

urlpatterns = [
    path("velkommen/<str:token>/", views.welcome, name="welcome"),
    path("velkommen/<str:token>/opgaver/<int:task_id>/", views.welcome_task, name="welcome_task"),
]
