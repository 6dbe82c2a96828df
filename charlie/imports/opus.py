"""Reader for KMD OPUS Løn XML exports (``ZLPE<timestamp>_delta.xml``). Pure: no Django.

An OPUS export is the whole current picture of the organisation: a root ``<kmd>`` with one
``<orgUnit>`` element per unit and one ``<employee>`` element per employment, each a flat list of
child elements. ``opus_source`` turns such a file into a ``records.Source`` that streams
``OrgUnitRecord``, ``PersonRecord``, ``EmploymentRecord`` and ``Problem`` objects. What is
supported, and the public sources the element names come from, is described in
``docs/import-opus.md``.

Parsing uses ``xml.parsers.expat`` directly (the parser under ``xml.etree.ElementTree``) with a
small streaming handler, because expat reports the line of every start tag, and problems must
point the user to the line of the element. The file is fed in chunks and each ``<orgUnit>`` or
``<employee>`` is turned into records and dropped as soon as its end tag is read, so memory stays
bounded whatever the size of the file.

Safety: DOCTYPE declarations are refused outright (so no entity expansion, internal or external,
can happen; ``defusedxml`` is not a dependency). Expat never fetches external resources.

CPR numbers: the ``<cpr>`` text is handed to ``cpr.from_cpr`` for the birth date and legal gender
and to the ``PersonKeyer`` for the keyed hash that joins several employments of one person (and
finds the person in the next file); then it is dropped. It is never put into a record or a
problem (databeskyttelsesloven § 11). No message repeats a value from the file.

As OS2mo's OPUS integration does: an empty ``<entryDate/>`` is the file's date (a ``Notice`` says
so); a contract whose ``workContractText`` is "Annulleret" was cancelled and becomes no
employment; ``action="leave"`` ends the employment (a ``LeaveRecord``). An employment merely
missing from the file is left alone — unless the import is told that the file is a complete
snapshot (``services.run_import(snapshot=True)``).
"""

from __future__ import annotations

import codecs
import pathlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from xml.parsers import expat
from zoneinfo import ZoneInfo

from charlie.core.messages import Message, message_of
from charlie.imports import texts
from charlie.imports.cpr import from_cpr
from charlie.imports.person_key import PersonKeyer
from charlie.imports.records import (
    EmploymentRecord,
    LeaveRecord,
    Notice,
    OrgUnitRecord,
    PersonRecord,
    Problem,
    Record,
    Source,
)
from charlie.imports.values import OPEN_END

__all__ = [
    "FILE_NAME_RE",
    "JOB_FAMILY_KEYWORDS",
    "ORG_KIND_KEYWORDS",
    "job_family_for",
    "opus_source",
    "org_kind_for",
    "parse_date",
    "snapshot_date_from_name",
]

#: ``ZLPE`` + date (``YYYYMMDD``) + optional time (``HHMMSS``) + anything + ``_delta.xml``,
#: e.g. ``ZLPE20190902224224_delta.xml``.
FILE_NAME_RE = re.compile(r"^ZLPE(?P<date>\d{8})(?P<time>\d{6})?.*\.xml$", re.IGNORECASE)

#: Full time in a Danish municipality: 37 hours a week. OPUS gives working time as a fraction.
FULL_TIME_HOURS = Decimal(37)

#: ``workContractText`` of a contract that was cancelled (OS2mo's test files; real dumps).
CANCELLED_CONTRACT = "annulleret"

#: The problem for an OPUS file when no person key secret is set (docs/operations.md).
NO_PERSON_KEY_MESSAGE = texts.OPUS_NO_PERSON_KEY()

_CHUNK = 64 * 1024
_TZ = ZoneInfo("Europe/Copenhagen")

