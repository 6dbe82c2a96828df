"""The gap between what a person has and what a role requires (issue 13, points 5–7), pure:
the standard library only. Services load the levels and requirements; the road map, the gap
analysis and the candidate ranking all start from :func:`gap`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Need:
    """One requirement of a role profile."""

    skill_id: int
    min_level: int
    essential: bool


@dataclass(frozen=True)
class GapLine:
    skill_id: int
    required: int
    held: int  # 0: not held at all
    essential: bool

    @property
    def missing(self) -> int:
        """Levels still missing (0 when met)."""
        return max(0, self.required - self.held)

    @property
    def met(self) -> bool:
        return self.held >= self.required


def gap(held: Mapping[int, int], needs: Iterable[Need]) -> list[GapLine]:
    """Each requirement against the person's confirmed level of that skill (0 if none), in the
    order: essential before optional, then the largest shortfall first, then by skill id."""
    lines = [GapLine(n.skill_id, n.min_level, held.get(n.skill_id, 0), n.essential) for n in needs]
    return sorted(lines, key=lambda g: (not g.essential, -g.missing, g.skill_id))
