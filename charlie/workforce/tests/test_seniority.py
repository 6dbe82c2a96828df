"""Seniority in the exit model: counted from the stay, fitted as factors, used in the projection."""

from __future__ import annotations

import numpy as np
import pytest

from charlie.workforce import history, model, projection
from charlie.workforce.history import OPEN, Panel, Spells, day_number


def spells(rows: list[tuple[int, str, str]]) -> Spells:
    """Rows of ``(person, start, end)`` (ISO dates; "" = running), all in one family."""
    n = len(rows)

    def day(text: str) -> int:
        if not text:
            return int(OPEN)
        year, month, dd = (int(p) for p in text.split("-"))
        return day_number(year, month, dd)

    return Spells(
        person=np.array([r[0] for r in rows], dtype=np.int64),
        birth_year=np.full(n, 1980, dtype=np.int64),
        pension_year=np.full(n, 2050, dtype=np.int64),
        family=np.zeros(n, dtype=np.int64),
        unit=np.zeros(n, dtype=np.int64),
        fte=np.ones(n),
        start=np.array([day(r[1]) for r in rows], dtype=np.int64),
        end=np.array([day(r[2]) for r in rows], dtype=np.int64),
        retirement=np.zeros(n, dtype=bool),
    )


def test_tenure_counts_the_first_januaries_of_the_stay():
    data = spells(
        [
            (1, "2020-03-01", ""),  # hired during 2020: 1 January 2021 is their first
            (2, "2020-01-01", ""),  # hired on 1 January 2020: that day is their first
            (3, "2018-05-01", "2020-06-30"),  # a transfer keeps the stay (and its seniority)
            (3, "2020-07-01", ""),
        ]
    )
    panel = history.panel(data, range(2021, 2023))
    rows = zip(panel.year, panel.person, panel.tenure, strict=True)
    got = {(int(y), int(p)): int(t) for y, p, t in rows}
    # Person 1: 2021 − 2020 = 1, then 2. Person 2: 2021 − 2019 = 2, then 3. Person 3: stay from
    # 1 May 2018: 2021 − 2018 = 3, then 4.
    assert got == {
        (2021, 1): 1,
        (2021, 2): 2,
        (2021, 3): 3,
        (2022, 1): 2,
        (2022, 2): 3,
        (2022, 3): 4,
    }
    assert model.tenure_class(np.array([1, 2, 3, 5, 6, 40])).tolist() == [0, 1, 2, 2, 3, 3]


def test_the_factors_recover_how_much_more_new_staff_leave():
    """10,000 new (tenure 1) leave at 20 % and 30,000 long-serving (tenure 10) at 5 %, same
    family and age: the factors are 4 : 1 and average 1 over the exposure:
    rate × (10,000·f₀ + 30,000·f₃) = 2,000 + 1,500 with f₀ = 4·f₃ and (10,000·f₀ + 30,000·f₃) /
    40,000 = 1 → f₃ = 40,000 / 70,000 = 0.5714, f₀ = 2.2857, rate = 3,500 / 40,000 = 0.0875."""
    new, old = 10_000, 30_000
    n = new + old
    exit_code = np.zeros(n, dtype=np.int8)
    exit_code[:2_000] = history.OTHER  # 20 % of the new
    exit_code[new : new + 1_500] = history.OTHER  # 5 % of the long-serving
    panel = Panel(
        year=np.full(n, 2024, dtype=np.int64),
        person=np.arange(n, dtype=np.int64),
        birth_year=np.full(n, 1980, dtype=np.int64),
        pension_year=np.full(n, 2050, dtype=np.int64),
        family=np.zeros(n, dtype=np.int64),
        unit=np.zeros(n, dtype=np.int64),
        fte=np.ones(n),
        exit=exit_code,
        tenure=np.r_[np.ones(new, dtype=np.int64), np.full(old, 10, dtype=np.int64)],
    )
    fitted = model.fit(panel, 1, (2024,), k=30)
    assert fitted.tenure[0] == pytest.approx(40 / 17.5, rel=1e-3)
    assert fitted.tenure[3] == pytest.approx(40 / 70, rel=1e-3)
    assert fitted.tenure[0] / fitted.tenure[3] == pytest.approx(4, rel=1e-3)
    p_r, p_o = fitted.rates(
        np.zeros(2, dtype=np.int64),
        np.full(2, 1980),
        np.full(2, 2050),
        2024,
        np.array([1, 10]),
    )
    assert p_o.tolist() == pytest.approx([0.20, 0.05], rel=1e-2)
    assert p_r.tolist() == pytest.approx([0.0, 0.0], abs=1e-6)


