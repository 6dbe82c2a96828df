"""One person's completions for the API (``GET /api/v1/learning/completions/{employee}``): HR,
and a manager for the people in their units (``READ_LEARNING``; 404 outside scope, and for an
unknown employee number alike). Paged; audited as a read of the person's learning record."""

from __future__ import annotations

from dataclasses import dataclass

from charlie.core.errors import NotFound
from charlie.learning.models import Completion
from charlie.learning.permissions import READ_LEARNING
from charlie.learning.services.common import CATEGORY, for_learning, person_in_scope
from charlie.people import services as people
from charlie.privacy.access import Access

#: The most completions one API answer gives.
MAX_LIMIT = 500


@dataclass(frozen=True)
class PersonCompletions:
    employee_number: str
    total: int
    completions: list[Completion]


def completions_of(
    access: Access, employee_number: str, *, offset: int = 0, limit: int = 100
) -> PersonCompletions:
    access.require(READ_LEARNING)
    person_id = people.person_id_by_employee_number(employee_number)
    if person_id is None:
        raise NotFound
    person = person_in_scope(access, person_id)
    rows = Completion.objects.filter(person=person).select_related("course")
    total = rows.count()
    limit = max(1, min(limit, MAX_LIMIT))
    page = list(rows.order_by("-completed_on", "-pk")[max(offset, 0) : max(offset, 0) + limit])
    for_learning(access).record_read([person.pk], category=CATEGORY, detail="api")
    return PersonCompletions(person.employee_number, total, page)
