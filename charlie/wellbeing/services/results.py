"""The results of surveys (issue 16, points 3, 6 and 9; docs/wellbeing-results.md): every figure
through ``wellbeing.results`` (the pure engine, which applies disclosure control), for HR and
analysts over every unit and for a manager over their own units (``READ_RESULTS``).

- **Only a closed survey has results.** While answers still come in, two looks at the same
  group a few minutes apart would give away the answers that arrived between them; so the
  figures, the comments and the comparison appear once the survey is closed. Response rates are
  shown while it is open (counts of people who answered, never what they answered).
- A survey's figures are computed once for the whole tree and kept (``core.cache``) until the
  survey, its responses or the organisation change; the previous round (``survey.previous``)
  is computed the same way and matched by question and dimension code.
- Nothing here is personal data: an answer holds no person (docs/wellbeing-anonymity.md). The
  comments, which are free text and may name someone until HR has reviewed them, are
  ``services.comments``.

Other parts call ``unit_summary`` (a unit's dimension scores, for the APV and the front page)
and ``trend`` (a pulse series' figures per round).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from typing import Any

import numpy as np
from django.db import connection
from django.db.models import Count, Q
from django.utils import translation

from charlie.core.cache import cached
from charlie.core.disclosure import TreeNode, protect_tree
from charlie.core.errors import NotFound, ValidationFailed
from charlie.people.models import OrgUnit
from charlie.people.services import unit_labels
from charlie.privacy.access import Access
from charlie.wellbeing import results as engine
from charlie.wellbeing.models import (
    Answer,
    Dimension,
    Invitation,
    PulseSeries,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyStatus,
    UnitTally,
)
from charlie.wellbeing.permissions import MANAGE_APV, READ_RESULTS

__all__ = [
    "ACTION_NEW_PATH",
    "AREA",
    "BY_CHOICES",
    "DimensionScore",
    "Trend",
    "UnitPage",
    "response_rates",
    "result_rows",
    "survey_list",
    "trend",
    "unit_page",
    "unit_summary",
]

#: The cache area of computed results (the key also holds the survey's state, see ``_key``).
AREA = "wellbeing_results"
#: The APV part's page for a new action, prefilled by ``?enhed=&maaling=&kilde=`` (linked by
#: path, as the part is built beside this one).
ACTION_NEW_PATH = "/trivsel/handlinger/ny/"
#: What ``result_rows`` (the CLI and the API) can group by.
BY_CHOICES = ("unit", "dimension", "question")
#: The smallest threshold a survey may have (HR may raise it, never below 3; docs).
MIN_THRESHOLD = 3
#: A kept result lives this long at most, even when nothing changes (a closed survey).
CACHE_SECONDS = 24 * 60 * 60


# --- The survey's units, questions and figures --------------------------------------------------


@dataclass(frozen=True)
class UnitRef:
    """A unit of the survey's tree: ``index`` in the engine's tree, ``parent`` its parent's
    index (−1: a top unit)."""

    index: int
    id: int
    name: str
    code: str
    path: str
    parent: int
    depth: int


@dataclass(frozen=True)
class Option:
    value: float
    label: str
    label_en: str


@dataclass(frozen=True)
class QuestionInfo:
    index: int
    id: int
    code: str
    text: str
    text_en: str
    kind: str
    reverse: bool
    sensitive: bool
    dimension: int  # index into the dimensions, −1 none
    options: tuple[Option, ...]

    @property
    def label(self) -> str:
        return _in_language(self.text, self.text_en)


@dataclass(frozen=True)
class DimensionInfo:
    index: int
    code: str
    name: str
    name_en: str
    sensitive: bool

    @property
    def label(self) -> str:
        return _in_language(self.name, self.name_en)


@dataclass(frozen=True)
class BandInfo:
    key: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Computed:
    """A closed survey's figures for every group, and what they refer to (kept in the cache)."""

    survey_id: int
    units: tuple[UnitRef, ...]
    questions: tuple[QuestionInfo, ...]
    dimensions: tuple[DimensionInfo, ...]
    bands: tuple[BandInfo, ...]
    results: engine.SurveyResults

    def unit_index(self, unit_id: int) -> int:
        for unit in self.units:
            if unit.id == unit_id:
                return unit.index
        return -1

    def question_by_code(self, code: str) -> QuestionInfo | None:
        return next((q for q in self.questions if q.code == code), None)

    def dimension_by_code(self, code: str) -> DimensionInfo | None:
        return next((d for d in self.dimensions if d.code == code), None)


def _in_language(danish: str, english: str) -> str:
    """A text written in both languages, in the reader's (decision 0022)."""
    language = translation.get_language() or "da"
    return english if language.startswith("en") and english else danish


def thresholds(survey: Survey) -> tuple[int, int]:
    """The survey's smallest group and smallest group for offensive behaviour: as set, never
    below 3, and the second never below the first."""
    min_group = max(int(survey.min_group), MIN_THRESHOLD)
    return min_group, max(int(survey.min_sensitive), min_group)


