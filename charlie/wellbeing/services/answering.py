"""Anonymous answering (issue 16, point 2; docs/wellbeing-anonymity.md): the answering page by
one-time link, ``record_answers`` — the one writer of ``Response``, ``Answer`` and ``Comment`` —
and the import of answers collected on paper or in another tool.

Answering acts for nobody: the page is reached by the link alone, no log-in is asked for and
none is looked at, nothing is written to the audit log, and the answer holds no person, no
invitation and no time — only the survey, the unit and the band values worked out at launch.
The invitation is told only that it is answered, and its link is cleared, in the same
transaction that writes the answer.
"""

from __future__ import annotations

import base64
import logging
import re
import secrets
import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from charlie.core import tokens
from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.file_imports import ShownProblem, shown
from charlie.core.formats import parse_number
from charlie.core.sheets import Problem, cell_text, column_key, csv_rows, is_xlsx, xlsx_rows
from charlie.core.text import text_errors
from charlie.people.models import JobFamily, OrgUnit
from charlie.privacy.access import Access
from charlie.wellbeing.bands import BANDS
from charlie.wellbeing.models import (
    Answer,
    Comment,
    Invitation,
    Question,
    QuestionKind,
    Response,
    ResponseSource,
    Survey,
    SurveyStatus,
    UnitTally,
)
from charlie.wellbeing.permissions import MANAGE_SURVEYS
from charlie.wellbeing.services.common import for_wellbeing, today

log = logging.getLogger(__name__)

__all__ = [
    "AnswerErrors",
    "AnswerPage",
    "ImportResult",
    "LinkGone",
    "LinkState",
    "answer_page",
    "import_answers",
    "link_hash",
    "link_of",
    "link_of_key",
    "new_link_key",
    "record_answers",
    "submit",
]

#: The longest free-text answer.
MAX_COMMENT = 4000

#: The one-time link: ``<survey id>-<43 URL-safe characters>``. The characters are an HMAC
#: (with the server's secret key) of the invitation's random ``link_key``, so the invitation
#: e-mail and its reminders carry the same link; only the SHA-256 of the whole link is stored
#: to find it. The survey's id lets a used or closed link say which survey it was for. Key and
#: hash are emptied when the link is used and when the survey closes.
_TOKEN = re.compile(r"^(\d{1,12})-[A-Za-z0-9_-]{43}$")


def new_link_key() -> str:
    """A new invitation's random secret (32 random bytes)."""
    return secrets.token_urlsafe(32)


def link_of_key(survey_id: int, link_key: str) -> str:
    """The one-time link (the part after ``/trivsel/svar/``) of an invitation's key."""
    digest = salted_hmac(
        "charlie.wellbeing.answer-link", f"{survey_id}:{link_key}", algorithm="sha256"
    ).digest()
    return f"{survey_id}-{base64.urlsafe_b64encode(digest).decode().rstrip('=')}"


def link_hash(link: str) -> str:
    return tokens.hash_token(link)


# --- Questions as the answering page and the import read them ----------------------------------


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class QuestionView:
    """One question in the reader's language, with its form field's name."""

    question: Question
    text: str
    options: tuple[Option, ...]

    @property
    def field(self) -> str:
        return f"q-{self.question.code}"

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def first_id(self) -> str:
        """The id of the question's first input (where the error summary links to)."""
        if self.kind in (QuestionKind.NUMBER, QuestionKind.TEXT):
            return self.field
        return f"{self.field}-0"


@dataclass(frozen=True)
class Section:
    """A dimension's questions (``title`` empty for questions outside any dimension)."""

    title: str
    questions: tuple[QuestionView, ...]


#: A frozen version's questions, per process: every respondent of a survey reads the same
#: ones, and a version that a survey uses never changes (it is frozen at the launch). Keyed by
#: the version's id and the moment it was frozen.
_FROZEN: dict[tuple[int, str], list[Question]] = {}
_FROZEN_MAX = 64


