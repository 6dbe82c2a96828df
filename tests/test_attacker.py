"""The attacker test: an analyst fetches every aggregate Charlie publishes
about a random organisation — every grouping, every level of the unit tree, parent and child,
every window the API allows and windows that overlap — and tries to solve for a group of fewer
people than the minimum by adding and subtracting what was published.

How, for the absence figures: every published additive measure (sickness day-equivalents,
periods, period days, contracted day-equivalents …) of a cell is a sum over *atoms*, one per
employment and month. The test builds, from the data it made, which atoms each published cell
covers (and checks that model against what was published: the cell's head count must be the
number of distinct people among its atoms, its sick days the sum of theirs). Atoms that every
published cell treats alike are merged into blocks; a set of blocks can be solved for exactly
when its indicator lies in the row space of the published cells (linear algebra; blocks with
nobody in them do not exist, so every empty combination is a known zero). The test tries every
set of blocks holding 1 … minimum − 1 distinct people. The same for the head counts of today
(organisation tree, the front page table and the workforce plan), with one atom per person.

Everything is fetched through the real API and services, as the analyst, on a real database.
The random organisations are seeded, so a failure can be replayed.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import itertools
import random
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest
from django.core.cache import cache

from charlie.absence import stats
from charlie.absence.models import AbsencePeriod
from charlie.people.models import Employment, JobFamily, OrgUnitKind, Person
from charlie.people.tests.factories import EmploymentFactory, PersonFactory, org_unit

MONTHS = [date(2025, m, 1) for m in range(1, 5)]  # January–April 2025: the horizon
FAMILIES = ("sosu", "paedagog", "administration")
BY = ("unit", "job_family", "age_band", "month", "quarter", "year")
SEEDS = range(8)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


# --- A random organisation -------------------------------------------------------------------


def make_organisation(seed: int) -> None:
    """4–9 units at up to four levels, 14–30 people placed at every level (a director alone at
    the top, often), some moving unit or job family mid-month, leaving or joining inside the
    horizon, birthdays that change age band, and sickness inside and across months."""
    rng = random.Random(seed)
    top = org_unit("Kommunen", OrgUnitKind.MUNICIPALITY)
    units = [top]
    for i in range(rng.randint(3, 8)):
        parent = rng.choice(units[: max(1, len(units))])
        kind = OrgUnitKind.ADMINISTRATION if parent is top else OrgUnitKind.DEPARTMENT
        units.append(org_unit(f"Enhed {i}", kind, parent))
    families = [JobFamily.objects.get(code=code) for code in FAMILIES]
    first, last = MONTHS[0], month_end(MONTHS[-1])
    for n in range(rng.randint(14, 30)):
        birth = date(rng.randint(1960, 2000), rng.choice([1, 2, 3, 4, 7, 11]), rng.randint(1, 28))
        person = PersonFactory(birth_date=birth)
        unit = top if n == 0 else rng.choice(units)
        family = rng.choice(families)
        start = date(2020, 1, 1) if rng.random() < 0.8 else first + timedelta(rng.randint(0, 110))
        end = None
        if rng.random() < 0.15:
            end = first + timedelta(rng.randint(10, 115))
            end = end if end > start else None
        spells = [(unit, family, start, end)]
        if end is None and rng.random() < 0.2:  # a move mid-month to another unit or family
            move = first + timedelta(rng.randint(15, 100))
            if move > start:
                spells = [
                    (unit, family, start, move - timedelta(days=1)),
                    (rng.choice(units), rng.choice(families), move, None),
                ]
        for unit_, family_, start_, end_ in spells:
            EmploymentFactory(
                person=person,
                org_unit=unit_,
                job_family=family_,
                start_date=start_,
                end_date=end_,
                weekly_hours=Decimal(rng.choice(["37", "37", "30", "18.5"])),
            )
        for _ in range(rng.randint(0, 3)):
            s = first + timedelta(rng.randint(-10, 115))
            length = rng.choice([1, 2, 3, 5, 9, 20, 40])
            e = s + timedelta(days=length - 1)
            if not AbsencePeriod.objects.filter(
                person=person, start_date__lte=e, end_date__gte=s
            ).exists():
                AbsencePeriod.objects.create(
                    person=person, absence_type="sickness", start_date=s, end_date=e
                )
    assert first < last


# --- Atoms and the analyst's view of the absence figures ---------------------------------------


@dataclasses.dataclass(frozen=True)
class Atom:
    employment: int
    person: int
    month: date


@dataclasses.dataclass
class Data:
    atoms: list[Atom]
    unit_of: dict[int, int]  # employment → unit
    family_of: dict[int, int]  # employment → job family
    band_of: dict[tuple[int, date], int]  # (person, month) → age band at the month's end
    ancestors: dict[int, set[int]]  # unit → itself and its ancestors
    sick: dict[Atom, float]  # sickness day-equivalents of the atom


def atoms_of_the_data() -> Data:
    employments = list(
        Employment.objects.values_list(
            "pk",
            "person_id",
            "org_unit_id",
            "job_family_id",
            "start_date",
            "end_date",
            "weekly_hours",
        )
    )
    births = dict(Person.objects.values_list("pk", "birth_date"))
    atoms = []
    for pk, person, _unit, _family, start, end, _hours in employments:
        for month in MONTHS:
            if start <= month_end(month) and (end is None or end >= month):
                atoms.append(Atom(pk, person, month))
    band_of = {}
    for person, birth in births.items():
        for month in MONTHS:
            on = month_end(month)
            age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
            band_of[(person, month)] = bisect.bisect_right(stats.DEFAULT_AGE_BAND_EDGES, age)
    from charlie.people.models import OrgUnit

    paths = dict(OrgUnit.objects.values_list("pk", "path"))
    ancestors = {pk: {int(p) for p in path.strip("/").split("/")} for pk, path in paths.items()}
    # Sick days per employment and month, from the pure statistics (the definitions, not the
    # disclosure control): group by "unit" = the employment's own id.
    index = {pk: i for i, (pk, *_rest) in enumerate(employments)}
    persons = sorted({e[1] for e in employments})
    p_index = {p: i for i, p in enumerate(persons)}
    periods = list(
        AbsencePeriod.objects.values_list("person_id", "absence_type", "start_date", "end_date")
    )
    columns = stats.EmploymentColumns(
        person=np.array([p_index[e[1]] for e in employments]),
        unit=np.array([index[e[0]] for e in employments]),
        job_family=np.zeros(len(employments), dtype=np.int64),
        weekly_hours=np.array([float(e[6]) for e in employments]),
        start=np.array([e[4] for e in employments], dtype="datetime64[D]"),
        end=np.array(["NaT" if e[5] is None else e[5] for e in employments], dtype="datetime64[D]"),
        birth_date=np.array([births[e[1]] for e in employments], dtype="datetime64[D]"),
    )
    type_index = {name: i for i, name in enumerate(stats.ABSENCE_TYPES)}
    period_columns = stats.PeriodColumns(
        person=np.array([p_index.get(p[0], -1) for p in periods], dtype=np.int64),
        type_code=np.array([type_index[p[1]] for p in periods], dtype=np.int64),
        start=np.array([p[2] for p in periods], dtype="datetime64[D]"),
        end=np.array([p[3] for p in periods], dtype="datetime64[D]"),
        hours_per_day=np.full(len(periods), np.nan),
    )
    keep = period_columns.person >= 0
    period_columns = stats.PeriodColumns(
        *(getattr(period_columns, f.name)[keep] for f in dataclasses.fields(period_columns))
    )
    f = stats.compute_figures(
        period_columns, columns, MONTHS[0], month_end(MONTHS[-1]), by=("month", "unit")
    )
    sick_by = {
        (employments[int(u)][0], date.fromisoformat(str(m)[:10])): float(v)
        for m, u, v in zip(f.keys["month"], f.keys["unit"], f.sickness_de, strict=True)
    }
    return Data(
        atoms=atoms,
        unit_of={e[0]: e[2] for e in employments},
        family_of={e[0]: e[3] for e in employments},
        band_of=band_of,
        ancestors=ancestors,
        sick={a: sick_by.get((a.employment, a.month), 0.0) for a in atoms},
    )


@dataclasses.dataclass
class Cell:
    where: str
    atoms: list[int]  # indices into Data.atoms
    headcount: int | None
    sick: float | None


def months_of(first: date, last: date) -> list[date]:
    return [m for m in MONTHS if first <= m <= last]


def fetch_absence_cells(client, data: Data) -> list[Cell]:
    """Every figure the API gives the analyst for every window of whole months in the horizon
    (they overlap in every way) and every grouping, as cells over atoms."""
    families = dict(JobFamily.objects.values_list("name", "pk"))
    band_labels = stats.age_band_labels(stats.DEFAULT_AGE_BAND_EDGES)
    cells = []
    for i, j in itertools.combinations_with_replacement(range(len(MONTHS)), 2):
        first, last = MONTHS[i], month_end(MONTHS[j])
        for by in BY:
            answer = client.get(
                "/api/v1/absence/stats",
                {"from": first.isoformat(), "to": last.isoformat(), "by": by},
            )
            assert answer.status_code == 200, answer.content
            body = answer.json()
            window = months_of(date.fromisoformat(body["from"]), date.fromisoformat(body["to"]))
            for group in [*body["groups"], body["total"]]:
                if group["suppressed"]:
                    continue
                key = group["group"]
                members = []
                for a, atom in enumerate(data.atoms):
                    if atom.month not in window:
                        continue
                    if (
                        "unit" in key
                        and int(key["unit"]) not in data.ancestors[data.unit_of[atom.employment]]
                    ):
                        continue
                    if (
                        "job_family" in key
                        and families[key["job_family"]] != data.family_of[atom.employment]
                    ):
                        continue
                    if (
                        "age_band" in key
                        and band_labels[data.band_of[(atom.person, atom.month)]] != key["age_band"]
                    ):
                        continue
                    if by in ("month", "quarter", "year") and key:
                        label = key[by]
                        year = int(label[:4])
                        if by == "month":
                            span = [date(year, int(label[5:7]), 1)]
                        elif by == "quarter":
                            q = int(label[-1])
                            span = [date(year, 3 * (q - 1) + k, 1) for k in (1, 2, 3)]
                        else:
                            span = [date(year, k, 1) for k in range(1, 13)]
                        if atom.month not in span:
                            continue
                    members.append(a)
                cells.append(
                    Cell(
                        f"{first}–{last} by {by} {key or 'total'}",
                        members,
                        group["headcount"],
                        group["sickness_day_equivalents"],
                    )
                )
    return cells


# --- The attack ----------------------------------------------------------------------------------


def solvable_small_groups(cells: list[Cell], person_of: list[int], min_size: int) -> list[str]:
    """Sets of blocks with 1 … min_size − 1 distinct people whose indicator lies in the row
    space of the published cells."""
    n = len(person_of)
    a = np.zeros((len(cells), n))
    for r, cell in enumerate(cells):
        a[r, cell.atoms] = 1.0
    # Blocks: atoms that every published cell treats alike (identical columns).
    columns, block_of = np.unique(a.T, axis=0, return_inverse=True)
    block_of = block_of.ravel()
    people = [set() for _ in columns]
    for atom, block in enumerate(block_of.tolist()):
        people[block].add(person_of[atom])
    blocks = columns.T  # cells × blocks
    if not blocks.size:
        return []
    _u, s, vt = np.linalg.svd(blocks, full_matrices=False)
    basis = vt[: int((s > 1e-9 * max(1.0, s[0])).sum())].T  # blocks × rank
    small = [b for b, p in enumerate(people) if 0 < len(p) < min_size]
    found = []
    for size in range(1, min_size):
        for combo in itertools.combinations(small, size):
            union = set().union(*(people[b] for b in combo))
            if len(union) >= min_size:
                continue
            projected = basis[list(combo)].sum(axis=0)
            if size - float(projected @ projected) < 1e-7:
                found.append(f"{len(union)} people: blocks {combo}")
    return found


def check_the_model(cells: list[Cell], data: Data) -> list[str]:
    """The test's model of each cell against what was published."""
    wrong = []
    for cell in cells:
        persons = {data.atoms[a].person for a in cell.atoms}
        if cell.headcount is not None and cell.headcount != len(persons):
            wrong.append(f"{cell.where}: head count {cell.headcount}, model {len(persons)}")
        model = sum(data.sick[data.atoms[a]] for a in cell.atoms)
        if cell.sick is not None and abs(cell.sick - model) > 0.05 + 1e-9 * model:
            wrong.append(f"{cell.where}: sick days {cell.sick}, model {model:.2f}")
    return wrong


