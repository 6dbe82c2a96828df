"""The absence dashboard's table as an Excel workbook. No Django.

The workbook holds the same table the page shows: Danish headers in row 1, one row per group
and the total last, numbers stored as numbers (fraværsprocent as a fraction formatted as a
percentage), hidden (disclosure-controlled) cells left empty. Below the table, note rows name
the period, the grouping, the reference series and explain disclosure control.

A one-sheet use of ``charlie.core.excel``, which writes the file.
"""

from __future__ import annotations

from collections.abc import Sequence

from charlie.core import excel as core_excel
from charlie.core.excel import Column

__all__ = ["SHEET_TITLE", "Column", "workbook_bytes"]

SHEET_TITLE = "Fraværsstatistik"


def workbook_bytes(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str | int | float | None]],
    notes: Sequence[str],
) -> bytes:
    """An .xlsx file with one sheet, "Fraværsstatistik": ``columns`` as the header row,
    ``rows`` beneath (``None`` → empty cell), then an empty row and one row per note. The
    group column stays in view with the header."""
    sheet = core_excel.Sheet(SHEET_TITLE, columns, rows, notes, frozen_columns=1)
    return core_excel.workbook_bytes([sheet])
