"""Question banks (issue 16, point 1; docs/wellbeing-questionnaires.md): HR edits and versions
them, Charlie ships its own, a municipality imports its own, and the surveys part freezes the
version a survey asks.

The versioning rules, kept here and nowhere else:

- A version can be changed (questions and dimensions added, changed, removed or moved, its note
  written) while it is **not frozen**. Every change takes the version's row lock first, so a
  survey that freezes it at launch and an edit never interleave.
- ``freeze_version`` (the surveys part, at launch) freezes it for good: a survey's questions must
  stay as they were asked, so its answers can be read and compared later. A frozen version is
  never changed — not by a service, not by a page.
- ``new_version`` copies the latest version, once that is frozen, into the next number for
  editing; codes stay, so results can be compared with earlier rounds question by question.
- An unfrozen version that no survey or pulse series uses may be deleted; the questionnaire
  goes with its last version, except Charlie's own.

Charlie's own banks (``bank.charlie_banks``) are seeded by migration 0003 and, should they be
missing (a flushed test database), by ``charlie_bank``; a bank that is there is never
overwritten. Questionnaires are not personal data: nothing here writes the audit log, and the
tables hold no field for who changed what.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.file_imports import ShownProblem, shown
from charlie.core.sheets import Problem
from charlie.core.text import danish_slug
from charlie.privacy.access import Access
from charlie.wellbeing import bank
from charlie.wellbeing.models import (
    Dimension,
    PulseSeries,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireKind,
    QuestionnaireVersion,
    Survey,
)
from charlie.wellbeing.permissions import MANAGE_SURVEYS

__all__ = [
    "FREE_TEXT_WARNING",
    "MAX_FILE_BYTES",
    "ExportFile",
    "Frozen",
    "ImportResult",
    "Problems",
    "QuestionInput",
    "QuestionnaireLine",
    "Section",
    "VersionView",
    "charlie_bank",
    "create_questionnaire",
    "delete_version",
    "dimension_choices",
    "dimension_of",
    "export_version",
    "freeze_version",
    "import_questionnaire",
    "move_dimension",
    "move_question",
    "new_version",
    "question_of",
    "questionnaire_of",
    "questionnaires",
    "remove_dimension",
    "remove_question",
    "save_dimension",
    "save_question",
    "save_version_note",
    "sections",
    "seed_charlie_banks",
    "update_questionnaire",
    "version_for_edit",
    "version_problems",
    "version_view",
]

#: Shown beside every free-text question, to respondents and in the preview.
FREE_TEXT_WARNING = gettext_lazy(
    "Skriv ikke navne, og skriv ikke noget om dit eget eller andres helbred. HR læser "
    "kommentarerne og fjerner det, der kan pege på nogen, før lederen ser dem."
)

MAX_FILE_BYTES = bank.MAX_FILE_BYTES

#: A question or dimension put last in its group before the group is numbered again.
_LAST = 32_000


class Frozen(ValidationFailed):
    """The version is frozen: nothing in it may change (``frozen_message``)."""


class Problems(ValidationFailed):
    """Several problems at once, each beside its field (``by_field``: field, message)."""

    def __init__(self, by_field: list[tuple[str | None, str]]) -> None:
        super().__init__([message for _f, message in by_field], field=by_field[0][0])
        self.by_field = by_field


def _translated(problems: Iterable[bank.FieldProblem]) -> list[tuple[str | None, str]]:
    return [
        (name, _(message) % params if params else _(message)) for name, message, params in problems
    ]


def _raise(problems: list[bank.FieldProblem]) -> None:
    if problems:
        raise Problems(_translated(problems))


# --- Reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionLine:
    pk: int
    number: int
    note: str
    frozen_at: dt.datetime | None
    questions: int


@dataclass(frozen=True)
class QuestionnaireLine:
    questionnaire: Questionnaire
    versions: list[VersionLine]

    @property
    def charlie_own(self) -> bool:
        return self.questionnaire.origin == bank.ORIGIN_CHARLIE


def questionnaires(access: Access) -> list[QuestionnaireLine]:
    """Every questionnaire with its versions, newest first, and their number of questions."""
    access.require(MANAGE_SURVEYS)
    versions: dict[int, list[VersionLine]] = {}
    rows = QuestionnaireVersion.objects.annotate(n=Count("questions")).order_by("-number")
    for v in rows:
        versions.setdefault(v.questionnaire_id, []).append(
            VersionLine(v.pk, v.number, v.note, v.frozen_at, v.n)
        )
    return [
        QuestionnaireLine(q, versions.get(q.pk, []))
        for q in Questionnaire.objects.order_by("name", "pk")
    ]


def questionnaire_of(access: Access, questionnaire_id: int) -> QuestionnaireLine:
    access.require(MANAGE_SURVEYS)
    questionnaire = Questionnaire.objects.filter(pk=questionnaire_id).first()
    if questionnaire is None:
        raise NotFound
    rows = questionnaire.versions.annotate(n=Count("questions")).order_by("-number")
    return QuestionnaireLine(
        questionnaire, [VersionLine(v.pk, v.number, v.note, v.frozen_at, v.n) for v in rows]
    )


@dataclass(frozen=True)
class Section:
    """A dimension and its questions in the order respondents see them (``dimension`` None:
    the questions without one, which come last)."""

    dimension: Dimension | None
    questions: list[Question]


def sections(version: QuestionnaireVersion) -> list[Section]:
    """The version's questions dimension by dimension, as respondents see them (and as
    ``Question.order`` numbers them)."""
    dimensions = list(version.dimensions.order_by("order", "pk"))
    grouped: dict[int | None, list[Question]] = {d.pk: [] for d in dimensions}
    grouped[None] = []
    for q in version.questions.order_by("order", "pk"):
        grouped.setdefault(q.dimension_id, []).append(q)
    out = [Section(d, grouped[d.pk]) for d in dimensions]
    if grouped[None]:
        out.append(Section(None, grouped[None]))
    return out


@dataclass(frozen=True)
class VersionView:
    version: QuestionnaireVersion
    questionnaire: Questionnaire
    sections: list[Section]
    latest: bool
    #: The surveys and pulse series that ask this version (why it is frozen).
    used_by: list[str]
    #: For Charlie's own banks: whether this version's questions are still as shipped.
    as_shipped: bool | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def frozen(self) -> bool:
        return self.version.frozen_at is not None

    @property
    def charlie_own(self) -> bool:
        return self.questionnaire.origin == bank.ORIGIN_CHARLIE

    @property
    def question_count(self) -> int:
        return sum(len(s.questions) for s in self.sections)

    @property
    def rows(self) -> list[SectionRows]:
        """The sections for the version's page: each question with its scale's name (a named
        scale) or its own options."""
        dimensions = [s for s in self.sections if s.dimension is not None]
        out = []
        for section in self.sections:
            rows = []
            for q in section.questions:
                options = _options_of(q)
                scale = bank.scale_of(options)
                rows.append(QuestionRow(q, scale, [] if scale else list(options)))
            out.append(
                SectionRows(
                    section.dimension,
                    rows,
                    last_dimension=bool(dimensions) and section is dimensions[-1],
                )
            )
        return out


@dataclass(frozen=True)
class QuestionRow:
    question: Question
    scale: str
    options: list[bank.Option]

    @property
    def scale_range(self) -> str:
        """A named scale's lowest and highest label: "Aldrig … Altid"."""
        labels = bank.SCALES.get(self.scale, ())
        return f"{labels[0].label} … {labels[-1].label}" if labels else ""


