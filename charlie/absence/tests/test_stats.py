"""Absence statistics (charlie.absence.stats): hand-worked figures and Hypothesis properties.

Working days used below (see charlie/core/tests/test_calendar.py for the counts):
2024 has 254; January 2024 has 22 (23 weekdays − nytårsdag); February 2024 has 21 (29 days from
a Thursday: 21 weekdays, no holidays); so 1 March–31 December 2024 has 254 − 22 − 21 = 211.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charlie.absence import stats
from charlie.absence.stats import (
    ABSENCE_TYPES,
    Category,
    EmploymentColumns,
    PeriodColumns,
    absence_day_equivalents,
    absence_rate,
    compute_figures,
    contracted_day_equivalents,
    daily_day_equivalents,
    days_per_full_time_employee,
    full_time_employees,
    is_long_period,
    period_count_year,
    period_length_days,
    periods_per_full_year_employee,
    possible_day_equivalents,
    roll_up,
)

D = dt.date
T = {name: i for i, name in enumerate(ABSENCE_TYPES)}
Y2024 = (D(2024, 1, 1), D(2024, 12, 31))
NAT = None


def dates(*values):
    return np.array(["NaT" if v is None else v.isoformat() for v in values], dtype="datetime64[D]")


def employments(rows):
    """rows: (person, unit, job_family, weekly_hours, start, end, birth)."""
    cols = list(zip(*rows, strict=True))
    return EmploymentColumns(
        person=np.array(cols[0]),
        unit=np.array(cols[1]),
        job_family=np.array(cols[2]),
        weekly_hours=np.array(cols[3], dtype=float),
        start=dates(*cols[4]),
        end=dates(*cols[5]),
        birth_date=dates(*cols[6]),
    )


def periods(rows):
    """rows: (person, type name, start, end, hours_per_day or None)."""
    if not rows:
        return PeriodColumns(
            person=np.zeros(0, dtype=int),
            type_code=np.zeros(0, dtype=int),
            start=dates(),
            end=dates(),
            hours_per_day=np.zeros(0),
        )
    cols = list(zip(*rows, strict=True))
    return PeriodColumns(
        person=np.array(cols[0]),
        type_code=np.array([T[t] for t in cols[1]]),
        start=dates(*cols[2]),
        end=dates(*cols[3]),
        hours_per_day=np.array([np.nan if h is None else h for h in cols[4]], dtype=float),
    )


# ---------------------------------------------------------------- scalar definitions


def test_day_equivalents_of_one_day():
    assert daily_day_equivalents(37) == pytest.approx(1.0)  # 7.4 h ÷ 7.4
    assert daily_day_equivalents(18.5) == pytest.approx(0.5)  # 3.7 h ÷ 7.4
    assert daily_day_equivalents(37, 3.7) == pytest.approx(0.5)  # partial: 3.7 h ÷ 7.4
    # Partial hours are capped at the daily hours: 18.5/5 = 3.7 h, not 6 h.
    assert daily_day_equivalents(18.5, 6) == pytest.approx(0.5)


def test_absence_day_equivalents_hand_worked():
    # Mon 8 – Sun 14 Jan 2024: 5 working days × 1.0 (full time) = 5.0
    assert absence_day_equivalents(D(2024, 1, 8), D(2024, 1, 14), *Y2024, weekly_hours=37) == 5
    # Part time 30 h: 5 × 30/37 = 4.0541
    assert absence_day_equivalents(
        D(2024, 1, 8), D(2024, 1, 14), *Y2024, weekly_hours=30
    ) == pytest.approx(150 / 37)
    # Partial sickness 2 h/day, full time: 5 × 2/7.4 = 1.3514
    assert absence_day_equivalents(
        D(2024, 1, 8), D(2024, 1, 12), *Y2024, weekly_hours=37, hours_per_day=2
    ) == pytest.approx(10 / 7.4)
    # Across new year, window 2024: 1/1 holiday, Tue 2 – Fri 5 Jan = 4 days.
    assert absence_day_equivalents(D(2023, 12, 27), D(2024, 1, 5), *Y2024, weekly_hours=37) == 4
    # The same period in 2023: Wed 27, Thu 28, Fri 29 Dec = 3 days.
    assert (
        absence_day_equivalents(
            D(2023, 12, 27), D(2024, 1, 5), D(2023, 1, 1), D(2023, 12, 31), weekly_hours=37
        )
        == 3
    )
    # Outside the window: 0.
    assert absence_day_equivalents(D(2022, 1, 3), D(2022, 1, 7), *Y2024, weekly_hours=37) == 0


def test_store_bededag_counts_up_to_2023_only():
    # Mon 1 – Sun 7 May 2023: 5 weekdays − store bededag (Fri 5 May) = 4.
    week_2023 = (D(2023, 5, 1), D(2023, 5, 7))
    assert absence_day_equivalents(*week_2023, *week_2023, weekly_hours=37) == 4
    # Mon 22 – Sun 28 April 2024: Fri 26 April is an ordinary working day now: 5.
    week_2024 = (D(2024, 4, 22), D(2024, 4, 28))
    assert absence_day_equivalents(*week_2024, *week_2024, weekly_hours=37) == 5


def test_contracted_and_possible_day_equivalents():
    # 18.5 h from 1 March 2024, open-ended: 211 working days × 18.5/37 = 105.5
    assert contracted_day_equivalents(D(2024, 3, 1), None, *Y2024, weekly_hours=18.5) == 105.5
    # Full time all year: 254. Three weeks' holiday (15 days) leave 239 possible.
    assert contracted_day_equivalents(D(2010, 1, 1), None, *Y2024, weekly_hours=37) == 254
    assert possible_day_equivalents(254, 15) == 239


def test_rates_and_per_employee_figures():
    assert absence_rate(5, 239) == pytest.approx(0.02092, abs=1e-5)
    assert math.isnan(absence_rate(0, 0))
    assert full_time_employees(254, 254) == 1
    assert days_per_full_time_employee(12.5, 2.5) == 5
    assert periods_per_full_year_employee(3, 1.5) == 2
    # KRL consistency check (DOMAIN.md 2.3): 13.2 days per FTE at 5.8 % ⇔ ≈ 228 possible days.
    assert pytest.approx(227.6, abs=0.1) == 13.2 / 0.058


def test_period_length_year_and_short_long():
    # 20 Dec 2023 – 10 Jan 2024: 12 days in December + 10 in January = 22 calendar days.
    assert period_length_days(D(2023, 12, 20), D(2024, 1, 10)) == 22
    assert period_count_year(D(2024, 1, 10)) == 2024  # counted in the year it ends
    assert period_count_year(None) is None  # unfinished: not counted yet
    # Default threshold 28: 28 days is short, 29 long.
    assert not is_long_period(D(2024, 2, 1), D(2024, 2, 28))
    assert is_long_period(D(2024, 2, 1), D(2024, 2, 29))
    assert is_long_period(D(2024, 2, 1), D(2024, 2, 15), threshold_days=14)


def test_classification_covers_every_type_and_the_model():
    assert set(stats.DEFAULT_CLASSIFICATION) == set(ABSENCE_TYPES)
    by_category = {
        c: {t for t, k in stats.DEFAULT_CLASSIFICATION.items() if k == c} for c in Category
    }
    # Danmarks Statistik's four causes (DOMAIN.md 2.1), each apart.
    assert by_category[Category.OWN_SICKNESS] == {"sickness", "partial_sickness"}
    assert by_category[Category.WORK_INJURY] == {"work_injury"}
    assert by_category[Category.CHILD_SICKNESS] == {"child_sick", "child_hospital"}
    assert by_category[Category.PARENTAL_LEAVE] == {"parental_leave"}
    # Neither work nor absence: out of the denominator. Barsel is not among them.
    assert by_category[Category.TIME_OFF] == {
        "holiday",
        "sixth_week",
        "unpaid_leave",
        "care_day",
        "senior_day",
    }
    assert set(stats.SICKNESS_CAUSES) == {Category.OWN_SICKNESS, Category.WORK_INJURY}


def test_barsel_stays_in_the_denominator_hand_worked():
    """DOMAIN.md 2.1: barsel is absence in Danmarks Statistik's fraværsstatistik, so it stays in
    the denominator ("possible = worked + absence" over all four causes).

    A unit of two full-time employees in March 2024, which has 19 working days (21 weekdays −
    skærtorsdag 28/3 − langfredag 29/3). Person 0 is on barsel all month; person 1 is sick on
    Mon 4 and Tue 5 March.

    - contracted = 2 × 19 × 37/37 = 38 day-equivalents; no time off, so possible = 38;
    - sickness = 2; barsel = 19;
    - sickness rate = 2 ÷ 38 = 5.26 % (taking barsel out would give 2 ÷ 19 = 10.53 %);
    - barsel rate = 19 ÷ 38 = 50 %; all causes = 21 ÷ 38 = 55.26 %; worked = 38 − 21 = 17.
    """
    emp = employments(
        [
            (0, 0, 0, 37, D(2020, 1, 1), NAT, D(1990, 1, 1)),
            (1, 0, 0, 37, D(2020, 1, 1), NAT, D(1985, 1, 1)),
        ]
    )
    per = periods(
        [
            (0, "parental_leave", D(2024, 1, 15), D(2024, 9, 30), None),
            (1, "sickness", D(2024, 3, 4), D(2024, 3, 5), None),
        ]
    )
    f = compute_figures(per, emp, D(2024, 3, 1), D(2024, 3, 31))
    assert f.contracted_de[0] == 38
    assert f.time_off_de[0] == 0
    assert f.possible_de[0] == 38
    assert f.sickness_de[0] == 2
    assert f.parental_leave_de[0] == 19
    assert f.rate[0] == pytest.approx(2 / 38)
    assert round(f.rate[0] * 100, 1) == 5.3
    assert f.parental_leave_rate[0] == pytest.approx(0.5)
    assert f.absence_rate[0] == pytest.approx(21 / 38)
    assert f.worked_de[0] == 17


def test_the_four_causes_share_one_denominator_hand_worked():
    """Each of Danmarks Statistik's four causes is its day-equivalents ÷ the same possible
    day-equivalents (DOMAIN.md 2.1); the headline sickness rate adds work injury to own
    sickness; holiday alone leaves the denominator.

    One full-time employee, March 2024 (19 working days, see above):

    - own sickness Mon 4 – Wed 6 (3 days), work injury Mon 11 – Tue 12 (2), child's 1st sick
      day Wed 13 (1), barsel Mon 18 – Fri 22 (5), holiday Mon 25 – Wed 27 (3; Thu 28 and
      Fri 29 are holidays), course Fri 1 (worked);
    - possible = 19 − 3 (holiday) = 16;
    - own 3/16 = 18.75 %, work injury 2/16 = 12.5 %, child 1/16 = 6.25 %, barsel 5/16 =
      31.25 %; headline (own + work injury) 5/16 = 31.25 %; all four 11/16 = 68.75 %;
    - worked = 16 − 11 = 5 (Fri 1 course, Thu 7, Fri 8, Thu 14, Fri 15).
    """
    emp = employments([(0, 0, 0, 37, D(2020, 1, 1), NAT, D(1990, 1, 1))])
    per = periods(
        [
            (0, "course", D(2024, 3, 1), D(2024, 3, 1), None),
            (0, "sickness", D(2024, 3, 4), D(2024, 3, 6), None),
            (0, "work_injury", D(2024, 3, 11), D(2024, 3, 12), None),
            (0, "child_sick", D(2024, 3, 13), D(2024, 3, 13), None),
            (0, "parental_leave", D(2024, 3, 18), D(2024, 3, 22), None),
            (0, "holiday", D(2024, 3, 25), D(2024, 3, 27), None),
        ]
    )
    f = compute_figures(per, emp, D(2024, 3, 1), D(2024, 3, 31))
    assert f.possible_de[0] == 16
    assert f.own_sickness_rate[0] == pytest.approx(3 / 16)
    assert f.work_injury_rate[0] == pytest.approx(2 / 16)
    assert f.child_sickness_rate[0] == pytest.approx(1 / 16)
    assert f.parental_leave_rate[0] == pytest.approx(5 / 16)
    assert f.rate[0] == pytest.approx(5 / 16)
    assert f.absence_rate[0] == pytest.approx(11 / 16)
    assert f.worked_de[0] == 5
    # Both sickness periods are counted (own and work injury); child's sickness and barsel not.
    assert f.sickness_periods[0] == 2


# ---------------------------------------------------------------- grouped figures, by hand

EMPLOYMENTS = employments(
    [
        # A: full time all year, unit 0, family 0, born 1 July 1994 (30 on 1 July 2024).
        (0, 0, 0, 37, D(2015, 1, 1), NAT, D(1994, 7, 1)),
        # B: 18.5 h from 1 March 2024, unit 1, no job family, born 1970.
        (1, 1, -1, 18.5, D(2024, 3, 1), NAT, D(1970, 1, 1)),
    ]
)
PERIODS = periods(
    [
        (0, "sickness", D(2024, 1, 8), D(2024, 1, 12), None),  # 5 days × 1.0
        (0, "holiday", D(2024, 7, 1), D(2024, 7, 19), None),  # 15 days × 1.0 = leave
        (1, "partial_sickness", D(2024, 3, 4), D(2024, 3, 8), 2.0),  # 5 × 2/7.4
        (1, "child_sick", D(2024, 4, 2), D(2024, 4, 2), None),  # 1 × 0.5
        (1, "course", D(2024, 5, 6), D(2024, 5, 6), None),  # worked
    ]
)


def test_yearly_totals_hand_worked():
    f = compute_figures(PERIODS, EMPLOYMENTS, *Y2024)
    assert len(f) == 1
    assert f.headcount.tolist() == [2]
    assert f.working_days.tolist() == [254]
    # contracted: A 254 × 1 + B 211 × 0.5 = 359.5
    assert f.contracted_de[0] == pytest.approx(359.5)
    # sickness: 5 + 10/7.4 = 6.35135; child sickness 0.5; leave 15
    assert f.sickness_de[0] == pytest.approx(5 + 10 / 7.4)
    assert f.child_sickness_de[0] == pytest.approx(0.5)
    assert f.time_off_de[0] == pytest.approx(15)
    # possible = 359.5 − 15 = 344.5; worked = 344.5 − 6.35135 − 0.5 = 337.6486
    assert f.possible_de[0] == pytest.approx(344.5)
    assert f.worked_de[0] == pytest.approx(344.5 - (5 + 10 / 7.4) - 0.5)
    # rate = 6.35135 / 344.5 = 1.8437 %
    assert f.rate[0] == pytest.approx((5 + 10 / 7.4) / 344.5)
    # FTE = 359.5 / 254 = 1.4154; days per FTE = 6.35135 / 1.4154 = 4.4873
    assert f.fte[0] == pytest.approx(359.5 / 254)
    assert f.days_per_fte[0] == pytest.approx((5 + 10 / 7.4) / (359.5 / 254))
    # Full-year employees (not hours-weighted): (254 + 211) / 254 = 1.8307
    assert f.full_year_employees[0] == pytest.approx(465 / 254)
    # Two sickness periods of 5 calendar days each, both short.
    assert f.sickness_periods.tolist() == [2]
    assert f.short_periods.tolist() == [2]
    assert f.long_periods.tolist() == [0]
    assert f.average_period_days[0] == 5
    assert f.periods_per_full_year_employee[0] == pytest.approx(2 / (465 / 254))
    # Every period is in periods_by_type, one each.
    assert f.periods_by_type.sum() == 5


def test_grouped_by_unit_and_job_family():
    f = compute_figures(PERIODS, EMPLOYMENTS, *Y2024, by=("unit", "job_family"))
    assert f.keys["unit"].tolist() == [0, 1]
    assert f.keys["job_family"].tolist() == [0, -1]
    assert f.headcount.tolist() == [1, 1]
    assert f.contracted_de.tolist() == pytest.approx([254, 105.5])
    # A: 5 / (254 − 15) = 2.092 %;  B: 1.35135 / 105.5 = 1.281 %
    assert f.rate.tolist() == pytest.approx([5 / 239, (10 / 7.4) / 105.5])


def test_grouped_by_month_clips_to_month():
    f = compute_figures(PERIODS, EMPLOYMENTS, *Y2024, by=("month",))
    months = [str(m) for m in f.keys["month"]]
    assert months[0] == "2024-01-01" and len(months) == 12
    # January: only A employed, 22 working days; sickness 5.
    assert f.contracted_de[0] == 22
    assert f.sickness_de[0] == 5
    assert f.headcount[0] == 1
    # March: 21 weekdays (31 days from a Friday) − skærtorsdag 28/3 − langfredag 29/3 = 19;
    # A 19 × 1 + B 19 × 0.5 = 28.5.
    assert f.contracted_de[2] == pytest.approx(28.5)
    assert f.headcount[2] == 2
    # July: holiday 15 days for A.
    assert f.time_off_de[6] == 15


def test_period_counts_in_the_year_it_ends_and_unfinished_periods():
    emp = employments([(0, 0, 0, 37, D(2015, 1, 1), NAT, D(1980, 1, 1))])
    per = periods(
        [
            (0, "sickness", D(2023, 12, 20), D(2024, 1, 10), None),
            (0, "sickness", D(2024, 12, 16), None, None),  # still sick
        ]
    )
    f2023 = compute_figures(per, emp, D(2023, 1, 1), D(2023, 12, 31))
    # 2023: Dec 20, 21, 22, 27, 28, 29 = 6 days (25/26 holidays, weekends), no period counted.
    assert f2023.sickness_de[0] == 6
    assert f2023.sickness_periods[0] == 0
    f2024 = compute_figures(per, emp, *Y2024)
    # 2024: Jan 2–5, 8–10 = 7 days; the open period: Dec 16–20 (5), 23, 24, 27, 30, 31 = 10.
    assert f2024.sickness_de[0] == 17
    # One period ended in 2024 (22 calendar days, long with threshold 14, short with 28).
    assert f2024.sickness_periods[0] == 1
    assert f2024.period_calendar_days[0] == 22
    assert f2024.short_periods[0] == 1
    f14 = compute_figures(per, emp, *Y2024, long_threshold_days=14)
    assert f14.long_periods[0] == 1 and f14.short_periods[0] == 0


def test_person_with_two_concurrent_employments():
    emp = employments(
        [
            (0, 0, 0, 20, D(2020, 1, 1), NAT, D(1980, 1, 1)),
            (0, 1, 0, 17, D(2020, 1, 1), NAT, D(1980, 1, 1)),
        ]
    )
    per = periods([(0, "sickness", D(2024, 1, 8), D(2024, 1, 12), None)])
    f = compute_figures(per, emp, *Y2024)
    # Absent from both: 5 × 20/37 + 5 × 17/37 = 5.0; one person; one period.
    assert f.sickness_de[0] == pytest.approx(5)
    assert f.contracted_de[0] == pytest.approx(254)
    assert f.headcount[0] == 1
    assert f.sickness_periods[0] == 1
    by_unit = compute_figures(per, emp, *Y2024, by=("unit",))
    assert by_unit.sickness_de.tolist() == pytest.approx([100 / 37, 85 / 37])
    assert by_unit.headcount.tolist() == [1, 1]
    # The period is counted once, with the first of the two employments (a tie).
    assert by_unit.sickness_periods.tolist() == [1, 0]


def test_absence_outside_employment_is_ignored():
    emp = employments([(0, 0, 0, 37, D(2024, 1, 10), D(2024, 6, 30), D(1980, 1, 1))])
    # Sick Mon 8 – Fri 12 Jan, employed from Wed 10: 3 days count.
    per = periods([(0, "sickness", D(2024, 1, 8), D(2024, 1, 12), None)])
    f = compute_figures(per, emp, *Y2024)
    assert f.sickness_de[0] == 3
    # The period is still counted once, with its full length (5 calendar days).
    assert f.period_calendar_days[0] == 5


def test_age_band_at_the_end_of_each_month():
    f = compute_figures(PERIODS, EMPLOYMENTS, *Y2024, by=("age_band",))
    # A turns 30 in July: band 0 ("-29") January–June, band 1 ("30-39") from July; B is 54
    # all year → band 3 ("50-59"). A is a head in both of A's bands.
    assert f.keys["age_band"].tolist() == [0, 1, 3]
    assert f.headcount.tolist() == [1, 1, 1]
    whole = compute_figures(PERIODS, EMPLOYMENTS, *Y2024)
    assert math.isclose(f.contracted_de.sum(), whole.contracted_de[0])
    assert math.isclose(f.sickness_de.sum(), whole.sickness_de[0])
    assert f.age_band_labels == ("-29", "30-39", "40-49", "50-59", "60-")
    monthly = compute_figures(PERIODS, EMPLOYMENTS, *Y2024, by=("month", "age_band"))
    a_rows = monthly.keys["age_band"] <= 1
    months = monthly.keys["month"][a_rows].astype(str)
    bands = dict(zip(months, monthly.keys["age_band"][a_rows], strict=True))
    assert bands["2024-06-01"] == 0  # 29 on 30 June
    assert bands["2024-07-01"] == 1  # 30 from 1 July


def test_a_period_outlasting_the_employment_counts_on_its_last_day():
    """The person left on 31 March while sick until 15 April: the period is counted in March,
    in the group of the job it belongs to, with its full length."""
    emp = employments([(0, 7, 0, 37, D(2020, 1, 1), D(2024, 3, 31), D(1980, 1, 1))])
    per = periods([(0, "sickness", D(2024, 3, 18), D(2024, 4, 15), None)])
    f = compute_figures(per, emp, *Y2024, by=("month",))
    months = f.keys["month"].astype(str).tolist()
    counted = dict(zip(months, f.sickness_periods.tolist(), strict=True))
    assert counted["2024-03-01"] == 1
    assert "2024-04-01" not in counted  # not employed in April: no group there at all
    assert f.period_calendar_days.sum() == 29
    april = compute_figures(per, emp, D(2024, 4, 1), D(2024, 4, 30))
    assert april.sickness_periods.sum() == 0


month_windows = st.tuples(st.integers(1, 12), st.integers(0, 11)).map(
    lambda t: (t[0], min(12, t[0] + t[1]))
)


@settings(max_examples=60, deadline=None)
@given(month_windows, st.sampled_from([(), ("age_band",), ("unit",), ("job_family",)]))
def test_a_windows_figures_are_the_sum_of_its_months(window, by):
    """What disclosure control by month relies on: every additive measure of a window of whole
    months is the sum of the same measure of each month."""
    first, last = window
    start = D(2024, first, 1)
    end = D(2024, last, 28) + dt.timedelta(days=4)
    end = end.replace(day=1) - dt.timedelta(days=1)
    whole = compute_figures(PERIODS, EMPLOYMENTS, start, end, by=by)
    totals: dict[tuple, np.ndarray] = {}
    for month in range(first, last + 1):
        m_start = D(2024, month, 1)
        m_end = (D(2024, month, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        part = compute_figures(PERIODS, EMPLOYMENTS, m_start, m_end, by=by)
        for i in range(len(part)):
            key = tuple(int(part.keys[d][i]) for d in by)
            totals[key] = totals.get(key, 0) + _additive(part, i)
    for i in range(len(whole)):
        key = tuple(int(whole.keys[d][i]) for d in by)
        assert np.allclose(totals.get(key, 0), _additive(whole, i))


def _additive(f, i):
    """A group's additive measures."""
    return np.array(
        [
            f.contracted_de[i],
            f.sickness_de[i],
            f.sickness_periods[i],
            f.period_calendar_days[i],
            f.employed_working_days[i],
        ]
    )


