"""The URLs of the apv part of wellbeing (see urls.py)."""

urlpatterns: list = []
