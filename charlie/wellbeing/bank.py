"""Question banks as files: Charlie's own banks (``banks/*.json``) and a municipality's own
questionnaire in JSON or CSV (docs/wellbeing-questionnaires.md), read and checked into plain
dataclasses; and the one check of a question that the editor, the import and the shipped banks
share. Pure: the standard library and core's pure readers, never Django.

Every problem names where it is: in a CSV file the line and the column as written in the
header; in a JSON file the question's number in the file (1, 2, 3 … in the order they stand)
and the field's path (``dimensions[2].questions[1].text``, counted from 1). Messages are Danish
msgids (``gettext_noop``) with parameters, translated where they are shown; a cell is never
repeated in a message.

Answer values (the contract with the surveys and results parts): a Likert question's options
are exactly the values 1–5, each with its label, in rising order of the label ("Aldrig" 1 …
"Altid" 5); 5 is the most favourable answer unless the question is ``reverse`` ("Hvor ofte har
du for lidt tid?": 5 is the least favourable). A single or multiple choice has 2–20 options
with distinct whole-number values, which are codes, not scores. A number has a whole-number
minimum and maximum. A free-text question has no options; respondents see the warning not to
write names or health details beside it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from charlie.core.cpr import contains_cpr
from charlie.core.csv_writer import csv_text
from charlie.core.language import gettext_noop as _
from charlie.core.sheets import Problem, cell_text, column_key, csv_rows, is_xlsx, xlsx_rows

__all__ = [
    "KINDS",
    "QUESTION_KINDS",
    "SCALES",
    "BankSpec",
    "DimensionSpec",
    "FieldProblem",
    "Meta",
    "Option",
    "Parsed",
    "QuestionDraft",
    "QuestionSpec",
    "charlie_banks",
    "check_question",
    "parse_file",
    "read_options",
    "to_csv",
    "to_json",
]

#: The ``format`` a JSON file may name (it may also leave it out).
FORMAT = "charlie-questionnaire/1"

#: Where Charlie's own banks are (one JSON file each, in the format the import reads).
BANKS_DIR = Path(__file__).resolve().parent / "banks"

#: ``origin`` of Charlie's own banks: written for Charlie, not a validated instrument.
ORIGIN_CHARLIE = "charlie"

#: The kinds of questionnaire (``models.QuestionnaireKind``) and the words a file may use.
KINDS = ("wellbeing", "apv", "pulse", "onboarding", "other")
KIND_WORDS = {
    "wellbeing": "wellbeing",
    "trivsel": "wellbeing",
    "trivselsmaaling": "wellbeing",
    "apv": "apv",
    "pulse": "pulse",
    "puls": "pulse",
    "pulsmaaling": "pulse",
    "onboarding": "onboarding",
    "introduktion": "onboarding",
    "other": "other",
    "andet": "other",
}

#: The kinds of question (``models.QuestionKind``) and the words a file may use.
QUESTION_KINDS = ("likert", "single", "multiple", "number", "text")
QUESTION_KIND_WORDS = {
    "likert": "likert",
    "skala": "likert",
    "scale": "likert",
    "single": "single",
    "etsvar": "single",
    "enkeltvalg": "single",
    "multiple": "multiple",
    "fleresvar": "multiple",
    "flervalg": "multiple",
    "number": "number",
    "tal": "number",
    "text": "text",
    "fritekst": "text",
    "tekst": "text",
}

# The lengths the tables hold (models.py), and what a file may hold at most.
CODE_LENGTH = 60
NAME_LENGTH = 200
TEXT_LENGTH = 1000
HELP_LENGTH = 300
LABEL_LENGTH = 200
DESCRIPTION_LENGTH = 2000
NOTE_LENGTH = 300
MAX_QUESTIONS = 300
MAX_OPTIONS = 20
#: Bounds of a number question's minimum and maximum (the answer is stored as a float).
NUMBER_LIMIT = 1_000_000_000
#: A file larger than this is refused unread (a questionnaire of 300 questions is ~200 kB).
MAX_FILE_BYTES = 2 * 1024**2
XLSX_MAX_UNPACKED = 20 * 1024**2

_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_VALUED = re.compile(r"^\s*(-?\d{1,9})\s*=\s*(.*)$", re.DOTALL)


@dataclass(frozen=True)
class Option:
    """One answer a respondent may choose: its stored ``value`` and its labels."""

    value: int
    label: str
    label_en: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label, "label_en": self.label_en}


def _scale(*labels: tuple[str, str]) -> tuple[Option, ...]:
    return tuple(Option(n, da, en) for n, (da, en) in enumerate(labels, start=1))


#: Charlie's named answer scales, written for Charlie; a file or the editor names one instead
#: of listing its options. The four Likert scales run 1–5 from the lowest to the highest label.
SCALES: dict[str, tuple[Option, ...]] = {
    "grad": _scale(
        ("I meget lille grad", "To a very small extent"),
        ("I lille grad", "To a small extent"),
        ("I nogen grad", "To some extent"),
        ("I høj grad", "To a large extent"),
        ("I meget høj grad", "To a very large extent"),
    ),
    "hyppighed": _scale(
        ("Aldrig", "Never"),
        ("Sjældent", "Rarely"),
        ("Nogle gange", "Sometimes"),
        ("Ofte", "Often"),
        ("Altid", "Always"),
    ),
    "enighed": _scale(
        ("Helt uenig", "Strongly disagree"),
        ("Uenig", "Disagree"),
        ("Hverken enig eller uenig", "Neither agree nor disagree"),
        ("Enig", "Agree"),
        ("Helt enig", "Strongly agree"),
    ),
    "tilfredshed": _scale(
        ("Meget utilfreds", "Very dissatisfied"),
        ("Utilfreds", "Dissatisfied"),
        ("Hverken tilfreds eller utilfreds", "Neither satisfied nor dissatisfied"),
        ("Tilfreds", "Satisfied"),
        ("Meget tilfreds", "Very satisfied"),
    ),
    # Offensive behaviour, asked as a single choice: 1 is "no", every higher value a "yes".
    "udsat": _scale(
        ("Nej", "No"),
        ("Ja, en enkelt gang", "Yes, once"),
        ("Ja, nogle gange", "Yes, a few times"),
        ("Ja, hver måned", "Yes, every month"),
        ("Ja, hver uge eller oftere", "Yes, every week or more often"),
    ),
}
#: A Likert question that names no options uses this scale.
DEFAULT_SCALE = "grad"


def scale_of(options: Sequence[Option]) -> str:
    """The name of the named scale these options are, or "" when they are a question's own."""
    found = tuple(options)
    return next((name for name, scale in SCALES.items() if scale == found), "")


