"""What the people core lets each role do (``charlie.privacy.access``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from charlie.core.roles import Role
from charlie.privacy.access import Permission

#: Look people up as individuals and read their master data and employments — within scope:
#: HR everyone, a manager the people employed in their units' sub-trees.
READ_PERSON = Permission(
    "people.read_person",
    _("Slå personer op og se stamdata og ansættelser (inden for sit område)"),
    frozenset({Role.HR, Role.MANAGER}),
)

#: See the organisation's aggregate figures (head counts, breakdowns) for the whole municipality.
READ_ORGANISATION_FIGURES = Permission(
    "people.read_organisation_figures",
    _("Se tal for hele organisationen (med diskretionskontrol)"),
    frozenset({Role.HR, Role.ANALYST}),
)

#: Record the day notice was given on an employment ("opsagt den"; sygedagpengeloven § 7 a).
RECORD_NOTICE = Permission(
    "people.record_notice",
    _("Registrere opsigelser (opsagt den) på ansættelser"),
    frozenset({Role.HR}),
)

#: Lead units: the front page lists the units one manages and the people in them.
LEAD_UNITS = Permission(
    "people.lead_units",
    _("Lede enheder og se deres medarbejdere"),
    frozenset({Role.MANAGER}),
)

#: Correct a person's name and contact details in Charlie (GDPR art. 16), and close the
#: person's request for correction with it. HR only; every correction is audited as a write.
CORRECT_PERSON = Permission(
    "people.correct_person",
    _("Rette en medarbejders navn og kontaktoplysninger"),
    frozenset({Role.HR}),
)
