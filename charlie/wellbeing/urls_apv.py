"""The URLs of the apv part of wellbeing (see urls.py): the APV as a process at ``apv/``,
action plans at ``handlinger/``, and the plan of one's own unit at ``handlingsplan/``."""

from django.urls import path

from charlie.wellbeing import views_apv as views

urlpatterns = [
    path("apv/", views.apvs, name="apvs"),
    path("apv/ny/", views.apv_new, name="apv_new"),
    path("apv/<int:apv_id>/", views.apv, name="apv"),
    path("apv/<int:apv_id>/trin/", views.apv_step, name="apv_step"),
    path("apv/<int:apv_id>/kortlaegning/", views.apv_mapping, name="apv_mapping"),
    path("apv/<int:apv_id>/sygefravaer/", views.apv_absence, name="apv_absence"),
    path("apv/<int:apv_id>/rundering/", views.apv_item_new, name="apv_item_new"),
    path(
        "apv/<int:apv_id>/rundering/<int:item_id>/fjern/",
        views.apv_item_remove,
        name="apv_item_remove",
    ),
    path("apv/<int:apv_id>/vurdering/", views.apv_assessment, name="apv_assessment"),
    path(
        "apv/<int:apv_id>/problemer/fra-rundering/",
        views.apv_problems_from_walkthrough,
        name="apv_problems_from_walkthrough",
    ),
    path("apv/<int:apv_id>/problemer/ny/", views.apv_problem_new, name="apv_problem_new"),
    path("apv/<int:apv_id>/problemer/<int:problem_id>/", views.apv_problem, name="apv_problem"),
    path(
        "apv/<int:apv_id>/problemer/<int:problem_id>/fjern/",
        views.apv_problem_remove,
        name="apv_problem_remove",
    ),
    path("apv/<int:apv_id>/opfoelgning/", views.apv_follow_up, name="apv_follow_up"),
    path("apv/<int:apv_id>/naeste-apv/", views.apv_next_due, name="apv_next_due"),
    path("apv/<int:apv_id>/skriftlig/", views.apv_written, name="apv_written"),
    path("apv/<int:apv_id>/pdf/", views.apv_pdf, name="apv_pdf"),
    path("handlinger/", views.actions, name="actions"),
    path("handlinger/ny/", views.action_new, name="action_new"),
    path("handlinger/<int:action_id>/", views.action, name="action"),
    path("handlingsplan/", views.my_plan, name="my_plan"),
]
