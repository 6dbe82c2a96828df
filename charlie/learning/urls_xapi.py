"""The xAPI endpoint at the site root (``/xapi/…``), for learning systems with a token."""

from django.urls import path

from charlie.learning import views_records

app_name = "xapi"

urlpatterns = [
    path("statements", views_records.xapi_statements, name="statements"),
    path("about", views_records.xapi_about, name="about"),
]
