"""The one CPR detector (``charlie.core.cpr``): the spellings people use, and what is not one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charlie.core.cpr import REDACTED, contains_cpr, redact_cpr

SPELLINGS = [
    "010170-1234",
    "0101701234",
    "010170 - 1234",
    "010170 1234",
    "010170–1234",  # en dash
    "01.01.70-1234",
    "01-01-70-1234",
    "01 01 70 1234",
    "0101 70 1234",
    "CPR 0101 70 1234",
    "cpr.nr.: 010170-1234",
    "Anne Jensen 010170-1234",
    "ring 12345678, cpr 2902004123",  # 29 Feb 2000: 7th digit 4, year 00 → 2000, a leap year
]

NOT_CPR = [
    "",
    "Anne Jensen",
    "12345678",  # a Danish phone number
    "+45 12 34 56 78",
    "4512345678",  # +45 without the plus: day 45 is no date
    "0045 12345678",
    "12345678901",  # eleven digits
    "5790001234567",  # an EAN number
    "320170-1234",  # day 32
    "011370-1234",  # month 13
    "290201-4123",  # 29 Feb 2001 does not exist
    "mødet 01.02.2024 kl. 11:30",
    "1234 5678 9012",
    "1234-01017012345",  # the digits touch other digits
]


@pytest.mark.parametrize("text", SPELLINGS)
def test_each_spelling_is_found_and_redacted(text):
    assert contains_cpr(text)
    redacted = redact_cpr(text)
    assert REDACTED in redacted
    assert not contains_cpr(redacted)
    assert "1234" not in redacted.replace("12345678", "")


@pytest.mark.parametrize("text", NOT_CPR)
def test_what_is_not_a_cpr_number(text):
    assert not contains_cpr(text)
    assert redact_cpr(text) == text


def test_non_text_values_are_read_as_text():
    assert not contains_cpr(101701234)  # nine digits
    assert contains_cpr(1501701234)
    assert not contains_cpr(None)


def test_an_invalid_candidate_does_not_hide_a_real_number_overlapping_it():
    assert contains_cpr("99 0101701234")
    assert redact_cpr("32 0101701234") == "32 " + REDACTED


_SEPARATORS = st.sampled_from(["", "-", " - ", " ", "–"])
_DATE_SEPARATORS = st.sampled_from(["", ".", " ", "-"])


@given(
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)),
    sequence=st.integers(min_value=0, max_value=3999),
    date_sep=_DATE_SEPARATORS,
    sep=_SEPARATORS,
    before=st.text(alphabet="abc æøå:", max_size=10),
    after=st.text(alphabet="abc æøå.", max_size=10),
)
def test_every_real_number_in_every_spelling_is_found(born, sequence, date_sep, sep, before, after):
    # 7th digit 0–3 means 19xx for every year, so each generated number is a real one.
    d = f"{born:%d}{date_sep}{born:%m}{date_sep}{born:%y}"
    text = f"{before} {d}{sep}{sequence:04d} {after}"
    assert contains_cpr(text)
    assert not contains_cpr(redact_cpr(text))


@given(phone=st.integers(min_value=10_000_000, max_value=99_999_999))
def test_danish_phone_numbers_are_never_cpr_numbers(phone):
    assert not contains_cpr(f"{phone}")
    assert not contains_cpr(f"+45 {phone}")
    assert not contains_cpr(f"+45{phone}")


def test_the_day_after_a_real_birth_date_only_counts_when_it_exists():
    day = date(1970, 2, 28)
    assert contains_cpr(f"{day:%d%m%y}-1234")
    nxt = day + timedelta(days=1)
    assert nxt.month == 3 and not contains_cpr("290270-1234")
