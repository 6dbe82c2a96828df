"""The completions file (docs/import-format.md, "Gennemførte kurser"): reading and checking its
rows. Pure: the standard library, openpyxl for .xlsx, and core's pure CPR detector;
``services.imports`` builds the look-ups (people, courses) once and writes, all or nothing.

Columns, by header name in any order (case, spaces, æøå and ``-``/``_`` ignored)::

    medarbejdernummer|email;kursuskode;dato;resultat[;timer][;udgift][;gyldig_til][;id]

CSV in UTF-8 (with or without BOM) or Windows-1252, separated by ``;`` or ``,``; or an .xlsx
workbook whose first sheet holds the table. The file is **streamed**: rows are read one at a
time (openpyxl in read-only mode), each is checked and matched against the look-ups, and only a
compact :class:`CompletionRow` is handed on, so a million-row file does not need a million rows
of cells in memory. Every problem names its file, row and column and never repeats the cell (it
may hold a CPR number). Messages are Danish msgids with parameters; the service translates them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from charlie.core.cpr import contains_cpr
from charlie.core.language import gettext_noop as _
from charlie.core.sheets import (
    Problem,
    cell_text,
    column_key,
    csv_rows,
    is_xlsx,
    parse_date,
    xlsx_rows,
)

#: The columns (as compared, see :func:`column_key`) and their English aliases.
ALIASES = {
    "medarbejdernummer": "medarbejdernummer",
    "employeenumber": "medarbejdernummer",
    "employee": "medarbejdernummer",
    "email": "email",
    "epost": "email",
    "mail": "email",
    "kursuskode": "kursuskode",
    "kursus": "kursuskode",
    "course": "kursuskode",
    "coursecode": "kursuskode",
    "dato": "dato",
    "date": "dato",
    "resultat": "resultat",
    "result": "resultat",
    "timer": "timer",
    "hours": "timer",
    "udgift": "udgift",
    "cost": "udgift",
    "gyldigtil": "gyldig_til",
    "validuntil": "gyldig_til",
    "id": "id",
}
COLUMNS = (
    "medarbejdernummer",
    "email",
    "kursuskode",
    "dato",
    "resultat",
    "timer",
    "udgift",
    "gyldig_til",
    "id",
)
REQUIRED = ("kursuskode", "dato", "resultat")

#: ``resultat`` as written in the file → ``CompletionResult``.
RESULTS = {
    "gennemført": "completed",
    "gennemfoert": "completed",
    "completed": "completed",
    "bestået": "passed",
    "bestaaet": "passed",
    "passed": "passed",
    "ikke bestået": "failed",
    "ikke bestaaet": "failed",
    "failed": "failed",
}
RESULT_TEXT = "gennemført, bestået, ikke bestået"

EARLIEST = date(1950, 1, 1)
LATEST_VALID = date(2100, 12, 31)
MAX_HOURS = Decimal("9999")
MAX_COST = Decimal("99999999")
MAX_ID = 100
#: An .xlsx is a zip archive: refuse one that unpacks to more than this (a "zip bomb").
XLSX_MAX_UNPACKED = 512 * 1024**2

_NUMBER = re.compile(r"^\d{1,8}([.,]\d{1,2})?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: At least ten digits (as ``str.isdigit`` counts them, the CPR detector's first test).
_TEN_DIGITS = re.compile(r"(?:\D*\d){10}")

CPR_MESSAGE = _("Feltet ser ud til at indeholde et CPR-nummer. Charlie gemmer aldrig CPR-numre.")


class CompletionRow(NamedTuple):
    """One checked and matched row: small, so many fit in memory."""

    row: int
    person_id: int
    course_id: int
    completed_on: date
    result: str
    hours: Decimal | None
    cost: Decimal | None
    valid_until: date | None
    external_id: str


@dataclass(frozen=True)
class Lookups:
    """Built once by the service: employee number → person, e-mail (lower case) → person,
    course code or xAPI activity id → course."""

    by_number: Mapping[str, int]
    by_email: Mapping[str, int]
    courses: Mapping[str, int]


def row_key(person_id: int, course_id: int, on: date, result: str) -> str:
    """The key of a row without an ``id``: the same person, course, date and result give the
    same key, so the same file twice stores nothing new."""
    digest = hashlib.sha256(f"{person_id}|{course_id}|{on.isoformat()}|{result}".encode())
    return "fil:" + digest.hexdigest()[:40]


# --- Reading the file ---------------------------------------------------------------------------


def rows_of(name: str, data: bytes) -> Iterator[tuple[int, list[object]]]:
    return xlsx_rows(data, max_unpacked=XLSX_MAX_UNPACKED) if is_xlsx(data) else csv_rows(data)


# --- Checking -----------------------------------------------------------------------------------


@dataclass
class Header:
    """Which cell holds which column."""

    index: dict[str, int]
    number: int


def read_header(
    name: str, rows: Iterator[tuple[int, list[object]]]
) -> tuple[Header | None, list[Problem]]:
    """The first non-blank row as the header; problems when columns are missing or unknown."""
    for number, cells in rows:
        if not any(cell_text(c) for c in cells):
            continue
        index: dict[str, int] = {}
        unknown: list[str] = []
        for position, cell in enumerate(cells):
            key = column_key(cell)
            if not key:
                continue
            column = ALIASES.get(key)
            if column is None:
                unknown.append(cell_text(cell)[:40])
            else:
                index.setdefault(column, position)
        problems: list[Problem] = []
        missing = [c for c in REQUIRED if c not in index]
        if "medarbejdernummer" not in index and "email" not in index:
            missing.insert(0, "medarbejdernummer (eller email)")
        if missing:
            problems.append(
                Problem(
                    name,
                    number,
                    None,
                    _("Kolonnen mangler: %(columns)s."),
                    {"columns": ", ".join(missing)},
                )
            )
        if unknown:
            problems.append(
                Problem(
                    name,
                    number,
                    None,
                    _("Ukendt kolonne: %(columns)s. Kolonnerne er %(allowed)s."),
                    {"columns": ", ".join(unknown), "allowed": ";".join(COLUMNS)},
                )
            )
        return (None if missing else Header(index, number)), problems
    return None, [Problem(name, None, None, _("Filen er tom."))]


def is_blank(cells: list[object]) -> bool:
    return not any(cell_text(c) for c in cells)


def check_row(
    name: str,
    header: Header,
    number: int,
    cells: list[object],
    lookups: Lookups,
    today: date,
) -> tuple[CompletionRow | None, list[Problem]]:
    """One row checked and matched: the person by employee number (or e-mail), the course by
    its code (or xAPI activity id) — never guessed."""
    problems: list[Problem] = []

    def fail(column: str, message: str, **params: Any) -> None:
        problems.append(Problem(name, number, column, message, params))

    def raw(column: str) -> object:
        position = header.index.get(column)
        if position is None or position >= len(cells):
            return None
        return cells[position]

    # A CPR number anywhere refuses the row (and so the file), and its cell is never repeated.
    # Each cell's text is made once; a cell with fewer than ten digits cannot hold a CPR number,
    # so the detector runs only on those with ten (a million rows: the common case is cheap).
    texts: dict[str, str] = {}
    size = len(cells)
    for column, position in header.index.items():
        if position < size:
            value = cells[position]
            text = value.strip() if type(value) is str else cell_text(value)
            texts[column] = text
            if (
                len(text) >= 10
                and not isinstance(value, date | int | float | Decimal)
                and _TEN_DIGITS.match(text)
                and contains_cpr(text)
            ):
                fail(column, CPR_MESSAGE)
            elif _CONTROL.search(text):
                fail(column, _("Feltet indeholder ugyldige tegn."))
    if problems:
        return None, problems
    text_of = texts.get

    person_id: int | None = None
    number_text = text_of("medarbejdernummer", "")
    email_text = text_of("email", "").lower()
    if number_text:
        person_id = lookups.by_number.get(number_text)
        if person_id is None:
            fail(
                "medarbejdernummer",
                _("Der er ingen medarbejder med dette medarbejdernummer."),
            )
    elif email_text:
        person_id = lookups.by_email.get(email_text)
        if person_id is None:
            fail("email", _("Der er ingen medarbejder med denne e-mailadresse."))
    else:
        fail(
            "medarbejdernummer" if "medarbejdernummer" in header.index else "email",
            _("Feltet skal udfyldes (medarbejdernummer eller email)."),
        )

    code = text_of("kursuskode", "")
    course_id: int | None = None
    if not code:
        fail("kursuskode", _("Feltet skal udfyldes."))
    else:
        course_id = lookups.courses.get(code) or lookups.courses.get(code.lower())
        if course_id is None:
            fail(
                "kursuskode", _("Kurset findes ikke i kataloget (hverken som kode eller xAPI-id).")
            )

    def day(column: str, *, required: bool) -> date | None:
        value = raw(column)
        if not text_of(column, ""):
            if required:
                fail(column, _("Feltet skal udfyldes."))
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            fail(column, str(exc))
            return None

    on = day("dato", required=True)
    if on is not None and not EARLIEST <= on <= today:
        fail(
            "dato",
            _("Datoen skal ligge mellem %(first)s og i dag (%(today)s)."),
            first="01-01-1950",
            today=today.strftime("%d-%m-%Y"),
        )
        on = None

    result = RESULTS.get(text_of("resultat", "").lower())
    if result is None:
        fail("resultat", _("Resultatet skal være et af: %(allowed)s."), allowed=RESULT_TEXT)

    def amount(column: str, top: Decimal) -> Decimal | None:
        text = text_of(column, "")
        if not text:
            return None
        if not _NUMBER.match(text):
            fail(column, _("Skriv et tal, fx 7,5."))
            return None
        try:
            value = Decimal(text.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern lets only numbers through
            fail(column, _("Skriv et tal, fx 7,5."))
            return None
        if value > top:
            fail(column, _("Tallet er for stort (højst %(top)s)."), top=str(top))
            return None
        return value

    hours = amount("timer", MAX_HOURS)
    cost = amount("udgift", MAX_COST)
    valid_until = day("gyldig_til", required=False)
    if valid_until is not None and (valid_until > LATEST_VALID or valid_until.year == 9999):
        fail(
            "gyldig_til",
            _("Datoen ligger for langt ude. Lad feltet stå tomt, hvis kurset ikke udløber."),
        )
        valid_until = None
    elif valid_until is not None and on is not None and valid_until <= on:
        fail("gyldig_til", _("Gyldig til skal ligge efter datoen."))
        valid_until = None

    source_id = text_of("id", "")
    if len(source_id) > MAX_ID:
        fail("id", _("Teksten er for lang (højst %(n)d tegn)."), n=MAX_ID)

    if problems or person_id is None or course_id is None or on is None or result is None:
        return None, problems
    external_id = f"fil:id:{source_id}" if source_id else row_key(person_id, course_id, on, result)
    return (
        CompletionRow(
            number, person_id, course_id, on, result, hours, cost, valid_until, external_id
        ),
        [],
    )