def _questions(survey: Survey) -> list[Question]:
    """The survey's questions in the questionnaire's order (from memory once frozen)."""
    version = survey.version
    key = (version.pk, version.frozen_at.isoformat()) if version.frozen_at else None
    if key is not None and key in _FROZEN:
        return _FROZEN[key]
    found = list(
        Question.objects.filter(version_id=survey.version_id)
        .select_related("dimension")
        .order_by("dimension__order", "order", "pk")
    )
    if key is not None:
        if len(_FROZEN) >= _FROZEN_MAX:
            _FROZEN.clear()
        _FROZEN[key] = found
    return found


def _option_label(option: Mapping[str, Any], english: bool) -> str:
    label = str(option.get("label", option.get("value", "")))
    return str(option.get("label_en") or label) if english else label


def _view(question: Question, english: bool) -> QuestionView:
    text = question.text_en if english and question.text_en else question.text
    options = tuple(
        Option(str(o.get("value")), _option_label(o, english))
        for o in (question.options or [])
        if isinstance(o, Mapping) and "value" in o
    )
    return QuestionView(question, text, options)


def sections_of(questions: Sequence[Question]) -> list[Section]:
    """The questions grouped by dimension, in the questionnaire's order."""
    english = translation.get_language() == "en" or (
        (translation.get_language() or "").startswith("en")
    )
    out: list[Section] = []
    current: tuple[int | None, list[QuestionView]] | None = None
    for question in questions:
        key = question.dimension_id
        if current is None or current[0] != key:
            current = (key, [])
            dimension = question.dimension
            title = ""
            if dimension is not None:
                title = dimension.name_en if english and dimension.name_en else dimension.name
            out.append(Section(title, ()))
        current[1].append(_view(question, english))
        out[-1] = Section(out[-1].title, tuple(current[1]))
    return out


# --- Checking answers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cleaned:
    """Answers ready to store: values by question id (several for a multiple choice), free
    texts by question id, and the problems by form field."""

    answers: dict[int, list[float]]
    comments: dict[int, str]
    errors: list[tuple[str, str]]


def _option_values(question: Question) -> dict[str, float]:
    """A choice's allowed values (the text sent → the value stored), worked out once per
    question object (the frozen versions' questions are kept in memory)."""
    known: dict[str, float] | None = getattr(question, "_charlie_option_values", None)
    if known is not None:
        return known
    values: dict[str, float] = {}
    for option in question.options or []:
        if isinstance(option, dict) and "value" in option:
            try:
                values[str(option["value"])] = float(option["value"])
            except (TypeError, ValueError):
                continue
    question._charlie_option_values = values  # type: ignore[attr-defined]
    return values


def check_value(question: Question, raw: Sequence[str]) -> tuple[list[float] | str | None, str]:
    """One question's answer from what was sent (``raw``: the values, several for a multiple
    choice): (the value, or None when skipped; an error message or ""). A free text comes
    back as its text."""
    texts = [t.strip() for t in raw if t is not None and t.strip() != ""]
    kind = question.kind
    if not texts:
        if question.required:
            return None, _("Besvar spørgsmålet.")
        return None, ""
    if kind == QuestionKind.TEXT:
        text = "\n".join(texts)
        errors = text_errors(text, what=_("Svaret"), max_length=MAX_COMMENT, multiline=True)
        return (None, " ".join(errors)) if errors else (text, "")
    if kind == QuestionKind.NUMBER:
        if len(texts) != 1:
            return None, _("Skriv ét tal.")
        try:
            number = parse_number(texts[0], lenient=True)
        except ValueError:
            return None, _("Skriv et tal, fx 3.")
        if question.minimum is not None and number < Decimal(question.minimum):
            return None, _("Tallet må ikke være mindre end %(n)d.") % {"n": question.minimum}
        if question.maximum is not None and number > Decimal(question.maximum):
            return None, _("Tallet må ikke være større end %(n)d.") % {"n": question.maximum}
        return [float(number)], ""
    allowed = _option_values(question)
    if kind in (QuestionKind.LIKERT, QuestionKind.SINGLE) and len(texts) > 1:
        return None, _("Vælg ét svar.")
    chosen: list[float] = []
    for text in dict.fromkeys(texts):
        key = text
        if key not in allowed:
            # A number written as 3.0 or 3,0 in a file is the option 3.
            try:
                key = str(int(parse_number(text, lenient=True)))
            except (ValueError, ArithmeticError):
                key = text
        if key not in allowed:
            return None, _("»%(value)s« er ikke et af svarene. Vælg mellem: %(values)s.") % {
                "value": text,
                "values": ", ".join(allowed),
            }
        chosen.append(allowed[key])
    return chosen, ""


