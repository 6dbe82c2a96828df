"""Unit names that can be told apart: a name that repeats in the organisation ("Afsnit Nord" in
three departments) is shown with its parent — "Afsnit Nord (Medicinsk afdeling)" — and, where
the parents repeat too, with their parents, until every unit of that name reads differently.
A unique name is shown as it is. Pure: no Django (``people.services.unit_labels`` caches it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


def ancestors(path: str) -> list[int]:
    """The ids above a unit, nearest first, from its materialised path (``/1/4/9/`` → [4, 1])."""
    ids = [int(part) for part in path.strip("/").split("/") if part]
    return list(reversed(ids[:-1]))


def qualified_labels(units: Iterable[tuple[int, str, str]]) -> dict[int, str]:
    """Labels for the units whose name is shared with another unit, by id.

    ``units`` are ``(id, name, path)`` for the whole tree. Each unit of a repeated name gets its
    nearest ancestors' names in parentheses, as many as it takes for the units of that name to
    read differently (all of them the same number, so the labels line up); a unit at the top has
    none. Names compare without regard to case and surrounding spaces. Units with a name of
    their own are left out: show their name.

    Example
    -------
    >>> qualified_labels([(1, "Hospital", "/1/"), (2, "Medicin", "/1/2/"),
    ...                   (3, "Kirurgi", "/1/3/"), (4, "Afsnit Nord", "/1/2/4/"),
    ...                   (5, "Afsnit Nord", "/1/3/5/")])
    {4: 'Afsnit Nord (Medicin)', 5: 'Afsnit Nord (Kirurgi)'}
    """
    rows = list(units)
    names = {pk: name for pk, name, _path in rows}
    groups: dict[str, list[tuple[int, str, list[int]]]] = defaultdict(list)
    for pk, name, path in rows:
        groups[name.strip().casefold()].append((pk, name, ancestors(path)))
    labels: dict[int, str] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        deepest = max(len(up) for _pk, _name, up in group)
        chosen: dict[int, str] = {}
        for depth in range(1, deepest + 1):
            chosen = {
                pk: _label(name, [names.get(a, "") for a in up[:depth]]) for pk, name, up in group
            }
            keys = [label.casefold() for label in chosen.values()]
            if len(set(keys)) == len(keys):
                break
        labels.update(chosen)
    return labels


def _label(name: str, parents: list[str]) -> str:
    parents = [p for p in parents if p]
    return f"{name} ({', '.join(parents)})" if parents else name
