from django.urls import URLPattern, path

from charlie.workforce import views, views_scenarios

app_name = "workforce"

urlpatterns: list[URLPattern] = []

# The plan, how it is computed, the Excel file and one person's pension dates (views).
urlpatterns += [
    path("", views.plan, name="plan"),
    path("plan.xlsx", views.plan_xlsx, name="plan_xlsx"),
    path("model/", views.model_page, name="model"),
    path("scenarier/<int:scenario_id>/vaekst/", views.growth, name="growth"),
    path("medarbejder/pension/", views.pension_lookup, name="pension_lookup"),
    path("medarbejder/<int:person_id>/pension/", views.person_pension, name="person_pension"),
]

# Scenarios: list, create, copy, edit, drivers, delete, compare (views_scenarios).
urlpatterns += [
    path("scenarier/", views_scenarios.scenarios, name="scenarios"),
    path("scenarier/<int:scenario_id>/", views_scenarios.scenario_edit, name="scenario"),
    path("scenarier/<int:scenario_id>/kopi/", views_scenarios.scenario_copy, name="scenario_copy"),
    path(
        "scenarier/<int:scenario_id>/slet/", views_scenarios.scenario_delete, name="scenario_delete"
    ),
    path("scenarier/<int:scenario_id>/drivere/", views_scenarios.driver_save, name="driver_new"),
    path(
        "scenarier/<int:scenario_id>/drivere/<int:driver_id>/",
        views_scenarios.driver_save,
        name="driver",
    ),
    path(
        "scenarier/<int:scenario_id>/drivere/<int:driver_id>/slet/",
        views_scenarios.driver_delete,
        name="driver_delete",
    ),
    path("sammenlign/", views_scenarios.compare, name="compare"),
]
