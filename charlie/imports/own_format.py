"""Charlie's own import format (docs/import-format.md): CSV files or one XLSX workbook. Pure.

Three kinds of table, told apart by their columns (CSV: one kind per file) or by the sheet name
(XLSX: ``enheder``, ``medarbejdere``, ``fravaer``):

- **enheder**: organisation units, keyed by ``enhedskode``;
- **medarbejdere**: people with their employments, one row per employment (the person's columns
  repeated on each of their rows), keyed by ``medarbejdernummer`` and ``startdato``;
- **fravaer**: absence periods, keyed by ``medarbejdernummer``, ``fravaerstype`` and
  ``startdato``.

Column names are compared without case, and ``æ``/``ø``/``å``, spaces and hyphens are read as
``ae``/``oe``/``aa`` and ``_``, so ``Fødselsdato`` and ``foedselsdato`` are the same column.
Every row with something wrong yields one ``Problem`` per wrong cell and no record, only its
``RowKeys`` (the codes it defines and refers to, for the cross-reference checks). A CPR number
(column ``cpr``) is turned into birth date and gender by ``charlie.imports.cpr`` and never kept.
"""

from __future__ import annotations

import csv
import pathlib
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from charlie.core.messages import Message, message_of
from charlie.imports import texts
from charlie.imports.cpr import from_cpr
from charlie.imports.opus import opus_source
from charlie.imports.person_key import PersonKeyer
from charlie.imports.records import (
    AbsenceRecord,
    EmploymentRecord,
    OrgUnitRecord,
    PersonRecord,
    Problem,
    Record,
    RowKeys,
    Source,
)
from charlie.imports.values import (
    OPEN_END,
    detect_encoding,
    detect_separator,
    join_quoted,
    normalise_header,
    open_end,
    parse_date,
    parse_decimal,
    to_bool,
    to_date,
    to_decimal,
)

KIND_UNITS = "enheder"
KIND_PEOPLE = "medarbejdere"
KIND_ABSENCE = "fravaer"
KINDS = (KIND_UNITS, KIND_PEOPLE, KIND_ABSENCE)

UNIT_COLUMNS = {
    "enhedskode": True,
    "navn": True,
    "kort_navn": False,
    "overordnet_enhedskode": False,
    "type": False,
    "omkostningssted": False,
    "oprettet": False,
    "nedlagt": False,
}
PEOPLE_COLUMNS = {
    "medarbejdernummer": True,
    "fornavn": True,
    "efternavn": True,
    # Either foedselsdato and koen, or cpr (checked apart).
    "foedselsdato": False,
    "koen": False,
    "cpr": False,
    "email": False,
    "telefon": False,
    "enhedskode": True,
    "stillingsbetegnelse": True,
    "stillingskategori": False,
    "overenskomst": False,
    "ugentlige_timer": True,
    "startdato": True,
    "slutdato": False,
    "fratraedelsesaarsag": False,
    "opsagt_den": False,
    "leder": False,
}
ABSENCE_COLUMNS = {
    "medarbejdernummer": True,
    "fravaerstype": True,
    "startdato": True,
    "slutdato": False,
    "timer_pr_dag": False,
}
COLUMNS = {KIND_UNITS: UNIT_COLUMNS, KIND_PEOPLE: PEOPLE_COLUMNS, KIND_ABSENCE: ABSENCE_COLUMNS}

