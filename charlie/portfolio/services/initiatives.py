"""Initiatives and their project descriptions (issue 17, point 3), and the portfolio's front
page.

**Who may do what.** ``READ_PORTFOLIO`` (HR, managers, analysts) reads the initiatives and
their descriptions; ``MANAGE_PORTFOLIO`` (HR, the portfolio owner) creates them, edits the
description, changes the stage and chooses the owner. The front page is for everyone logged in.

**Names.** An initiative's owner is a person. Their name is shown to the roles that read
people as individuals (``people.permissions.READ_PERSON``: HR and managers) and every name
shown is written to the audit log as a read under the purpose ``digitalisering``; an analyst
sees the portfolio without names (aggregates only, DESIGN.md "Roles and scopes"). The owner is
chosen from a search by name or employee number within the caller's scope (HR: everyone); the
people a search shows are recorded as read, and setting or removing an owner as a change of
that person's data.

**Stages.** A stage change is kept as a :class:`~charlie.portfolio.models.StageChange` (from,
to, who, when, a note): the trail of the portfolio's decisions. A stage is no personal data, so
it is not in the audit log of personal data.

**Other parts.** ``initiative_of`` (read, 404 when missing), ``next_number`` and
``create_initiative`` are the part's public face (the ideas part turns an idea into an
initiative with them). The initiative's page links to the other parts' pages through
``register_section`` and the front page through ``register_home_link``: each part registers its
links in ``apps.py``, and a link is shown only when its URL exists and the caller may open it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from charlie.core.errors import NotFound, ValidationFailed
from charlie.people import services as people
from charlie.people.models import OrgUnit, OrgUnitKind, Person
from charlie.people.permissions import READ_PERSON
from charlie.portfolio.models import (
    Beacon,
    BeaconMeasurement,
    Dpia,
    Idea,
    Initiative,
    Stage,
    StageChange,
    Tag,
)
from charlie.portfolio.permissions import MANAGE_PORTFOLIO, READ_PORTFOLIO
from charlie.portfolio.services.common import CATEGORY, for_portfolio, mine_row, today
from charlie.privacy.access import Access, Permission
from charlie.privacy.models import Action

#: Initiatives on one page of the list.
PAGE_SIZE = 50
#: A name search needs this many characters (an employee number is found exactly at any length).
OWNER_SEARCH_MIN_LENGTH = 3
#: The most people one owner search shows.
OWNER_SEARCH_LIMIT = 20
#: The project description's free-text fields, in the order the form and the page show them.
DESCRIPTION_FIELDS = (
    "purpose",
    "problem",
    "target_group",
    "scope",
    "solution",
    "organisation",
    "timeline",
    "risks",
    "dependencies_text",
)
#: What ``create_initiative`` and ``update_initiative`` take (``stage`` and ``owner_id`` only
#: on creation; later through ``change_stage`` and ``set_owner``).
EDITABLE_FIELDS = frozenset(
    {
        "title",
        "forvaltning_id",
        *DESCRIPTION_FIELDS,
        "dpia",
        "dpia_note",
        "tags",
        "it_systems",
        "must_do",
        "must_do_reason",
        "beacon_ids",
        "depends_on",
    }
)
CREATE_ONLY_FIELDS = frozenset({"stage", "owner_id"})
MAX_IT_SYSTEMS = 50
IT_SYSTEM_MAX_LENGTH = 100

#: The audit details this part writes (registered in apps.py; no personal data in them).
DETAIL_LIST = gettext_noop("initiativer: ejere")
DETAIL_PAGE = gettext_noop("initiativ: ejer")
DETAIL_OWNER_SEARCH = gettext_noop("søgning efter initiativejer")
DETAIL_OWNER_SET = gettext_noop("sat som ejer af initiativ")
DETAIL_OWNER_REMOVED = gettext_noop("fjernet som ejer af initiativ")
DETAIL_OWN_IDEAS = gettext_noop("egne idéer på porteføljens forside")
AUDIT_DETAILS = (
    DETAIL_LIST,
    DETAIL_PAGE,
    DETAIL_OWNER_SEARCH,
    DETAIL_OWNER_SET,
    DETAIL_OWNER_REMOVED,
    DETAIL_OWN_IDEAS,
)


class InitiativeInvalid(ValidationFailed):
    """Fields that cannot be saved: ``errors`` holds (field, message) pairs, every problem at
    once, so the form can show each beside its field."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__([message for _field, message in errors])
        self.errors = errors


