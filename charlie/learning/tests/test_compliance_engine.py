"""The compliance engine by hand (``learning/compliance.py``)."""

from __future__ import annotations

import numpy as np
import pytest

from charlie.learning import compliance

D = np.datetime64
NAT = compliance.NAT


def one(on, *, start="2020-01-01", last=NAT, valid=NAT, renew=0, grace=90):
    return compliance.evaluate_one(
        D(on), start=D(start), last=D(last), valid=D(valid), renew_months=renew, grace_days=grace
    )


def test_add_months_clamps_and_crosses_leap_years():
    days = np.array(["2024-02-29", "2026-01-31", "2026-03-15", "NaT"], dtype="datetime64[D]")
    out = compliance.add_months(days, np.array([12, 1, 24, 3]))
    # 2024-02-29 + 12 months: 2025 has no 29 February → 2025-02-28.
    # 2026-01-31 + 1 month: February 2026 has 28 days → 2026-02-28.
    # 2026-03-15 + 24 months → 2028-03-15.
    assert [str(d) for d in out] == ["2025-02-28", "2026-02-28", "2028-03-15", "NaT"]


def test_renewal_gives_validity_to_the_day_before():
    r = compliance.evaluate(
        D("2026-06-01"),
        start=np.array(["2020-01-01"] * 2, dtype="datetime64[D]"),
        last=np.array(["2024-02-29", "2026-03-15"], dtype="datetime64[D]"),
        valid=np.array(["NaT", "2026-12-31"], dtype="datetime64[D]"),
        renew_months=np.array([12, 12]),
        grace_days=np.array([90, 90]),
    )
    # 2024-02-29 + 12 months = 2025-02-28, less a day = 2025-02-27: passed → overdue.
    assert str(r.valid_until[0]) == "2025-02-27"
    assert r.status_name(0) == "overdue"
    # 2026-03-15 + 12 months − 1 day = 2027-03-14, but the course's own validity (2026-12-31)
    # is earlier and wins. 2026-06-01 → 2026-12-31 is 213 days: ok.
    assert str(r.valid_until[1]) == "2026-12-31"
    assert r.status_name(1) == "ok"


def test_bands_of_due():
    # Valid to 2026-07-01. On 2026-06-01: 30 days left → band 30.
    assert one("2026-06-01", last="2025-07-02", valid="2026-07-01") == ("due", 30)
    # On 2026-05-31: 31 days left → band 60.
    assert one("2026-05-31", last="2025-07-02", valid="2026-07-01") == ("due", 60)
    # On 2026-04-02: 90 days left (April 28 + May 31 + June 30 + 1) → band 90.
    assert one("2026-04-02", last="2025-07-02", valid="2026-07-01") == ("due", 90)
    # On 2026-04-01: 91 days left → ok.
    assert one("2026-04-01", last="2025-07-02", valid="2026-07-01") == ("ok", 0)


def test_renewal_exactly_on_the_date():
    # Renewed every 12 months, taken 2025-06-01: valid to 2026-05-31.
    # On 2026-05-31 (the last valid day, 0 days left): due, band 30.
    assert one("2026-05-31", last="2025-06-01", renew=12) == ("due", 30)
    # On 2026-06-01: the validity has passed → overdue.
    assert one("2026-06-01", last="2025-06-01", renew=12) == ("overdue", 0)
    # Taken again on 2026-06-01: valid to 2027-05-31 → ok.
    assert one("2026-06-01", last="2026-06-01", renew=12) == ("ok", 0)


def test_once_is_enough_without_renewal_or_expiry():
    assert one("2040-01-01", last="2001-01-01") == ("ok", 0)


def test_never_within_grace_then_overdue():
    # Started 2026-01-31, grace 30 days: due on 2026-03-02 (28 days of February + 2).
    r = compliance.evaluate(
        D("2026-03-02"),
        start=np.array(["2026-01-31", "2026-01-31"], dtype="datetime64[D]"),
        last=np.array(["NaT", "NaT"], dtype="datetime64[D]"),
        valid=np.array(["NaT", "NaT"], dtype="datetime64[D]"),
        renew_months=np.array([12, 0]),
        grace_days=np.array([30, 29]),
    )
    assert str(r.due_on[0]) == "2026-03-02"
    assert r.status_name(0) == "never"
    assert r.band[0] == 30
    # Grace 29 days: due on 2026-03-01, so on 2026-03-02 it is overdue.
    assert str(r.due_on[1]) == "2026-03-01"
    assert r.status_name(1) == "overdue"
    assert np.isnat(r.valid_until[0])


@pytest.mark.parametrize(
    ("on", "expected"),
    [("2028-02-28", ("due", 30)), ("2028-02-29", ("due", 30)), ("2028-03-01", ("overdue", 0))],
)
def test_leap_day_expiry(on, expected):
    # Taken 2024-03-01, 48 months: 2028-03-01 less a day = 2028-02-29 (a leap year).
    assert one(on, last="2024-03-01", renew=48) == expected
