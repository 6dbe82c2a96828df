"""What other apps register with privacy (DESIGN.md, "Architecture"): privacy imports no app.

- Data categories and purposes: a short code stored in the audit log, with a label for people.
- A person resolver, registered by ``people``: it turns an employee number into a person id (for
  the DPO's search) and person ids into display names, so the audit log never stores a name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonLabel:
    name: str
    employee_number: str


@dataclass(frozen=True)
class PersonResolver:
    #: An employee number → the person's id, or None when there is no such person.
    by_employee_number: Callable[[str], int | None]
    #: Person ids → name and employee number, for the ids that still exist.
    labels: Callable[[Iterable[int]], dict[int, PersonLabel]]


_categories: dict[str, Any] = {}
_purposes: dict[str, Any] = {}
_resolver: PersonResolver | None = None


def register_category(code: str, label: Any) -> None:
    """A data category (``stamdata``, ``ansaettelse``, …) with a (lazy) label."""
    _categories[code] = label


def register_purpose(code: str, label: Any) -> None:
    """A purpose of processing (``hr_administration``, …) with a (lazy) label."""
    _purposes[code] = label


def categories() -> dict[str, Any]:
    return dict(_categories)


def purposes() -> dict[str, Any]:
    return dict(_purposes)


def register_person_resolver(resolver: PersonResolver) -> None:
    global _resolver
    _resolver = resolver


def person_resolver() -> PersonResolver:
    """The registered resolver; one that knows nobody when no app has registered one."""
    if _resolver is None:
        return PersonResolver(by_employee_number=lambda number: None, labels=lambda ids: {})
    return _resolver