def _unit_tree(survey: Survey, unit_ids: Iterable[int]) -> list[UnitRef]:
    """The survey's units: its own units, every unit answers, invitations or tallies were
    counted in, and the units between them (parents before children)."""
    wanted = {int(u) for u in unit_ids} | set(survey.units.values_list("pk", flat=True))
    rows = dict(
        (pk, (name, code, path))
        for pk, name, code, path in OrgUnit.objects.filter(pk__in=wanted).values_list(
            "pk", "name", "code", "path"
        )
    )
    tops = {rows[pk][2] for pk in survey.units.values_list("pk", flat=True) if pk in rows}
    # Add the units between each counted unit and the survey's unit above it.
    between: set[int] = set()
    for _name, _code, path in rows.values():
        if path in tops or not any(path.startswith(top) for top in tops):
            continue  # a survey's own unit, or one outside them all (then a top unit)
        parts = [p for p in path.strip("/").split("/") if p]
        for depth in range(len(parts) - 1, 0, -1):
            prefix = "/" + "/".join(parts[:depth]) + "/"
            between.add(int(parts[depth - 1]))
            if prefix in tops:
                break
    missing = between - set(rows)
    if missing:
        for pk, name, code, path in OrgUnit.objects.filter(pk__in=missing).values_list(
            "pk", "name", "code", "path"
        ):
            rows[pk] = (name, code, path)
    by_path = {path: pk for pk, (_n, _c, path) in rows.items()}
    ordered = sorted(rows, key=lambda pk: (rows[pk][2].count("/"), rows[pk][2]))
    index: dict[int, int] = {}
    refs: list[UnitRef] = []
    for pk in ordered:
        name, code, path = rows[pk]
        parts = [p for p in path.strip("/").split("/") if p]
        parent_index = -1
        for depth in range(len(parts) - 1, 0, -1):
            up = by_path.get("/" + "/".join(parts[:depth]) + "/")
            if up is not None and up in index:
                parent_index = index[up]
                break
        depth = 1 if parent_index < 0 else refs[parent_index].depth + 1
        index[pk] = len(refs)
        refs.append(UnitRef(len(refs), pk, name, code, path, parent_index, depth))
    return refs


def _questions(survey: Survey) -> tuple[list[QuestionInfo], list[DimensionInfo]]:
    dims = list(
        Dimension.objects.filter(version_id=survey.version_id)
        .order_by("order", "pk")
        .values_list("pk", "code", "name", "name_en", "sensitive")
    )
    dim_index = {pk: i for i, (pk, *_rest) in enumerate(dims)}
    infos = [
        DimensionInfo(i, code, name, en, sens) for i, (_pk, code, name, en, sens) in enumerate(dims)
    ]
    questions: list[QuestionInfo] = []
    for q in (
        Question.objects.filter(version_id=survey.version_id)
        .exclude(kind=QuestionKind.TEXT)
        .order_by("order", "pk")
    ):
        options = tuple(
            Option(float(o.get("value", 0)), str(o.get("label", "")), str(o.get("label_en", "")))
            for o in (q.options or [])
            if isinstance(o, dict)
        )
        questions.append(
            QuestionInfo(
                len(questions),
                q.pk,
                q.code,
                q.text,
                q.text_en,
                q.kind,
                q.reverse,
                q.sensitive,
                dim_index.get(q.dimension_id, -1) if q.dimension_id else -1,
                options,
            )
        )
    return questions, infos


def _band_order(key: str, seen: set[str]) -> tuple[str, ...]:
    """A band's values in the order the surveys part lists them (``bands.BANDS``), the rest
    sorted."""
    known: list[str] = []
    band = _band(key)
    if band is not None:
        known = [v for v, _label in getattr(band, "values", ())]
    return tuple([v for v in known if v in seen] + sorted(seen - set(known)))


def _band(key: str) -> Any:
    """The surveys part's description of a band (``wellbeing.bands.BANDS``), if it is there."""
    import importlib

    try:
        module = importlib.import_module("charlie.wellbeing.bands")
    except ImportError:
        return None
    return getattr(module, "BANDS", {}).get(key)


def band_label(key: str) -> str:
    band = _band(key)
    return str(translation.gettext(band.label)) if band is not None else key


def band_value_label(key: str, value: str) -> str:
    band = _band(key)
    if band is None:
        return value
    names: dict[str, str] = {}
    if key == "job_family":
        from charlie.people.models import JobFamily

        names = dict(JobFamily.objects.filter(code=value).values_list("code", "name"))
    return str(translation.gettext(band.value_label(value, names)))


def _answers(survey_id: int, *, small_options: bool = False) -> tuple[list[Any], np.ndarray]:
    """The survey's responses (unit, band values) in a fixed order, and every answer as a row
    (the response's number in that order, the question id, the value) of a float array: only
    the columns needed, joined by the database, and moved without a Python object per answer
    where the database allows (2.1 million answers is the benchmark's survey).

    ``small_options``: every question with figures offers options 0–63 only (no number
    question), so an answer with any other value counts for nothing and need not be read."""
    responses = list(
        Response.objects.filter(survey_id=survey_id)
        .order_by("pk")
        .values_list("unit_id", "band_values")
    )
    survey_id = int(survey_id)  # written into the SQL below: a number, nothing else
    answer, response = Answer._meta.db_table, Response._meta.db_table
    numbered = f"SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS n FROM {response}"  # noqa: S608
    answers = f"FROM {answer} a JOIN ({numbered} WHERE survey_id = {survey_id}) rr"
    answers += " ON rr.id = a.response_id"
    if connection.vendor == "postgresql":
        return responses, _packed_rows(answers)
    return responses, _fetched_rows(answers, small_options)


#: One answer as PostgreSQL's binary send functions write it: int8, int8, float8, big-endian.
_PACKED_ROW = np.dtype([("n", ">i8"), ("q", ">i8"), ("v", ">f8")])


