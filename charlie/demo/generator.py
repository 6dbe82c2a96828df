"""Demo Kommune: a deterministic synthetic municipality (pure: NumPy and the standard library).

``generate(employees=N, seed=S, reference_date=D)`` returns plain arrays for an organisation tree,
people, employments and absence periods with ten years of history up to ``D``. The same arguments
always give the same data (one ``numpy.random.default_rng`` per stage, spawned from ``seed``).
It is vectorised: 500,000 current employees (about 1.3 M people, 13 M absence periods) take a
few tens of seconds, well under the time the database needs to store them.

The model, and where its numbers come from (section numbers are DOMAIN.md's):

*Organisation.* Demo Kommune → five forvaltninger → områder → institutioner/afdelinger, some with
departments (afsnit, teams, SFO). Unit types, their staff mix and sizes are in ``profiles.py``;
the number of units grows with N. Every unit has a manager: a person employed in that unit in job
family ``leder``, counted among the N.

*Workforce.* There are exactly N positions ("slots"); on the reference date each is held by one
person, so the current headcount is exactly N. A 45-year burn-in with yearly steps gives the
positions realistic incumbents (ages, seniority) at the start of the history; the ten years of
history are then simulated month by month. In each month an incumbent may leave with competing
annual hazards:

- retirement, by years to the person's folkepensionsalder from their exact birth date (3.1–3.2):
  most leave in the four years before it, as municipal employees retire well below the pension
  age (3.6: 63.1 years in 2015, about two years later by 2021; "rules" 9–10), so most
  retirements in the ten years fall at ages 62–66;
- resignation, highest for the young and in the first years of employment (assumption);
- dismissal, death and other reasons (small; assumption);
- internal transfer to another unit of the same kind (the same person gets a new employment);
- the end of a fixed-term contract: apprentices (elever, 1½–3 years) and some temporary posts
  (3–12 months), a third of which are followed by a permanent post for the same person.

A leaver is replaced by a new hire after a vacancy of 0–60 days, so headcount stays stable. Age
at hiring per job family is tuned so the current workforce has a mean age of about 45 and about
a quarter aged 55 or more (4.1: 44.6 in 2022, 45.1 in KL's OK21 material; 4.2: 25 % aged 55+).
Weekly hours: full time is 37 hours; about half work full time, SOSU staff mostly part time
(4.1: 47 % full time, 8 in 10 part time in elder care).

*Sickness absence.* Dates and types only, never a diagnosis or cause (DESIGN.md principle 7;
"rules" 6). Episodes per employment are Poisson with a gamma-distributed personal frailty, so a
minority carries most of the absence; lengths are a mixture of many short (1–3 working days) and
fewer long periods (> 30 days, some over 8 weeks), longer with age; starts follow a winter-heavy
season and fall on working days. Some long periods are followed by partial sickness (hours per
day); work injuries are rare. The level of own sickness (``sickness`` + ``partial_sickness`` +
``work_injury``) per job family is calibrated to the KRL 2019 days per full-time employee
(2.5; ``krl_days_2019``, ``KRL_TOTAL_DAYS_2019`` where no figure is given), measured as DOMAIN.md
2.1 defines it: day-equivalents of 7.4 hours (working days × weekly hours ÷ 37, or hours per day
÷ 7.4 for partial sickness) divided by full-time equivalents. Weekends are not working days;
public holidays are ignored (the pure module has no calendar). Child's sick days (``child_sick``,
1–2 days, for people of parenting age) come on top and are not part of the level. Periods lie
within an employment, never overlap for one person, and those still running on the reference
date have no end date. The level is the same in every year (no trend).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from charlie.absence import kinds
from charlie.demo import names as nm
from charlie.demo.profiles import (
    AREAS,
    CHIEF_AGREEMENT,
    DIRECTOR_TITLE,
    FAMILY_PROFILES,
    FORVALTNINGER,
    PART_TIME_HOURS,
    TOP_MANAGER_TITLE,
    UNIT_TYPES,
    UnitType,
)
from charlie.people.job_families import JOB_FAMILIES, KRL_TOTAL_DAYS_2019

IntArray = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]
DateArray = npt.NDArray[np.datetime64]

MUNICIPALITY_NAME = "Demo Kommune"
EMAIL_DOMAIN = "demo-kommune.dk"
FULL_TIME_HOURS = 37.0
#: 1 dagsværk = 7.4 hours (DOMAIN.md 2.1).
DAY_HOURS = 7.4

FAMILY_CODES: tuple[str, ...] = tuple(f.code for f in JOB_FAMILIES)
FAMILY_INDEX: dict[str, int] = {code: i for i, code in enumerate(FAMILY_CODES)}
#: Target days of own sickness per full-time employee and year (KRL 2019, DOMAIN.md 2.5).
KRL_TARGET_DAYS: tuple[float, ...] = tuple(
    f.krl_days_2019 if f.krl_days_2019 is not None else KRL_TOTAL_DAYS_2019 for f in JOB_FAMILIES
)
END_REASONS: tuple[str, ...] = (
    "retirement",
    "resignation",
    "dismissal",
    "contract_end",
    "transfer",
    "death",
    "other",
)
#: The absence types the generator writes (``absence_type`` indexes this; ``_SICK`` … ``_CHILD``).
ABSENCE_TYPES: tuple[str, ...] = (
    kinds.SICKNESS,
    kinds.PARTIAL_SICKNESS,
    kinds.WORK_INJURY,
    kinds.CHILD_SICK,
)
#: Absence types counted in the sickness level (own sickness, DOMAIN.md 2.3/2.5).
SICKNESS_TYPES: tuple[str, ...] = kinds.SICKNESS_TYPES

_LEDER = FAMILY_INDEX["leder"]
_ELEV = FAMILY_INDEX["elev"]
_RETIREMENT, _RESIGNATION, _DISMISSAL, _CONTRACT_END, _TRANSFER, _DEATH, _OTHER = range(7)
_SICK, _PARTIAL, _INJURY, _CHILD = range(4)
_NO_END = np.int32(2**31 - 1)
_EPOCH = date(1970, 1, 1)
_YEAR = 365.25


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrgUnits:
    """The organisation tree. ``id`` are the primary keys (1…n, parents before children);
    ``parent_id``/``manager_person_id`` are 0 where empty; ``path`` is the materialised path of
    primary keys exactly as ``people.services.create_org_unit`` builds it (``/1/4/17/``)."""

    id: IntArray
    parent_id: IntArray
    name: list[str]
    short_name: list[str]
    kind: list[str]
    path: list[str]
    depth: IntArray
    cost_center: list[str]
    manager_person_id: IntArray
    unit_type: list[str]
    valid_from: date

    def __len__(self) -> int:
        return len(self.id)


@dataclass(frozen=True, slots=True)
class People:
    """People; primary keys are 1…n (``id``). Names are indexes into the name tables."""

    first_name_idx: Int32Array
    last_name_idx: Int32Array
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    birth_date: DateArray
    female: npt.NDArray[np.bool_]

    def __len__(self) -> int:
        return len(self.birth_date)

    @property
    def id(self) -> IntArray:
        return np.arange(1, len(self) + 1, dtype=np.int64)

    @property
    def gender(self) -> npt.NDArray[np.str_]:
        """Legal gender as stored in ``Person.gender``: ``K`` (kvinde) or ``M`` (mand)."""
        return np.where(self.female, "K", "M")

    def first_name(self, rows: slice = slice(None)) -> list[str]:
        return np.asarray(self.first_names, dtype=object)[self.first_name_idx[rows]].tolist()  # type: ignore[no-any-return]

    def last_name(self, rows: slice = slice(None)) -> list[str]:
        return np.asarray(self.last_names, dtype=object)[self.last_name_idx[rows]].tolist()  # type: ignore[no-any-return]

    def employee_number(self, rows: slice = slice(None)) -> list[str]:
        """Employee numbers: ``100000 + id`` as text (unique, payroll-like)."""
        return [str(100000 + i) for i in self.id[rows].tolist()]

    def email(self, rows: slice = slice(None)) -> list[str]:
        """``fornavn.efternavn.N@demo-kommune.dk`` (N is the person's id, so it is unique)."""
        first = [nm.email_part(n) for n in self.first_names]
        last = [nm.email_part(n) for n in self.last_names]
        return [
            f"{first[f]}.{last[la]}.{i}@{EMAIL_DOMAIN}"
            for f, la, i in zip(
                self.first_name_idx[rows].tolist(),
                self.last_name_idx[rows].tolist(),
                self.id[rows].tolist(),
                strict=True,
            )
        ]


@dataclass(frozen=True, slots=True)
class Employments:
    """Employments, sorted by person and start; primary keys are 1…n (``id``).

    ``job_family``, ``title``, ``agreement`` and ``end_reason`` are indexes into
    ``FAMILY_CODES``, ``titles``, ``agreements`` and ``END_REASONS`` (``end_reason`` −1: none).
    ``end_date`` is NaT while open; a fixed-term contract may end after the reference date.
    """

    person_id: Int32Array
    org_unit_id: Int32Array
    job_family: npt.NDArray[np.int8]
    title: npt.NDArray[np.int16]
    titles: tuple[str, ...]
    agreement: npt.NDArray[np.int16]
    agreements: tuple[str, ...]
    weekly_hours: npt.NDArray[np.float32]
    start_date: DateArray
    end_date: DateArray
    end_reason: npt.NDArray[np.int8]

    def __len__(self) -> int:
        return len(self.person_id)

    @property
    def id(self) -> IntArray:
        return np.arange(1, len(self) + 1, dtype=np.int64)

    def current(self, on: date) -> npt.NDArray[np.bool_]:
        """Which employments are current on ``on`` (start ≤ on ≤ end or open)."""
        day = np.datetime64(on, "D")
        return (self.start_date <= day) & (np.isnat(self.end_date) | (self.end_date >= day))


@dataclass(frozen=True, slots=True)
class AbsencePeriods:
    """Absence periods, sorted by person and start; primary keys are 1…n (``id``).

    ``absence_type`` indexes ``ABSENCE_TYPES``; ``end_date`` is NaT while ongoing;
    ``hours_per_day`` (hours absent per working day) is NaN except for partial sickness.
    """

    person_id: Int32Array
    employment_id: Int32Array
    absence_type: npt.NDArray[np.int8]
    start_date: DateArray
    end_date: DateArray
    hours_per_day: npt.NDArray[np.float32]

    def __len__(self) -> int:
        return len(self.person_id)

    @property
    def id(self) -> IntArray:
        return np.arange(1, len(self) + 1, dtype=np.int64)


@dataclass(frozen=True, slots=True)
class DemoData:
    employees: int
    seed: int
    reference_date: date
    history_start: date
    org_units: OrgUnits
    people: People
    employments: Employments
    absences: AbsencePeriods

    @property
    def row_count(self) -> int:
        return len(self.org_units) + len(self.people) + len(self.employments) + len(self.absences)


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def generate(
    *,
    employees: int = 1800,
    seed: int = 2030,
    reference_date: date | None = None,
    history_years: int = 10,
) -> DemoData:
    """Generate Demo Kommune with exactly ``employees`` current employees on ``reference_date``.

    ``reference_date`` defaults to today in Copenhagen. The result depends only on the arguments.
    """
    if employees < 150:
        raise ValueError("Demo Kommune needs at least 150 employees.")
    ref = reference_date or datetime.now(tz=ZoneInfo("Europe/Copenhagen")).date()
    start = _years_before(ref, history_years)
    r_tree, r_work, r_people, r_absence = (
        np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(4)
    )
    tree = _build_tree(r_tree, employees)
    slots = _build_slots(r_tree, tree, employees)
    work = _simulate(r_work, tree, slots, _day(start), _day(ref))
    people = _make_people(r_people, work)
    employments, order = _make_employments(work, slots)
    absences = _make_absences(r_absence, employments, people, _day(start), _day(ref))
    org_units = _make_org_units(tree, work, order, employments)
    return DemoData(
        employees=employees,
        seed=seed,
        reference_date=ref,
        history_start=start,
        org_units=org_units,
        people=people,
        employments=employments,
        absences=absences,
    )


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


def _day(d: date) -> int:
    return (d - _EPOCH).days


def _date(day: int) -> date:
    return _EPOCH + timedelta(days=int(day))


def _years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def _to_dates(days: npt.NDArray[Any], missing: Any = None) -> DateArray:
    out = days.astype("datetime64[D]")
    if missing is not None:
        out[days == missing] = np.datetime64("NaT", "D")
    return out


def pension_age(birth_days: npt.NDArray[Any]) -> FloatArray:
    """Folkepensionsalder by exact birth date (pensionsloven § 1 a; DOMAIN.md 3.1–3.2)."""
    limits = [
        (date(1954, 1, 1), 65.0),
        (date(1954, 7, 1), 65.5),
        (date(1955, 1, 1), 66.0),
        (date(1955, 7, 1), 66.5),
        (date(1963, 1, 1), 67.0),
        (date(1967, 1, 1), 68.0),
        (date(1971, 1, 1), 69.0),
    ]
    out = np.full(birth_days.shape, 70.0)
    for limit, age in reversed(limits):
        out[birth_days < _day(limit)] = age
    return out


# --------------------------------------------------------------------------------------------
# Organisation tree
# --------------------------------------------------------------------------------------------


@dataclass
class _Tree:
    name: list[str]
    short: list[str]
    kind: list[str]
    parent: list[int]
    type_key: list[str]
    type_idx: list[int]
    manager_title: list[str]
    manager_agreement: list[str]
    institutions: list[int]
    expected_size: list[float]
    first_sub: dict[int, int]

    def add(
        self,
        name: str,
        kind: str,
        parent: int,
        manager_title: str,
        manager_agreement: str,
        *,
        short: str = "",
        type_key: str,
        type_idx: int = -1,
    ) -> int:
        self.name.append(name)
        self.short.append(short)
        self.kind.append(kind)
        self.parent.append(parent)
        self.type_key.append(type_key)
        self.type_idx.append(type_idx)
        self.manager_title.append(manager_title)
        self.manager_agreement.append(manager_agreement)
        return len(self.name) - 1


_SUFFIXES: tuple[str, ...] = nm.DISTRICTS + nm.TOWNS


def _suffix(k: int) -> str:
    return _SUFFIXES[k] if k < len(_SUFFIXES) else str(k + 1)


def _unit_names(rng: np.random.Generator, unit_type: UnitType, n: int) -> list[str]:
    """``n`` distinct names for units of one type ("Plejecenter Solhøj", "Hjemmeplejen Nord")."""
    stems = unit_type.stems
    pattern = unit_type.pattern
    if stems == ("DISTRICT",):
        if n == 1:
            return [pattern.replace(" {}", "")]
        base = [pattern.format(s) for s in _SUFFIXES]
        return [base[i] if i < len(base) else f"{pattern.format('')}{i + 1}" for i in range(n)]
    if stems in {("PLACE",), ("CHILD",), ("SCHOOL",), ("TOWN",)}:
        pool = {
            "PLACE": nm.PLACE_STEMS,
            "CHILD": nm.CHILD_STEMS,
            "SCHOOL": nm.SCHOOL_STEMS,
            "TOWN": nm.TOWNS,
        }[stems[0]]
        base = [pattern.format(pool[i]) for i in rng.permutation(len(pool))]
    elif stems:
        base = [pattern.format(s) for s in stems]
    else:
        base = [pattern]
    out = base[:n]
    for k in range(len(base), n):
        out.append(f"{base[k % len(base)]} {_suffix(k // len(base) - 1)}")
    return out


def units_per_type(employees: int) -> dict[str, int]:
    """How many units of each type a municipality of this size has (see ``UnitType``)."""
    total = sum(t.share for t in UNIT_TYPES)
    counts = {}
    for t in UNIT_TYPES:
        n = round(employees * t.share / total / t.size)
        counts[t.key] = max(n, 1) if t.essential else n
    return counts


def _build_tree(rng: np.random.Generator, employees: int) -> _Tree:
    tree = _Tree([], [], [], [], [], [], [], [], [], [], {})
    counts = units_per_type(employees)
    root = tree.add(
        MUNICIPALITY_NAME, "kommune", -1, TOP_MANAGER_TITLE, CHIEF_AGREEMENT, type_key="kommune"
    )
    forvaltning_units: dict[int, int] = {}
    for area in AREAS:
        types = [(i, t) for i, t in enumerate(UNIT_TYPES) if t.area == area.key and counts[t.key]]
        total = sum(counts[t.key] for _, t in types)
        if not total:
            continue
        if area.forvaltning not in forvaltning_units:
            name, short = FORVALTNINGER[area.forvaltning]
            forvaltning_units[area.forvaltning] = tree.add(
                name,
                "forvaltning",
                root,
                DIRECTOR_TITLE.format(name),
                CHIEF_AGREEMENT,
                short=short,
                type_key="forvaltning",
            )
        n_areas = math.ceil(total / area.max_units)
        area_units = [
            tree.add(
                area.name if n_areas == 1 else f"{area.name} {_suffix(k)}",
                "omraade",
                forvaltning_units[area.forvaltning],
                area.manager_title,
                CHIEF_AGREEMENT,
                type_key="omraade",
            )
            for k in range(n_areas)
        ]
        institutions = [
            (i, t, name) for i, t in types for name in _unit_names(rng, t, counts[t.key])
        ]
        home = rng.permutation(len(institutions)) % n_areas
        for a in range(n_areas):
            for k in np.flatnonzero(home == a).tolist():
                i, t, name = institutions[k]
                unit = tree.add(
                    name,
                    t.kind,
                    area_units[a],
                    t.manager_title,
                    t.manager_agreement,
                    type_key=t.key,
                    type_idx=i,
                )
                size = float(t.size * rng.gamma(4.0, 0.25))
                tree.institutions.append(unit)
                tree.expected_size.append(size)
                if t.sub_units and size >= t.sub_unit_min_size:
                    for sub in t.sub_units:
                        s = tree.add(
                            sub.name,
                            "afdeling",
                            unit,
                            sub.manager_title,
                            "Aftale om aflønning af ledere",
                            type_key=t.key,
                            type_idx=i,
                        )
                        tree.first_sub.setdefault(unit, s)
    return tree


# --------------------------------------------------------------------------------------------
# Positions
# --------------------------------------------------------------------------------------------


@dataclass
class _Slots:
    unit: Int32Array  # the unit of the position at the start of the history
    family: npt.NDArray[np.int8]
    key: Int32Array  # title/agreement group: (unit type, family) or the managed unit
    manager: npt.NDArray[np.bool_]
    title_options: npt.NDArray[np.int16]  # [key, k] → title index
    title_cum: FloatArray  # [key, k] cumulative weights
    key_agreement: npt.NDArray[np.int16]
    titles: tuple[str, ...]
    agreements: tuple[str, ...]
    transfer_units: list[Int32Array]  # per key: the distinct units of that group


def _build_slots(rng: np.random.Generator, tree: _Tree, employees: int) -> _Slots:
    n_units = len(tree.name)
    n_staff = employees - n_units
    if n_staff < employees // 2:
        raise ValueError("Too few employees for the organisation tree.")
    inst = np.asarray(tree.institutions, dtype=np.int32)
    size = np.asarray(tree.expected_size)
    staff_inst = np.repeat(inst, rng.multinomial(n_staff, size / size.sum()))
    type_idx = np.asarray(tree.type_idx, dtype=np.int32)
    staff_type = type_idx[staff_inst]
    n_fam = len(FAMILY_CODES)
    staff_family = np.empty(n_staff, dtype=np.int8)
    for t_idx in np.unique(staff_type).tolist():
        sel = np.flatnonzero(staff_type == t_idx)
        mix = UNIT_TYPES[t_idx].mix
        mix_weights = np.array([w for _, w in mix])
        choice = rng.choice(len(mix), size=len(sel), p=mix_weights / mix_weights.sum())
        staff_family[sel] = np.array([FAMILY_INDEX[f] for f, _ in mix], dtype=np.int8)[choice]
    # Large institutions place their staff in departments that take the family.
    staff_unit = staff_inst.copy()
    first_sub = np.full(n_units, -1, dtype=np.int32)
    for parent_unit, sub in tree.first_sub.items():
        first_sub[parent_unit] = sub
    has_sub = first_sub[staff_inst] >= 0
    for t_idx in np.unique(staff_type[has_sub]).tolist():
        subs = UNIT_TYPES[t_idx].sub_units
        for f in range(n_fam):
            allowed = [k for k, s in enumerate(subs) if FAMILY_CODES[f] in s.families]
            sel = np.flatnonzero(has_sub & (staff_type == t_idx) & (staff_family == f))
            if allowed and len(sel):
                pick = np.asarray(allowed)[rng.integers(len(allowed), size=len(sel))]
                staff_unit[sel] = first_sub[staff_inst[sel]] + pick
    # Titles and agreements per group.
    titles: dict[str, int] = {}
    agreements: dict[str, int] = {}
    options: list[list[int]] = []
    weights: list[list[float]] = []
    key_agreement: list[int] = []

    def new_key(title_weights: tuple[tuple[str, float], ...], agreement: str) -> int:
        options.append([titles.setdefault(t, len(titles)) for t, _ in title_weights])
        weights.append([w for _, w in title_weights])
        key_agreement.append(agreements.setdefault(agreement, len(agreements)))
        return len(options) - 1

    staff_key_of: dict[tuple[int, int], int] = {}
    for t_idx, t in enumerate(UNIT_TYPES):
        for f_code, _ in t.mix:
            profile = FAMILY_PROFILES[f_code]
            staff_key_of[(t_idx, FAMILY_INDEX[f_code])] = new_key(
                t.titles.get(f_code, profile.titles), t.agreements.get(f_code, profile.agreement)
            )
    staff_key = np.array(
        [
            staff_key_of[(t, f)]
            for t, f in zip(staff_type.tolist(), staff_family.tolist(), strict=True)
        ],
        dtype=np.int32,
    )
    manager_key = np.array(
        [
            new_key(((tree.manager_title[u], 1.0),), tree.manager_agreement[u])
            for u in range(n_units)
        ],
        dtype=np.int32,
    )
    width = max(len(o) for o in options)
    title_options = np.zeros((len(options), width), dtype=np.int16)
    title_cum = np.ones((len(options), width))
    for k, (o, w) in enumerate(zip(options, weights, strict=True)):
        title_options[k, : len(o)] = o
        title_cum[k, : len(w)] = np.cumsum(w) / sum(w)
    unit = np.concatenate([np.arange(n_units, dtype=np.int32), staff_unit]).astype(np.int32)
    key = np.concatenate([manager_key, staff_key]).astype(np.int32)
    transfer_units = [np.empty(0, dtype=np.int32) for _ in options]
    order = np.argsort(staff_key, kind="stable")
    bounds = np.flatnonzero(np.diff(staff_key[order])) + 1
    for group in np.split(order, bounds):
        if len(group):
            transfer_units[int(staff_key[group[0]])] = np.unique(staff_unit[group])
    return _Slots(
        unit=unit,
        family=np.concatenate([np.full(n_units, _LEDER, dtype=np.int8), staff_family]),
        key=key,
        manager=np.concatenate([np.ones(n_units, bool), np.zeros(n_staff, bool)]),
        title_options=title_options,
        title_cum=title_cum,
        key_agreement=np.asarray(key_agreement, dtype=np.int16),
        titles=tuple(titles),
        agreements=tuple(agreements),
        transfer_units=transfer_units,
    )


# --------------------------------------------------------------------------------------------
# Workforce over time
# --------------------------------------------------------------------------------------------

_F_PARAMS = [FAMILY_PROFILES[code] for code in FAMILY_CODES]
_HIRE_MEAN = np.array([p.hire_age[0] for p in _F_PARAMS])
_HIRE_SD = np.array([p.hire_age[1] for p in _F_PARAMS])
_HIRE_MIN = np.array([p.hire_age[2] for p in _F_PARAMS])
_HIRE_MAX = np.array([p.hire_age[3] for p in _F_PARAMS])
_FULL_TIME = np.array([p.full_time_share for p in _F_PARAMS])
_FEMALE = np.array([p.female_share for p in _F_PARAMS])
_RESIGN_FACTOR = np.array([p.resignation_factor for p in _F_PARAMS])
_INJURY_FACTOR = np.array([p.injury_factor for p in _F_PARAMS])
_PART_TIME_CARE = np.array([p.part_time == "care" for p in _F_PARAMS])

#: Annual retirement hazard by whole years to folkepensionsalder (−12 … +1; assumption fitted
#: to DOMAIN.md 3.6: most leave in the four years before the pension age).
_RETIRE_RATE = np.array(
    [0, 0, 0, 0, 0.005, 0.01, 0.02, 0.08, 0.13, 0.22, 0.32, 0.45, 1.6, 2.5]
)  # fmt: skip
#: Annual resignation hazard by age band (<25, 25–29, 30–34, 35–44, 45–54, 55–59, 60+).
_RESIGN_AGES = np.array([25, 30, 35, 45, 55, 60])
_RESIGN_RATE = np.array([0.17, 0.13, 0.10, 0.07, 0.045, 0.03, 0.02])
#: Multiplier by seniority (<1, 1–2, 2–5, 5+ years).
_TENURE_YEARS = np.array([1, 2, 5])
_TENURE_FACTOR = np.array([1.7, 1.3, 1.0, 0.75])
_DISMISSAL_RATE = 0.006
_TRANSFER_RATE = 0.02
_OTHER_RATE = 0.003
_TEMP_SHARE = 0.06  # share of new hires on a fixed-term contract (vikariat)
_TEMP_KEPT = 0.35  # share of temporary staff then employed permanently
_BURN_IN_YEARS = 45


@dataclass
class _Work:
    """All employment spells and people produced by the simulation (before sorting)."""

    person: Int32Array
    slot: Int32Array
    unit: Int32Array
    title: npt.NDArray[np.int16]
    hours: npt.NDArray[np.float32]
    start: Int32Array
    end: Int32Array  # _NO_END while open
    reason: npt.NDArray[np.int8]  # −1 while open
    person_birth: Int32Array
    person_family: npt.NDArray[np.int8]
    slots: _Slots


class _Simulation:
    def __init__(self, rng: np.random.Generator, slots: _Slots) -> None:
        self.rng = rng
        self.slots = slots
        n = len(slots.unit)
        self.person = np.zeros(n, dtype=np.int32)
        self.birth = np.zeros(n, dtype=np.int32)
        self.pension = np.zeros(n)
        self.start = np.zeros(n, dtype=np.int32)
        self.fixed_end = np.full(n, _NO_END, dtype=np.int32)
        self.title = np.zeros(n, dtype=np.int16)
        self.hours = np.zeros(n, dtype=np.float32)
        self.unit = slots.unit.copy()
        self.p_birth: list[Int32Array] = []
        self.p_family: list[npt.NDArray[np.int8]] = []
        self.n_people = 0
        self.recording = False
        self.spells: dict[str, list[npt.NDArray[Any]]] = {
            k: [] for k in ("person", "slot", "unit", "title", "hours", "start", "end", "reason")
        }
        transferable = np.array([len(u) > 1 for u in slots.transfer_units])
        self.transferable = ~slots.manager & (slots.family != _ELEV) & transferable[slots.key]

    def hire(self, idx: Int32Array, start: Int32Array) -> None:
        """Fill positions ``idx`` with new people from ``start``."""
        rng, n = self.rng, len(idx)
        fam = self.slots.family[idx]
        age = np.clip(rng.normal(_HIRE_MEAN[fam], _HIRE_SD[fam]), _HIRE_MIN[fam], _HIRE_MAX[fam])
        birth = (start - np.round(age * _YEAR) - rng.integers(0, 365, n)).astype(np.int32)
        ids = np.arange(self.n_people, self.n_people + n, dtype=np.int32)
        self.n_people += n
        self.p_birth.append(birth)
        self.p_family.append(fam)
        self.person[idx] = ids
        self.birth[idx] = birth
        self.pension[idx] = pension_age(birth)
        self.start[idx] = start
        self.unit[idx] = self.slots.unit[idx]
        key = self.slots.key[idx]
        pick = (rng.random(n)[:, None] > self.slots.title_cum[key]).sum(axis=1)
        pick = np.minimum(pick, self.slots.title_options.shape[1] - 1)
        self.title[idx] = self.slots.title_options[key, pick]
        self.hours[idx] = self._hours(fam, self.slots.manager[idx])
        elev = fam == _ELEV
        temp = ~elev & ~self.slots.manager[idx] & (rng.random(n) < _TEMP_SHARE)
        fixed = np.full(n, _NO_END, dtype=np.int64)
        fixed[elev] = start[elev] + rng.integers(540, 1060, elev.sum())
        fixed[temp] = start[temp] + rng.integers(90, 366, temp.sum())
        self.fixed_end[idx] = fixed

    def _hours(self, fam: npt.NDArray[np.int8], manager: npt.NDArray[np.bool_]) -> FloatArray:
        rng, n = self.rng, len(fam)
        full = manager | (rng.random(n) < _FULL_TIME[fam])
        hours = np.full(n, FULL_TIME_HOURS)
        for kind, mask in (("care", _PART_TIME_CARE[fam]), ("standard", ~_PART_TIME_CARE[fam])):
            sel = ~full & mask
            values, weights = PART_TIME_HOURS[kind]
            w = np.asarray(weights)
            hours[sel] = rng.choice(np.asarray(values), size=int(sel.sum()), p=w / w.sum())
        return hours

    def record(self, idx: Int32Array, end: npt.NDArray[Any], reason: npt.NDArray[Any]) -> None:
        if not self.recording or not len(idx):
            return
        s = self.spells
        s["person"].append(self.person[idx].copy())
        s["slot"].append(idx.astype(np.int32))
        s["unit"].append(self.unit[idx].copy())
        s["title"].append(self.title[idx].copy())
        s["hours"].append(self.hours[idx].copy())
        s["start"].append(self.start[idx].copy())
        s["end"].append(np.asarray(end, dtype=np.int32))
        s["reason"].append(np.asarray(reason, dtype=np.int8))

    def step(self, first: int, last: int, limit: int) -> None:
        """Exits and replacements for days ``first``…``last``; new hires start by ``limit``."""
        rng, n = self.rng, len(self.person)
        years = (last - first + 1) / _YEAR
        active = self.start < first
        age = (first - self.birth) / _YEAR
        tenure = (first - self.start) / _YEAR
        to_pension = np.clip(np.floor(age - self.pension).astype(np.int64) + 12, 0, 13)
        rates = np.zeros((n, 6))
        rates[:, _RETIREMENT] = _RETIRE_RATE[to_pension]
        rates[:, _RESIGNATION] = (
            _RESIGN_RATE[np.searchsorted(_RESIGN_AGES, age, side="right")]
            * _TENURE_FACTOR[np.searchsorted(_TENURE_YEARS, tenure, side="right")]
            * _RESIGN_FACTOR[self.slots.family]
        )
        rates[:, _DISMISSAL] = _DISMISSAL_RATE * np.where(tenure < 1, 2.0, 1.0)
        rates[:, _TRANSFER] = _TRANSFER_RATE * self.transferable
        rates[:, _DEATH] = 0.0005 + 0.002 * (age >= 50)
        rates[:, _CONTRACT_END] = _OTHER_RATE  # column reused for "other"; see below
        total = rates.sum(axis=1)
        leaves = active & (rng.random(n) < -np.expm1(-total * years))
        day = first + rng.integers(0, last - first + 1, n)
        fixed = (self.fixed_end <= last) & (self.fixed_end >= self.start)
        by_contract = fixed & (~leaves | (self.fixed_end <= day))
        leaves |= by_contract
        idx = np.flatnonzero(leaves).astype(np.int32)
        if not len(idx):
            return
        cum = np.cumsum(rates[idx], axis=1) / total[idx, None]
        reason = (rng.random(len(idx))[:, None] > cum).sum(axis=1)
        reason = np.where(reason == _CONTRACT_END, _OTHER, np.minimum(reason, 5)).astype(np.int8)
        end = day[idx]
        contract = by_contract[idx]
        end[contract] = self.fixed_end[idx][contract]
        reason[contract] = _CONTRACT_END
        self.record(idx, end, reason)
        # Replacements: the same person (transfer, temp made permanent) or a new hire.
        fam = self.slots.family[idx]
        same = (reason == _TRANSFER) | (
            (reason == _CONTRACT_END) & (fam != _ELEV) & (rng.random(len(idx)) < _TEMP_KEPT)
        )
        keep = idx[same]
        self.start[keep] = end[same] + 1
        self.fixed_end[keep] = _NO_END
        for i in np.flatnonzero(same & (reason == _TRANSFER)).tolist():
            slot = idx[i]
            units = self.slots.transfer_units[self.slots.key[slot]]
            k = int(rng.integers(len(units)))
            if units[k] == self.unit[slot]:
                k = (k + 1) % len(units)
            self.unit[slot] = units[k]
        new = idx[~same]
        gap = np.where(rng.random(len(new)) < 0.4, 0, rng.integers(1, 61, len(new)))
        new_end = end[~same]
        gap = np.minimum(gap, np.maximum(limit - new_end - 1, 0))
        self.hire(new, (new_end + 1 + gap).astype(np.int32))


def _simulate(
    rng: np.random.Generator, tree: _Tree, slots: _Slots, first_day: int, ref_day: int
) -> _Work:
    sim = _Simulation(rng, slots)
    n = len(slots.unit)
    origin = first_day - round(_BURN_IN_YEARS * _YEAR)
    sim.hire(np.arange(n, dtype=np.int32), (origin - rng.integers(0, 365, n)).astype(np.int32))
    for year in range(_BURN_IN_YEARS):
        lo = origin + round(year * _YEAR)
        hi = origin + round((year + 1) * _YEAR) - 1
        sim.step(lo, min(hi, first_day - 1), first_day - 1)
    # The history: month by month. Hires start by the reference date at the latest.
    sim.recording = True
    year, month = _date(first_day).year, _date(first_day).month
    while True:
        following = (year + month // 12, month % 12 + 1)
        lo = max(_day(date(year, month, 1)), first_day)
        hi = min(_day(date(*following, 1)) - 1, ref_day - 1)
        if lo > hi:
            break
        sim.step(lo, hi, ref_day)
        year, month = following
    # Employments still open on the reference date (a fixed term may end later).
    idx = np.arange(n, dtype=np.int32)
    open_fixed = sim.fixed_end != _NO_END
    sim.record(
        idx,
        np.where(open_fixed, sim.fixed_end, _NO_END),
        np.where(open_fixed, _CONTRACT_END, -1),
    )
    spells = {k: np.concatenate(v) for k, v in sim.spells.items()}
    # Only people with an employment in the history are kept; renumber them 0…P-1.
    used = np.unique(spells["person"])
    person = np.searchsorted(used, spells["person"]).astype(np.int32)
    return _Work(
        person=person,
        slot=spells["slot"],
        unit=spells["unit"],
        title=spells["title"],
        hours=spells["hours"],
        start=spells["start"],
        end=spells["end"],
        reason=spells["reason"],
        person_birth=np.concatenate(sim.p_birth)[used],
        person_family=np.concatenate(sim.p_family)[used],
        slots=slots,
    )


# --------------------------------------------------------------------------------------------
# People, employments and units
# --------------------------------------------------------------------------------------------


def _weighted_table(
    lists: tuple[tuple[tuple[str, float], ...], ...],
) -> tuple[tuple[str, ...], list[tuple[Int32Array, FloatArray]]]:
    table: dict[str, int] = {}
    out = []
    for names in lists:
        idx = np.array([table.setdefault(n, len(table)) for n, _ in names], dtype=np.int32)
        w = np.array([w for _, w in names], dtype=float)
        out.append((idx, w / w.sum()))
    return tuple(table), out


def _make_people(rng: np.random.Generator, work: _Work) -> People:
    n = len(work.person_birth)
    female = rng.random(n) < _FEMALE[work.person_family]
    born = work.person_birth.astype("datetime64[D]")
    older = born < np.datetime64("1975-01-01")
    first_names, groups = _weighted_table(
        (nm.WOMEN_OLDER, nm.WOMEN_YOUNGER, nm.MEN_OLDER, nm.MEN_YOUNGER)
    )
    first = np.zeros(n, dtype=np.int32)
    masks = (female & older, female & ~older, ~female & older, ~female & ~older)
    for mask, (idx, p) in zip(masks, groups, strict=True):
        first[mask] = idx[rng.choice(len(idx), size=int(mask.sum()), p=p)]
    last_names, ((last_idx, last_p),) = _weighted_table((nm.LAST_NAMES,))
    last = last_idx[rng.choice(len(last_idx), size=n, p=last_p)]
    return People(
        first_name_idx=first,
        last_name_idx=last,
        first_names=first_names,
        last_names=last_names,
        birth_date=born,
        female=female,
    )


def _make_employments(work: _Work, slots: _Slots) -> tuple[Employments, Int32Array]:
    order = np.lexsort((work.start, work.person)).astype(np.int32)
    end = work.end[order]
    return (
        Employments(
            person_id=(work.person[order] + 1).astype(np.int32),
            org_unit_id=(work.unit[order] + 1).astype(np.int32),
            job_family=slots.family[work.slot[order]],
            title=work.title[order],
            titles=slots.titles,
            agreement=slots.key_agreement[slots.key[work.slot[order]]],
            agreements=slots.agreements,
            weekly_hours=work.hours[order].astype(np.float32),
            start_date=work.start[order].astype("datetime64[D]"),
            end_date=_to_dates(end, _NO_END),
            end_reason=work.reason[order],
        ),
        order,
    )


def _make_org_units(
    tree: _Tree, work: _Work, order: Int32Array, employments: Employments
) -> OrgUnits:
    n = len(tree.name)
    ids = np.arange(1, n + 1, dtype=np.int64)
    parent = np.asarray(tree.parent, dtype=np.int64)
    paths: list[str] = []
    depth = np.zeros(n, dtype=np.int64)
    for i in range(n):  # parents come before children
        p = tree.parent[i]
        paths.append(f"{paths[p] if p >= 0 else '/'}{i + 1}/")
        depth[i] = depth[p] + 1 if p >= 0 else 0
    # The manager of a unit is whoever holds its manager position on the reference date.
    manager = np.zeros(n, dtype=np.int64)
    still_open = work.reason[order] < 0
    slot = work.slot[order]
    mgr = still_open & work.slots.manager[slot]
    manager[slot[mgr]] = employments.person_id[mgr]
    first_start = employments.start_date.min().astype(object)
    return OrgUnits(
        id=ids,
        parent_id=np.where(parent >= 0, parent + 1, 0),
        name=tree.name,
        short_name=tree.short,
        kind=tree.kind,
        path=paths,
        depth=depth,
        cost_center=[str(10000 + i) for i in ids.tolist()],
        manager_person_id=manager,
        unit_type=tree.type_key,
        valid_from=date(first_start.year, 1, 1),
    )


# --------------------------------------------------------------------------------------------
# Absence
# --------------------------------------------------------------------------------------------

#: Relative rate of sickness starting in each month, January first (assumption: winter peak,
#: summer holiday trough).
SEASON = np.array([1.30, 1.35, 1.20, 1.00, 0.90, 0.80, 0.55, 0.80, 1.00, 1.05, 1.10, 1.05])
#: Episode length classes (assumption): 1–3 working days, 4–14, 15–30, 31–56, 57+ calendar
#: days; probabilities by age (<30, 30–49, 50+): older people have fewer, longer episodes.
_CLASS_P = np.array(
    [
        [0.70, 0.22, 0.050, 0.020, 0.010],
        [0.62, 0.27, 0.065, 0.030, 0.015],
        [0.52, 0.31, 0.080, 0.050, 0.040],
    ]
)
_EPISODES_PER_YEAR = 2.0  # before calibration; thinned down to the KRL level per family
_FRAILTY_SHAPE = 1.0
_PARTIAL_AFTER_LONG = 0.45
_INJURY_RATE = 0.015
_CHILD_SICK_RATE = 1.3
_CHUNK_EMPLOYMENTS = 250_000


def _season_starts(
    rng: np.random.Generator,
    lo: npt.NDArray[Any],
    hi: npt.NDArray[Any],
    month_of: Int32Array,
    base: int,
) -> IntArray:
    """Random days in ``[lo, hi]`` weighted by ``SEASON`` (rejection sampling)."""
    out = np.empty(len(lo), dtype=np.int64)
    todo = np.arange(len(lo))
    weight = SEASON / SEASON.max()
    while len(todo):
        day = lo[todo] + (rng.random(len(todo)) * (hi[todo] - lo[todo] + 1)).astype(np.int64)
        ok = rng.random(len(todo)) < weight[month_of[day - base]]
        out[todo[ok]] = day[ok]
        todo = todo[~ok]
    return out


def _weekday(days: npt.NDArray[Any]) -> IntArray:
    """Move weekend days to the following Monday."""
    dt = days.astype("datetime64[D]")
    return np.busday_offset(dt, 0, roll="forward").astype(np.int64)  # type: ignore[no-any-return]


def _add_workdays(days: npt.NDArray[Any], n: npt.NDArray[Any]) -> IntArray:
    return np.busday_offset(days.astype("datetime64[D]"), n, roll="forward").astype(np.int64)  # type: ignore[no-any-return]


def workdays(start: npt.NDArray[Any], end: npt.NDArray[Any]) -> IntArray:
    """Monday–Friday days from ``start`` to ``end`` inclusive (day numbers or dates)."""
    s = np.asarray(start).astype("datetime64[D]")
    e = np.asarray(end).astype("datetime64[D]") + np.timedelta64(1, "D")
    return np.busday_count(s, e).astype(np.int64)  # type: ignore[no-any-return]


def _make_absences(
    rng: np.random.Generator, emp: Employments, people: People, first_day: int, ref_day: int
) -> AbsencePeriods:
    n_emp = len(emp)
    start = emp.start_date.astype(np.int64)
    end = np.where(np.isnat(emp.end_date), np.iinfo(np.int64).max, emp.end_date.astype(np.int64))
    lo = np.maximum(start, first_day)
    hi = np.minimum(end, ref_day)
    person = emp.person_id.astype(np.int64) - 1
    birth = people.birth_date.astype(np.int64)[person]
    family = emp.job_family.astype(np.int64)
    hours = emp.weekly_hours.astype(np.float64)
    frailty = rng.gamma(_FRAILTY_SHAPE, 1 / _FRAILTY_SHAPE, len(people))[person]
    base = first_day - 400
    days = np.arange(base, ref_day + 800)
    month_of = (days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) % 12).astype(
        np.int32
    )
    # Full-time equivalents in the window, per family (the calibration's denominator).
    window_years = np.maximum(hi - lo + 1, 0) / _YEAR
    fte_years = np.bincount(family, window_years * hours / FULL_TIME_HOURS, len(FAMILY_CODES))
    chunks: list[dict[str, npt.NDArray[Any]]] = []
    # Chunks end on a person boundary so that overlaps can be removed chunk by chunk.
    bounds = [0]
    while bounds[-1] < n_emp:
        b = min(bounds[-1] + _CHUNK_EMPLOYMENTS, n_emp)
        while b < n_emp and person[b] == person[b - 1]:
            b += 1
        bounds.append(b)
    for a, b in itertools.pairwise(bounds):
        chunks.append(
            _absence_chunk(
                rng,
                slice(a, b),
                lo=lo,
                hi=hi,
                end=end,
                person=person,
                birth=birth,
                family=family,
                hours=hours,
                frailty=frailty,
                ref_day=ref_day,
                month_of=month_of,
                base=base,
            )
        )
    # Concatenate column by column, freeing each chunk's column as it goes.
    cols = {k: np.concatenate([c.pop(k) for c in chunks]) for k in list(chunks[0])}
    del chunks
    # Calibrate own sickness per family to KRL 2019 by thinning whole episodes.
    counted = cols["type"] != _CHILD
    fam = family[cols["emp"]]
    realised = np.bincount(fam[counted], cols["day_eq"][counted], len(FAMILY_CODES))
    target = np.asarray(KRL_TARGET_DAYS) * fte_years
    keep_p = np.divide(target, realised, out=np.ones_like(target), where=realised > 0)
    keep = ~counted | (cols["u"] < np.minimum(keep_p, 1.0)[fam])
    emp_idx = cols["emp"][keep]
    stop = cols["end"][keep]
    return AbsencePeriods(
        person_id=(person[emp_idx] + 1).astype(np.int32),
        employment_id=(emp_idx + 1).astype(np.int32),
        absence_type=cols["type"][keep].astype(np.int8),
        start_date=cols["start"][keep].astype("datetime64[D]"),
        end_date=_to_dates(stop, -1),
        hours_per_day=cols["hpd"][keep].astype(np.float32),
    )


def _absence_chunk(
    rng: np.random.Generator,
    rows: slice,
    *,
    lo: IntArray,
    hi: IntArray,
    end: IntArray,
    person: IntArray,
    birth: IntArray,
    family: IntArray,
    hours: FloatArray,
    frailty: FloatArray,
    ref_day: int,
    month_of: Int32Array,
    base: int,
) -> dict[str, npt.NDArray[Any]]:
    e_idx = np.arange(rows.start, rows.stop)
    e_idx = e_idx[hi[e_idx] >= lo[e_idx]]
    years = (hi[e_idx] - lo[e_idx] + 1) / _YEAR
    mid_age = ((lo[e_idx] + hi[e_idx]) / 2 - birth[e_idx]) / _YEAR
    fam = family[e_idx]
    age_band = np.searchsorted(np.array([30, 50]), mid_age, side="right")
    young = np.where(mid_age < 30, 1.15, 1.0)
    # Own sickness: enough episodes that calibration only ever thins.
    lam_sick = _EPISODES_PER_YEAR * np.asarray(KRL_TARGET_DAYS)[fam] / 10.0 * young
    n_sick = rng.poisson(lam_sick * frailty[e_idx] * years)
    n_injury = rng.poisson(_INJURY_RATE * _INJURY_FACTOR[fam] * years)
    parent_p = np.interp(mid_age, [20, 25, 30, 42, 48, 52], [0.0, 0.25, 0.6, 0.6, 0.2, 0.0])
    n_child = rng.poisson(_CHILD_SICK_RATE * years * (rng.random(len(e_idx)) < parent_p))
    parts = []
    for kind, counts in ((_SICK, n_sick), (_INJURY, n_injury), (_CHILD, n_child)):
        emp = np.repeat(e_idx, counts)
        band = np.repeat(age_band, counts)
        m = len(emp)
        start = _weekday(_season_starts(rng, lo[emp], hi[emp], month_of, base))
        if kind == _CHILD:
            stop = _add_workdays(start, rng.integers(0, 2, m))
        else:
            cum = np.cumsum(_CLASS_P, axis=1)[band]
            if kind == _INJURY:
                cum = np.cumsum(np.array([0.30, 0.40, 0.20, 0.06, 0.04]))[None, :].repeat(m, 0)
            cls = np.minimum((rng.random(m)[:, None] > cum).sum(axis=1), 4)
            length = np.select(
                [cls == 1, cls == 2, cls == 3, cls == 4],
                [
                    rng.integers(4, 15, m),
                    rng.integers(15, 31, m),
                    rng.integers(31, 57, m),
                    np.clip(rng.lognormal(np.log(95), 0.5, m), 57, 365).astype(np.int64),
                ],
                0,
            )
            short = cls == 0
            n_work = rng.choice(3, size=m, p=[0.45, 0.30, 0.25])
            stop = np.where(short, _add_workdays(start, n_work), start + length - 1)
        parts.append(
            {
                "emp": emp,
                "type": np.full(m, kind, dtype=np.int8),
                "start": start,
                "end": stop,
                "hpd": np.full(m, np.nan),
                "u": rng.random(m),
            }
        )
        if kind == _SICK:
            # Gradual return after some long periods: partial sickness, a few hours a day.
            long = np.flatnonzero((stop - start + 1 > 30) & (rng.random(m) < _PARTIAL_AFTER_LONG))
            p_emp = emp[long]
            p_start = stop[long] + 1
            daily = hours[p_emp] / 5
            hpd = np.maximum(np.round(daily * rng.uniform(0.3, 0.7, len(long)) * 2) / 2, 1.0)
            parts.append(
                {
                    "emp": p_emp,
                    "type": np.full(len(long), _PARTIAL, dtype=np.int8),
                    "start": p_start,
                    "end": p_start + rng.integers(14, 85, len(long)) - 1,
                    "hpd": hpd,
                    "u": parts[-1]["u"][long],  # thinned together with its sickness period
                }
            )
    c = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    # Inside the employment and the history; still running on the reference date: open.
    c["end"] = np.minimum(c["end"], end[c["emp"]])
    ok = (c["start"] >= lo[c["emp"]]) & (c["start"] <= hi[c["emp"]]) & (c["end"] >= c["start"])
    c = {k: v[ok] for k, v in c.items()}
    # No overlaps for one person: drop a period that starts before every earlier one has ended
    # (a day apart, except partial sickness straight after its sickness period).
    p = person[c["emp"]]
    order = np.lexsort((c["type"], c["start"], p))
    c = {k: v[order] for k, v in c.items()}
    p = p[order]
    shift = np.int64(1 << 22)
    key = p * shift + (c["end"] - base)
    running = np.maximum.accumulate(key)
    prev_end = np.full(len(key), np.iinfo(np.int64).min)
    same = np.zeros(len(key), dtype=bool)
    same[1:] = p[1:] == p[:-1]
    prev_end[1:] = running[:-1] - p[1:] * shift + base
    gap = np.where(c["type"] == _PARTIAL, 1, 2)
    ok = ~same | (c["start"] >= prev_end + gap)
    c = {k: v[ok] for k, v in c.items()}
    # Day-equivalents (7.4 hours) up to the reference date, for the calibration.
    counted_end = np.minimum(c["end"], ref_day)
    wd = workdays(c["start"], counted_end)
    per_day = np.where(
        c["type"] == _PARTIAL, c["hpd"] / DAY_HOURS, hours[c["emp"]] / FULL_TIME_HOURS
    )
    c["day_eq"] = wd * per_day
    c["end"] = np.where(c["end"] >= ref_day, -1, c["end"])
    # Compact types: the chunks of a large demo are held until calibration.
    compact = {"emp": np.int32, "type": np.int8, "start": np.int32, "end": np.int32}
    return {k: v.astype(compact.get(k, np.float32)) for k, v in c.items()}
