"""The absence dashboard's table as an Excel workbook (issue 4, point 3). No Django.

The workbook holds the same table the page shows: Danish headers in row 1, one row per group
and the total last, numbers stored as numbers (fraværsprocent as a fraction formatted as a
percentage), hidden (disclosure-controlled) cells left empty. Below the table, note rows name
the period, the grouping, the reference series and explain disclosure control.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

SHEET_TITLE = "Fraværsstatistik"


@dataclass(frozen=True)
class Column:
    header: str
    #: An Excel number format, e.g. "0.0", "0.00%", "0"; "" for text.
    number_format: str = ""


def workbook_bytes(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str | int | float | None]],
    notes: Sequence[str],
) -> bytes:
    """An .xlsx file: ``columns`` as the header row, ``rows`` beneath (``None`` → empty cell),
    then an empty row and one row per note."""
    book = Workbook()
    sheet = book.create_sheet(SHEET_TITLE, 0)
    book.remove(book.worksheets[1])
    sheet.append([c.header for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
        for cell, column in zip(sheet[sheet.max_row], columns, strict=False):
            if column.number_format and isinstance(cell.value, int | float):
                cell.number_format = column.number_format
    sheet.append([])
    for note in notes:
        sheet.append([note])
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 40
    for letter in "BCDEFGHIJKLM":
        sheet.column_dimensions[letter].width = 16
    out = BytesIO()
    book.save(out)
    return out.getvalue()
