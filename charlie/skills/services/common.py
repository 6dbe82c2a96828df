"""What every part of the skills services shares: the data category and purpose, and the
caller's access for competence development."""

from __future__ import annotations

from dataclasses import replace

from charlie.core.errors import NotFound
from charlie.people import services as people
from charlie.people.models import Person
from charlie.people.services import today
from charlie.privacy.access import Access

__all__ = ["CATEGORY", "PURPOSE", "for_development", "person_in_scope", "today"]

#: The data category of the app's personal data (registered in apps.py): skills, MUS,
#: development plans, opt-ins and team proposals.
CATEGORY = "kompetencer"

#: The purpose in the data-use register (migration 0002): competence development.
PURPOSE = "kompetenceudvikling"


def for_development(access: Access) -> Access:
    """The caller acting for competence development: others' data is read and written under
    the purpose ``kompetenceudvikling`` (their own stays "egen indsigt")."""
    return replace(access, purpose=PURPOSE) if access.purpose else access


def person_in_scope(access: Access, person_id: int) -> Person:
    """One person the caller may see (404 outside scope); the permission is checked first."""
    person = people.visible_people(access).filter(pk=person_id).first()
    if person is None:
        raise NotFound
    return person


#: The audit details that tell an employee, in "Mine data", that they were named as a
#: candidate for a role or proposed for a project team (issue 13, point 9).
DETAIL_CANDIDATE = "foreslået som kandidat"
DETAIL_TEAM = "foreslået til et projekthold"
