"""The road map planner (``skills.roadmap``), worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from charlie.skills.gaps import GapLine, Need, gap
from charlie.skills.roadmap import Option, best_option, duration_weeks, lay_out, propose


def _opt(key: str, skill: int, hours: float, level: int, weeks: int = 4) -> Option:
    return Option(key, skill, f"Aktivitet {key}", "course", hours, level, weeks)


def test_the_activity_reaching_the_level_with_fewest_hours_is_chosen():
    line = GapLine(skill_id=1, required=3, held=1, essential=True)
    options = [_opt("a", 1, 10, 2), _opt("b", 1, 30, 3), _opt("c", 1, 20, 4), _opt("d", 2, 1, 4)]
    # a is cheapest but only reaches level 2; c reaches 4 ≥ 3 with 20 hours < b's 30.
    assert best_option(line, options).key == "c"
    assert best_option(GapLine(3, 2, 0, True), options) is None


def test_a_step_lasts_its_weeks_or_longer_when_the_hours_do_not_fit_the_budget():
    assert duration_weeks(_opt("a", 1, 8, 2, weeks=4), 4) == 4  # 8 h at 4 h/week: 2 weeks < 4
    assert duration_weeks(_opt("a", 1, 30, 2, weeks=4), 4) == 8  # 30 / 4 = 7.5 → 8 weeks
    with pytest.raises(ValueError):
        duration_weeks(_opt("a", 1, 30, 2), 0)


def test_propose_orders_essential_first_then_largest_gap_and_lays_out_a_timeline():
    held = {1: 1, 2: 0, 3: 3, 4: 2}
    needs = [
        Need(1, 3, essential=False),  # optional, gap 2
        Need(2, 2, essential=True),  # essential, gap 2
        Need(3, 2, essential=True),  # met
        Need(4, 4, essential=True),  # essential, gap 2 → after skill 2 by id
        Need(5, 1, essential=True),  # essential, gap 1, no activity
    ]
    options = [
        _opt("s1", 1, 12, 3, weeks=3),
        _opt("s2", 2, 20, 2, weeks=2),  # 20 h at 4 h/week: 5 weeks
        _opt("s4", 4, 4, 4, weeks=1),
    ]
    rm = propose(gap(held, needs), options, start=date(2027, 1, 4), hours_per_week=4)
    assert [s.option.key for s in rm.steps] == ["s2", "s4", "s1"]
    # s2: 4 Jan + 5 weeks − 1 day = 7 Feb; s4 (1 week) 8–14 Feb; s1 (3 weeks) 15 Feb – 7 Mar.
    assert [(s.starts_on, s.ends_on) for s in rm.steps] == [
        (date(2027, 1, 4), date(2027, 2, 7)),
        (date(2027, 2, 8), date(2027, 2, 14)),
        (date(2027, 2, 15), date(2027, 3, 7)),
    ]
    assert rm.total_hours == 36
    assert rm.ends_on == date(2027, 3, 7)
    assert [ln.skill_id for ln in rm.unresolved] == [5]
    assert [ln.skill_id for ln in rm.met] == [3]


def test_lay_out_keeps_a_moved_start_and_the_next_step_follows_it():
    a, b = _opt("a", 1, 4, 2, weeks=1), _opt("b", 2, 4, 2, weeks=2)
    line = GapLine(1, 2, 0, True)
    steps = lay_out(
        [(b, line), (a, line)],
        start=date(2027, 1, 4),
        hours_per_week=4,
        starts=[date(2027, 3, 1), None],
    )
    assert [(s.option.key, s.starts_on, s.ends_on) for s in steps] == [
        ("b", date(2027, 3, 1), date(2027, 3, 14)),
        ("a", date(2027, 3, 15), date(2027, 3, 21)),
    ]