def _packed_rows(answers: str) -> np.ndarray:
    """PostgreSQL: every answer packed into one ``bytea`` by the database (24 bytes each) and
    read by NumPy as it is — no Python object per answer (``COPY`` hands a client one row at
    a time, three times slower here)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT string_agg(int8send(rr.n) || int8send(a.question_id::int8) "
            f"|| float8send(a.value::float8), ''::bytea) {answers}"
        )
        blob = cursor.fetchone()[0]
    if not blob:
        return np.zeros((0, 3))
    rows = np.frombuffer(bytes(blob), dtype=_PACKED_ROW)
    return np.column_stack([rows["n"], rows["q"], rows["v"]]).astype(np.float64)


def _fetched_rows(answers: str, small_options: bool) -> np.ndarray:
    """Other databases (SQLite): with ``small_options`` each answer comes as one number,
    ``(n × 2²⁰ + question) × 64 + value``, which halves what Python must take apart; else
    as three."""
    top = Question.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with connection.cursor() as cursor:
        if small_options and top < 2**20:
            cursor.execute(
                "SELECT (rr.n * 1048576 + a.question_id) * 64 + CAST(a.value AS INTEGER) "
                f"{answers} AND a.value >= 0 AND a.value < 64 "
                "AND a.value = CAST(a.value AS INTEGER)"
            )
            codes = np.fromiter((r[0] for r in cursor.fetchall()), dtype=np.int64)
            return np.column_stack([codes >> 26, (codes >> 6) & (2**20 - 1), codes & 63]).astype(
                np.float64
            )
        cursor.execute(f"SELECT rr.n, a.question_id, a.value {answers}")
        found = cursor.fetchall()
    return np.fromiter(chain.from_iterable(found), dtype=np.float64, count=3 * len(found)).reshape(
        -1, 3
    )


def _compute(survey: Survey) -> Computed:
    questions, dimensions = _questions(survey)
    small = all(
        q.kind != QuestionKind.NUMBER
        and all(o.value == int(o.value) and 0 <= o.value < 64 for o in q.options)
        for q in questions
    )
    responses, rows = _answers(survey.pk, small_options=small)
    counted_units = {unit for unit, _bands in responses}
    counted_units |= set(Invitation.objects.filter(survey=survey).values_list("unit_id", flat=True))
    counted_units |= set(UnitTally.objects.filter(survey=survey).values_list("unit_id", flat=True))
    units = _unit_tree(survey, counted_units)
    unit_index = {u.id: u.index for u in units}
    band_keys = [str(b) for b in (survey.bands or [])]
    parsed = [b if isinstance(b, dict) else json.loads(b or "{}") for _u, b in responses]
    bands = []
    for key in band_keys:
        seen = {str(values[key]) for values in parsed if values.get(key)}
        bands.append(BandInfo(key, _band_order(key, seen)))
    band_index = [{v: i for i, v in enumerate(b.values)} for b in bands]
    band_matrix = np.array(
        [
            [band_index[j].get(str(values.get(b.key, "")), -1) for j, b in enumerate(bands)]
            for values in parsed
        ],
        dtype=np.int64,
    ).reshape(len(parsed), len(bands))
    q_index = np.full(max((q.id for q in questions), default=0) + 1, -1, dtype=np.int64)
    for q in questions:
        q_index[q.id] = q.index
    qids = rows[:, 1].astype(np.int64)
    known = (qids < len(q_index)) & (qids >= 0)
    known[known] = q_index[qids[known]] >= 0
    min_group, min_sensitive = thresholds(survey)
    figures = engine.compute(
        engine.UnitTree(np.array([u.parent for u in units], dtype=np.int64)),
        [
            engine.QuestionSpec(
                q.code,
                q.kind,
                tuple(o.value for o in q.options),
                reverse=q.reverse,
                sensitive=q.sensitive,
                dimension=q.dimension,
            )
            for q in questions
        ],
        [engine.DimensionSpec(d.code, d.sensitive) for d in dimensions],
        engine.Responses.of([unit_index[u] for u, _b in responses], band_matrix if bands else None),
        engine.Answers.of(rows[known, 0].astype(np.int64), q_index[qids[known]], rows[known, 2]),
        [len(b.values) for b in bands],
        min_group=min_group,
        min_sensitive=min_sensitive,
    )
    return Computed(
        survey.pk, tuple(units), tuple(questions), tuple(dimensions), tuple(bands), figures
    )


def _key(survey: Survey) -> str:
    """What the kept figures depend on besides the organisation: the survey's state and
    thresholds and its number of responses (answers are written only with their response)."""
    n = Response.objects.filter(survey_id=survey.pk).count()
    closed = survey.closed_at.isoformat() if survey.closed_at else ""
    return (
        f"survey:{survey.pk}:{survey.status}:{closed}:{n}:{survey.min_group}:"
        f"{survey.min_sensitive}:{','.join(map(str, survey.bands or []))}"
    )


def computed(survey: Survey) -> Computed:
    """A survey's figures (computed once and kept while nothing they rest on changes). No access
    check: callers check it."""
    return cached((AREA, "people"), _key(survey), lambda: _compute(survey), timeout=CACHE_SECONDS)


# --- Who may see which survey and unit ----------------------------------------------------------


def _covers(paths: tuple[str, ...] | None, survey_paths: Iterable[str]) -> bool:
    """Whether a manager's units (``paths``; None: everyone) meet the survey's units: one of
    them is inside the other."""
    if paths is None:
        return True
    return any(a.startswith(b) or b.startswith(a) for a in paths for b in survey_paths)


def _survey_paths(survey: Survey) -> list[str]:
    return list(survey.units.values_list("path", flat=True))


def _visible_survey(access: Access, survey_id: int) -> Survey:
    """A survey the caller may see results of (404 otherwise, also for a draft)."""
    access.require(READ_RESULTS)
    survey = (
        Survey.objects.filter(pk=survey_id)
        .exclude(status=SurveyStatus.DRAFT)
        .select_related("previous", "pulse")
        .first()
    )
    if survey is None or not _covers(access.aggregate_paths(), _survey_paths(survey)):
        raise NotFound
    return survey


def _in_scope(access: Access, unit: UnitRef | None) -> bool:
    """Whether the caller may pick ``unit`` (None: the whole survey, a comparison every reader
    of results may see)."""
    paths = access.aggregate_paths()
    if paths is None or unit is None:
        return True
    return any(unit.path.startswith(p) for p in paths)


@dataclass(frozen=True)
class SurveyRow:
    id: int
    name: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    opens_on: date
    closes_on: date
    previous_id: int | None
    pulse_id: int | None
    min_group: int
    min_sensitive: int

    @property
    def has_results(self) -> bool:
        return self.status == SurveyStatus.CLOSED


def _row(survey: Survey) -> SurveyRow:
    min_group, min_sensitive = thresholds(survey)
    return SurveyRow(
        survey.pk,
        survey.name,
        survey.kind,
        str(survey.get_kind_display()),
        survey.status,
        str(survey.get_status_display()),
        survey.opens_on,
        survey.closes_on,
        survey.previous_id,
        survey.pulse_id,
        min_group,
        min_sensitive,
    )


def survey_list(access: Access) -> list[SurveyRow]:
    """The surveys the caller may see results or response rates of, newest first: every sent
    survey for HR and analysts, those that reached a manager's units for a manager."""
    access.require(READ_RESULTS)
    paths = access.aggregate_paths()
    surveys = Survey.objects.exclude(status=SurveyStatus.DRAFT).prefetch_related("units")
    return [
        _row(s)
        for s in surveys.order_by("-opens_on", "-pk")
        if _covers(paths, [u.path for u in s.units.all()])
    ]


