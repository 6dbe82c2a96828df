"""The municipality's own history as a panel of person-years. Pure: NumPy only.

Input is one row per employment (``Spells``: dates as whole days since 1970-01-01, open ends as
``OPEN``); output is one row per person present on 1 January of each year (``Panel``) with the
job family, unit group and FTE they held that day, their birth and pension year, and whether they
left the municipality during that year, by retirement or for another reason.

*Leaving* is leaving the municipality, not a job: an employment that ends is an exit only when the
same person has no other employment running on, or starting within ``GAP_DAYS`` of, the day after
it ends. Internal transfers, a fixed-term post followed by a permanent one and a second job that
goes on are therefore not exits. The exit is a *retirement* when the employment that ended has the
end reason "retirement" (``Employment.end_reason``), otherwise *other*.

*Entries* (hires from outside) are the mirror image: an employment that starts when the person had
no employment running within ``GAP_DAYS`` before. Their ages give the age mix of future recruits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: The end date of an employment that is still running.
OPEN = np.iinfo(np.int32).max
#: A new employment within this many days counts as going on (not leaving and returning).
GAP_DAYS = 31

#: ``Panel.exit`` codes.
STAYED, RETIRED, OTHER = 0, 1, 2

_EPOCH = np.datetime64("1970-01-01", "D")


def day_number(year: int, month: int = 1, day: int = 1) -> int:
    """Whole days since 1970-01-01 of a calendar date."""
    return int((np.datetime64(f"{year:04d}-{month:02d}-{day:02d}", "D") - _EPOCH).astype(int))


def year_of(days: IntArray) -> IntArray:
    """Calendar years of day numbers."""
    return (days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970).astype(
        np.int64
    )


@dataclass(frozen=True)
class Spells:
    """Employments as arrays of equal length. ``family`` and ``unit`` are small integer codes
    (indexes into the caller's lists); ``pension_year`` is the year the person reaches
    folkepensionsalder (``pension.folkepension_years``)."""

    person: IntArray
    birth_year: IntArray
    pension_year: IntArray
    family: IntArray
    unit: IntArray
    fte: FloatArray
    start: IntArray
    end: IntArray  # OPEN while running
    retirement: BoolArray  # end reason "retirement"

    def __len__(self) -> int:
        return len(self.person)


@dataclass(frozen=True)
class Panel:
    """One row per person and year: present on 1 January of ``year``, and ``exit`` during it."""

    year: IntArray
    person: IntArray
    birth_year: IntArray
    pension_year: IntArray
    family: IntArray
    unit: IntArray
    fte: FloatArray
    exit: npt.NDArray[np.int8]
    #: Seniority: how many 1 Januaries of the current stay, this one included (1 = hired during
    #: the year before, or on this 1 January).
    tenure: IntArray

    def __len__(self) -> int:
        return len(self.year)

    def rows(self, mask: BoolArray) -> Panel:
        return Panel(**{name: getattr(self, name)[mask] for name in _PANEL_FIELDS})


_PANEL_FIELDS = (
    "year",
    "person",
    "birth_year",
    "pension_year",
    "family",
    "unit",
    "fte",
    "exit",
    "tenure",
)


@dataclass(frozen=True)
class _Stays:
    """Continuous stays in the municipality: employments of one person merged when they overlap
    or follow within ``GAP_DAYS``. Indexes refer to the spells sorted by person and start."""

    person: IntArray
    start: IntArray
    end: IntArray  # OPEN while running
    first_spell: IntArray  # index (into ``Spells``) of the employment that opened the stay
    retirement: BoolArray  # the employment that ended last had the end reason "retirement"
    spell_stay_start: IntArray  # per employment (in ``Spells`` order): the start of its stay


def _stays(spells: Spells) -> _Stays:
    order = np.lexsort((spells.start, spells.person))
    person = spells.person[order]
    start = spells.start[order].astype(np.int64)
    end = spells.end[order].astype(np.int64)
    n = len(order)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return _Stays(empty, empty, empty, empty, np.zeros(0, dtype=bool), empty)
    first_of_person = np.r_[True, person[1:] != person[:-1]]
    # The latest end among the person's earlier employments: a running maximum that restarts per
    # person (person ranks increase along the array, so an offset per rank keeps them apart).
    offset = (np.cumsum(first_of_person) - 1) * (2 * int(OPEN) + 2)
    prev_end = np.empty(n, dtype=np.int64)
    prev_end[0] = 0
    prev_end[1:] = np.maximum.accumulate(end + offset)[:-1] - offset[1:]
    new_stay = first_of_person | (start > prev_end + 1 + GAP_DAYS)
    heads = np.flatnonzero(new_stay)
    stay_id = np.cumsum(new_stay) - 1
    stay_end = np.maximum.reduceat(end, heads)
    ended_last = end == stay_end[stay_id]
    retirement = (
        np.bincount(stay_id, weights=(ended_last & spells.retirement[order]), minlength=len(heads))
        > 0
    )
    spell_stay_start = np.empty(n, dtype=np.int64)
    spell_stay_start[order] = start[heads][stay_id]
    return _Stays(person[heads], start[heads], stay_end, order[heads], retirement, spell_stay_start)


def stay_starts(spells: Spells) -> IntArray:
    """For each employment, the first day of the person's continuous stay in the municipality
    that it belongs to (the seniority the model counts from)."""
    return _stays(spells).spell_stay_start


def exits(spells: Spells) -> tuple[IntArray, IntArray, BoolArray]:
    """``(person, day, retirement)`` for every exit from the municipality (see module docstring);
    ``day`` is the last day employed."""
    stays = _stays(spells)
    left = stays.end != OPEN
    return stays.person[left], stays.end[left], stays.retirement[left]


def entries(spells: Spells) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """``(person, day, family, age)`` for every hire from outside (the start of a stay); ``age`` is
    the age reached in the year of hiring. Stays that began before the data starts are included,
    so callers choose the years they trust."""
    stays = _stays(spells)
    age = year_of(stays.start) - spells.birth_year[stays.first_spell]
    return stays.person, stays.start, spells.family[stays.first_spell], age


def panel(spells: Spells, years: range) -> Panel:
    """Person-years for ``years``: who was employed on 1 January, in which job family, unit group
    and FTE (their largest employment that day), and whether they left during the year."""
    out_person, out_day, out_retired = exits(spells)
    # The 1 Januaries of a stay up to year y: y − (the year of the day before the stay began).
    stay_start_year = year_of(stay_starts(spells) - 1) if len(spells) else np.zeros(0, np.int64)
    parts: list[Panel] = []
    for year in years:
        jan1, dec31 = day_number(year), day_number(year, 12, 31)
        active = np.flatnonzero((spells.start <= jan1) & (spells.end >= jan1))
        if len(active) == 0:
            continue
        # One row per person: the employment with the most hours that day.
        order = np.lexsort((-spells.fte[active], spells.person[active]))
        rows = active[order]
        first = np.r_[True, spells.person[rows][1:] != spells.person[rows][:-1]]
        rows = rows[first]
        person = spells.person[rows]
        in_year = (out_day >= jan1) & (out_day <= dec31)
        exit_code = np.zeros(len(rows), dtype=np.int8)
        if in_year.any():
            # A person leaving twice in one year counts once, as their first exit.
            ex_person, ex_day = out_person[in_year], out_day[in_year]
            ex_code = np.where(out_retired[in_year], RETIRED, OTHER).astype(np.int8)
            ex_order = np.lexsort((ex_day, ex_person))
            ex_person, ex_code = ex_person[ex_order], ex_code[ex_order]
            keep = np.r_[True, ex_person[1:] != ex_person[:-1]]
            ex_person, ex_code = ex_person[keep], ex_code[keep]
            pos = np.searchsorted(ex_person, person)
            pos_clipped = np.minimum(pos, len(ex_person) - 1)
            hit = ex_person[pos_clipped] == person
            exit_code[hit] = ex_code[pos_clipped[hit]]
        parts.append(
            Panel(
                year=np.full(len(rows), year, dtype=np.int64),
                person=person,
                birth_year=spells.birth_year[rows],
                pension_year=spells.pension_year[rows],
                family=spells.family[rows],
                unit=spells.unit[rows],
                fte=spells.fte[rows],
                exit=exit_code,
                tenure=year - stay_start_year[rows],
            )
        )
    if not parts:
        empty_i = np.zeros(0, dtype=np.int64)
        return Panel(
            empty_i,
            empty_i,
            empty_i,
            empty_i,
            empty_i,
            empty_i,
            np.zeros(0),
            np.zeros(0, np.int8),
            empty_i,
        )
    return Panel(
        **{name: np.concatenate([getattr(p, name) for p in parts]) for name in _PANEL_FIELDS}
    )