@dataclass(frozen=True)
class SectionRows:
    dimension: Dimension | None
    rows: list[QuestionRow]
    last_dimension: bool = False


def _version(access: Access, version_id: int) -> QuestionnaireVersion:
    access.require(MANAGE_SURVEYS)
    version = (
        QuestionnaireVersion.objects.select_related("questionnaire").filter(pk=version_id).first()
    )
    if version is None:
        raise NotFound
    return version


def _used_by(version: QuestionnaireVersion) -> list[str]:
    surveys = Survey.objects.filter(version=version).order_by("-opens_on", "pk")
    series = PulseSeries.objects.filter(version=version).order_by("name", "pk")
    return [s.name for s in surveys] + [
        _("Pulsmåling: %(name)s") % {"name": s.name} for s in series
    ]


def version_view(access: Access, version_id: int) -> VersionView:
    """A version with its dimensions and questions, and why it is frozen."""
    version = _version(access, version_id)
    latest = not version.questionnaire.versions.filter(number__gt=version.number).exists()
    shipped = None
    if version.questionnaire.origin == bank.ORIGIN_CHARLIE:
        original = _shipped().get(version.questionnaire.code)
        mine = spec_of(version)
        shipped = original is not None and (original.dimensions, original.questions) == (
            mine.dimensions,
            mine.questions,
        )
    return VersionView(
        version,
        version.questionnaire,
        sections(version),
        latest,
        _used_by(version),
        shipped,
        version_problems(version),
    )