def clean_answers(questions: Sequence[Question], get: Callable[[str], list[str]]) -> Cleaned:
    """Every question's answer from a form or a file row (``get(field)``: the values sent for
    the field ``q-<code>``)."""
    answers: dict[int, list[float]] = {}
    comments: dict[int, str] = {}
    errors: list[tuple[str, str]] = []
    for question in questions:
        value, error = check_value(question, get(f"q-{question.code}"))
        if error:
            errors.append((f"q-{question.code}", error))
        elif isinstance(value, str):
            comments[question.pk] = value
        elif value is not None:
            answers[question.pk] = value
    return Cleaned(answers, comments, errors)


# --- The one writer of answers ------------------------------------------------------------------


def _survey_units(survey: Survey) -> set[int]:
    return {int(unit) for unit in (survey.plan or {}).get("bands", {})}


def record_answers(
    survey: Survey,
    unit: OrgUnit | int,
    band_values: Mapping[str, str],
    answers: Mapping[int, float | Sequence[float]],
    comments: Mapping[int, str],
    source: str,
    *,
    questions: Sequence[Question] | None = None,
) -> Response:
    """Store one anonymous set of answers: a ``Response`` (a random key, the survey, the unit,
    the band values, the source — nothing else), an ``Answer`` per value and a ``Comment`` per
    free text, in one transaction. The only writer of these tables (the answering page and
    ``import-answers`` both call it).

    ``unit``: the unit the answers are recorded in (one of the launch plan's groups);
    ``band_values``: only the bands recorded for that group; ``answers``: question id → value
    (a list for a multiple choice); ``comments``: question id → text. Checked again here, so no
    caller can store a value the question does not allow or a band the survey did not ask for.
    """
    unit_id = unit if isinstance(unit, int) else unit.pk
    plan = survey.plan or {}
    if unit_id not in _survey_units(survey):
        raise ValidationFailed([_("Enheden hører ikke til målingen.")])
    allowed_bands = set(plan.get("bands", {}).get(str(unit_id), []))
    extra = set(band_values) - allowed_bands
    if extra:
        raise ValidationFailed(
            [_("Baggrundsoplysningen registreres ikke for enheden: %(b)s.") % {"b": sorted(extra)}]
        )
    for key, band_value in band_values.items():
        if not isinstance(band_value, str) or not band_value or len(band_value) > 60:
            raise ValidationFailed([_("Ugyldig baggrundsoplysning: %(b)s.") % {"b": key}])
    by_id = {q.pk: q for q in (questions if questions is not None else _questions(survey))}
    if source not in ResponseSource.values:
        raise ValueError(f"unknown source {source!r}")
    rows: list[tuple[int, float]] = []
    for question_id, value in answers.items():
        question = by_id.get(question_id)
        if question is None or question.kind == QuestionKind.TEXT:
            raise ValidationFailed([_("Spørgsmålet hører ikke til målingen.")])
        given: list[float] = [value] if isinstance(value, int | float) else list(value)
        checked, error = check_value(question, [_plain(v) for v in given])
        if error or not isinstance(checked, list):
            raise ValidationFailed([error or _("Ugyldigt svar.")])
        rows += [(question_id, v) for v in checked]
    notes: list[tuple[int, str]] = []
    for question_id, text in comments.items():
        question = by_id.get(question_id)
        if question is None or question.kind != QuestionKind.TEXT:
            raise ValidationFailed([_("Spørgsmålet hører ikke til målingen.")])
        checked, error = check_value(question, [text])
        if error:
            raise ValidationFailed([error])
        if isinstance(checked, str):
            notes.append((question_id, checked))
    # One transaction; inside the caller's (the answering page's, the import's) no savepoint.
    with transaction.atomic(savepoint=False):
        response = Response.objects.create(
            id=uuid.uuid4(),
            survey_id=survey.pk,
            unit_id=unit_id,
            band_values=dict(band_values),
            source=source,
        )
        _insert_answers(response.pk, rows)
        Comment.objects.bulk_create(
            [Comment(id=uuid.uuid4(), response=response, question_id=q, text=t) for q, t in notes]
        )
    return response


