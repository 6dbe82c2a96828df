"""Onboarding's signed-in pages, at ``/rekruttering/introduktion/`` (namespace
``recruitment``)."""

from django.urls import path

from charlie.recruitment import views_onboarding as views

urlpatterns = [
    path("introduktion/", views.plan_list, name="onboarding"),
    path("introduktion/ny/", views.plan_new, name="onboarding_new"),
    path("introduktion/opgaver/", views.task_list, name="onboarding_tasks"),
    path("introduktion/<int:plan_id>/", views.plan, name="onboarding_plan"),
    path("introduktion/<int:plan_id>/ret/", views.plan_edit, name="onboarding_plan_edit"),
    path(
        "introduktion/<int:plan_id>/opgaver/<int:task_id>/",
        views.task_done,
        name="onboarding_task_done",
    ),
    path(
        "introduktion/<int:plan_id>/find-medarbejder/",
        views.find_person,
        name="onboarding_find_person",
    ),
    path("introduktion/<int:plan_id>/nyt-link/", views.new_link, name="onboarding_new_link"),
    path("introduktion/skabeloner/", views.template_list, name="onboarding_templates"),
    path("introduktion/skabeloner/ny/", views.template_new, name="onboarding_template_new"),
    path(
        "introduktion/skabeloner/<int:template_id>/",
        views.template,
        name="onboarding_template",
    ),
    path(
        "introduktion/skabeloner/<int:template_id>/opgaver/ny/",
        views.template_task_new,
        name="onboarding_template_task_new",
    ),
    path(
        "introduktion/skabeloner/<int:template_id>/opgaver/<int:task_id>/",
        views.template_task,
        name="onboarding_template_task",
    ),
    path(
        "introduktion/skabeloner/<int:template_id>/opgaver/<int:task_id>/fjern/",
        views.template_task_remove,
        name="onboarding_template_task_remove",
    ),
]
