from django.urls import path

from charlie.learning import (
    views,
    views_compliance,  # part "compliance"
    views_figures,  # part "figures"
)

app_name = "learning"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("person/<int:person_id>/", views.person, name="person"),
    # --- Part "compliance": mandatory training ---
    path("krav/", views_compliance.compliance_list, name="compliance"),
    path("krav/excel/", views_compliance.compliance_export, name="compliance_export"),
    path("krav/regler/", views_compliance.rule_list, name="rules"),
    path("krav/regler/ny/", views_compliance.rule_edit, name="rule_new"),
    path("krav/regler/<int:rule_id>/", views_compliance.rule_edit, name="rule_edit"),
    path("tal/krav/", views_compliance.figures_compliance, name="figures_compliance"),
    # --- Part "figures": learning figures per unit, job family and year ---
    path("tal/", views_figures.figures_page, name="figures"),
    path("tal/excel/", views_figures.figures_export, name="figures_export"),
]
