"""The pure demo generator: determinism and the distributions it promises (no database)."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pytest

from charlie.demo.generator import (
    ABSENCE_TYPES,
    END_REASONS,
    FAMILY_CODES,
    FAMILY_INDEX,
    KRL_TARGET_DAYS,
    DemoData,
    generate,
    pension_age,
    units_per_type,
    workdays,
)

REF = date(2026, 6, 30)
N = 5000


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return generate(employees=N, seed=7, reference_date=REF)


@pytest.fixture(scope="module")
def small() -> DemoData:
    return generate(employees=300, seed=1, reference_date=REF)


def _arrays(data: DemoData) -> dict[str, object]:
    out: dict[str, object] = {}
    for part in ("org_units", "people", "employments", "absences"):
        obj = getattr(data, part)
        for name in obj.__slots__:
            out[f"{part}.{name}"] = getattr(obj, name)
    return out


def _equal(a: object, b: object) -> bool:
    if isinstance(a, np.ndarray):
        return bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fM"))  # type: ignore[arg-type]
    return a == b


def test_same_seed_gives_identical_data(small: DemoData) -> None:
    again = generate(employees=300, seed=1, reference_date=REF)
    first, second = _arrays(small), _arrays(again)
    assert first.keys() == second.keys()
    for key in first:
        assert _equal(first[key], second[key]), key


def test_different_seed_gives_different_data(small: DemoData) -> None:
    other = generate(employees=300, seed=2, reference_date=REF)
    assert not np.array_equal(small.people.birth_date, other.people.birth_date)
    assert len(small.absences) != len(other.absences) or not np.array_equal(
        small.absences.start_date, other.absences.start_date
    )


def test_exactly_n_current_employees_one_employment_each(demo: DemoData) -> None:
    current = demo.employments.current(REF)
    people = demo.employments.person_id[current]
    assert current.sum() == N
    assert len(np.unique(people)) == N
    # Headcount is roughly stable over the ten years.
    assert abs(demo.employments.current(demo.history_start).sum() - N) < 0.05 * N


def test_org_tree_paths_depths_and_managers(demo: DemoData) -> None:
    units = demo.org_units
    assert units.name[0] == "Demo Kommune" and units.parent_id[0] == 0
    assert units.path[0] == "/1/" and units.depth[0] == 0
    for i in range(1, len(units)):
        parent = units.parent_id[i] - 1
        assert 0 <= parent < i
        assert units.path[i] == f"{units.path[parent]}{units.id[i]}/"
        assert units.depth[i] == units.depth[parent] + 1
    assert {units.name[i] for i in range(len(units)) if units.depth[i] == 1} >= {
        "Social og Sundhed",
        "Børn og Unge",
        "Økonomi og Administration",
    }
    # Sibling names are unique.
    siblings = {(int(p), n) for p, n in zip(units.parent_id, units.name, strict=True)}
    assert len(siblings) == len(units)
    # Every unit has a manager: a person currently employed there as a leder.
    e = demo.employments
    current = e.current(REF)
    leder = e.job_family == FAMILY_INDEX["leder"]
    managed = {
        (int(u), int(p))
        for u, p in zip(e.org_unit_id[current & leder], e.person_id[current & leder], strict=True)
    }
    for uid, manager in zip(units.id, units.manager_person_id, strict=True):
        assert (int(uid), int(manager)) in managed


def test_number_of_units_scales_with_size(small: DemoData, demo: DemoData) -> None:
    assert len(demo.org_units) > 2.5 * len(small.org_units)
    totals = [sum(units_per_type(n).values()) for n in (1_800, 45_000, 500_000)]
    assert totals[0] < totals[1] / 10 < totals[2] / 100


def test_job_families_fit_the_units(demo: DemoData) -> None:
    e = demo.employments
    kinds = np.asarray(demo.org_units.unit_type, dtype=object)[e.org_unit_id - 1]
    families = np.asarray(FAMILY_CODES, dtype=object)[e.job_family]
    assert set(families[kinds == "skole"]) <= {
        "laerer", "paedagog", "paedagogmedhjaelper", "administration", "teknisk_service",
        "rengoering", "leder",
    }  # fmt: skip
    assert (families[kinds == "plejecenter"] == "sosu").mean() > 0.5
    assert set(families[np.isin(kinds, ["hr", "oekonomi", "it"])]) <= {
        "administration",
        "akademiker",
        "leder",
    }


def _current_ages(data: DemoData) -> np.ndarray:
    e = data.employments
    current = e.current(REF)
    birth = data.people.birth_date[e.person_id[current] - 1]
    return (np.datetime64(REF) - birth).astype(np.int64) / 365.25


def test_age_distribution_of_current_staff(demo: DemoData) -> None:
    ages = _current_ages(demo)
    assert 43 <= ages.mean() <= 47  # DOMAIN.md 4.1: 44.6–45.1
    assert 0.18 <= (ages >= 55).mean() <= 0.32  # DOMAIN.md 4.2: 25 % aged 55+
    assert ages.min() >= 17 and ages.max() < 72


def test_full_time_share_and_hours(demo: DemoData) -> None:
    e = demo.employments
    current = e.current(REF)
    hours = e.weekly_hours[current]
    assert 0.4 <= (hours >= 37).mean() <= 0.6  # DOMAIN.md 4.1: 47 % full time
    part = hours[hours < 37]
    assert ((part >= 25) & (part <= 34)).mean() >= 0.6
    sosu = e.weekly_hours[current & (e.job_family == FAMILY_INDEX["sosu"])]
    assert (sosu < 37).mean() > 0.7  # 8 in 10 part time in elder care
    assert (hours > 0).all() and (hours <= 80).all()


def test_gender_balance_by_family(demo: DemoData) -> None:
    e = demo.employments
    female = demo.people.female[e.person_id - 1]
    for code, low, high in (
        ("sosu", 0.75, 1.0),
        ("paedagog", 0.65, 0.95),
        ("haandvaerker", 0.0, 0.2),
    ):
        share = female[e.job_family == FAMILY_INDEX[code]].mean()
        assert low <= share <= high, code
    assert set(np.unique(demo.people.gender)) == {"K", "M"}


def test_exits_retirement_ages_and_resignations(demo: DemoData) -> None:
    e = demo.employments
    ended = ~np.isnat(e.end_date) & (e.end_date < np.datetime64(REF))
    assert (e.end_reason[ended] >= 0).all()
    age_at_end = (e.end_date - demo.people.birth_date[e.person_id - 1]).astype(
        "timedelta64[D]"
    ).astype(np.float64) / 365.25
    retired = ended & (e.end_reason == END_REASONS.index("retirement"))
    assert retired.sum() > 0.015 * N * 10 / 2
    ages = age_at_end[retired]
    assert ((ages >= 62) & (ages < 67)).mean() >= 0.6  # DOMAIN.md 3.6
    assert ages.min() >= 55
    resigned = ended & (e.end_reason == END_REASONS.index("resignation"))
    assert age_at_end[resigned].mean() < _current_ages(demo).mean() - 3
    tenure = (e.end_date - e.start_date).astype(np.int64) / 365.25
    assert np.median(tenure[resigned]) < np.median(tenure[retired])
    contract = ended & (e.end_reason == END_REASONS.index("contract_end"))
    assert contract.sum() > 0
    # Yearly turnover is plausible (10–20 %).
    assert 0.10 <= ended.sum() / 10 / N <= 0.20


def test_pension_age_by_birth_date() -> None:
    births = np.array(
        [date(1953, 12, 31), date(1954, 3, 1), date(1954, 9, 1), date(1955, 3, 1),
         date(1960, 1, 1), date(1965, 1, 1), date(1969, 1, 1), date(1971, 1, 1)],
        dtype="datetime64[D]",
    ).astype(np.int64)  # fmt: skip
    assert pension_age(births).tolist() == [65, 65.5, 66, 66.5, 67, 68, 69, 70]


def test_people_names_emails_and_numbers(demo: DemoData) -> None:
    p = demo.people
    emails = p.email()
    assert len(set(emails)) == len(p)
    pattern = re.compile(r"^[a-z0-9-]+\.[a-z0-9-]+\.\d+@demo-kommune\.dk$")
    assert all(pattern.match(m) for m in emails[:2000])
    assert len(set(p.employee_number())) == len(p)
    firsts = set(p.first_name())
    assert {"Anne", "Lars"} & firsts and len(firsts) > 50
    assert "Jensen" in set(p.last_name())


def _sorted_periods(data: DemoData) -> tuple[np.ndarray, ...]:
    a = data.absences
    order = np.lexsort((a.start_date, a.person_id))
    return a.person_id[order], a.start_date[order], a.end_date[order]


def test_absence_periods_do_not_overlap(demo: DemoData) -> None:
    person, start, end = _sorted_periods(demo)
    same = person[1:] == person[:-1]
    # An open period is the last of its person.
    assert not (np.isnat(end[:-1]) & same).any()
    prev_end = end[:-1]
    assert (start[1:][same] > prev_end[same]).all()


def test_absence_inside_employment_and_history(demo: DemoData) -> None:
    a, e = demo.absences, demo.employments
    emp = a.employment_id - 1
    assert (e.person_id[emp] == a.person_id).all()
    assert (a.start_date >= e.start_date[emp]).all()
    assert (a.start_date >= np.datetime64(demo.history_start)).all()
    assert (a.start_date <= np.datetime64(REF)).all()
    ended = ~np.isnat(a.end_date)
    assert (a.end_date[ended] >= a.start_date[ended]).all()
    assert (a.end_date[ended] < np.datetime64(REF)).all()
    emp_ended = ended & ~np.isnat(e.end_date[emp])
    assert (a.end_date[emp_ended] <= e.end_date[emp][emp_ended]).all()
    # Open periods belong to employments that are current on the reference date.
    assert e.current(REF)[emp[~ended]].all()


def test_absence_types_lengths_and_ongoing(demo: DemoData) -> None:
    a = demo.absences
    kinds = set(np.asarray(ABSENCE_TYPES)[a.absence_type])
    assert kinds == {"sickness", "partial_sickness", "child_sick", "work_injury"}
    partial = a.absence_type == ABSENCE_TYPES.index("partial_sickness")
    assert not np.isnan(a.hours_per_day[partial]).any()
    assert np.isnan(a.hours_per_day[~partial]).all()
    weekly = demo.employments.weekly_hours[a.employment_id - 1]
    assert (a.hours_per_day[partial] < weekly[partial] / 5).all()
    sick = a.absence_type == ABSENCE_TYPES.index("sickness")
    closed = sick & ~np.isnat(a.end_date)
    length = (a.end_date[closed] - a.start_date[closed]).astype(np.int64) + 1
    assert (length <= 5).mean() > 0.5  # many short periods (1–3 working days)
    assert (length > 30).sum() > 0 and (length > 56).sum() > 0
    ongoing = np.isnat(a.end_date).sum()
    assert 0 < ongoing < 0.12 * N
    assert (a.absence_type == ABSENCE_TYPES.index("work_injury")).mean() < 0.02


def test_winter_has_more_sickness_than_summer(demo: DemoData) -> None:
    a = demo.absences
    sick = a.absence_type != ABSENCE_TYPES.index("child_sick")
    start = a.start_date[sick]
    end = np.where(np.isnat(a.end_date[sick]), np.datetime64(REF), a.end_date[sick])
    by_month = np.zeros(12)
    for month in np.arange(np.datetime64("2017-01"), np.datetime64("2026-01")):
        lo = month.astype("datetime64[D]")
        hi = (month + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
        s, t = np.maximum(start, lo), np.minimum(end, hi)
        ok = t >= s
        by_month[int(month.astype(np.int64)) % 12] += workdays(s[ok], t[ok]).sum()
    assert by_month[0:3].mean() > 1.2 * by_month[5:8].mean()


def test_sickness_level_per_family_follows_krl_2019(demo: DemoData) -> None:
    """Days per full-time employee in the last full year, as DOMAIN.md 2.1 defines them."""
    a, e = demo.absences, demo.employments
    year = REF.year - 1
    lo, hi = np.datetime64(f"{year}-01-01"), np.datetime64(f"{year}-12-31")
    # Full-time equivalents: weekly hours / 37, for the part of the year employed.
    s = np.maximum(e.start_date, lo)
    t = np.where(np.isnat(e.end_date), hi, np.minimum(e.end_date, hi))
    share = np.maximum((t - s).astype(np.int64) + 1, 0) / 365
    n_fam = len(FAMILY_CODES)
    fte = np.bincount(e.job_family, share * e.weekly_hours / 37, n_fam)
    # Day-equivalents of 7.4 hours: working days × hours per day / 7.4.
    counted = a.absence_type != ABSENCE_TYPES.index("child_sick")
    s = np.maximum(a.start_date, lo)
    t = np.minimum(np.where(np.isnat(a.end_date), np.datetime64(REF), a.end_date), hi)
    ok = counted & (t >= s)
    emp = a.employment_id[ok] - 1
    per_day = np.where(
        a.absence_type[ok] == ABSENCE_TYPES.index("partial_sickness"),
        a.hours_per_day[ok] / 7.4,
        e.weekly_hours[emp] / 37,
    )
    days = np.bincount(e.job_family[emp], workdays(s[ok], t[ok]) * per_day, n_fam)
    level = days / fte
    target = np.asarray(KRL_TARGET_DAYS)
    assert abs(days.sum() / fte.sum() - 12.1) < 1.5
    # Families with enough full-time equivalents for a yearly figure to be stable: long
    # periods make one year's level vary by about ±10 % around the target.
    big = fte >= 250
    assert big.sum() >= 5
    assert (np.abs(level[big] / target[big] - 1) < 0.35).all(), dict(
        zip(np.asarray(FAMILY_CODES)[big], level[big].round(1), strict=True)
    )
    # The ordering of the KRL figures survives: SOSU well above akademikere.
    assert level[FAMILY_INDEX["sosu"]] > level[FAMILY_INDEX["akademiker"]] + 5


def test_too_small_is_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        generate(employees=50, seed=1, reference_date=REF)