#: Position text (lower case, substring) → ``JobFamily.code``. The first match wins, so the
#: specific entries come before the general ones ("pædagogmedhjælper" before "pædagog",
#: "sosu-elev" is a trainee before it is social- og sundhedspersonale, "chefkonsulent" is not a
#: manager). No match gives ``None`` and the import engine applies its own mapping.
JOB_FAMILY_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("børnehaveklasseleder", "laerer"),
    ("elev", "elev"),
    ("lærling", "elev"),
    ("konsulent", "akademiker"),
    ("akademisk", "akademiker"),
    ("akademiker", "akademiker"),
    ("leder", "leder"),
    ("chef", "leder"),
    ("direktør", "leder"),
    ("forstander", "leder"),
    ("social- og sundhed", "sosu"),
    ("sosu", "sosu"),
    ("sundhedsassistent", "sosu"),
    ("sundhedshjælper", "sosu"),
    ("sygehjælper", "sosu"),
    ("hjemmehjælper", "sosu"),
    ("socialpædagog", "socialpaedagog"),
    ("pædagogmedhjælper", "paedagogmedhjaelper"),
    ("pædagogisk assistent", "paedagogmedhjaelper"),
    ("pædagog", "paedagog"),
    ("dagplejer", "dagplejer"),
    ("lærer", "laerer"),
    ("socialrådgiver", "socialraadgiver"),
    ("sygeplejerske", "sygeplejerske"),
    ("fysioterapeut", "terapeut"),
    ("ergoterapeut", "terapeut"),
    ("rengøring", "rengoering"),
    ("køkken", "rengoering"),
    ("ernæringsassistent", "rengoering"),
    ("teknisk service", "teknisk_service"),
    ("servicemedarbejder", "teknisk_service"),
    ("pedel", "teknisk_service"),
    ("håndværker", "haandvaerker"),
    ("tømrer", "haandvaerker"),
    ("elektriker", "haandvaerker"),
    ("gartner", "haandvaerker"),
    ("vej og park", "haandvaerker"),
    ("administrativ", "administration"),
    ("kontor", "administration"),
    ("sekretær", "administration"),
    ("sagsbehandler", "administration"),
    ("overassistent", "administration"),
)

#: ``orgTypeTxt`` (lower case, substring) → ``OrgUnitKind`` value. OPUS's numeric ``orgType``
#: codes are set up by each municipality, so only the text is mapped; no match gives ``None`` and
#: the engine derives the kind from the unit's depth in the tree.
ORG_KIND_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("kommune", "kommune"),
    ("forvaltning", "forvaltning"),
    ("område", "omraade"),
    ("institution", "institution"),
    ("afdeling", "afdeling"),
)

_TRUE = frozenset({"true", "1", "ja", "j", "yes", "x"})
_FALSE = frozenset({"false", "0", "nej", "n", "no", ""})

_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- small pure helpers ----------------------------------------------------------------------


def job_family_for(position: str) -> str | None:
    """The ``JobFamily.code`` for an OPUS position text, or None when no keyword matches."""
    text = position.casefold()
    for keyword, code in JOB_FAMILY_KEYWORDS:
        if keyword in text:
            return code
    return None


def org_kind_for(org_type_text: str) -> str | None:
    """The ``OrgUnitKind`` value for an OPUS ``orgTypeTxt``, or None when nothing matches."""
    text = org_type_text.casefold()
    for keyword, kind in ORG_KIND_KEYWORDS:
        if keyword in text:
            return kind
    return None


def parse_date(text: str) -> date:
    """Parse ``2024-01-31``, ``31-01-2024`` or ``31.01.2024``; ValueError otherwise."""
    value = text.strip()
    if _ISO_DATE.fullmatch(value):
        return date.fromisoformat(value)
    for fmt in _DATE_FORMATS[1:]:
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007 (a date, no time zone)
        except ValueError:
            continue
    raise ValueError(value)


def snapshot_date_from_name(name: str) -> date | None:
    """The export date in an OPUS file name (``ZLPE20240131…_delta.xml``), or None."""
    match = FILE_NAME_RE.match(pathlib.PurePosixPath(name.replace("\\", "/")).name)
    if match is None:
        return None
    try:
        return datetime.strptime(match["date"], "%Y%m%d").date()  # noqa: DTZ007
    except ValueError:
        return None


# --- the source ------------------------------------------------------------------------------