# --- Links from other parts ---------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A link on an initiative's page to another part's page for it (its business case, team,
    benefits). ``url_name`` takes the initiative's ``number``; ``permission``: who sees the
    link (the page itself still checks)."""

    key: str
    label: Any  # a lazy translation
    url_name: str
    order: int = 100
    permission: Permission = READ_PORTFOLIO
    description: Any = ""


@dataclass(frozen=True)
class HomeLink:
    """A link on the portfolio's front page to another part's page (the beacons, "Mine
    idéer", the prioritisation). ``permission`` None: everyone logged in; ``needs_person``:
    only callers with a person record (who can submit ideas)."""

    key: str
    label: Any
    url_name: str
    order: int = 100
    permission: Permission | None = None
    needs_person: bool = False
    description: Any = ""


_sections: dict[str, Section] = {}
_home_links: dict[str, HomeLink] = {}


def register_section(section: Section) -> None:
    """Add a link to every initiative's page (called from ``apps.py``)."""
    _sections[section.key] = section


def register_home_link(link: HomeLink) -> None:
    """Add a link to the portfolio's front page (called from ``apps.py``)."""
    _home_links[link.key] = link


def _url(name: str, **kwargs: Any) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    description: str = ""


def sections_for(access: Access, number: int) -> list[Link]:
    """The other parts' links for initiative ``number`` that exist and the caller may open."""
    links = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        url = _url(section.url_name, number=number)
        if url is not None and access.can(section.permission):
            links.append(Link(str(section.label), url, str(section.description)))
    return links


def home_links(access: Access) -> list[Link]:
    links = []
    for link in sorted(_home_links.values(), key=lambda x: (x.order, x.key)):
        if link.permission is not None and not access.can(link.permission):
            continue
        if link.needs_person and access.person_id is None:
            continue
        url = _url(link.url_name)
        if url is not None:
            links.append(Link(str(link.label), url, str(link.description)))
    return links


# --- Reading ----------------------------------------------------------------------------------


def sees_names(access: Access) -> bool:
    """Whether the caller sees the names of the people in the portfolio (owners): HR and
    managers, who read people as individuals; not an analyst."""
    return access.can(READ_PORTFOLIO) and access.can(READ_PERSON)


def initiative_of(access: Access, number: int) -> Initiative:
    """Initiative ``number`` for a reader of the portfolio (403 otherwise), 404 when there is
    none. Nothing is recorded: a page that shows the owner's name records it
    (``record_owner_read``)."""
    access.require(READ_PORTFOLIO)
    found = Initiative.objects.select_related("owner", "forvaltning").filter(number=number).first()
    if found is None:
        raise NotFound
    return found


def record_owner_read(access: Access, initiatives: Iterable[Initiative], *, detail: str) -> None:
    """Record the owners of ``initiatives`` as read, when the caller sees names."""
    if sees_names(access):
        owners = {i.owner_id for i in initiatives if i.owner_id is not None}
        for_portfolio(access).record_read(owners, category=CATEGORY, detail=detail)


def next_number() -> int:
    """The number the next initiative gets: one more than the highest so far (numbers are never
    reused while an initiative holds them)."""
    highest = Initiative.objects.aggregate(highest=Max("number"))["highest"]
    return (highest or 0) + 1


def forvaltning_choices() -> list[tuple[int, str]]:
    """The open forvaltninger, for the form and the list's filter."""
    on = today()
    units = OrgUnit.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on),
        valid_from__lte=on,
        kind=OrgUnitKind.ADMINISTRATION,
    ).order_by("name", "pk")
    labels = people.unit_labels()
    return [(u.pk, people.unit_label(u, labels)) for u in units]


