"""The one CSV writer (``charlie.core.csv_writer``): no cell can become a formula."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charlie.core.csv_writer import BOM, csv_chunks, csv_text, neutralise

DANGEROUS = [
    '=HYPERLINK("http://x")',
    "+1+1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", DANGEROUS)
def test_a_cell_that_would_run_as_a_formula_is_quoted(value):
    assert neutralise(value) == "'" + value
    text = csv_text([["navn"], [value]])
    read = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert read[1] == ["'" + value]


@pytest.mark.parametrize("value", ["-3", "-1,5", "+4", "-0.25", "Anne", "", "a=b", "Jens-Erik"])
def test_plain_numbers_and_ordinary_text_are_left_alone(value):
    assert neutralise(value) == value


def test_numbers_and_none():
    assert neutralise(-3) == -3
    assert neutralise(-1.5) == -1.5
    assert neutralise(Decimal("-2.50")) == Decimal("-2.50")
    assert neutralise(None) == ""
    assert csv_text([[None, -3, "x"]], line_end="\n") == ";-3;x\n"


def test_bom_and_chunks():
    assert csv_text([["a"]], bom=True).startswith(BOM)
    chunks = list(csv_chunks(["h"], ([str(i)] for i in range(5)), batch=2))
    assert chunks[0] == BOM + "h\r\n"
    assert "".join(chunks) == BOM + "h\r\n" + "".join(f"{i}\r\n" for i in range(5))


@given(st.lists(st.text(max_size=20), min_size=1, max_size=5))
def test_no_cell_read_back_starts_like_a_formula(row):
    text = csv_text([row])
    for cell in next(csv.reader(io.StringIO(text), delimiter=";")):
        if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
            assert cell.lstrip("+-").replace(",", "", 1).replace(".", "", 1).isdigit()
