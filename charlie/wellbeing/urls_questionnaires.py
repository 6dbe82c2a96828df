"""The URLs of the questionnaires part of wellbeing (see urls.py)."""

urlpatterns: list = []