def _insert_answers(response_id: uuid.UUID, rows: Sequence[tuple[int, float]]) -> None:
    """The answers of one response in one INSERT, each with a random key: written out, since
    building a model object per answer (60 a response) cost more than the rest of storing
    them (Django's init signals)."""
    if not rows:
        return
    key = Answer._meta.get_field("id")
    response = key.get_db_prep_value(response_id, connection)
    params: list[Any] = []
    for question_id, value in rows:
        params += [key.get_db_prep_value(uuid.uuid4(), connection), response, question_id, value]
    placeholders = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO wellbeing_answer (id, response_id, question_id, value) "  # noqa: S608
            f"VALUES {placeholders}",
            params,
        )


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# --- The answering page (public, by one-time link) ----------------------------------------------


class LinkState:
    OPEN = "open"
    USED = "used"
    CLOSED = "closed"


@dataclass(frozen=True)
class Link:
    """What a link opens: its survey and state; ``invitation_id`` only while it can answer
    (never handed to a page)."""

    survey: Survey
    state: str
    invitation_id: int | None = None
    #: The unit and band values the invitation carries for its answers (while it can answer).
    unit_id: int | None = None
    band_values: dict[str, str] = field(default_factory=dict)


def _is_open(survey: Survey, on: date) -> bool:
    return survey.status == SurveyStatus.OPEN and survey.opens_on <= on <= survey.closes_on


def link_of(token: str, *, on: date | None = None) -> Link:
    """The survey a one-time link belongs to and whether it can still answer: ``open``, or
    ``used`` (answered already: the link's hash is gone), or ``closed``. A link to no survey
    that has been sent out answers 404."""
    on = on or today()
    match = _TOKEN.match(token or "")
    if match is None:
        raise NotFound
    survey = (
        Survey.objects.filter(pk=int(match.group(1)))
        .exclude(status=SurveyStatus.DRAFT)
        .select_related("version")
        .first()
    )
    if survey is None:
        raise NotFound
    if not _is_open(survey, on):
        return Link(survey, LinkState.CLOSED)
    invitation = (
        Invitation.objects.filter(survey_id=survey.pk, token_hash=tokens.hash_token(token))
        .values_list("pk", "unit_id", "band_values")
        .first()
    )
    if invitation is None:
        return Link(survey, LinkState.USED)
    pk, unit_id, band_values = invitation
    return Link(survey, LinkState.OPEN, pk, unit_id, dict(band_values or {}))


@dataclass(frozen=True)
class AnswerPage:
    survey: Survey
    state: str
    sections: list[Section] = field(default_factory=list)


