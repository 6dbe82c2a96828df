"""URLs of the portfolio's ideas part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