#: ``OrgUnitKind`` values and the Danish words for them.
UNIT_KINDS = {
    "kommune": "kommune",
    "forvaltning": "forvaltning",
    "omraade": "omraade",
    "område": "omraade",
    "institution": "institution",
    "afdeling": "afdeling",
}
#: ``EndReason`` values and their Danish labels.
END_REASONS = {
    "retirement": "retirement",
    "pension": "retirement",
    "resignation": "resignation",
    "egen opsigelse": "resignation",
    "dismissal": "dismissal",
    "afskedigelse": "dismissal",
    "contract_end": "contract_end",
    "tidsbegrænset ansættelse udløbet": "contract_end",
    "udløb": "contract_end",
    "transfer": "transfer",
    "intern jobskifte": "transfer",
    "death": "death",
    "dødsfald": "death",
    "other": "other",
    "andet": "other",
}
#: ``AbsenceType`` values and their Danish labels.
ABSENCE_TYPES = {
    "sickness": "sickness",
    "egen sygdom": "sickness",
    "sygdom": "sickness",
    "partial_sickness": "partial_sickness",
    "delvis sygdom": "partial_sickness",
    "work_injury": "work_injury",
    "arbejdsskade": "work_injury",
    "child_sick": "child_sick",
    "barns 1. og 2. sygedag": "child_sick",
    "barns sygdom": "child_sick",
    "child_hospital": "child_hospital",
    "barns hospitalsindlæggelse": "child_hospital",
    "care_day": "care_day",
    "omsorgsdag": "care_day",
    "senior_day": "senior_day",
    "seniordag": "senior_day",
    "holiday": "holiday",
    "ferie": "holiday",
    "sixth_week": "sixth_week",
    "6. ferieuge": "sixth_week",
    "parental_leave": "parental_leave",
    "barselsorlov": "parental_leave",
    "barsel": "parental_leave",
    "unpaid_leave": "unpaid_leave",
    "orlov uden løn": "unpaid_leave",
    "course": "course",
    "kursus": "course",
}
GENDERS = {"k": "K", "kvinde": "K", "m": "M", "mand": "M"}


def column_key(name: object) -> str:
    """A column or sheet name as the reader compares it: ``Fødsels-dato`` → ``foedsels_dato``."""
    text = normalise_header(name)
    for old, new in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), (" ", "_"), ("-", "_")):
        text = text.replace(old, new)
    return text


def detect_kind(columns: Iterable[str]) -> str | None:
    """The kind of table a header describes (``column_key`` names), or None."""
    names = set(columns)
    if "medarbejdernummer" in names:
        if "fravaerstype" in names:
            return KIND_ABSENCE
        return KIND_PEOPLE
    if "enhedskode" in names and "navn" in names:
        return KIND_UNITS
    return None


def _choice(table: dict[str, str], value: str, what: Message, allowed: str) -> str:
    found = table.get(value.strip().lower())
    if found is None:
        raise ValueError(texts.NOT_A_CHOICE(what=what, allowed=allowed))
    return found


def to_end_date(value: object) -> date | None:
    """An end-date cell: 31-12-9999 (``values.OPEN_END``) means no end."""
    return open_end(to_date(value))


_UNIT_KIND_TEXT = "kommune, forvaltning, omraade, institution, afdeling"
_END_REASON_TEXT = "pension, egen opsigelse, afskedigelse, udløb, intern jobskifte, dødsfald, andet"
_ABSENCE_TYPE_TEXT = (
    "sygdom, delvis sygdom, arbejdsskade, barns sygdom, barns hospitalsindlæggelse, "
    "omsorgsdag, seniordag, ferie, 6. ferieuge, barsel, orlov uden løn, kursus"
)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an employee number typed as a number in Excel
    return str(value).strip()


@dataclass
class _Row:
    """One row's cells by column key, with the problems found while reading them."""

    file: str
    number: int
    cells: dict[str, object]
    problems: list[Problem]

    def text(self, column: str) -> str:
        return _text(self.cells.get(column))

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            self.fail(column, texts.REQUIRED(column=column))
        return value

    def fail(self, column: str | None, message: Message | str) -> None:
        self.problems.append(Problem(self.file, self.number, column, message))

    def parse[T](
        self, column: str, parse: Callable[[object], T | None], *, required: bool
    ) -> T | None:
        raw = self.cells.get(column)
        if raw is None or _text(raw) == "":
            if required:
                self.fail(column, texts.REQUIRED(column=column))
            return None
        try:
            return parse(raw)
        except ValueError as exc:
            self.fail(column, message_of(exc))
            return None


