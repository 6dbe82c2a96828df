"""What the absence app lets each role do (``charlie.privacy.access``).

Every employee reports their own sickness and reads their own absence and follow-up steps; that
needs no permission (the service acts on the caller's own person record only).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from charlie.core.roles import Role
from charlie.privacy.access import Permission

#: Record and read the § 56 agreements and retention plans of the people in one's scope (HR
#: everyone, a manager the people in their units).
MANAGE_AGREEMENTS = Permission(
    "absence.manage_agreements",
    _("Registrere § 56-aftaler og fastholdelsesplaner (inden for sit område)"),
    frozenset({Role.HR, Role.MANAGER}),
)

#: See and close the sickness follow-up tasks of one's units (HR: all of them), write notes on
#: them, and have a calendar link to them.
MANAGE_TASKS = Permission(
    "absence.manage_tasks",
    _("Se og afslutte opgaver i sygefraværsopfølgningen (inden for sit område)"),
    frozenset({Role.MANAGER, Role.HR}),
)

#: Add a version of the municipality's local absence policy.
MANAGE_POLICY = Permission(
    "absence.manage_policy",
    _("Se og ændre den lokale fraværspolitik"),
    frozenset({Role.HR}),
)

#: See absence figures (disclosure-controlled aggregates): HR and analysts for the whole
#: municipality, a manager for the units they manage.
READ_ABSENCE_FIGURES = Permission(
    "absence.read_absence_figures",
    _("Se fraværsstatistik (med diskretionskontrol)"),
    frozenset({Role.HR, Role.ANALYST, Role.MANAGER}),
)
