"""One person's pension age and dates by the rules: HR only, for the registered purpose
"arbejdsstyrkeplanlaegning", and every look is written to the audit log. Managers never see an
individual's projected retirement date."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from charlie.core.errors import NotFound
from charlie.people import services as people
from charlie.privacy import services as audit
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.workforce import pension
from charlie.workforce.permissions import LOOK_UP_PENSION_DATES
from charlie.workforce.services.data import CATEGORY

if TYPE_CHECKING:
    from charlie.people.models import Person

#: The registered purpose of a look-up (the data-use register, migration 0002).
PURPOSE = "arbejdsstyrkeplanlaegning"


@dataclasses.dataclass(frozen=True)
class PersonPension:
    person_id: int
    name: str
    employee_number: str
    folkepension: pension.RuleAge
    efterloen: pension.RuleAge | None
    tidlig_pension: pension.Window | None
    seniorpension: pension.Window | None


def person_pension(access: Access, person_id: int) -> PersonPension:
    """One person's pension age and dates. HR only (managers never see projected retirement
    dates); written to the audit log under the purpose "arbejdsstyrkeplanlaegning", whoever the
    person is (this look-up is never "egen indsigt")."""
    access.require(LOOK_UP_PENSION_DATES)
    person = people.visible_people(access).filter(pk=person_id).first()
    if person is None:
        raise NotFound
    audit.record(
        actor=access.user,
        subject_person_ids=[person.pk],
        action=Action.READ,
        category=CATEGORY,
        purpose=PURPOSE,
        channel=access.channel,
        detail="pension",
    )
    birth = person.birth_date
    return PersonPension(
        person_id=person.pk,
        name=person.full_name,
        employee_number=person.employee_number,
        folkepension=pension.folkepension(birth),
        efterloen=pension.efterloen(birth),
        tidlig_pension=pension.tidlig_pension_window(birth),
        seniorpension=pension.seniorpension_window(birth),
    )


def person_overview_section(access: Access, person: Person) -> dict[str, object]:
    """The pension section of the person overview (``people.overview``). HR only
    (``LOOK_UP_PENSION_DATES``). It offers the look-up instead of doing it: a pension look-up
    is for the purpose "arbejdsstyrkeplanlaegning" (the data-use register), and HR opening a
    person for HR administration must not write it to the person's log each time. The look-up
    itself (``person_pension``, the pension page) is audited as always."""
    access.require(LOOK_UP_PENSION_DATES)
    people.ensure_in_scope(access, person.pk)
    return {"title": _("Pension"), "person_id": person.pk}