# --- The checked content ------------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionSpec:
    code: str
    name: str
    name_en: str = ""
    sensitive: bool = False


@dataclass(frozen=True)
class QuestionSpec:
    """One checked question; ``dimension`` is its dimension's code ("" for none)."""

    code: str
    text: str
    kind: str
    text_en: str = ""
    help_text: str = ""
    help_text_en: str = ""
    options: tuple[Option, ...] = ()
    reverse: bool = False
    minimum: int | None = None
    maximum: int | None = None
    required: bool = False
    sensitive: bool = False
    dimension: str = ""


@dataclass(frozen=True)
class BankSpec:
    """A whole questionnaire, checked: its questions in the order respondents see them
    (dimension by dimension, in the dimensions' order, then the questions without one)."""

    code: str
    name: str
    kind: str
    name_en: str = ""
    description: str = ""
    origin: str = ""
    note: str = ""
    dimensions: tuple[DimensionSpec, ...] = ()
    questions: tuple[QuestionSpec, ...] = ()

    def questionnaire_row(self) -> dict[str, Any]:
        """The ``Questionnaire`` fields."""
        return {
            "code": self.code,
            "name": self.name,
            "name_en": self.name_en,
            "kind": self.kind,
            "description": self.description,
            "origin": self.origin,
        }

    def dimension_rows(self) -> list[dict[str, Any]]:
        """The ``Dimension`` fields of each dimension, in order."""
        return [
            {
                "code": d.code,
                "name": d.name,
                "name_en": d.name_en,
                "sensitive": d.sensitive,
                "order": n,
            }
            for n, d in enumerate(self.dimensions)
        ]

    def question_rows(self) -> list[tuple[str, dict[str, Any]]]:
        """Each question's dimension code and its ``Question`` fields, in order."""
        return [
            (
                q.dimension,
                {
                    "code": q.code,
                    "text": q.text,
                    "text_en": q.text_en,
                    "help_text": q.help_text,
                    "help_text_en": q.help_text_en,
                    "kind": q.kind,
                    "options": [o.as_json() for o in q.options],
                    "reverse": q.reverse,
                    "minimum": q.minimum,
                    "maximum": q.maximum,
                    "required": q.required,
                    "sensitive": q.sensitive,
                    "order": n,
                },
            )
            for n, q in enumerate(self.questions)
        ]


@dataclass(frozen=True)
class Meta:
    """What a CSV file does not hold: the questionnaire's code, name, kind and description
    (the upload form's fields, the command's options)."""

    code: str = ""
    name: str = ""
    name_en: str = ""
    kind: str = ""
    description: str = ""

    def given(self) -> bool:
        return any((self.code, self.name, self.name_en, self.kind, self.description))


@dataclass
class Parsed:
    """A file read: the bank when nothing is wrong, else ``None`` and every problem."""

    bank: BankSpec | None
    problems: list[Problem] = field(default_factory=list)
    file_format: str = ""


# --- One question, checked ----------------------------------------------------------------------

#: (field, Danish msgid, params): a problem with one field of a question. The fields are the
#: editor's (and the JSON keys' where they differ: ``minimum`` is the file's ``min``).
FieldProblem = tuple[str, str, dict[str, Any]]


@dataclass(frozen=True)
class QuestionDraft:
    """A question as typed or read, not yet checked. ``scale`` names one of ``SCALES`` instead
    of ``options``; ``options_problems`` are those found while reading the options."""

    code: str
    text: str
    kind: str
    text_en: str = ""
    help_text: str = ""
    help_text_en: str = ""
    scale: str = ""
    options: tuple[Option, ...] = ()
    reverse: bool = False
    minimum: int | None = None
    maximum: int | None = None
    required: bool = False
    sensitive: bool = False
    dimension: str = ""


def text_problems(
    name: str, value: str, *, max_length: int, required: bool = False, multiline: bool = False
) -> list[FieldProblem]:
    """A text field's problems: missing, too long, control characters."""
    if not value:
        return [(name, _("Feltet skal udfyldes."), {})] if required else []
    problems: list[FieldProblem] = []
    if len(value) > max_length:
        problems.append(
            (
                name,
                _("Teksten må højst være %(max)d tegn, men er %(n)d tegn."),
                {"max": max_length, "n": len(value)},
            )
        )
    control = _CONTROL_MULTILINE if multiline else _CONTROL_ONE_LINE
    if control.search(value):
        problems.append((name, _("Teksten indeholder ugyldige tegn (fx tabulator)."), {}))
    if contains_cpr(value):
        problems.append(
            (
                name,
                _(
                    "Teksten ser ud til at indeholde et CPR-nummer. Charlie gemmer aldrig "
                    "CPR-numre."
                ),
                {},
            )
        )
    return problems


