from django.urls import path

from charlie.learning import views
from charlie.learning import views_records as records_views  # part records

app_name = "learning"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("person/<int:person_id>/", views.person, name="person"),
    # --- records: the completions file, unusable xAPI statements, xAPI clients ---
    path("gennemfoerte/indlaes/", records_views.import_page, name="import_completions"),
    path("gennemfoerte/xapi-udsagn/", records_views.unmatched, name="xapi_unmatched"),
    path("xapi/klienter/", records_views.clients, name="xapi_clients"),
    path(
        "xapi/klienter/<int:client_id>/tilbagekald/",
        records_views.revoke_client,
        name="xapi_revoke",
    ),
]