def beacon_choices() -> list[tuple[int, str]]:
    return list(Beacon.objects.order_by("order", "pk").values_list("pk", "title"))


@dataclass(frozen=True)
class InitiativeFilter:
    q: str = ""
    stage: str = ""
    beacon: int | None = None
    forvaltning: int | None = None
    tag: str = ""


def _filtered(f: InitiativeFilter) -> QuerySet[Initiative]:
    qs = Initiative.objects.select_related("owner", "forvaltning")
    if f.q:
        match = Q(title__icontains=f.q)
        if f.q.isdigit():
            match |= Q(number=int(f.q))
        qs = qs.filter(match)
    if f.stage:
        qs = qs.filter(stage=f.stage)
    if f.beacon:
        qs = qs.filter(beacons=f.beacon)
    if f.forvaltning:
        qs = qs.filter(forvaltning_id=f.forvaltning)
    if f.tag:
        # The JSON list's text holds each tag in quotes; no tag's value is part of another's.
        qs = qs.filter(tags__icontains=f'"{f.tag}"')
    return qs.order_by("number")


@dataclass(frozen=True)
class Row:
    initiative: Initiative
    stage_label: str
    tag_labels: list[str]
    owner_name: str | None


@dataclass(frozen=True)
class InitiativeList:
    page: Page[Any]
    rows: list[Row]
    show_names: bool
    can_manage: bool


def _tag_labels(tags: Iterable[str]) -> list[str]:
    labels = dict(Tag.choices)
    return [str(labels[t]) for t in tags if t in labels]


def list_initiatives(
    access: Access, f: InitiativeFilter, page: int | str | None = 1
) -> InitiativeList:
    """A page of initiatives by number, filtered by stage, beacon, forvaltning, tag and a text
    (title, or the number). The owners on the page are recorded as read (``sees_names``)."""
    access.require(READ_PORTFOLIO)
    shown = Paginator(_filtered(f), PAGE_SIZE).get_page(page)
    initiatives: list[Initiative] = list(shown.object_list)
    names = sees_names(access)
    record_owner_read(access, initiatives, detail=DETAIL_LIST)
    stages = dict(Stage.choices)
    rows = [
        Row(
            initiative=i,
            stage_label=str(stages.get(i.stage, i.stage)),
            tag_labels=_tag_labels(i.tags),
            owner_name=i.owner.full_name if names and i.owner is not None else None,
        )
        for i in initiatives
    ]
    return InitiativeList(shown, rows, names, access.can(MANAGE_PORTFOLIO))


@dataclass(frozen=True)
class InitiativePage:
    initiative: Initiative
    stage_label: str
    owner_name: str | None
    show_names: bool
    can_manage: bool
    description: list[tuple[str, str]]
    tag_labels: list[str]
    beacons: list[Beacon]
    depends_on: list[Initiative]
    needed_by: list[Initiative]
    stage_changes: list[StageChange]
    sections: list[Link]
    ideas: list[Idea] = field(default_factory=list)


def initiative_page(access: Access, number: int) -> InitiativePage:
    """Everything the initiative's page shows; the owner's name is recorded as read."""
    initiative = initiative_of(access, number)
    names = sees_names(access)
    record_owner_read(access, [initiative], detail=DETAIL_PAGE)
    labels = {f.name: f.verbose_name for f in Initiative._meta.concrete_fields}
    description = [(str(labels[name]), getattr(initiative, name)) for name in DESCRIPTION_FIELDS]
    return InitiativePage(
        initiative=initiative,
        stage_label=initiative.get_stage_display(),
        owner_name=initiative.owner.full_name if names and initiative.owner else None,
        show_names=names,
        can_manage=access.can(MANAGE_PORTFOLIO),
        description=description,
        tag_labels=_tag_labels(initiative.tags),
        beacons=list(initiative.beacons.order_by("order", "pk")),
        depends_on=list(initiative.depends_on.order_by("number")),
        needed_by=list(initiative.needed_by.order_by("number")),
        stage_changes=list(initiative.stage_changes.order_by("changed_at", "pk")),
        sections=sections_for(access, number),
        # The ideas it came from: titles only (the submitters' names are the ideas part's).
        ideas=list(initiative.ideas.order_by("pk")),
    )