def _unit(row: _Row) -> OrgUnitRecord | None:
    code = row.required("enhedskode")
    name = row.required("navn")
    kind_text = row.text("type")
    kind = None
    if kind_text:
        try:
            kind = _choice(UNIT_KINDS, kind_text, texts.WHAT_UNIT_KIND(), _UNIT_KIND_TEXT)
        except ValueError as exc:
            row.fail("type", message_of(exc))
    valid_from = row.parse("oprettet", to_date, required=False)
    valid_to = row.parse("nedlagt", to_end_date, required=False)
    if valid_from and valid_to and valid_to < valid_from:
        row.fail("nedlagt", texts.UNIT_CLOSED_BEFORE_OPENED())
    parent = row.text("overordnet_enhedskode") or None
    if parent is not None and parent == code:
        row.fail("overordnet_enhedskode", texts.UNIT_OWN_PARENT())
    if row.problems:
        return None
    return OrgUnitRecord(
        row=row.number,
        code=code,
        name=name,
        short_name=row.text("kort_navn"),
        parent_code=parent,
        kind=kind,
        cost_center=row.text("omkostningssted"),
        valid_from=valid_from,
        valid_to=valid_to,
    )


def _birth_and_gender(row: _Row, use_cpr: bool) -> tuple[date | None, str | None]:
    if use_cpr:
        raw = row.text("cpr")
        if not raw:
            row.fail("cpr", texts.CPR_REQUIRED())
            return None, None
        try:
            return from_cpr(raw)
        except ValueError as exc:
            row.fail("cpr", message_of(exc))
            return None, None
    birth = row.parse("foedselsdato", to_date, required=True)
    gender_text = row.required("koen")
    gender = None
    if gender_text:
        gender = GENDERS.get(gender_text.lower())
        if gender is None:
            row.fail("koen", texts.GENDER())
    return birth, gender


def _person_and_employment(
    row: _Row, use_cpr: bool
) -> tuple[PersonRecord, EmploymentRecord] | None:
    number = row.required("medarbejdernummer")
    first = row.required("fornavn")
    last = row.required("efternavn")
    birth, gender = _birth_and_gender(row, use_cpr)
    email = row.text("email")
    if email and ("@" not in email or " " in email):
        row.fail("email", texts.EMAIL())
    unit = row.required("enhedskode")
    title = row.required("stillingsbetegnelse")
    hours = row.parse("ugentlige_timer", to_decimal, required=True)
    if hours is not None and not (Decimal(0) < hours <= Decimal(80)):
        row.fail("ugentlige_timer", texts.WEEKLY_HOURS())
    start = row.parse("startdato", to_date, required=True)
    end = row.parse("slutdato", to_end_date, required=False)
    if start and end and end < start:
        row.fail("slutdato", texts.END_BEFORE_START())
    reason_text = row.text("fratraedelsesaarsag")
    reason = ""
    if reason_text:
        try:
            reason = _choice(END_REASONS, reason_text, texts.WHAT_END_REASON(), _END_REASON_TEXT)
        except ValueError as exc:
            row.fail("fratraedelsesaarsag", message_of(exc))
        if end is None:
            row.fail("fratraedelsesaarsag", texts.REASON_WITHOUT_END())
    notice = row.parse("opsagt_den", to_date, required=False)
    if notice and start and notice < start:
        row.fail("opsagt_den", texts.NOTICE_BEFORE_START())
    if notice and end and notice > end:
        row.fail("opsagt_den", texts.NOTICE_AFTER_END())
    manager = row.parse("leder", to_bool, required=False)
    if row.problems or birth is None or gender is None or hours is None or start is None:
        return None
    person = PersonRecord(
        row=row.number,
        employee_number=number,
        first_name=first,
        last_name=last,
        birth_date=birth,
        gender=gender,
        email=email,
        phone=row.text("telefon"),
    )
    employment = EmploymentRecord(
        row=row.number,
        employee_number=number,
        org_unit_code=unit,
        job_title=title,
        job_family_code=row.text("stillingskategori") or None,
        agreement=row.text("overenskomst"),
        weekly_hours=hours,
        start_date=start,
        end_date=end,
        end_reason=reason,
        is_manager=bool(manager),
        notice_date=notice,
        notice_known="opsagt_den" in row.cells,
    )
    return person, employment


