"""Test data for the workforce plan: a small municipality with nine years of exits."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from charlie.people.models import EndReason
from charlie.people.tests.factories import EmploymentFactory, PersonFactory, job_family
from charlie.workforce import services


def make_history(org: Any) -> Any:
    """About 90 people in two job families (SOSU in Plejecenter Nord and Syd, teachers in Nørre
    Skole) with nine years of retirements and resignations, plus two akademikere: a group below
    the minimum size. Dates are relative to this year, so the model always has its six fitted
    years and the backtest its three."""
    rng = random.Random(5)
    this_year = services.today().year
    laerer, sosu = job_family("laerer"), job_family("sosu")
    for i in range(90):
        in_school = i % 4 == 0
        birth = dt.date(rng.randint(1958, 2000), rng.randint(1, 12), rng.randint(1, 28))
        end, reason = None, ""
        retire_year = birth.year + 64
        if retire_year < this_year:
            end, reason = dt.date(retire_year, 6, 30), EndReason.RETIREMENT
        elif i % 5 == 0:
            end = dt.date(rng.randint(this_year - 9, this_year - 1), 3, 31)
            reason = EndReason.RESIGNATION
        EmploymentFactory(
            person=PersonFactory(birth_date=birth),
            org_unit=org.skole if in_school else (org.nord if i % 2 else org.syd),
            job_family=laerer if in_school else sosu,
            start_date=dt.date(this_year - 12, 1, 1),
            end_date=end,
            end_reason=reason,
        )
    for _ in range(2):
        EmploymentFactory(org_unit=org.syd, job_family=job_family("akademiker"), job_title="Jurist")
    return org
