"""Fairness figures for recruitment, pure (no Django): applicants, shortlisted and hired by
gender and by age band, selection rates and the four-fifths ratio, per round and per year, all
through disclosure control (issue 15, point 7). Never per person.

**Groups.** Gender is the applicant's own, optional answer (``models.Gender``); no answer is
its own group, "Ikke oplyst". The age band is worked out from the birth year at the date of the
application (only the year is asked, so the age is the age reached in that calendar year):
under 30, 30–39, 40–49, 50–59, 60 and over, or "Ikke oplyst".

**Stages reached.** An applicant counts as shortlisted when the pipeline's history
(``StageChange``) shows them in "Udvalgt til samtale" or any later stage up to "Ansat"
(``rules.SHORTLISTED_OR_BEYOND``), and as hired when it shows "Ansat" — so someone rejected
after the first interview still counts as shortlisted.

**Selection rate and the four-fifths ratio.** A group's selection rate is its shortlisted (or
hired) over its applicants. The four-fifths ratio is each group's rate divided by the highest
group's rate; a ratio below 0.8 is flagged. The "four-fifths rule" is the adverse-impact rule of
thumb of the US Uniform Guidelines on Employee Selection Procedures (1978), 29 CFR § 1607.4(D);
it is no Danish rule, but a common, readable signal that a stage selects one group markedly less
often. In Denmark ligebehandlingsloven § 2 (gender) and forskelsbehandlingsloven § 2 (age)
forbid discrimination when hiring; a flag is a reason to look, not a finding.

**Disclosure control** (DESIGN.md principle 3). One year is one release for
``core.disclosure.protect``: per dimension (gender, age band) and per measure (applicants,
shortlisted, hired), the tree *year → round → group* and the line *year → group*. All twelve
groupings share the year's total, so no figure — a round's, the year's, "hired" against
"shortlisted" — can be subtracted from another to isolate fewer than the minimum group size
(those not shortlisted or not hired are never published on their own, so they too must be 0 or
enough). A person is counted once per cell (applicants are told apart by their e-mail address).
A hidden figure is ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from charlie.core.disclosure import Grouping, Population, people_per_cell, protect

GENDERS: tuple[str, ...] = ("woman", "man", "other", "unsaid")
AGE_BANDS: tuple[str, ...] = ("under_30", "30_39", "40_49", "50_59", "60_plus", "unsaid")
#: The dimensions and their groups, in the order the page shows them.
DIMENSIONS: dict[str, tuple[str, ...]] = {"gender": GENDERS, "age": AGE_BANDS}
#: A group's rate under this share of the highest group's is flagged (29 CFR § 1607.4(D)).
FOUR_FIFTHS = 0.8
UNSAID = "unsaid"

_MEASURES = ("applicants", "shortlisted", "hired")
_TOTAL = ("total",)


def gender_group(gender: str | None) -> str:
    """The fairness group of a self-declared gender; no answer is "unsaid"."""
    return gender if gender in ("woman", "man", "other") else UNSAID


def age_band(birth_year: int | None, on: date) -> str:
    """The age band of someone born in ``birth_year`` who applied on ``on``: the age they reach
    in that calendar year (only the year of birth is asked). A missing or impossible year
    (in the future, or over 100 years back) is "unsaid".

    >>> age_band(1997, date(2026, 3, 1)), age_band(1996, date(2026, 3, 1))
    ('under_30', '30_39')
    >>> age_band(1966, date(2026, 3, 1)), age_band(None, date(2026, 3, 1))
    ('60_plus', 'unsaid')
    """
    if birth_year is None:
        return UNSAID
    age = on.year - birth_year
    if age < 0 or age > 100:
        return UNSAID
    if age < 30:
        return "under_30"
    if age >= 60:
        return "60_plus"
    low = age // 10 * 10
    return f"{low}_{low + 9}"


@dataclass(frozen=True)
class Applicant:
    """One application in the figures: ``person`` tells people apart (one person may apply
    to several rounds), ``round`` is the ad, the groups are already worked out."""

    person: int
    round: int
    gender: str
    age: str
    shortlisted: bool
    hired: bool

    def group(self, dimension: str) -> str:
        return self.gender if dimension == "gender" else self.age


def rate(part: int | None, whole: int | None) -> float | None:
    """``part`` over ``whole``; ``None`` when either is hidden or nobody is in the group."""
    if part is None or whole is None or whole == 0:
        return None
    return part / whole


def four_fifths(rates: Mapping[str, float | None]) -> dict[str, float | None]:
    """Each group's rate over the highest group's rate (``None`` where a rate is hidden or
    every shown rate is 0).

    >>> four_fifths({"woman": 0.5, "man": 0.25, "other": None})
    {'woman': 1.0, 'man': 0.5, 'other': None}
    """
    top = max((r for r in rates.values() if r is not None), default=None)
    if not top:
        return dict.fromkeys(rates)
    return {g: (None if r is None else r / top) for g, r in rates.items()}


def flagged(ratio: float | None) -> bool:
    """Whether a four-fifths ratio is below 0.8."""
    return ratio is not None and ratio < FOUR_FIFTHS


@dataclass(frozen=True)
class GroupRow:
    """One group (``group`` "" is the total) of one dimension, in a round or a year."""

    group: str
    applicants: int | None
    shortlisted: int | None
    hired: int | None
    shortlist_rate: float | None = None
    hire_rate: float | None = None
    shortlist_ratio: float | None = None
    hire_ratio: float | None = None

    @property
    def shortlist_flag(self) -> bool:
        return flagged(self.shortlist_ratio)

    @property
    def hire_flag(self) -> bool:
        return flagged(self.hire_ratio)


@dataclass(frozen=True)
class Table:
    dimension: str
    total: GroupRow
    rows: list[GroupRow]

    @property
    def any_flag(self) -> bool:
        return any(r.shortlist_flag or r.hire_flag for r in self.rows)

    @property
    def any_hidden(self) -> bool:
        every = [self.total, *self.rows]
        return any(None in (r.applicants, r.shortlisted, r.hired) for r in every)


@dataclass(frozen=True)
class Release:
    """The figures of one year: the year's tables and each round's, per dimension."""

    min_size: int
    applications: int
    year: dict[str, Table]
    rounds: dict[int, dict[str, Table]]


Counts = tuple[int | None, int | None, int | None]


def _table(dimension: str, total: Counts, groups: dict[str, Counts]) -> Table:
    shortlist_rates = {g: rate(v[1], v[0]) for g, v in groups.items()}
    hire_rates = {g: rate(v[2], v[0]) for g, v in groups.items()}
    shortlist_ratios = four_fifths(shortlist_rates)
    hire_ratios = four_fifths(hire_rates)
    rows = [
        GroupRow(
            g,
            v[0],
            v[1],
            v[2],
            shortlist_rate=shortlist_rates[g],
            hire_rate=hire_rates[g],
            shortlist_ratio=shortlist_ratios[g],
            hire_ratio=hire_ratios[g],
        )
        for g, v in groups.items()
    ]
    total_row = GroupRow(
        "",
        total[0],
        total[1],
        total[2],
        shortlist_rate=rate(total[1], total[0]),
        hire_rate=rate(total[2], total[0]),
    )
    return Table(dimension, total_row, rows)


def release(applicants: Sequence[Applicant], rounds: Sequence[int], *, min_size: int) -> Release:
    """The protected figures of one year's ``rounds`` (every applicant's round is one of them).

    One release of five groupings with the year's total at the root:

    - per dimension, the tree *year → round → (round, group) → shortlisted → hired* (those not
      shortlisted, or shortlisted and not hired, are unpublished cells);
    - per dimension, the line *year → group → shortlisted → hired*;
    - the rounds' own totals: *year → shortlisted → (shortlisted, round) → hired*.

    The year's number of hired is not a cell of its own: it is shown only where it adds up from
    shown cells (the groups', or the rounds'), so it publishes nothing new.

    Worked example (minimum 5): 12 women and 3 men apply to one round; 6 women and 1 man are
    shortlisted. The men's 3 applicants are hidden (fewer than 5), and so are the women's 12
    (15 − 12 = 3), so no rate is shown; only the totals (15 applied, 7 shortlisted) are.
    """
    trees: dict[str, Grouping[object]] = {}
    lines: dict[str, Grouping[object]] = {}
    for dimension, groups in DIMENSIONS.items():
        parent: dict[object, object] = {_TOTAL: None}
        unpublished: list[object] = []
        for r in rounds:
            parent[("r", r)] = _TOTAL
            for g in groups:
                cell = ("r", r, g)
                parent[cell] = ("r", r)
                parent[(*cell, "S")] = cell
                parent[(*cell, "-S")] = cell
                parent[(*cell, "S", "H")] = (*cell, "S")
                parent[(*cell, "S", "-H")] = (*cell, "S")
                unpublished += [(*cell, "-S"), (*cell, "S", "-H")]
        trees[dimension] = Grouping.tree(parent, unpublished=unpublished)
        parent = {_TOTAL: None}
        unpublished = []
        for g in groups:
            parent[("y", g)] = _TOTAL
            parent[("y", g, "S")] = ("y", g)
            parent[("y", g, "-S")] = ("y", g)
            parent[("y", g, "S", "H")] = ("y", g, "S")
            parent[("y", g, "S", "-H")] = ("y", g, "S")
            unpublished += [("y", g, "-S"), ("y", g, "S", "-H")]
        lines[dimension] = Grouping.tree(parent, unpublished=unpublished)
    parent = {_TOTAL: None, "S": _TOTAL, "-S": _TOTAL}
    unpublished = ["-S"]
    for r in rounds:
        parent[("S", r)] = "S"
        parent[("S", r, "H")] = ("S", r)
        parent[("S", r, "-H")] = ("S", r)
        unpublished.append(("S", r, "-H"))
    measures = Grouping.tree(parent, unpublished=unpublished)
    # The largest grouping first: the engine's certificate for large releases counts the
    # cells of the others.
    groupings = [trees["age"], trees["gender"], lines["gender"], lines["age"], measures]
    tree_at = {"age": 0, "gender": 1}
    line_at = {"gender": 2, "age": 3}
    index = [g.index() for g in groupings]

    def tail(a: Applicant) -> tuple[str, ...]:
        if not a.shortlisted:
            return ("-S",)
        return ("S", "H") if a.hired else ("S", "-H")

    leaves: list[list[int]] = [[] for _ in groupings]
    for a in applicants:
        end = tail(a)
        for dimension in DIMENSIONS:
            g = a.group(dimension)
            i = tree_at[dimension]
            leaves[i].append(index[i][("r", a.round, g, *end)])
            i = line_at[dimension]
            leaves[i].append(index[i][("y", g, *end)])
        key: object = "-S" if not a.shortlisted else ("S", a.round, "H" if a.hired else "-H")
        leaves[4].append(index[4][key])
    if not applicants:
        zero: Counts = (0, 0, 0)
        empty = {d: _table(d, zero, {g: zero for g in groups}) for d, groups in DIMENSIONS.items()}
        return Release(min_size, 0, empty, {r: empty for r in rounds})
    # Dense person numbers: the engine counts distinct people.
    dense: dict[int, int] = {}
    person = [dense.setdefault(a.person, len(dense)) for a in applicants]
    population = Population.of(person, *leaves)
    shown = protect(population, groupings, min_size=min_size)
    counts = people_per_cell(population, groupings)

    def figure(i: int, key: object) -> int | None:
        cell = index[i][key]
        return int(counts[i][cell]) if shown[i][cell] else None

    def added(values: Sequence[int | None]) -> int | None:
        return None if any(v is None for v in values) else sum(v or 0 for v in values)

    year: dict[str, Table] = {}
    cells_of: dict[str, dict[str, Counts]] = {}
    for dimension, groups in DIMENSIONS.items():
        i = line_at[dimension]
        cells_of[dimension] = {
            g: (figure(i, ("y", g)), figure(i, ("y", g, "S")), figure(i, ("y", g, "S", "H")))
            for g in groups
        }
    per_round: dict[int, dict[str, Table]] = {}
    round_hired: list[int | None] = []
    for r in rounds:
        per_round[r] = {}
        round_total = (
            figure(0, ("r", r)),
            figure(4, ("S", r)),
            figure(4, ("S", r, "H")),
        )
        round_hired.append(round_total[2])
        for dimension, groups in DIMENSIONS.items():
            i = tree_at[dimension]
            cells = {
                g: (
                    figure(i, ("r", r, g)),
                    figure(i, ("r", r, g, "S")),
                    figure(i, ("r", r, g, "S", "H")),
                )
                for g in groups
            }
            per_round[r][dimension] = _table(dimension, round_total, cells)
    # The year's hired: a sum of shown cells (by gender, by age band or by round), if any is.
    hired_sums = [added([v[2] for v in cells_of[d].values()]) for d in DIMENSIONS]
    hired_sums.append(added(round_hired))
    year_hired = next((h for h in hired_sums if h is not None), None)
    year_total = (figure(4, _TOTAL), figure(4, "S"), year_hired)
    for dimension in DIMENSIONS:
        year[dimension] = _table(dimension, year_total, cells_of[dimension])
    return Release(min_size, len(applicants), year, per_round)
