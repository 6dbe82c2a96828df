"""Scoring a module's quiz (issue 14, point 2). Pure: no Django.

Each question is all-or-nothing: it counts as right only when the person chose exactly the right
choices — every right one and no wrong one (for a question with several right answers, a partly
right answer scores nothing, so guessing "all of them" never pays). The score is the share of
right questions in whole per cent, rounded down (so 79.9 is never shown as a pass at 80), and
the quiz is passed when the score is at least the module's pass mark. A quiz without questions
scores 0 and cannot be passed.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass

__all__ = ["Key", "Score", "score"]


@dataclass(frozen=True, slots=True)
class Key:
    """One question: its id and the ids of its right choices."""

    question_id: int
    right: frozenset[int]


@dataclass(frozen=True, slots=True)
class Score:
    percent: int
    passed: bool
    #: The ids of the questions answered wrong (or not at all), in the quiz's order.
    wrong: tuple[int, ...]
    right_count: int
    total: int


def score(keys: list[Key], answers: Mapping[int, Set[int]], pass_mark: int) -> Score:
    """Score ``answers`` (question id → the chosen choice ids) against ``keys``."""
    wrong = tuple(
        k.question_id for k in keys if frozenset(answers.get(k.question_id, ())) != k.right
    )
    total = len(keys)
    right_count = total - len(wrong)
    percent = (right_count * 100) // total if total else 0
    return Score(
        percent=percent,
        passed=total > 0 and percent >= pass_mark,
        wrong=wrong,
        right_count=right_count,
        total=total,
    )
