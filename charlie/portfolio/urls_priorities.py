"""URLs of the portfolio's priorities part."""

from django.urls import URLPattern, path

from charlie.portfolio import views_priorities as views

urlpatterns: list[URLPattern] = [
    path("prioritering/", views.priorities, name="priorities"),
    path("prioritering/gem/", views.priorities_save, name="priorities_save"),
    path("prioritering/kriterier/", views.criteria, name="priorities_criteria"),
    path(
        "prioritering/kriterier/<int:criterion_id>/",
        views.criterion_edit,
        name="priorities_criterion",
    ),
    path("prioritering/scorer/", views.scores, name="priorities_scores"),
    path("prioritering/scenarier/", views.scenarios, name="priorities_scenarios"),
    path(
        "prioritering/scenarier/<int:scenario_id>/",
        views.scenario,
        name="priorities_scenario",
    ),
    path("prioritering/scenarier/sammenlign/", views.compare, name="priorities_compare"),
]