def _absence(row: _Row) -> AbsenceRecord | None:
    number = row.required("medarbejdernummer")
    type_text = row.required("fravaerstype")
    absence_type = None
    if type_text:
        try:
            absence_type = _choice(
                ABSENCE_TYPES, type_text, texts.WHAT_ABSENCE_TYPE(), _ABSENCE_TYPE_TEXT
            )
        except ValueError as exc:
            row.fail("fravaerstype", message_of(exc))
    start = row.parse("startdato", to_date, required=True)
    end = row.parse("slutdato", to_end_date, required=False)
    if start and end and end < start:
        row.fail("slutdato", texts.ABSENCE_END_BEFORE_START())
    hours = row.parse("timer_pr_dag", to_decimal, required=False)
    if hours is not None and not (Decimal(0) < hours <= Decimal(24)):
        row.fail("timer_pr_dag", texts.HOURS_PER_DAY())
    if row.problems or absence_type is None or start is None:
        return None
    return AbsenceRecord(
        row=row.number,
        employee_number=number,
        absence_type=absence_type,
        start_date=start,
        end_date=end,
        hours_per_day=hours,
    )


def _fast_absence(
    keys: list[str], width: int
) -> Callable[[int, list[object]], AbsenceRecord | None]:
    """A quick reader for the common case — a CSV row of absence that is all right — which
    returns None for anything else, so the careful reader (``_absence``) finds the problems.
    Absence files have millions of rows; this halves the time to read them."""
    i_number = keys.index("medarbejdernummer")
    i_type = keys.index("fravaerstype")
    i_start = keys.index("startdato")
    i_end = keys.index("slutdato") if "slutdato" in keys else None
    i_hours = keys.index("timer_pr_dag") if "timer_pr_dag" in keys else None
    types = ABSENCE_TYPES
    zero, most = Decimal(0), Decimal(24)

    def fast(number: int, cells: list[Any]) -> AbsenceRecord | None:
        if len(cells) > width:
            return None
        try:
            employee = cells[i_number].strip()
            absence_type = types.get(cells[i_type].strip().lower())
            if not employee or absence_type is None:
                return None
            start = parse_date(cells[i_start])
            end_text = cells[i_end] if i_end is not None else ""
            end = parse_date(end_text) if end_text and not end_text.isspace() else None
            if end == OPEN_END:
                end = None
            elif end is not None and end < start:
                return None
            hours_text = cells[i_hours] if i_hours is not None else ""
            hours = parse_decimal(hours_text) if hours_text and not hours_text.isspace() else None
            if hours is not None and not (zero < hours <= most):
                return None
        except (ValueError, IndexError, AttributeError, TypeError):
            return None
        return AbsenceRecord(number, employee, absence_type, start, end, hours)

    return fast


def read_table(
    file: str, rows: Iterator[tuple[int, list[object]]], *, kind: str | None = None
) -> Iterator[Record | Problem]:
    """Records and problems from a table: the first row is the header, then ``(number, cells)``.

    ``kind`` is the sheet's kind where the sheet name gave it; otherwise the header decides.
    """
    try:
        header_number, header = next(rows)
    except StopIteration:
        yield Problem(file, None, None, texts.FILE_EMPTY())
        return
    keys = [column_key(cell) for cell in header]
    while keys and not keys[-1]:
        keys.pop()  # empty columns at the right edge (Excel)
    detected = detect_kind(keys)
    kind = kind or detected
    if kind is None:
        yield Problem(
            file,
            header_number,
            None,
            texts.KIND_UNKNOWN(),
        )
        return
    allowed = COLUMNS[kind]
    header_ok = True
    seen: set[str] = set()
    for position, key in enumerate(keys, start=1):
        if not key:
            yield Problem(file, header_number, None, texts.COLUMN_UNNAMED())
            header_ok = False
        elif key not in allowed:
            # The name is not repeated: a header cell may hold anything.
            yield Problem(
                file,
                header_number,
                f"nr. {position}",
                texts.COLUMN_UNKNOWN(position=position, kind=kind, allowed=join_quoted(allowed)),
            )
            header_ok = False
        elif key in seen:
            yield Problem(file, header_number, key, texts.COLUMN_TWICE(column=key))
            header_ok = False
        seen.add(key)
    required = [name for name, needed in allowed.items() if needed]
    use_cpr = False
    if kind == KIND_PEOPLE:
        use_cpr = "cpr" in seen and not ({"foedselsdato", "koen"} & seen)
        if not use_cpr:
            required += ["foedselsdato", "koen"]
        if "cpr" in seen and {"foedselsdato", "koen"} & seen:
            yield Problem(
                file,
                header_number,
                "cpr",
                texts.CPR_OR_BIRTH(),
            )
            header_ok = False
    missing = [name for name in required if name not in seen]
    for name in missing:
        yield Problem(
            file,
            header_number,
            name,
            texts.COLUMN_MISSING(column=name),
        )
    if missing or not header_ok:
        return

    width = len(keys)
    fast = _fast_absence(keys, width) if kind == KIND_ABSENCE else None
    for number, cells in rows:
        if fast is not None:
            record = fast(number, cells)
            if record is not None:
                yield record
                continue
        if not any(cell is not None and _text(cell) != "" for cell in cells):
            continue  # blank line
        if len(cells) > width and any(_text(c) for c in cells[width:]):
            yield Problem(
                file,
                number,
                None,
                texts.ROW_TOO_WIDE(cells=len(cells), width=width),
            )
            continue
        row = _Row(file, number, dict(zip(keys, cells, strict=False)), [])
        if kind == KIND_ABSENCE:
            absence = _absence(row)
            if absence is not None:
                yield absence
        elif kind == KIND_PEOPLE:
            pair = _person_and_employment(row, use_cpr)
            if pair is not None:
                yield pair[0]
                yield pair[1]
        else:
            unit = _unit(row)
            if unit is not None:
                yield unit
        if row.problems:
            yield _row_keys(row, kind)
        yield from row.problems


