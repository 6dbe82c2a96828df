"""Tables as an Excel workbook (.xlsx), one worksheet per table, shared by every app. No Django.

Each worksheet holds a table the way the page shows it: headers in bold in row 1 (frozen, so
they stay in view while scrolling), one row per data row, numbers stored as numbers with the
column's number format (so Excel can sum and chart them), ``None`` (a value hidden by
disclosure control, DESIGN.md principle 3) as an empty cell. Below the table, after one empty
row, each note gets a row of its own: period, source, how to read hidden cells.

Text is always stored as text, never as a formula: a label such as ``=HYPERLINK(…)`` coming
from imported data stays inert (the "formula injection" risk of spreadsheet exports). Control
characters that the .xlsx format cannot hold are dropped.

Excel's limits on worksheet names are applied here rather than passed on as an error: at most
31 characters, none of ``\\ / ? * : [ ]``, not beginning or ending with an apostrophe, not
blank, not the reserved name "History", and unique without regard to case.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

Value = str | int | float | None

#: Excel's longest worksheet name.
MAX_TITLE = 31
_FORBIDDEN_IN_TITLE = re.compile(r"[\\/?*:\[\]]")
#: Excel keeps this name for its change history.
_RESERVED_TITLES = frozenset({"history"})
#: The name of a worksheet whose title was blank (Danish: "Ark" = sheet).
_BLANK_TITLE = "Ark"
_MIN_WIDTH, _MAX_WIDTH = 8, 60
_DECIMALS = re.compile(r"[0#?]*")


@dataclass(frozen=True)
class Column:
    header: str
    #: An Excel number format, e.g. "0.0", "0.00%", "#,##0"; "" keeps Excel's General format.
    number_format: str = ""


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a table of ``rows`` under ``columns``, then ``notes``.

    A row may be shorter than ``columns`` (the rest is empty), never longer.
    ``frozen_columns`` keeps that many left columns in view besides the header row (e.g. 1 for
    a column of group names).
    """

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Value]]
    notes: Sequence[str] = ()
    frozen_columns: int = 0


def sheet_title(title: str, taken: Sequence[str] = ()) -> str:
    """``title`` made a valid Excel worksheet name that is not in ``taken`` (case-insensitive).

    Forbidden characters become "-", edge apostrophes and spaces go, a blank name becomes
    "Ark", and a long name is cut to 31 characters; a clash gets " (2)", " (3)", … within the
    31.

    >>> sheet_title("Behov 2030/2040: [alle]")
    'Behov 2030-2040- -alle-'
    >>> sheet_title("Ark", ["ark"])
    'Ark (2)'
    """
    clean = _FORBIDDEN_IN_TITLE.sub("-", ILLEGAL_CHARACTERS_RE.sub("", title))
    clean = clean.strip().strip("'").strip()
    if not clean:
        clean = _BLANK_TITLE
    clean = clean[:MAX_TITLE].rstrip().rstrip("'")
    used = {t.casefold() for t in taken} | _RESERVED_TITLES
    candidate, number = clean, 1
    while candidate.casefold() in used:
        number += 1
        suffix = f" ({number})"
        candidate = clean[: MAX_TITLE - len(suffix)].rstrip().rstrip("'") + suffix
    return candidate


def _text(ws: Worksheet, row: int, column: int, text: str) -> Cell:
    """A text cell: stored as text even when it starts with "=", so never a formula."""
    cell = ws.cell(row=row, column=column, value=ILLEGAL_CHARACTERS_RE.sub("", text))
    cell.data_type = "s"
    return cell


def _cell_value(value: Value, where: str) -> Value:
    if isinstance(value, float) and not math.isfinite(value):
        # Excel has no NaN or infinity; a file holding one is reported as damaged.
        raise ValueError(f"{where} is {value!r}; use None for a value that is not shown")
    return value


def _width(value: Value, number_format: str) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    if not number_format:
        return len(str(value)) + 1
    # The number as the format shows it (decimals, thousands separators, a "%"), plus air.
    _, dot, after = number_format.partition(".")
    match = _DECIMALS.match(after)
    decimals = len(match.group()) if dot and match else 0
    grouping = "," if "," in number_format else ""
    percent = "%" in number_format
    shown = f"{value * 100 if percent else value:{grouping}.{decimals}f}"
    return len(shown) + (1 if percent else 0) + 1


def _write(ws: Worksheet, sheet: Sheet) -> None:
    columns = list(sheet.columns)
    for c, column in enumerate(columns, start=1):
        _text(ws, 1, c, column.header).font = Font(bold=True)
    widths = [len(c.header) + 2 for c in columns]
    for r, row in enumerate(sheet.rows, start=2):
        if len(row) > len(columns):
            raise ValueError(
                f"sheet {sheet.title!r}, row {r}: {len(row)} values for {len(columns)} columns"
            )
        for c, (raw, column) in enumerate(zip(row, columns, strict=False), start=1):
            value = _cell_value(raw, f"sheet {sheet.title!r}, row {r}, column {c}")
            if value is None:
                continue
            if isinstance(value, str):
                _text(ws, r, c, value)
            else:
                cell = ws.cell(row=r, column=c, value=value)
                if column.number_format and not isinstance(value, bool):
                    cell.number_format = column.number_format
            widths[c - 1] = max(widths[c - 1], _width(value, column.number_format))
    if sheet.notes:
        first = len(sheet.rows) + 3  # header, the rows, one empty row
        for i, note in enumerate(sheet.notes):
            _text(ws, first + i, 1, note)
    # Notes are long sentences that run on into the empty cells beside them: they do not
    # widen column A.
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(max(width, _MIN_WIDTH), _MAX_WIDTH)
    ws.freeze_panes = f"{get_column_letter(1 + max(sheet.frozen_columns, 0))}2"


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An .xlsx file with one worksheet per ``Sheet``, in order; the first is the active one.

    Titles are made valid and unique by ``sheet_title``. Raises ``ValueError`` for no sheets
    (a workbook needs one), a row longer than its columns, or a NaN or infinite number.

    Example
    -------
    >>> data = workbook_bytes([Sheet("Behov", [Column("År"), Column("Personer", "0")],
    ...                              [["2030", 12], ["2031", None]], ["Kilde: fremskrivning"])])
    >>> data[:2]
    b'PK'
    """
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    book = Workbook()
    # Drop the blank default sheet first, so that no title clashes with its name.
    book.remove(book.worksheets[0])
    titles: list[str] = []
    for sheet in sheets:
        title = sheet_title(sheet.title, titles)
        titles.append(title)
        _write(book.create_sheet(title), sheet)
    book.active = 0
    out = BytesIO()
    book.save(out)
    return out.getvalue()
