"""URLs of the portfolio's cases part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
