"""Background bands and the launch check against group sizes (pure: no Django).

A survey's answers carry no person: only the unit they are counted in and the background bands
the survey asks for (docs/wellbeing-anonymity.md). Both are worked out **at launch**, for every
invited person, from the people data of that day, and copied onto the answer. This module holds
the rules for that:

- ``BANDS``: each band's key, its label and the person-level function that gives a person's
  value (age band, job family, seniority band, legal gender, full or part time).
- ``launch_plan``: where each unit's answers are *recorded* and which bands each recorded group
  keeps. The rule protects the answers even from someone who can read the database: every
  group of answers that share a unit and band values must come from at least ``min_group``
  invited people, or a row of answers could be traced to the one or two people who fit it.

  1. **Units**: a unit with fewer than ``min_group`` invited people of its own is recorded in its
     parent (with whatever was lifted into it from below), up to the units the survey was sent
     to. Where such a top unit is still too small, its smallest sub-groups are recorded in it
     too, nearest level first; a top unit that stays too small even so cannot be surveyed on
     its own (``LaunchPlan.too_small``).
  2. **Bands**, per recorded group, in the order the survey lists them: a band is kept when
     every combination of it with the bands already kept holds at least ``min_group`` invited
     people (or none); otherwise it is left out *for that group* (``GroupPlan.dropped`` says
     which cell was too small). HR sees this before launch and must agree to it; a band left out
     is simply absent from the answers' band values.

  Nothing here is about answers, only about invited people: a group of 5 invited where 2
  answer still hides which 2 (the results part suppresses figures below the threshold).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from charlie.core.language import gettext_noop as _

#: Weekly hours of full time (37 hours, the municipal norm; as ``people.models.FULL_TIME_HOURS``).
FULL_TIME_HOURS = 37.0


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What the bands are worked out from, for one person on the launch day: their birth date,
    legal gender, the job family code and weekly hours of their largest current employment, and
    the first day of their earliest employment with the municipality."""

    birth_date: date
    gender: str
    job_family: str
    first_start: date
    weekly_hours: float


def whole_years(start: date, on: date) -> int:
    """Completed years from ``start`` to ``on`` (an age; a birthday on 29 February is reached
    on 1 March in a common year): ``whole_years(date(1990, 3, 1), date(2027, 2, 28)) == 36``."""
    years = on.year - start.year
    if (on.month, on.day) < (start.month, start.day):
        years -= 1
    return years


@dataclass(frozen=True)
class Band:
    """One background band: ``values`` lists the possible values with their labels (Danish
    source texts) in order; empty for a band whose values are the municipality's own (job
    families), labelled by the caller."""

    key: str
    label: str
    value_of: Callable[[PersonFacts, date], str]
    values: tuple[tuple[str, str], ...] = ()

    def value_label(self, value: str, names: Mapping[str, str] | None = None) -> str:
        """The label of one value (a Danish source text, or the name in ``names``)."""
        for known, label in self.values:
            if known == value:
                return label
        return (names or {}).get(value, value)

    def accepts(self, value: str, known: Sequence[str] = ()) -> bool:
        """Whether ``value`` is one of the band's values (``known``: the open band's values)."""
        return value in {v for v, _label in self.values} or value in known


def _steps(years: int, bounds: Sequence[tuple[int, str]], top: str) -> str:
    for upper, value in bounds:
        if years < upper:
            return value
    return top


def age_band(facts: PersonFacts, on: date) -> str:
    """Age on the launch day in completed years: under 30, 30–39, 40–49, 50–59, 60 and over."""
    return _steps(
        whole_years(facts.birth_date, on),
        [(30, "under-30"), (40, "30-39"), (50, "40-49"), (60, "50-59")],
        "60+",
    )


def seniority_band(facts: PersonFacts, on: date) -> str:
    """Completed years since the first day of the person's earliest employment with the
    municipality (the employer is the municipality, not one unit: a move between units does not
    restart it): under 2, 2–4, 5–9, 10 and over."""
    return _steps(
        whole_years(facts.first_start, on), [(2, "under-2"), (5, "2-4"), (10, "5-9")], "10+"
    )


def job_family_band(facts: PersonFacts, on: date) -> str:
    """The job family (stillingskategori) of the person's largest current employment."""
    return facts.job_family


def gender_band(facts: PersonFacts, on: date) -> str:
    """Legal gender as the people data hold it (K or M)."""
    return facts.gender


def hours_band(facts: PersonFacts, on: date) -> str:
    """Full time (37 hours a week or more in the largest employment) or part time."""
    return "full" if facts.weekly_hours >= FULL_TIME_HOURS else "part"


#: Every band a survey may ask for, in the order they are offered.
BANDS: dict[str, Band] = {
    band.key: band
    for band in (
        Band(
            "age",
            _("Aldersgruppe"),
            age_band,
            (
                ("under-30", _("Under 30 år")),
                ("30-39", _("30–39 år")),
                ("40-49", _("40–49 år")),
                ("50-59", _("50–59 år")),
                ("60+", _("60 år og derover")),
            ),
        ),
        Band("job_family", _("Stillingskategori"), job_family_band),
        Band(
            "seniority",
            _("Anciennitet"),
            seniority_band,
            (
                ("under-2", _("Under 2 år")),
                ("2-4", _("2–4 år")),
                ("5-9", _("5–9 år")),
                ("10+", _("10 år og mere")),
            ),
        ),
        Band("gender", _("Juridisk køn"), gender_band, (("K", _("Kvinde")), ("M", _("Mand")))),
        Band(
            "hours",
            _("Fuld tid eller deltid"),
            hours_band,
            (("full", _("Fuld tid (37 timer)")), ("part", _("Deltid"))),
        ),
    )
}


