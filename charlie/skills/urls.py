from django.urls import path

from charlie.skills import views
from charlie.skills.views_profiles import (  # profiles
    decide,
    enter,
    import_page,
    opt_in,
    pending,
    propose,
)

app_name = "skills"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("person/<int:person_id>/", views.person, name="person"),
    # --- profiles: proposals, confirmations, opt-ins, the import ---
    path("foreslaa/", propose, name="propose"),
    path("tilsagn/", opt_in, name="opt_in"),
    path("person/<int:person_id>/niveau/", enter, name="enter"),
    path("vurdering/<int:assessment_id>/afgoer/", decide, name="decide"),
    path("forslag/", pending, name="pending"),
    path("import/", import_page, name="import"),
]