@pytest.fixture
def analyst(client, db):
    from charlie.core.roles import Role
    from charlie.people.tests.factories import UserFactory

    client.force_login(UserFactory(username="attacker", role=Role.ANALYST))
    return client


@pytest.fixture(params=["exact audit", "certificate"])
def engine(request, monkeypatch):
    """Small releases are audited exactly; large ones (a real municipality) by the certificate.
    The attack runs against both."""
    from charlie.core import disclosure

    if request.param == "certificate":
        monkeypatch.setattr(disclosure, "EXACT_AUDIT_LIMIT", 0)
    return request.param


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_no_small_group_can_be_solved_for_from_the_absence_figures(analyst, settings, engine, seed):
    settings.CHARLIE_MIN_GROUP_SIZE = min_size = 3 + seed % 2
    cache.clear()
    make_organisation(seed)
    data = atoms_of_the_data()
    cells = fetch_absence_cells(analyst, data)
    shown_units = [c for c in cells if " by unit {'unit'" in c.where]
    assert len(cells) > 60 and shown_units  # the attack has something to work with
    leaks = solvable_small_groups(cells, [a.person for a in data.atoms], min_size)
    assert not leaks, f"seed {seed}: the analyst can solve for {leaks[:5]}"
    assert not check_the_model(cells, data)