def opus_source(
    path: pathlib.Path,
    *,
    name: str | None = None,
    today: date | None = None,
    keyer: PersonKeyer | None = None,
) -> Source:
    """A ``Source`` for one OPUS XML file.

    ``name`` is the file name to show and to take the export date from, when ``path`` is a
    temporary copy (an upload); it defaults to ``path.name``. When the name has no ``ZLPE``
    timestamp, the file's date is ``today`` (default: today's date in Denmark). ``keyer`` makes
    the keyed hashes of CPR numbers; without one the file is refused (``NO_PERSON_KEY_MESSAGE``).
    """
    file_name = pathlib.PurePosixPath(name.replace("\\", "/")).name if name else path.name
    snapshot = snapshot_date_from_name(file_name)
    dated_by_file = snapshot is not None
    if snapshot is None:
        snapshot = today or datetime.now(_TZ).date()

    def read() -> Iterator[Record | Problem]:
        return _read(path, file_name, snapshot, keyer)

    return Source(
        file=file_name,
        format="opus",
        read=read,
        snapshot_date=snapshot,
        dated_by_file=dated_by_file,
    )


# --- streaming parser ------------------------------------------------------------------------


class _DoctypeRefused(Exception):
    pass


@dataclass(slots=True)
class _Child:
    line: int
    text: str


@dataclass(slots=True)
class _Element:
    tag: str
    line: int
    attrs: dict[str, str]
    children: dict[str, _Child] = field(default_factory=dict)


