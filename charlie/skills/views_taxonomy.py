"""The taxonomy and role-profile pages (issue 13, points 1 and 2): thin HTTP over
``services.taxonomy`` and ``services.role_profiles``, which check the permissions (everyone
with READ_TAXONOMY browses; HR with MANAGE_TAXONOMY changes) and decide what may be stored.
No personal data is shown here; a merge moves assessments and is logged by the service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.core.query import query_text
from charlie.people.services import access_of
from charlie.skills import rules
from charlie.skills.forms_taxonomy import (
    GroupForm,
    MergeForm,
    OccupationSearchForm,
    ProfileForm,
    SkillFilterForm,
    SkillForm,
)
from charlie.skills.models import Requirement, Skill
from charlie.skills.permissions import MANAGE_TAXONOMY
from charlie.skills.services import role_profiles as rp
from charlie.skills.services import taxonomy

#: Role profiles a page.
PAGE_SIZE = 50

# --- Skills -------------------------------------------------------------------------------------


@require_GET
def skills(request: AuthenticatedRequest) -> HttpResponse:
    """The taxonomy: search by name or id, filter by source and group, a page at a time."""
    access = access_of(request)
    form = SkillFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    f = taxonomy.SkillFilter(
        q=(data.get("q") or "").strip(),
        source=data.get("source") or "",
        group=data.get("group"),
        retired=bool(data.get("retired")),
    )
    page = taxonomy.search_skills(access, f, request.GET.get("side", 1))
    query = {k: str(v) for k, v in request.GET.items() if k != "side" and v}
    return render(
        request,
        "skills/taxonomy/skills.html",
        {
            "form": form,
            "page": page,
            "query": urlencode(query),
            "editable": access.can(MANAGE_TAXONOMY),
        },
    )


@require_http_methods(["GET", "POST"])
def skill_new(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    access.require(MANAGE_TAXONOMY)
    form = SkillForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = taxonomy.create_local_skill(
                access,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                group_id=form.cleaned_data["group"],
                scale=form.cleaned_data["scale"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Kompetencen »%(name)s« er oprettet.") % {"name": created.name}
            )
            return redirect("skills:skill", skill_id=created.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "skills/taxonomy/skill_new.html",
        {"form": form, "errors": error_links(form) if form.is_bound else []},
        status=status,
    )


def _skill_page(
    request: AuthenticatedRequest,
    found: Skill,
    *,
    form: SkillForm | None = None,
    merge_form: MergeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    access = access_of(request)
    initial = {"name": found.name, "description": found.description, "group": found.group_id}
    form = form or SkillForm(initial=initial, editing=True)
    merge_form = merge_form or MergeForm()
    errors = []
    if form.is_bound:
        errors += error_links(form)
    if merge_form.is_bound:
        errors += error_links(merge_form)
    return render(
        request,
        "skills/taxonomy/skill.html",
        {
            "skill": found,
            "scale": rules.scale_of(found.scale),
            "form": form,
            "merge_form": merge_form,
            "errors": errors,
            "editable": access.can(MANAGE_TAXONOMY),
            "merged": found.merged.all(),
            "used_in": rp.profiles_using(access, found.pk),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def skill(request: AuthenticatedRequest, skill_id: int) -> HttpResponse:
    """One skill: its source, id, scale and status; HR edits it here."""
    access = access_of(request)
    found = taxonomy.skill(access, skill_id)
    if request.method == "GET":
        return _skill_page(request, found)
    access.require(MANAGE_TAXONOMY)
    form = SkillForm(request.POST, editing=True)
    if found.source != "local":
        form.fields["name"].required = False
    if form.is_valid():
        try:
            taxonomy.update_skill(
                access,
                skill_id,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                group_id=form.cleaned_data["group"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kompetencen er gemt."))
            return redirect("skills:skill", skill_id=skill_id)
    return _skill_page(request, found, form=form, status=400)


@require_POST
def skill_merge(request: AuthenticatedRequest, skill_id: int) -> HttpResponse:
    access = access_of(request)
    access.require(MANAGE_TAXONOMY)
    found = taxonomy.skill(access, skill_id)
    form = MergeForm(request.POST)
    if form.is_valid():
        target = taxonomy.resolve_skill(form.cleaned_data["target"])
        if target is None:
            form.add_error("target", _("Kompetencen findes ikke (skriv id eller præcist navn)."))
        else:
            try:
                result = taxonomy.merge_skill(access, skill_id, target.pk)
            except ValidationFailed as exc:
                add_service_errors(form, exc, "target")
            else:
                messages.success(
                    request,
                    _(
                        "»%(source)s« er lagt sammen med »%(target)s«: %(a)s vurderinger og "
                        "%(r)s krav i gældende stillingsprofiler er flyttet."
                    )
                    % {
                        "source": result.source.name,
                        "target": result.target.name,
                        "a": result.assessments,
                        "r": result.requirements,
                    },
                )
                return redirect("skills:skill", skill_id=result.target.pk)
    return _skill_page(request, found, merge_form=form, status=400)


@require_POST
def skill_retire(request: AuthenticatedRequest, skill_id: int) -> HttpResponse:
    """Retire a skill, or (``reinstate``) take it back into use."""
    access = access_of(request)
    access.require(MANAGE_TAXONOMY)
    if request.POST.get("reinstate"):
        taxonomy.reinstate_skill(access, skill_id)
        messages.success(request, _("Kompetencen er taget i brug igen."))
    else:
        try:
            taxonomy.retire_skill(access, skill_id)
        except ValidationFailed as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Kompetencen er udgået: den står, hvor den er brugt, men tilbydes ikke mere."),
            )
    return redirect("skills:skill", skill_id=skill_id)


# --- Groups -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def groups(request: AuthenticatedRequest) -> HttpResponse:
    """The groups of local skills; HR creates one, or renames one (``group`` in the POST)."""
    access = access_of(request)
    items = taxonomy.groups(access)
    form = GroupForm()
    rename_errors: dict[int, list[str]] = {}
    status = 200
    if request.method == "POST":
        access.require(MANAGE_TAXONOMY)
        group_id = request.POST.get("group")
        try:
            gid = int(group_id) if group_id else None
        except ValueError as exc:
            raise NotFound from exc
        bound = GroupForm(request.POST)
        if bound.is_valid():
            try:
                saved = taxonomy.save_group(access, name=bound.cleaned_data["name"], group_id=gid)
            except ValidationFailed as exc:
                add_service_errors(bound, exc, "name")
            else:
                messages.success(request, _("Gruppen »%(name)s« er gemt.") % {"name": saved.name})
                return redirect("skills:groups")
        if gid is None:
            form = bound
        else:
            rename_errors[gid] = [str(e) for e in bound.errors.get("name", [])]
        status = 400
    errors = error_links(form) if form.is_bound else []
    for gid, texts in rename_errors.items():
        errors += [(f"#id_rename_{gid}", t) for t in texts]
    return render(
        request,
        "skills/taxonomy/groups.html",
        {
            "groups": items,
            "form": form,
            "errors": errors,
            "rename_errors": rename_errors,
            "editable": access.can(MANAGE_TAXONOMY),
        },
        status=status,
    )


# --- ESCO occupations and job families ----------------------------------------------------------


@require_GET
def occupations(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    form = OccupationSearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    page = taxonomy.search_occupations(access, q, request.GET.get("side", 1))
    return render(
        request,
        "skills/taxonomy/occupations.html",
        {
            "form": form,
            "page": page,
            "query": urlencode({"q": q}) if q else "",
            "editable": access.can(MANAGE_TAXONOMY),
        },
    )


@require_GET
def occupation(request: AuthenticatedRequest, occupation_id: int) -> HttpResponse:
    access = access_of(request)
    detail = taxonomy.occupation(access, occupation_id)
    return render(
        request,
        "skills/taxonomy/occupation.html",
        {"detail": detail, "editable": access.can(MANAGE_TAXONOMY)},
    )


@require_GET
def job_families(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    return render(
        request,
        "skills/taxonomy/job_families.html",
        {"mappings": taxonomy.job_family_mappings(access)},
    )


@require_http_methods(["GET", "POST"])
def job_family(request: AuthenticatedRequest, family_id: int) -> HttpResponse:
    """One job family's ESCO occupations; HR searches occupations and adds or removes them."""
    access = access_of(request)
    if request.method == "POST":
        try:
            occupation_id = int(request.POST.get("occupation", ""))
        except ValueError as exc:
            raise NotFound from exc
        mapped = request.POST.get("action") != "remove"
        taxonomy.map_job_family(access, family_id, occupation_id, mapped=mapped)
        messages.success(
            request, _("Erhvervet er tilføjet.") if mapped else _("Erhvervet er fjernet.")
        )
        q = request.POST.get("q", "")
        suffix = f"?{urlencode({'q': q})}" if q else ""
        return redirect(request.path + suffix)
    mapping = taxonomy.job_family(access, family_id)
    form = OccupationSearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    page = taxonomy.search_occupations(access, q, request.GET.get("side", 1)) if q else None
    return render(
        request,
        "skills/taxonomy/job_family.html",
        {
            "mapping": mapping,
            "mapped_ids": {o.pk for o in mapping.occupations},
            "form": form,
            "q": q,
            "page": page,
            "query": urlencode({"q": q}) if q else "",
            "editable": access.can(MANAGE_TAXONOMY),
        },
    )


