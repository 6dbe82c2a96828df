"""People core use cases, and the one place where a caller's scope over people is decided.

``access_for`` (and ``access_of`` for a request, ``operator_access`` for the command line)
builds the caller's ``Access`` (``charlie.privacy.access``) once: role, own person, the units
in scope with their periods, channel and audit purpose. Every service of every app takes it as
its first argument, and scope filters come from here — ``in_scope`` and ``visible_people`` for
people, ``in_units`` for unit-tied rows, ``visible_windows`` for scope over time — so no view,
and no other app, derives a manager's units itself (DESIGN.md, "Roles and scopes"). Views and
the API call these; they never query ``Person`` or ``Employment`` themselves.

Every function that returns a person's data also writes the audit log (``charlie.privacy``): one
entry per person whose data is returned, with the purpose that follows from the role (or
"egen_indsigt" for one's own data) and the channel the Access was built for (``"ui"``, ``"api"``
from the REST API, ``"cli"``). ``find_people`` and ``find_employments`` return unevaluated
querysets for paging; the page actually returned is recorded with ``record_page_read``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from charlie.core.cache import cached
from charlie.core.disclosure import (
    DisplayTable,
    Grouping,
    Population,
    ProtectedTable,
    display_table,
    people_per_cell,
    protect,
)
from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.roles import Role
from charlie.core.services import min_group_size
from charlie.core.text import text_errors
from charlie.people.models import Employment, JobFamily, OrgUnit, Person
from charlie.people.permissions import CORRECT_PERSON, READ_PERSON, RECORD_NOTICE
from charlie.people.unit_labels import qualified_labels
from charlie.privacy.access import PURPOSE_OWN as PURPOSE_OWN  # re-exported for the apps
from charlie.privacy.access import Access, UnitGrant
from charlie.privacy.models import Action, CorrectionStatus
from charlie.privacy.registry import PersonLabel
from charlie.privacy.services import corrections

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from charlie.core.models import User

# Data categories and purposes of the people core (registered with privacy in apps.py).
CATEGORY_MASTER_DATA = "stamdata"
CATEGORY_EMPLOYMENT = "ansaettelse"
PURPOSE_HR = "hr_administration"
PURPOSE_MANAGEMENT = "personaleledelse"
# PURPOSE_OWN ("egen_indsigt") is privacy's (``charlie.privacy.access``), re-exported above.


def today() -> date:
    return timezone.localdate()


# --- Access: who is asking, decided once ------------------------------------------------------


def own_person(user: User | AnonymousUser | None) -> Person | None:
    """The person record linked to a user account, if any."""
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.person  # type: ignore[union-attr]
    except Person.DoesNotExist:
        return None


def _grants(person: Person, on: date) -> tuple[UnitGrant, ...]:
    rows = (
        OrgUnit.objects.filter(manager=person)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("path")
        .values_list("path", "valid_from", "valid_to")
    )
    return tuple(UnitGrant(path, start, end) for path, start, end in rows)


#: The audit purpose of reading other people's data, by role (the rest read no one else's).
_PURPOSES = {Role.HR: PURPOSE_HR, Role.MANAGER: PURPOSE_MANAGEMENT}


def access_for(user: User | AnonymousUser | None, *, channel: str = "ui") -> Access:
    """The caller of the services: built once per request (``access_of``), CLI command or API
    call. HR sees everyone; a manager the people employed in the open units they manage and
    the units below; anyone linked to a person record also their own data (DESIGN.md, "Roles
    and scopes"). Anyone else — an anonymous user, an inactive account — holds no permission."""
    if user is None or not user.is_authenticated or not getattr(user, "is_active", True):
        return Access(user=None, role=None, channel=channel)
    role = Role(user.role)
    person = own_person(user)
    person_id = person.pk if person is not None else None
    units: tuple[UnitGrant, ...] = ()
    if role == Role.MANAGER and person is not None:
        units = _grants(person, today())
    purpose = _PURPOSES.get(role, "")
    return Access(
        user=user,
        role=role,
        person_id=person_id,
        everyone=role == Role.HR,
        units=units,
        channel=channel,
        purpose=purpose,
    )


def operator_access(role: Role = Role.ANALYST, *, channel: str = "cli") -> Access:
    """The server's operator on the command line: no user account and nobody's person record,
    acting with ``role``'s permissions over the whole municipality (aggregates only unless the
    role reads people). The audit log names no actor for it, as for background jobs."""
    return Access(
        user=None, role=role, everyone=True, channel=channel, purpose=_PURPOSES.get(role, "")
    )


def access_of(request: HttpRequest, *, channel: str = "ui") -> Access:
    """The request's ``Access``, built on first use and kept on the request."""
    cache: dict[str, Access] = request.__dict__.setdefault("_charlie_access", {})
    if channel not in cache:
        cache[channel] = access_for(getattr(request, "user", None), channel=channel)
    return cache[channel]


def managed_units(access: Access) -> QuerySet[OrgUnit]:
    """The open units a manager manages (the ``UnitGrant`` rows as model objects)."""
    return OrgUnit.objects.filter(path__in=access.unit_paths)


def _current(on: date) -> Q:
    return Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on))


def under_units(paths: Iterable[str], *, unit: str = "org_unit") -> Q:
    """Rows whose unit (``unit`` is the lookup path to it) is one of these units or below them:
    one materialised-path prefix per unit (``unit=""``: the units themselves). No paths:
    nothing."""
    key = f"{unit}__path__startswith" if unit else "path__startswith"
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{key: path})
    return q