def survey_row(access: Access, survey_id: int) -> SurveyRow:
    return _row(_visible_survey(access, survey_id))


# --- Figures as the pages, the files, the CLI and the API show them ------------------------------


@dataclass(frozen=True)
class Share:
    """One option of a distribution: its label, how many chose it and their share."""

    label: str
    count: int
    share: float | None

    @property
    def percent(self) -> float | None:
        return None if self.share is None else 100 * self.share


@dataclass(frozen=True)
class FigureRow:
    """A dimension or a question in one group, with the whole survey and the previous round
    beside it. ``headline``: the figure the row is read by (a score 0–100, the share exposed in
    per cent, or a number's mean); ``None`` when hidden or when the kind has none."""

    code: str
    label: str
    kind: str  # "dimension" or a question kind
    sensitive: bool
    threshold: int
    shown: bool
    answers: int | None
    score: float | None = None
    favourable: float | None = None
    exposed: float | None = None
    mean: float | None = None
    distribution: tuple[Share, ...] = ()
    municipality: float | None = None
    previous: float | None = None
    questions: tuple[FigureRow, ...] = ()
    #: The APV part's new action prefilled from this result (for those who may make one).
    action_url: str = ""
    #: Whether the row's kind has a headline figure at all: a multiple choice or an ordinary
    #: single choice has only its distribution, and a dimension without a scale question (the
    #: offensive-behaviour one: its questions give a share exposed each) has no score.
    has_headline: bool = True
    #: Whether it has a favourable share (scale questions, and dimensions with one).
    has_favourable: bool = True
    #: Whether the whole survey's figure beside it is shown (it has its own release).
    municipality_shown: bool = True

    @property
    def headline_na(self) -> bool:
        """No headline by design ("ikke relevant"), as against a hidden one or none given."""
        return not self.has_headline

    @property
    def favourable_na(self) -> bool:
        return not self.has_favourable

    @property
    def versus_shown(self) -> bool:
        return self.shown and self.municipality_shown

    @property
    def favourable_percent(self) -> float | None:
        return None if self.favourable is None else 100 * self.favourable

    @property
    def headline(self) -> float | None:
        if self.score is not None:
            return self.score
        if self.exposed is not None:
            return 100 * self.exposed
        return self.mean

    @property
    def versus_municipality(self) -> float | None:
        if self.headline is None or self.municipality is None:
            return None
        return self.headline - self.municipality

    @property
    def versus_previous(self) -> float | None:
        if self.headline is None or self.previous is None:
            return None
        return self.headline - self.previous


def _headline(fig: engine.QuestionFigure | engine.DimensionFigure) -> float | None:
    if not fig.shown:
        return None
    if fig.score is not None:
        return fig.score
    exposed = getattr(fig, "exposed", None)
    if exposed is not None:
        return 100 * exposed
    return getattr(fig, "mean", None)


def _question_row(
    comp: Computed,
    q: QuestionInfo,
    group: int,
    previous: tuple[Computed, int] | None,
) -> FigureRow:
    res = comp.results
    fig = res.question(q.index, group)
    whole = res.question(q.index, engine.ROOT)
    municipality = _headline(whole)
    before = None
    if previous is not None:
        prev_comp, prev_group = previous
        match = prev_comp.question_by_code(q.code)
        if match is not None and prev_group >= 0 and match.kind == q.kind:
            before = _headline(prev_comp.results.question(match.index, prev_group))
    shares: tuple[Share, ...] = ()
    if fig.shown and fig.distribution is not None and q.kind != QuestionKind.NUMBER:
        total = fig.answers or 0
        shares = tuple(
            Share(_in_language(o.label, o.label_en), n, (n / total) if total else None)
            for o, n in zip(q.options, fig.distribution, strict=False)
        )
    sensitive = q.sensitive or (q.dimension >= 0 and comp.dimensions[q.dimension].sensitive)
    return FigureRow(
        q.code,
        q.label,
        q.kind,
        sensitive,
        fig.threshold,
        fig.shown,
        fig.answers,
        score=fig.score,
        favourable=fig.favourable,
        exposed=fig.exposed,
        mean=fig.mean,
        distribution=shares,
        municipality=municipality,
        previous=before,
        # As the engine: a score for a scale, the share exposed for an offensive-behaviour
        # single choice, the mean for a number.
        has_headline=q.kind in (QuestionKind.LIKERT, QuestionKind.NUMBER)
        or (q.kind == QuestionKind.SINGLE and sensitive),
        has_favourable=q.kind == QuestionKind.LIKERT,
        municipality_shown=whole.shown,
    )