def test_invalid_groupings_are_refused():
    with pytest.raises(ValueError, match="Ukendt"):
        compute_figures(PERIODS, EMPLOYMENTS, *Y2024, by=("colour",))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="højst én"):
        compute_figures(PERIODS, EMPLOYMENTS, *Y2024, by=("month", "year"))
    with pytest.raises(ValueError):
        compute_figures(PERIODS, EMPLOYMENTS, D(2024, 2, 1), D(2024, 1, 1))


def test_roll_up_sums_sub_units():
    # 0 is the root; 1 and 3 are its children; 2 is a child of 1.
    parent = np.array([-1, 0, 1, 0])
    assert roll_up(np.array([1.0, 2.0, 3.0, 4.0]), parent).tolist() == [10, 5, 3, 4]


def test_empty_input():
    f = compute_figures(periods([]), EMPLOYMENTS, *Y2024, by=("unit",))
    assert f.sickness_de.tolist() == [0, 0]
    assert f.rate.tolist() == [0, 0]


# ---------------------------------------------------------------- Hypothesis properties

HOURS = st.sampled_from([37.0, 30.0, 25.0, 18.5, 10.0])


@st.composite
def datasets(draw):
    n_people = draw(st.integers(1, 4))
    emp_rows, per_rows = [], []
    for person in range(n_people):
        start = draw(st.dates(D(2021, 1, 1), D(2024, 12, 31)))
        end = draw(st.one_of(st.none(), st.dates(start, D(2026, 12, 31))))
        for _job in range(draw(st.integers(1, 2))):
            emp_rows.append(
                (
                    person,
                    draw(st.integers(0, 2)),
                    draw(st.integers(-1, 1)),
                    draw(HOURS),
                    start,
                    end,
                    draw(st.dates(D(1955, 1, 1), D(2004, 12, 31))),
                )
            )
        day = draw(st.dates(D(2021, 1, 1), D(2024, 6, 30)))
        for _ in range(draw(st.integers(0, 6))):
            day += dt.timedelta(days=draw(st.integers(0, 60)))
            length = draw(st.integers(1, 90))
            last = day + dt.timedelta(days=length - 1)
            is_open = draw(st.booleans()) and draw(st.booleans()) and draw(st.booleans())
            per_rows.append(
                (
                    person,
                    draw(st.sampled_from(ABSENCE_TYPES)),
                    day,
                    None if is_open else last,
                    draw(st.one_of(st.none(), st.floats(0.5, 10))),
                )
            )
            if is_open:
                break
            day = last + dt.timedelta(days=1)
    return employments(emp_rows), periods(per_rows), per_rows, emp_rows