def code_problems(name: str, value: str) -> list[FieldProblem]:
    """A code: lower-case letters a–z, digits, ``-`` and ``_``; at most 60 characters."""
    if not value:
        return [(name, _("Feltet skal udfyldes."), {})]
    if len(value) > CODE_LENGTH or not _CODE.match(value):
        return [
            (
                name,
                _(
                    "Koden må kun have små bogstaver a–z, tal, - og _ (ikke æ, ø, å eller "
                    "mellemrum) og højst %(max)d tegn, fx »krav-tid«."
                ),
                {"max": CODE_LENGTH},
            )
        ]
    return []


def check_question(draft: QuestionDraft) -> tuple[QuestionSpec | None, list[FieldProblem]]:
    """The question checked by the rules in the module doc; ``None`` and the problems when
    something is wrong. A Likert question without options gets the ``grad`` scale."""
    problems: list[FieldProblem] = []
    problems += code_problems("code", draft.code)
    problems += text_problems(
        "text", draft.text, max_length=TEXT_LENGTH, required=True, multiline=True
    )
    problems += text_problems("text_en", draft.text_en, max_length=TEXT_LENGTH, multiline=True)
    problems += text_problems("help_text", draft.help_text, max_length=HELP_LENGTH)
    problems += text_problems("help_text_en", draft.help_text_en, max_length=HELP_LENGTH)
    kind = draft.kind
    if not kind:
        problems.append(("kind", _("Feltet skal udfyldes."), {}))
        return None, problems
    if kind not in QUESTION_KINDS:
        problems.append(
            (
                "kind",
                _("Ukendt svartype. Vælg en af: %(kinds)s."),
                {"kinds": ", ".join(QUESTION_KINDS)},
            )
        )
        return None, problems

    options = draft.options
    scale_problems = len(problems)
    if draft.scale:
        if draft.scale not in SCALES:
            problems.append(
                (
                    "scale",
                    _("Ukendt skala. Vælg en af: %(scales)s."),
                    {"scales": ", ".join(SCALES)},
                )
            )
        elif options:
            problems.append(
                ("scale", _("Angiv enten en skala eller egne svarmuligheder, ikke begge."), {})
            )
        else:
            options = SCALES[draft.scale]
    elif kind == "likert" and not options:
        options = SCALES[DEFAULT_SCALE]

    if kind in ("likert", "single", "multiple"):
        if len(problems) == scale_problems:  # the scale is no news when it is wrong
            problems += _option_problems(kind, options)
    elif options or draft.scale:
        problems.append(("options", _("Kun skala og valgspørgsmål har svarmuligheder."), {}))
    if draft.reverse and kind != "likert":
        problems.append(("reverse", _("Kun en skala (1–5) kan vendes om."), {}))
    if kind == "number":
        problems += _number_problems(draft.minimum, draft.maximum)
    elif draft.minimum is not None or draft.maximum is not None:
        field_name = "minimum" if draft.minimum is not None else "maximum"
        problems.append((field_name, _("Kun et tal-spørgsmål har mindste og største tal."), {}))
    if problems:
        return None, problems
    return (
        QuestionSpec(
            code=draft.code,
            text=draft.text,
            kind=kind,
            text_en=draft.text_en,
            help_text=draft.help_text,
            help_text_en=draft.help_text_en,
            options=tuple(options),
            reverse=draft.reverse,
            minimum=draft.minimum,
            maximum=draft.maximum,
            required=draft.required,
            sensitive=draft.sensitive,
            dimension=draft.dimension,
        ),
        [],
    )