def version_problems(version: QuestionnaireVersion) -> list[str]:
    """What keeps the version from being asked (none: it may be launched): no questions, or a
    question the rules refuse (a number without bounds, a scale without five options …). The
    surveys part shows these before launch; the editor shows them on the version's page."""
    problems: list[str] = []
    found = 0
    for q in version.questions.order_by("order", "pk"):
        found += 1
        _spec, wrong = bank.check_question(_draft_of(q))
        problems += [
            _("Spørgsmål %(code)s: %(problem)s") % {"code": q.code, "problem": message}
            for _f, message in _translated(wrong)
        ]
    if not found:
        problems.insert(0, _("Versionen har ingen spørgsmål."))
    return problems


def _fields_of(q: Question) -> dict[str, Any]:
    """A stored question's fields as ``bank.QuestionDraft`` and ``bank.QuestionSpec`` name
    them (not its dimension)."""
    return {
        "code": q.code,
        "text": q.text,
        "kind": q.kind,
        "text_en": q.text_en,
        "help_text": q.help_text,
        "help_text_en": q.help_text_en,
        "options": _options_of(q),
        "reverse": q.reverse,
        "minimum": q.minimum,
        "maximum": q.maximum,
        "required": q.required,
        "sensitive": q.sensitive,
    }


def _draft_of(q: Question) -> bank.QuestionDraft:
    return bank.QuestionDraft(**_fields_of(q))


def _options_of(q: Question) -> tuple[bank.Option, ...]:
    out = []
    for o in q.options or []:
        try:
            out.append(
                bank.Option(int(o["value"]), str(o.get("label", "")), str(o.get("label_en", "")))
            )
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(out)


def spec_of(version: QuestionnaireVersion) -> bank.BankSpec:
    """The version as the file formats hold it (for export and for comparing with a bank)."""
    q = version.questionnaire
    dimensions = list(version.dimensions.order_by("order", "pk"))
    codes = {d.pk: d.code for d in dimensions}
    questions = []
    for s in sections(version):
        for item in s.questions:
            dimension = codes.get(item.dimension_id, "") if item.dimension_id else ""
            questions.append(bank.QuestionSpec(**_fields_of(item), dimension=dimension))
    return bank.BankSpec(
        code=q.code,
        name=q.name,
        kind=q.kind,
        name_en=q.name_en,
        description=q.description,
        # Where the questions come from, as a file may say it (not Charlie's mark nor the
        # import's, which the import sets itself).
        origin=""
        if q.origin == bank.ORIGIN_CHARLIE or q.origin.startswith(_IMPORT_PREFIX)
        else q.origin,
        note=version.note,
        dimensions=tuple(
            bank.DimensionSpec(d.code, d.name, d.name_en, d.sensitive) for d in dimensions
        ),
        questions=tuple(questions),
    )


# --- Charlie's own banks and freezing -------------------------------------------------------


@functools.cache
def _shipped() -> dict[str, bank.BankSpec]:
    return {spec.code: spec for spec in bank.charlie_banks()}


def _bank_code(code: str) -> str:
    """A bank's code, or the code of Charlie's bank of that kind (``pulse`` → ``puls``)."""
    shipped = _shipped()
    if code in shipped:
        return code
    by_kind = {spec.kind: spec.code for spec in shipped.values()}
    if code in by_kind:
        return by_kind[code]
    raise NotFound(f"Charlie har ingen spørgeramme med koden {code!r}")


def seed_charlie_banks() -> list[str]:
    """Create Charlie's own banks that are missing (as migration 0003 does); one that is there is
    left as the municipality keeps it. The codes created."""
    created = []
    for spec in _shipped().values():
        with transaction.atomic():
            row = spec.questionnaire_row()
            questionnaire, made = Questionnaire.objects.get_or_create(
                code=row.pop("code"), defaults=row
            )
            if made:
                _write_version(questionnaire, 1, spec)
                created.append(spec.code)
    return created


