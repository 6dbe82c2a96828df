"""Parsing values of real-world files: dates, decimals, booleans, encodings, separators."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charlie.imports.values import (
    detect_encoding,
    detect_separator,
    format_date,
    parse_bool,
    parse_date,
    parse_decimal,
)


@pytest.mark.parametrize(
    "text", ["31-12-2024", "31.12.2024", "31/12/2024", "2024-12-31", " 31-12-2024 "]
)
def test_danish_and_iso_dates(text):
    assert parse_date(text) == date(2024, 12, 31)


def test_a_date_that_does_not_exist_says_how_to_write_it():
    with pytest.raises(ValueError) as exc:
        parse_date("32-13-2024")
    assert str(exc.value) == (
        "Datoen findes ikke (tjek dag og måned). Skriv datoen som dd-mm-åååå, fx 31-12-2024 "
        "(eller åååå-mm-dd)."
    )
    assert "32-13" not in str(exc.value)  # a message never repeats the value


@pytest.mark.parametrize("text", ["", "i morgen", "12-2024", "2024/12/31x"])
def test_not_a_date(text):
    with pytest.raises(ValueError, match="dd-mm-åååå"):
        parse_date(text)


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_dates_round_trip(day):
    assert parse_date(format_date(day)) == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(format_date(day).replace("-", ".")) == day


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("37", "37"),
        ("37,0", "37.0"),
        ("37.0", "37.0"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("-2,25", "-2.25"),
        (" 7,4 ", "7.4"),
    ],
)
def test_decimals_with_comma_or_point(text, value):
    assert parse_decimal(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "ca. 37", "37,0,0", "1.2.3"])
def test_not_a_number(text):
    with pytest.raises(ValueError, match="fx 37 eller 37,5"):
        parse_decimal(text)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_decimals_round_trip(value):
    assert parse_decimal(str(value)) == value
    assert parse_decimal(str(value).replace(".", ",")) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("ja", True), ("Ja", True), ("1", True), ("true", True), ("nej", False), ("0", False),
     ("FALSE", False)],
)  # fmt: skip
def test_booleans(text, value):
    assert parse_bool(text) is value


def test_not_a_boolean():
    with pytest.raises(ValueError, match="Skriv ja eller nej"):
        parse_bool("måske")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Ærø;Å\n".encode(), "utf-8"),
        (b"\xef\xbb\xbf" + "Ærø;Å\n".encode(), "utf-8-sig"),
        ("Ærø;Å\n".encode("cp1252"), "cp1252"),
        (b"plain;ascii\n", "utf-8"),
    ],
)
def test_encoding_detection(data, encoding):
    assert detect_encoding(io.BytesIO(data)) == encoding


def test_encoding_detection_reads_past_the_first_chunk():
    data = b"a;b\n" * 1000 + "Æ;ø\n".encode("cp1252")
    assert detect_encoding(io.BytesIO(data), chunk_size=64) == "cp1252"


@given(st.text(alphabet="abcæøåÆØÅ é;,\n", max_size=200))
def test_utf8_text_is_detected_as_utf8(text):
    encoding = detect_encoding(io.BytesIO(text.encode("utf-8")), chunk_size=7)
    assert encoding == "utf-8"


def test_separator_detection():
    assert detect_separator("a;b;c\n") == ";"
    assert detect_separator("a,b,c\n") == ","
    assert detect_separator("navn;beløb 1,5\n") == ";"
