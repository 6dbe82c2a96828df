"""The pages "Brugere og roller" (administrators) and "Rolleanmodninger" (administrators, HR,
DPO). Thin: parse, call ``accounts.services`` (which decides who may do what and writes the
audit log), render. Nothing changes on a GET.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.accounts import services
from charlie.accounts.forms import (
    CreateUserForm,
    DecisionForm,
    ManagedUnitForm,
    PasswordForm,
    PersonSearchForm,
    RoleForm,
    UserFilterForm,
)
from charlie.accounts.permissions import MANAGE_ACCOUNTS
from charlie.core.errors import ValidationFailed
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.core.roles import Role
from charlie.people.services import access_of

ROLE_IDS = "id_role_%s"
PASSWORD_IDS = "id_password_%s"  # noqa: S105 - element ids, not a password
UNIT_IDS = "id_unit_%s"


def _fail(form: Any, exc: ValidationFailed) -> None:
    add_service_errors(form, exc)


@never_cache
@require_GET
def users(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    services.require_administrator(access)
    form = UserFilterForm(request.GET)
    context: dict[str, Any] = {"form": form, "page": None, "rows": []}
    status = 200
    if form.is_valid():
        try:
            page, rows = services.list_users(
                access,
                query=form.cleaned_data["q"],
                role=form.cleaned_data["role"],
                page=request.GET.get("side"),
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            query = request.GET.copy()
            query.pop("side", None)
            context.update(page=page, rows=rows, query=query.urlencode())
    if form.errors:
        status = 400
    context["errors"] = error_links(form)
    context["pending_count"] = services.pending_count_for(access)
    return render(request, "accounts/users.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def user_create(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    services.require_administrator(access)
    form = CreateUserForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                new = services.create_user(
                    access,
                    username=data["username"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    role=data["role"],
                    reason=data["reason"],
                    password=data.get("password", ""),
                )
            except ValidationFailed as exc:
                add_service_errors(form, exc)
            else:
                text = _("Brugeren »%(username)s« er oprettet.") % {"username": new.user.username}
                if new.change is not None and new.change.is_pending:
                    text += " " + _(
                        "Rollen %(role)s venter på en anden persons godkendelse; indtil da er "
                        "brugeren medarbejder."
                    ) % {"role": Role(new.change.to_role).label}
                messages.success(request, text)
                return redirect("accounts:user", user_id=new.user.pk)
    context = {"form": form, "errors": error_links(form) if form.is_bound else []}
    return render(request, "accounts/user_create.html", context, status=status)


def _user_page(
    request: AuthenticatedRequest,
    user_id: int,
    *,
    role_form: RoleForm | None = None,
    password_form: PasswordForm | None = None,
    unit_form: ManagedUnitForm | None = None,
    errors: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    detail = services.get_account(access_of(request), user_id)
    managed = services.units_managed_by(detail.user)
    may_manage = detail.user.role == Role.MANAGER and detail.row.person is not None
    if unit_form is None and may_manage:
        unit_form = ManagedUnitForm(auto_id=UNIT_IDS, units=services.open_units())
    context = {
        "managed_units": managed,
        "unit_form": unit_form if may_manage else None,
        "detail": detail,
        "row": detail.row,
        "account": detail.user,
        "is_self": detail.user.pk == request.user.pk,
        "password_locked": services.password_locked(detail.user, detail.row.pending),
        "role_form": role_form or RoleForm(auto_id=ROLE_IDS, initial={"role": detail.user.role}),
        "password_form": password_form or PasswordForm(auto_id=PASSWORD_IDS),
        "errors": errors or [],
    }
    return render(request, "accounts/user.html", context, status=status)


@never_cache
@require_GET
def user(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    return _user_page(request, user_id)


@never_cache
@require_POST
def role_change(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    access = access_of(request)
    services.require_administrator(access)
    form = RoleForm(request.POST, auto_id=ROLE_IDS)
    if form.is_valid():
        try:
            change = services.request_role_change(
                access,
                user_id=user_id,
                role=form.cleaned_data["role"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            label = Role(change.to_role).label
            if change.is_pending:
                text = _(
                    "Anmodningen om rollen %(role)s er sendt. Rollen gives, når en anden med "
                    "rollen har godkendt den."
                ) % {"role": label}
            else:
                text = _("Brugeren har nu rollen %(role)s.") % {"role": label}
            messages.success(request, text)
            return redirect("accounts:user", user_id=user_id)
    return _user_page(
        request,
        user_id,
        role_form=form,
        errors=error_links(form),
        status=400,
    )


@never_cache
@require_POST
def user_active(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    active = request.POST.get("active") == "1"
    try:
        account = services.set_active(access_of(request), user_id=user_id, active=active)
    except ValidationFailed as exc:
        return _user_page(request, user_id, errors=[("", m) for m in exc.messages], status=400)
    if active:
        text = _("Kontoen »%(username)s« er aktiveret igen.")
    else:
        text = _("Kontoen »%(username)s« er deaktiveret. Den kan ikke længere logge ind.")
    messages.success(request, text % {"username": account.username})
    return redirect("accounts:user", user_id=user_id)


@never_cache
@require_POST
def user_password(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    access = access_of(request)
    services.require_administrator(access)
    form = PasswordForm(request.POST, auto_id=PASSWORD_IDS)
    if form.is_valid():
        try:
            account = services.set_password(
                access, user_id=user_id, password=form.cleaned_data["password"]
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Kontoen »%(username)s« har fået en ny adgangskode. Giv den til brugeren "
                    "på en sikker måde; brugeren skal selv vælge en ny."
                )
                % {"username": account.username},
            )
            return redirect("accounts:user", user_id=user_id)
    return _user_page(request, user_id, password_form=form, errors=error_links(form), status=400)


# --- Linking the account to its person and units ---


@never_cache
@require_http_methods(["GET", "POST"])
def user_person(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    """GET: search for the person to link the account to (each person shown is audited).
    POST: link one (``person_id``), or remove the link (``action=unlink``)."""
    access = access_of(request)
    services.require_administrator(access)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "unlink":
                services.unlink_person(access, user_id=user_id)
                text = _("Kontoen er ikke længere knyttet til en medarbejder.")
            else:
                try:
                    person_id = int(request.POST.get("person_id", ""))
                except ValueError:
                    raise ValidationFailed([_("Vælg en medarbejder fra søgningen.")]) from None
                person = services.link_person(access, user_id=user_id, person_id=person_id)
                text = _("Kontoen er nu knyttet til %(name)s (%(number)s).") % {
                    "name": person.full_name,
                    "number": person.employee_number,
                }
        except ValidationFailed as exc:
            return _user_page(request, user_id, errors=[("", m) for m in exc.messages], status=400)
        messages.success(request, text)
        return redirect("accounts:user", user_id=user_id)
    detail = services.get_account(access, user_id)
    form = PersonSearchForm(request.GET or None)
    choices: list[services.PersonChoice] = []
    if form.is_bound and form.is_valid():
        choices = services.find_people_to_link(
            access, user_id=user_id, query=form.cleaned_data["q"]
        )
    context = {
        "account": detail.user,
        "row": detail.row,
        "form": form,
        "choices": choices,
        "searched": bool(form.is_bound and form.is_valid() and form.cleaned_data["q"].strip()),
        "errors": error_links(form) if form.is_bound else [],
        "limit": services.PERSON_SEARCH_LIMIT,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/user_person.html", context, status=status)


@never_cache
@require_POST
def user_units(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    """Make the account's person the manager of a unit (``unit``), or stop it
    (``action=remove``)."""
    access = access_of(request)
    services.require_administrator(access)
    removing = request.POST.get("action") == "remove"
    form = ManagedUnitForm(request.POST, auto_id=UNIT_IDS, units=services.open_units())
    if removing:
        form.fields["unit"].choices = [  # type: ignore[attr-defined]
            (u.pk, u.name) for u in services.units_managed_by_id(user_id)
        ]
    if form.is_valid():
        try:
            unit = services.set_unit_manager(
                access, user_id=user_id, unit_id=form.cleaned_data["unit"], manages=not removing
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            if removing:
                text = _("Brugeren er ikke længere leder for %(unit)s.")
            else:
                text = _("Brugeren er nu leder for %(unit)s.")
            messages.success(request, text % {"unit": unit.name})
            return redirect("accounts:user", user_id=user_id)
    return _user_page(
        request,
        user_id,
        unit_form=None if removing else form,
        errors=error_links(form),
        status=400,
    )


# --- Pending role requests ---


def _requests_page(
    request: AuthenticatedRequest,
    *,
    failed: int | None = None,
    failed_form: DecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    access = access_of(request)
    rows = services.pending_role_changes(access)
    items = []
    for row in rows:
        pk = row.change.pk
        form = failed_form if pk == failed and failed_form else DecisionForm(auto_id=f"id_{pk}_%s")
        items.append({"row": row, "form": form})
    context = {
        "items": items,
        "is_admin": access.can(MANAGE_ACCOUNTS),
        "errors": error_links(failed_form) if failed_form is not None else [],
    }
    return render(request, "accounts/requests.html", context, status=status)


@never_cache
@require_GET
def role_requests(request: AuthenticatedRequest) -> HttpResponse:
    return _requests_page(request)


@never_cache
@require_POST
def role_request_decide(request: AuthenticatedRequest, change_id: int) -> HttpResponse:
    form = DecisionForm(request.POST, auto_id=f"id_{change_id}_%s")
    if form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            if decision == "withdraw":
                change = services.withdraw_role_change(access_of(request), change_id=change_id)
                text = _("Anmodningen er trukket tilbage.")
            else:
                change = services.decide_role_change(
                    access_of(request),
                    change_id=change_id,
                    approve=decision == "approve",
                    note=form.cleaned_data["note"],
                )
                if decision == "approve":
                    text = _("Anmodningen er godkendt. »%(username)s« har nu rollen %(role)s.")
                else:
                    text = _("Anmodningen er afvist. »%(username)s« beholder sin rolle.")
                text = text % {
                    "username": change.user.username,
                    "role": Role(change.to_role).label,
                }
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, text)
            return redirect("accounts:requests")
    return _requests_page(request, failed=change_id, failed_form=form, status=400)