def answer_page(token: str, *, on: date | None = None) -> AnswerPage:
    """What the answering page shows for this link: the questions while it can answer."""
    link = link_of(token, on=on)
    if link.state != LinkState.OPEN:
        return AnswerPage(link.survey, link.state)
    return AnswerPage(link.survey, link.state, _sections(link.survey))


_SECTIONS: dict[tuple[int, str, str], list[Section]] = {}


def _sections(survey: Survey) -> list[Section]:
    """``sections_of`` the survey's questions in the reader's language (from memory once the
    version is frozen, like ``_questions``)."""
    version = survey.version
    if version.frozen_at is None:
        return sections_of(_questions(survey))
    key = (version.pk, version.frozen_at.isoformat(), translation.get_language() or "")
    if key not in _SECTIONS:
        if len(_SECTIONS) >= _FROZEN_MAX:
            _SECTIONS.clear()
        _SECTIONS[key] = sections_of(_questions(survey))
    return _SECTIONS[key]


class LinkGone(Exception):
    """The link can no longer answer (``link.state``: used or closed)."""

    def __init__(self, link: Link):
        super().__init__(link.state)
        self.link = link


class AnswerErrors(ValidationFailed):
    """The answers cannot be stored as sent: ``errors`` are (form field, message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__([message for _field, message in errors])
        self.errors = errors


def submit(token: str, get: Callable[[str], list[str]], *, on: date | None = None) -> Survey:
    """Store the answers sent with this link, once: the answers through ``record_answers`` and
    the invitation marked answered with its link cleared, in one transaction. Raises
    ``AnswerErrors`` for answers that cannot be stored (nothing is written) and ``LinkGone``
    for a link that can no longer answer; returns the survey."""
    link = link_of(token, on=on)
    if link.state != LinkState.OPEN or link.invitation_id is None:
        raise LinkGone(link)
    survey = link.survey
    questions = _questions(survey)
    cleaned = clean_answers(questions, get)
    if cleaned.errors:
        raise AnswerErrors(cleaned.errors)
    with transaction.atomic():
        # The invitation is claimed first, by its link: of two answers sent at once with the
        # same link, one claims it and the other finds it used (and writes nothing).
        claimed = Invitation.objects.filter(
            pk=link.invitation_id, token_hash=tokens.hash_token(token), answered=False
        ).update(answered=True, token_hash=None, link_key=None)
        if claimed != 1:
            raise LinkGone(Link(survey, LinkState.USED))
        record_answers(
            survey,
            link.unit_id or 0,
            link.band_values,
            cleaned.answers,
            cleaned.comments,
            ResponseSource.WEB,
            questions=questions,
        )
    return survey


def thanks_survey(survey_id: int) -> Survey:
    """The survey a thank-you page names (any that has been sent out)."""
    survey = Survey.objects.filter(pk=survey_id).exclude(status=SurveyStatus.DRAFT).first()
    if survey is None:
        raise NotFound
    return survey


# --- import-answers ------------------------------------------------------------------------------

#: The largest file the import reads (50 MB: 35,000 rows × 60 questions is about 10 MB).
MAX_FILE_BYTES = 50 * 1024 * 1024
#: The unit column's names (compared by ``core.sheets.column_key``).
UNIT_COLUMNS = ("enhed", "enhedskode", "unit")


@dataclass(frozen=True)
class ImportResult:
    rows: int
    created: int
    problems: list[ShownProblem]
    problem_count: int
    dropped_bands: int = 0


_P_COLUMN = gettext_noop(
    "Kolonnen »%(column)s« er hverken enhed, en baggrundsoplysning, "
    "målingen spørger om, eller et spørgsmål i målingen."
)
_P_NO_UNIT = gettext_noop("Filen mangler kolonnen »enhed« (enhedskoden).")
_P_TWICE = gettext_noop("Kolonnen »%(column)s« står der to gange.")
_P_UNIT = gettext_noop("Enheden »%(code)s« findes ikke eller hører ikke til målingen.")
_P_UNIT_EMPTY = gettext_noop("Skriv enhedens kode.")
_P_BAND = gettext_noop("»%(value)s« er ikke en værdi af baggrundsoplysningen. Brug: %(values)s.")
_P_ANSWER = gettext_noop("%(problem)s")
_P_EMPTY = gettext_noop("Rækken har ingen svar.")
_P_FILE = gettext_noop("Filen kan ikke læses: %(reason)s")
_P_LONG = gettext_noop("Filen er for stor (højst %(mb)d MB). Del den i flere filer.")
_P_NONE = gettext_noop("Filen har ingen rækker med svar.")
_P_STATUS = gettext_noop("Målingen er ikke sendt ud endnu; svar kan først indlæses bagefter.")


def _rows(name: str, data: bytes) -> Any:
    if is_xlsx(data):
        return xlsx_rows(data, max_unpacked=MAX_FILE_BYTES * 4)
    return csv_rows(data)


def import_answers(access: Access, survey_id: int, name: str, data: bytes) -> ImportResult:
    """Answers collected on paper or in another tool, from CSV or XLSX (docs/wellbeing-surveys.md,
    "Indlæsning af svar"): one row per respondent with the unit's code, the band values and one
    column per question code. Every row is checked first and every problem reported with its
    row and column; only a file without problems is stored, all of it in one transaction, with
    the source "import". A band the launch plan does not record for the row's unit (its groups
    were too small) is left out, and counted in ``dropped_bands``."""
    access = for_wellbeing(access)
    access.require(MANAGE_SURVEYS)
    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None:
        raise NotFound
    problems: list[Problem] = []

    def problem(at_row: int | None, at_column: str | None, text: str, **params: Any) -> None:
        problems.append(Problem(name, at_row, at_column, text, params))

    if survey.status == SurveyStatus.DRAFT:
        problem(None, None, _P_STATUS)
        return _result(0, 0, problems)
    if len(data) > MAX_FILE_BYTES:
        problem(None, None, _P_LONG, mb=MAX_FILE_BYTES // (1024 * 1024))
        return _result(0, 0, problems)
    questions = _questions(survey)
    by_code = {column_key(q.code): q for q in questions}
    bands = {column_key(key): key for key in survey.bands}
    plan = survey.plan or {}
    recorded = {int(k): int(v) for k, v in plan.get("units", {}).items()}
    units = dict(
        OrgUnit.objects.filter(pk__in=list(recorded)).exclude(code="").values_list("code", "pk")
    )
    families = _job_family_codes() if "job_family" in survey.bands else []
    parsed: list[tuple[int, dict[str, str], dict[int, list[float]], dict[int, str]]] = []
    dropped = 0
    lenient = [_optional(q) for q in questions]
    header: list[str] | None = None
    try:
        rows = _rows(name, data)
        columns: dict[int, tuple[str, str]] = {}  # cell index → (kind, key)
        for number, cells in rows:
            texts = [cell_text(c) for c in cells]
            if header is None:
                if not any(texts):
                    continue
                header = texts
                seen: set[str] = set()
                for index, title in enumerate(header):
                    key = column_key(title)
                    if not key:
                        continue
                    if key in seen:
                        problem(number, title, _P_TWICE, column=title)
                    seen.add(key)
                    if key in UNIT_COLUMNS:
                        columns[index] = ("unit", "")
                    elif key in bands:
                        columns[index] = ("band", bands[key])
                    elif key in by_code:
                        columns[index] = ("question", by_code[key].code)
                    else:
                        problem(number, title, _P_COLUMN, column=title)
                if "unit" not in {kind for kind, _k in columns.values()}:
                    problem(number, None, _P_NO_UNIT)
                if problems:
                    return _result(0, 0, problems)
                continue
            if not any(texts):
                continue
            values: dict[str, list[str]] = defaultdict(list)
            unit_code = ""
            band_values: dict[str, str] = {}
            for index, (kind, key) in columns.items():
                text = texts[index] if index < len(texts) else ""
                title = header[index]
                if kind == "unit":
                    unit_code = text
                elif kind == "band":
                    if not text:
                        continue
                    band = BANDS[key]
                    if not band.accepts(text, families):
                        allowed = [v for v, _l in band.values] or families
                        problem(number, title, _P_BAND, value=text, values=", ".join(allowed))
                    band_values[key] = text
                elif text:
                    # A multiple choice's chosen options are separated by ; or |.
                    values[f"q-{key}"] += [p for p in re.split(r"[;|]", text) if p.strip()]
            unit_id = units.get(unit_code)
            if not unit_code:
                problem(number, _column_title(header, columns, "unit"), _P_UNIT_EMPTY)
            elif unit_id is None:
                problem(number, _column_title(header, columns, "unit"), _P_UNIT, code=unit_code)
            cleaned = clean_answers(lenient, _getter(values))
            for field_name, message in cleaned.errors:
                code = field_name.removeprefix("q-")
                title = next(
                    (header[i] for i, (k, c) in columns.items() if k == "question" and c == code),
                    code,
                )
                problem(number, title, _P_ANSWER, problem=message)
            if not cleaned.answers and not cleaned.comments:
                problem(number, None, _P_EMPTY)
            if unit_id is None:
                continue
            group = recorded[unit_id]
            kept = set(plan.get("bands", {}).get(str(group), []))
            dropped += len(set(band_values) - kept)
            parsed.append(
                (
                    group,
                    {k: v for k, v in band_values.items() if k in kept},
                    cleaned.answers,
                    cleaned.comments,
                )
            )
    except ValueError as exc:
        problem(None, None, _P_FILE, reason=str(exc))
    if header is None and not problems:
        problem(None, None, _P_NONE)
    if problems:
        return _result(0, 0, problems)
    if not parsed:
        problem(None, None, _P_NONE)
        return _result(0, 0, problems)
    with transaction.atomic():
        for group, values_of_bands, answers, comments in parsed:
            record_answers(
                survey,
                group,
                values_of_bands,
                answers,
                comments,
                ResponseSource.IMPORT,
                questions=questions,
            )
        if survey.status == SurveyStatus.CLOSED:
            # The tallies kept at the close count the answers; answers imported later count too.
            _add_to_tallies(survey, [group for group, *_rest in parsed])
    log.info("imported %s answers into survey %s", len(parsed), survey.pk)
    return ImportResult(len(parsed), len(parsed), [], 0, dropped)


def _getter(values: Mapping[str, list[str]]) -> Callable[[str], list[str]]:
    return lambda field_name: list(values.get(field_name, []))


def _optional(question: Question) -> Question:
    """The question as the import checks it: paper forms cannot insist on an answer, so a
    required question may be blank in a file."""
    if not question.required:
        return question
    copy = Question(**{f.attname: getattr(question, f.attname) for f in Question._meta.fields})
    copy.required = False
    return copy


def _column_title(header: list[str], columns: Mapping[int, tuple[str, str]], kind: str) -> str:
    return next((header[i] for i, (k, _c) in columns.items() if k == kind), kind)


def _add_to_tallies(survey: Survey, groups: list[int]) -> None:
    counts: dict[int, int] = defaultdict(int)
    for group in groups:
        counts[group] += 1
    for unit_id, count in counts.items():
        tally, _created = UnitTally.objects.get_or_create(
            survey=survey, unit_id=unit_id, defaults={"invited": 0, "answered": 0}
        )
        UnitTally.objects.filter(pk=tally.pk).update(answered=tally.answered + count)


def _job_family_codes() -> list[str]:
    return list(JobFamily.objects.values_list("code", flat=True))


def _result(rows: int, created: int, problems: list[Problem]) -> ImportResult:
    return ImportResult(rows, created, shown(problems), len(problems))
