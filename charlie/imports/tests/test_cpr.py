"""CPR number → birth date and legal gender (charlie.imports.cpr).

The expected birth dates below were worked out by hand from CPR-kontoret's century table
(7th digit 0–3: 19xx; 4 and 9: 20xx for years 00–36, else 19xx; 5–8: 20xx for years 00–57,
else 18xx). The numbers are made up; several have dates no real person can have.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from charlie.imports.cpr import FEMALE, MALE, from_cpr


@pytest.mark.parametrize(
    ("number", "birth_date", "gender"),
    [
        # 7th digit 0–3: always 1900s
        ("0101750001", date(1975, 1, 1), MALE),
        ("2512993000", date(1999, 12, 25), FEMALE),
        ("1706001002", date(1900, 6, 17), FEMALE),
        ("3112362005", date(1936, 12, 31), MALE),
        # 7th digit 4: 2000s for years 00–36, 1900s for 37–99
        ("0101364000", date(2036, 1, 1), FEMALE),
        ("0101374001", date(1937, 1, 1), MALE),
        ("2902004008", date(2000, 2, 29), FEMALE),
        # 7th digit 9: same rule as 4
        ("1503059002", date(2005, 3, 15), FEMALE),
        ("1503509003", date(1950, 3, 15), MALE),
        # 7th digit 5–8: 2000s for years 00–57, 1800s for 58–99
        ("0101575002", date(2057, 1, 1), FEMALE),
        ("0101585003", date(1858, 1, 1), MALE),
        ("1007106004", date(2010, 7, 10), FEMALE),
        ("1007907005", date(1890, 7, 10), MALE),
        ("3112998006", date(1899, 12, 31), FEMALE),
        ("0202208007", date(2020, 2, 2), MALE),
    ],
)
def test_birth_date_and_gender(number: str, birth_date: date, gender: str) -> None:
    assert from_cpr(number) == (birth_date, gender)
    # The same number with the usual hyphen, and with white space around it.
    assert from_cpr(f"{number[:6]}-{number[6:]}") == (birth_date, gender)
    assert from_cpr(f"  {number}\n") == (birth_date, gender)


def test_last_digit_gives_gender_both_ways() -> None:
    for last in range(10):
        _, gender = from_cpr(f"010175000{last}")
        assert gender == (MALE if last % 2 else FEMALE)


def test_century_decides_whether_29_february_exists() -> None:
    # 29 February 1900 never existed (1900 was no leap year), 29 February 2000 did.
    assert from_cpr("2902004000")[0] == date(2000, 2, 29)
    with pytest.raises(ValueError, match="dato, der ikke findes"):
        from_cpr("2902000000")


def test_no_modulus_11_check() -> None:
    # 0101750001 fails the old modulus-11 check; it is accepted all the same.
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    assert sum(int(d) * w for d, w in zip("0101750001", weights, strict=True)) % 11 != 0
    assert from_cpr("0101750001") == (date(1975, 1, 1), MALE)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "har ikke 10 cifre"),
        ("123", "har ikke 10 cifre"),
        ("010175000", "har ikke 10 cifre"),
        ("01017500011", "har ikke 10 cifre"),
        ("010175-000", "har ikke 10 cifre"),
        ("01017500O1", "har ikke 10 cifre"),
        ("0101 750001", "kun indeholde cifre"),
        ("01-0175-0001", "kun indeholde cifre"),
        ("010175–0001", "kun indeholde cifre"),  # an en dash, not a hyphen
        ("０１０１７５０００１", "har ikke 10 cifre"),  # full-width digits
        ("3201750001", "dato, der ikke findes"),
        ("0013750001", "dato, der ikke findes"),
        ("0000750001", "dato, der ikke findes"),
        ("3104750001", "dato, der ikke findes"),
    ],
)
def test_malformed_numbers_are_refused_in_danish(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as error:
        from_cpr(text)
    assert "CPR-nummeret" in str(error.value)
    if text.strip():
        assert text.strip() not in str(error.value)


def _assert_never_echoed(text: str, message: str) -> None:
    digits = "".join(ch for ch in text if ch.isascii() and ch.isdigit())
    # No run of three or more digits at all: the messages only ever say "10 cifre".
    assert re.search(r"\d{3}", message) is None, message
    assert text.strip() not in message
    assert digits not in message


@given(st.text(alphabet="0123456789- x", min_size=6, max_size=14))
def test_error_messages_never_contain_the_input(text: str) -> None:
    assume(sum(ch.isdigit() for ch in text) >= 4)
    try:
        from_cpr(text)
    except ValueError as error:
        _assert_never_echoed(text, str(error))


@given(
    st.integers(min_value=0, max_value=99),
    st.integers(min_value=0, max_value=99),
    st.integers(min_value=0, max_value=99),
    st.integers(min_value=0, max_value=9999),
    st.booleans(),
)
def test_error_messages_never_contain_a_ten_digit_number(
    day: int, month: int, year: int, sequence: int, hyphen: bool
) -> None:
    text = f"{day:02d}{month:02d}{year:02d}{'-' if hyphen else ''}{sequence:04d}"
    try:
        from_cpr(text)
    except ValueError as error:
        _assert_never_echoed(text, str(error))


def _seventh_digits(year: int) -> list[int]:
    """The 7th digits CPR-kontoret's table allows for a full birth year."""
    yy = year % 100
    if 1858 <= year <= 1899:
        return [5, 6, 7, 8]
    if 1900 <= year <= 1999:
        return [0, 1, 2, 3] + ([4, 9] if yy >= 37 else [])
    if 2000 <= year <= 2036:
        return [4, 9, 5, 6, 7, 8]
    if 2037 <= year <= 2057:
        return [5, 6, 7, 8]
    return []


@given(
    st.dates(min_value=date(1858, 1, 1), max_value=date(2057, 12, 31)),
    st.data(),
    st.integers(min_value=0, max_value=999),
)
def test_round_trip_for_every_allowed_century_digit(
    birth: date, data: st.DataObject, rest: int
) -> None:
    seventh = data.draw(st.sampled_from(_seventh_digits(birth.year)))
    number = f"{birth:%d%m}{birth.year % 100:02d}{seventh}{rest:03d}"
    assert from_cpr(number) == (birth, MALE if rest % 2 else FEMALE)
