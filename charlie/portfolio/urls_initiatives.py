"""URLs of the portfolio's initiatives part: the portfolio's front page, the initiative list
and page, the project description, the stage and the owner."""

from django.urls import URLPattern, path

from charlie.portfolio import views_initiatives as views

urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("initiativer/", views.initiative_list, name="initiatives"),
    path("initiativer/nyt/", views.initiative_new, name="initiative_new"),
    path("initiativer/<int:number>/", views.initiative, name="initiative"),
    path("initiativer/<int:number>/ret/", views.initiative_edit, name="initiative_edit"),
    path("initiativer/<int:number>/fase/", views.initiative_stage, name="initiative_stage"),
    path("initiativer/<int:number>/ejer/", views.initiative_owner, name="initiative_owner"),
]