def in_scope(access: Access, *, person: str = "", on: date | None = None) -> Q:
    """The scope as a filter on any model with a person: ``person`` is the lookup path to the
    person (``""`` for ``Person`` itself, ``"person"`` for a model with a ``person`` key). The
    caller's own record, and the people currently (on ``on``) employed in their units."""
    if access.everyone:
        return Q()
    pk = f"{person}__pk" if person else "pk"
    q = Q(**{pk: access.person_id}) if access.person_id else Q(pk__in=[])
    if access.units:
        employed = Employment.objects.filter(
            _current(on or today()) & under_units(access.unit_paths)
        )
        q |= Q(**{f"{pk}__in": employed.values("person_id")})
    return q


def in_units(access: Access, *, unit: str = "org_unit") -> Q:
    """The scope as a filter on a model tied to a unit (``unit`` is the lookup path to it):
    rows in a managed unit or below; everything for HR; nothing for anyone else."""
    if access.everyone:
        return Q()
    return under_units(access.unit_paths, unit=unit)


def visible_people(access: Access, *, on: date | None = None) -> QuerySet[Person]:
    """People the caller may see as individuals today: the scope as a query."""
    return Person.objects.filter(in_scope(access, on=on))


@dataclass(frozen=True, slots=True)
class Window:
    """A stretch of time, both days included; ``end`` None means still running."""

    start: date
    end: date | None = None

    def overlaps(self, start: date, end: date | None) -> bool:
        """True when [start, end] (end None: still running) shares a day with this window."""
        return (self.end is None or start <= self.end) and (end is None or end >= self.start)


def windows_overlap(windows: tuple[Window, ...] | None, start: date, end: date | None) -> bool:
    """True when [start, end] falls in one of ``windows``; ``None`` means no limit in time."""
    return windows is None or any(w.overlaps(start, end) for w in windows)


def visible_windows(access: Access, person_id: int) -> tuple[Window, ...] | None:
    """When the caller may see this person's dated data (absence, deadlines, history).

    Scope holds over time, not only today: a manager sees a person's data only for the time the
    person was employed in the manager's units, so a spell of sickness from the person's years in
    another unit stays with that unit. HR, and the person themselves, see all of it (``None``).
    The windows are the person's employments in the manager's sub-trees, merged where they touch.
    Everyone else sees nothing (an empty tuple); callers check the person is in scope first.
    """
    if access.everyone or access.person_id == person_id:
        return None
    if not access.units:
        return ()
    rows = (
        Employment.objects.filter(under_units(access.unit_paths), person_id=person_id)
        .order_by("start_date")
        .values_list("start_date", "end_date")
    )
    merged: list[Window] = []
    for start, end in rows:
        last = merged[-1] if merged else None
        if last is not None and (last.end is None or start <= last.end + timedelta(days=1)):
            if last.end is not None:
                merged[-1] = Window(last.start, None if end is None else max(last.end, end))
            continue
        merged.append(Window(start, end))
    return tuple(merged)


def require_people_access(access: Access) -> Access:
    """403 unless the caller may look up people other than themselves."""
    access.require(READ_PERSON)
    return access


def record_page_read(access: Access, items: list[Any], *, detail: str = "") -> None:
    """Record a page of ``find_people`` (people) or ``find_employments`` (employments) results
    that is about to be returned."""
    people = [item.pk for item in items if isinstance(item, Person)]
    employments = [item.person_id for item in items if isinstance(item, Employment)]
    access.record_read(people, category=CATEGORY_MASTER_DATA, detail=detail)
    access.record_read(employments, category=CATEGORY_EMPLOYMENT, detail=detail)


def _person_in_scope(access: Access, person_id: int) -> Person:
    person = visible_people(access).filter(pk=person_id).first()
    if person is None:
        raise NotFound
    access.in_scope_ids.add(person.pk)
    return person


def ensure_in_scope(access: Access, person_id: int) -> None:
    """404 unless the person is in the caller's scope today. Asked once per Access: a page
    whose services each check the same person (the person overview's sections) costs one
    query, not one per service."""
    if person_id not in access.in_scope_ids:
        if not visible_people(access).filter(pk=person_id).exists():
            raise NotFound
        access.in_scope_ids.add(person_id)


def get_person(access: Access, person_id: int) -> Person:
    """One person, if in the caller's scope; otherwise 404 so existence is not revealed."""
    person = _person_in_scope(access, person_id)
    access.record_read([person.pk], category=CATEGORY_MASTER_DATA, detail="person")
    return person


def employments_of(access: Access, person: Person) -> QuerySet[Employment]:
    """A person's employments. HR and the person see all; a manager sees those in their units."""
    ensure_in_scope(access, person.pk)
    access.record_read([person.pk], category=CATEGORY_EMPLOYMENT, detail="employments")
    return employments_in_view(access, person.pk).select_related("org_unit", "job_family")


def employments_in_view(access: Access, person_id: int) -> QuerySet[Employment]:
    """The person's employments this caller may see (HR and the person all, a manager those in
    their units), neither checked against the scope nor recorded: for a service that has
    checked and recorded already (the person overview's sections)."""
    qs = Employment.objects.filter(person_id=person_id)
    if access.everyone or access.person_id == person_id:
        return qs
    return qs.filter(under_units(access.unit_paths))


def employment_for_notice(access: Access, employment_id: int) -> Employment:
    """One employment, for HR to record its notice date (403 for others; 404 if none)."""
    access.require(RECORD_NOTICE)
    employment = (
        Employment.objects.select_related("person", "org_unit", "job_family")
        .filter(pk=employment_id)
        .first()
    )
    if employment is None:
        raise NotFound
    access.record_read([employment.person_id], category=CATEGORY_EMPLOYMENT, detail="notice")
    return employment