def charlie_bank(code: str) -> QuestionnaireVersion:
    """The latest version of Charlie's own bank ``code`` — ``trivsel``, ``apv``, ``puls`` or
    ``introduktion``, or the kind (``wellbeing``, ``apv``, ``pulse``, ``onboarding``). HR may
    have edited it or made a new version: the latest is the one to ask. ``NotFound`` for a code
    Charlie does not ship."""
    code = _bank_code(code)
    questionnaire = Questionnaire.objects.filter(code=code).first()
    if questionnaire is None:
        seed_charlie_banks()
        questionnaire = Questionnaire.objects.get(code=code)
    version = questionnaire.versions.order_by("-number").first()
    if version is None:
        raise NotFound(code)
    return version


def freeze_version(version: QuestionnaireVersion) -> QuestionnaireVersion:
    """Mark ``version`` as used (the surveys part calls this when a survey is launched): from now
    on nothing in it can change. Freezing a frozen version changes nothing. Permission is the
    caller's: the survey's launch has checked it."""
    with transaction.atomic():
        locked = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
        if locked.frozen_at is None:
            locked.frozen_at = timezone.now()
            locked.save(update_fields=["frozen_at"])
    version.frozen_at = locked.frozen_at
    return version


def _locked_version(access: Access, version_id: int) -> QuestionnaireVersion:
    """The version, its row locked for the caller's transaction, if it may still change."""
    access.require(MANAGE_SURVEYS)
    version = (
        QuestionnaireVersion.objects.select_for_update(of=("self",))
        .select_related("questionnaire")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        raise NotFound
    if version.frozen_at is not None:
        raise Frozen([frozen_message(version)])
    return version


def version_for_edit(access: Access, version_id: int) -> QuestionnaireVersion:
    """The version, for a page that changes it: ``Frozen`` when it is frozen."""
    version = _version(access, version_id)
    if version.frozen_at is not None:
        raise Frozen([frozen_message(version)])
    return version


def frozen_message(version: QuestionnaireVersion) -> str:
    return _(
        "Version %(n)d af »%(name)s« er låst, fordi en måling bruger den: spørgsmålene skal "
        "blive stående, som de blev stillet, så svarene kan læses og sammenlignes. Lav en ny "
        "version for at ændre noget."
    ) % {"n": version.number, "name": version.questionnaire.name}


# --- Questionnaires and versions --------------------------------------------------------------


def _free_code(taken: set[str], base: str, *, numbered: bool = False) -> str:
    """``base`` if it is free, else ``base-2``, ``base-3`` … (``numbered``: from ``base-1``)."""
    base = base[: bank.CODE_LENGTH - 6].strip("-") or "spm"
    if not numbered and base not in taken:
        return base
    n = 1 if numbered else 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


@transaction.atomic
def create_questionnaire(
    access: Access, *, code: str, name: str, name_en: str, kind: str, description: str
) -> Questionnaire:
    """A new questionnaire with an empty version 1 to edit. Without a code, one is made from
    the name."""
    access.require(MANAGE_SURVEYS)
    name, code = name.strip(), code.strip()
    taken = set(Questionnaire.objects.values_list("code", flat=True))
    if not code:
        code = _free_code(taken, danish_slug(name, fallback="spoergeskema", max_length=50))
    problems = bank.questionnaire_problems(
        code, name, name_en.strip(), kind, description.strip(), "", ""
    )
    if code in taken:
        problems.append(("code", gettext_noop("Koden er brugt af et andet spørgeskema."), {}))
    _raise(problems)
    questionnaire = Questionnaire.objects.create(
        code=code,
        name=name,
        name_en=name_en.strip(),
        kind=kind,
        description=description.strip(),
    )
    QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=1)
    return questionnaire


@transaction.atomic
def update_questionnaire(
    access: Access,
    questionnaire_id: int,
    *,
    name: str,
    name_en: str,
    kind: str,
    description: str,
) -> Questionnaire:
    """Rename or describe a questionnaire (its code stays: surveys and files name it). Not part
    of a version: a survey keeps the questions it asked, not the questionnaire's name."""
    questionnaire = questionnaire_of(access, questionnaire_id).questionnaire
    name, name_en, description = name.strip(), name_en.strip(), description.strip()
    _raise(
        bank.questionnaire_problems(questionnaire.code, name, name_en, kind, description, "", "")
    )
    questionnaire.name, questionnaire.name_en = name, name_en
    questionnaire.kind, questionnaire.description = kind, description
    questionnaire.save(update_fields=["name", "name_en", "kind", "description"])
    return questionnaire


