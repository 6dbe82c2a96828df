from django.urls import path

from charlie.privacy import views, views_retention

app_name = "privacy"

urlpatterns = [
    path("audit/", views.audit, name="audit"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
    path("mine-data/", views.my_data, name="my_data"),
    path("mine-data.json", views.my_data_json, name="my_data_json"),
    path("mine-data.pdf", views.my_data_pdf, name="my_data_pdf"),
    path("mine-data/rettelse/", views.correction_create, name="correction_create"),
    path("rettelser/", views.corrections, name="corrections"),
    path("rettelser/<int:request_id>/", views.correction, name="correction"),
    path("hr-data/", views.register, name="register"),
    path("register/<slug:code>/edit/", views.register_edit, name="register_edit"),
    # Retention and deletion: the data protection officer only (docs/retention.md).
    path("opbevaring/", views_retention.overview, name="retention"),
    path("opbevaring/find/", views_retention.propose, name="retention_propose"),
    path("opbevaring/regler/<slug:code>/", views_retention.policy_edit, name="retention_policy"),
    path("opbevaring/forslag/<int:batch_id>/", views_retention.batch, name="retention_batch"),
    path(
        "opbevaring/forslag/<int:batch_id>/godkend/",
        views_retention.approve,
        name="retention_approve",
    ),
    path(
        "opbevaring/forslag/<int:batch_id>/afvis/",
        views_retention.reject,
        name="retention_reject",
    ),
]
