"""URLs of the portfolio's team part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
