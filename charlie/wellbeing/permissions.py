"""What well-being and the working environment let each role do (``charlie.privacy.access``).

Employees need no permission for what is theirs: answering a survey by its one-time link, their
unit's action plan and written APV, and green initiatives they join. Scope still applies: a
manager reaches their own units only (``people.services``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from charlie.core.roles import Role
from charlie.privacy.access import Permission

#: Question banks and their versions, the import of a municipality's own questionnaire,
#: surveys (launch, remind, close), pulse series and the import of answers collected elsewhere.
MANAGE_SURVEYS = Permission(
    "wellbeing.manage_surveys",
    _("Vedligeholde spørgeskemaer og sende målinger ud"),
    frozenset({Role.HR}),
)

#: The results of a survey through disclosure control: HR and analysts for every unit, a manager
#: for their own units. Never an answer of one person.
READ_RESULTS = Permission(
    "wellbeing.read_results",
    _("Se resultater af trivsels-, APV- og pulsmålinger (inden for sit område)"),
    frozenset({Role.HR, Role.MANAGER, Role.ANALYST}),
)

#: Read free-text comments before anyone else and approve, edit out identifying details or
#: hide them (HR). Managers see approved comments of their units above the threshold.
REVIEW_COMMENTS = Permission(
    "wellbeing.review_comments",
    _("Gennemse fritekstsvar, før lederen ser dem"),
    frozenset({Role.HR}),
)

#: Run a unit's APV through its four steps and keep its action plan: HR everywhere, a manager in
#: their units.
MANAGE_APV = Permission(
    "wellbeing.manage_apv",
    _("Gennemføre APV og handlingsplaner (inden for sit område)"),
    frozenset({Role.HR, Role.MANAGER}),
)

#: Publish green and health initiatives, and see participation (in aggregate).
MANAGE_INITIATIVES = Permission(
    "wellbeing.manage_initiatives",
    _("Offentliggøre grønne og sundhedsfremmende initiativer"),
    frozenset({Role.HR}),
)

#: Set a unit's next APV earlier than 3 years after the last, when the work changes
#: (arbejdsmiljøloven § 15 a): HR.
SET_NEXT_DUE = Permission(
    "wellbeing.set_next_apv",
    _("Fremrykke næste APV, når arbejdet ændres"),
    frozenset({Role.HR}),
)