def record_notice(
    access: Access, *, employment_id: int, notice_date: date | None, on: date | None = None
) -> Employment:
    """Record (or clear, with None) the day notice was given on an employment — "opsagt den",
    which the sickness follow-up needs: sygedagpengeloven § 7 a asks for no sickness interview
    when the employee is under notice and leaves within 8 weeks of the 1st sick day (DOMAIN.md
    1.1). HR only; audited as an update of the employment. Refused when the date lies before
    the employment began, after its last day or in the future."""
    employment = employment_for_notice(access, employment_id)
    today = on or timezone.localdate()
    errors = []
    if notice_date is not None:
        if notice_date < employment.start_date:
            errors.append(_("Opsigelsen kan ikke ligge før ansættelsens start."))
        if employment.end_date is not None and notice_date > employment.end_date:
            errors.append(
                _(
                    "Opsigelsen kan ikke ligge efter sidste ansættelsesdag. Opsagt den er "
                    "dagen, opsigelsen blev givet."
                )
            )
        if notice_date > today:
            errors.append(_("Opsigelsen kan ikke ligge i fremtiden."))
    if errors:
        raise ValidationFailed(errors)
    employment.notice_date = notice_date
    employment.save(update_fields=["notice_date"])
    access.record(
        [employment.person_id],
        action="update",
        category=CATEGORY_EMPLOYMENT,
        detail="opsagt_den",
    )
    return employment


def employments_of_person(access: Access, person_id: int) -> QuerySet[Employment]:
    """``employments_of`` by person id (404 outside the scope); records employment data only."""
    return employments_of(access, _person_in_scope(access, person_id))


def search_people(access: Access, query: str = "", *, limit: int = 50) -> tuple[list[Person], int]:
    """People in scope whose name or employee number matches ``query``; returns (page, total).

    The people on the page are recorded as read; the search text is not (it may hold a name).
    """
    qs = find_people(access, query)
    page, total = list(qs[:limit]), qs.count()
    record_page_read(access, page, detail=f"search:{total}")
    return page, total


def my_current_employments(access: Access) -> QuerySet[Employment]:
    """The caller's own current employments (empty when not linked to a person)."""
    person = own_person(access.user)  # the user's cached person record: no query
    if person is None:
        return Employment.objects.none()
    return employments_of(access, person).filter(_current(today()))


def managed_units_overview(access: Access) -> list[dict[str, Any]]:
    """For a manager: each unit they manage, with the people currently employed in its sub-tree.

    Every person listed is recorded as read (employment data)."""
    result: list[dict[str, Any]] = []
    shown: list[Employment] = []
    on = today()
    for unit in managed_units(access).order_by("path"):
        employments = (
            current_employments(on=on)
            .filter(org_unit__path__startswith=unit.path)
            .select_related("person", "org_unit", "job_family")
            .order_by("person__last_name", "person__first_name")
        )
        rows = list(employments)
        shown.extend(rows)
        result.append({"unit": unit, "employments": rows})
    record_page_read(access, shown, detail="home:my_units")
    return result


# --- Unit names that can be told apart ------------------------------------------------------


def unit_labels() -> dict[int, str]:
    """Labels for the units whose names repeat, by id — "Afsnit Nord (Medicinsk afdeling)" —
    from ``people.unit_labels``; a unit not in it is shown by its name. One query over the
    tree, cached until the people data change; a page with many units takes the map once
    (``unit_label(unit, labels)``, or the ``{% unit_name %}`` tag, which keeps it on the
    request)."""
    return cached(
        "people",
        "unit_labels",
        lambda: qualified_labels(OrgUnit.objects.values_list("pk", "name", "path")),
    )


def unit_label(unit: OrgUnit, labels: dict[int, str] | None = None) -> str:
    """How to show one unit wherever units are listed or chosen (see ``unit_labels``)."""
    return (unit_labels() if labels is None else labels).get(unit.pk, unit.name)


def unit_choices(access: Access, *, on: date | None = None) -> list[tuple[int, str]]:
    """The open units the caller may filter or choose by — every unit for HR, a manager's
    units and their sub-units — in tree order, each with its ``unit_label`` ("Afsnit Nord
    (Plejecenter Nord)" where the name repeats): for a unit picker. Cached until the people
    data change."""
    on = on or today()
    paths = None if access.everyone else access.unit_paths
    return cached("people", f"unit_choices:{on}:{_scope_key(access)}", lambda: _units(paths, on))


def all_unit_choices(*, on: date | None = None) -> list[tuple[int, str]]:
    """Every open unit, as ``unit_choices`` gives them to HR: for an administrator, who sets up
    units and their managers (unit names are configuration, not personal data)."""
    on = on or today()
    return cached("people", f"unit_choices:{on}:all", lambda: _units(None, on))


def _units(paths: Iterable[str] | None, on: date) -> list[tuple[int, str]]:
    units = OrgUnit.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on
    )
    if paths is not None:
        units = units.filter(under_units(paths, unit=""))
    labels = unit_labels()
    return [
        (pk, labels.get(pk, name)) for pk, name in units.order_by("path").values_list("pk", "name")
    ]


def current_employments(*, on: date | None = None) -> QuerySet[Employment]:
    return Employment.objects.filter(_current(on or today()))


def unit_ancestor_at_depth(path: str, depth: int) -> int | None:
    parts = [p for p in path.split("/") if p]
    return int(parts[depth]) if len(parts) > depth else None


def headcount_min_size() -> int:
    """The smallest headcount the org tree, the headcount table and the workforce plan show
    (categories ansaettelse and stamdata: the workforce plan's figures rest on ages)."""
    return max(min_group_size(CATEGORY_EMPLOYMENT), min_group_size(CATEGORY_MASTER_DATA))


# --- Headcounts: one release for every page and answer that counts today's people ---------------

