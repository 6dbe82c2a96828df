"""The URLs of the pulse part of wellbeing (see urls.py)."""

urlpatterns: list = []