def _row_keys(row: _Row, kind: str) -> RowKeys:
    """The keys a row with problems defines and refers to (``records.RowKeys``)."""
    if kind == KIND_ABSENCE:
        return RowKeys(row.number, person=row.text("medarbejdernummer") or None)
    if kind == KIND_PEOPLE:
        number = row.text("medarbejdernummer") or None
        return RowKeys(
            row.number,
            defines_person=number,
            unit=row.text("enhedskode") or None,
            job_family=row.text("stillingskategori") or None,
        )
    code = row.text("enhedskode") or None
    parent = row.text("overordnet_enhedskode") or None
    return RowKeys(row.number, defines_unit=code, parent_unit=parent if parent != code else None)


# --- CSV ---


def _csv_rows(text: Any, separator: str) -> Iterator[tuple[int, list[Any]]]:
    reader = csv.reader(text, delimiter=separator)
    for cells in reader:
        yield reader.line_num, cells


def read_csv(path: pathlib.Path, *, name: str | None = None) -> Iterator[Record | Problem]:
    """Records and problems from one CSV file of our format, streamed."""
    file = name or path.name
    with path.open("rb") as raw:
        encoding = detect_encoding(raw)
    with path.open("r", encoding=encoding, newline="") as text:
        first = text.readline()
        separator = detect_separator(first)
        text.seek(0)
        yield from read_table(file, _csv_rows(text, separator))


# --- XLSX ---

SHEET_KINDS = {"enheder": KIND_UNITS, "medarbejdere": KIND_PEOPLE, "fravaer": KIND_ABSENCE}

# An .xlsx file is a zip archive of XML parts. A small file can unpack to gigabytes (a 1.5 MB
# file once took 12 GB of memory), and openpyxl holds some parts (shared strings, styles) whole
# in memory even in read-only mode. So the archive's own table of contents is checked before
# openpyxl opens it; Python's zipfile never unpacks more than the size a part declares.
#: All parts together, unpacked. The sheets of 3 million absence rows are about 0.5 GiB.
XLSX_MAX_UNPACKED = 2 * 1024**3
#: One part other than a worksheet (openpyxl reads those whole): shared strings, styles, ….
XLSX_MAX_PART = 256 * 1024**2
#: Unpacked ÷ packed size of a part over ``XLSX_RATIO_FROM`` bytes. Real sheets are 5–30×.
XLSX_MAX_RATIO = 200
XLSX_RATIO_FROM = 1024**2
XLSX_MAX_PARTS = 10_000
_XLSX_TOO_LARGE = (
    "Excel-filen fylder for meget, når den pakkes ud (en .xlsx-fil er en pakket zip-fil), "
    "eller den er pakket usædvanlig tæt. Charlie læser den derfor ikke. Gem arkene som "
    "CSV-filer (UTF-8, semikolon), eller del dem i flere filer."
)


