"""URLs of the portfolio's benefits part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
