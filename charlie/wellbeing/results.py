"""The figures of a survey, pure (no Django): per unit with the unit tree rolled up, per
dimension and per question, split by background band, all through disclosure control
(issue 16, points 3 and 6; docs/wellbeing-results.md).

**Figures.** A scale question (Likert, 1–5) is reported as a **score from 0 to 100**: the
answer turned so that the most favourable option is highest (a ``reverse`` question, such as
"Hvor ofte har du for lidt tid …?", is turned here; answers are stored as given), then
``100 × (position − 1) / (options − 1)``: 1 → 0, 2 → 25, 3 → 50, 4 → 75, 5 → 100. A group's
score is the mean of its answers; its **favourable share** is the share of answers in the two
most favourable options (4 and 5 after turning). A 0–100 score reads the same for every
scale and every dimension, and a difference of 10 points means the same everywhere, which a
1–5 mean with one decimal hides. A dimension's score is the mean of all its scale answers (each
answer counts once), and its favourable share likewise. A single or multiple choice is
reported as its **distribution** (answers per option; for a multiple choice, the share of
those who answered choosing each option), and an offensive-behaviour question (``sensitive``)
also as the **share exposed**: the answers other than the first option ("Nej" in Charlie's
scale ``udsat``). A number is reported as its mean.

**Groups.** Every unit of the survey's tree counts its own answers and those of every unit
below it; the root is the whole survey (the municipality, as far as the survey reached). Each
background band the survey recorded (age, job family, …) splits the whole survey and the units
of the top levels of the tree (as many levels as keep the split small: ``BAND_CELLS``).

**Disclosure control** (DESIGN.md principle 3; DOMAIN.md 5.3 and rule 13), through
``charlie.core.disclosure.protect`` — the one engine (decision 0012):

- A *release* is the survey's responses (each an anonymous person), split by the unit tree and
  by one tree per band: *survey → band value → top unit × value → …*. ``protect`` hides every
  group of 1 … ``min_group − 1`` responses and every group that adding and subtracting the
  shown ones would isolate — a unit against its parent and siblings (the difference rule), and
  two overlapping splits (the age bands against the job families, a band against the units)
  — for every linear combination of what is shown. The response counts come from it.
- **Each question is decided on its own count too**: its release is the responses that
  answered it (people skip questions), with the cells its response release hides already
  hidden, so no question shows a group of fewer answers than the minimum, nor one that a
  subtraction of two shown groups would leave with fewer. A question every response answered
  needs no release of its own.
- An offensive-behaviour question or dimension (``sensitive``: bullying, harassment, violence,
  threats) uses ``min_sensitive`` (default 20) instead of ``min_group`` (default 5) in both.
- A dimension's figures are sums of its questions' figures in the same group, so a dimension is
  shown in a group only where every one of its questions is: it can never be used to work out
  a hidden question.

A hidden figure is ``NaN`` in the arrays and ``None`` in what the accessors return.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from charlie.core.disclosure import Grouping, Population, protect

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

LIKERT = "likert"
SINGLE = "single"
MULTIPLE = "multiple"
NUMBER = "number"
#: The kinds with figures (a free text is a comment, reviewed by HR; never a figure).
KINDS = (LIKERT, SINGLE, MULTIPLE, NUMBER)

#: The most band cells (values × split groups, over every band) a release splits into: the
#: survey and the units of as many top levels of the tree as stay within it. Every cell is a
#: variable of the disclosure engine's check of linked groupings, whose cost grows with them
#: (about 40 ms a release at 20 cells and 35,000 responses, several seconds at 400).
BAND_CELLS = 40

#: The disclosure engine's exact audit of linked groupings is not used (0): its sufficient
#: condition decides every release. Both are sound; the audit shows a little more in a release
#: of a few thousand responses, but it costs a singular value decomposition per pass (about
#: 0.1 s each at 1,400 responses), and a survey needs a release per question that someone
#: skipped: 9 s against 0.2 s for the demo's trivselsmåling.
EXACT_LIMIT = 0

#: The root group: the whole survey.
ROOT = 0


@dataclass(frozen=True)
class QuestionSpec:
    """A question with figures: ``kind`` one of ``KINDS``; ``options`` the option values in the
    order asked (a scale runs from the least to the most favourable unless ``reverse``);
    ``dimension`` its index in the dimensions, or −1."""

    code: str
    kind: str
    options: tuple[float, ...] = ()
    reverse: bool = False
    sensitive: bool = False
    dimension: int = -1


@dataclass(frozen=True)
class DimensionSpec:
    code: str
    sensitive: bool = False


@dataclass(frozen=True)
class UnitTree:
    """The survey's units: ``parent[i]`` is the index of unit ``i``'s parent, −1 for a top unit
    (a parent comes before its children)."""

    parent: IntArray

    def __len__(self) -> int:
        return len(self.parent)

    @property
    def depth(self) -> IntArray:
        """1 for a top unit, 2 below it, …"""
        depth = np.zeros(len(self.parent), dtype=np.int64)
        for i, up in enumerate(self.parent.tolist()):
            depth[i] = 1 if up < 0 else depth[up] + 1
        return depth


@dataclass(frozen=True)
class Responses:
    """The anonymous responses: the unit each is counted in (an index into the tree) and its
    value of each band (an index into that band's values, −1 where the band was not recorded
    for its group of answers)."""

    unit: IntArray
    bands: IntArray  # responses × bands

    def __len__(self) -> int:
        return len(self.unit)

    @classmethod
    def of(
        cls, unit: Sequence[int] | IntArray, bands: Sequence[Sequence[int]] | IntArray | None = None
    ) -> Responses:
        units = np.asarray(unit, dtype=np.int64)
        if bands is None or len(bands) == 0:
            band_array = np.zeros((len(units), 0), dtype=np.int64)
        else:
            band_array = np.asarray(bands, dtype=np.int64).reshape(len(units), -1)
        return cls(units, band_array)


@dataclass(frozen=True)
class Answers:
    """One row per answer (a multiple choice: one per option chosen): the response (index), the
    question (index into the questions) and the value as stored."""

    response: IntArray
    question: IntArray
    value: FloatArray

    @classmethod
    def of(
        cls,
        response: Sequence[int] | IntArray,
        question: Sequence[int] | IntArray,
        value: Sequence[float] | FloatArray,
    ) -> Answers:
        return cls(
            np.asarray(response, dtype=np.int64),
            np.asarray(question, dtype=np.int64),
            np.asarray(value, dtype=np.float64),
        )


@dataclass(frozen=True)
class QuestionFigure:
    """One question in one group; every figure ``None`` when ``shown`` is False."""

    shown: bool
    threshold: int
    answers: int | None
    score: float | None = None  # 0–100 (scale)
    favourable: float | None = None  # share 0–1 (scale)
    exposed: float | None = None  # share 0–1 (offensive behaviour)
    mean: float | None = None  # a number's mean
    distribution: tuple[int, ...] | None = None  # answers (responses) per option


@dataclass(frozen=True)
class DimensionFigure:
    shown: bool
    threshold: int
    answers: int | None
    score: float | None = None
    favourable: float | None = None


@dataclass
class SurveyResults:
    """Every group's figures. Groups: 0 the whole survey, ``1 + i`` unit ``i`` of the tree, then
    the band groups (``group_band``/``group_value`` ≥ 0; ``group_unit`` −1 for the survey's own
    split). Per question and group: ``answers``, ``score``, … (``NaN``/−1 where hidden)."""

    min_group: int
    min_sensitive: int
    group_unit: IntArray
    group_band: IntArray
    group_value: IntArray
    responses: IntArray  # −1 where hidden
    thresholds: IntArray  # per question
    answers: IntArray  # questions × groups, −1 where hidden
    score: FloatArray
    favourable: FloatArray
    exposed: FloatArray
    mean: FloatArray
    distribution: list[npt.NDArray[np.int32]]  # per question: groups × options
    dim_answers: IntArray  # dimensions × groups
    dim_score: FloatArray
    dim_favourable: FloatArray
    dim_thresholds: IntArray
    band_depth: int
    #: Per threshold, which groups the response release shows (comments follow it).
    released: dict[int, BoolArray] = field(default_factory=dict)
    #: Questions that needed a release of their own (some responses skipped them).
    own_releases: int = 0
    kinds: tuple[str, ...] = field(default=())

    # --- Groups -------------------------------------------------------------------------------

    def unit_group(self, unit: int) -> int:
        """The group of unit index ``unit`` (−1: the whole survey)."""
        return ROOT if unit < 0 else 1 + unit

    def band_groups(self, band: int, unit: int = -1) -> list[int]:
        """The groups of ``band``'s split of ``unit`` (−1: the whole survey), by value; empty
        where the unit is not split (below the band levels)."""
        hits = np.flatnonzero((self.group_band == band) & (self.group_unit == unit))
        return [int(g) for g in hits[np.argsort(self.group_value[hits], kind="stable")]]

    def released_at(self, group: int, threshold: int) -> bool:
        """Whether the response release at ``threshold`` shows the group."""
        flags = self.released.get(threshold)
        return bool(flags[group]) if flags is not None else False

    def responses_of(self, group: int) -> int | None:
        n = int(self.responses[group])
        return None if n < 0 else n

    # --- Figures ------------------------------------------------------------------------------

    def question(self, q: int, group: int) -> QuestionFigure:
        n = int(self.answers[q, group])
        threshold = int(self.thresholds[q])
        if n < 0:
            return QuestionFigure(False, threshold, None)
        dist = self.distribution[q]
        return QuestionFigure(
            True,
            threshold,
            n,
            score=_opt(self.score[q, group]),
            favourable=_opt(self.favourable[q, group]),
            exposed=_opt(self.exposed[q, group]),
            mean=_opt(self.mean[q, group]),
            distribution=tuple(int(x) for x in dist[group]) if dist.shape[1] else None,
        )

    def dimension(self, d: int, group: int) -> DimensionFigure:
        n = int(self.dim_answers[d, group])
        threshold = int(self.dim_thresholds[d])
        if n < 0:
            return DimensionFigure(False, threshold, None)
        return DimensionFigure(
            True,
            threshold,
            n,
            score=_opt(self.dim_score[d, group]),
            favourable=_opt(self.dim_favourable[d, group]),
        )


def _opt(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


# --- The engine ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """The groups and the disclosure engine's groupings of one survey."""

    group_unit: IntArray
    group_band: IntArray
    group_value: IntArray
    groupings: list[Grouping[int]]  # keys are group numbers
    member_cells: list[IntArray]  # per grouping: each response's finest cell (local index)
    local_to_group: list[IntArray]  # per grouping: local cell → group number
    band_depth: int


