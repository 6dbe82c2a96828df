from django.urls import path

from charlie.core import views

app_name = "core"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("tilgaengelighed/", views.accessibility_statement, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
]
