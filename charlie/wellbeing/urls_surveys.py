"""The URLs of the surveys part of wellbeing (see urls.py)."""

urlpatterns: list = []