def band_depth(depth: IntArray, band_sizes: Sequence[int], limit: int = BAND_CELLS) -> int:
    """How many top levels of the tree get band splits: the most that keep the band cells
    (values × (the survey + the units split), over every band) within ``limit`` (0: only the
    whole survey is split).

    >>> band_depth(np.array([1, 2, 2, 3]), [5, 3], limit=36)  # 8 × (1 + 3) = 32; 8 × 5 = 40
    2
    """
    per_group = sum(band_sizes)
    if per_group == 0:
        return 0
    levels = 0
    for level in range(1, int(depth.max(initial=0)) + 1):
        if per_group * (1 + int((depth <= level).sum())) > limit:
            break
        levels = level
    return levels


def _layout(tree: UnitTree, responses: Responses, band_sizes: Sequence[int], limit: int) -> _Layout:
    n_units = len(tree)
    parent = tree.parent
    depth = tree.depth
    levels = band_depth(depth, band_sizes, limit)
    # The unit tree: group 0 the survey, group 1 + i unit i.
    unit_parent = np.concatenate([[-1], np.where(parent < 0, 0, parent + 1)]).astype(np.int64)
    n_unit_groups = 1 + n_units
    group_unit = [-1, *range(n_units)]
    group_band = [-1] * n_unit_groups
    group_value = [-1] * n_unit_groups
    groupings: list[Grouping[int]] = [
        Grouping(list(range(n_unit_groups)), unit_parent, np.ones(n_unit_groups, dtype=bool))
    ]
    member_cells = [1 + responses.unit]
    local_to_group = [np.arange(n_unit_groups, dtype=np.int64)]
    # Each unit's nearest split ancestor-or-self (−1: none, the survey's own split).
    split = np.full(n_units, -1, dtype=np.int64)
    for i in range(n_units):
        if depth[i] <= levels:
            split[i] = i
        elif parent[i] >= 0:
            split[i] = split[parent[i]]
    split_units = [i for i in range(n_units) if depth[i] <= levels]
    for b, n_values in enumerate(band_sizes):
        # Local cells: 0 the survey (the same total as the unit tree's root), then per value
        # the survey's cell and each split unit's.
        cells: list[tuple[int, int]] = [(-2, -1)]
        local: dict[tuple[int, int], int] = {}
        for v in range(n_values):
            for u in [-1, *split_units]:
                local[(u, v)] = len(cells)
                cells.append((u, v))
        band_parent = np.zeros(len(cells), dtype=np.int64)
        band_parent[0] = -1
        for (u, v), i in local.items():
            up = -1 if u < 0 else int(parent[u])
            band_parent[i] = (
                0 if u < 0 else local[(up if up >= 0 and depth[up] <= levels else -1, v)]
            )
        to_group = np.zeros(len(cells), dtype=np.int64)
        for (u, v), i in local.items():
            to_group[i] = len(group_unit)
            group_unit.append(u)
            group_band.append(b)
            group_value.append(v)
        values = responses.bands[:, b] if responses.bands.shape[1] > b else None
        if values is None:
            member = np.zeros(len(responses), dtype=np.int64)
        else:
            anchor = split[responses.unit] if len(responses) else np.zeros(0, dtype=np.int64)
            # local index of (anchor, value): the survey's cells come first per value.
            lookup = np.full((n_units + 1, max(n_values, 1)), 0, dtype=np.int64)
            for (u, v), i in local.items():
                lookup[u + 1, v] = i
            member = np.where(values >= 0, lookup[anchor + 1, np.maximum(values, 0)], 0)
        groupings.append(Grouping(list(map(int, to_group)), band_parent, np.ones(len(cells), bool)))
        member_cells.append(member.astype(np.int64))
        local_to_group.append(to_group)
    return _Layout(
        np.asarray(group_unit, dtype=np.int64),
        np.asarray(group_band, dtype=np.int64),
        np.asarray(group_value, dtype=np.int64),
        groupings,
        member_cells,
        local_to_group,
        levels,
    )


