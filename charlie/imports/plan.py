"""The import engine's pure half: checking a whole stream of records, and the summary. No Django.

Pass 1 of an import feeds every record and problem of every file to a ``Checker``. It checks what
one row cannot check alone — duplicate keys, the same person with different details on two rows,
references to units, people and job families that are neither in the files nor in the database —
and collects **every** problem. Memory stays bounded by the number of units and people (key
maps), except for absence periods: their keys are packed into 8-byte integers (plus a 4-byte
row number) so that duplicates among millions of rows can be found by sorting, without keeping
the rows.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from charlie.imports.records import (
    AbsenceRecord,
    EmploymentRecord,
    OrgUnitRecord,
    PersonRecord,
    Problem,
    Record,
    RowKeys,
)

#: More problems than this are counted but not kept (a wholly wrong file has one per row).
MAX_PROBLEMS = 10_000

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
    "stillingskategori": "position",
}


# --- The summary ---


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

    def kinds(self) -> list[tuple[str, KindCounts]]:
        return [(key, getattr(self, key)) for key in KIND_LABELS]

    def to_json(self) -> dict[str, Any]:
        return {
            **{key: asdict(counts) for key, counts in self.kinds()},
            "rows": dict(self.rows),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Summary:
        summary = cls(rows=dict(data.get("rows", {})))
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
        self._employments: dict[tuple[str, date], _Where] = {}
        self._unit_refs: dict[str, _Where] = {}
        self._person_refs: dict[str, tuple[_Where, str]] = {}
        self._family_refs: dict[str, _Where] = {}
        self._person_index: dict[str, int] = {}
        self._absence_keys = array("q")
        self._absence_rows = array("i")
        self._absence_files: list[str] = []
        self._absence_file_of: array[int] = array("H")
        #: Employee numbers in each snapshot file (OPUS): the rest of the open employments end.
        self.snapshot_people: set[str] = set()
        #: Keys defined by rows with problems: they exist, though nothing will be written.
        self._declared_units: set[str] = set()
        self._declared_people: set[str] = set()
        self.counts = {"units": 0, "people": 0, "employments": 0, "absences": 0}
        self._formats: dict[str, str] = {}

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

    def start_file(self, file: str, format: str = "csv") -> None:
        self.rows.setdefault(file, 0)
        self._formats[file] = format

    def add(self, item: Record | Problem, *, file: str, snapshot: bool = False) -> None:
        if isinstance(item, AbsenceRecord):  # by far the most common: first
            self._count_row(file, item.row)
            self._absence(item, file)
        elif isinstance(item, Problem):
            self._count_row(file, item.row)
            self.problem(item)
        elif isinstance(item, EmploymentRecord):
            self._count_row(file, item.row)
            self._employment(item, file)
        elif isinstance(item, PersonRecord):
            self._count_row(file, item.row)
            self._person(item, file)
            if snapshot:
                self.snapshot_people.add(item.employee_number)
        elif isinstance(item, OrgUnitRecord):
            self._count_row(file, item.row)
            self._unit(item, file)
        elif isinstance(item, RowKeys):
            self._count_row(file, item.row)
            self._row_keys(item, file)

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
                    f"Enhedskoden »{record.code}« står også i {_at(first)}. Hver enhed må kun "
                    "stå én gang.",
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
                    f"Medarbejder »{record.employee_number}« har andre navne, fødselsdato, køn "
                    f"eller kontaktoplysninger end i {_at(seen[1])}. Personens oplysninger skal "
                    "være ens på alle rækker.",
                )
            )

    def _employment(self, record: EmploymentRecord, file: str) -> None:
        where = _Where(file, record.row)
        key = (record.employee_number, record.start_date)
        first = self._employments.get(key)
        if first is not None:
            self.problem(
                Problem(
                    file,
                    record.row,
                    "startdato",
                    f"Medarbejder »{record.employee_number}« har allerede en ansættelse med "
                    f"samme startdato i {_at(first)}. En ansættelse kendes på medarbejdernummer "
                    "og startdato; ret startdatoen, eller slet den ene række.",
                )
            )
            return
        self._employments[key] = where
        self.counts["employments"] += 1
        self._unit_refs.setdefault(record.org_unit_code, where)
        self._person_refs.setdefault(record.employee_number, (where, "medarbejdernummer"))
        if record.job_family_code:
            self._family_refs.setdefault(record.job_family_code, where)

    def _absence(self, record: AbsenceRecord, file: str) -> None:
        number = record.employee_number
        index = self._person_index.get(number)
        if index is None:
            index = self._person_index[number] = len(self._person_index)
        if number not in self._person_refs:
            self._person_refs[number] = (_Where(file, record.row), "medarbejdernummer")
        if not self._absence_files or self._absence_files[-1] != file:
            self._absence_files.append(file)
        self._absence_keys.append(absence_key(index, record.absence_type, record.start_date))
        self._absence_rows.append(record.row)
        self._absence_file_of.append(len(self._absence_files) - 1)
        self.counts["absences"] += 1

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
                        f"Medarbejdernummer »{number}« findes hverken i filerne eller i Charlie. "
                        "Tilføj medarbejderen (filen med medarbejdere), eller ret nummeret.",
                    )
                )
        for code, where in self._family_refs.items():
            if code not in families:
                self.problem(
                    Problem(
                        where.file,
                        where.row,
                        "stillingskategori",
                        f"Stillingskategorien »{code}« findes ikke. Brug en af: "
                        f"{', '.join(sorted(families))} — eller lad feltet stå tomt.",
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
                f"Enhedskoden »{code}« findes hverken i filerne eller i Charlie. Tilføj enheden "
                "(filen med enheder), eller ret koden.",
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
                self.problem(
                    Problem(
                        where.file,
                        where.row,
                        "overordnet_enhedskode",
                        "Enhederne ligger under hinanden i ring: "
                        f"{' → '.join([*loop, code])}. Ret »overordnet_enhedskode«.",
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
                    f"Samme fraværsperiode (medarbejder, fraværstype og startdato) står også i "
                    f"{_at(first_where)}. Slet den ene række.",
                )
            )


def _at(where: _Where) -> str:
    return f"række {where.row} i {where.file}" if where.row is not None else where.file


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems by file and row, as the user fixes them (file-level problems first)."""
    return sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or ""))
