"""The one CSV writer for every CSV Charlie writes: exports, API answers and CLI output. No Django.

A spreadsheet opens a CSV file and evaluates any cell that begins with ``=``, ``+``, ``-`` or
``@`` as a formula, and a leading tab or carriage return can hide such a cell from a reader
(OWASP, "CSV Injection"). Names, job titles and free text in Charlie come from payroll files and
from users, so a value such as ``=HYPERLINK("http://…")`` must stay text. The Excel writer
(``core.excel``) stores such values as text cells; this writer does the same for CSV by
prefixing a single quote, which Excel and LibreOffice show as the text itself.

Numbers are never altered: ``int``, ``float`` and ``Decimal`` values are written as they are, and
so is a string that is a plain number (``-3``, ``-1,5``), because Excel reads it as a number,
not a formula.

The dialect is Danish Excel's: semicolons, and for files a UTF-8 byte order mark so Excel reads
the æ, ø and å (``BOM``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Protocol

__all__ = ["BOM", "CsvWriter", "csv_text", "neutralise"]

#: The byte order mark that makes Excel read a CSV file as UTF-8.
BOM = "\ufeff"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")

Cell = str | int | float | Decimal | None


class Writable(Protocol):
    """Anything with ``write(text)``: a file, ``io.StringIO``, a management command's stdout."""

    def write(self, text: str, /) -> object: ...


def neutralise(value: Cell) -> str | int | float | Decimal:
    """The value as it may go into a CSV cell: text that a spreadsheet would run as a formula
    gets a leading ``'``; ``None`` becomes an empty cell.

    >>> neutralise("=1+1"), neutralise("-3,5"), neutralise(-3), neutralise("Anne")
    ("'=1+1", '-3,5', -3, 'Anne')
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


class CsvWriter:
    """``csv.writer`` with every cell neutralised, semicolon-separated.

    ``line_end`` is ``"\\r\\n"`` for files and downloads (RFC 4180) and ``"\\n"`` for a
    terminal.
    """

    def __init__(self, stream: Writable, *, line_end: str = "\r\n") -> None:
        self._writer = csv.writer(stream, delimiter=";", lineterminator=line_end)

    def writerow(self, row: Iterable[Cell]) -> None:
        self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Cell]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_text(rows: Iterable[Sequence[Cell]], *, bom: bool = False, line_end: str = "\r\n") -> str:
    """The rows (the header first) as one CSV text."""
    buffer = io.StringIO()
    if bom:
        buffer.write(BOM)
    CsvWriter(buffer, line_end=line_end).writerows(rows)
    return buffer.getvalue()


def csv_chunks(
    header: Sequence[Cell], rows: Iterable[Sequence[Cell]], *, batch: int = 2000
) -> Iterator[str]:
    """A long CSV file as text chunks for a streaming response: the BOM and header first, then
    ``batch`` rows at a time, so memory stays flat however many rows there are."""
    buffer = io.StringIO()
    writer = CsvWriter(buffer)

    def flush() -> str:
        value = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return value

    writer.writerow(header)
    yield BOM + flush()
    for n, row in enumerate(rows, start=1):
        writer.writerow(row)
        if n % batch == 0:
            yield flush()
    rest = flush()
    if rest:
        yield rest
