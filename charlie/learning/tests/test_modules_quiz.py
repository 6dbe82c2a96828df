"""Quiz scoring by hand: all-or-nothing per question, per cent rounded down."""

from __future__ import annotations

from charlie.learning.quiz import Key, score

KEYS = [
    Key(1, frozenset({11})),  # one right answer
    Key(2, frozenset({21, 23})),  # two right answers
    Key(3, frozenset({31})),
    Key(4, frozenset({41})),
    Key(5, frozenset({51})),
]


def test_all_right_scores_100_and_passes():
    result = score(KEYS, {1: {11}, 2: {21, 23}, 3: {31}, 4: {41}, 5: {51}}, 80)
    assert (result.percent, result.passed, result.wrong) == (100, True, ())


def test_a_partly_right_multiple_choice_question_scores_nothing():
    # Question 2 misses 23: 4 of 5 right = 80 per cent, exactly the pass mark.
    result = score(KEYS, {1: {11}, 2: {21}, 3: {31}, 4: {41}, 5: {51}}, 80)
    assert (result.percent, result.passed, result.wrong) == (80, True, (2,))
    # Choosing every answer to question 2 (21, 22, 23) is wrong too.
    assert score(KEYS, {2: {21, 22, 23}}, 80).wrong[:2] == (1, 2)


def test_three_of_five_fails_at_80_and_unanswered_counts_wrong():
    result = score(KEYS, {1: {11}, 2: {21, 23}, 3: {31}}, 80)
    # 3 of 5 = 60 per cent; questions 4 and 5 were not answered.
    assert (result.percent, result.passed, result.wrong) == (60, False, (4, 5))


def test_the_score_is_rounded_down():
    keys = [Key(i, frozenset({i * 10})) for i in range(1, 4)]
    # 2 of 3 = 66.67 per cent → 66, so a pass mark of 67 is not reached.
    result = score(keys, {1: {10}, 2: {20}}, 67)
    assert (result.percent, result.passed) == (66, False)


def test_an_empty_quiz_cannot_be_passed():
    assert score([], {}, 1).passed is False
