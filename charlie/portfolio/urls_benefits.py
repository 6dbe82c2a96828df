"""URLs of the portfolio's benefits part: benefits realisation, the automation register, the
portfolio overview and the council report (docs/portfolio-benefits.md,
docs/portfolio-reports.md)."""

from django.urls import URLPattern, path

from charlie.portfolio import views_benefits as views

urlpatterns: list[URLPattern] = [
    path("gevinster/", views.benefits, name="benefits"),
    path("gevinster/<int:benefit_id>/", views.benefit, name="benefit"),
    path("gevinster/<int:benefit_id>/ret/", views.benefit_edit, name="benefit_edit"),
    path("gevinster/<int:benefit_id>/perioder/", views.benefit_enter, name="benefit_enter"),
    path(
        "initiativer/<int:number>/gevinster/",
        views.initiative_benefits,
        name="initiative_benefits",
    ),
    path("initiativer/<int:number>/gevinster/ny/", views.benefit_new, name="benefit_new"),
    path("automatiseringer/", views.automations, name="automations"),
    path("automatiseringer/ny/", views.automation_new, name="automation_new"),
    path("automatiseringer/<int:automation_id>/", views.automation, name="automation"),
    path(
        "automatiseringer/<int:automation_id>/ret/",
        views.automation_edit,
        name="automation_edit",
    ),
    path("robotter/", views.automations_public, name="automations_public"),
    path("overblik/", views.overview, name="overview"),
    path("overblik/rapport.pdf", views.report_pdf, name="report_pdf"),
    path("overblik/rapport.xlsx", views.report_excel, name="report_excel"),
]