#: The column of people placed in the top unit itself (no forvaltning).
TOP = None
_TOTAL = "total"


@dataclass(frozen=True)
class HeadcountRelease:
    """Today's people in one release (``core.disclosure.protect``): each person counted once, in
    their largest current employment (most weekly hours; the oldest employment on a tie), so the
    organisation tree, the headcount table and the workforce plan count the same people.

    Groupings: the unit tree (a top unit's own people are a cell of their own: the table's and
    the plan's "Øverste niveau"), and job family → job family × forvaltning (the table).
    Everything is keyed by primary keys; ``forvaltning`` is a depth-1 unit's pk, or ``TOP``.
    """

    on: date
    min_size: int
    total: int
    total_shown: bool
    units: dict[int, int]  # people in each unit's sub-tree
    unit_shown: dict[int, bool]
    columns: dict[int | None, int]  # people per forvaltning (TOP: placed in a top unit itself)
    column_shown: dict[int | None, bool]
    families: dict[int, int]
    family_shown: dict[int, bool]
    cells: dict[tuple[int, int | None], int]  # (job family, forvaltning)
    cell_shown: dict[tuple[int, int | None], bool]

    def unit(self, pk: int) -> int | None:
        return self.units.get(pk, 0) if self.unit_shown.get(pk, True) else None

    def forvaltning(self, key: int | None) -> int | None:
        """A column of the table (a depth-1 unit or ``TOP``)."""
        return self.columns.get(key, 0) if self.column_shown.get(key, True) else None

    def family(self, pk: int) -> int | None:
        return self.families.get(pk, 0) if self.family_shown.get(pk, True) else None

    def cell(self, family: int, forvaltning: int | None) -> int | None:
        key = (family, forvaltning)
        return self.cells.get(key, 0) if self.cell_shown.get(key, True) else None

    def shown_total(self) -> int | None:
        return self.total if self.total_shown else None


def primary_employments(
    *, on: date, paths: tuple[str, ...] = ()
) -> list[tuple[int, int, int, str]]:
    """(person, unit, job family, unit path) of each person's largest current employment (most
    weekly hours, then the oldest), within ``paths`` when given."""
    rows = current_employments(on=on)
    if paths:
        rows = rows.filter(under_units(paths))
    chosen: dict[int, tuple[int, int, int, str]] = {}
    for person, unit, family, path, _hours, _pk in rows.order_by(
        "person_id", "-weekly_hours", "pk"
    ).values_list(
        "person_id", "org_unit_id", "job_family_id", "org_unit__path", "weekly_hours", "pk"
    ):
        chosen.setdefault(person, (person, unit, family, path))
    return list(chosen.values())


def headcount_release(*, on: date | None = None, paths: tuple[str, ...] = ()) -> HeadcountRelease:
    """Today's headcounts and what may be shown of them; cached until the people data change.
    ``paths``: a manager's units (their own release, for their workforce plan)."""
    on = on or today()
    key = f"headcount_release:{on}:{','.join(paths)}"
    return cached("people", key, lambda: _headcount_release(on, paths))


def _headcount_release(on: date, paths: tuple[str, ...]) -> HeadcountRelease:
    min_size = headcount_min_size()
    members = primary_employments(on=on, paths=paths)
    units = list(OrgUnit.objects.values_list("pk", "parent_id", "path"))
    if paths:
        units = [u for u in units if any(u[2].startswith(p) for p in paths)]
    in_tree = {pk for pk, _parent, _path in units}
    parent: dict[object, object] = {_TOTAL: None}
    for pk, up, _path in units:
        parent[pk] = up if up in in_tree else _TOTAL
    top_units = {pk for pk, _parent, path in units if _depth(path) == 0}
    for pk in top_units:
        parent[("top", pk)] = pk  # the top unit's own people, a cell of their own
    unit_tree = Grouping.tree(parent)
    u_index = unit_tree.index()
    # Columns of the table: each forvaltning (depth-1 unit), as the sum of the tree's cells
    # that make it up (a manager's units below a forvaltning, or the forvaltning itself), and
    # TOP for people placed in a top unit itself.
    columns: dict[int | None, list[int]] = {TOP: [u_index[("top", pk)] for pk in top_units]}
    for pk, _parent, path in units:
        if _depth(path) == 1:
            columns[pk] = [u_index[pk]]
    for pk, up, path in units:
        column = unit_ancestor_at_depth(path, 1)
        if up not in in_tree and _depth(path) > 1 and column is not None:
            columns.setdefault(column, []).append(u_index[pk])
    family_ids = list(JobFamily.objects.order_by("sort_order", "name").values_list("pk", flat=True))
    cells: dict[object, object] = {_TOTAL: None}
    cells.update(dict.fromkeys(family_ids, _TOTAL))
    cells.update({(f, v): f for f in family_ids for v in columns})
    table = Grouping.tree(cells)
    t_index = table.index()
    person, leaf_unit, leaf_cell = [], [], []
    for who, unit, family, path in members:
        person.append(who)
        leaf_unit.append(u_index[("top", unit)] if unit in top_units else u_index[unit])
        column = TOP if _depth(path) == 0 else unit_ancestor_at_depth(path, 1)
        leaf_cell.append(t_index[(family, column)])
    population = Population.of(person, leaf_unit, leaf_cell)
    shown_units, shown_table = protect(population, [unit_tree, table], min_size=min_size)
    unit_people, table_people = (
        counts.tolist() for counts in people_per_cell(population, [unit_tree, table])
    )
    return HeadcountRelease(
        on=on,
        min_size=min_size,
        total=len(members),
        total_shown=bool(shown_units[u_index[_TOTAL]]),
        units={pk: unit_people[u_index[pk]] for pk in in_tree},
        unit_shown={pk: bool(shown_units[u_index[pk]]) for pk in in_tree},
        columns={v: sum(unit_people[i] for i in parts) for v, parts in columns.items()},
        # A sum of cells is published only when every part may be: then it adds nothing.
        column_shown={v: all(bool(shown_units[i]) for i in parts) for v, parts in columns.items()},
        families={f: table_people[t_index[f]] for f in family_ids},
        family_shown={f: bool(shown_table[t_index[f]]) for f in family_ids},
        cells={(f, v): table_people[t_index[(f, v)]] for f in family_ids for v in columns},
        cell_shown={
            (f, v): bool(shown_table[t_index[(f, v)]]) for f in family_ids for v in columns
        },
    )