def _option_problems(kind: str, options: Sequence[Option]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if kind == "likert":
        if [o.value for o in options] != [1, 2, 3, 4, 5]:
            problems.append(
                (
                    "options",
                    _(
                        "En skala har præcis 5 svarmuligheder med tallene 1, 2, 3, 4 og 5 i "
                        "den rækkefølge (5 er den højeste)."
                    ),
                    {},
                )
            )
    elif not 2 <= len(options) <= MAX_OPTIONS:
        problems.append(
            (
                "options",
                _("Et valgspørgsmål har mellem 2 og %(max)d svarmuligheder, men har %(n)d."),
                {"max": MAX_OPTIONS, "n": len(options)},
            )
        )
    values = [o.value for o in options]
    if len(set(values)) != len(values):
        problems.append(("options", _("To svarmuligheder har det samme tal."), {}))
    if any(abs(v) >= NUMBER_LIMIT for v in values):
        problems.append(("options", _("En svarmuligheds tal er for stort."), {}))
    for n, option in enumerate(options, start=1):
        if not option.label:
            problems.append(("options", _("Svarmulighed %(n)d mangler en dansk tekst."), {"n": n}))
        for name, text in (("options", option.label), ("options_en", option.label_en)):
            for _f, message, params in text_problems(name, text, max_length=LABEL_LENGTH):
                problems.append((name, message, params))
    return problems


def _number_problems(minimum: int | None, maximum: int | None) -> list[FieldProblem]:
    if minimum is None or maximum is None:
        return [
            (
                "minimum" if minimum is None else "maximum",
                _("Et tal-spørgsmål skal have et mindste og et største tal."),
                {},
            )
        ]
    if abs(minimum) >= NUMBER_LIMIT or abs(maximum) >= NUMBER_LIMIT:
        return [("maximum", _("Tallet er for stort."), {})]
    if minimum >= maximum:
        return [("maximum", _("Det største tal skal være større end det mindste."), {})]
    return []


def read_options(
    labels: Sequence[str], labels_en: Sequence[str]
) -> tuple[tuple[Option, ...], list[FieldProblem]]:
    """Options from their Danish and English labels (one per line in the editor, separated by
    ``|`` in a CSV cell). A Danish label may start with its value, ``"0 = Nej"``; without any
    value the options are numbered 1, 2, 3 … Empty entries are skipped. The English labels go
    with the Danish ones in order (they may also start with the same value)."""
    labels = [t.strip() for t in labels if t.strip()]
    labels_en = [t.strip() for t in labels_en if t.strip()]
    problems: list[FieldProblem] = []
    matches = [_VALUED.match(t) for t in labels]
    if any(matches) and not all(matches):
        problems.append(
            (
                "options",
                _("Skriv et tal foran alle svarmuligheder (fx »1 = Nej«) eller foran ingen."),
                {},
            )
        )
        return (), problems
    if labels_en and len(labels_en) != len(labels):
        problems.append(
            (
                "options_en",
                _("Der er %(en)d engelske svarmuligheder til %(da)d danske."),
                {"en": len(labels_en), "da": len(labels)},
            )
        )
    options = []
    for n, text in enumerate(labels):
        match = matches[n]
        value, label = (int(match[1]), match[2].strip()) if match else (n + 1, text)
        english = labels_en[n] if n < len(labels_en) else ""
        english_match = _VALUED.match(english)
        if english_match and int(english_match[1]) == value:
            english = english_match[2].strip()
        options.append(Option(value, label, english))
    return tuple(options), problems


def option_lines(options: Sequence[Option]) -> tuple[str, str]:
    """Options as the editor shows them: the Danish and the English labels, one per line; the
    values are written (``"0 = Nej"``) only when they are not 1, 2, 3 …"""
    numbered = [o.value for o in options] == list(range(1, len(options) + 1))
    danish = [o.label if numbered else f"{o.value} = {o.label}" for o in options]
    return "\n".join(danish), "\n".join(o.label_en for o in options)


def _word(text: str) -> str:
    """A word from a file as compared: lower case, accents, spaces, ``-`` and ``_`` dropped,
    æ/ø/å spelt out (``"Ét svar"`` → ``"etsvar"``)."""
    text = column_key(text)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def question_kind(text: str) -> str:
    """The question kind a file's word means, or "" when it means none."""
    return QUESTION_KIND_WORDS.get(_word(text), "")


def questionnaire_kind(text: str) -> str:
    return KIND_WORDS.get(_word(text), "")


# --- The whole questionnaire ------------------------------------------------------------------


def questionnaire_problems(
    code: str, name: str, name_en: str, kind: str, description: str, origin: str, note: str
) -> list[FieldProblem]:
    """The questionnaire's own fields' problems, by field."""
    problems = code_problems("code", code)
    problems += text_problems("name", name, max_length=NAME_LENGTH, required=True)
    problems += text_problems("name_en", name_en, max_length=NAME_LENGTH)
    if kind not in KINDS:
        problems.append(
            (
                "kind",
                _("Ukendt type af spørgeskema. Vælg en af: %(kinds)s."),
                {"kinds": ", ".join(KINDS)},
            )
        )
    problems += text_problems(
        "description", description, max_length=DESCRIPTION_LENGTH, multiline=True
    )
    problems += text_problems("origin", origin, max_length=NAME_LENGTH)
    problems += text_problems("note", note, max_length=NOTE_LENGTH)
    return problems


def dimension_problems(d: DimensionSpec) -> list[FieldProblem]:
    """A dimension's problems, by field (``code``, ``name``, ``name_en``)."""
    return (
        code_problems("code", d.code)
        + text_problems("name", d.name, max_length=NAME_LENGTH, required=True)
        + text_problems("name_en", d.name_en, max_length=NAME_LENGTH)
    )


def _in_respondent_order(
    dimensions: Sequence[DimensionSpec], questions: Sequence[QuestionSpec]
) -> tuple[QuestionSpec, ...]:
    """Dimension by dimension (the dimensions' order), then those without; a question in a
    sensitive dimension is sensitive."""
    position = {d.code: n for n, d in enumerate(dimensions)}
    sensitive = {d.code for d in dimensions if d.sensitive}
    ordered = sorted(
        enumerate(questions), key=lambda nq: (position.get(nq[1].dimension, len(position)), nq[0])
    )
    return tuple(replace(q, sensitive=True) if q.dimension in sensitive else q for _n, q in ordered)


# --- JSON ---------------------------------------------------------------------------------------

_TOP_KEYS = {
    "format",
    "code",
    "name",
    "name_en",
    "kind",
    "description",
    "origin",
    "note",
    "dimensions",
    "questions",
}
_DIMENSION_KEYS = {"code", "name", "name_en", "sensitive", "questions"}
_QUESTION_KEYS = {
    "code",
    "text",
    "text_en",
    "help_text",
    "help_text_en",
    "kind",
    "scale",
    "options",
    "reverse",
    "min",
    "max",
    "required",
    "sensitive",
}
_OPTION_KEYS = {"value", "label", "label_en"}
#: The editor's field → the JSON key, where they differ.
_JSON_KEYS = {"minimum": "min", "maximum": "max"}


class _JsonReader:
    """Reads the typed values of one JSON file, noting every problem with its place."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, row: int | None, path: str | None, message: str, **params: Any) -> None:
        self.problems.append(Problem(self.file, row, path, message, params))

    def keys(self, obj: Mapping[str, Any], allowed: set[str], row: int | None, path: str) -> None:
        for key in obj:
            if key not in allowed:
                self.fail(
                    row,
                    f"{path}.{key}" if path else str(key),
                    _("Ukendt felt. Felterne her er: %(keys)s."),
                    keys=", ".join(sorted(allowed)),
                )

    def text(self, obj: Mapping[str, Any], key: str, row: int | None, path: str) -> str:
        value = obj.get(key, "")
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(row, f"{path}.{key}" if path else key, _("Feltet skal være en tekst."))
            return ""
        return value.strip()

    def flag(self, obj: Mapping[str, Any], key: str, row: int | None, path: str) -> bool:
        value = obj.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.fail(
                row, f"{path}.{key}", _("Feltet skal være true eller false (uden anførselstegn).")
            )
            return False
        return value

    def whole(self, obj: Mapping[str, Any], key: str, row: int | None, path: str) -> int | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(row, f"{path}.{key}", _("Feltet skal være et helt tal."))
            return None
        return value

    def objects(
        self, obj: Mapping[str, Any], key: str, row: int | None, path: str
    ) -> list[tuple[int, Mapping[str, Any]]]:
        """The list ``obj[key]`` of objects, each with its number (from 1)."""
        value = obj.get(key, [])
        where = f"{path}.{key}" if path else key
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(row, where, _("Feltet skal være en liste: [ … ]."))
            return []
        found: list[tuple[int, Mapping[str, Any]]] = []
        for n, item in enumerate(value, start=1):
            if isinstance(item, dict):
                found.append((n, item))
            else:
                self.fail(row, f"{where}[{n}]", _("Hvert element skal være et objekt: { … }."))
        return found


def _json_question(
    reader: _JsonReader, obj: Mapping[str, Any], row: int, path: str, dimension: str
) -> QuestionSpec | None:
    reader.keys(obj, _QUESTION_KEYS, row, path)
    kind_text = reader.text(obj, "kind", row, path)
    options: list[Option] = []
    options_ok = True
    for n, item in reader.objects(obj, "options", row, path):
        where = f"{path}.options[{n}]"
        reader.keys(item, _OPTION_KEYS, row, where)
        value = reader.whole(item, "value", row, where)
        if value is None and "value" not in item:
            reader.fail(row, f"{where}.value", _("Svarmuligheden mangler sit tal (value)."))
        if value is None:
            options_ok = False
            continue
        label = reader.text(item, "label", row, where)
        options.append(Option(value, label, reader.text(item, "label_en", row, where)))
    draft = QuestionDraft(
        code=reader.text(obj, "code", row, path),
        text=reader.text(obj, "text", row, path),
        kind=question_kind(kind_text) or kind_text,
        text_en=reader.text(obj, "text_en", row, path),
        help_text=reader.text(obj, "help_text", row, path),
        help_text_en=reader.text(obj, "help_text_en", row, path),
        scale=reader.text(obj, "scale", row, path),
        options=tuple(options),
        reverse=reader.flag(obj, "reverse", row, path),
        minimum=reader.whole(obj, "min", row, path),
        maximum=reader.whole(obj, "max", row, path),
        required=reader.flag(obj, "required", row, path),
        sensitive=reader.flag(obj, "sensitive", row, path),
        dimension=dimension,
    )
    spec, problems = check_question(draft)
    if not options_ok:  # an option could not be read: their count and values are no news
        problems = [p for p in problems if p[0] not in _OPTION_FIELDS]
    for name, message, params in problems:
        reader.fail(row, f"{path}.{_JSON_KEYS.get(name, name)}", message, **params)
    return spec if options_ok else None


def parse_json(file: str, data: bytes) -> Parsed:
    """A questionnaire in the JSON format (docs/wellbeing-questionnaires.md)."""
    reader = _JsonReader(file)
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        reader.fail(None, None, _("JSON-filen skal være gemt som UTF-8."))
        return Parsed(None, reader.problems, "json")
    except json.JSONDecodeError as exc:
        reader.problems.append(
            Problem(
                file,
                exc.lineno,
                f"tegn {exc.colno}",
                _("Filen er ikke gyldig JSON: %(error)s."),
                {"error": exc.msg},
            )
        )
        return Parsed(None, reader.problems, "json")
    if not isinstance(document, dict):
        reader.problems.append(
            Problem(file, None, None, _("Filen skal være ét JSON-objekt: { … }."))
        )
        return Parsed(None, reader.problems, "json")
    reader.keys(document, _TOP_KEYS, None, "")
    fmt = document.get("format")
    if fmt is not None and fmt != FORMAT:
        reader.fail(None, "format", _("Ukendt format. Skriv »%(format)s«."), format=FORMAT)
    kind_text = reader.text(document, "kind", None, "")
    head = {
        "code": reader.text(document, "code", None, ""),
        "name": reader.text(document, "name", None, ""),
        "name_en": reader.text(document, "name_en", None, ""),
        "kind": questionnaire_kind(kind_text) or kind_text,
        "description": reader.text(document, "description", None, ""),
        "origin": reader.text(document, "origin", None, ""),
        "note": reader.text(document, "note", None, ""),
    }
    for name, message, params in questionnaire_problems(**head):
        reader.fail(None, name, message, **params)

    dimensions: list[DimensionSpec] = []
    questions: list[QuestionSpec] = []
    first_row: dict[str, tuple[int, str]] = {}
    count = 0
    broken = False
    dimension_paths: dict[str, str] = {}

    def add(item: Mapping[str, Any], question: QuestionSpec | None, row: int, path: str) -> None:
        nonlocal broken
        raw = item.get("code")
        code = raw.strip() if isinstance(raw, str) else ""
        seen = first_row.get(code) if code else None
        if seen is not None:
            reader.fail(
                row,
                f"{path}.code",
                _("Koden »%(code)s« er også brugt af spørgsmål %(other)d (%(place)s)."),
                code=code,
                other=seen[0],
                place=seen[1],
            )
            broken = True
        elif code:
            first_row[code] = (row, path)
        if question is None or seen is not None:
            broken = True
            return
        questions.append(question)

    for d, obj in reader.objects(document, "dimensions", None, ""):
        path = f"dimensions[{d}]"
        reader.keys(obj, _DIMENSION_KEYS, None, path)
        dimension = DimensionSpec(
            code=reader.text(obj, "code", None, path),
            name=reader.text(obj, "name", None, path),
            name_en=reader.text(obj, "name_en", None, path),
            sensitive=reader.flag(obj, "sensitive", None, path),
        )
        for name, message, params in dimension_problems(dimension):
            reader.fail(None, f"{path}.{name}", message, **params)
        if dimension.code in dimension_paths:
            reader.fail(
                None,
                f"{path}.code",
                _("Koden »%(code)s« er også brugt af %(place)s."),
                code=dimension.code,
                place=dimension_paths[dimension.code],
            )
        dimension_paths.setdefault(dimension.code, path)
        dimensions.append(dimension)
        for q, item in reader.objects(obj, "questions", None, path):
            count += 1
            where = f"{path}.questions[{q}]"
            add(item, _json_question(reader, item, count, where, dimension.code), count, where)
    for q, item in reader.objects(document, "questions", None, ""):
        count += 1
        where = f"questions[{q}]"
        add(item, _json_question(reader, item, count, where, ""), count, where)
    _count_problems(reader.problems, file, count)
    if reader.problems or broken:
        return Parsed(None, reader.problems, "json")
    return Parsed(
        BankSpec(
            dimensions=tuple(dimensions),
            questions=_in_respondent_order(dimensions, questions),
            **head,
        ),
        [],
        "json",
    )


def _count_problems(problems: list[Problem], file: str, count: int) -> None:
    if count == 0:
        problems.append(Problem(file, None, None, _("Spørgeskemaet har ingen spørgsmål.")))
    elif count > MAX_QUESTIONS:
        problems.append(
            Problem(
                file,
                None,
                None,
                _("Et spørgeskema kan højst have %(max)d spørgsmål, men filen har %(n)d."),
                {"max": MAX_QUESTIONS, "n": count},
            )
        )


# --- CSV (and the same columns in an Excel workbook) -------------------------------------------

#: The columns, in the order an export writes them, with the header it writes.
CSV_COLUMNS = (
    ("dimension", "dimension"),
    ("dimension_name", "dimension_navn"),
    ("dimension_name_en", "dimension_navn_en"),
    ("dimension_sensitive", "dimension_krænkende"),
    ("code", "kode"),
    ("text", "spørgsmål"),
    ("text_en", "spørgsmål_en"),
    ("help_text", "hjælpetekst"),
    ("help_text_en", "hjælpetekst_en"),
    ("kind", "type"),
    ("options", "svarmuligheder"),
    ("options_en", "svarmuligheder_en"),
    ("reverse", "omvendt"),
    ("minimum", "min"),
    ("maximum", "maks"),
    ("required", "skal_besvares"),
    ("sensitive", "krænkende"),
)
_CSV_HEADER = dict(CSV_COLUMNS)
_OPTION_FIELDS = ("options", "options_en", "scale")
#: A header (as compared, ``core.sheets.column_key``) → the column; English names too.
CSV_ALIASES = {
    **{column_key(header): name for name, header in CSV_COLUMNS},
    **{column_key(name): name for name, _h in CSV_COLUMNS},
    "dimensionkode": "dimension",
    "dimensioncode": "dimension",
    "spoergsmaalskode": "code",
    "question": "text",
    "questionen": "text_en",
    "tekst": "text",
    "teksten": "text_en",
    "svartype": "kind",
    "max": "maximum",
    "minimum": "minimum",
    "maksimum": "maximum",
}
CSV_REQUIRED = ("code", "text", "kind")
_YES = {"ja", "j", "yes", "y", "true", "sand", "1", "x"}
_NO = {"", "nej", "n", "no", "false", "falsk", "0"}


def _cell(value: object) -> str:
    """A cell as text; a leading ``'`` that Charlie's CSV writer put before a text starting with
    ``=``, ``+``, ``-`` or ``@`` (so a spreadsheet keeps it as text) is taken off again."""
    text = cell_text(value)
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        return text[1:]
    return text


def _rows_of(data: bytes) -> Iterator[tuple[int, list[object]]]:
    return xlsx_rows(data, max_unpacked=XLSX_MAX_UNPACKED) if is_xlsx(data) else csv_rows(data)


class _CsvRow:
    """The cells of one row by column, read as text, yes/no or a whole number; a cell that
    cannot be read is a problem with its row and column."""

    def __init__(
        self,
        number: int,
        cells: list[object],
        header: Mapping[str, int],
        col: Any,
        fail: Any,
    ) -> None:
        self.number, self.cells, self.header = number, cells, header
        self.col, self.fail = col, fail

    def get(self, name: str) -> str:
        position = self.header.get(name)
        if position is None or position >= len(self.cells):
            return ""
        return _cell(self.cells[position])

    def flag(self, name: str) -> bool:
        word = _word(self.get(name))
        if word in _YES:
            return True
        if word not in _NO:
            self.fail(self.number, self.col(name), _("Skriv ja eller nej."))
        return False

    def whole(self, name: str) -> int | None:
        text = self.get(name).replace(" ", "")
        if not text:
            return None
        if not re.fullmatch(r"-?\d{1,10}", text):
            self.fail(self.number, self.col(name), _("Skriv et helt tal, fx 0 eller 40."))
            return None
        return int(text)


def _same_dimension(row: _CsvRow, mine: DimensionSpec, first: DimensionSpec, at: int) -> None:
    """A later row of a dimension may leave its name empty or repeat it, nothing else."""
    for name, given, known in (
        ("dimension_name", mine.name, first.name),
        ("dimension_name_en", mine.name_en, first.name_en),
    ):
        if given and given != known:
            row.fail(
                row.number,
                row.col(name),
                _(
                    "Dimensionen »%(code)s« har et andet navn i række %(first)d. Skriv det "
                    "samme, eller lad feltet stå tomt."
                ),
                code=first.code,
                first=at,
            )
    if mine.sensitive and not first.sensitive:
        row.fail(
            row.number,
            row.col("dimension_sensitive"),
            _("Skriv »ja« i række %(first)d, hvor dimensionen står første gang."),
            first=at,
        )


def parse_csv(file: str, data: bytes, meta: Meta) -> Parsed:
    """A questionnaire in the CSV format (one row a question; docs/wellbeing-questionnaires.md),
    or the same columns in the first sheet of an Excel workbook. ``meta`` gives the code, name
    and kind the rows do not hold."""
    problems: list[Problem] = []

    def fail(row: int | None, column: str | None, message: str, **params: Any) -> None:
        problems.append(Problem(file, row, column, message, params))

    kind = questionnaire_kind(meta.kind) or meta.kind
    head = {
        "code": meta.code.strip(),
        "name": meta.name.strip(),
        "name_en": meta.name_en.strip(),
        "kind": kind,
        "description": meta.description.strip(),
        "origin": "",
        "note": "",
    }
    for name, message, params in questionnaire_problems(**head):
        fail(None, _META_LABELS.get(name, name), message, **params)

    rows = _rows_of(data)
    header: dict[str, int] = {}
    written: dict[str, str] = {}
    header_row = 0
    for number, cells in rows:
        if not any(cell_text(c) for c in cells):
            continue
        header_row = number
        unknown = []
        for position, cell in enumerate(cells):
            key = column_key(cell)
            if not key:
                continue
            column = CSV_ALIASES.get(key)
            if column is None:
                unknown.append(cell_text(cell)[:40])
            elif column in header:
                fail(number, cell_text(cell)[:40], _("Kolonnen står der to gange."))
            else:
                header[column] = position
                written[column] = cell_text(cell)
        missing = [_CSV_HEADER[c] for c in CSV_REQUIRED if c not in header]
        if missing:
            fail(number, None, _("Kolonnen mangler: %(columns)s."), columns=", ".join(missing))
        for name in unknown:
            fail(
                number,
                name,
                _("Ukendt kolonne. Kolonnerne er: %(columns)s."),
                columns=";".join(h for _n, h in CSV_COLUMNS),
            )
        break
    if not header_row:
        fail(None, None, _("Filen er tom."))
        return Parsed(None, problems, "csv")
    if any(p.row == header_row for p in problems):
        return Parsed(None, problems, "csv")

    def col(name: str) -> str:
        return written.get(name, _CSV_HEADER[name])

    dimensions: dict[str, DimensionSpec] = {}
    dimension_row: dict[str, int] = {}
    questions: list[QuestionSpec] = []
    code_row: dict[str, int] = {}
    count = 0
    broken = False
    for number, cells in rows:
        if not any(cell_text(c) for c in cells):
            continue
        count += 1
        row = _CsvRow(number, cells, header, col, fail)
        dimension_code = row.get("dimension")
        if dimension_code:
            dimension = DimensionSpec(
                dimension_code,
                row.get("dimension_name"),
                row.get("dimension_name_en"),
                row.flag("dimension_sensitive"),
            )
            known = dimensions.get(dimension_code)
            if known is None:
                for name, message, params in dimension_problems(dimension):
                    column = {"code": "dimension", "name": "dimension_name"}.get(
                        name, "dimension_" + name
                    )
                    fail(number, col(column), message, **params)
                dimensions[dimension_code] = dimension
                dimension_row[dimension_code] = number
            else:
                _same_dimension(row, dimension, known, dimension_row[dimension_code])
        else:
            for name in ("dimension_name", "dimension_name_en", "dimension_sensitive"):
                if row.get(name):
                    fail(number, col(name), _("Udfyld kolonnen dimension (dimensionens kode)."))

        kind_text = row.get("kind")
        options_text, options_en_text = row.get("options"), row.get("options_en")
        scale = ""
        options: tuple[Option, ...] = ()
        broken_options = False
        if options_text.strip().lower() in SCALES and not options_en_text:
            scale = options_text.strip().lower()
        elif options_text or options_en_text:
            options, option_problems = read_options(
                options_text.split("|"), options_en_text.split("|")
            )
            for name, message, params in option_problems:
                fail(number, col(name), message, **params)
            broken_options = bool(option_problems)
        draft = QuestionDraft(
            code=row.get("code"),
            text=row.get("text"),
            kind=question_kind(kind_text) or kind_text,
            text_en=row.get("text_en"),
            help_text=row.get("help_text"),
            help_text_en=row.get("help_text_en"),
            scale=scale,
            options=options,
            reverse=row.flag("reverse"),
            minimum=row.whole("minimum"),
            maximum=row.whole("maximum"),
            required=row.flag("required"),
            sensitive=row.flag("sensitive"),
            dimension=dimension_code,
        )
        spec, question_problems = check_question(draft)
        if broken_options:
            # The options could not be read: their count and values are no news.
            question_problems = [p for p in question_problems if p[0] not in _OPTION_FIELDS]
        for name, message, params in question_problems:
            fail(number, col("options" if name == "scale" else name), message, **params)
        seen = code_row.get(draft.code) if draft.code else None
        if seen is not None:
            fail(
                number,
                col("code"),
                _("Koden »%(code)s« er også brugt i række %(first)d."),
                code=draft.code,
                first=seen,
            )
        elif draft.code:
            code_row[draft.code] = number
        if spec is None or broken_options or seen is not None:
            broken = True
        else:
            questions.append(spec)
    _count_problems(problems, file, count)
    if problems or broken:
        return Parsed(None, problems, "csv")
    ordered_dimensions = tuple(dimensions.values())
    return Parsed(
        BankSpec(
            dimensions=ordered_dimensions,
            questions=_in_respondent_order(ordered_dimensions, questions),
            **head,
        ),
        [],
        "csv",
    )


#: How the problems with ``Meta`` name their field (the upload form's labels, the options).
_META_LABELS = {
    "code": "kode",
    "name": "navn",
    "name_en": "navn_en",
    "kind": "type",
    "description": "beskrivelse",
}


def looks_like_json(data: bytes) -> bool:
    """By content: the first character that is not white space (or a BOM) is ``{``."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def parse_file(file: str, data: bytes, meta: Meta | None = None) -> Parsed:
    """A JSON or a CSV/Excel file, told apart by content. A JSON file holds its own code, name
    and kind, so ``meta`` must be empty for it; a CSV file needs them in ``meta``."""
    meta = meta or Meta()
    if len(data) > MAX_FILE_BYTES:
        return Parsed(
            None,
            [
                Problem(
                    file,
                    None,
                    None,
                    _("Filen er for stor: højst %(max)d MB."),
                    {"max": MAX_FILE_BYTES // 1024**2},
                )
            ],
        )
    if looks_like_json(data):
        parsed = parse_json(file, data)
        if meta.given():
            parsed.problems.insert(
                0,
                Problem(
                    file,
                    None,
                    None,
                    _(
                        "En JSON-fil har selv kode, navn og type: udfyld ikke felterne til "
                        "CSV-filer."
                    ),
                ),
            )
            parsed.bank = None
        return parsed
    try:
        return parse_csv(file, data, meta)
    except ValueError as exc:  # core.sheets: an Excel file too large when unpacked
        return Parsed(None, [Problem(file, None, None, str(exc))], "csv")
    except Exception:  # openpyxl and zipfile raise many kinds for a file that is no workbook
        return Parsed(
            None,
            [Problem(file, None, None, _("Filen kan ikke læses som JSON, CSV eller Excel."))],
            "csv",
        )


# --- Writing (export, and Charlie's own banks as the editor left them) --------------------------


def to_json(bank: BankSpec) -> str:
    """The bank in the JSON format the import reads (a named scale by its name)."""

    def question(q: QuestionSpec, in_dimension: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"code": q.code, "kind": q.kind, "text": q.text}
        for key in ("text_en", "help_text", "help_text_en"):
            if getattr(q, key):
                out[key] = getattr(q, key)
        if q.options:
            scale = scale_of(q.options)
            if scale:
                out["scale"] = scale
            else:
                out["options"] = [o.as_json() for o in q.options]
        if q.reverse:
            out["reverse"] = True
        if q.minimum is not None:
            out["min"] = q.minimum
        if q.maximum is not None:
            out["max"] = q.maximum
        if q.required:
            out["required"] = True
        if q.sensitive and not in_dimension:
            out["sensitive"] = True
        return out

    sensitive = {d.code for d in bank.dimensions if d.sensitive}
    document: dict[str, Any] = {"format": FORMAT, "code": bank.code, "name": bank.name}
    if bank.name_en:
        document["name_en"] = bank.name_en
    document["kind"] = bank.kind
    for key in ("description", "origin", "note"):
        if getattr(bank, key):
            document[key] = getattr(bank, key)
    document["dimensions"] = [
        {
            "code": d.code,
            "name": d.name,
            **({"name_en": d.name_en} if d.name_en else {}),
            **({"sensitive": True} if d.sensitive else {}),
            "questions": [
                question(q, d.code in sensitive) for q in bank.questions if q.dimension == d.code
            ],
        }
        for d in bank.dimensions
    ]
    document["questions"] = [question(q, False) for q in bank.questions if not q.dimension]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv(bank: BankSpec) -> str:
    """The bank in the CSV format the import reads (the code, name and kind are given beside a
    CSV file), with a byte order mark for Excel."""
    dimensions = {d.code: d for d in bank.dimensions}
    seen: set[str] = set()
    rows: list[list[str | int | None]] = [[header for _n, header in CSV_COLUMNS]]
    for q in bank.questions:
        d = dimensions.get(q.dimension)
        first = d is not None and d.code not in seen
        if d is not None:
            seen.add(d.code)
        scale = scale_of(q.options)
        numbered = [o.value for o in q.options] == list(range(1, len(q.options) + 1))
        options = scale or "|".join(
            o.label if numbered else f"{o.value}={o.label}" for o in q.options
        )
        rows.append(
            [
                q.dimension,
                d.name if first and d else "",
                d.name_en if first and d else "",
                "ja" if first and d and d.sensitive else "",
                q.code,
                q.text,
                q.text_en,
                q.help_text,
                q.help_text_en,
                q.kind,
                options,
                "" if scale else "|".join(o.label_en for o in q.options),
                "ja" if q.reverse else "",
                q.minimum,
                q.maximum,
                "ja" if q.required else "",
                "ja" if q.sensitive and not (d and d.sensitive) else "",
            ]
        )
    return csv_text(rows, bom=True)


# --- Charlie's own banks ------------------------------------------------------------------------


def charlie_banks() -> list[BankSpec]:
    """Charlie's own banks as shipped (``banks/*.json``, by file name). A file with a problem
    is a bug in Charlie: ``ValueError`` with its problems."""
    banks = []
    for path in sorted(BANKS_DIR.glob("*.json")):
        parsed = parse_json(path.name, path.read_bytes())
        if parsed.bank is None:
            raise ValueError(f"{path.name}: " + "; ".join(map(_plain, parsed.problems)))
        banks.append(parsed.bank)
    return banks


def _plain(problem: Problem) -> str:
    """A problem as one line of Danish (for a developer, not translated)."""
    message = problem.message % problem.params if problem.params else problem.message
    return f"{problem.row or '-'} {problem.column or '-'}: {message}"