# --- Role profiles ------------------------------------------------------------------------------


@require_GET
def role_profiles(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    q = query_text(request, "q")
    page = Paginator(rp.list_profiles(access, q), PAGE_SIZE).get_page(request.GET.get("side", 1))
    return render(
        request,
        "skills/taxonomy/profiles.html",
        {
            "page": page,
            "query": urlencode({"q": q}) if q else "",
            "q": q,
            "editable": access.can(MANAGE_TAXONOMY),
        },
    )


@require_GET
def role_profile(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """A profile's current version (or ``?version=N``), its requirements and its history."""
    access = access_of(request)
    version = request.GET.get("version")
    try:
        number = int(version) if version else None
    except ValueError as exc:
        raise NotFound from exc
    view = rp.profile(access, code, number)
    return render(
        request,
        "skills/taxonomy/profile.html",
        {"view": view, "editable": access.can(MANAGE_TAXONOMY)},
    )


#: Blank rows for new requirements under the existing ones.
NEW_ROWS = 3


def _rows_from_inputs(inputs: list[rp.RequirementInput]) -> list[dict[str, Any]]:
    rows = [
        {
            "skill_id": r.skill_id or "",
            "text": r.skill_text,
            "level": r.min_level or "",
            "essential": r.essential,
            "new": not r.skill_id,
        }
        for r in inputs
    ]
    rows += [{"skill_id": "", "text": "", "level": "", "essential": True, "new": True}] * NEW_ROWS
    return rows


def _inputs_from_post(
    post: QueryDict,
) -> tuple[list[rp.RequirementInput], list[dict[str, Any]]]:
    """The requirement rows of the form (``r-<n>-skill`` … ``r-<n>-remove``): those to keep,
    and every row as entered (to show again after an error)."""
    try:
        count = min(int(post.get("rows", "0")), 2000)
    except ValueError:
        count = 0
    keep: list[rp.RequirementInput] = []
    rows: list[dict[str, Any]] = []
    for n in range(count):
        raw_id = post.get(f"r-{n}-skill", "")
        text = post.get(f"r-{n}-text", "").strip()
        level_text = post.get(f"r-{n}-level", "").strip()
        essential = post.get(f"r-{n}-kind", Requirement.ESSENTIAL) == Requirement.ESSENTIAL
        skill_id = int(raw_id) if raw_id.isdigit() else None
        level = int(level_text) if level_text.isdigit() else None
        removed = bool(post.get(f"r-{n}-remove"))
        rows.append(
            {
                "skill_id": skill_id or "",
                "text": text,
                "level": level_text,
                "essential": essential,
                "new": skill_id is None,
                "removed": removed,
            }
        )
        if removed or (skill_id is None and not text):
            continue
        keep.append(rp.RequirementInput(skill_id, text, level, essential))
    return keep, rows


def _profile_form_page(
    request: AuthenticatedRequest, code: str | None, current: Any = None
) -> HttpResponse:
    access = access_of(request)
    access.require(MANAGE_TAXONOMY)
    occupation_id: int | None = None
    occupation_name = ""
    if request.method == "POST":
        form = ProfileForm(request.POST)
        inputs, rows = _inputs_from_post(request.POST)
        raw_occ = request.POST.get("occupation", "")
        occupation_id = int(raw_occ) if raw_occ.isdigit() else None
        if form.is_valid():
            data = rp.ProfileInput(
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                job_family_id=getattr(form.cleaned_data["job_family"], "pk", None),
                org_unit_id=getattr(form.cleaned_data["org_unit"], "pk", None),
                job_title=form.cleaned_data["job_title"],
                occupation_id=occupation_id,
                note=form.cleaned_data["note"],
                requirements=tuple(inputs),
            )
            try:
                saved = rp.save_profile(access, data, code=code, user=request.user)
            except ValidationFailed as exc:
                # The requirement rows are not form fields: their errors go to the top.
                target = exc.field if exc.field in form.fields else None
                for message in exc.messages:
                    form.add_error(target, message)
            else:
                messages.success(
                    request,
                    _("Stillingsprofilen er gemt som version %(v)s.") % {"v": saved.version},
                )
                return redirect("skills:role_profile", code=saved.code)
        status = 400
    else:
        status = 200
        if current is not None:
            p = current.profile
            form = ProfileForm(
                initial={
                    "name": p.name,
                    "description": p.description,
                    "job_family": p.job_family_id,
                    "org_unit": p.org_unit_id,
                    "job_title": p.job_title,
                }
            )
            inputs = [
                rp.RequirementInput(
                    r.skill_id, r.skill.name, r.min_level, r.requirement == Requirement.ESSENTIAL
                )
                for r in current.requirements
            ]
        else:
            raw_occ = request.GET.get("occupation", "")
            occupation_id = int(raw_occ) if raw_occ.isdigit() else None
            inputs = []
            initial: dict[str, Any] = {}
            if occupation_id is not None:
                detail = taxonomy.occupation(access, occupation_id)
                occupation_name = detail.occupation.name
                inputs = rp.requirements_from_occupation(access, occupation_id)
                initial["name"] = detail.occupation.name[:1].upper() + detail.occupation.name[1:]
            form = ProfileForm(initial=initial)
        rows = _rows_from_inputs(inputs)
    skill_names = taxonomy.skill_names(r["skill_id"] for r in rows if r["skill_id"])
    for r in rows:
        if r["skill_id"]:
            r["text"] = skill_names.get(r["skill_id"], r["text"])
    return render(
        request,
        "skills/taxonomy/profile_edit.html",
        {
            "form": form,
            "rows": rows,
            "code": code,
            "current": current,
            "occupation_id": occupation_id,
            "occupation_name": occupation_name,
            "errors": error_links(form) if form.is_bound else [],
            "kinds": Requirement.choices,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def role_profile_new(request: AuthenticatedRequest) -> HttpResponse:
    """A new profile, empty or (``?occupation=ID``) started from an ESCO occupation."""
    return _profile_form_page(request, None)


@require_http_methods(["GET", "POST"])
def role_profile_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The current version as a form; saving makes the next version."""
    access = access_of(request)
    access.require(MANAGE_TAXONOMY)
    current = rp.profile(access, code)
    return _profile_form_page(request, code, current)
