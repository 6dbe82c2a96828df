"""URLs of the portfolio's team part: an initiative's skill needs, its proposed teams, their
coverage and gaps, learning needs, and the decision (docs/portfolio-team.md)."""

from django.urls import URLPattern, path

from charlie.portfolio import views_team

urlpatterns: list[URLPattern] = [
    path("initiativer/<int:number>/hold/", views_team.team, name="team"),
    path("initiativer/<int:number>/hold/behov/", views_team.team_needs, name="team_needs"),
    path("initiativer/<int:number>/hold/foreslaa/", views_team.team_propose, name="team_propose"),
    path(
        "initiativer/<int:number>/hold/<int:proposal_id>/",
        views_team.team_proposal,
        name="team_proposal",
    ),
    path(
        "initiativer/<int:number>/hold/<int:proposal_id>/afgoer/",
        views_team.team_decide,
        name="team_decide",
    ),
    path(
        "initiativer/<int:number>/hold/<int:proposal_id>/laeringsbehov/",
        views_team.team_learning,
        name="team_learning",
    ),
]