windows = st.sampled_from(
    [(D(y, 1, 1), D(y, 12, 31)) for y in range(2021, 2026)] + [(D(2022, 3, 15), D(2024, 8, 9))]
)
GROUPINGS = [(), ("unit",), ("month", "job_family"), ("quarter", "age_band"), ("year", "unit")]


@settings(max_examples=80, deadline=None)
@given(datasets(), windows, st.sampled_from(GROUPINGS))
def test_rates_stay_between_zero_and_one(data, window, by):
    emp, per, _, _ = data
    f = compute_figures(per, emp, *window, by=by)
    for rate in (
        f.rate,
        f.own_sickness_rate,
        f.work_injury_rate,
        f.child_sickness_rate,
        f.parental_leave_rate,
        f.absence_rate,
    ):
        shown = rate[~np.isnan(rate)]
        assert ((shown >= -1e-12) & (shown <= 1 + 1e-12)).all()
    assert (f.possible_de >= -1e-9).all()
    assert (f.worked_de >= -1e-9).all()


ADDITIVE = ("contracted_de", "de_by_type", "periods_by_type", "period_calendar_days")


@settings(max_examples=80, deadline=None)
@given(datasets(), st.integers(2021, 2025), st.sampled_from(["month", "quarter"]))
def test_months_and_quarters_sum_to_the_year(data, year, dim):
    emp, per, _, _ = data
    window = (D(year, 1, 1), D(year, 12, 31))
    total = compute_figures(per, emp, *window)
    parts = compute_figures(per, emp, *window, by=(dim,))
    assert len(total) <= 1
    for name in (*ADDITIVE, "sickness_periods", "short_periods", "long_periods"):
        whole = getattr(total, name).sum(axis=0)
        assert getattr(parts, name).sum(axis=0) == pytest.approx(whole, abs=1e-9), name


