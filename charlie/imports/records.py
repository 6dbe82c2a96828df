"""What every import reader yields and the import engine consumes. Pure: no Django.

A *reader* turns one file (Charlie's own CSV/XLSX format, or a KMD OPUS XML file) into a stream
of records and problems. The engine validates the whole stream first, then writes it in one
transaction, so a reader is opened twice: it is a function returning a fresh iterator, and it
streams (it never holds the whole file in memory).

Rows are numbered as the user sees them: the spreadsheet row (header = row 1) or the XML line.
A ``Problem`` never contains a CPR number, nor any other value from the file: it names the file,
row and column and says what is wrong, so nothing a cell holds is stored or shown with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from charlie.core.messages import Message


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a file: where, and a message that says how to fix it (a message of
    ``imports.texts``, written in the reader's language when shown; or plain Danish text)."""

    file: str
    row: int | None
    column: str | None
    message: Message | str


@dataclass(frozen=True, slots=True)
class OrgUnitRecord:
    row: int
    #: The unit's key in the source system (OPUS orgUnit id, or ``enhedskode`` in our format).
    code: str
    name: str
    short_name: str
    parent_code: str | None
    #: An ``OrgUnitKind`` value, or None to let the engine derive it from the depth in the tree.
    kind: str | None
    cost_center: str
    valid_from: date | None
    valid_to: date | None


@dataclass(frozen=True, slots=True)
class PersonRecord:
    row: int
    employee_number: str
    first_name: str
    last_name: str
    birth_date: date
    #: ``"K"`` or ``"M"`` (``people.models.Gender``), derived from the CPR number by the reader.
    gender: str
    email: str = ""
    phone: str = ""
    #: The keyed hash of the person's CPR number (``imports.person_key``), or "" when the file
    #: gives none. It recognises the same person across employments and files; the CPR number
    #: itself is never kept.
    person_key: str = ""
    #: The person's keys under old secrets (a rotation, ``person_key.PersonKeyer``): they find
    #: people keyed before it, who then get ``person_key``.
    previous_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EmploymentRecord:
    row: int
    employee_number: str
    org_unit_code: str
    job_title: str
    #: A ``JobFamily.code``; None lets the engine use its mapping (and ``oevrige`` last).
    job_family_code: str | None
    agreement: str
    weekly_hours: Decimal
    start_date: date
    end_date: date | None
    #: An ``EndReason`` value, or "" when the employment has not ended or no reason is given.
    end_reason: str
    is_manager: bool = False
    #: The day notice was given (opsagt den), or None. ``notice_known`` says the file has the
    #: column at all: a file without it (OPUS, an older own-format file) leaves the notice date
    #: Charlie has alone, an empty cell in a file with it clears it (a withdrawn notice).
    notice_date: date | None = None
    notice_known: bool = False
    #: The employment's own id in the payroll system (an OPUS ``<employee id>``), or "" for our
    #: format, where an employment is known by employee number and start date.
    source_id: str = ""
    #: True when the file gave no start date and the reader used the file's date (OPUS
    #: ``<entryDate/>``): an employment that already exists keeps its start date.
    start_assumed: bool = False


@dataclass(frozen=True, slots=True)
class LeaveRecord:
    """An explicit end of one employment (OPUS ``action="leave"``, or a cancelled contract).

    The engine ends the open employment with this ``source_id`` on ``end_date`` (the file's date
    when None). Employments that are merely missing from a file are left alone unless the import
    is told the file is a complete snapshot.
    """

    row: int
    source_id: str
    end_date: date | None
    #: The contract was cancelled (OPUS ``workContractText`` "Annulleret"): it never becomes a
    #: running employment.
    cancelled: bool = False


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the reader decided that the user should know (not a problem): counted per
    file and kind and stated in the result, e.g. that a start date was taken from the file's
    date. ``kind`` is one of ``plan.NOTICE_TEXTS``."""

    row: int | None
    kind: str


@dataclass(frozen=True, slots=True)
class AbsenceRecord:
    row: int
    employee_number: str
    #: An ``AbsenceType`` value.
    absence_type: str
    start_date: date
    end_date: date | None
    hours_per_day: Decimal | None = None


@dataclass(frozen=True, slots=True)
class RowKeys:
    """What a row with problems still tells the checker, so that every problem shows at once.

    A row with a bad value yields its problems and no record. Its keys are still read: the codes
    it *defines* keep the rows that refer to them from being reported as "not found" (a person
    with a bad birth date still exists for their absence rows), and the codes it *refers to* are
    checked like a valid row's (an unknown unit on a row that also has a bad date).
    """

    row: int
    defines_unit: str | None = None
    defines_person: str | None = None
    unit: str | None = None
    parent_unit: str | None = None
    person: str | None = None
    job_family: str | None = None


Record = (
    OrgUnitRecord | PersonRecord | EmploymentRecord | AbsenceRecord | RowKeys | LeaveRecord | Notice
)


@dataclass(frozen=True, slots=True)
class Source:
    """One file, ready to be read (twice) by the engine."""

    #: The name shown in problems and the summary (the file's base name).
    file: str
    #: ``"csv"``, ``"xlsx"`` or ``"opus"``.
    format: str
    #: Returns a fresh iterator over the file's records and problems, in file order.
    read: Callable[[], Iterator[Record | Problem]]
    #: The date the file describes (an OPUS export's date): leavers without a date leave on it,
    #: and when the import is told the file is a complete snapshot, employments missing from it
    #: end on it. None: today.
    snapshot_date: date | None = None
    #: True when ``snapshot_date`` comes from the file itself (its name), not from today.
    dated_by_file: bool = False