@transaction.atomic
def new_version(access: Access, questionnaire_id: int, *, note: str = "") -> QuestionnaireVersion:
    """The next version, a copy of the latest, to edit — only once the latest is frozen (until
    then, edit the latest itself)."""
    access.require(MANAGE_SURVEYS)
    questionnaire = Questionnaire.objects.select_for_update().filter(pk=questionnaire_id).first()
    if questionnaire is None:
        raise NotFound
    note = note.strip()
    _raise(bank.text_problems("note", note, max_length=bank.NOTE_LENGTH))
    latest = questionnaire.versions.order_by("-number").first()
    if latest is not None and latest.frozen_at is None:
        raise ValidationFailed(
            [
                _("Version %(n)d er ikke låst endnu: ret i den i stedet for at lave en ny version.")
                % {"n": latest.number}
            ]
        )
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=(latest.number if latest else 0) + 1, note=note
    )
    if latest is not None:
        _copy(latest, version)
    return version


def _copy(source: QuestionnaireVersion, target: QuestionnaireVersion) -> None:
    new_dimension = {}
    for d in source.dimensions.order_by("order", "pk"):
        new_dimension[d.pk] = Dimension.objects.create(
            version=target,
            code=d.code,
            name=d.name,
            name_en=d.name_en,
            order=d.order,
            sensitive=d.sensitive,
        )
    Question.objects.bulk_create(
        Question(
            version=target,
            dimension=new_dimension.get(q.dimension_id) if q.dimension_id else None,
            code=q.code,
            text=q.text,
            text_en=q.text_en,
            help_text=q.help_text,
            help_text_en=q.help_text_en,
            kind=q.kind,
            options=q.options,
            reverse=q.reverse,
            minimum=q.minimum,
            maximum=q.maximum,
            required=q.required,
            sensitive=q.sensitive,
            order=q.order,
        )
        for q in source.questions.order_by("order", "pk")
    )


def _write_version(
    questionnaire: Questionnaire, number: int, spec: bank.BankSpec
) -> QuestionnaireVersion:
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=number, note=spec.note
    )
    dimensions = {
        row["code"]: Dimension.objects.create(version=version, **row)
        for row in spec.dimension_rows()
    }
    Question.objects.bulk_create(
        Question(version=version, dimension=dimensions.get(code), **fields)
        for code, fields in spec.question_rows()
    )
    return version


@transaction.atomic
def save_version_note(access: Access, version_id: int, note: str) -> QuestionnaireVersion:
    """What changed in this version (shown in the list of versions)."""
    version = _locked_version(access, version_id)
    note = note.strip()
    _raise(bank.text_problems("note", note, max_length=bank.NOTE_LENGTH))
    version.note = note
    version.save(update_fields=["note"])
    return version


@transaction.atomic
def delete_version(access: Access, version_id: int) -> Questionnaire | None:
    """Delete a version nobody has asked (not frozen, no survey or pulse series names it); with
    its last version the questionnaire goes too, except Charlie's own. The questionnaire, or
    ``None`` when it went."""
    version = _locked_version(access, version_id)
    used = _used_by(version)
    if used:
        raise ValidationFailed(
            [
                _("Versionen kan ikke slettes, fordi den er valgt i: %(names)s.")
                % {"names": ", ".join(used)}
            ]
        )
    questionnaire = version.questionnaire
    others = questionnaire.versions.exclude(pk=version.pk).exists()
    if not others and questionnaire.origin == bank.ORIGIN_CHARLIE:
        raise ValidationFailed(
            [_("Charlies egen spørgeramme skal have mindst én version. Ret i den i stedet.")]
        )
    version.delete()
    if not others:
        questionnaire.delete()
        return None
    return questionnaire


# --- Dimensions ---------------------------------------------------------------------------------


def _dimension(version: QuestionnaireVersion, dimension_id: int) -> Dimension:
    found = version.dimensions.filter(pk=dimension_id).first()
    if found is None:
        raise NotFound
    return found


def dimension_choices(access: Access, version_id: int) -> list[tuple[int, str]]:
    """The version's dimensions (id, name) in their order, for choosing a question's."""
    version = _version(access, version_id)
    return [(d.pk, d.name) for d in version.dimensions.order_by("order", "pk")]


