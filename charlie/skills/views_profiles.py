"""Thin HTTP views of employee skill profiles (issue 13, point 3): "Mine kompetencer", a
person's skills for their manager or HR, proposals waiting, opt-ins and the skills import. Each
view calls one service (``skills.services``), which checks permission and scope and writes the
audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import ValidationFailed
from charlie.core.http import AuthenticatedRequest
from charlie.core.query import query_text
from charlie.people.services import access_of
from charlie.skills import rules
from charlie.skills.forms_profiles import ImportForm, LevelForm, OptInForm
from charlie.skills.models import AssessmentSource
from charlie.skills.permissions import IMPORT_SKILLS
from charlie.skills.services import imports, openness, optins, profiles

EMPLOYEE_SOURCES = [(s.value, s.label) for s in profiles.EMPLOYEE_SOURCES]
MANAGER_SOURCES = [
    (s.value, s.label)
    for s in (AssessmentSource.MANAGER, AssessmentSource.COURSE, AssessmentSource.CERTIFICATE)
]


def _picker(request: AuthenticatedRequest, chosen_id: str = "") -> dict[str, Any]:
    """The searchable skill picker's state: the search text, its matches, the chosen skill and
    the levels of that skill's scale. Taxonomy only, no personal data."""
    query = query_text(request, "q")
    found, total = profiles.search_skills(query)
    chosen = None
    levels: list[Any] = []
    skill_id = chosen_id or request.GET.get("skill", "")
    if skill_id:
        try:
            chosen = profiles.active_skill(skill_id)
            levels = list(rules.scale_of(chosen.scale).levels)
        except ValidationFailed:
            chosen = None
    return {
        "query": query,
        "found": found,
        "found_total": total,
        "chosen": chosen,
        "levels": levels,
    }


#: The form's fields, for linking an error to its input (WCAG 3.3.1).
_FIELD_IDS = {"level": "level", "assessed_on": "assessed_on", "source": "source"}


def _form_errors(form: LevelForm | None, exc: ValidationFailed | None) -> list[tuple[str, str]]:
    errors: list[tuple[str, str]] = []
    if form is not None:
        for field, messages_ in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            href = f"#{_FIELD_IDS[field]}" if field in _FIELD_IDS else ""
            errors.extend((href, f"{label}: {m}" if label else str(m)) for m in messages_)
    if exc is not None:
        errors.extend(("", m) for m in exc.messages)
    return errors


def _input(form: LevelForm) -> profiles.LevelInput:
    d = form.cleaned_data
    return profiles.LevelInput(
        skill_id=d["skill"],
        level=d["level"],
        assessed_on=d["assessed_on"],
        source=d["source"],
        evidence=d["evidence"],
        expires_on=d["expires_on"],
    )


def _mine(request: AuthenticatedRequest, **extra: Any) -> HttpResponse:
    access = access_of(request)
    values = extra.pop("values", {})
    status = extra.pop("status", None)
    context = {
        "profile": profiles.my_profile(access),
        "is_self": True,
        "opt_ins": optins.my_opt_ins(access),
        "looked": openness.who_looked(access),
        "sources": EMPLOYEE_SOURCES,
        "today": profiles.today(),
        "values": values,
        **_picker(request, values.get("skill", "")),
        **extra,
    }
    return render(request, "skills/profiles/profile.html", context, status=status)


def _person(request: AuthenticatedRequest, person_id: int, **extra: Any) -> HttpResponse:
    values = extra.pop("values", {})
    status = extra.pop("status", None)
    context = {
        "profile": profiles.profile_of(access_of(request), person_id),
        "is_self": False,
        "sources": MANAGER_SOURCES,
        "today": profiles.today(),
        "values": values,
        **_picker(request, values.get("skill", "")),
        **extra,
    }
    return render(request, "skills/profiles/profile.html", context, status=status)


@require_GET
def mine(request: AuthenticatedRequest) -> HttpResponse:
    return _mine(request)


@require_GET
def person(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    return _person(request, person_id)


@require_POST
def propose(request: AuthenticatedRequest) -> HttpResponse:
    """The employee's proposal; with an error, the page again with the values and the errors."""
    form = LevelForm(request.POST)
    exc = None
    if form.is_valid():
        try:
            row = profiles.propose(access_of(request), _input(form))
        except ValidationFailed as error:
            exc = error
        else:
            messages.success(
                request,
                _("Dit forslag om %(skill)s er sendt til din leder.") % {"skill": row.skill.name},
            )
            return redirect("skills:mine")
    return _mine(
        request, values=request.POST.dict(), form_errors=_form_errors(form, exc), status=400
    )


@require_POST
def enter(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    """A level the manager or HR enters; with an error, the page again as for ``propose``."""
    form = LevelForm(request.POST)
    exc = None
    if form.is_valid():
        try:
            row = profiles.enter_level(access_of(request), person_id, _input(form))
        except ValidationFailed as error:
            exc = error
        else:
            messages.success(
                request, _("%(skill)s er gemt og bekræftet.") % {"skill": row.skill.name}
            )
            return redirect("skills:person", person_id=person_id)
    return _person(
        request,
        person_id,
        values=request.POST.dict(),
        form_errors=_form_errors(form, exc),
        status=400,
    )


@require_POST
def decide(request: AuthenticatedRequest, assessment_id: int) -> HttpResponse:
    decision = request.POST.get("decision")
    row = profiles.decide(access_of(request), assessment_id, decision)
    confirm = decision == "confirm"
    text = (
        _("%(skill)s er bekræftet for %(name)s.")
        if confirm
        else _("%(skill)s er afvist for %(name)s.")
    )
    messages.success(request, text % {"skill": row.skill.name, "name": row.person.full_name})
    if request.POST.get("next", "") == "pending":
        return redirect("skills:pending")
    return redirect("skills:person", person_id=row.person_id)


@require_POST
def withdraw(request: AuthenticatedRequest, assessment_id: int) -> HttpResponse:
    row = profiles.withdraw(access_of(request), assessment_id)
    messages.success(
        request, _("Dit forslag om %(skill)s er trukket tilbage.") % {"skill": row.skill.name}
    )
    return redirect("skills:mine")


@require_POST
def opt_in(request: AuthenticatedRequest) -> HttpResponse:
    form = OptInForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    else:
        yes = form.cleaned_data["answer"] == "ja"
        changed = optins.set_opt_in(access_of(request), form.cleaned_data["kind"], yes)
        if changed is not None:
            messages.success(
                request,
                _("Dit svar er gemt: ja.") if yes else _("Dit svar er gemt: nej."),
            )
    return redirect(reverse("skills:mine") + "#tilsagn")


@require_GET
def pending(request: AuthenticatedRequest) -> HttpResponse:
    page = profiles.pending(access_of(request), page=request.GET.get("side"))
    return render(request, "skills/profiles/pending.html", {"page": page})


@require_http_methods(["GET", "POST"])
def import_page(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    access.require(IMPORT_SKILLS)
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        # At most one byte over the limit is read: the service refuses a file that long.
        data = upload.read(imports.MAX_FILE_BYTES + 1)
        result = imports.import_skills(
            access, [(upload.name, data)], dry_run=form.cleaned_data["dry_run"]
        )
    return render(request, "skills/profiles/import.html", {"form": form, "result": result})
