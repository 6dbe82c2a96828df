"""Thin HTTP views over ``skills.services``: a person's skill profile."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of
from charlie.skills import services


@require_GET
def mine(request: AuthenticatedRequest) -> HttpResponse:
    profile = services.my_profile(access_of(request))
    return render(request, "skills/profile.html", {"profile": profile, "is_self": True})


@require_GET
def person(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    profile = services.profile_of(access_of(request), person_id)
    return render(request, "skills/profile.html", {"profile": profile, "is_self": False})
