"""What recruitment and onboarding let each role do (``charlie.privacy.access``).

A member of a round's ansættelsesudvalg (``CommitteeMember``) sees that round's applicants
whatever their role: the services check membership, not a permission. An applicant, a
talent-pool member and a new colleague before day 1 reach their own pages by a private link."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from charlie.core.roles import Role
from charlie.privacy.access import Permission

#: Ask to fill a position in one's own units (a manager), or anywhere (HR).
REQUEST_POSITIONS = Permission(
    "recruitment.request_positions",
    _("Anmode om at besætte en stilling (inden for sit område)"),
    frozenset({Role.HR, Role.MANAGER}),
)

#: Approve or reject requisitions.
APPROVE_REQUISITIONS = Permission(
    "recruitment.approve_requisitions",
    _("Godkende stillingsønsker"),
    frozenset({Role.HR}),
)

#: Write job ads (with the inclusive-language check), publish and close them; write the
#: employer-branding stories; keep letter templates. No personal data.
MANAGE_ADS = Permission(
    "recruitment.manage_ads",
    _("Skrive og slå jobopslag op, historier og brevskabeloner"),
    frozenset({Role.HR}),
)

#: Run every round: applicants, committee, stages, letters, interviews (HR). Committee members
#: see their own round without it.
RUN_ROUNDS = Permission(
    "recruitment.run_rounds",
    _("Styre ansættelsesforløb og se alle ansøgere"),
    frozenset({Role.HR}),
)

#: The fairness figures: applicants, shortlisted and hired by gender and age band, through
#: disclosure control, never per person.
READ_FAIRNESS = Permission(
    "recruitment.read_fairness",
    _("Se ligestillingstal for rekruttering"),
    frozenset({Role.HR, Role.ANALYST}),
)

#: The talent pool: see the profiles whose consent allows contact, and invite applicants.
MANAGE_TALENT_POOL = Permission(
    "recruitment.manage_talent_pool",
    _("Se og kontakte talentbanken"),
    frozenset({Role.HR}),
)

#: Onboarding plans for new colleagues within scope (HR everyone, a manager their units), and
#: the tasks they own. Templates: HR only (``MANAGE_ONBOARDING_TEMPLATES``).
MANAGE_ONBOARDING = Permission(
    "recruitment.manage_onboarding",
    _("Følge og udføre introduktionsforløb (inden for sit område)"),
    frozenset({Role.HR, Role.MANAGER}),
)

MANAGE_ONBOARDING_TEMPLATES = Permission(
    "recruitment.manage_onboarding_templates",
    _("Vedligeholde skabeloner for introduktionsforløb"),
    frozenset({Role.HR}),
)
