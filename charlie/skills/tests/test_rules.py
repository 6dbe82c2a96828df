"""The proficiency scales (pure)."""

from __future__ import annotations

import pytest

from charlie.skills.rules import DEFAULT_SCALE, DIGCOMP_SCALE, scale_of


def test_the_default_scale_has_four_levels_and_digcomp_eight() -> None:
    assert [lvl.number for lvl in DEFAULT_SCALE.levels] == [1, 2, 3, 4]
    assert DIGCOMP_SCALE.top == 8
    assert scale_of("digcomp") is DIGCOMP_SCALE
    assert scale_of("unknown") is DEFAULT_SCALE
    assert DEFAULT_SCALE.valid(4) and not DEFAULT_SCALE.valid(5) and not DEFAULT_SCALE.valid(0)
    with pytest.raises(ValueError):
        DEFAULT_SCALE.level(5)