def _dimension_row(
    comp: Computed,
    d: DimensionInfo,
    group: int,
    previous: tuple[Computed, int] | None,
) -> FigureRow:
    res = comp.results
    fig = res.dimension(d.index, group)
    before = None
    if previous is not None:
        prev_comp, prev_group = previous
        match = prev_comp.dimension_by_code(d.code)
        if match is not None and prev_group >= 0:
            before = _headline(prev_comp.results.dimension(match.index, prev_group))
    questions = tuple(
        _question_row(comp, q, group, previous) for q in comp.questions if q.dimension == d.index
    )
    whole = res.dimension(d.index, engine.ROOT)
    scored = any(q.kind == QuestionKind.LIKERT for q in questions)
    return FigureRow(
        d.code,
        d.label,
        "dimension",
        d.sensitive or any(q.sensitive for q in questions),
        fig.threshold,
        fig.shown,
        fig.answers,
        score=fig.score,
        favourable=fig.favourable,
        municipality=_headline(whole),
        previous=before,
        questions=questions,
        has_headline=scored,
        has_favourable=scored,
        municipality_shown=whole.shown,
    )


def _overall(comp: Computed, group: int) -> tuple[float | None, float | None]:
    """A group's score and favourable share over every scale answer (each answer once): shown
    only where every scale question is (it is their sum)."""
    res = comp.results
    scale = [q.index for q in comp.questions if q.kind == QuestionKind.LIKERT]
    if not scale:
        return None, None
    n = res.answers[scale, group]
    if (n < 0).any() or n.sum() == 0:
        return None, None
    total = float(n.sum())
    return (
        float((res.score[scale, group] * n).sum() / total),
        float((res.favourable[scale, group] * n).sum() / total),
    )


def _previous(comp: Computed, survey: Survey, unit_id: int | None) -> tuple[Computed, int] | None:
    """The previous round's figures and the same unit's group in them (−1: not there)."""
    before = survey.previous
    if before is None or before.status != SurveyStatus.CLOSED:
        return None
    prev_comp = computed(before)
    if unit_id is None:
        return prev_comp, engine.ROOT
    index = prev_comp.unit_index(unit_id)
    return prev_comp, (prev_comp.results.unit_group(index) if index >= 0 else -1)


@dataclass(frozen=True)
class BandSplit:
    """One band's split of the unit: per value its response count and dimension scores."""

    key: str
    label: str
    values: tuple[str, ...]  # labels
    responses: tuple[int | None, ...]
    dimensions: tuple[tuple[str, tuple[float | None, ...]], ...]  # (label, score per value)
    codes: tuple[str, ...] = ()  # the values as recorded


@dataclass(frozen=True)
class ChildRow:
    unit: UnitRef
    label: str
    responses: int | None
    score: float | None


@dataclass(frozen=True)
class RateRow:
    """Response rate of a unit (None: the whole survey), its sub-units included. The figures
    are None where the answers are too few to show."""

    unit: UnitRef | None
    invited: int | None
    answered: int | None

    @property
    def rate(self) -> float | None:
        if self.invited is None or self.answered is None or not self.invited:
            return None
        return self.answered / self.invited

    @property
    def percent(self) -> float | None:
        rate = self.rate
        return None if rate is None else 100 * rate

    @property
    def shown(self) -> bool:
        return self.answered is not None


@dataclass(frozen=True)
class UnitPage:
    """Everything the results page of one unit (or the whole survey) shows."""

    survey: SurveyRow
    unit: UnitRef | None
    choices: tuple[tuple[int, str], ...]  # the units the caller may pick
    everything: bool  # the caller may pick the whole survey as the unit
    ready: bool  # closed: figures exist
    responses: int | None = None
    score: float | None = None
    favourable: float | None = None
    dimensions: tuple[FigureRow, ...] = ()
    questions: tuple[FigureRow, ...] = ()  # questions in no dimension
    bands: tuple[BandSplit, ...] = ()
    children: tuple[ChildRow, ...] = ()
    rate: RateRow | None = None
    previous_name: str = ""
    can_act: bool = False
    labels: dict[int, str] = field(default_factory=dict)

    @property
    def unit_name(self) -> str:
        return self.labels.get(self.unit.id, self.unit.name) if self.unit else ""

    @property
    def favourable_percent(self) -> float | None:
        return None if self.favourable is None else 100 * self.favourable


def _action_url(survey_id: int, unit: UnitRef | None, row: FigureRow) -> str:
    """The APV part's new action, prefilled from a result: ``?enhed=&maaling=&kilde=``."""
    from urllib.parse import urlencode

    query: dict[str, Any] = {}
    if unit is not None:
        query["enhed"] = unit.id
    query["maaling"] = survey_id
    query["kilde"] = row.label[:300]
    return f"{ACTION_NEW_PATH}?{urlencode(query)}"


def _with_actions(
    rows: Sequence[FigureRow], survey_id: int, unit: UnitRef | None
) -> tuple[FigureRow, ...]:
    from dataclasses import replace

    return tuple(
        replace(
            row,
            action_url=_action_url(survey_id, unit, row) if row.shown else "",
            questions=_with_actions(row.questions, survey_id, unit),
        )
        for row in rows
    )