def _depth(path: str) -> int:
    return len([p for p in path.split("/") if p]) - 1


def org_tree(*, on: date | None = None) -> list[dict[str, Any]]:
    """The open organisation tree with headcounts; cached until the people data change."""
    on = on or today()
    return cached("people", f"org_tree:{on}", lambda: _org_tree(on))


def _org_tree(on: date) -> list[dict[str, Any]]:
    """The open organisation tree as nested dicts with the headcount of each sub-tree.

    The tree and its managers are not private in a municipality, but a headcount is an
    aggregate: it comes from the one headcount release (``headcount_release``), so a unit with
    1–4 people shows ``headcount=None``, and no small group — a unit's own people, such as a
    manager alone in it, included — can be recovered by subtracting its sub-units, or by
    combining the tree with the headcount table or the workforce plan.
    """
    release = headcount_release(on=on)
    units = list(
        OrgUnit.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)
        .select_related("manager")
        .order_by("path")
    )
    children: dict[int | None, list[OrgUnit]] = {}
    open_ids = {u.pk for u in units}
    for u in units:
        children.setdefault(u.parent_id if u.parent_id in open_ids else None, []).append(u)

    def node(unit: OrgUnit) -> dict[str, Any]:
        return {
            "unit": unit,
            "headcount": release.unit(unit.pk),
            "children": [node(c) for c in children.get(unit.pk, [])],
        }

    return [node(root) for root in children.get(None, [])]


def headcount_overview(*, on: date | None = None) -> dict[str, Any]:
    """Current headcount by forvaltning × job family, for the HR/analyst front page: the
    forvaltninger (depth-1 units) and, where people are placed in the top unit itself, a column
    for them (``TOP``). Counts come from the headcount release (each person once)."""
    release = headcount_release(on=on)
    forvaltninger = list(OrgUnit.objects.filter(depth=1).order_by("name"))
    families = list(JobFamily.objects.all())
    return {
        "release": release,
        "forvaltninger": forvaltninger,
        "families": families,
        "counts": {key: n for key, n in release.cells.items() if n},
    }


def headcount_overview_table(*, on: date | None = None) -> DisplayTable:
    """The headcount overview as a disclosure-controlled table (job family × forvaltning).

    Cached until the people data change (``charlie.core.cache``).
    """
    on = on or today()
    return cached("people", f"headcount:{on}", lambda: _headcount_overview_table(on))


def _headcount_overview_table(on: date) -> DisplayTable:
    data = headcount_overview(on=on)
    release: HeadcountRelease = data["release"]
    columns: list[int | None] = [u.pk for u in data["forvaltninger"]]
    names = unit_labels()
    labels: dict[int | None, str] = {u.pk: unit_label(u, names) for u in data["forvaltninger"]}
    if release.columns.get(TOP):
        columns.append(TOP)
        labels[TOP] = _("Øverste niveau")
    family_ids = [f.pk for f in data["families"]]
    table = ProtectedTable(
        rows=family_ids,
        columns=columns,
        cells={(f, v): release.cell(f, v) for f in family_ids for v in columns},
        row_totals={f: release.family(f) for f in family_ids},
        column_totals={v: release.forvaltning(v) for v in columns},
        total=release.shown_total(),
        min_size=release.min_size,
        suppressed={(f, v) for f in family_ids for v in columns if release.cell(f, v) is None},
    )
    return display_table(
        table,
        caption=_("Medarbejdere i dag efter stillingskategori og forvaltning"),
        row_header=_("Stillingskategori"),
        row_labels={f.pk: f.display_name for f in data["families"]},
        column_labels=labels,
    )


# --- For the audit log (registered with privacy in apps.py) ---


def own_person_id(user: User) -> int | None:
    """The id of the user's own person record, for "Mine data" (privacy's resolver)."""
    person = own_person(user)
    return person.pk if person is not None else None


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def my_data_stamdata(person_id: int) -> list[dict[str, Any]]:
    """The person's stamdata for "Mine data": one row with Danish labels."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        return []
    return [
        {
            _("Medarbejdernummer"): person.employee_number,
            _("Navn"): person.full_name,
            _("Fødselsdato"): _iso(person.birth_date),
            _("Juridisk køn"): str(person.get_gender_display()),
            _("E-mail"): person.email,
            _("Telefon"): person.phone,
        }
    ]


def my_data_employments(person_id: int) -> list[dict[str, Any]]:
    """Each of the person's employments for "Mine data", newest first, with Danish labels."""
    employments = (
        Employment.objects.filter(person_id=person_id)
        .select_related("org_unit", "job_family")
        .order_by("-start_date", "-pk")
    )
    labels = unit_labels()
    return [
        {
            _("Stilling"): e.job_title,
            _("Stillingskategori"): e.job_family.display_name,
            _("Enhed"): unit_label(e.org_unit, labels),
            _("Overenskomst"): e.agreement,
            _("Timer pr. uge"): str(e.weekly_hours),
            _("Start"): _iso(e.start_date),
            _("Opsagt den"): _iso(e.notice_date),
            _("Slut"): _iso(e.end_date),
            _("Fratrædelsesårsag"): str(e.get_end_reason_display()) if e.end_reason else "",
        }
        for e in employments
    ]