@settings(max_examples=80, deadline=None)
@given(datasets(), windows, st.sampled_from(GROUPINGS), st.data())
def test_splitting_a_period_changes_no_day_equivalent(data, window, by, draw):
    _, _, per_rows, emp_rows = data
    splittable = [i for i, r in enumerate(per_rows) if r[3] is not None and (r[3] - r[2]).days >= 1]
    if not splittable:
        return
    i = draw.draw(st.sampled_from(splittable))
    person, kind, start, end, hours = per_rows[i]
    cut = start + dt.timedelta(days=draw.draw(st.integers(0, (end - start).days - 1)))
    split_rows = [
        *per_rows[:i],
        (person, kind, start, cut, hours),
        (person, kind, cut + dt.timedelta(days=1), end, hours),
        *per_rows[i + 1 :],
    ]
    emp = employments(emp_rows)
    before = compute_figures(periods(per_rows), emp, *window, by=by)
    after = compute_figures(periods(split_rows), emp, *window, by=by)
    for name in (
        "contracted_de",
        "de_by_type",
        "sickness_de",
        "time_off_de",
        "parental_leave_de",
        "headcount",
    ):
        a, b = getattr(before, name), getattr(after, name)
        if len(before) == len(after):
            assert b == pytest.approx(a, abs=1e-9), name
        else:  # a new group can only appear through a period count, never through days
            assert b.sum() == pytest.approx(a.sum(), abs=1e-9), name
    # The period count may change (one period became two): that is expected.
    assert after.periods_by_type.sum() >= before.periods_by_type.sum()