def _pick(access: Access, units: Sequence[UnitRef], unit_id: int | None) -> UnitRef | None:
    """The unit asked for (404 outside the caller's scope or the survey), or the default: the
    whole survey for HR and analysts, a manager's first unit (the whole survey where none of
    theirs was counted on its own: their answers went into a unit above, as too few)."""
    if unit_id is not None:
        unit = next((u for u in units if u.id == unit_id), None)
        if unit is None or not _in_scope(access, unit):
            raise NotFound
        return unit
    if access.aggregate_paths() is None:
        return None
    mine = [u for u in units if _in_scope(access, u)]
    if not mine:
        return None  # none of the manager's units was counted on its own: the whole survey
    return min(mine, key=lambda u: (u.depth, u.path))


def _band_splits(comp: Computed, unit: UnitRef | None) -> list[BandSplit]:
    res = comp.results
    out = []
    for b, band in enumerate(comp.bands):
        groups = res.band_groups(b, unit.index if unit else -1)
        if not groups:
            continue
        codes = tuple(band.values[int(res.group_value[g])] for g in groups)
        values = tuple(band_value_label(band.key, code) for code in codes)
        dims = tuple(
            (d.label, tuple(res.dimension(d.index, g).score for g in groups))
            for d in comp.dimensions
            if any(q.dimension == d.index and q.kind == QuestionKind.LIKERT for q in comp.questions)
        )
        out.append(
            BandSplit(
                band.key,
                band_label(band.key),
                values,
                tuple(res.responses_of(g) for g in groups),
                dims,
                codes,
            )
        )
    return out


def unit_page(access: Access, survey_id: int, unit_id: int | None = None) -> UnitPage:
    """The results of one unit (its sub-units included) or of the whole survey: dimensions and
    their questions against the whole survey and the previous round, the background splits,
    the sub-units and the response rate. An open survey gives its response rate only."""
    survey = _visible_survey(access, survey_id)
    row = _row(survey)
    labels = unit_labels()
    if survey.status != SurveyStatus.CLOSED:
        rates = _rates(survey)
        units = [r.unit for r in rates.values() if r.unit is not None]
        unit = _pick(access, units, unit_id)
        choices = tuple((u.id, labels.get(u.id, u.name)) for u in units if _in_scope(access, u))
        return UnitPage(
            row,
            unit,
            choices,
            access.aggregate_paths() is None,
            False,
            rate=rates.get(unit.id if unit else None),
            labels=labels,
        )
    comp = computed(survey)
    unit = _pick(access, comp.units, unit_id)
    group = comp.results.unit_group(unit.index if unit else -1)
    previous = _previous(comp, survey, unit.id if unit else None)
    dims = tuple(_dimension_row(comp, d, group, previous) for d in comp.dimensions)
    loose = tuple(
        _question_row(comp, q, group, previous) for q in comp.questions if q.dimension < 0
    )
    children = tuple(
        ChildRow(
            u,
            labels.get(u.id, u.name),
            comp.results.responses_of(comp.results.unit_group(u.index)),
            _overall(comp, comp.results.unit_group(u.index))[0],
        )
        for u in comp.units
        if (u.parent == (unit.index if unit else -1)) and _in_scope(access, u)
    )
    score, favourable = _overall(comp, group)
    rates = _rates(survey)
    if access.can(MANAGE_APV):
        dims = _with_actions(dims, survey.pk, unit)
        loose = _with_actions(loose, survey.pk, unit)
    return UnitPage(
        row,
        unit,
        tuple((u.id, labels.get(u.id, u.name)) for u in comp.units if _in_scope(access, u)),
        access.aggregate_paths() is None,
        True,
        responses=comp.results.responses_of(group),
        score=score,
        favourable=favourable,
        dimensions=dims,
        questions=loose,
        bands=tuple(_band_splits(comp, unit)),
        children=children,
        rate=rates.get(unit.id if unit else None),
        previous_name=survey.previous.name if previous is not None and survey.previous else "",
        can_act=access.can(MANAGE_APV),
        labels=labels,
    )


# --- Response rates -----------------------------------------------------------------------------


def _rates(survey: Survey) -> dict[int | None, RateRow]:
    """Invited and answered per unit (sub-units included) and for the whole survey: from the
    invitations while the survey is open, from the tallies kept at the close after. The
    answered counts go through disclosure control (``protect_tree``): a unit's rate is shown
    only where its answers are at least the survey's smallest group and cannot be subtracted
    out of its parent's; its invited count only with it."""
    if survey.status == SurveyStatus.CLOSED:
        own = {
            unit: (invited, answered)
            for unit, invited, answered in UnitTally.objects.filter(survey=survey).values_list(
                "unit_id", "invited", "answered"
            )
        }
    else:
        own = {
            row["unit_id"]: (row["invited"], row["answered"])
            for row in Invitation.objects.filter(survey=survey)
            .values("unit_id")
            .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(answered=True)))
        }
    counted = set(own) | set(
        Response.objects.filter(survey=survey).values_list("unit_id", flat=True).distinct()
    )
    units = _unit_tree(survey, counted)
    children: dict[int, list[int]] = {}
    for u in units:
        children.setdefault(u.parent, []).append(u.index)

    def node(index: int) -> TreeNode[int]:
        unit_id = units[index].id
        return TreeNode(
            index,
            int(own.get(unit_id, (0, 0))[1]),
            [node(child) for child in children.get(index, [])],
        )

    root = TreeNode(-1, 0, [node(i) for i in children.get(-1, [])])
    min_group, _sensitive = thresholds(survey)
    answered = protect_tree([root], min_size=min_group)
    invited = {-1: 0} | {u.index: int(own.get(u.id, (0, 0))[0]) for u in units}
    for u in reversed(units):  # children after parents: add each into its parent
        invited[u.parent] += invited[u.index]
    out: dict[int | None, RateRow] = {}
    for index in [-1, *(u.index for u in units)]:
        shown = answered.get(index)
        ref = units[index] if index >= 0 else None
        out[ref.id if ref else None] = RateRow(
            ref, invited[index] if shown is not None else None, shown
        )
    return out


