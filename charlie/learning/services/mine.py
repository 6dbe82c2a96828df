"""The employee's own page, "Min læring": what they have completed (and, from the parts that
add them, their enrolments, modules and mandatory training). Read as "egen indsigt"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from charlie.learning.models import Completion
from charlie.learning.permissions import READ_LEARNING
from charlie.learning.services import compliance
from charlie.learning.services.common import CATEGORY, for_learning, person_in_scope
from charlie.learning.services.enrolments import enrolments_of  # catalogue part
from charlie.learning.services.taking import modules_of  # part "elearning"
from charlie.people.models import Person
from charlie.privacy.access import Access


@dataclass
class Learning:
    person: Person | None
    completions: list[Completion]
    #: What the other parts add (enrolments, modules, mandatory training), by key.
    sections: dict[str, Any] = field(default_factory=dict)


def _learning(access: Access, person: Person, *, detail: str) -> Learning:
    completions = list(
        Completion.objects.filter(person=person)
        .select_related("course")
        .order_by("-completed_on", "-pk")[:200]
    )
    for_learning(access).record_read([person.pk], category=CATEGORY, detail=detail)
    sections: dict[str, Any] = {}
    # Each part adds its section here: sections["<key>"] = <part's service>(person).
    sections["enrolments"] = enrolments_of(person)  # catalogue part
    sections["modules"] = modules_of(person)  # part "elearning"
    sections["mandatory"] = compliance.my_mandatory(person)  # part "compliance"
    return Learning(person=person, completions=completions, sections=sections)


def my_learning(access: Access) -> Learning:
    """The caller's own learning record (empty for a user without a person record)."""
    person = Person.objects.filter(pk=access.person_id).first() if access.person_id else None
    if person is None:
        return Learning(person=None, completions=[])
    return _learning(access, person, detail="mine")


def learning_of(access: Access, person_id: int) -> Learning:
    """One person's learning record: 403 without the permission, 404 outside scope."""
    access.require(READ_LEARNING)
    return _learning(access, person_in_scope(access, person_id), detail="person")
