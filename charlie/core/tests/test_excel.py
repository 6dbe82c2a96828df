"""Excel workbooks: sheets in order, numbers as numbers with their formats, hidden values empty,
notes below the table, and worksheet titles that Excel accepts."""

from __future__ import annotations

import doctest
import math
from io import BytesIO

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from charlie.core import excel
from charlie.core.excel import MAX_TITLE, Column, Sheet, sheet_title, workbook_bytes

COLUMNS = [Column("Stillingskategori"), Column("Personer", "0"), Column("Andel", "0.0%")]
ROWS: list[list[str | int | float | None]] = [
    ["Pædagoger", 120, 0.125],
    ["Lærere", None, None],
    ["I alt", 300, 1.0],
]


def load(sheets: list[Sheet]) -> Workbook:
    return load_workbook(BytesIO(workbook_bytes(sheets)))


def test_one_worksheet_per_sheet_in_order_the_first_active():
    book = load(
        [Sheet("Behov", COLUMNS, ROWS), Sheet("Afgang", COLUMNS, []), Sheet("Tilgang", [], [])]
    )
    assert book.sheetnames == ["Behov", "Afgang", "Tilgang"]
    assert book.active is not None and book.active.title == "Behov"


def test_header_bold_and_frozen_numbers_stay_numbers_with_their_format():
    ws = load([Sheet("Behov", COLUMNS, ROWS)]).worksheets[0]
    assert [c.value for c in ws[1]] == ["Stillingskategori", "Personer", "Andel"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    pedagoger = ws[2]
    assert pedagoger[1].value == 120 and pedagoger[1].data_type == "n"
    assert pedagoger[1].number_format == "0"
    assert pedagoger[2].value == 0.125 and pedagoger[2].number_format == "0.0%"
    assert isinstance(pedagoger[1].value, int) and isinstance(pedagoger[2].value, float)
    assert not ws["A2"].font.bold
    # A text column keeps Excel's General format.
    assert ws["A2"].number_format == "General"


def test_none_is_an_empty_cell_and_short_rows_are_padded():
    ws = load([Sheet("Behov", COLUMNS, [*ROWS, ["Kun navn"]])]).worksheets[0]
    assert [c.value for c in ws[3]] == ["Lærere", None, None]
    assert [c.value for c in ws[5]] == ["Kun navn", None, None]


def test_notes_follow_the_table_after_one_empty_row():
    notes = ["Fremskrivning 2030–2040.", "Tomme felter er skjult af diskretionshensyn."]
    ws = load([Sheet("Behov", COLUMNS, ROWS, notes)]).worksheets[0]
    values = list(ws.iter_rows(values_only=True))
    # Row 1 header, rows 2–4 data, row 5 empty, rows 6–7 notes.
    assert len(values) == 7
    assert values[4] == (None, None, None)
    assert [row[0] for row in values[5:]] == notes
    assert ws["A6"].number_format == "General" and not ws["A6"].font.bold


def test_frozen_columns_keep_the_group_column_in_view():
    ws = load([Sheet("Behov", COLUMNS, ROWS, frozen_columns=1)]).worksheets[0]
    assert ws.freeze_panes == "B2"


def test_text_is_never_a_formula():
    rows: list[list[str | int | float | None]] = [['=HYPERLINK("http://x")', 1, 0.5]]
    ws = load([Sheet("Behov", [Column("=1+1"), *COLUMNS[1:]], rows, ["=SUM(B2)"])]).worksheets[0]
    for cell in (ws["A1"], ws["A2"], ws["A4"]):
        assert cell.data_type == "s", cell.coordinate
    assert ws["A2"].value == '=HYPERLINK("http://x")'


def test_control_characters_are_dropped():
    ws = load([Sheet("Be\x01hov", COLUMNS, [["Pæda\x00goger", 1, 0.1]])]).worksheets[0]
    assert ws.title == "Behov" and ws["A2"].value == "Pædagoger"


def test_widths_follow_the_content_within_limits():
    rows: list[list[str | int | float | None]] = [["x" * 200, 1234567, 0.5]]
    ws = load([Sheet("Behov", COLUMNS, rows, ["n" * 300])]).worksheets[0]
    widths = {letter: ws.column_dimensions[letter].width for letter in "ABC"}
    assert widths["A"] == 60  # capped, and the long note does not count
    # The header, "Personer" + 2 = 10, is wider than "1234567" + 1 = 8 (format "0").
    assert widths["B"] == 10
    # "Andel" + 2 = 7 and "50.0%" + 1 = 6 are both below the minimum, 8.
    assert widths["C"] == 8
    ws = load([Sheet("Behov", [Column("N", "#,##0.00")], [[12345678.5]])]).worksheets[0]
    # Shown as "12,345,678.50" (grouped, two decimals): 13 characters + 1.
    assert ws.column_dimensions["A"].width == 14
    ws = load([Sheet("Behov", [Column("N", "0.00%")], [[123.4567]])]).worksheets[0]
    # "12345.67%": 9 + 1.
    assert ws.column_dimensions["A"].width == 10


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        # 40 characters → the first 31.
        (
            ["Rekrutteringsbehov pr. stillingskategori"],
            ["Rekrutteringsbehov pr. stilling"],
        ),
        (["Behov 2030/2040: [alle]?*"], ["Behov 2030-2040- -alle---"]),
        (["a\\b"], ["a-b"]),
        (["'Citeret'"], ["Citeret"]),
        (["", "   "], ["Ark", "Ark (2)"]),
        (["History"], ["History (2)"]),
        # Unique regardless of case: Excel treats "behov" and "Behov" as the same name.
        (["Behov", "Behov", "BEHOV"], ["Behov", "Behov (2)", "BEHOV (3)"]),
        # A clash of two long titles: 27 characters + " (2)" = 31.
        (
            [
                "Rekrutteringsbehov pr. stillingskategori A",
                "Rekrutteringsbehov pr. stillingskategori B",
            ],
            ["Rekrutteringsbehov pr. stilling", "Rekrutteringsbehov pr. stil (2)"],
        ),
    ],
)
def test_titles_are_made_valid_and_unique(titles, expected):
    book = load([Sheet(t, COLUMNS, []) for t in titles])
    assert book.sheetnames == expected
    assert all(len(name) <= MAX_TITLE for name in book.sheetnames)


def test_sheet_title_alone():
    assert sheet_title("Sheet") == "Sheet"
    assert sheet_title("x" * 40, ["x" * 31]) == "x" * 27 + " (2)"


@pytest.mark.parametrize(
    ("sheets", "message"),
    [
        ([], "at least one sheet"),
        ([Sheet("A", COLUMNS, [["x", 1, 0.1, "too many"]])], "4 values for 3 columns"),
        ([Sheet("A", COLUMNS, [["x", math.nan, 0.1]])], "use None"),
        ([Sheet("A", COLUMNS, [["x", 1, math.inf]])], "use None"),
    ],
)
def test_what_excel_cannot_hold_is_refused(sheets, message):
    with pytest.raises(ValueError, match=message):
        workbook_bytes(sheets)


def test_docstring_examples():
    assert doctest.testmod(excel).failed == 0