# --- Validating and saving the project description ----------------------------------------


def _problem_list(problems: list[tuple[str, str]]) -> None:
    if problems:
        raise InitiativeInvalid(problems)


def _clean_it_systems(value: Any, problems: list[tuple[str, str]]) -> list[str]:
    if isinstance(value, str):
        value = value.splitlines()
    systems: list[str] = []
    seen: set[str] = set()
    for raw in value or []:
        name = " ".join(str(raw).split())
        if not name or name.casefold() in seen:
            continue
        if len(name) > IT_SYSTEM_MAX_LENGTH:
            problems.append(
                (
                    "it_systems",
                    _("Et it-systems navn må højst være %(n)d tegn: %(name)s …")
                    % {"n": IT_SYSTEM_MAX_LENGTH, "name": name[:40]},
                )
            )
            continue
        seen.add(name.casefold())
        systems.append(name)
    if len(systems) > MAX_IT_SYSTEMS:
        problems.append(("it_systems", _("Skriv højst %(n)d it-systemer.") % {"n": MAX_IT_SYSTEMS}))
    return systems


def depends_on_cycle(edges: Mapping[int, Iterable[int]], start: int) -> bool:
    """Whether following ``edges`` (initiative → the initiatives it depends on) from ``start``
    leads back to ``start``."""
    stack, seen = list(edges.get(start, ())), set()
    while stack:
        node = stack.pop()
        if node == start:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(edges.get(node, ()))
    return False