def dimension_of(access: Access, version_id: int, dimension_id: int) -> Dimension:
    return _dimension(_version(access, version_id), dimension_id)


@transaction.atomic
def save_dimension(
    access: Access,
    version_id: int,
    *,
    code: str,
    name: str,
    name_en: str,
    sensitive: bool,
    dimension_id: int | None = None,
) -> Dimension:
    """Add or change a dimension (a new one comes last). A sensitive dimension (offensive
    behaviour: reported only for groups of at least the higher threshold) makes its questions
    sensitive; making it ordinary again leaves them sensitive — ``sensitive`` only ever errs on
    the safe side (untick each question that should not be)."""
    version = _locked_version(access, version_id)
    dimension = _dimension(version, dimension_id) if dimension_id else None
    name, name_en, code = name.strip(), name_en.strip(), code.strip()
    others = version.dimensions.exclude(pk=dimension.pk) if dimension else version.dimensions
    taken = set(others.values_list("code", flat=True))
    if not code:
        code = (
            dimension.code
            if dimension
            else _free_code(taken, danish_slug(name, fallback="dimension", max_length=50))
        )
    spec = bank.DimensionSpec(code, name, name_en, sensitive)
    problems = bank.dimension_problems(spec)
    if code in taken:
        problems.append(
            ("code", gettext_noop("Koden er brugt af en anden dimension i versionen."), {})
        )
    _raise(problems)
    if dimension is None:
        dimension = Dimension(version=version, order=_LAST)
    dimension.code, dimension.name, dimension.name_en = code, name, name_en
    dimension.sensitive = sensitive
    dimension.save()
    if sensitive:
        dimension.questions.update(sensitive=True)
    _renumber(version)
    return dimension


@transaction.atomic
def remove_dimension(access: Access, version_id: int, dimension_id: int) -> None:
    """Remove an empty dimension (move or remove its questions first)."""
    version = _locked_version(access, version_id)
    dimension = _dimension(version, dimension_id)
    count = dimension.questions.count()
    if count:
        raise ValidationFailed(
            [
                _(
                    "Dimensionen »%(name)s« har %(n)d spørgsmål. Flyt dem til en anden "
                    "dimension, eller fjern dem først."
                )
                % {"name": dimension.name, "n": count}
            ]
        )
    dimension.delete()
    _renumber(version)


@transaction.atomic
def move_dimension(access: Access, version_id: int, dimension_id: int, *, up: bool) -> None:
    """One place up or down (its questions go with it)."""
    version = _locked_version(access, version_id)
    dimension = _dimension(version, dimension_id)
    _swap(list(version.dimensions.order_by("order", "pk")), dimension, up)
    _renumber(version)


def _swap(items: list, item: Dimension | Question, up: bool) -> None:
    at = [i.pk for i in items].index(item.pk)
    other = at - 1 if up else at + 1
    if not 0 <= other < len(items):
        return
    for n, i in enumerate(items):
        i.order = n
    items[at].order, items[other].order = other, at
    type(item).objects.bulk_update(items, ["order"])


def _renumber(version: QuestionnaireVersion) -> None:
    """Number the dimensions 0, 1, 2 … and the questions in the order respondents see them
    (``sections``), so ``order_by("order")`` gives that order to anyone."""
    dimensions = list(version.dimensions.order_by("order", "pk"))
    for n, d in enumerate(dimensions):
        d.order = n
    Dimension.objects.bulk_update(dimensions, ["order"])
    position = {d.pk: n for n, d in enumerate(dimensions)}
    last = len(position)
    questions = sorted(
        version.questions.all(),
        key=lambda q: (
            last if q.dimension_id is None else position.get(q.dimension_id, last),
            q.order,
            q.pk,
        ),
    )
    for n, q in enumerate(questions):
        q.order = n
    Question.objects.bulk_update(questions, ["order"])


# --- Questions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionInput:
    """A question as the editor's form gives it. ``scale``: one of ``bank.SCALES``, or "" for
    the question's own options, the Danish labels one per line in ``options`` (``"0 = Nej"``
    keeps a value) and the English in ``options_en``. Fields that do not belong to the kind
    (options of a number, bounds of a scale) are left out, not refused: the form shows them
    all."""

    text: str
    kind: str
    code: str = ""
    dimension_id: int | None = None
    text_en: str = ""
    help_text: str = ""
    help_text_en: str = ""
    scale: str = ""
    options: str = ""
    options_en: str = ""
    reverse: bool = False
    minimum: int | None = None
    maximum: int | None = None
    required: bool = False
    sensitive: bool = False


