"""Thin HTTP views over ``skills.services``: a person's skill profile."""

from __future__ import annotations

from charlie.skills import views_profiles

# --- profiles: the profile pages live in views_profiles ---
mine = views_profiles.mine
person = views_profiles.person
