"""The pure matching: the closeness measure, the gap hours, the ranking and the greedy team,
worked by hand (docs/skills.md, "Gab, omskoling og hold")."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from charlie.skills import matching
from charlie.skills.matching import Levels


def test_levels_from_rows_makes_a_dense_matrix_with_zeros_for_skills_not_held():
    levels = Levels.from_rows([7, 7, 3], [100, 200, 200], [2, 3, 1], persons=[3, 5, 7])
    assert levels.person_ids.tolist() == [3, 5, 7]
    held = levels.held([200, 100, 999])
    assert held.tolist() == [[1, 0, 0], [0, 0, 0], [3, 2, 0]]
    assert levels.rows_of([7, 4, 3]).tolist() == [2, -1, 0]


def test_coverage_by_hand():
    # Essential skill A needs 3 (weight 2), optional B needs 2 (weight 1).
    # Held A=3, B=0: (2·1 + 1·0) / 3 = 0.667; A=1, B=2: (2·⅓ + 1·1) / 3 = 0.556;
    # A=4, B=4: levels above the requirement earn nothing extra: 1.0.
    held = np.array([[3, 0], [1, 2], [4, 4], [0, 0]])
    got = matching.coverage(held, [3, 2], [True, False])
    assert got.round(3).tolist() == [0.667, 0.556, 1.0, 0.0]


def test_gap_hours_use_the_learning_steps_and_the_default_elsewhere():
    steps = matching.default_step_hours(2, 4)
    steps[0, 2] = 10.0  # a 10-hour course raises skill 0 from 1 to 2
    cum = matching.cumulative_hours(steps)
    # Person at 0/0, needs 2/1: skill 0: 37 + 10; skill 1: 37.
    # Person at 1/1: skill 0: 10; skill 1: 0.
    got = matching.gap_hours(np.array([[0, 0], [1, 1], [2, 3]]), [2, 1], cum)
    assert got.tolist() == [84.0, 10.0, 0.0]


def test_rank_orders_by_coverage_then_hours_then_id():
    order = matching.rank(
        np.array([0.5, 0.9, 0.9, 0.9]),
        np.array([1.0, 20.0, 10.0, 10.0]),
        np.array([1, 2, 4, 3]),
    )
    assert order.tolist() == [3, 2, 1, 0]


def test_reskillable_within_the_years():
    got = matching.reskillable(np.array([0.0, 148.0, 149.0]), hours_per_year=74, years=2)
    assert got.tolist() == [True, True, False]


def test_met_by_group_counts_per_finest_group():
    meets = np.array([[True, False], [True, True], [False, False]])
    counts, people = matching.met_by_group(meets, np.array([0, 0, 1]), 2)
    assert counts.tolist() == [[2, 1], [0, 0]]
    assert people.tolist() == [2, 1]


def test_greedy_team_covers_what_it_can_and_says_what_is_missing():
    # Needs: A 40 h, B 20 h, C 10 h. Nobody holds C.
    meets = np.array([[True, False, False], [True, True, False], [False, True, False]])
    team = matching.greedy_team(meets, [40, 20, 10], capacity=[40, 30, 30])
    # Round 1: person 1 can give min(60, 30) = 30, person 0 40: person 0 takes A.
    # Round 2: person 1 (B 20) and person 2 (B 20) tie: the lowest row, person 1.
    assert team.members == [0, 1]
    assert team.covers == [[0], [1]]
    assert team.missing_hours.tolist() == [0.0, 0.0, 10.0]
    assert team.uncovered == [2]


def test_greedy_team_stops_at_max_members():
    meets = np.eye(4, dtype=bool)
    team = matching.greedy_team(meets, [5, 5, 5, 5], max_members=2)
    assert len(team.members) == 2
    assert team.uncovered == [2, 3]


@given(
    st.lists(st.lists(st.integers(0, 4), min_size=3, max_size=3), min_size=1, max_size=30),
    st.lists(st.integers(1, 4), min_size=3, max_size=3),
)
def test_vectorised_scores_equal_a_per_person_loop(rows, required):
    held = np.array(rows)
    essential = [True, False, True]
    cum = matching.cumulative_hours(matching.default_step_hours(3, 4))
    scores = matching.coverage(held, required, essential)
    hours = matching.gap_hours(held, required, cum)
    for i, row in enumerate(rows):
        w = [2.0 if e else 1.0 for e in essential]
        expect = sum(wj * min(h, r) / r for wj, h, r in zip(w, row, required, strict=True)) / sum(w)
        assert abs(scores[i] - expect) < 1e-9
        expect_hours = sum(37.0 * max(0, r - h) for h, r in zip(row, required, strict=True))
        assert hours[i] == expect_hours
        assert 0.0 <= scores[i] <= 1.0


def test_the_examples_in_the_docstrings():
    import doctest

    assert doctest.testmod(matching).failed == 0
