from django.urls import path

from charlie.privacy import views

app_name = "privacy"

urlpatterns = [
    path("audit/", views.audit, name="audit"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
    path("mine-data/", views.my_data, name="my_data"),
    path("mine-data.json", views.my_data_json, name="my_data_json"),
    path("hr-data/", views.register, name="register"),
    path("register/<slug:code>/edit/", views.register_edit, name="register_edit"),
]