class _Handler:
    """expat callbacks: collect one top-level element at a time, emit records when it closes."""

    def __init__(
        self,
        parser: expat.XMLParserType,
        file_name: str,
        snapshot: date,
        emit: Callable[[Record | Problem], None],
        keyer: PersonKeyer | None,
    ) -> None:
        self.parser = parser
        self.file = file_name
        self.snapshot = snapshot
        self.emit = emit
        self.keyer = keyer
        #: The employee number of the first employment of each person in this file, by the
        #: first 64 bits of the person's current key (compact: one small entry per person): the
        #: person's number for every later employment with the same CPR number.
        self.number_by_key: dict[int, str] = {}
        self.depth = 0
        self.root_ok = False
        self.current: _Element | None = None
        self.child_name: str | None = None
        self.child_line = 0
        self.child_text: list[str] = []
        self.employees = 0

    # expat callbacks

    def doctype(self, *_args: object) -> None:
        raise _DoctypeRefused

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        line = self.parser.CurrentLineNumber
        if self.depth == 1:
            self.root_ok = tag == "kmd"
            if not self.root_ok:
                self.problem(
                    line,
                    tag,
                    texts.OPUS_NOT_OPUS(tag=tag),
                )
        elif self.depth == 2 and self.root_ok and tag in ("orgUnit", "employee"):
            self.current = _Element(tag, line, dict(attrs))
        elif self.depth == 3 and self.current is not None:
            self.child_name = tag
            self.child_line = line
            self.child_text = []

    def text(self, data: str) -> None:
        if self.depth == 3 and self.child_name is not None:
            self.child_text.append(data)

    def end(self, tag: str) -> None:
        if self.depth == 3 and self.current is not None and self.child_name is not None:
            # The first occurrence wins if an element is repeated.
            self.current.children.setdefault(
                self.child_name, _Child(self.child_line, "".join(self.child_text).strip())
            )
            self.child_name = None
            self.child_text = []
        elif self.depth == 2 and self.current is not None:
            element, self.current = self.current, None
            if element.tag == "orgUnit":
                self.org_unit(element)
            else:
                self.employees += 1
                self.employee(element)
        self.depth -= 1

    # building records

    def problem(self, row: int | None, column: str | None, message: Message | str) -> None:
        self.emit(Problem(self.file, row, column, message))

    def value(self, element: _Element, name: str) -> str:
        child = element.children.get(name)
        return child.text if child is not None else ""

    def line_of(self, element: _Element, name: str) -> int:
        child = element.children.get(name)
        return child.line if child is not None else element.line

    def identifier(self, element: _Element, *names: str) -> str:
        """The element's key: the ``id`` attribute, else the first child of ``names`` present."""
        value = element.attrs.get("id", "").strip()
        for name in names:
            if value:
                break
            value = self.value(element, name)
        return value

    def required(self, element: _Element, name: str, errors: list[Problem]) -> str:
        value = self.value(element, name)
        if not value:
            what = texts.OPUS_WHAT[name]() if name in texts.OPUS_WHAT else name
            empty = name in element.children
            message = texts.OPUS_EMPTY_CHILD if empty else texts.OPUS_MISSING_CHILD
            errors.append(
                Problem(
                    self.file,
                    self.line_of(element, name),
                    name,
                    message(name=name, what=what, parent=element.tag, line=str(element.line)),
                )
            )
        return value

    def date_of(
        self,
        element: _Element,
        name: str,
        errors: list[Problem],
        *,
        required: bool = False,
        end: bool = False,
    ) -> date | None:
        """The date in child ``name``; for an end date (``end``) 9999-12-31 means no end."""
        text = self.value(element, name)
        if not text:
            if required:
                self.required(element, name, errors)
            return None
        try:
            value = parse_date(text)
        except ValueError:
            errors.append(
                Problem(
                    self.file,
                    self.line_of(element, name),
                    name,
                    texts.OPUS_DATE(name=name),
                )
            )
            return None
        return None if end and value == OPEN_END else value

    def org_unit(self, element: _Element) -> None:
        errors: list[Problem] = []
        code = self.identifier(element, "id")
        if not code:
            errors.append(
                Problem(
                    self.file,
                    element.line,
                    "id",
                    texts.OPUS_UNIT_ID(),
                )
            )
        name = self.value(element, "longName") or self.value(element, "shortName")
        if not name:
            self.required(element, "longName", errors)
        valid_from = self.date_of(element, "startDate", errors)
        valid_to = self.date_of(element, "endDate", errors, end=True)
        if valid_from and valid_to and valid_to < valid_from:
            errors.append(
                Problem(
                    self.file,
                    self.line_of(element, "endDate"),
                    "endDate",
                    texts.OPUS_UNIT_END(),
                )
            )
        if errors:
            for problem in sorted(errors, key=lambda p: p.row or 0):
                self.emit(problem)
            return
        self.emit(
            OrgUnitRecord(
                row=element.line,
                code=code,
                name=name,
                short_name=self.value(element, "shortName"),
                parent_code=self.value(element, "parentOrgUnit") or None,
                kind=org_kind_for(self.value(element, "orgTypeTxt")),
                cost_center=self.value(element, "costCenter"),
                valid_from=valid_from,
                valid_to=valid_to,
            )
        )

    def employee(self, element: _Element) -> None:
        leave = element.attrs.get("action", "").strip().casefold() == "leave"
        number = self.identifier(element, "employeeId", "id")
        if not number:
            self.problem(
                element.line,
                "id",
                texts.OPUS_EMPLOYEE_ID(),
            )
            return
        if leave and not element.children:
            # OPUS marks someone who has left with a bare <employee id="…" action="leave"/>:
            # the employment with this id ends on the file's date.
            self.emit(LeaveRecord(row=element.line, source_id=number, end_date=None))
            return
        contract = self.value(element, "workContractText")
        if contract.casefold() == CANCELLED_CONTRACT:
            # A cancelled contract is no employment (OS2mo skips it the same way); one that
            # Charlie already has ends. Nothing else of it is read, the CPR number included.
            element.children.pop("cpr", None)
            self.emit(
                LeaveRecord(row=element.line, source_id=number, end_date=None, cancelled=True)
            )
            self.emit(Notice(element.line, "cancelled"))
            return

        errors: list[Problem] = []
        first_name = self.required(element, "firstName", errors)
        last_name = self.required(element, "lastName", errors)
        birth_date, gender, keys = self.cpr(element, errors)
        org_unit = self.required(element, "orgUnit", errors)
        position = self.required(element, "position", errors)
        # OPUS leaves <entryDate/> empty in many dumps; OS2mo then uses the dump's date.
        start_assumed = not self.value(element, "entryDate")
        start = self.snapshot if start_assumed else self.date_of(element, "entryDate", errors)
        end = self.date_of(element, "leaveDate", errors, end=True)
        if leave and end is None:
            # action="leave" with data but no leaveDate: gone as of this export.
            end = self.snapshot
        if start and end and end < start:
            if start_assumed:
                # No entryDate and a leaveDate before the file's date: it began no later than
                # it ended.
                start = end
            else:
                errors.append(
                    Problem(
                        self.file,
                        self.line_of(element, "leaveDate"),
                        "leaveDate",
                        texts.OPUS_LEAVE_BEFORE_ENTRY(),
                    )
                )
        hours = self.weekly_hours(element, errors)
        manager = self.is_manager(element, errors)
        if errors or birth_date is None or start is None or hours is None or manager is None:
            for problem in sorted(errors, key=lambda p: p.row or 0):
                self.emit(problem)
            return

        person_number = number
        if keys:
            compact = int(keys[0][-16:], 16)
            first = self.number_by_key.get(compact)
            if first is None:
                self.number_by_key[compact] = number
            else:
                person_number = first
        if start_assumed:
            self.emit(Notice(element.line, "entry_date_from_file"))
        if person_number != number:
            # The same CPR number as an earlier <employee>: one person, another employment.
            self.emit(Notice(element.line, "joined"))
        else:
            self.emit(
                PersonRecord(
                    row=element.line,
                    employee_number=number,
                    first_name=first_name,
                    last_name=last_name,
                    birth_date=birth_date,
                    gender=gender,
                    email=self.value(element, "email"),
                    phone=self.value(element, "workPhone"),
                    person_key=keys[0] if keys else "",
                    previous_keys=keys[1:],
                )
            )
        self.emit(
            EmploymentRecord(
                row=element.line,
                employee_number=person_number,
                org_unit_code=org_unit,
                job_title=position,
                job_family_code=job_family_for(position),
                agreement=contract or self.value(element, "workContract"),
                weekly_hours=hours,
                start_date=start,
                end_date=end,
                end_reason="other" if end is not None else "",
                is_manager=manager,
                source_id=number,
                start_assumed=start_assumed,
            )
        )

    def cpr(
        self, element: _Element, errors: list[Problem]
    ) -> tuple[date | None, str, tuple[str, ...]]:
        """Birth date, legal gender and the person keys from ``<cpr>``, which is then gone."""
        child = element.children.pop("cpr", None)  # drop the number from the element at once
        if child is None or not child.text:
            message = texts.OPUS_CPR_EMPTY if child is not None else texts.OPUS_CPR_MISSING
            errors.append(
                Problem(
                    self.file,
                    child.line if child is not None else element.line,
                    "cpr",
                    message(line=str(element.line)),
                )
            )
            return None, "", ()
        try:
            birth_date, gender = from_cpr(child.text)
        except ValueError as error:
            # from_cpr's messages never contain the number.
            errors.append(
                Problem(
                    self.file, child.line, "cpr", texts.OPUS_FIX_IN_OPUS(error=message_of(error))
                )
            )
            return None, "", ()
        keys = self.keyer.keys(child.text) if self.keyer is not None else ()
        return birth_date, gender, keys

    def weekly_hours(self, element: _Element, errors: list[Problem]) -> Decimal | None:
        numerator_text = self.value(element, "numerator")
        denominator_text = self.value(element, "denominator")
        if not numerator_text and not denominator_text:
            return FULL_TIME_HOURS
        numerator = self.number(element, "numerator", errors)
        denominator = self.number(element, "denominator", errors)
        if numerator is None or denominator is None:
            return None
        if denominator == 0:
            errors.append(
                Problem(
                    self.file,
                    self.line_of(element, "denominator"),
                    "denominator",
                    texts.OPUS_DENOMINATOR_ZERO(),
                )
            )
            return None
        hours = (FULL_TIME_HOURS * numerator / denominator).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        if not Decimal(0) < hours <= Decimal(80):
            errors.append(
                Problem(
                    self.file,
                    self.line_of(element, "numerator"),
                    "numerator",
                    texts.OPUS_HOURS_RANGE(),
                )
            )
            return None
        return hours

    def number(self, element: _Element, name: str, errors: list[Problem]) -> Decimal | None:
        text = self.value(element, name)
        try:
            value = Decimal(text.replace(",", ".")) if text else None
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            message = texts.OPUS_NOT_A_NUMBER if text else texts.OPUS_NUMBER_MISSING
            errors.append(Problem(self.file, self.line_of(element, name), name, message(name=name)))
            return None
        return value

    def is_manager(self, element: _Element, errors: list[Problem]) -> bool | None:
        text = self.value(element, "isManager").casefold()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        errors.append(
            Problem(
                self.file,
                self.line_of(element, "isManager"),
                "isManager",
                texts.OPUS_IS_MANAGER(),
            )
        )
        return None


