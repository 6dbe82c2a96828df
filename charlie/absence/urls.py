from django.urls import path  # noqa: F401 - the absence pages add their paths here

from charlie.absence import views  # noqa: F401

app_name = "absence"

urlpatterns: list = []  # type: ignore[type-arg]