def band_values(facts: PersonFacts, on: date, keys: Sequence[str]) -> dict[str, str]:
    """A person's value of each band in ``keys`` on ``on``."""
    return {key: BANDS[key].value_of(facts, on) for key in keys}


# --- The launch check ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SmallCell:
    """A band left out of a group: the smallest combination of it with the bands kept before it
    (``values``: band key → value), and how many invited people it held."""

    band: str
    values: tuple[tuple[str, str], ...]
    count: int


@dataclass(frozen=True)
class GroupPlan:
    """One recorded group: the units recorded in it, how many are invited, the bands kept and
    those left out."""

    unit: int
    units: tuple[int, ...]
    invited: int
    kept: tuple[str, ...]
    dropped: tuple[SmallCell, ...] = ()


@dataclass(frozen=True)
class LaunchPlan:
    """Where every unit's answers are recorded (``recorded``: unit → the unit its answers
    count in), the recorded groups, and the survey's top units that are too small."""

    min_group: int
    recorded: dict[int, int]
    groups: dict[int, GroupPlan]
    too_small: dict[int, int] = field(default_factory=dict)  # top unit → invited

    @property
    def bands_dropped(self) -> bool:
        """Whether some band is left out somewhere (HR must agree before launch)."""
        return any(group.dropped for group in self.groups.values())

    @property
    def can_launch(self) -> bool:
        """Whether every group is large enough (bands left out still need HR's consent)."""
        return not self.too_small and bool(self.groups)

    def bands_of(self, unit: int) -> tuple[str, ...]:
        """The bands recorded for answers from ``unit``."""
        return self.groups[self.recorded[unit]].kept


def record_units(
    parents: Mapping[int, int | None], invited: Mapping[int, int], min_group: int
) -> tuple[dict[int, int], dict[int, int]]:
    """Rule 1 of the module docstring. ``parents``: every unit of the survey's tree with its
    parent *within the tree* (None for a unit the survey was sent to); ``invited``: the invited
    people whose own unit each is. Returns (unit → recorded unit for every unit with invited
    people, top unit → invited for the top units that stay under ``min_group``)."""
    children: dict[int, list[int]] = defaultdict(list)
    for unit, parent in parents.items():
        if parent is not None:
            children[parent].append(unit)

    def depth(unit: int) -> int:
        d, current = 0, parents[unit]
        while current is not None:
            d, current = d + 1, parents[current]
        return d

    # Each unit's recorded group: the units whose people are recorded in it, and their count.
    members: dict[int, list[int]] = {u: [u] for u in parents}
    size: dict[int, int] = {u: invited.get(u, 0) for u in parents}
    too_small: dict[int, int] = {}
    for unit in sorted(parents, key=lambda u: (-depth(u), u)):
        parent = parents[unit]
        if size[unit] == 0 or size[unit] >= min_group:
            continue
        if parent is not None:
            members[parent] += members[unit]
            size[parent] += size[unit]
            members[unit], size[unit] = [], 0
            continue
        # A top unit still too small: take in the smallest groups below it, nearest first.
        below = _subtree(unit, children)
        candidates = sorted(
            (u for u in below if u != unit and size[u] > 0), key=lambda u: (depth(u), size[u], u)
        )
        for candidate in candidates:
            if size[unit] >= min_group:
                break
            members[unit] += members[candidate]
            size[unit] += size[candidate]
            members[candidate], size[candidate] = [], 0
        if size[unit] < min_group:
            too_small[unit] = size[unit]
    recorded = {
        member: unit
        for unit, group in members.items()
        for member in group
        if invited.get(member, 0) > 0
    }
    return recorded, too_small


def _subtree(unit: int, children: Mapping[int, list[int]]) -> list[int]:
    out, stack = [], [unit]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(children.get(current, ()))
    return out


def keep_bands(
    people: Sequence[Mapping[str, str]], bands: Sequence[str], min_group: int
) -> tuple[tuple[str, ...], tuple[SmallCell, ...]]:
    """Rule 2 for one recorded group: the bands kept and the small cell of each band left
    out. ``people``: each invited person's band values."""
    kept: list[str] = []
    dropped: list[SmallCell] = []
    for band in bands:
        trial = [*kept, band]
        cells = Counter(tuple(person[key] for key in trial) for person in people)
        values, smallest = min(cells.items(), key=lambda item: (item[1], item[0]))
        if smallest >= min_group:
            kept.append(band)
        else:
            dropped.append(SmallCell(band, tuple(zip(trial, values, strict=True)), smallest))
    return tuple(kept), tuple(dropped)


def launch_plan(
    parents: Mapping[int, int | None],
    people: Sequence[tuple[int, Mapping[str, str]]],
    bands: Sequence[str],
    min_group: int,
) -> LaunchPlan:
    """The whole check: ``people`` is every invited person as (own unit, band values)."""
    invited = Counter(unit for unit, _values in people)
    recorded, too_small = record_units(parents, invited, min_group)
    by_group: dict[int, list[Mapping[str, str]]] = defaultdict(list)
    for unit, values in people:
        by_group[recorded[unit]].append(values)
    units_of: dict[int, list[int]] = defaultdict(list)
    for unit, group in recorded.items():
        units_of[group].append(unit)
    groups = {}
    for group, members in by_group.items():
        kept, dropped = keep_bands(members, bands, min_group)
        groups[group] = GroupPlan(
            group, tuple(sorted(units_of[group])), len(members), kept, dropped
        )
    return LaunchPlan(min_group, recorded, groups, too_small)
