"""Wellbeing: (say in one paragraph what the app is for; DESIGN.md names the app order)."""
