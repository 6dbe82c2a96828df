"""The results engine (``wellbeing.results``, pure): figures worked out by hand, the thresholds,
the difference rule, questions decided on their own count, and the background splits."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

from charlie.wellbeing import results
from charlie.wellbeing.results import (
    LIKERT,
    MULTIPLE,
    NUMBER,
    SINGLE,
    Answers,
    DimensionSpec,
    QuestionSpec,
    Responses,
    UnitTree,
    compute,
)

SCALE = (1.0, 2.0, 3.0, 4.0, 5.0)


def test_the_module_examples_hold():
    assert doctest.testmod(results).failed == 0


def answers_of(values: dict[int, list[float | list[float] | None]]) -> Answers:
    """``{question: [value per response]}`` (None: skipped; a list: several options)."""
    resp, ques, val = [], [], []
    for q, per_response in values.items():
        for r, v in enumerate(per_response):
            if v is None:
                continue
            for one in v if isinstance(v, list) else [v]:
                resp.append(r)
                ques.append(q)
                val.append(one)
    return Answers.of(resp, ques, val)


def one_unit(n: int) -> tuple[UnitTree, Responses]:
    return UnitTree(np.array([-1])), Responses.of([0] * n)


def test_a_scale_is_a_score_from_0_to_100_with_reverse_questions_turned():
    tree, resp = one_unit(5)
    questions = [
        QuestionSpec("q0", LIKERT, SCALE, dimension=0),
        QuestionSpec("q1", LIKERT, SCALE, reverse=True, dimension=0),
    ]
    # q0: 5,4,3,2,1 → 100,75,50,25,0: mean 50, favourable (4 or 5) 2 of 5.
    # q1 (reverse): 1,1,2,5,3 → turned 5,5,4,1,3 → 100,100,75,0,50: mean 65, favourable 3 of 5.
    ans = answers_of({0: [5, 4, 3, 2, 1], 1: [1, 1, 2, 5, 3]})
    res = compute(tree, questions, [DimensionSpec("d")], resp, ans, min_group=5, min_sensitive=20)
    unit = res.unit_group(0)
    q0, q1 = res.question(0, unit), res.question(1, unit)
    assert (q0.answers, q0.score, q0.favourable) == (5, 50.0, 0.4)
    assert (q1.answers, q1.score, q1.favourable) == (5, 65.0, 0.6)
    assert q1.distribution == (2, 1, 1, 0, 1)  # as answered, not turned
    # The dimension: all 10 answers, (250 + 325) / 10 = 57.5; favourable 5 of 10.
    dim = res.dimension(0, unit)
    assert (dim.answers, dim.score, dim.favourable) == (10, 57.5, 0.5)
    # The survey's root is the same people.
    assert res.dimension(0, results.ROOT).score == 57.5


def test_choices_numbers_and_offensive_behaviour():
    tree, resp = one_unit(5)
    questions = [
        QuestionSpec("arbejdstid", MULTIPLE, (1.0, 2.0, 3.0)),
        QuestionSpec("timer", NUMBER),
        QuestionSpec("mobning", SINGLE, SCALE, sensitive=True),
    ]
    ans = answers_of(
        {
            0: [[1], [1, 2], [2], [3], [1, 3]],
            1: [37, 30, 20, 37, 32],
            2: [1, 1, 2, 1, 5],
        }
    )
    res = compute(tree, questions, [], resp, ans, min_group=5, min_sensitive=5)
    unit = res.unit_group(0)
    multiple = res.question(0, unit)
    assert multiple.answers == 5  # respondents, not ticks
    assert multiple.distribution == (3, 2, 2)
    assert multiple.score is None
    assert res.question(1, unit).mean == pytest.approx(31.2)  # 156 / 5
    exposed = res.question(2, unit)
    assert exposed.exposed == pytest.approx(0.4)  # 2 of 5 answered other than "Nej"
    assert exposed.threshold == 5


def test_no_figure_for_a_group_below_the_minimum():
    tree = UnitTree(np.array([-1, -1]))
    resp = Responses.of([0] * 4 + [1] * 5)
    ans = answers_of({0: [3] * 9})
    res = compute(
        tree, [QuestionSpec("q", LIKERT, SCALE)], [], resp, ans, min_group=5, min_sensitive=20
    )
    assert res.responses_of(res.unit_group(0)) is None
    assert not res.question(0, res.unit_group(0)).shown
    # The other unit has 5, but the survey (9) minus it would give the 4 away: hidden too.
    assert not res.question(0, res.unit_group(1)).shown
    assert res.question(0, results.ROOT).answers == 9


def test_the_difference_rule_between_a_unit_and_its_parent():
    # P (2 answers of its own) with A (6) and B (5): P − A − B would give P's 2 away, so the
    # smallest child (B) is hidden too; then P − A = 7 is enough.
    tree = UnitTree(np.array([-1, 0, 0]))
    resp = Responses.of([0] * 2 + [1] * 6 + [2] * 5)
    ans = answers_of({0: [4] * 13})
    res = compute(
        tree, [QuestionSpec("q", LIKERT, SCALE)], [], resp, ans, min_group=5, min_sensitive=20
    )
    shown = {u: res.question(0, res.unit_group(u)).shown for u in (0, 1, 2)}
    assert shown == {0: True, 1: True, 2: False}
    assert res.responses_of(res.unit_group(2)) is None


def test_a_question_is_decided_on_its_own_count():
    # One unit, 8 responses; q1 answered by 3 only: hidden, while q0 (8) is shown; the
    # dimension of both is hidden (it is their sum).
    tree, resp = one_unit(8)
    questions = [
        QuestionSpec("q0", LIKERT, SCALE, dimension=0),
        QuestionSpec("q1", LIKERT, SCALE, dimension=0),
    ]
    ans = answers_of({0: [4] * 8, 1: [5, 5, 5, None, None, None, None, None]})
    res = compute(tree, questions, [DimensionSpec("d")], resp, ans, min_group=5, min_sensitive=20)
    unit = res.unit_group(0)
    assert res.question(0, unit).shown and res.question(0, unit).answers == 8
    assert not res.question(1, unit).shown
    assert not res.dimension(0, unit).shown
    assert res.own_releases == 1


def test_a_question_skipped_in_one_sub_unit_hides_its_sibling_too():
    # P = A (6, all answer q) + B (6, 2 answer q). Responses: every group shown. For q, B has 2
    # answers (hidden), and P − A would give those 2 away: A is hidden for q too.
    tree = UnitTree(np.array([-1, 0, 0]))
    resp = Responses.of([1] * 6 + [2] * 6)
    ans = answers_of({0: [3] * 6 + [1, 1, None, None, None, None]})
    res = compute(
        tree, [QuestionSpec("q", LIKERT, SCALE)], [], resp, ans, min_group=5, min_sensitive=20
    )
    assert all(res.responses_of(res.unit_group(u)) == n for u, n in ((0, 12), (1, 6), (2, 6)))
    assert res.question(0, res.unit_group(0)).answers == 8
    assert not res.question(0, res.unit_group(1)).shown
    assert not res.question(0, res.unit_group(2)).shown


def test_offensive_behaviour_needs_the_higher_threshold():
    tree = UnitTree(np.array([-1, 0]))
    resp = Responses.of([0] * 10 + [1] * 14)  # the unit 24, its sub-unit 14
    questions = [
        QuestionSpec("trivsel", LIKERT, SCALE),
        QuestionSpec("chikane", SINGLE, SCALE, dimension=0),
    ]
    ans = answers_of({0: [4] * 24, 1: [1] * 20 + [2] * 4})
    res = compute(
        tree,
        questions,
        [DimensionSpec("kraenkende", True)],
        resp,
        ans,
        min_group=5,
        min_sensitive=20,
    )
    sub = res.unit_group(1)
    assert res.question(0, sub).shown  # 14 ≥ 5
    assert not res.question(1, sub).shown  # 14 < 20
    top = res.unit_group(0)
    # The unit's 24 are shown: its hidden sub-unit's 14 stay inside it (no shown figure to
    # subtract); 4 of 24 exposed.
    assert res.question(1, top).answers == 24
    assert res.question(1, top).exposed == pytest.approx(4 / 24)
    assert res.dim_thresholds[0] == 20


def test_background_splits_of_the_survey_and_the_top_units():
    # Two top units; band "age" with two values. 21 responses: unit 0 has 11 (6 young,
    # 5 old), unit 1 has 10 (5 young, 5 old).
    tree = UnitTree(np.array([-1, -1]))
    unit = [0] * 11 + [1] * 10
    age = [0] * 6 + [1] * 5 + [0] * 5 + [1] * 5
    resp = Responses.of(unit, [[a] for a in age])
    ans = answers_of({0: [4] * 21})
    res = compute(
        tree,
        [QuestionSpec("q", LIKERT, SCALE)],
        [],
        resp,
        ans,
        [2],
        min_group=5,
        min_sensitive=20,
    )
    assert res.band_depth == 1  # 2 values × (1 + 2 units) = 6 cells
    assert [res.responses_of(g) for g in res.band_groups(0)] == [11, 10]
    assert [res.responses_of(g) for g in res.band_groups(0, 0)] == [6, 5]
    assert [res.responses_of(g) for g in res.band_groups(0, 1)] == [5, 5]
    young = res.band_groups(0, 1)[0]
    assert res.question(0, young).score == 75.0


def test_a_split_that_would_give_a_hidden_one_away_is_hidden():
    # Unit 0 has 10 (6 young, 4 old), unit 1 has 10 (5 young, 5 old). Unit 0's split is
    # hidden (4 old); the survey's old (9) minus unit 1's old (5) would give those 4 away, so
    # unit 1's split is hidden too.
    tree = UnitTree(np.array([-1, -1]))
    unit = [0] * 10 + [1] * 10
    age = [0] * 6 + [1] * 4 + [0] * 5 + [1] * 5
    resp = Responses.of(unit, [[a] for a in age])
    ans = answers_of({0: [4] * 20})
    res = compute(
        tree,
        [QuestionSpec("q", LIKERT, SCALE)],
        [],
        resp,
        ans,
        [2],
        min_group=5,
        min_sensitive=20,
    )
    survey = res.band_groups(0)
    assert [res.responses_of(g) for g in survey] == [11, 9]
    assert [res.responses_of(g) for g in res.band_groups(0, 0)] == [None, None]
    assert [res.responses_of(g) for g in res.band_groups(0, 1)] == [None, None]


def test_a_response_without_a_band_value_is_in_no_split():
    tree, _resp = one_unit(0)
    resp = Responses.of([0] * 12, [[0]] * 5 + [[1]] * 5 + [[-1]] * 2)
    ans = answers_of({0: [4] * 12})
    res = compute(
        tree,
        [QuestionSpec("q", LIKERT, SCALE)],
        [],
        resp,
        ans,
        [2],
        min_group=5,
        min_sensitive=20,
    )
    groups = res.band_groups(0)
    # 5 + 5 of 12: the two without a value would be the survey minus both splits — so one
    # split is hidden.
    shown = [res.responses_of(g) for g in groups]
    assert shown.count(None) >= 1
    assert res.responses_of(results.ROOT) == 12


def test_band_depth_keeps_the_split_small():
    depth = np.array([1, 2, 2, 2, 3])
    assert results.band_depth(depth, []) == 0
    assert results.band_depth(depth, [5], limit=10) == 1  # 5 × (1 + 1)
    assert results.band_depth(depth, [5], limit=25) == 2  # 5 × (1 + 4)
    assert results.band_depth(depth, [5], limit=9) == 0


def test_values_the_question_does_not_offer_are_not_counted():
    tree, resp = one_unit(5)
    ans = answers_of({0: [4, 4, 4, 4, 9]})
    res = compute(
        tree, [QuestionSpec("q", LIKERT, SCALE)], [], resp, ans, min_group=5, min_sensitive=20
    )
    assert not res.question(0, res.unit_group(0)).shown  # 4 counted answers


def test_no_responses_at_all():
    tree, resp = one_unit(0)
    res = compute(
        tree,
        [QuestionSpec("q", LIKERT, SCALE)],
        [DimensionSpec("d")],
        resp,
        answers_of({}),
        min_group=5,
        min_sensitive=20,
    )
    fig = res.question(0, results.ROOT)
    assert fig.shown and fig.answers == 0 and fig.score is None