@pytest.mark.django_db
def test_windows_that_differ_by_a_day_are_the_same_published_window(analyst):
    """1 January–31 March and 1 January–30 March would differ by 31 March alone."""
    make_organisation(1)
    a = analyst.get(
        "/api/v1/absence/stats", {"from": "2025-01-01", "to": "2025-03-31", "by": "unit"}
    )
    b = analyst.get(
        "/api/v1/absence/stats", {"from": "2025-01-01", "to": "2025-03-30", "by": "unit"}
    )
    one_day = analyst.get(
        "/api/v1/absence/stats", {"from": "2025-03-31", "to": "2025-03-31", "by": "year"}
    ).json()
    assert a.json()["groups"] == b.json()["groups"]
    assert (b.json()["from"], b.json()["to"]) == ("2025-01-01", "2025-03-31")
    assert (one_day["from"], one_day["to"]) == ("2025-03-01", "2025-03-31")


# --- Today's head counts: organisation tree, front page table, workforce plan ------------------


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(4))
def test_no_small_group_can_be_solved_for_from_todays_headcounts(analyst, settings, engine, seed):
    from charlie.people import services as people
    from charlie.people.models import OrgUnit
    from charlie.workforce import services as workforce

    settings.CHARLIE_MIN_GROUP_SIZE = min_size = 3
    cache.clear()
    make_organisation(100 + seed)
    today = people.today()
    # One atom per person: their largest current employment (most hours, the oldest on a tie).
    primary: dict[int, tuple[int, int]] = {}
    for person, unit, family in (
        Employment.objects.filter(start_date__lte=today)
        .exclude(end_date__lt=today)
        .order_by("person_id", "-weekly_hours", "pk")
        .values_list("person_id", "org_unit_id", "job_family_id")
    ):
        primary.setdefault(person, (unit, family))
    persons = sorted(primary)
    paths = dict(OrgUnit.objects.values_list("pk", "path"))
    ancestors = {pk: [int(p) for p in path.strip("/").split("/")] for pk, path in paths.items()}

    def forvaltning(unit: int) -> int | None:
        chain = ancestors[unit]
        return chain[1] if len(chain) > 1 else None

    cells: list[Cell] = []

    def cell(where, test, headcount):
        if headcount is not None:
            atoms = [i for i, p in enumerate(persons) if test(*primary[p])]
            cells.append(Cell(where, atoms, headcount, None))

    for row in analyst.get("/api/v1/org-units").json():
        cell(
            f"org unit {row['name']}", lambda u, f, r=row: r["id"] in ancestors[u], row["headcount"]
        )
    names = {u.name: u.pk for u in OrgUnit.objects.all()}
    families = {f.name: f.pk for f in JobFamily.objects.all()}
    table = people.headcount_overview_table()
    columns = [names.get(label) for label in table.column_labels]  # None: Øverste niveau
    for row in table.rows:
        fam = families[row["label"]]
        cell(f"table {row['label']}", lambda u, f, fam=fam: f == fam, row["total"])
        for column, value in zip(columns, row["cells"], strict=True):
            cell(
                f"table {row['label']} × {column}",
                lambda u, f, fam=fam, c=column: f == fam and forvaltning(u) == c,
                value,
            )
    for column, value in zip(columns, table.column_totals, strict=True):
        cell(f"table column {column}", lambda u, f, c=column: forvaltning(u) == c, value)
    cell("table total", lambda u, f: True, table.total)
    from charlie.core.models import User

    user = User.objects.get(username="attacker")
    access = people.access_for(user)
    plan = workforce.plan(access, workforce.create_illustrative_scenario(), runs=100)
    codes = dict(JobFamily.objects.values_list("code", "pk"))
    for row in plan.rows["job_family"]:
        cell(f"plan {row.key}", lambda u, f, fam=codes[row.key]: f == fam, row.base_headcount)
    for row in plan.rows["forvaltning"]:
        column = int(row.key) or None
        cell(f"plan {row.label}", lambda u, f, c=column: forvaltning(u) == c, row.base_headcount)
    cell("plan total", lambda u, f: True, plan.total().base_headcount)
    assert cells
    leaks = solvable_small_groups(cells, list(range(len(persons))), min_size)
    assert not leaks, f"seed {seed}: the analyst can solve for {leaks[:5]}"
    for c in cells:  # the test's model of each figure is the one published
        assert c.headcount == len(c.atoms), (seed, c.where, c.headcount, len(c.atoms))