def _encoding_override(path: pathlib.Path) -> str | None:
    """ISO-8859-1 for a file that declares no encoding, has no BOM and is not valid UTF-8.

    XML says such a file is UTF-8, but older exports are often Latin-1 without saying so. A file
    that declares its encoding is always read as declared.
    """
    with path.open("rb") as stream:
        head = stream.read(1024)
        if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return None
        if re.match(rb"<\?xml[^>]*\bencoding\s*=", head.lstrip()):
            return None
        decoder = codecs.getincrementaldecoder("utf-8")()
        chunk = head
        try:
            while chunk:
                decoder.decode(chunk)
                chunk = stream.read(_CHUNK)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "ISO-8859-1"
    return None


def _read(
    path: pathlib.Path, file_name: str, snapshot: date, keyer: PersonKeyer | None
) -> Iterator[Record | Problem]:
    if keyer is None:
        yield Problem(file_name, None, "cpr", NO_PERSON_KEY_MESSAGE)
        return
    pending: list[Record | Problem] = []
    try:
        override = _encoding_override(path)
    except OSError:
        yield Problem(
            file_name,
            None,
            None,
            texts.OPUS_CANNOT_OPEN(),
        )
        return
    parser = expat.ParserCreate(encoding=override)
    parser.buffer_text = True
    handler = _Handler(parser, file_name, snapshot, pending.append, keyer)
    parser.StartDoctypeDeclHandler = handler.doctype
    parser.EntityDeclHandler = handler.doctype
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.text

    with path.open("rb") as stream:
        while True:
            chunk = stream.read(_CHUNK)
            try:
                parser.Parse(chunk, not chunk)
            except _DoctypeRefused:
                yield from pending
                yield Problem(
                    file_name,
                    parser.CurrentLineNumber,
                    None,
                    texts.OPUS_DOCTYPE(),
                )
                return
            except expat.ExpatError as error:
                yield from pending
                yield Problem(file_name, error.lineno, None, _syntax_message(error, override))
                return
            yield from pending
            pending.clear()
            if not chunk:
                break

    if handler.employees == 0 and handler.root_ok:
        yield Problem(
            file_name,
            None,
            "employee",
            texts.OPUS_NO_EMPLOYEES(),
        )