def _clean(
    fields: dict[str, Any], *, initiative: Initiative | None
) -> tuple[dict[str, Any], list[int] | None, list[int] | None]:
    """The model values, the beacons' ids and the dependencies' ids from ``fields`` (only the
    keys given are changed on an update); every problem at once as ``InitiativeInvalid``."""
    allowed = EDITABLE_FIELDS | (CREATE_ONLY_FIELDS if initiative is None else frozenset())
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown initiative fields: {sorted(unknown)}")
    problems: list[tuple[str, str]] = []
    values: dict[str, Any] = {}

    def current(name: str, default: Any = "") -> Any:
        if name in fields:
            return fields[name]
        return getattr(initiative, name) if initiative is not None else default

    if "title" in fields or initiative is None:
        title = " ".join(str(fields.get("title") or "").split())
        if not title:
            problems.append(("title", _("Skriv initiativets titel.")))
        elif len(title) > 200:
            problems.append(("title", _("Titlen må højst være 200 tegn.")))
        values["title"] = title
    for name in DESCRIPTION_FIELDS:
        if name in fields:
            values[name] = str(fields[name] or "").strip()
    if "stage" in fields:
        if fields["stage"] not in Stage.values:
            problems.append(("stage", _("Vælg en af faserne.")))
        values["stage"] = fields["stage"]
    if "forvaltning_id" in fields:
        unit_id = fields["forvaltning_id"]
        if unit_id and unit_id not in dict(forvaltning_choices()):
            problems.append(("forvaltning_id", _("Vælg en af forvaltningerne.")))
        values["forvaltning_id"] = unit_id or None
    if "owner_id" in fields:
        values["owner_id"] = fields["owner_id"] or None
    # The DPIA assessment: any assessment but "not yet" needs its reason.
    dpia, dpia_note = current("dpia", Dpia.UNKNOWN), str(current("dpia_note") or "").strip()
    if "dpia" in fields or "dpia_note" in fields:
        if dpia not in Dpia.values:
            problems.append(("dpia", _("Vælg en af vurderingerne af konsekvensanalysen.")))
        elif dpia != Dpia.UNKNOWN and not dpia_note:
            problems.append(
                (
                    "dpia_note",
                    _("Skriv, hvorfor en konsekvensanalyse (DPIA) er vurderet sådan."),
                )
            )
        values["dpia"], values["dpia_note"] = dpia, dpia_note
    must_do = bool(current("must_do", False))
    reason = " ".join(str(current("must_do_reason") or "").split())
    if "must_do" in fields or "must_do_reason" in fields:
        if must_do and not reason:
            problems.append(("must_do_reason", _("Skriv, hvorfor initiativet skal gennemføres.")))
        elif len(reason) > 300:
            problems.append(("must_do_reason", _("Begrundelsen må højst være 300 tegn.")))
        values["must_do"], values["must_do_reason"] = must_do, reason if must_do else ""
    if "tags" in fields:
        tags = set(fields["tags"] or [])
        if tags - set(Tag.values):
            problems.append(("tags", _("Vælg mærker fra listen.")))
        values["tags"] = [t for t in Tag.values if t in tags]
    if "it_systems" in fields:
        values["it_systems"] = _clean_it_systems(fields["it_systems"], problems)

    beacon_ids: list[int] | None = None
    if "beacon_ids" in fields:
        wanted = {int(pk) for pk in fields["beacon_ids"] or []}
        found = set(Beacon.objects.filter(pk__in=wanted).values_list("pk", flat=True))
        if wanted - found:
            problems.append(("beacon_ids", _("Vælg pejlemærker fra listen.")))
        beacon_ids = sorted(found)

    depends_ids: list[int] | None = None
    if "depends_on" in fields:
        numbers = {int(n) for n in fields["depends_on"] or []}
        by_number = dict(Initiative.objects.filter(number__in=numbers).values_list("number", "pk"))
        missing = sorted(numbers - set(by_number))
        if missing:
            problems.append(
                (
                    "depends_on",
                    _("Der er intet initiativ med nummer %(numbers)s.")
                    % {"numbers": ", ".join(str(n) for n in missing)},
                )
            )
        depends_ids = sorted(by_number.values())
        if initiative is not None:
            if initiative.pk in depends_ids:
                problems.append(("depends_on", _("Et initiativ kan ikke forudsætte sig selv.")))
            else:
                edges: dict[int, set[int]] = {}
                through = Initiative.depends_on.through.objects.values_list(
                    "from_initiative_id", "to_initiative_id"
                )
                for source, target in through:
                    edges.setdefault(source, set()).add(target)
                edges[initiative.pk] = set(depends_ids)
                if depends_on_cycle(edges, initiative.pk):
                    problems.append(
                        (
                            "depends_on",
                            _(
                                "Afhængighederne går i ring: et af de valgte initiativer "
                                "forudsætter (måske gennem andre) dette initiativ."
                            ),
                        )
                    )
    _problem_list(problems)
    return values, beacon_ids, depends_ids


def _record_owner_change(access: Access, old_owner: int | None, new_owner: int | None) -> None:
    if old_owner == new_owner:
        return
    portfolio = for_portfolio(access)
    if old_owner is not None:
        portfolio.record(
            [old_owner], action=Action.UPDATE, category=CATEGORY, detail=DETAIL_OWNER_REMOVED
        )
    if new_owner is not None:
        portfolio.record(
            [new_owner], action=Action.UPDATE, category=CATEGORY, detail=DETAIL_OWNER_SET
        )


def _owner_in_scope(access: Access, person_id: int) -> None:
    """404 unless the caller may choose this person (in their scope today)."""
    people.ensure_in_scope(access, person_id)