def _shown_groups(layout: _Layout, shown: list[BoolArray]) -> BoolArray:
    """The engine's answer per grouping as one flag per group."""
    out = np.zeros(len(layout.group_unit), dtype=bool)
    for local, flags in zip(layout.local_to_group, shown, strict=True):
        out[local] = flags
    out[ROOT] = bool(shown[0][ROOT])
    return out


def _release(
    layout: _Layout, members: BoolArray | None, min_size: int, published: BoolArray | None
) -> BoolArray:
    """``protect`` over the responses in ``members`` (all: None), with only the groups in
    ``published`` able to be shown (all: None)."""
    groupings = layout.groupings
    if published is not None:
        groupings = [
            Grouping(g.keys, g.parent, published[local].copy())
            for g, local in zip(layout.groupings, layout.local_to_group, strict=True)
        ]
    cells = layout.member_cells
    if members is not None:
        cells = [c[members] for c in cells]
    n = len(cells[0])
    population = Population.of(np.arange(n, dtype=np.int64), *cells)
    shown = protect(population, groupings, min_size=min_size, exact_limit=EXACT_LIMIT)
    return _shown_groups(layout, shown)


def _rollup(values: npt.NDArray[np.float64], parent: IntArray, order: IntArray) -> None:
    """In place: each cell's values plus those of every cell below it (``order``: the cells
    deepest first, ``parent`` −1 at the top)."""
    for cell in order.tolist():
        up = int(parent[cell])
        if up >= 0:
            values[up] += values[cell]


