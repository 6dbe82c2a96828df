"""Parsing the values of real-world import files. Pure: no Django.

Municipal files come from Excel and payroll systems: Danish dates (``31-12-2024``,
``31.12.2024``, ``31/12/2024``) as well as ISO dates, decimal commas (``37,0``, ``1.234,5``),
yes/no in Danish or as 1/0, UTF-8 with or without a byte order mark or Windows-1252, and
semicolons or commas between the columns. Every parse failure raises ``ValueError`` whose
argument is a message (``imports.texts``) that says what was expected, written in the reader's
language when shown (``core.messages.message_of(exc)``). A message never repeats the value it
could not read: a cell may hold anything, a CPR number too.

**Dates** (docs/decisions/0010-import-values-that-cannot-hurt.md): payroll systems write "no end"
as the last day of year 9999 (``31-12-9999``, ``9999-12-31``); in an end-date column that is read
as no end date (``open_end``). Any other date must lie from ``EARLIEST_DATE`` to ``LATEST_DATE``
(1900–2100): the import checks that (``plan.Checker``), so a date that would overflow date
arithmetic (``01-01-0001``, ``31-12-9999`` as a start) never reaches the database.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import BinaryIO

from charlie.core.formats import parse_number
from charlie.imports import texts

#: "No end" as payroll systems write it; in an end-date column it means the same as empty.
OPEN_END = date(9999, 12, 31)
#: The dates an import accepts (end dates also ``OPEN_END``). Wide enough for every birth date
#: and employment in a municipality, narrow enough that adding years or weeks never overflows.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)
DATE_RANGE_MESSAGE = texts.DATE_RANGE()

_DANISH_DATE = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")

_TRUE = frozenset({"ja", "j", "1", "true", "sand", "x", "yes"})
_FALSE = frozenset({"nej", "n", "0", "false", "falsk", "no"})

#: Dates repeat endlessly in an absence file (a few thousand distinct days in ten years): parsed
#: dates are remembered, up to this many, so each distinct text is parsed once.
_DATE_CACHE_SIZE = 50_000
_date_cache: dict[str, date] = {}


def parse_date(text: str) -> date:
    """A date written ``dd-mm-åååå``, ``dd.mm.åååå``, ``dd/mm/åååå`` or ``åååå-mm-dd``.

    Excel cells arrive as ``date``/``datetime`` objects and are handled by ``to_date``.
    """
    cached = _date_cache.get(text)
    if cached is not None:
        return cached
    value = _parse_date(text.strip())
    if len(_date_cache) >= _DATE_CACHE_SIZE:
        _date_cache.clear()
    _date_cache[text] = value
    return value


def _parse_date(text: str) -> date:
    if not text:
        raise ValueError(texts.DATE_MISSING())
    match = _DANISH_DATE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO_DATE.match(text)
        if not match:
            raise ValueError(texts.DATE_UNREADABLE())
        year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(texts.DATE_IMPOSSIBLE()) from None


def open_end(value: date | None) -> date | None:
    """An end date as the import keeps it: ``OPEN_END`` (31-12-9999) means no end (None)."""
    return None if value == OPEN_END else value


def in_date_range(value: date) -> bool:
    """True for a date an import may store (``EARLIEST_DATE`` … ``LATEST_DATE``)."""
    return EARLIEST_DATE <= value <= LATEST_DATE


def to_date(value: object) -> date:
    """A cell value (text, or a date from a spreadsheet) as a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(str(value))


def format_date(value: date) -> str:
    """The Danish way, as the import reads it back: ``31-12-2024``."""
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


NOT_A_NUMBER = texts.NOT_A_NUMBER()


def parse_decimal(text: str) -> Decimal:
    """A number with a decimal comma or point: ``37``, ``37,0``, ``37.5``, ``1.234,5``."""
    if not text.strip():
        raise ValueError(texts.NUMBER_MISSING())
    try:
        return parse_number(text, lenient=True)
    except ValueError:
        raise ValueError(NOT_A_NUMBER) from None


def to_decimal(value: object) -> Decimal:
    """A cell value (text, or a number from a spreadsheet) as a decimal."""
    if isinstance(value, bool):
        raise ValueError(NOT_A_NUMBER)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    return parse_decimal(str(value))


def parse_bool(text: str) -> bool:
    """Yes or no: ``ja``/``nej``, ``1``/``0``, ``true``/``false`` (any case)."""
    raw = text.strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(texts.NOT_YES_OR_NO())


def to_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    return parse_bool(str(value))


# --- Text files: encoding and separator ---

UTF8_BOM = codecs.BOM_UTF8


def detect_encoding(stream: BinaryIO, *, chunk_size: int = 1 << 20) -> str:
    """``"utf-8-sig"`` (with a byte order mark), ``"utf-8"`` when the whole file decodes as
    UTF-8, else ``"cp1252"`` (Windows-1252, what Danish Excel writes as "CSV (semikolon)").

    Reads the stream to the end in chunks (memory stays at one chunk) and leaves it at the end.
    """
    first = stream.read(chunk_size)
    if first.startswith(UTF8_BOM):
        return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8")()
    chunk = first
    try:
        while chunk:
            decoder.decode(chunk)
            chunk = stream.read(chunk_size)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def detect_separator(header_line: str) -> str:
    """``";"`` or ``","``: whichever the header line holds more of (semicolon on a tie)."""
    return "," if header_line.count(",") > header_line.count(";") else ";"


def normalise_header(name: object) -> str:
    """A column name as the readers compare it: trimmed, lower case, no BOM."""
    return str(name or "").replace("\ufeff", "").strip().lower()


def join_quoted(names: Iterable[str]) -> str:
    """``a, b og c`` for messages."""
    items = [f"»{n}«" for n in names]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]
