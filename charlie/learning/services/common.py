"""What every part of the learning services shares: the data category and purpose, the
caller's access for learning, and one person in scope."""

from __future__ import annotations

from dataclasses import replace

from charlie.core.errors import NotFound
from charlie.people import services as people
from charlie.people.models import Person
from charlie.people.services import today
from charlie.privacy.access import Access

__all__ = ["CATEGORY", "PURPOSE", "for_learning", "person_in_scope", "today"]

#: The data category of the app's personal data (registered in apps.py): enrolments, module
#: progress and quiz attempts, completions, certificates and mandatory-training tasks.
CATEGORY = "uddannelse"

#: The purpose in the data-use register (migration 0002): courses and training.
PURPOSE = "uddannelse"


def for_learning(access: Access) -> Access:
    """The caller acting for courses and training: others' data is read and written under the
    purpose ``uddannelse`` (their own stays "egen indsigt")."""
    return replace(access, purpose=PURPOSE) if access.purpose else access


def person_in_scope(access: Access, person_id: int) -> Person:
    """One person the caller may see (404 outside scope); the permission is checked first."""
    person = people.visible_people(access).filter(pk=person_id).first()
    if person is None:
        raise NotFound
    return person