def create_initiative(access: Access, **fields: Any) -> Initiative:
    """Create an initiative with the next number (the portfolio owner only). ``fields``: the
    model's description fields, ``title`` (required), ``stage`` (default "idé"),
    ``forvaltning_id``, ``owner_id`` (a person in the caller's scope), ``dpia`` and
    ``dpia_note``, ``tags`` (``Tag`` values), ``it_systems`` (names, or one per line),
    ``must_do`` and ``must_do_reason``, ``beacon_ids`` and ``depends_on`` (initiative numbers).
    Invalid fields raise ``InitiativeInvalid`` listing every problem; an unknown key is a
    programming error (``TypeError``). The first stage is written to the stage trail."""
    access.require(MANAGE_PORTFOLIO)
    values, beacon_ids, depends_ids = _clean(fields, initiative=None)
    values.setdefault("stage", Stage.IDEA)
    if values.get("owner_id"):
        _owner_in_scope(access, values["owner_id"])
    for attempt in range(3):
        try:
            with transaction.atomic():
                initiative = Initiative.objects.create(
                    number=next_number(), created_by=access.user, **values
                )
                break
        except IntegrityError:  # another initiative took the number at the same moment
            if attempt == 2:
                raise
    with transaction.atomic():
        if beacon_ids:
            initiative.beacons.set(beacon_ids)
        if depends_ids:
            initiative.depends_on.set(depends_ids)
        StageChange.objects.create(
            initiative=initiative, from_stage="", to_stage=initiative.stage, changed_by=access.user
        )
        _record_owner_change(access, None, initiative.owner_id)
    return initiative


def update_initiative(access: Access, number: int, **fields: Any) -> Initiative:
    """Change the project description of initiative ``number`` (the portfolio owner only):
    the keys given, as ``create_initiative`` takes them, except the stage and the owner."""
    access.require(MANAGE_PORTFOLIO)
    initiative = initiative_of(access, number)
    values, beacon_ids, depends_ids = _clean(fields, initiative=initiative)
    with transaction.atomic():
        for name, value in values.items():
            setattr(initiative, name, value)
        initiative.save()
        if beacon_ids is not None:
            initiative.beacons.set(beacon_ids)
        if depends_ids is not None:
            initiative.depends_on.set(depends_ids)
    return initiative


def change_stage(access: Access, number: int, stage: str, *, note: str = "") -> StageChange:
    """Move initiative ``number`` to ``stage`` (any stage, back as well as forward: an analysis
    may send it back to "idé"), with an optional note; kept in the stage trail."""
    access.require(MANAGE_PORTFOLIO)
    note = " ".join(note.split())
    if stage not in Stage.values:
        raise ValidationFailed([_("Vælg en af faserne.")], field="stage")
    if len(note) > 300:
        raise ValidationFailed([_("Noten må højst være 300 tegn.")], field="note")
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().filter(number=number).first()
        if initiative is None:
            raise NotFound
        if initiative.stage == stage:
            raise ValidationFailed(
                [
                    _("Initiativet er allerede i fasen »%(stage)s«.")
                    % {"stage": initiative.get_stage_display()}
                ],
                field="stage",
            )
        change = StageChange.objects.create(
            initiative=initiative,
            from_stage=initiative.stage,
            to_stage=stage,
            note=note,
            changed_by=access.user,
        )
        initiative.stage = stage
        initiative.save(update_fields=["stage", "updated_at"])
    return change


# --- The owner ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnerChoice:
    person_id: int
    name: str
    employee_number: str
    #: The units the person is employed in today.
    units: tuple[str, ...]


def find_owner_candidates(access: Access, number: int, query: str) -> list[OwnerChoice]:
    """People in the caller's scope (HR: everyone) whose name or employee number matches
    ``query``, to choose as the owner of initiative ``number``; a name needs
    ``OWNER_SEARCH_MIN_LENGTH`` characters. Every person shown is recorded as read; the
    search text is not (it may hold a name)."""
    access.require(MANAGE_PORTFOLIO)
    initiative_of(access, number)
    query = " ".join("".join(ch for ch in query if ch.isprintable()).split()[:4])
    if not query:
        return []
    found = people.find_people(access, query if len(query) >= OWNER_SEARCH_MIN_LENGTH else "")
    if len(query) < OWNER_SEARCH_MIN_LENGTH:
        found = found.filter(employee_number__iexact=query)
    shown: list[Person] = list(found[:OWNER_SEARCH_LIMIT])
    units: dict[int, list[str]] = {}
    labels = people.unit_labels()
    for employment in (
        people.current_employments()
        .filter(person__in=shown)
        .select_related("org_unit")
        .order_by("start_date", "pk")
    ):
        units.setdefault(employment.person_id, []).append(
            people.unit_label(employment.org_unit, labels)
        )
    for_portfolio(access).record_read(
        [p.pk for p in shown], category=CATEGORY, detail=DETAIL_OWNER_SEARCH
    )
    return [
        OwnerChoice(p.pk, p.full_name, p.employee_number, tuple(units.get(p.pk, ()))) for p in shown
    ]


