"""URLs of the portfolio's cases part: an initiative's business case (its figures, readable by
the portfolio's readers, and its editor) and the rates."""

from django.urls import path

from charlie.portfolio import views_cases as views

urlpatterns = [
    path("initiativer/<int:number>/business-case/", views.business_case, name="business_case"),
    path(
        "initiativer/<int:number>/business-case/rediger/",
        views.business_case_edit,
        name="business_case_edit",
    ),
    path("business-case-satser/", views.rates, name="rates"),
]
