"""What the skills app lets each role do (``charlie.privacy.access``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from charlie.core.roles import Role
from charlie.privacy.access import Permission

#: Keep the taxonomy (local skills and groups, the ESCO import, DigComp), the job families'
#: ESCO occupations and the role profiles. No personal data.
MANAGE_TAXONOMY = Permission(
    "skills.manage_taxonomy",
    _("Vedligeholde kompetencer, ESCO og stillingsprofiler"),
    frozenset({Role.HR}),
)

#: Read the taxonomy and the role profiles (no personal data): everyone who plans development.
READ_TAXONOMY = Permission(
    "skills.read_taxonomy",
    _("Se kompetencer og stillingsprofiler"),
    frozenset({Role.HR, Role.MANAGER, Role.ANALYST, Role.EMPLOYEE}),
)

#: Read other people's skill profiles, MUS dates and development plans, within scope: HR
#: everyone, a manager the people in their units. Everyone reads their own without it.
READ_SKILLS = Permission(
    "skills.read_skills",
    _("Se andres kompetencer og udviklingsplaner (inden for sit område)"),
    frozenset({Role.HR, Role.MANAGER}),
)

#: Confirm or reject what an employee proposes, and enter levels directly.
CONFIRM_SKILLS = Permission(
    "skills.confirm_skills",
    _("Bekræfte medarbejderes kompetencer"),
    frozenset({Role.HR, Role.MANAGER}),
)

#: Import employees' skills from a file (all or nothing).
IMPORT_SKILLS = Permission(
    "skills.import_skills",
    _("Indlæse medarbejderes kompetencer fra en fil"),
    frozenset({Role.HR}),
)

#: Schedule MUS, write the manager's preparation and sign development plans (own units).
MANAGE_MUS = Permission(
    "skills.manage_mus",
    _("Planlægge MUS og underskrive udviklingsplaner"),
    frozenset({Role.HR, Role.MANAGER}),
)

#: Figures for groups only, through disclosure control: MUS and plan coverage, the skills
#: heatmap, skill holders retiring, re-skilling counts per shortage role.
READ_SKILL_FIGURES = Permission(
    "skills.read_figures",
    _("Se tal for kompetencer og MUS (kun tal for grupper)"),
    frozenset({Role.HR, Role.ANALYST, Role.MANAGER}),
)

#: Rank internal candidates for a role by name (only those who opted in) and propose teams.
FIND_CANDIDATES = Permission(
    "skills.find_candidates",
    _("Finde interne kandidater og sætte hold (kun medarbejdere, der har sagt ja)"),
    frozenset({Role.HR}),
)
