"""URLs of the portfolio's priorities part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
