"""The onboarding check-ins through the well-being engine (issue 16, point 6): the answers new
colleagues give 30 and 90 days after their first working day (recruitment's pre-boarding page)
as figures per unit and half-year, with the anonymity rules of every well-being figure.

**Where the answers come from.** ``charlie.recruitment.services.check_in_answers``: each
check-in's unit, day and answers to the choice and scale questions — no name, no plan, no free
text. The manager's own named view of their new colleague's check-in stays in recruitment.

**Who sees what.** ``READ_RESULTS``: HR and analysts every unit, a manager their own units and
below (``access.aggregate_paths``); another unit is a 404. Figures only, through
``checkins.unit_figures``: one release per half-year over the whole unit tree (so a manager's
view and HR's are parts of the same release, and no two views can be subtracted), no figure for
fewer than ``min_group()`` new colleagues, and the difference rule between a unit and its
sub-units. A hidden group shows no measure. Nothing here reads anyone's data as such, so nothing
is written to the audit log.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound
from charlie.people import services as people
from charlie.people.models import OrgUnit
from charlie.privacy.access import Access
from charlie.recruitment import services as recruitment
from charlie.wellbeing import checkins
from charlie.wellbeing.checkins import Figures, HalfYear
from charlie.wellbeing.participation import TOTAL, Cell, view_rows
from charlie.wellbeing.permissions import READ_RESULTS
from charlie.wellbeing.services.common import today

#: Half-years a view covers, the current one included.
HALF_YEARS = 6
#: Levels of units below the chosen unit (or the top) the table shows.
DEPTH = 2


def min_group() -> int:
    """The smallest group a well-being figure shows: ``CHARLIE_WELLBEING_MIN_GROUP`` (default
    5, common practice; DOMAIN.md 5.3 — no Danish legal minimum exists), never below 3."""
    return max(int(getattr(settings, "CHARLIE_WELLBEING_MIN_GROUP", 5)), 3)


def unit_names() -> dict[int, str]:
    """Every unit's label: its name, with its parents' names where the name repeats."""
    labels = people.unit_labels()
    return {pk: labels.get(pk, name) for pk, name in OrgUnit.objects.values_list("pk", "name")}


def half_label(half: HalfYear) -> str:
    return _("%(half)d. halvår %(year)d") % {"half": half.half, "year": half.year}


def half_short(half: HalfYear) -> str:
    """A chart's label: "H1 2027"."""
    return _("H%(half)d %(year)d") % {"half": half.half, "year": half.year}


@dataclass(frozen=True)
class Column:
    """One check-in question: ``measure`` says what its headline figure is."""

    key: str
    label: str
    kind: str
    measure: str
    #: The answers in the order asked: (value, label).
    values: list[tuple[str, str]]

    @property
    def percent(self) -> bool:
        return self.kind == "choice"


def cells(figures: Figures | None, cols: list[Column]) -> list[tuple[float | None, bool]]:
    """A line's headline figures in the columns' order, each with whether it is a percentage
    (``None``: hidden, or no answer)."""
    return [(figures.headline.get(c.key) if figures is not None else None, c.percent) for c in cols]


def columns() -> list[Column]:
    """Recruitment's check-in questions that give figures (choice and scale; not free text)."""
    found = []
    for q in recruitment.onboarding.CHECK_IN_QUESTIONS:
        if q.kind == "choice":
            first = str(q.choices[0][1])
            measure = _("%% svarer »%(answer)s«") % {"answer": first}
        elif q.kind == "scale":
            measure = _("gennemsnit (1–5)")
        else:
            continue
        found.append(
            Column(q.key, str(q.text), q.kind, measure, [(v, str(label)) for v, label in q.choices])
        )
    return found


@dataclass(frozen=True)
class UnitLine:
    unit_id: int
    label: str
    depth: int
    #: The unit has sub-units below the view (its own view shows them).
    deeper: bool
    #: ``None``: no check-in was answered in the unit.
    figures: Figures | None
    cells: list[tuple[float | None, bool]]


@dataclass(frozen=True)
class HalfLine:
    half: HalfYear
    label: str
    figures: Figures | None
    cells: list[tuple[float | None, bool]]


