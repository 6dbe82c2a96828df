"""Differencing attacks on the results (issue 16, "Done when": "a differencing attempt (unit vs
parent, two overlapping background splits) reveals nothing").

The attacker is written apart from the engine: from the data it made, it works out which
answers every published figure covers — a unit's figure covers its own and its sub-units'
answers, a background split's those with the value, a dimension's those of all its questions —
and asks linear algebra whether any set of answers from fewer people than the threshold lies in
the span of the published figures (``tests/test_attacker.solvable_small_groups``: every set of
blocks with 1 … minimum − 1 people is tried). A figure that is a sum over answers (a score is a
sum divided by the number of answers, and both are published) can then be subtracted down to
those few people. Response counts are attacked the same way, one atom per response.

First on random surveys through the pure engine (trees up to three levels deep, answers at
every level, two background bands, skipped questions, an offensive-behaviour question); then
the issue's own story through the service, as the analyst sees it: a unit against its parent
and two overlapping splits of the same people.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from charlie.wellbeing.results import (
    LIKERT,
    SINGLE,
    Answers,
    DimensionSpec,
    QuestionSpec,
    Responses,
    SurveyResults,
    UnitTree,
    compute,
)
from tests.test_attacker import Cell, solvable_small_groups

SCALE = (1.0, 2.0, 3.0, 4.0, 5.0)


def members(res: SurveyResults, parent: list[int], unit_of: list[int], bands: np.ndarray) -> list:
    """Each group's responses, worked out from the data (not from the engine's arrays)."""
    ancestors = []
    for u in range(len(parent)):
        chain, j = set(), u
        while j >= 0:
            chain.add(j)
            j = parent[j]
        ancestors.append(chain)
    out = []
    for g in range(len(res.group_unit)):
        unit, band, value = (
            int(res.group_unit[g]),
            int(res.group_band[g]),
            int(res.group_value[g]),
        )
        mask = np.array([unit < 0 or unit in ancestors[u] for u in unit_of], dtype=bool)
        if band >= 0:
            mask &= bands[:, band] == value
        out.append(mask)
    return out


def attack(
    res: SurveyResults,
    groups: list[np.ndarray],
    answered: np.ndarray,
    questions: list[int],
    dimension: int | None,
    min_size: int,
) -> list[str]:
    """Try to solve for the answers of fewer than ``min_size`` people to ``questions``."""
    atoms = [(r, q) for q in questions for r in np.flatnonzero(answered[:, q]).tolist()]
    index = {atom: i for i, atom in enumerate(atoms)}
    cells = []
    for g, mask in enumerate(groups):
        for q in questions:
            if res.answers[q, g] >= 0:
                picked = [index[(r, q)] for r in np.flatnonzero(mask & answered[:, q]).tolist()]
                assert len(picked) == res.answers[q, g]  # the attacker's model is right
                cells.append(Cell(f"q{q} g{g}", picked, None, None))
        if dimension is not None and res.dim_answers[dimension, g] >= 0:
            picked = [
                index[(r, q)]
                for q in questions
                for r in np.flatnonzero(mask & answered[:, q]).tolist()
            ]
            cells.append(Cell(f"d g{g}", picked, None, None))
    return solvable_small_groups(cells, [r for r, _q in atoms], min_size)


def attack_counts(res: SurveyResults, groups: list[np.ndarray], min_size: int) -> list[str]:
    n = len(groups[0])
    cells = [
        Cell(f"g{g}", np.flatnonzero(mask).tolist(), None, None)
        for g, mask in enumerate(groups)
        if res.responses[g] >= 0
    ]
    return solvable_small_groups(cells, list(range(n)), min_size)


def random_survey(seed: int):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    parent = [-1]
    for _ in range(rng.randint(3, 7)):
        up = rng.randrange(len(parent))
        depth, j = 1, up
        while parent[j] >= 0:
            depth, j = depth + 1, parent[j]
        parent.append(up if depth < 3 else parent[up])
    n = rng.randint(24, 40)
    unit_of = [rng.randrange(len(parent)) for _ in range(n)]
    sizes = [rng.randint(2, 3), rng.randint(2, 3)]
    bands = np.array(
        [[rng.randrange(s) if rng.random() > 0.1 else -1 for s in sizes] for _ in range(n)]
    )
    questions = [
        QuestionSpec("a", LIKERT, SCALE, dimension=0),
        QuestionSpec("b", LIKERT, SCALE, reverse=True, dimension=0),
        QuestionSpec("c", SINGLE, SCALE, dimension=1),
    ]
    dims = [DimensionSpec("d"), DimensionSpec("k", sensitive=True)]
    rows = ([], [], [])
    answered = np.zeros((n, 3), dtype=bool)
    for r in range(n):
        for q in range(3):
            if rng.random() < 0.15:
                continue
            answered[r, q] = True
            rows[0].append(r)
            rows[1].append(q)
            rows[2].append(rng.randint(1, 5))
    return parent, unit_of, bands, sizes, questions, dims, Answers.of(*rows), answered


@pytest.mark.parametrize("seed", range(10))
def test_no_small_group_can_be_solved_for_in_a_random_survey(seed):
    parent, unit_of, bands, sizes, questions, dims, answers, answered = random_survey(seed)
    min_group, min_sensitive = 3, 5
    res = compute(
        UnitTree(np.array(parent)),
        questions,
        dims,
        Responses.of(unit_of, bands),
        answers,
        sizes,
        min_group=min_group,
        min_sensitive=min_sensitive,
        band_cells=60,
    )
    groups = members(res, parent, unit_of, bands)
    assert res.band_depth >= 1  # the units are split too, not only the survey
    found = attack(res, groups, answered, [0, 1], 0, min_group)
    found += attack(res, groups, answered, [2], 1, min_sensitive)
    found += attack_counts(res, groups, min_group)
    assert not found, found
    # The test cannot pass by publishing nothing, nor by hiding nothing.
    assert (res.answers[0] >= 0).sum() >= 2
    assert (res.responses < 0).any() or (res.answers < 0).any()


def test_the_attacker_finds_what_a_plain_minimum_would_give_away():
    """Publishing every group that has enough answers, without the difference rule, gives
    someone away in these surveys: the attack is not blind."""
    import dataclasses

    leaks = 0
    for seed in range(10):
        parent, unit_of, bands, sizes, questions, dims, answers, answered = random_survey(seed)
        res = compute(
            UnitTree(np.array(parent)),
            questions,
            dims,
            Responses.of(unit_of, bands),
            answers,
            sizes,
            min_group=3,
            min_sensitive=5,
            band_cells=60,
        )
        groups = members(res, parent, unit_of, bands)
        counts = np.array([[(g & answered[:, q]).sum() for g in groups] for q in range(3)])
        naive = dataclasses.replace(
            res,
            answers=np.where(counts >= 3, counts, -1),
            dim_answers=np.full_like(res.dim_answers, -1),
        )
        leaks += bool(attack(naive, groups, answered, [0, 1], None, 3))
    assert leaks >= 3


# --- The story, through the service, as the analyst sees it ------------------------------

AGES = ("30-39", "40-49", "50-59")
FAMILIES = ("sosu", "paedagog", "laerer")


@pytest.fixture
def surveyed(org, users):  # type: ignore[no-untyped-def]
    """A closed survey of the test organisation with the bands age and job family, answers at
    every level (some in a unit's own name, a handful in Syd), a quarter of them skipping the
    second question, and small overlapping groups: few aged 50–59, fewer teachers outside the
    school."""
    from charlie.wellbeing.tests.factories import add_response, closed_survey

    rng = random.Random(16)
    survey = closed_survey([org.kommune], bands=["age", "job_family"])
    places = [org.nord] * 12 + [org.syd] * 3 + [org.aeldre] * 6 + [org.skole] * 14
    places += [org.kultur] * 2 + [org.kommune] * 1
    for unit in places:
        values = {"indflydelse-1": rng.randint(1, 5)}
        if rng.random() > 0.25:
            values["indflydelse-2"] = rng.randint(1, 5)
        bands = {
            "age": rng.choice(AGES[:2]) if rng.random() > 0.2 else AGES[2],
            "job_family": "laerer" if unit == org.skole else rng.choice(FAMILIES[:2]),
        }
        if rng.random() < 0.1:
            bands = {}  # a group whose bands were left out at launch
        add_response(survey, unit, values, bands=bands)
    return survey


def test_a_unit_against_its_parent_and_two_overlapping_splits_reveal_nothing(surveyed, users):
    from charlie.people.models import OrgUnit
    from charlie.people.services import access_for
    from charlie.wellbeing.models import Answer, Response
    from charlie.wellbeing.services import results as service

    analyst = access_for(users["analyst"])
    # The data, as the test made it.
    responses = list(Response.objects.filter(survey=surveyed).select_related("unit"))
    position = {r.pk: i for i, r in enumerate(responses)}
    paths = [r.unit.path for r in responses]
    bands = [r.band_values for r in responses]
    answered: dict[str, set[int]] = {"indflydelse-1": set(), "indflydelse-2": set()}
    for response_id, code in Answer.objects.filter(response__survey=surveyed).values_list(
        "response_id", "question__code"
    ):
        answered[code].add(position[response_id])
    path_of = dict(OrgUnit.objects.values_list("pk", "path"))

    def under(unit_id: int | None) -> set[int]:
        if unit_id is None:
            return set(range(len(responses)))
        return {i for i, p in enumerate(paths) if p.startswith(path_of[unit_id])}

    # Everything the analyst can fetch: every unit's figures, every question and dimension of
    # every unit, and every background split on every unit's page.
    units = service.result_rows(analyst, surveyed.pk, by="unit")
    count_cells, answer_cells = [], []
    atoms = [(r, q) for q in answered for r in sorted(answered[q])]
    index = {atom: i for i, atom in enumerate(atoms)}

    def answers_of(members: set[int], codes: tuple[str, ...]) -> list[int]:
        return [index[(r, q)] for q in codes for r in sorted(members & answered[q])]

    bigger_but_hidden = []
    for row in units:
        members = under(row["unit_id"])
        if row["count"] is None and len(members) >= 5:
            bigger_but_hidden.append(row["unit"])
        if row["count"] is not None:
            count_cells.append(Cell(f"unit {row['unit']}", sorted(members), None, None))
        for q in service.result_rows(analyst, surveyed.pk, by="question", unit_id=row["unit_id"]):
            if q["question"] in answered and q["count"] is not None:
                picked = answers_of(members, (q["question"],))
                assert len(picked) == q["count"]
                answer_cells.append(Cell(f"{q['question']} {row['unit']}", picked, None, None))
        for d in service.result_rows(analyst, surveyed.pk, by="dimension", unit_id=row["unit_id"]):
            if d["dimension"] == "indflydelse" and d["count"] is not None:
                picked = answers_of(members, tuple(answered))
                assert len(picked) == d["count"]
                answer_cells.append(Cell(f"dimension {row['unit']}", picked, None, None))
        page = service.unit_page(analyst, surveyed.pk, row["unit_id"])
        for split in page.bands:
            for value, n, score in zip(
                split.codes,
                split.responses,
                dict(split.dimensions).get("Indflydelse", ()),
                strict=True,
            ):
                group = {i for i in members if bands[i].get(split.key) == value}
                if n is None and len(group) >= 5:
                    bigger_but_hidden.append(f"{split.key}={value} {row['unit']}")
                if n is not None:
                    assert n == len(group)
                    count_cells.append(
                        Cell(f"{split.key}={value} {row['unit']}", sorted(group), None, None)
                    )
                if score is not None:
                    answer_cells.append(
                        Cell(
                            f"dimension {split.key}={value}",
                            answers_of(group, tuple(answered)),
                            None,
                            None,
                        )
                    )
    hidden = [row["unit"] for row in units if row["suppressed"]]
    assert "Plejecenter Syd" in hidden  # 3 answers
    # And groups with enough answers of their own are hidden too, so that subtraction does not
    # give the small ones away: the difference rule is at work here, not only the minimum.
    assert bigger_but_hidden, "the story needs the difference rule"
    assert len(count_cells) > 5 and len(answer_cells) > 5
    assert not solvable_small_groups(count_cells, list(range(len(responses))), 5)
    assert not solvable_small_groups(answer_cells, [r for r, _q in atoms], 5)
