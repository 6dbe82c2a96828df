"""Thin HTTP views over ``learning.services``: parse, call the service, render. The parts'
pages live in ``views_<part>.py``."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from charlie.core.http import AuthenticatedRequest
from charlie.learning import services
from charlie.people.services import access_of


@require_GET
def mine(request: AuthenticatedRequest) -> HttpResponse:
    result = services.my_learning(access_of(request))
    return render(request, "learning/mine.html", {"result": result, "is_self": True})


@require_GET
def person(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    result = services.learning_of(access_of(request), person_id)
    return render(request, "learning/mine.html", {"result": result, "is_self": False})
