"""What the workforce plan lets each role do (``charlie.privacy.access``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from charlie.core.roles import Role
from charlie.privacy.access import Permission

#: See the workforce plan, its model and its scenarios — aggregates only, disclosure-controlled:
#: HR and analysts for the whole municipality, a manager for the units they manage.
READ_PLAN = Permission(
    "workforce.read_plan",
    _("Se arbejdsstyrkeplanen og dens scenarier (kun tal for grupper)"),
    frozenset({Role.HR, Role.ANALYST, Role.MANAGER}),
)

#: Create, copy, change and delete scenarios (they hold no personal data).
EDIT_SCENARIOS = Permission(
    "workforce.edit_scenarios",
    _("Oprette og rette scenarier for arbejdsstyrkeplanen"),
    frozenset({Role.HR, Role.ANALYST}),
)

#: Look up one person's pension age and dates, for the purpose "arbejdsstyrkeplanlaegning"
#: (audited). Managers never see a person's projected retirement date.
LOOK_UP_PENSION_DATES = Permission(
    "workforce.look_up_pension_dates",
    _("Slå én medarbejders pensionsalder og -datoer op"),
    frozenset({Role.HR}),
)
