"""The onboarding check-ins in figures (issue 16, point 6; pure, no Django).

Recruitment asks a new colleague a few questions 30 and 90 days after their first working day
(docs/recruitment-onboarding.md). Here their answers become figures per unit and half-year with
the anonymity rules of every well-being figure: one release per half-year (the check-ins
answered in it, 30 and 90 days together) over the whole unit tree, through
``participation.release`` — no figure for fewer than ``min_size`` new colleagues, the difference
rule between a unit and its sub-units. A hidden group shows no measure at all.

Per question: a choice question gives the share (in %) that gave its first answer ("Ja"), and
the share of each answer; a scale question (1–5) gives the mean, and the share of each value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from charlie.wellbeing.participation import Cell, ancestors, release

# --- Half-years ---------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class HalfYear:
    """January–June (``half`` 1) or July–December (2) of a year.

    >>> HalfYear.of(date(2027, 6, 30)), HalfYear.of(date(2027, 7, 1))
    (HalfYear(year=2027, half=1), HalfYear(year=2027, half=2))
    >>> HalfYear(2027, 1).previous(), HalfYear(2027, 1).first_day
    (HalfYear(year=2026, half=2), datetime.date(2027, 1, 1))
    """

    year: int
    half: int

    @classmethod
    def of(cls, day: date) -> HalfYear:
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def parse(cls, text: str | None) -> HalfYear | None:
        """``"2027-1"`` → ``HalfYear(2027, 1)``; anything else → ``None``.

        >>> HalfYear.parse("2027-2"), HalfYear.parse("2027-3"), HalfYear.parse("x")
        (HalfYear(year=2027, half=2), None, None)
        """
        year, _sep, half = (text or "").partition("-")
        if not (year.isdigit() and len(year) == 4 and half in ("1", "2")):
            return None
        return cls(int(year), int(half))

    @property
    def key(self) -> str:
        return f"{self.year}-{self.half}"

    @property
    def first_day(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    def previous(self) -> HalfYear:
        return HalfYear(self.year - 1, 2) if self.half == 1 else HalfYear(self.year, 1)

    def last(self, n: int) -> list[HalfYear]:
        """This half-year and the ``n − 1`` before it, newest first."""
        found = [self]
        while len(found) < n:
            found.append(found[-1].previous())
        return found


# --- Figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """A question as figures need it: ``kind`` "choice" (``values`` in the order asked; the
    first is the one whose share is the headline) or "scale" (``values`` "1" … "5")."""

    key: str
    kind: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Answered:
    """One check-in: who (a number that only ties one colleague's two check-ins together),
    the unit, and the answers by question key."""

    respondent: int
    unit: int
    answers: Mapping[str, str | int]


@dataclass(frozen=True)
class Figures:
    """One unit's figures in one half-year. ``people`` (new colleagues who answered) and
    ``answers`` (check-ins) are ``None`` where the group is hidden, and then every measure is
    ``None`` and ``distribution`` empty. ``headline``: per question, the % giving the first
    answer (choice) or the mean (scale); ``distribution``: per question, % per answer."""

    people: int | None
    answers: int | None
    headline: dict[str, float | None] = field(default_factory=dict)
    distribution: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def hidden(self) -> bool:
        return self.people is None


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1)


def unit_figures(
    parents: Mapping[int, int | None],
    rows: Sequence[Answered],
    questions: Sequence[Question],
    *,
    min_size: int,
) -> dict[Cell, Figures]:
    """Every unit's figures (sub-units included; ``participation.TOTAL``: all) for one
    half-year's check-ins. Units with no check-in are left out (they have nothing to show).

    >>> q = [Question("ok", "choice", ("yes", "no")), Question("score", "scale", ("1", "5"))]
    >>> rows = [Answered(i, 2, {"ok": "yes" if i < 3 else "no", "score": 5 if i else 1})
    ...         for i in range(6)]
    >>> f = unit_figures({1: None, 2: 1}, rows, q, min_size=5)[1]
    >>> f.people, f.headline["ok"], f.headline["score"], f.distribution["ok"]
    (6, 50.0, 4.3, {'yes': 50.0, 'no': 50.0})
    >>> unit_figures({1: None, 2: 1}, rows[:4], q, min_size=5)[1].headline
    {}
    """
    up = ancestors(parents)
    protected = release(parents, [(r.respondent, r.unit) for r in rows], min_size=min_size)
    answers: dict[Cell, int] = {}
    counts: dict[Cell, dict[str, dict[str, int]]] = {}
    for row in rows:
        for cell in up.get(row.unit, ()):
            answers[cell] = answers.get(cell, 0) + 1
            per = counts.setdefault(cell, {})
            for q in questions:
                value = row.answers.get(q.key)
                if value is None or str(value) not in q.values:
                    continue
                per.setdefault(q.key, {})[str(value)] = per.get(q.key, {}).get(str(value), 0) + 1
    found: dict[Cell, Figures] = {}
    for cell, n in answers.items():
        people = protected.figure(cell)
        if people is None:
            found[cell] = Figures(None, None)
            continue
        headline: dict[str, float | None] = {}
        distribution: dict[str, dict[str, float]] = {}
        for q in questions:
            given = counts.get(cell, {}).get(q.key, {})
            asked = sum(given.values())
            if not asked:
                headline[q.key] = None
                continue
            distribution[q.key] = {v: _share(given.get(v, 0), asked) for v in q.values}
            if q.kind == "scale":
                mean = sum(int(v) * k for v, k in given.items()) / asked
                headline[q.key] = round(mean, 1)
            else:
                headline[q.key] = _share(given.get(q.values[0], 0), asked)
        found[cell] = Figures(people, n, headline, distribution)
    return found