def _depth_order(parent: IntArray) -> IntArray:
    depth = np.zeros(len(parent), dtype=np.int64)
    for i in range(len(parent)):
        j = i
        while parent[j] >= 0:
            depth[i] += 1
            j = int(parent[j])
    return np.argsort(-depth, kind="stable")


def _group_totals(
    layout: _Layout, per_cell: list[npt.NDArray[np.float64]]
) -> npt.NDArray[np.float64]:
    """Per grouping, values per finest cell (cells × k) rolled up its tree, as one groups × k
    array (the root from the unit tree)."""
    k = per_cell[0].shape[1]
    out = np.zeros((len(layout.group_unit), k))
    for g, (grouping, local) in enumerate(
        zip(layout.groupings, layout.local_to_group, strict=True)
    ):
        values = per_cell[g].copy()
        _rollup(values, grouping.parent, _depth_order(grouping.parent))
        if g == 0:
            out[local] = values
        else:
            out[local[1:]] = values[1:]
    return out


def option_slots(questions: Sequence[QuestionSpec], answers: Answers) -> IntArray:
    """Each answer's option: its position in its question's options (−1: a number, or a value
    the question does not offer)."""
    slot = np.full(len(answers.value), -1, dtype=np.int64)
    if not len(answers.value) or not questions:
        return slot
    values = answers.value
    whole = (values == np.floor(values)) & (values >= 0) & (values < 1024)
    top = max((int(max(q.options)) for q in questions if q.options), default=0) + 1
    table = np.full((len(questions), min(top, 1024)), -1, dtype=np.int64)
    exact = True
    for qi, q in enumerate(questions):
        for position, option in enumerate(q.options):
            if option == int(option) and 0 <= option < table.shape[1]:
                table[qi, int(option)] = position
            else:
                exact = False
    rows = np.flatnonzero(whole & (values < table.shape[1]))
    slot[rows] = table[answers.question[rows], values[rows].astype(np.int64)]
    if not exact:  # an option that is not a small whole number: matched one by one
        for qi, q in enumerate(questions):
            odd = [o for o in q.options if not (o == int(o) and 0 <= o < table.shape[1])]
            for option in odd:
                hit = (answers.question == qi) & (values == option)
                slot[hit] = q.options.index(option)
    return slot