def xlsx_refusal(path: pathlib.Path) -> str | None:
    """Why an .xlsx file must not be opened (too large or too dense when unpacked), or None.

    Reads only the zip's table of contents. Worksheets are streamed, so they may be large;
    every other part is read whole by openpyxl and is bounded by ``XLSX_MAX_PART``.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return None  # not a zip: openpyxl's own error says it cannot be read
    if len(parts) > XLSX_MAX_PARTS:
        return _XLSX_TOO_LARGE
    total = 0
    for part in parts:
        total += part.file_size
        is_sheet = part.filename.startswith("xl/worksheets/")
        if not is_sheet and part.file_size > XLSX_MAX_PART:
            return _XLSX_TOO_LARGE
        if part.file_size > XLSX_RATIO_FROM and (
            part.file_size > XLSX_MAX_RATIO * max(part.compress_size, 1)
        ):
            return _XLSX_TOO_LARGE
    if total > XLSX_MAX_UNPACKED:
        return _XLSX_TOO_LARGE
    return None


def read_xlsx(path: pathlib.Path, *, name: str | None = None) -> Iterator[Record | Problem]:
    """Records and problems from a workbook with the sheets ``enheder``, ``medarbejdere`` and
    ``fravaer`` (any of them), streamed with openpyxl's read-only mode, after
    ``xlsx_refusal`` found its size safe."""
    from openpyxl import load_workbook

    file = name or path.name
    refusal = xlsx_refusal(path)
    if refusal is not None:
        yield Problem(file, None, None, refusal)
        return
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        yield Problem(
            file,
            None,
            None,
            texts.XLSX_UNREADABLE(),
        )
        return
    try:
        # Units first, then people, then absence: the order the engine writes them in.
        sheets = sorted(
            workbook.worksheets,
            key=lambda s: KINDS.index(SHEET_KINDS.get(column_key(s.title), KIND_ABSENCE)),
        )
        for sheet in sheets:
            kind = SHEET_KINDS.get(column_key(sheet.title))
            position = workbook.worksheets.index(sheet) + 1
            # A sheet's stated size may be wrong (or huge): rows are as long as their cells.
            sheet.reset_dimensions()
            rows = _sheet_rows(sheet)
            # The sheet's name goes into every problem: only a known name is repeated.
            label = f"{file}[{sheet.title}]" if kind else f"{file}[ark {position}]"
            if kind is None:
                # An extra sheet (instructions, a blank "Ark1"): read it only if it has a header.
                first = next(rows, None)
                if first is None or not any(_text(c) for c in first[1]):
                    continue
                rows = _chain(first, rows)
            yield from read_table(label, rows, kind=kind)
    finally:
        workbook.close()


def _chain(
    first: tuple[int, list[object]], rest: Iterator[tuple[int, list[object]]]
) -> Iterator[tuple[int, list[object]]]:
    yield first
    yield from rest


def _sheet_rows(sheet: Any) -> Iterator[tuple[int, list[object]]]:
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield number, list(values)


# --- Sources ---


def own_format_source(path: pathlib.Path, *, name: str | None = None) -> Source:
    """A ``Source`` for a CSV or XLSX file of our format (by its suffix)."""
    file = name or path.name
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return Source(file=file, format="xlsx", read=lambda: read_xlsx(path, name=file))
    return Source(file=file, format="csv", read=lambda: read_csv(path, name=file))


def source_for(
    path: pathlib.Path, *, name: str | None = None, keyer: PersonKeyer | None = None
) -> Source:
    """The right reader for a file: ``.xml`` is KMD OPUS, ``.xlsx`` and ``.csv`` our format.

    ``name`` is the name shown to the user (an upload's original name) when ``path`` differs;
    ``keyer`` makes the person keys of an OPUS file (``person_key``).
    """
    suffix = pathlib.Path(name or path.name).suffix.lower() or path.suffix.lower()
    if suffix == ".xml":
        return opus_source(path, name=name, keyer=keyer)
    if suffix in (".xlsx", ".xlsm"):
        return Source(
            file=name or path.name, format="xlsx", read=lambda: read_xlsx(path, name=name)
        )
    if suffix in (".csv", ".txt"):
        return Source(file=name or path.name, format="csv", read=lambda: read_csv(path, name=name))
    raise ValueError("Filtypen kan ikke importeres. Brug .csv, .xlsx eller OPUS-filer (.xml).")