@dataclass(frozen=True)
class RatesPage:
    survey: SurveyRow
    rows: tuple[RateRow, ...]  # the whole survey first, then the units in tree order
    labels: dict[int, str]


def response_rates(access: Access, survey_id: int) -> RatesPage:
    """Response rates of the whole survey and of every unit in the caller's scope (sub-units
    included), shown only where the answers are enough (see ``_rates``)."""
    survey = _visible_survey(access, survey_id)
    rates = _rates(survey)
    rows = [
        rates[None],
        *sorted(
            (r for key, r in rates.items() if key is not None and _in_scope(access, r.unit)),
            key=lambda r: r.unit.path if r.unit else "",
        ),
    ]
    return RatesPage(_row(survey), tuple(rows), unit_labels())


# --- For other parts: a unit's dimensions, a pulse series' trend ---------------------------------


@dataclass(frozen=True)
class DimensionScore:
    """One dimension of a unit: its score 0–100 and favourable share (None where hidden)."""

    code: str
    label: str
    score: float | None
    favourable: float | None
    answers: int | None
    shown: bool
    threshold: int


def unit_summary(access: Access, survey_id: int, unit_id: int | None) -> list[DimensionScore]:
    """The dimension scores of a unit (its sub-units included; None: the whole survey) with
    disclosure control, for the APV page and the front page. Empty while the survey is open
    or where the unit had no answers counted in the survey; 404 outside the caller's scope."""
    survey = _visible_survey(access, survey_id)
    if survey.status != SurveyStatus.CLOSED:
        return []
    comp = computed(survey)
    if unit_id is not None:
        index = comp.unit_index(unit_id)
        if index < 0:
            if not _in_scope(access, _unit_ref(unit_id)):
                raise NotFound
            return []
        if not _in_scope(access, comp.units[index]):
            raise NotFound
        group = comp.results.unit_group(index)
    else:
        group = engine.ROOT
    return [
        DimensionScore(
            d.code, d.label, fig.score, fig.favourable, fig.answers, fig.shown, fig.threshold
        )
        for d in comp.dimensions
        for fig in [comp.results.dimension(d.index, group)]
    ]


def _unit_ref(unit_id: int) -> UnitRef | None:
    row = OrgUnit.objects.filter(pk=unit_id).values_list("name", "code", "path").first()
    if row is None:
        raise NotFound
    return UnitRef(-1, unit_id, row[0], row[1], row[2], -1, 0)


@dataclass(frozen=True)
class TrendPoint:
    survey_id: int
    name: str
    opens_on: date
    responses: int | None
    values: tuple[float | None, ...]  # per line of the trend


@dataclass(frozen=True)
class TrendLine:
    code: str
    label: str
    kind: str  # "dimension" or a question kind
    municipality: tuple[float | None, ...]  # the whole survey, per point


@dataclass(frozen=True)
class Trend:
    series_id: int
    name: str
    unit: UnitRef | None
    lines: tuple[TrendLine, ...]
    points: tuple[TrendPoint, ...]
    choices: tuple[tuple[int, str], ...]
    everything: bool
    labels: dict[int, str]


def _visible_series(access: Access, series_id: int) -> PulseSeries:
    access.require(READ_RESULTS)
    series = PulseSeries.objects.filter(pk=series_id).first()
    if series is None or not _covers(
        access.aggregate_paths(), series.units.values_list("path", flat=True)
    ):
        raise NotFound
    return series


def series_list(access: Access) -> list[tuple[int, str]]:
    access.require(READ_RESULTS)
    paths = access.aggregate_paths()
    return [
        (s.pk, s.name)
        for s in PulseSeries.objects.prefetch_related("units").order_by("name", "pk")
        if _covers(paths, [u.path for u in s.units.all()])
    ]


def trend(access: Access, series_id: int, unit_id: int | None = None) -> Trend:
    """A pulse series' figures per closed round for a unit (its sub-units included; None: the
    whole of each round), beside the whole round's: each question's headline figure (a score,
    the share exposed or a mean) and each dimension's score, oldest round first. A round where
    the unit had too few answers shows nothing for it."""
    series = _visible_series(access, series_id)
    surveys = list(
        Survey.objects.filter(pulse=series, status=SurveyStatus.CLOSED).order_by("opens_on", "pk")
    )
    comps = [computed(s) for s in surveys]
    labels = unit_labels()
    units: dict[int, UnitRef] = {}
    for comp in comps:
        for u in comp.units:
            units.setdefault(u.id, u)
    unit = _pick(access, list(units.values()), unit_id)
    # The lines: the latest round's questions and dimensions, matched by code in the others.
    latest = comps[-1] if comps else None
    specs: list[tuple[str, str, str]] = []
    if latest is not None:
        specs += [
            ("d:" + d.code, d.label, "dimension")
            for d in latest.dimensions
            if any(
                q.dimension == d.index and q.kind == QuestionKind.LIKERT for q in latest.questions
            )
        ]
        specs += [("q:" + q.code, q.label, q.kind) for q in latest.questions]

    def value(comp: Computed, code: str, group: int) -> float | None:
        if group < 0:
            return None
        kind, key = code.split(":", 1)
        if kind == "d":
            dim = comp.dimension_by_code(key)
            return _headline(comp.results.dimension(dim.index, group)) if dim else None
        q = comp.question_by_code(key)
        return _headline(comp.results.question(q.index, group)) if q else None

    points = []
    for survey, comp in zip(surveys, comps, strict=True):
        index = comp.unit_index(unit.id) if unit else -1
        group = comp.results.unit_group(index) if (unit is None or index >= 0) else -1
        points.append(
            TrendPoint(
                survey.pk,
                survey.name,
                survey.opens_on,
                comp.results.responses_of(group) if group >= 0 else None,
                tuple(value(comp, code, group) for code, _l, _k in specs),
            )
        )
    lines = tuple(
        TrendLine(code, label, kind, tuple(value(c, code, engine.ROOT) for c in comps))
        for code, label, kind in specs
    )
    return Trend(
        series.pk,
        series.name,
        unit,
        lines,
        tuple(points),
        tuple(
            (u.id, labels.get(u.id, u.name))
            for u in sorted(units.values(), key=lambda u: u.path)
            if _in_scope(access, u)
        ),
        access.aggregate_paths() is None,
        labels,
    )