def _question(version: QuestionnaireVersion, question_id: int) -> Question:
    found = version.questions.filter(pk=question_id).first()
    if found is None:
        raise NotFound
    return found


def question_of(access: Access, version_id: int, question_id: int) -> Question:
    return _question(_version(access, version_id), question_id)


@transaction.atomic
def save_question(
    access: Access, version_id: int, given: QuestionInput, *, question_id: int | None = None
) -> Question:
    """Add a question (last in its dimension) or change one, checked by ``bank.check_question``;
    every problem is reported beside its field at once (``Problems``). Without a code, one is
    made from the dimension's. A question in a sensitive dimension is sensitive."""
    version = _locked_version(access, version_id)
    question = _question(version, question_id) if question_id else None
    dimension = _dimension(version, given.dimension_id) if given.dimension_id else None
    kind = given.kind
    with_options = kind in (QuestionKind.LIKERT, QuestionKind.SINGLE, QuestionKind.MULTIPLE)
    options: tuple[bank.Option, ...] = ()
    problems: list[bank.FieldProblem] = []
    scale = given.scale if with_options else ""
    if with_options and not scale:
        options, problems = bank.read_options(
            given.options.splitlines(), given.options_en.splitlines()
        )
    others_q = version.questions.exclude(pk=question.pk) if question else version.questions
    taken = set(others_q.values_list("code", flat=True))
    code = given.code.strip()
    if not code:
        code = (
            question.code
            if question
            else _free_code(taken, dimension.code if dimension else "spm", numbered=True)
        )
    draft = bank.QuestionDraft(
        code=code,
        text=given.text.strip(),
        kind=kind,
        text_en=given.text_en.strip(),
        help_text=given.help_text.strip(),
        help_text_en=given.help_text_en.strip(),
        scale=scale,
        options=options,
        reverse=given.reverse and kind == QuestionKind.LIKERT,
        minimum=given.minimum if kind == QuestionKind.NUMBER else None,
        maximum=given.maximum if kind == QuestionKind.NUMBER else None,
        required=given.required,
        sensitive=given.sensitive or bool(dimension and dimension.sensitive),
    )
    spec, found = bank.check_question(draft)
    if problems:  # the options could not be read: their count is no news
        found = [p for p in found if p[0] not in ("options", "options_en")]
    problems += found
    if code in taken:
        problems.append(
            ("code", gettext_noop("Koden er brugt af et andet spørgsmål i versionen."), {})
        )
    if problems or spec is None:
        raise Problems(_translated(problems))
    moved = question is None or question.dimension_id != (dimension.pk if dimension else None)
    question = question or Question(version=version)
    question.dimension = dimension
    question.code, question.text, question.text_en = spec.code, spec.text, spec.text_en
    question.help_text, question.help_text_en = spec.help_text, spec.help_text_en
    question.kind, question.options = spec.kind, [o.as_json() for o in spec.options]
    question.reverse, question.minimum, question.maximum = spec.reverse, spec.minimum, spec.maximum
    question.required, question.sensitive = spec.required, spec.sensitive
    if moved:
        question.order = _LAST
    question.save()
    _renumber(version)
    return question


@transaction.atomic
def remove_question(access: Access, version_id: int, question_id: int) -> None:
    version = _locked_version(access, version_id)
    _question(version, question_id).delete()
    _renumber(version)


@transaction.atomic
def move_question(access: Access, version_id: int, question_id: int, *, up: bool) -> None:
    """One place up or down within its dimension."""
    version = _locked_version(access, version_id)
    question = _question(version, question_id)
    same = (
        version.questions.filter(dimension__isnull=True)
        if question.dimension_id is None
        else version.questions.filter(dimension_id=question.dimension_id)
    )
    group = list(same.order_by("order", "pk"))
    _swap(group, question, up)
    _renumber(version)


# --- Import and export --------------------------------------------------------------------------

#: ``origin`` of an imported questionnaire: this and the file's name.
_IMPORT_PREFIX = "fil: "