_SYNTAX = {
    expat.errors.XML_ERROR_INVALID_TOKEN: "et ugyldigt tegn",
    expat.errors.XML_ERROR_TAG_MISMATCH: "et slutmærke, der ikke passer til startmærket",
    expat.errors.XML_ERROR_UNCLOSED_TOKEN: "et mærke, der ikke er lukket",
    expat.errors.XML_ERROR_NO_ELEMENTS: "ingen elementer",
    expat.errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT: "tekst efter rodelementet </kmd>",
    expat.errors.XML_ERROR_SYNTAX: "en syntaksfejl",
    expat.errors.XML_ERROR_UNDEFINED_ENTITY: "en ukendt entitet (&…;)",
    expat.errors.XML_ERROR_PARTIAL_CHAR: "et tegn, der er skåret over",
    expat.errors.XML_ERROR_UNBOUND_PREFIX: "et ukendt navnerum-præfiks",
}


def _syntax_message(error: expat.ExpatError, override: str | None) -> str:
    reason = _SYNTAX.get(expat.ErrorString(error.code), "en fejl")
    if error.code == expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS]:
        return "Filen er tom eller indeholder ingen XML. Vælg den XML-fil, OPUS Løn har dannet."
    if error.code in (
        expat.errors.codes[expat.errors.XML_ERROR_UNKNOWN_ENCODING],
        expat.errors.codes[expat.errors.XML_ERROR_INCORRECT_ENCODING],
    ):
        return (
            "Filen angiver en tegnkodning, Charlie ikke kender, eller en anden end den, filen er "
            "gemt i. Gem filen som UTF-8 (eller ISO-8859-1), og ret encoding i første linje."
        )
    where = f"Filen er ikke gyldig XML: {reason} i kolonne {error.offset + 1}."
    if error.code == expat.errors.codes[expat.errors.XML_ERROR_INVALID_TOKEN] and override is None:
        return (
            f"{where} Er filen gemt i en anden tegnkodning end den, første linje angiver "
            "(encoding=…)? Gem den i den angivne kodning, ret tegnet, eller dan filen igen fra "
            "OPUS."
        )
    return f"{where} Ret filen, eller dan den igen fra OPUS."
