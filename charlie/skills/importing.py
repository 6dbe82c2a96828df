"""The employees' skills file (docs/import-format.md, "Medarbejdernes kompetencer"): reading and
checking its rows. Pure: the standard library, openpyxl for .xlsx, and core's pure CPR detector;
``services.imports`` looks up people and skills and writes, all or nothing.

Columns, by header name in any order (case, spaces, æøå and ``-``/``_`` ignored)::

    medarbejdernummer;kompetence;niveau;dato;kilde[;dokumentation][;udloeber]

CSV in UTF-8 (with or without BOM) or Windows-1252, separated by ``;`` or ``,``; or an .xlsx
workbook whose first sheet holds the table. Every problem names its file, row and column and
never repeats the cell (it may hold a CPR number). Messages are Danish msgids with parameters
(``Problem.message``); the service translates them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

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

REQUIRED = ("medarbejdernummer", "kompetence", "niveau", "dato", "kilde")
OPTIONAL = ("dokumentation", "udloeber")
COLUMNS = REQUIRED + OPTIONAL

#: ``kilde`` as written in the file → ``AssessmentSource``.
SOURCES = {
    "egen vurdering": "self",
    "egen": "self",
    "self": "self",
    "leder": "manager",
    "manager": "manager",
    "kursus": "course",
    "course": "course",
    "certifikat": "certificate",
    "certificate": "certificate",
    "import": "import",
}
SOURCE_TEXT = "egen vurdering, leder, kursus, certifikat, import"

#: The highest level any scale has (DigComp's 8); the skill's own scale is checked later.
MAX_LEVEL = 8
EARLIEST = date(1950, 1, 1)
LATEST_EXPIRY = date(2100, 12, 31)
MAX_TEXT = {"medarbejdernummer": 40, "kompetence": 255, "dokumentation": 300}
#: An .xlsx is a zip archive: refuse one that unpacks to more than this (a "zip bomb").
XLSX_MAX_UNPACKED = 256 * 1024**2

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class SkillRow:
    file: str
    row: int
    employee_number: str
    skill: str
    level: int
    assessed_on: date
    source: str
    evidence: str
    expires_on: date | None


# --- Reading the file ---------------------------------------------------------------------------


def read(name: str, data: bytes, *, today: date) -> tuple[list[SkillRow], list[Problem]]:
    """The file's rows and every problem found in it (row numbers as in the file: the header
    is row 1)."""
    try:
        rows = list(
            xlsx_rows(data, max_unpacked=XLSX_MAX_UNPACKED) if is_xlsx(data) else csv_rows(data)
        )
    except ValueError as exc:
        return [], [Problem(name, None, None, str(exc))]
    except Exception:  # openpyxl and zipfile raise many kinds for a file that is not a workbook
        return [], [Problem(name, None, None, _("Filen kan ikke læses som CSV eller Excel."))]
    return check_rows(name, rows, today=today)


def check_rows(
    name: str, rows: Iterable[tuple[int, list[object]]], *, today: date
) -> tuple[list[SkillRow], list[Problem]]:
    """Check a header and its rows (``(number, cells)``); blank rows are skipped."""
    problems: list[Problem] = []
    found: list[SkillRow] = []
    iterator = iter(rows)
    header: list[str] | None = None
    number = 0
    for header_number, cells in iterator:
        if any(cell_text(c) for c in cells):
            header = [column_key(c) for c in cells]
            number = header_number
            break
    if header is None:
        return [], [Problem(name, None, None, _("Filen er tom."))]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header if h and h not in COLUMNS]
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
    if missing:
        return [], problems
    for number, cells in iterator:
        if not any(cell_text(c) for c in cells):
            continue
        values = {key: cells[i] if i < len(cells) else None for i, key in enumerate(header)}
        row, row_problems = _check(name, number, values, today)
        problems.extend(row_problems)
        if row is not None:
            found.append(row)
    if not found and not problems:
        problems.append(Problem(name, None, None, _("Filen har ingen rækker under overskriften.")))
    return found, problems


def _check(
    name: str, number: int, values: dict[str, object], today: date
) -> tuple[SkillRow | None, list[Problem]]:
    problems: list[Problem] = []

    def fail(column: str, message: str, **params: Any) -> None:
        problems.append(Problem(name, number, column, message, params))

    def text(column: str, *, required: bool, cpr_allowed: bool = False) -> str:
        value = cell_text(values.get(column))
        if required and not value:
            fail(column, _("Feltet skal udfyldes."))
        elif len(value) > MAX_TEXT.get(column, 255):
            fail(column, _("Teksten er for lang (højst %(n)d tegn)."), n=MAX_TEXT.get(column, 255))
        elif _CONTROL.search(value):
            fail(column, _("Feltet indeholder ugyldige tegn."))
        elif not cpr_allowed and contains_cpr(value):
            fail(
                column,
                _("Feltet ser ud til at indeholde et CPR-nummer. Charlie gemmer aldrig CPR-numre."),
            )
        return value

    def day(column: str, *, required: bool) -> date | None:
        raw = values.get(column)
        if raw is None or cell_text(raw) == "":
            if required:
                fail(column, _("Feltet skal udfyldes."))
            return None
        if not isinstance(raw, date) and contains_cpr(cell_text(raw)):
            fail(
                column,
                _("Feltet ser ud til at indeholde et CPR-nummer. Charlie gemmer aldrig CPR-numre."),
            )
            return None
        try:
            return parse_date(raw)
        except ValueError as exc:
            fail(column, str(exc))
            return None

    employee_number = text("medarbejdernummer", required=True)
    skill = text("kompetence", required=True)
    evidence = text("dokumentation", required=False)
    level: int | None = None
    raw_level = cell_text(values.get("niveau"))
    if not raw_level:
        fail("niveau", _("Feltet skal udfyldes."))
    elif not raw_level.isdigit() or not 1 <= int(raw_level) <= MAX_LEVEL:
        fail("niveau", _("Niveauet skal være et helt tal fra 1 til %(top)d."), top=MAX_LEVEL)
    else:
        level = int(raw_level)
    source = SOURCES.get(cell_text(values.get("kilde")).lower())
    if source is None:
        fail("kilde", _("Kilden skal være en af: %(allowed)s."), allowed=SOURCE_TEXT)
    assessed_on = day("dato", required=True)
    if assessed_on is not None and not EARLIEST <= assessed_on <= today:
        fail(
            "dato",
            _("Datoen skal ligge mellem %(first)s og i dag (%(today)s)."),
            first="01-01-1950",
            today=today.strftime("%d-%m-%Y"),
        )
        assessed_on = None
    expires_on = day("udloeber", required=False)
    if expires_on is not None and (expires_on > LATEST_EXPIRY or expires_on.year == 9999):
        fail(
            "udloeber",
            _(
                "Udløbsdatoen ligger for langt ude. Lad feltet stå tomt, hvis kompetencen ikke "
                "udløber."
            ),
        )
        expires_on = None
    elif expires_on is not None and assessed_on is not None and expires_on <= assessed_on:
        fail("udloeber", _("Udløbsdatoen skal ligge efter datoen."))
        expires_on = None
    if problems or level is None or assessed_on is None or source is None:
        return None, problems
    return (
        SkillRow(
            file=name,
            row=number,
            employee_number=employee_number,
            skill=skill,
            level=level,
            assessed_on=assessed_on,
            source=source,
            evidence=evidence,
            expires_on=expires_on,
        ),
        [],
    )