@settings(max_examples=60, deadline=None)
@given(datasets(), windows)
def test_vectorised_equals_the_scalar_definitions(data, window):
    emp, per, per_rows, emp_rows = data
    f = compute_figures(per, emp, *window)
    expected_contracted = sum(
        contracted_day_equivalents(s, e, *window, weekly_hours=h)
        for _p, _u, _j, h, s, e, _b in emp_rows
    )
    expected_absence = 0.0
    for person, _kind, start, end, hours in per_rows:
        for p, _u, _j, weekly, e_start, e_end, _b in emp_rows:
            if p != person:
                continue
            clipped = (max(start, e_start), min(end or window[1], e_end or window[1]))
            if clipped[0] <= clipped[1]:
                expected_absence += absence_day_equivalents(
                    *clipped, *window, weekly_hours=weekly, hours_per_day=hours
                )
    assert f.contracted_de.sum() == pytest.approx(expected_contracted, abs=1e-9)
    assert f.de_by_type.sum() == pytest.approx(expected_absence, abs=1e-9)


def test_birth_dates_split_once_give_the_same_age_bands_on_every_day():
    """``BirthDates`` (the releases' age bands, month after month) against ``age_bands``, on
    birthdays, the day before, 29 February and year ends."""
    import datetime as dt

    import numpy as np

    from charlie.absence.stats import BirthDates, age_bands

    births = np.array(
        ["1960-03-01", "1964-02-29", "1990-12-31", "2000-01-01", "1985-06-15"],
        dtype="datetime64[D]",
    )
    days = [dt.date(2025, 2, 28), dt.date(2025, 3, 1), dt.date(2024, 2, 29), dt.date(2025, 12, 31)]
    split = BirthDates.of(births)
    for on in days:
        assert split.age_bands(on).tolist() == age_bands(births, on).tolist()
    # By hand: born 1 March 1965 is 59 on 28 February 2025 (band 3, "50-59") and 60 on
    # 1 March 2025 (band 4, "60-"); the edges are 30, 40, 50 and 60.
    born = np.array(["1965-03-01"], dtype="datetime64[D]")
    assert BirthDates.of(born).age_bands(dt.date(2025, 2, 28)).tolist() == [3]
    assert BirthDates.of(born).age_bands(dt.date(2025, 3, 1)).tolist() == [4]
