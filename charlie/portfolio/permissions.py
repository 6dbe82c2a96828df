"""What the digitalisation portfolio lets each role do (``charlie.privacy.access``).

Every employee needs no permission to read the published beacons, to submit, support and comment
on ideas, and to see what happened to their own. The portfolio owner is the HR role (HR and
digitalisation): it triages ideas and keeps initiatives, business cases, prioritisation, teams,
benefits and the automation register (docs/portfolio.md). Managers and analysts read the
portfolio and its reports."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from charlie.core.roles import Role
from charlie.privacy.access import Permission

#: Keep the portfolio: beacons and their measurements, triage of ideas, initiatives and their
#: project descriptions, business cases and rates, criteria, scores and scenarios, teams and
#: learning needs, benefits and the automation register.
MANAGE_PORTFOLIO = Permission(
    "portfolio.manage",
    _("Styre digitaliseringsporteføljen (porteføljeejer)"),
    frozenset({Role.HR}),
)

#: Read the portfolio: initiatives with their descriptions and business cases, scenarios, the
#: overview and the council report, benefits and the automation register.
READ_PORTFOLIO = Permission(
    "portfolio.read",
    _("Se digitaliseringsporteføljen og dens rapporter"),
    frozenset({Role.HR, Role.MANAGER, Role.ANALYST}),
)
