"""Reading the rows of an uploaded CSV or XLSX file, and the cells every import compares the
same way. Pure: the standard library and openpyxl, never Django. The skills and learning
imports use it (``skills.importing``, ``learning.importing``); each checks its own columns."""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from charlie.core.language import gettext_noop as _


@dataclass(frozen=True)
class Problem:
    """What is wrong in an uploaded file, where: ``row`` None for the whole file, ``column``
    None for the row. ``message`` is a Danish source text (``gettext_noop``) with ``params``."""

    file: str
    row: int | None
    column: str | None
    message: str
    params: dict[str, Any] = field(default_factory=dict)


_DANISH_DATE = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def column_key(name: object) -> str:
    """A header as compared: ``Gyldig til`` → ``gyldigtil``, ``Medarbejder-nummer`` →
    ``medarbejdernummer``, ``Udløber`` → ``udloeber``."""
    text = str(name or "").strip().lower()
    for old, new in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), (" ", ""), ("-", ""), ("_", "")):
        text = text.replace(old, new)
    return text


def cell_text(value: object) -> str:
    """A cell as text: empty for nothing, ``12`` for a spreadsheet's ``12.0``, trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value: object) -> date:
    """``dd-mm-åååå`` (also ``.`` or ``/``), ``åååå-mm-dd``, or a spreadsheet date. The error
    messages are Danish source texts (``gettext_noop``), translated where they are shown."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    match = _DANISH_DATE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO_DATE.match(text)
        if not match:
            raise ValueError(_("Datoen kan ikke læses. Skriv den som dd-mm-åååå eller åååå-mm-dd."))
        year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(_("Datoen findes ikke i kalenderen.")) from None


def _encoding(data: bytes) -> str:
    """UTF-8 when the whole file decodes as UTF-8 (checked in chunks, nothing kept), else
    Windows-1252 (what Excel writes on a Danish Windows)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(data), 1 << 20):
            decoder.decode(view[start : start + (1 << 20)])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def csv_rows(data: bytes) -> Iterator[tuple[int, list[object]]]:
    """The rows of a CSV file, one at a time, with their line numbers; ``;`` or ``,`` as the
    first line uses most."""
    encoding = _encoding(data)
    first = data[:4096].split(b"\n", 1)[0]
    separator = ";" if first.count(b";") >= first.count(b",") else ","
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors="replace", newline="")
    reader = csv.reader(stream, delimiter=separator)
    for cells in reader:
        yield reader.line_num, list(cells)


def xlsx_rows(data: bytes, *, max_unpacked: int) -> Iterator[tuple[int, list[object]]]:
    """The first sheet's rows, one at a time, after the archive's table of contents was found
    to unpack to at most ``max_unpacked`` bytes (a zip bomb is refused, not opened)."""
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(part.file_size for part in archive.infolist()) > max_unpacked:
            raise ValueError(_("Excel-filen fylder for meget, når den pakkes ud. Gem den som CSV."))
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(values)
    finally:
        workbook.close()


def is_xlsx(data: bytes) -> bool:
    """By content (a zip archive), never by the file's name."""
    return data[:4] == b"PK\x03\x04"