# --- Rows for the command line and the API --------------------------------------------------------


def unit_by_code(code: str) -> int:
    """The id of the unit with this enhedskode (``ValidationFailed`` when there is none)."""
    found = OrgUnit.objects.filter(code=code.strip()).values_list("pk", flat=True).first()
    if found is None:
        raise ValidationFailed([f"Ingen enhed har koden {code!r}."], field="unit")
    return int(found)


def _unit_fields(unit: UnitRef | None, units: Sequence[UnitRef]) -> dict[str, Any]:
    if unit is None:
        return {
            "unit_id": None,
            "unit_code": "",
            "unit": "Hele målingen",
            "parent_id": None,
            "level": 0,
        }
    parent = units[unit.parent].id if unit.parent >= 0 else None
    return {
        "unit_id": unit.id,
        "unit_code": unit.code,
        "unit": unit.name,
        "parent_id": parent,
        "level": unit.depth,
    }


def _figure_fields(row: FigureRow) -> dict[str, Any]:
    return {
        "sensitive": row.sensitive,
        "min_group": row.threshold,
        "suppressed": not row.shown,
        "count": row.answers,
        "score": _round(row.score),
        "favourable": _round(row.favourable, 4),
    }


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def result_rows(
    access: Access, survey_id: int, *, by: str, unit_id: int | None = None
) -> list[dict[str, Any]]:
    """The figures as rows (the CLI ``charlie wellbeing results`` and the API):

    - ``by="unit"``: every unit in the caller's scope (under ``unit_id`` when given), after the
      whole survey: responses (``count``), the score and favourable share over every scale
      answer, invited, answered and the response rate;
    - ``by="dimension"`` / ``"question"``: each dimension or question of ``unit_id`` (default:
      the whole survey), with the whole survey's and the previous round's figure beside it.

    A hidden group has ``"suppressed": true`` and null figures. Only a closed survey has
    results (``ValidationFailed`` otherwise)."""
    if by not in BY_CHOICES:
        raise ValidationFailed([f"by skal være en af {', '.join(BY_CHOICES)}."], field="by")
    survey = _visible_survey(access, survey_id)
    if survey.status != SurveyStatus.CLOSED:
        raise ValidationFailed(["Målingen er ikke lukket: der er først resultater, når den er."])
    comp = computed(survey)
    if unit_id is not None:
        index = comp.unit_index(unit_id)
        if index < 0 or not _in_scope(access, comp.units[index]):
            raise NotFound
        unit: UnitRef | None = comp.units[index]
    else:
        unit = None
    res = comp.results
    if by == "unit":
        rates = _rates(survey)
        chosen = [
            u
            for u in comp.units
            if _in_scope(access, u) and (unit is None or u.path.startswith(unit.path))
        ]
        rows = []
        for ref in ([None] if unit is None else []) + chosen:
            group = res.unit_group(ref.index if ref else -1)
            score, favourable = _overall(comp, group)
            rate = rates.get(ref.id if ref else None)
            count = res.responses_of(group)
            rows.append(
                {
                    **_unit_fields(ref, comp.units),
                    "min_group": res.min_group,
                    "suppressed": count is None,
                    "count": count,
                    "score": _round(score) if count is not None else None,
                    "favourable": _round(favourable, 4) if count is not None else None,
                    "invited": rate.invited if rate else None,
                    "answered": rate.answered if rate else None,
                    "response_rate": _round(rate.rate, 4)
                    if rate and rate.rate is not None
                    else None,
                }
            )
        return rows
    group = res.unit_group(unit.index if unit else -1)
    previous = _previous(comp, survey, unit.id if unit else None)
    base = _unit_fields(unit, comp.units)
    if by == "dimension":
        return [
            {
                **base,
                "dimension": d.code,
                "dimension_name": d.name,
                **_figure_fields(row),
                "municipality_score": _round(row.municipality) if row.shown else None,
                "previous_score": _round(row.previous) if row.shown else None,
            }
            for d in comp.dimensions
            for row in [_dimension_row(comp, d, group, previous)]
        ]
    out = []
    for q in comp.questions:
        row = _question_row(comp, q, group, previous)
        dim = comp.dimensions[q.dimension].code if q.dimension >= 0 else ""
        out.append(
            {
                **base,
                "question": q.code,
                "question_text": q.text,
                "dimension": dim,
                "kind": q.kind,
                **_figure_fields(row),
                "exposed": _round(row.exposed, 4),
                "mean": _round(row.mean, 2),
                "distribution": (
                    {
                        _value_key(o.value): s.count
                        for o, s in zip(q.options, row.distribution, strict=False)
                    }
                    if row.shown and row.distribution
                    else None
                ),
                "municipality": _round(row.municipality) if row.shown else None,
                "previous": _round(row.previous) if row.shown else None,
            }
        )
    return out


def _value_key(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)
