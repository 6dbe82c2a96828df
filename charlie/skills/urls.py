from django.urls import path

from charlie.skills import (
    views,
    views_profiles,  # profiles
)

app_name = "skills"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("person/<int:person_id>/", views.person, name="person"),
    # --- profiles: proposals, confirmations, opt-ins, the import ---
    path("foreslaa/", views_profiles.propose, name="propose"),
    path("tilsagn/", views_profiles.opt_in, name="opt_in"),
    path("person/<int:person_id>/niveau/", views_profiles.enter, name="enter"),
    path("vurdering/<int:assessment_id>/afgoer/", views_profiles.decide, name="decide"),
    path("forslag/", views_profiles.pending, name="pending"),
    path("import/", views_profiles.import_page, name="import"),
]
