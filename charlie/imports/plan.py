"""The import engine's pure half: checking a whole stream of records, and the summary. No Django.

Pass 1 of an import feeds every record and problem of every file to a ``Checker``. It checks what
one row cannot check alone — duplicate keys, the same person with different details on two rows,
references to units, people and job families that are neither in the files nor in the database —
and collects **every** problem. Memory stays bounded by the number of units and people (key
maps), except for absence periods: their keys are packed into 8-byte integers (plus a 4-byte
row number) so that duplicates among millions of rows can be found by sorting, without keeping
the rows.

Every value is checked here as well, whatever reader made it, before anything is written
(docs/decisions/0010-import-values-that-cannot-hurt.md): text fields against the database's
lengths (``TEXT_FIELDS``), for NUL and other control characters, and for CPR numbers
(``charlie.core.cpr``, the one detector); dates against ``values.EARLIEST_DATE`` …
``values.LATEST_DATE``; a birth date after the employment's start. No message repeats a value
from the file.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from charlie.core.cpr import contains_cpr
from charlie.core.messages import Message, decode, encode
from charlie.imports import texts
from charlie.imports.records import (
    AbsenceRecord,
    EmploymentRecord,
    LeaveRecord,
    Notice,
    OrgUnitRecord,
    PersonRecord,
    Problem,
    Record,
    RowKeys,
)
from charlie.imports.values import DATE_RANGE_MESSAGE, EARLIEST_DATE, LATEST_DATE

#: More problems than this are counted but not kept (a wholly wrong file has one per row).
MAX_PROBLEMS = 10_000

#: The text fields of each record: (attribute, column in our format, the database's
#: max_length). ``test_field_lengths_match_the_models`` keeps the lengths equal to the models'.
TEXT_FIELDS: dict[type, tuple[tuple[str, str, int], ...]] = {
    OrgUnitRecord: (
        ("code", "enhedskode", 50),
        ("name", "navn", 200),
        ("short_name", "kort_navn", 50),
        ("parent_code", "overordnet_enhedskode", 50),
        ("cost_center", "omkostningssted", 50),
    ),
    PersonRecord: (
        ("employee_number", "medarbejdernummer", 30),
        ("first_name", "fornavn", 100),
        ("last_name", "efternavn", 100),
        ("email", "email", 254),
        ("phone", "telefon", 30),
    ),
    EmploymentRecord: (
        ("org_unit_code", "enhedskode", 50),
        ("job_title", "stillingsbetegnelse", 150),
        ("job_family_code", "stillingskategori", 50),
        ("agreement", "overenskomst", 150),
        ("source_id", "medarbejdernummer", 30),
    ),
    AbsenceRecord: (("employee_number", "medarbejdernummer", 30),),
    LeaveRecord: (("source_id", "medarbejdernummer", 30),),
}
#: C0 and C1 control characters (NUL, tab, line breaks, …): none belongs in a one-line field,
#: and PostgreSQL refuses NUL outright.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CONTROL_MESSAGE = texts.CONTROL()


#: Columns not searched for CPR numbers: a cost centre is an accounting code from the payroll
#: system, often ten digits that may begin like a date (``1110000000``); refusing those would
#: refuse real files. Lengths and control characters are still checked.
NOT_CPR_CHECKED = frozenset({"omkostningssted"})


def text_problem(value: str, max_length: int, *, cpr: bool = True) -> Message | None:
    """What is wrong with a text value an import would store, or None (never the value)."""
    if len(value) > max_length:
        return texts.TOO_LONG(n=max_length)
    if _CONTROL.search(value):
        return CONTROL_MESSAGE
    if cpr and contains_cpr(value):
        return texts.CPR()
    return None


#: What a reader's ``Notice`` kinds say in the result (``imports.texts``): ``n`` is how many,
#: ``date`` the file's date (from its name; else today, ``ENTRY_DATE_TODAY``).
NOTICE_TEXTS = {
    "entry_date_from_file": texts.ENTRY_DATE_FROM_FILE,
    "cancelled": texts.CANCELLED,
    "joined": texts.JOINED,
}

#: Absence types in a fixed order, for packing keys (``absence.models.AbsenceType`` values).
ABSENCE_TYPE_CODES = (
    "sickness",
    "partial_sickness",
    "work_injury",
    "child_sick",
    "child_hospital",
    "care_day",
    "senior_day",
    "holiday",
    "sixth_week",
    "parental_leave",
    "unpaid_leave",
    "course",
)
_TYPE_INDEX = {code: i for i, code in enumerate(ABSENCE_TYPE_CODES)}
_UNIT_KIND_BY_DEPTH = ("kommune", "forvaltning", "omraade")


def unit_kind_for_depth(depth: int) -> str:
    """The kind of a unit whose kind the file does not give: by its depth in the tree."""
    return _UNIT_KIND_BY_DEPTH[depth] if depth < len(_UNIT_KIND_BY_DEPTH) else "afdeling"


# Job title → job family, first match wins; more specific words before the general ones.
_JOB_FAMILY_WORDS: tuple[tuple[str, str], ...] = (
    (r"social- og sundhed|sosu|plejehjemsassistent|sygehjælper", "sosu"),
    (r"socialpædagog", "socialpaedagog"),
    (r"pædagogmedhjælp|pædagogisk assistent|medhjælper", "paedagogmedhjaelper"),
    (r"pædagog", "paedagog"),
    (r"dagplejer", "dagplejer"),
    (r"socialrådgiver|socialformidler", "socialraadgiver"),
    (r"sygeplejer", "sygeplejerske"),
    (r"fysioterapeut|ergoterapeut|terapeut", "terapeut"),
    (r"elev|lærling|praktikant", "elev"),
    (r"lærer|underviser", "laerer"),
    (r"leder|chef|direktør|forstander", "leder"),
    (r"rengøring|køkken|kok\b|ernæring", "rengoering"),
    (r"servicemedarbejder|serviceleder|pedel|teknisk service", "teknisk_service"),
    (r"håndværk|tømrer|elektriker|vvs|smed|gartner|vej og park|vejarbejder", "haandvaerker"),
    (r"akademiker|fuldmægtig|specialkonsulent|jurist|økonom|cand\.", "akademiker"),
    (r"konsulent|sekretær|administrativ|kontor|assistent|it-|bogholder", "administration"),
)
_JOB_FAMILY_PATTERNS = tuple((re.compile(p), code) for p, code in _JOB_FAMILY_WORDS)
FALLBACK_JOB_FAMILY = "oevrige"


def job_family_for_title(title: str) -> str:
    """A job family code from a job title; ``oevrige`` when no word matches."""
    text = title.lower()
    for pattern, code in _JOB_FAMILY_PATTERNS:
        if pattern.search(text):
            return code
    return FALLBACK_JOB_FAMILY


def absence_key(person_index: int, absence_type: str, start: date) -> int:
    """(person, type, start) packed exactly into one int64: 22 bits of date, 4 of type."""
    return (person_index << 26) | (_TYPE_INDEX[absence_type] << 22) | start.toordinal()


#: The checks name our format's columns; in an OPUS file the same thing is this element.
OPUS_COLUMNS = {
    "enhedskode": "orgUnit",
    "overordnet_enhedskode": "parentOrgUnit",
    "medarbejdernummer": "id",
    "startdato": "entryDate",
    "slutdato": "leaveDate",
    "stillingskategori": "position",
    "stillingsbetegnelse": "position",
    "overenskomst": "workContractText",
    "fornavn": "firstName",
    "efternavn": "lastName",
    "telefon": "workPhone",
    "foedselsdato": "cpr",
    "navn": "longName",
    "kort_navn": "shortName",
    "omkostningssted": "costCenter",
    "oprettet": "startDate",
    "nedlagt": "endDate",
}


# --- The summary ---


#: How many ended employments a result lists by name (the count is always complete).
MAX_LISTED_ENDINGS = 500


@dataclass
class KindCounts:
    created: int = 0
    changed: int = 0
    ended: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.changed + self.ended + self.unchanged


KIND_LABELS = {
    "units": "Enheder",
    "people": "Medarbejdere",
    "employments": "Ansættelser",
    "absences": "Fraværsperioder",
}


@dataclass
class Summary:
    units: KindCounts = field(default_factory=KindCounts)
    people: KindCounts = field(default_factory=KindCounts)
    employments: KindCounts = field(default_factory=KindCounts)
    absences: KindCounts = field(default_factory=KindCounts)
    #: Rows read per file name.
    rows: dict[str, int] = field(default_factory=dict)
    #: What the readers decided that the user should know (``NOTICE_TEXTS``): messages, kept
    #: in ``to_json`` as their codes (``core.messages``) and written in the reader's language
    #: when shown.
    notes: list[Message | str] = field(default_factory=list)
    #: The employments this import ends (or would end): [employment id, end date ISO], at most
    #: ``MAX_LISTED_ENDINGS``; ``employments.ended`` is how many in all.
    ended: list[list[Any]] = field(default_factory=list)
    #: True when the import stopped before saving because it would end more employments than
    #: the threshold allows without a confirmation (``services.needs_confirmation``).
    needs_confirmation: bool = False

    def kinds(self) -> list[tuple[str, KindCounts]]:
        return [(key, getattr(self, key)) for key in KIND_LABELS]

    def to_json(self) -> dict[str, Any]:
        return {
            **{key: asdict(counts) for key, counts in self.kinds()},
            "rows": dict(self.rows),
            "notes": [encode(note) for note in self.notes],
            "ended": [list(item) for item in self.ended],
            "needs_confirmation": self.needs_confirmation,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Summary:
        summary = cls(
            rows=dict(data.get("rows", {})),
            notes=[decode(note) for note in data.get("notes", [])],
            ended=[list(item) for item in data.get("ended", [])],
            needs_confirmation=bool(data.get("needs_confirmation", False)),
        )
        for key in KIND_LABELS:
            setattr(summary, key, KindCounts(**data.get(key, {})))
        return summary

    @property
    def written(self) -> int:
        """Rows created, changed or ended: 0 means the import changed nothing."""
        return sum(c.created + c.changed + c.ended for _, c in self.kinds())


# --- Pass 1: checking ---


@dataclass(frozen=True, slots=True)
class _Where:
    file: str
    row: int | None


#: The date fields of each record and their column in our format (range checks).
_DATE_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {
    OrgUnitRecord: (("valid_from", "oprettet"), ("valid_to", "nedlagt")),
    PersonRecord: (("birth_date", "foedselsdato"),),
    EmploymentRecord: (("start_date", "startdato"), ("end_date", "slutdato")),
    LeaveRecord: (("end_date", "slutdato"),),
}
_EMPLOYEE_NUMBER_LENGTH = 30


def _person_fingerprint(record: PersonRecord) -> tuple[object, ...]:
    return (
        record.first_name,
        record.last_name,
        record.birth_date,
        record.gender,
        record.email,
        record.phone,
    )


class Checker:
    """Collects every problem of pass 1; call ``add`` for each item, then ``finish``."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.problem_count = 0
        self.rows: dict[str, int] = {}
        self._last_row: dict[str, int | None] = {}
        self.units: dict[str, OrgUnitRecord] = {}
        self._unit_where: dict[str, _Where] = {}
        self._people: dict[str, tuple[tuple[object, ...], _Where]] = {}
        self._employments: dict[tuple[str, object], _Where] = {}
        self._unit_refs: dict[str, _Where] = {}
        self._person_refs: dict[str, tuple[_Where, str]] = {}
        self._family_refs: dict[str, _Where] = {}
        self._person_index: dict[str, int] = {}
        self._absence_keys = array("q")
        self._absence_rows = array("i")
        self._absence_files: list[str] = []
        self._absence_file_of: array[int] = array("H")
        #: Keys defined by rows with problems: they exist, though nothing will be written.
        self._declared_units: set[str] = set()
        self._declared_people: set[str] = set()
        self.counts = {"units": 0, "people": 0, "employments": 0, "absences": 0}
        self._formats: dict[str, str] = {}
        #: Notices per file and kind, and each file's date (for their texts).
        self._notices: dict[str, dict[str, int]] = {}
        self._dates: dict[str, tuple[date | None, bool]] = {}

    # -- collecting --

    def problem(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            if self._formats.get(problem.file) == "opus" and problem.column in OPUS_COLUMNS:
                problem = replace(problem, column=OPUS_COLUMNS[problem.column])
            self.problems.append(problem)

    def _count_row(self, file: str, row: int | None) -> None:
        if row is not None and self._last_row.get(file) != row:
            self._last_row[file] = row
            self.rows[file] = self.rows.get(file, 0) + 1

    def start_file(
        self,
        file: str,
        format: str = "csv",
        *,
        file_date: date | None = None,
        dated_by_file: bool = False,
    ) -> None:
        self.rows.setdefault(file, 0)
        self._formats[file] = format
        self._dates[file] = (file_date, dated_by_file)

    def add(self, item: Record | Problem, *, file: str) -> None:
        if isinstance(item, AbsenceRecord):  # by far the most common: first
            self._count_row(file, item.row)
            self._absence(item, file)
        elif isinstance(item, Problem):
            self._count_row(file, item.row)
            self.problem(item)
        elif isinstance(item, EmploymentRecord):
            self._count_row(file, item.row)
            self._fields(item, file)
            self._employment(item, file)
        elif isinstance(item, PersonRecord):
            self._count_row(file, item.row)
            self._fields(item, file)
            self._person(item, file)
        elif isinstance(item, OrgUnitRecord):
            self._count_row(file, item.row)
            self._fields(item, file)
            self._unit(item, file)
        elif isinstance(item, RowKeys):
            self._count_row(file, item.row)
            self._row_keys(item, file)
        elif isinstance(item, LeaveRecord):
            self._count_row(file, item.row)
            self._fields(item, file)
        elif isinstance(item, Notice):
            counts = self._notices.setdefault(file, {})
            counts[item.kind] = counts.get(item.kind, 0) + 1

    # -- every value --

    def _fields(self, record: Record, file: str) -> None:
        """Text lengths, control characters and CPR numbers in every text field, and the range
        of every date (the one place for all readers)."""
        for attribute, column, limit in TEXT_FIELDS[type(record)]:
            value = getattr(record, attribute)
            if value:
                message = text_problem(value, limit, cpr=column not in NOT_CPR_CHECKED)
                if message is not None:
                    self.problem(Problem(file, record.row, column, message))
        for attribute, column in _DATE_FIELDS.get(type(record), ()):
            value = getattr(record, attribute)
            if value is not None and not (EARLIEST_DATE <= value <= LATEST_DATE):
                self.problem(Problem(file, record.row, column, DATE_RANGE_MESSAGE))

    def _row_keys(self, keys: RowKeys, file: str) -> None:
        where = _Where(file, keys.row)
        if keys.defines_unit:
            self._declared_units.add(keys.defines_unit)
        if keys.defines_person:
            self._declared_people.add(keys.defines_person)
        for code in (keys.unit, keys.parent_unit):
            if code:
                self._unit_refs.setdefault(code, where)
        if keys.person:
            self._person_refs.setdefault(keys.person, (where, "medarbejdernummer"))
        if keys.job_family:
            self._family_refs.setdefault(keys.job_family, where)

    def _unit(self, record: OrgUnitRecord, file: str) -> None:
        where = _Where(file, record.row)
        first = self._unit_where.get(record.code)
        if first is not None:
            self.problem(
                Problem(
                    file,
                    record.row,
                    "enhedskode",
                    texts.UNIT_TWICE(at=_at(first)),
                )
            )
            return
        self.units[record.code] = record
        self._unit_where[record.code] = where
        self.counts["units"] += 1
        if record.parent_code:
            self._unit_refs.setdefault(record.parent_code, where)

    def _person(self, record: PersonRecord, file: str) -> None:
        where = _Where(file, record.row)
        fingerprint = _person_fingerprint(record)
        seen = self._people.get(record.employee_number)
        if seen is None:
            self._people[record.employee_number] = (fingerprint, where)
            self._person_index.setdefault(record.employee_number, len(self._person_index))
            self.counts["people"] += 1
        elif seen[0] != fingerprint:
            self.problem(
                Problem(
                    file,
                    record.row,
                    "medarbejdernummer",
                    texts.PERSON_DIFFERS(at=_at(seen[1])),
                )
            )

    def _employment(self, record: EmploymentRecord, file: str) -> None:
        where = _Where(file, record.row)
        # An employment with its own id (OPUS) is known by it; otherwise by person and start.
        key: tuple[str, object] = (
            ("\x00id", record.source_id)
            if record.source_id
            else (record.employee_number, record.start_date)
        )
        first = self._employments.get(key)
        if first is not None:
            self.problem(
                Problem(
                    file,
                    record.row,
                    "medarbejdernummer" if record.source_id else "startdato",
                    (
                        texts.EMPLOYMENT_TWICE_ID(at=_at(first))
                        if record.source_id
                        else texts.EMPLOYMENT_TWICE(at=_at(first))
                    ),
                )
            )
            return
        self._employments[key] = where
        self.counts["employments"] += 1
        person = self._people.get(record.employee_number)
        if person is not None:
            birth = person[0][2]
            if isinstance(birth, date) and record.start_date < birth:
                self.problem(
                    Problem(
                        file,
                        record.row,
                        "startdato",
                        texts.EMPLOYMENT_BEFORE_BIRTH(),
                    )
                )
        self._unit_refs.setdefault(record.org_unit_code, where)
        self._person_refs.setdefault(record.employee_number, (where, "medarbejdernummer"))
        if record.job_family_code:
            self._family_refs.setdefault(record.job_family_code, where)

    def _absence(self, record: AbsenceRecord, file: str) -> None:
        number = record.employee_number
        index = self._person_index.get(number)
        if index is None:
            index = self._person_index[number] = len(self._person_index)
            message = text_problem(number, _EMPLOYEE_NUMBER_LENGTH)
            if message is not None:
                self.problem(Problem(file, record.row, "medarbejdernummer", message))
        start, end = record.start_date, record.end_date
        if not (EARLIEST_DATE <= start <= LATEST_DATE):
            self.problem(Problem(file, record.row, "startdato", DATE_RANGE_MESSAGE))
        if end is not None and not (EARLIEST_DATE <= end <= LATEST_DATE):
            self.problem(Problem(file, record.row, "slutdato", DATE_RANGE_MESSAGE))
        if number not in self._person_refs:
            self._person_refs[number] = (_Where(file, record.row), "medarbejdernummer")
        if not self._absence_files or self._absence_files[-1] != file:
            self._absence_files.append(file)
        self._absence_keys.append(absence_key(index, record.absence_type, start))
        self._absence_rows.append(record.row)
        self._absence_file_of.append(len(self._absence_files) - 1)
        self.counts["absences"] += 1

    def notes(self) -> list[Message | str]:
        """The readers' notices as sentences for the result, per file in reading order
        (messages, written in the reader's language when shown)."""
        out: list[Message | str] = []
        for file, counts in self._notices.items():
            file_date, dated_by_file = self._dates.get(file, (None, False))
            for kind, n in counts.items():
                note = NOTICE_TEXTS[kind]
                if kind == "entry_date_from_file" and not (dated_by_file and file_date):
                    note = texts.ENTRY_DATE_TODAY
                day = file_date if file_date is not None else texts.TODAY()
                out.append(texts.IN_FILE(file=file, note=note(n=n, date=day)))
        return out

    # -- the checks that need the whole stream --

    def finish(
        self,
        *,
        db_unit_codes: Iterable[str],
        db_employee_numbers: Iterable[str],
        job_family_codes: Iterable[str],
    ) -> list[Problem]:
        """Add the cross-reference and duplicate problems; returns the kept problems."""
        units = set(self.units) | self._declared_units | set(db_unit_codes)
        people = set(self._people) | self._declared_people | set(db_employee_numbers)
        families = set(job_family_codes)
        for code, where in self._unit_refs.items():
            if code not in units:
                self._missing_unit(code, where)
        self._check_cycles()
        for number, (where, column) in self._person_refs.items():
            if number not in people:
                self.problem(
                    Problem(
                        where.file,
                        where.row,
                        column,
                        texts.UNKNOWN_PERSON(),
                    )
                )
        for code, where in self._family_refs.items():
            if code not in families:
                self.problem(
                    Problem(
                        where.file,
                        where.row,
                        "stillingskategori",
                        texts.UNKNOWN_FAMILY(allowed=", ".join(sorted(families))),
                    )
                )
        self._check_absence_duplicates()
        # Free the absence keys: pass 2 does not need them.
        self._absence_keys = array("q")
        self._absence_rows = array("i")
        self._absence_file_of = array("H")
        return self.problems

    def _missing_unit(self, code: str, where: _Where) -> None:
        is_parent = code in {u.parent_code for u in self.units.values()}
        in_units_file = where.file in {w.file for w in self._unit_where.values()}
        column = "overordnet_enhedskode" if is_parent and in_units_file else "enhedskode"
        self.problem(
            Problem(
                where.file,
                where.row,
                column,
                texts.UNKNOWN_UNIT(),
            )
        )

    def _check_cycles(self) -> None:
        reported: set[str] = set()
        for start in self.units:
            seen: list[str] = []
            code: str | None = start
            while code is not None and code in self.units and code not in seen:
                seen.append(code)
                code = self.units[code].parent_code
            if code is not None and code in seen and code not in reported:
                loop = seen[seen.index(code) :]
                reported.update(loop)
                where = self._unit_where[code]
                rows = [_place(self._unit_where[c]) for c in loop]
                self.problem(
                    Problem(
                        where.file,
                        where.row,
                        "overordnet_enhedskode",
                        texts.UNIT_RING(ring=" → ".join([*rows, rows[0]])),
                    )
                )

    def _check_absence_duplicates(self) -> None:
        n = len(self._absence_keys)
        if n < 2:
            return
        import numpy as np

        keys = np.frombuffer(self._absence_keys, dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        same = np.flatnonzero(ordered[1:] == ordered[:-1]) + 1
        rows = np.frombuffer(self._absence_rows, dtype=np.int32)
        files = np.frombuffer(self._absence_file_of, dtype=np.uint16)
        for position in same.tolist():
            first, dup = int(order[position - 1]), int(order[position])
            # The first of a run of equal keys is where the others point to.
            while position > 0 and ordered[position - 1] == ordered[position]:
                position -= 1
            first = int(order[position])
            first_where = _Where(self._absence_files[int(files[first])], int(rows[first]))
            self.problem(
                Problem(
                    self._absence_files[int(files[dup])],
                    int(rows[dup]),
                    "startdato",
                    texts.ABSENCE_TWICE(at=_at(first_where)),
                )
            )


def _at(where: _Where) -> Message | str:
    return texts.at(where.row, where.file)


def _place(where: _Where) -> str:
    """A row in a list of places, the same in every language: "enheder.csv:12"."""
    return f"{where.file}:{where.row}" if where.row is not None else where.file


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems by file and row, as the user fixes them (file-level problems first)."""
    return sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or ""))