def correction_url(person_id: int, request_id: int) -> str:
    """Where HR corrects the person's data and closes request ``request_id`` (privacy links to
    it from the request)."""
    return f"{reverse('people:edit', args=[person_id])}?rettelse={request_id}"


def person_id_by_employee_number(employee_number: str) -> int | None:
    """The id of the person with this employee number, for the DPO's audit search."""
    return (
        Person.objects.filter(employee_number__iexact=employee_number.strip())
        .values_list("pk", flat=True)
        .first()
    )


def person_labels(person_ids: Any) -> dict[int, PersonLabel]:
    """Names and employee numbers for the audit log's rows (only the DPO sees them there)."""
    rows = Person.objects.filter(pk__in=list(person_ids)).values_list(
        "pk", "first_name", "last_name", "employee_number"
    )
    return {
        pk: PersonLabel(name=f"{first} {last}", employee_number=number)
        for pk, first, last, number in rows
    }


def create_org_unit(
    *,
    name: str,
    kind: str,
    parent: OrgUnit | None,
    valid_from: date,
    short_name: str = "",
    cost_center: str = "",
    manager: Person | None = None,
) -> OrgUnit:
    """Create a unit and set its materialised path."""
    unit = OrgUnit.objects.create(
        name=name,
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        short_name=short_name,
        cost_center=cost_center,
        manager=manager,
    )
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    unit.save(update_fields=["path", "depth"])
    return unit


# --- Queries for the REST API (charlie.people.api): the same scopes, as ordered querysets so the
# API can paginate them. ---


#: The search keys of ``Person`` (lower-case names and the part after a name's first space).
SEARCH_KEYS = ("first_name_key", "last_name_key", "first_name_tail_key", "last_name_tail_key")
#: Above every character: ``key < word + _TOP`` ends the range of keys that start with ``word``.
_TOP = "\U0010ffff"


def _ascii_lower(text: str) -> str:
    return "".join(ch.lower() if ch.isascii() else ch for ch in text)


def _key_forms(word: str) -> set[str]:
    """How ``word`` can stand in a search key. PostgreSQL's LOWER folds every letter; SQLite's
    only A–Z, so "Ørum" is stored there as "Ørum": a word is looked up in lower case and, for
    SQLite, with an upper-case first letter where that letter is not ASCII."""
    lower = word.lower()
    return {lower, _ascii_lower(lower[:1].upper() + lower[1:])}


