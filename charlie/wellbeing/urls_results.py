"""The URLs of the results part of wellbeing (see urls.py)."""

urlpatterns: list = []
