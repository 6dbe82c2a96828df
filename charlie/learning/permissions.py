"""What the learning app lets each role do (``charlie.privacy.access``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from charlie.core.roles import Role
from charlie.privacy.access import Permission

#: Find courses and e-learning in the catalogue (no personal data): every role.
READ_CATALOGUE = Permission(
    "learning.read_catalogue",
    _("Se kursuskataloget"),
    frozenset({Role.HR, Role.MANAGER, Role.ANALYST, Role.EMPLOYEE, Role.DPO, Role.ADMIN}),
)

#: Keep the catalogue: courses, sessions, the skills they give, e-learning modules, and the
#: rules of mandatory training. No personal data.
MANAGE_CATALOGUE = Permission(
    "learning.manage_catalogue",
    _("Vedligeholde kursuskatalog, e-læring og krav om uddannelse"),
    frozenset({Role.HR}),
)

#: Approve or reject enrolments, and enrol people, within scope (HR everyone, a manager the
#: people in their units).
APPROVE_ENROLMENTS = Permission(
    "learning.approve_enrolments",
    _("Godkende tilmeldinger til kurser (inden for sit område)"),
    frozenset({Role.HR, Role.MANAGER}),
)

#: See the participants of a session and record who completed it. HR for every session; the
#: session's own organiser (whatever their role) for theirs — the services check that.
RECORD_ATTENDANCE = Permission(
    "learning.record_attendance",
    _("Registrere deltagelse på kurser"),
    frozenset({Role.HR, Role.MANAGER}),
)

#: Read other people's learning record (enrolments, completions, certificates) and their
#: mandatory-training status, within scope. Everyone reads their own without it.
READ_LEARNING = Permission(
    "learning.read_learning",
    _("Se andres kurser og uddannelseskrav (inden for sit område)"),
    frozenset({Role.HR, Role.MANAGER}),
)

#: Import completions from a file, register them by hand, and see xAPI statements that could
#: not be matched to a person or a course.
IMPORT_COMPLETIONS = Permission(
    "learning.import_completions",
    _("Indlæse og registrere gennemførte kurser"),
    frozenset({Role.HR}),
)

#: Give learning systems a token for the xAPI endpoint (configuration, no personal data).
MANAGE_XAPI_CLIENTS = Permission(
    "learning.manage_xapi_clients",
    _("Give læringssystemer adgang til xAPI"),
    frozenset({Role.HR, Role.ADMIN}),
)

#: Figures for groups only, through disclosure control: learning hours and cost per FTE,
#: share with any learning, module completion rates, compliance counts.
READ_LEARNING_FIGURES = Permission(
    "learning.read_figures",
    _("Se tal for læring og uddannelseskrav (kun tal for grupper)"),
    frozenset({Role.HR, Role.ANALYST, Role.MANAGER}),
)