def exit_model(other_rate: float, tenure: list[float]) -> model.ExitModel:
    """A model without retirement and with a fixed other-exit rate (huge Beta counts)."""
    big = 1e9
    n_ytp, n_bands = model.N_YTP, len(model.AGE_BANDS)
    return model.ExitModel(
        retirement=model.BetaRates(
            alpha=np.full((1, n_ytp), 1e-9),
            beta=np.full((1, n_ytp), big),
            events=np.zeros((1, n_ytp)),
            exposure=np.full((1, n_ytp), big),
        ),
        other=model.BetaRates(
            alpha=np.full((1, n_bands), other_rate * big),
            beta=np.full((1, n_bands), (1 - other_rate) * big),
            events=np.full((1, n_bands), other_rate * big),
            exposure=np.full((1, n_bands), big),
        ),
        hire_ages=np.eye(1, len(model.HIRE_AGES), 3),  # every recruit 32
        years=(2024,),
        k=30.0,
        tenure=np.array(tenure),
    )


def run(stock: projection.Stock, fitted: model.ExitModel, demand: float) -> projection.Result:
    groups = projection.Groups(
        family=np.zeros(1, dtype=np.int64),
        keys={"job_family": np.zeros(1, dtype=np.int64)},
        labels={"job_family": ["x"]},
    )
    years = [2027, 2028, 2029]
    wanted = np.full((len(years), 1), demand)
    return projection.project(
        stock, groups, fitted, wanted, years, lambda b: b + 70, runs=400, seed=3
    )


def test_new_staff_leave_by_their_factor_and_settle_as_they_stay():
    """1,000 people in their first year, factor 2 (then 1.5, 1, 0.5), base rate 10 %, demand 0:
    expected exits 200 in 2027, 800 × 0.15 = 120 in 2028, 680 × 0.10 = 68 in 2029."""
    stock = projection.Stock(
        group=np.zeros(1, dtype=np.int64),
        birth_year=np.array([1990]),
        heads=np.array([1000]),
        fte=np.array([1000.0]),
        tenure=np.array([1]),
    )
    result = run(stock, exit_model(0.10, [2.0, 1.5, 1.0, 0.5]), demand=0)
    means = result.runs["exits"][:, :, 0].mean(axis=0)
    assert means.tolist() == pytest.approx([200, 120, 68], rel=0.03)
    # Long-serving staff (seniority 6+) get the last factor; unknown seniority the average, 1.
    veterans = projection.Stock(
        group=np.zeros(1, dtype=np.int64),
        birth_year=np.array([1990]),
        heads=np.array([1000]),
        fte=np.array([1000.0]),
        tenure=np.array([6]),
    )
    unknown = projection.Stock(
        group=np.zeros(1, dtype=np.int64),
        birth_year=np.array([1990]),
        heads=np.array([1000]),
        fte=np.array([1000.0]),
    )
    fitted = exit_model(0.10, [2.0, 1.5, 1.0, 0.5])
    assert run(veterans, fitted, 0).runs["exits"][:, 0, 0].mean() == pytest.approx(50, rel=0.05)
    assert run(unknown, fitted, 0).runs["exits"][:, 0, 0].mean() == pytest.approx(100, rel=0.05)


def test_recruits_leave_more_than_the_staff_they_replace():
    """Long-serving staff kept at 1,000: the recruits of 2027 (factor 2 in 2028) raise 2028's
    exits above what a model without seniority gives."""
    stock = projection.Stock(
        group=np.zeros(1, dtype=np.int64),
        birth_year=np.array([1990]),
        heads=np.array([1000]),
        fte=np.array([1000.0]),
        tenure=np.array([10]),
    )
    with_seniority = run(stock, exit_model(0.10, [2.0, 1.5, 1.0, 0.5]), demand=1000)
    exits = with_seniority.runs["exits"][:, :, 0].mean(axis=0)
    # 2027: 1,000 × 0.05 = 50 leave, 50 recruits. 2028: 950 × 0.05 + 50 × 0.20 = 57.5.
    assert exits[0] == pytest.approx(50, rel=0.05)
    assert exits[1] == pytest.approx(57.5, rel=0.05)
    flat = run(stock, exit_model(0.10, [1.0, 1.0, 1.0, 1.0]), demand=1000)
    assert flat.runs["exits"][:, 1, 0].mean() == pytest.approx(100, rel=0.05)