def set_owner(access: Access, number: int, person_id: int | None) -> Initiative:
    """Make person ``person_id`` (in the caller's scope; 404 otherwise) the owner of
    initiative ``number``, or remove the owner (None). Both people are recorded as changed."""
    access.require(MANAGE_PORTFOLIO)
    initiative = initiative_of(access, number)
    if person_id is not None:
        _owner_in_scope(access, person_id)
    old = initiative.owner_id
    with transaction.atomic():
        initiative.owner_id = person_id
        initiative.save(update_fields=["owner", "updated_at"])
        _record_owner_change(access, old, person_id)
    initiative.refresh_from_db(fields=["owner"])
    return initiative


# --- The front page --------------------------------------------------------------------------


@dataclass(frozen=True)
class BeaconCard:
    beacon: Beacon
    latest: BeaconMeasurement | None


@dataclass(frozen=True)
class StageCount:
    stage: str
    label: str
    count: int


@dataclass(frozen=True)
class Home:
    beacons: list[BeaconCard]
    #: The caller's own ideas, newest first (None: the caller has no person record).
    my_ideas: list[Idea] | None
    my_ideas_total: int
    #: The portfolio by stage, for readers of the portfolio (None for others).
    stages: list[StageCount] | None
    total: int
    can_manage: bool
    links: list[Link]


#: The caller's own ideas shown on the front page (the ideas part lists them all).
HOME_IDEAS = 5


def home(access: Access) -> Home:
    """The portfolio's front page for the caller: the published beacons with their latest
    measurement, the caller's own ideas and what happened to them (recorded as their own
    read), and for readers of the portfolio the number of initiatives in each stage."""
    if not access.is_authenticated:
        raise NotFound
    beacons = list(Beacon.objects.filter(published=True).order_by("order", "pk"))
    latest: dict[int, BeaconMeasurement] = {}
    for m in BeaconMeasurement.objects.filter(beacon__in=beacons).order_by("measured_on", "pk"):
        latest[m.beacon_id] = m
    my_ideas: list[Idea] | None = None
    my_total = 0
    if access.person_id is not None:
        mine = Idea.objects.filter(submitted_by_id=access.person_id)
        my_ideas = list(mine.order_by("-submitted_at", "-pk")[:HOME_IDEAS])
        my_total = mine.count()
        if my_ideas:
            for_portfolio(access).record_read(
                [access.person_id], category=CATEGORY, detail=DETAIL_OWN_IDEAS
            )
    stages: list[StageCount] | None = None
    total = 0
    if access.can(READ_PORTFOLIO):
        counts = dict(
            Initiative.objects.order_by()
            .values_list("stage")
            .annotate(n=Count("pk"))
            .values_list("stage", "n")
        )
        stages = [StageCount(v, str(label), counts.get(v, 0)) for v, label in Stage.choices]
        total = sum(counts.values())
    return Home(
        beacons=[BeaconCard(b, latest.get(b.pk)) for b in beacons],
        my_ideas=my_ideas,
        my_ideas_total=my_total,
        stages=stages,
        total=total,
        can_manage=access.can(MANAGE_PORTFOLIO),
        links=home_links(access),
    )


# --- "Mine data" -------------------------------------------------------------------------------


def my_data(person_id: int) -> list[dict[str, Any]]:
    """The initiatives a person owns, for "Mine data" (GDPR art. 15 and 20)."""
    return [
        mine_row(
            _("Ejer af initiativ"),
            str(initiative),
            timezone.localdate(initiative.created_at),
            initiative.get_stage_display(),
        )
        for initiative in Initiative.objects.filter(owner_id=person_id).order_by("number")
    ]