def compute(
    tree: UnitTree,
    questions: Sequence[QuestionSpec],
    dimensions: Sequence[DimensionSpec],
    responses: Responses,
    answers: Answers,
    band_sizes: Sequence[int] = (),
    *,
    min_group: int,
    min_sensitive: int,
    band_cells: int = BAND_CELLS,
) -> SurveyResults:
    """Every group's figures with disclosure control (the module docstring states the rules).

    Parameters
    ----------
    tree
        The survey's units (parents first).
    questions, dimensions
        The questions with figures (free text left out) and the dimensions they refer to.
    responses, answers
        The anonymous responses (unit, band values) and their answers.
    band_sizes
        The number of values of each band (the columns of ``responses.bands``).
    min_group, min_sensitive
        The smallest group shown, and for offensive-behaviour questions and dimensions.

    Returns
    -------
    SurveyResults

    Example
    -------
    >>> tree = UnitTree(np.array([-1, 0, 0]))  # a unit with two sub-units
    >>> q = [QuestionSpec("trivsel", LIKERT, (1, 2, 3, 4, 5))]
    >>> r = Responses.of([1] * 6 + [2] * 3)  # 6 in the first sub-unit, 3 in the second
    >>> a = Answers.of(range(9), [0] * 9, [5, 4, 4, 3, 5, 4, 1, 2, 1])
    >>> res = compute(tree, q, [], r, a, min_group=5, min_sensitive=20)
    >>> res.question(0, res.unit_group(0)).score  # the unit: 9 answers, 500 points
    55.55555555555556
    >>> res.question(0, res.unit_group(2)).shown  # 3 answers: hidden
    False
    >>> res.question(0, res.unit_group(1)).shown  # the unit minus it would give the 3 away
    False
    """
    n_q = len(questions)
    n_resp = len(responses)
    layout = _layout(tree, responses, band_sizes, band_cells)
    n_groups = len(layout.group_unit)
    sensitive_dims = {d for d, dim in enumerate(dimensions) if dim.sensitive}
    thresholds = np.array(
        [
            min_sensitive if q.sensitive or q.dimension in sensitive_dims else min_group
            for q in questions
        ],
        dtype=np.int64,
    )
    # The response releases: one per threshold in use.
    needed = {min_group, min_sensitive, *thresholds.tolist()}
    shown_r = {t: _release(layout, None, t, None) for t in sorted(needed)}
    counts = _group_totals(
        layout,
        [
            np.bincount(cells, minlength=len(g)).astype(np.float64)[:, None]
            for cells, g in zip(layout.member_cells, layout.groupings, strict=True)
        ],
    )[:, 0].astype(np.int64)
    responses_shown = np.where(shown_r[min_group], counts, -1)

    # Which response answered which question, and each answer's option slot.
    max_options = max((len(q.options) for q in questions), default=0)
    slot = option_slots(questions, answers)
    # One key per counted row: (question, slot) for an option, (question, "answerers") once per
    # response for a number and a multiple choice (a single choice or a scale has one row per
    # answer: its answerers are the sum of its slots).
    stride = max_options + 2
    kinds = np.array([q.kind for q in questions] or [""])
    per_answer = np.isin(kinds, [NUMBER])[answers.question] if n_q else np.zeros(0, bool)
    option_rows = np.flatnonzero(slot >= 0)
    number_rows = np.flatnonzero(per_answer)
    answered = np.zeros((n_resp, n_q), dtype=bool)
    for rows in (option_rows, number_rows):
        answered[answers.response[rows], answers.question[rows]] = True
    multiple_q = np.flatnonzero(kinds == MULTIPLE) if n_q else np.zeros(0, np.int64)
    multi_resp, multi_q = np.nonzero(answered[:, multiple_q]) if len(multiple_q) else ([], [])
    row_resp = np.concatenate(
        [answers.response[option_rows], answers.response[number_rows], np.asarray(multi_resp)]
    ).astype(np.int64)
    row_key = np.concatenate(
        [
            answers.question[option_rows] * stride + slot[option_rows],
            answers.question[number_rows] * stride + max_options + 1,
            np.asarray(multiple_q[np.asarray(multi_q, dtype=np.int64)], dtype=np.int64) * stride
            + max_options
            + 1,
        ]
    ).astype(np.int64)
    width = n_q * stride  # per question: its slots, the value sum, the answerers

    def per_cell(g: int) -> npt.NDArray[np.float64]:
        cells = layout.member_cells[g]
        n_cells = len(layout.groupings[g])
        key = cells[row_resp] * width + row_key
        out = np.bincount(key, minlength=n_cells * width).astype(np.float64)
        if len(number_rows):
            key = cells[answers.response[number_rows]] * width + (
                answers.question[number_rows] * stride + max_options
            )
            out += np.bincount(key, weights=answers.value[number_rows], minlength=n_cells * width)
        return out.reshape(n_cells, width)

    totals = _group_totals(layout, [per_cell(g) for g in range(len(layout.groupings))])
    totals = totals.reshape(n_groups, n_q, stride).transpose(1, 0, 2)
    for qi, q in enumerate(questions):
        if q.kind in (LIKERT, SINGLE):
            totals[qi, :, max_options + 1] = totals[qi, :, : len(q.options)].sum(axis=1)
    n_answers = totals[:, :, max_options + 1]  # questions × groups

    # Each question's own release, where some responses skipped it.
    shown_q = np.zeros((n_q, n_groups), dtype=bool)
    memo: dict[tuple[int, bytes], BoolArray] = {}
    own = 0
    for qi in range(n_q):
        t = int(thresholds[qi])
        mask = answered[:, qi]
        if mask.all():
            shown_q[qi] = shown_r[t]
            continue
        key = (t, np.packbits(mask).tobytes())
        if key not in memo:
            memo[key] = _release(layout, mask, t, shown_r[t])
            own += 1
        shown_q[qi] = memo[key]

    score = np.full((n_q, n_groups), np.nan)
    favourable = np.full((n_q, n_groups), np.nan)
    exposed = np.full((n_q, n_groups), np.nan)
    mean = np.full((n_q, n_groups), np.nan)
    distribution: list[npt.NDArray[np.int32]] = []
    lik_sum = np.zeros((n_q, n_groups))
    lik_fav = np.zeros((n_q, n_groups))
    lik_n = np.zeros((n_q, n_groups))
    for qi, q in enumerate(questions):
        k = len(q.options)
        slots = totals[qi, :, :k]
        distribution.append(
            np.where(shown_q[qi, :, None], slots, 0).astype(np.int32)
            if q.kind != NUMBER
            else np.zeros((n_groups, 0), dtype=np.int32)
        )
        with np.errstate(invalid="ignore", divide="ignore"):
            if q.kind == LIKERT and k >= 2:
                position = np.arange(k)[::-1] if q.reverse else np.arange(k)
                points = 100.0 * position / (k - 1)
                good = position >= k - 2
                n = slots.sum(axis=1)
                lik_n[qi] = n
                lik_sum[qi] = slots @ points
                lik_fav[qi] = slots @ good
                score[qi] = lik_sum[qi] / n
                favourable[qi] = lik_fav[qi] / n
            elif q.kind == SINGLE and (q.sensitive or q.dimension in sensitive_dims):
                n = slots.sum(axis=1)
                exposed[qi] = slots[:, 1:].sum(axis=1) / n
            elif q.kind == NUMBER:
                mean[qi] = totals[qi, :, max_options] / n_answers[qi]
    hidden = ~shown_q
    for arr in (score, favourable, exposed, mean):
        arr[hidden] = np.nan
    answers_shown = np.where(shown_q, n_answers, -1).astype(np.int64)

    # Dimensions: the sums of their scale questions, where every question is shown.
    n_d = len(dimensions)
    dim_answers = np.full((n_d, n_groups), -1, dtype=np.int64)
    dim_score = np.full((n_d, n_groups), np.nan)
    dim_fav = np.full((n_d, n_groups), np.nan)
    dim_thresholds = np.full(n_d, min_group, dtype=np.int64)
    for d, dim in enumerate(dimensions):
        members = [qi for qi, q in enumerate(questions) if q.dimension == d]
        if members:
            dim_thresholds[d] = int(thresholds[members].max())
        elif dim.sensitive:
            dim_thresholds[d] = min_sensitive
        scale = [qi for qi in members if questions[qi].kind == LIKERT]
        if not members:
            continue
        every = shown_q[members].all(axis=0)
        total = n_answers[members].sum(axis=0)
        dim_answers[d] = np.where(every, total, -1)
        if scale:
            n = lik_n[scale].sum(axis=0)
            with np.errstate(invalid="ignore", divide="ignore"):
                dim_score[d] = np.where(every, lik_sum[scale].sum(axis=0) / n, np.nan)
                dim_fav[d] = np.where(every, lik_fav[scale].sum(axis=0) / n, np.nan)
    return SurveyResults(
        min_group=min_group,
        min_sensitive=min_sensitive,
        group_unit=layout.group_unit,
        group_band=layout.group_band,
        group_value=layout.group_value,
        responses=responses_shown.astype(np.int64),
        thresholds=thresholds,
        answers=answers_shown,
        score=score,
        favourable=favourable,
        exposed=exposed,
        mean=mean,
        distribution=distribution,
        dim_answers=dim_answers,
        dim_score=dim_score,
        dim_favourable=dim_fav,
        dim_thresholds=dim_thresholds,
        band_depth=layout.band_depth,
        released=shown_r,
        own_releases=own,
        kinds=tuple(q.kind for q in questions),
    )