@dataclass
class ImportResult:
    problems: list[ShownProblem] = field(default_factory=list)
    problem_count: int = 0
    dry_run: bool = False
    questionnaire: Questionnaire | None = None
    version: QuestionnaireVersion | None = None
    dimensions: int = 0
    questions: int = 0
    new_questionnaire: bool = False

    @property
    def ok(self) -> bool:
        return not self.problem_count


def import_questionnaire(
    access: Access,
    file_name: str,
    data: bytes,
    *,
    meta: bank.Meta | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """A municipality's own questionnaire from a JSON or CSV file, all or nothing
    (docs/wellbeing-questionnaires.md): every problem is reported with its row and column, and
    nothing is stored unless there is none. A new code makes a questionnaire with version 1; a
    known code gets the next version, when its latest is frozen (else: edit that one). Charlie's
    own codes are not for import."""
    access.require(MANAGE_SURVEYS)
    parsed = bank.parse_file(file_name, data, meta)
    result = ImportResult(dry_run=dry_run)
    problems = list(parsed.problems)
    spec = parsed.bank
    existing = None
    if spec is not None:
        existing = Questionnaire.objects.filter(code=spec.code).first()
        column = "code" if parsed.file_format == "json" else "kode"
        if spec.code in _shipped():
            problems.append(
                Problem(
                    file_name,
                    None,
                    column,
                    gettext_noop(
                        "Koden »%(code)s« hører til Charlies egen spørgeramme. Giv kommunens "
                        "spørgeskema sin egen kode."
                    ),
                    {"code": spec.code},
                )
            )
        if spec.origin == bank.ORIGIN_CHARLIE:
            problems.append(
                Problem(
                    file_name,
                    None,
                    "origin",
                    gettext_noop(
                        "Oprindelsen »charlie« hører til Charlies egne spørgerammer. Skriv, "
                        "hvor spørgsmålene kommer fra, eller udelad feltet."
                    ),
                )
            )
        if existing is not None and not problems:
            latest = existing.versions.order_by("-number").first()
            if latest is not None and latest.frozen_at is None:
                problems.append(
                    Problem(
                        file_name,
                        None,
                        column,
                        gettext_noop(
                            "Spørgeskemaet »%(code)s« har en version %(n)d, som ikke er låst "
                            "endnu. Ret i den, eller slet den, før du indlæser en ny."
                        ),
                        {"code": spec.code, "n": latest.number},
                    )
                )
    result.problems = shown(problems)
    result.problem_count = len(problems)
    if problems or spec is None:
        return result
    result.dimensions, result.questions = len(spec.dimensions), len(spec.questions)
    result.new_questionnaire = existing is None
    if dry_run:
        return result
    with transaction.atomic():
        origin = spec.origin or f"{_IMPORT_PREFIX}{file_name}"[: bank.NAME_LENGTH]
        questionnaire, made = Questionnaire.objects.select_for_update().get_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "name_en": spec.name_en,
                "kind": spec.kind,
                "description": spec.description,
                "origin": origin,
            },
        )
        if not made:
            questionnaire.name, questionnaire.name_en = spec.name, spec.name_en
            questionnaire.kind, questionnaire.description = spec.kind, spec.description
            questionnaire.origin = origin
            questionnaire.save()
        latest = questionnaire.versions.order_by("-number").first()
        if latest is not None and latest.frozen_at is None:  # made meanwhile
            raise ValidationFailed([_("Spørgeskemaet har fået en ny version imens. Prøv igen.")])
        result.version = _write_version(questionnaire, (latest.number if latest else 0) + 1, spec)
        result.questionnaire = questionnaire
    return result


@dataclass(frozen=True)
class ExportFile:
    name: str
    content_type: str
    content: str


def export_version(access: Access, version_id: int, file_format: str) -> ExportFile:
    """The version in the JSON or CSV format the import reads (a CSV file lacks the code, name
    and kind: give them beside it when importing)."""
    version = _version(access, version_id)
    spec = spec_of(version)
    base = f"{spec.code}-v{version.number}"
    if file_format == "json":
        return ExportFile(f"{base}.json", "application/json; charset=utf-8", bank.to_json(spec))
    if file_format == "csv":
        return ExportFile(f"{base}.csv", "text/csv; charset=utf-8", bank.to_csv(spec))
    raise NotFound


def kind_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in QuestionnaireKind.choices]