def _starts_with(field: str, prefix: str) -> Q:
    """``field`` starts with ``prefix``, as a condition an index answers on both databases:
    ``LIKE 'han%'`` on PostgreSQL (the ``varchar_pattern_ops`` index), a range on SQLite
    (whose LIKE ignores an index unless the column is NOCASE)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__startswith": prefix})
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + _TOP})


def name_or_number_matches(query: str) -> Q:
    """Every word must begin a first or last name — or a part of one after a space ("han"
    finds Hansen and Skov Hansen) — or be an employee number; upper or lower case alike.
    Each word is a few indexed prefix lookups (``Person``'s search keys), never a scan: the one
    name search of every people look-up (the people list, the account link search)."""
    # Control characters (NUL is refused by PostgreSQL) can only be typos: drop them.
    query = "".join(ch for ch in query if ch.isprintable())
    q = Q()
    for word in query.split():
        matches = Q(employee_number=word)
        if word.upper() != word:
            matches |= Q(employee_number=word.upper())
        for form in _key_forms(word):
            for key in SEARCH_KEYS:
                matches |= _starts_with(key, form)
        q &= matches
    return q


def find_people(access: Access, query: str = "") -> QuerySet[Person]:
    """People in scope matching ``query`` (as ``search_people``), ordered by name, unsliced.

    403 unless the role may look up people other than themselves (HR, manager). Not recorded
    here: the caller records the page it returns with ``record_page_read``.
    """
    access = require_people_access(access)
    return (
        visible_people(access)
        .filter(name_or_number_matches(query))
        .order_by("last_name", "first_name", "pk")
    )


def find_employments(
    access: Access, *, current_only: bool = True, org_unit_id: int | None = None
) -> QuerySet[Employment]:
    """Employments in the caller's scope: HR all; a manager those in their units' sub-trees of
    people they may see today, and their own. 403 for other roles (as ``find_people``).

    ``current_only`` keeps employments running today; ``org_unit_id`` narrows to that unit's
    sub-tree (404 when no such unit exists). Not recorded here: the caller records the page it
    returns with ``record_page_read``.
    """
    access = require_people_access(access)
    qs = Employment.objects.select_related("org_unit", "job_family")
    if not access.everyone:
        q = under_units(access.unit_paths)
        if access.person_id:
            q |= Q(person_id=access.person_id)
        qs = qs.filter(q, person__in=visible_people(access).values("pk"))
    if current_only:
        qs = qs.filter(_current(today()))
    if org_unit_id is not None:
        unit = OrgUnit.objects.filter(pk=org_unit_id).first()
        if unit is None:
            raise NotFound
        qs = qs.filter(org_unit__path__startswith=unit.path)
    return qs.order_by("person__last_name", "person__first_name", "person_id", "-start_date", "pk")


# --- The people list (``/people/``): filters, sorting and paging that hold at 45,000 people ---

#: People per page of the list.
PEOPLE_PAGE_SIZE = 25


class PeopleStatus(StrEnum):
    CURRENT = "current"  # employed today
    FORMER = "former"  # employed before, not today
    ALL = "all"


#: The list's sort orders: key → the ``order_by`` (every one ends on a unique column).
PEOPLE_SORTS: dict[str, tuple[str, ...]] = {
    "navn": ("last_name", "first_name", "pk"),
    "-navn": ("-last_name", "-first_name", "-pk"),
    "nummer": ("employee_number",),
    "-nummer": ("-employee_number",),
}


_SEARCH_ORDER = {
    "last_name": "last_name_key",
    "first_name": "first_name_key",
    "-last_name": "-last_name_key",
    "-first_name": "-first_name_key",
}


@dataclass(frozen=True)
class PeopleFilter:
    """What the people list asks for; the defaults are today's employees by name."""

    query: str = ""
    unit_id: int | None = None
    job_family_id: int | None = None
    status: PeopleStatus = PeopleStatus.CURRENT
    sort: str = "navn"

    def cache_key(self) -> str:
        # Hashed: the search text may be a name, and it is never stored (not even as a key).
        raw = f"{self.query}|{self.unit_id}|{self.job_family_id}|{self.status}"
        return hashlib.sha256(raw.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class PeopleRow:
    person: Person
    #: The employment shown beside the name: the current main one (most hours), or else the
    #: latest; for a manager only one in their units. None: none the caller may see.
    employment: Employment | None


@dataclass(frozen=True)
class PeopleList:
    rows: list[PeopleRow]
    page: Page
    total: int

    @property
    def first(self) -> int:
        return self.page.start_index()

    @property
    def last(self) -> int:
        return self.page.end_index()


class _CountedPeople:
    """A queryset with its count already known (cached), for ``Paginator``: paging then costs
    one indexed ``LIMIT`` query, not a ``COUNT`` over every person as well."""

    def __init__(self, qs: QuerySet[Person], total: int) -> None:
        self.qs, self.total, self.ordered = qs, total, True

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list[Person]:
        return list(self.qs[index])


def unit_options_html(access: Access, *, on: date | None = None) -> str:
    """``unit_choices`` as ``<option>`` elements, labels escaped, rendered once and cached: the
    unit filters' ``core.forms.ManyOptionsSelect`` (2,400 options in Copenhagen)."""
    on = on or today()

    def render() -> str:
        return "".join(
            f'<option value="{pk}">{escape(label)}</option>'
            for pk, label in unit_choices(access, on=on)
        )

    return cached("people", f"unit_options:{on}:{_scope_key(access)}", render)


def job_family_choices() -> list[tuple[int, str]]:
    """The job families to filter by, named in the reader's language (configuration, no
    personal data; cached per language until the people data change)."""

    def choices() -> list[tuple[int, str]]:
        families = JobFamily.objects.order_by("sort_order", "name")
        return [(family.pk, str(family.display_name)) for family in families]

    return cached("people", "job_family_choices", choices)


def _employments_matching(filters: PeopleFilter, *, on: date) -> Q:
    q = Q(person=OuterRef("pk"))
    if filters.unit_id is not None:
        unit = OrgUnit.objects.filter(pk=filters.unit_id).values_list("path", flat=True).first()
        q &= Q(org_unit__path__startswith=unit) if unit else Q(pk__in=[])
    if filters.job_family_id is not None:
        q &= Q(job_family_id=filters.job_family_id)
    return q


def filter_people(
    access: Access, filters: PeopleFilter, *, on: date | None = None
) -> QuerySet[Person]:
    """The people list's rows in scope, filtered and sorted, unsliced and not recorded.

    Unit (its sub-units included) and job family are those of an employment that is current
    (status "current"), past ("former") or either ("all"); "former" are people with no
    employment today. 403 for roles that do not look people up."""
    access = require_people_access(access)
    on = on or today()
    matching = _employments_matching(filters, on=on)
    current = Employment.objects.filter(matching & _current(on))
    qs = visible_people(access, on=on).filter(name_or_number_matches(filters.query))
    if filters.status == PeopleStatus.CURRENT:
        qs = qs.filter(Exists(current))
    elif filters.status == PeopleStatus.FORMER:
        qs = qs.filter(~Exists(Employment.objects.filter(Q(person=OuterRef("pk")) & _current(on))))
        qs = qs.filter(Exists(Employment.objects.filter(matching, start_date__lte=on)))
    elif filters.unit_id is not None or filters.job_family_id is not None:
        qs = qs.filter(Exists(Employment.objects.filter(matching)))
    order = PEOPLE_SORTS.get(filters.sort, PEOPLE_SORTS["navn"])
    if not filters.query:
        # Walking the (last name, first name) index in order is the fastest page.
        return qs.order_by(*order)
    # A search: sort on the search keys, which no index gives in order (theirs are for
    # prefixes), so the database finds the matches by those indexes and sorts the few it
    # found, instead of walking the name index in order and testing every person on the way
    # ("nie…" is 7,000 of 93,000 people, all near the end of the alphabet).
    return qs.order_by(*(_SEARCH_ORDER.get(key, key) for key in order))


def _scope_key(access: Access) -> str:
    if access.everyone:
        return "all"
    return f"{access.person_id}:{','.join(sorted(access.unit_paths))}"


#: A search with at most this many matches keeps them (ids, in order) until the people data
#: change, so the next page, or the same search again, costs one look-up by primary key.
SEARCH_IDS_KEPT = 10_000


def _search_ids(qs: QuerySet[Person]) -> list[int] | None:
    """The ids of a search's matches in the list's order; None for a search too wide to keep
    (it is paged by the database, as the unsearched list: "a" matches most people)."""
    ids = list(qs.values_list("pk", flat=True)[: SEARCH_IDS_KEPT + 1])
    return ids if len(ids) <= SEARCH_IDS_KEPT else None


def list_people(
    access: Access,
    filters: PeopleFilter,
    *,
    page: int | str | None = 1,
    per_page: int = PEOPLE_PAGE_SIZE,
    on: date | None = None,
) -> PeopleList:
    """One page of the people list with the total, each row with the employment shown.

    The total is cached until the people data change (``core.cache``), so a page is one
    indexed query for the people and one for their employments. The people and employments
    on the page are recorded as read; the search text is not (it may hold a name)."""
    on = on or today()
    qs = filter_people(access, filters, on=on)
    key = f"{on}:{_scope_key(access)}:{filters.cache_key()}:{filters.sort}"
    found = None
    if filters.query:
        (found,) = cached("people", f"people_list_ids:{key}", lambda: (_search_ids(qs),))
    if found is not None:
        # A search: its matches in order, found once, paged without asking again.
        shown: Page[Any] = Paginator(found, per_page).get_page(page)
        by_id = Person.objects.in_bulk(list(shown.object_list))
        people = [by_id[pk] for pk in shown.object_list if pk in by_id]
        total = len(found)
    else:
        total = cached("people", f"people_list_count:{key}", qs.count)
        shown = Paginator(_CountedPeople(qs, total), per_page).get_page(page)  # type: ignore[arg-type]
        people = list(shown.object_list)
    employments = _shown_employments(access, [p.pk for p in people], on=on)
    rows = [PeopleRow(p, employments.get(p.pk)) for p in people]
    record_page_read(access, people, detail=f"search:{total}")
    record_page_read(access, [e for e in employments.values()], detail=f"search:{total}")
    return PeopleList(rows=rows, page=shown, total=total)


def _shown_employments(access: Access, person_ids: list[int], *, on: date) -> dict[int, Employment]:
    """Per person, the employment the list shows: the current one with the most hours (then
    the oldest), or else the latest ended one; for a manager only those in their units."""
    qs = Employment.objects.filter(person_id__in=person_ids).select_related(
        "org_unit", "job_family"
    )
    if not access.everyone:
        qs = qs.filter(under_units(access.unit_paths) | Q(person_id=access.person_id))
    chosen: dict[int, Employment] = {}
    for e in sorted(
        qs,
        key=lambda e: (
            not (e.start_date <= on and (e.end_date is None or e.end_date >= on)),
            -e.weekly_hours if e.end_date is None or e.end_date >= on else 0,
            -(e.end_date or on).toordinal(),
            e.start_date,
            e.pk,
        ),
    ):
        chosen.setdefault(e.person_id, e)
    return chosen


# --- HR corrects a person's data (GDPR art. 16) -------------------------------------------------

#: What HR may correct in Charlie: the rest comes from the payroll system or the CPR number.
CORRECTABLE_FIELDS = ("first_name", "last_name", "email", "phone")


@dataclass(frozen=True)
class OpenCorrection:
    """An open request for correction about the person being corrected (the form shows it)."""

    request_id: int
    category: str
    message: str


def open_correction(access: Access, person_id: int, request_id: int) -> OpenCorrection:
    """The open request ``request_id`` if it is about this person (404 otherwise); HR only.
    Recorded as a read of the request (privacy's ``get_correction``)."""
    access.require(CORRECT_PERSON)
    row = corrections.get_correction(access, request_id)
    request = row.request
    if request.subject_person_id != person_id or request.status != CorrectionStatus.OPEN:
        raise NotFound
    return OpenCorrection(request.pk, row.category_label, request.message)


def correct_person(
    access: Access,
    person_id: int,
    *,
    values: dict[str, str],
    correction_id: int | None = None,
) -> tuple[Person, list[str]]:
    """HR corrects a person's name and contact details; returns the person and the fields that
    changed. The write is audited (category stamdata, action "update", the changed field names
    in the detail — never the values). With ``correction_id`` the person's open request for
    correction is closed as "Rettet" in the same transaction, with a reply that names what was
    corrected; if it cannot be closed nothing is saved. HR only (403); 404 for no such person;
    no one corrects their own record (a colleague does, as with requests for correction)."""
    access.require(CORRECT_PERSON)
    unknown = set(values) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"not correctable here: {sorted(unknown)}")
    with transaction.atomic():
        person = visible_people(access).select_for_update().filter(pk=person_id).first()
        if person is None:
            raise NotFound
        if person.pk == access.person_id:
            raise ValidationFailed(
                [_("Det er dine egne oplysninger. Bed en kollega i HR om at rette dem.")]
            )
        errors: list[str] = []
        for name in ("first_name", "last_name"):
            if name in values and not values[name].strip():
                errors.append(_("%(field)s skal udfyldes.") % {"field": _field_label(name)})
        for name, value in values.items():
            errors += text_errors(value, what=_field_label(name), max_length=None)
        if errors:
            raise ValidationFailed(errors)
        changed = [
            name
            for name in CORRECTABLE_FIELDS
            if name in values and getattr(person, name) != values[name].strip()
        ]
        for name in changed:
            setattr(person, name, values[name].strip())
        if changed:
            person.save(update_fields=changed)
            access.record(
                [person.pk],
                action=Action.UPDATE,
                category=CATEGORY_MASTER_DATA,
                detail="ret:" + ",".join(changed),
            )
        if correction_id is not None:
            open_correction(access, person.pk, correction_id)
            labels = ", ".join(_field_label(name) for name in changed) or _("intet ændret")
            corrections.handle_correction(
                access,
                request_id=correction_id,
                status=CorrectionStatus.DONE,
                response=_("Rettet i Charlie: %(fields)s.") % {"fields": labels},
            )
    return person, changed


def _field_label(name: str) -> str:
    field = Person._meta.get_field(name)
    return str(getattr(field, "verbose_name", name)).capitalize()
