"""URLs of the portfolio's initiatives part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