@dataclass(frozen=True)
class Distribution:
    """One question's answers in the chosen unit and half-year: (label, % of answers)."""

    column: Column
    shares: list[tuple[str, float]]


@dataclass(frozen=True)
class CheckInFigures:
    min_size: int
    columns: list[Column]
    #: The half-years one may choose, newest first: (key, label).
    halves: list[tuple[str, str]]
    half: HalfYear
    half_label: str
    #: The chosen unit (None: the caller's whole scope).
    unit_id: int | None
    #: What the half-year table and the distribution are about.
    focus_label: str
    units: list[tuple[int, str]]
    by_unit: list[UnitLine]
    by_half: list[HalfLine]
    focus: Figures | None
    distribution: list[Distribution]


def _top_most(paths: tuple[str, ...]) -> list[str]:
    return [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]


def checkin_figures(
    access: Access,
    *,
    half: str | None = None,
    unit_id: int | None = None,
    on: date | None = None,
) -> CheckInFigures:
    """The figures for the caller's scope: per unit (the chosen unit, or the caller's top
    units, and two levels below) in the chosen half-year, and per half-year for the chosen
    unit (HR and analysts without a choice: the whole municipality). ``half`` is "2027-1";
    without one (or one outside the view), the newest half-year with answers."""
    access.require(READ_RESULTS)
    on = on or today()
    size = min_group()
    cols = columns()
    halves = HalfYear.of(on).last(HALF_YEARS)
    units = people.unit_choices(access, on=on)
    names = unit_names()
    tree = list(OrgUnit.objects.order_by("path").values_list("pk", "parent_id", "path"))
    scope = access.aggregate_paths()
    focus: Cell | None
    if unit_id is not None:
        if unit_id not in dict(units):
            raise NotFound
        roots = [unit_id]
        focus, focus_label = unit_id, names.get(unit_id, "")
    elif scope is None:
        roots = [pk for pk, up, _path in tree if up is None]
        focus, focus_label = TOTAL, _("Hele kommunen")
    else:
        tops = _top_most(scope)
        roots = [pk for pk, _up, path in tree if path in tops]
        # A manager without units (none open today) sees nothing.
        focus = roots[0] if roots else None
        focus_label = names.get(roots[0], "") if roots else ""

    questions = [checkins.Question(c.key, c.kind, tuple(v for v, _label in c.values)) for c in cols]
    by_half_rows: dict[HalfYear, list[checkins.Answered]] = defaultdict(list)
    for given in recruitment.check_in_answers(since=halves[-1].first_day):
        by_half_rows[HalfYear.of(given.answered_on)].append(
            checkins.Answered(given.respondent, given.unit_id, given.answers)
        )
    parents = {pk: up for pk, up, _path in tree}
    figures = {
        h: checkins.unit_figures(parents, by_half_rows[h], questions, min_size=size) for h in halves
    }
    asked = HalfYear.parse(half)
    chosen = asked if asked in halves else next((h for h in halves if by_half_rows[h]), halves[0])

    lines = []
    in_view = [(pk, up) for pk, up, _path in tree]
    for row in view_rows(in_view, roots, depth=DEPTH):
        found = figures[chosen].get(row.unit)
        if found is None and row.depth > 0:
            continue
        lines.append(
            UnitLine(
                row.unit, names.get(row.unit, ""), row.depth, row.deeper, found, cells(found, cols)
            )
        )
    focused = figures[chosen].get(focus) if focus is not None else None
    halves_shown = []
    for h in reversed(halves):
        found = figures[h].get(focus) if focus is not None else None
        halves_shown.append(HalfLine(h, half_label(h), found, cells(found, cols)))
    return CheckInFigures(
        min_size=size,
        columns=cols,
        halves=[(h.key, half_label(h)) for h in halves],
        half=chosen,
        half_label=half_label(chosen),
        unit_id=unit_id,
        focus_label=focus_label,
        units=units,
        by_unit=lines,
        by_half=halves_shown,
        focus=focused,
        distribution=[
            Distribution(
                c, [(label, focused.distribution[c.key].get(v, 0.0)) for v, label in c.values]
            )
            for c in cols
            if focused is not None and c.key in focused.distribution
        ],
    )
