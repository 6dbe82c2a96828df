"""Who may open each URL of skills, and which of its URLs must write the audit log.

Collected by ``charlie.core.testing.cases`` for ``tests/test_permissions.py`` (every URL needs a
case) and ``charlie/privacy/tests/test_every_personal_data_url.py``. The test organisation
(``org``) and the users (``users``, one per role) are the people core's fixtures.
"""

from __future__ import annotations

from charlie.core.testing.cases import (
    LOGIN_REQUIRED,
    NORD,
    Case,
    Visit,
    expect,
    nord,
    own,
    skole,
)

# --- analysis part (issue 13, points 6–8 and 11) ---------------------------------------------

ANALYSIS_ROLE = "analyse-test"


def _analysis_role(org: object) -> str:
    """A current role profile with one requirement (idempotent)."""
    from charlie.skills.models import RoleProfile, RoleRequirement, Skill

    profile, created = RoleProfile.objects.get_or_create(
        code=ANALYSIS_ROLE, defaults={"name": "Analyse-test"}
    )
    if created:
        skill, _ = Skill.objects.get_or_create(
            uri="local:analyse-test", defaults={"name": "Analyse-test", "source": "local"}
        )
        RoleRequirement.objects.create(profile=profile, skill=skill, min_level=2)
    return ANALYSIS_ROLE


def _analysis_opt_in(org: object) -> dict[str, str]:
    """The employee in Plejecenter Nord has said yes to new opportunities."""
    from charlie.skills.models import OptIn, OptInKind

    person = org.person_in_nord  # type: ignore[attr-defined]
    if not OptIn.objects.filter(person=person).exists():
        OptIn.objects.create(person=person, kind=OptInKind.NEW_OPPORTUNITIES, opted_in=True)
    return {"rolle": _analysis_role(org)}


def _analysis_team(org: object) -> dict[str, int]:
    """A draft team proposal with the employee in Plejecenter Nord (idempotent)."""
    from charlie.skills.models import TeamMember, TeamProposal

    proposal, created = TeamProposal.objects.get_or_create(name="Analyse-testhold")
    if created:
        TeamMember.objects.create(proposal=proposal, person=org.person_in_nord)  # type: ignore[attr-defined]
    return {"proposal_id": proposal.pk}


def _analysis_gap_api(org: object) -> dict[str, str]:
    return {
        "employee": org.person_in_nord.employee_number,  # type: ignore[attr-defined]
        "role": _analysis_role(org),
    }


ANALYSIS_CASES: list[Case] = [
    # A person's gap to a role: READ_SKILLS within scope.
    Case(
        "skills:person_gap",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        kwargs=NORD["person_id"],
        label="a person in the manager's unit",
    ),
    Case(
        "skills:person_gap",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
        label="a person outside the manager's unit",
    ),
    # Figures for groups: HR, analysts and managers (their units).
    Case("skills:heatmap", expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200)),
    Case(
        "skills:heatmap",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
        data={"rolle": ANALYSIS_ROLE},
        label="a role that may not exist yet (the form says so)",
    ),
    Case(
        "skills:retiring", expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200)
    ),
    # Candidates, shortages and teams: HR only.
    Case("skills:candidates", expect(403, anonymous=LOGIN_REQUIRED, hr=200)),
    Case("skills:shortages", expect(403, anonymous=LOGIN_REQUIRED, hr=200)),
    Case("skills:teams", expect(403, anonymous=LOGIN_REQUIRED, hr=200)),
    Case("skills:team", expect(403, anonymous=LOGIN_REQUIRED, hr=200), kwargs=_analysis_team),
    Case(
        "skills:team_decide",
        expect(405, anonymous=LOGIN_REQUIRED),
        kwargs=_analysis_team,
        label="GET is refused",
    ),
    Case(
        "skills:team_decide",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        kwargs=_analysis_team,
        data={"decision": "accept"},
    ),
    Case(
        "api:skills_gap",
        expect(403, anonymous=401, manager=200, hr=200),
        kwargs=_analysis_gap_api,
    ),
    Case(
        "api:skills_candidates",
        expect(403, anonymous=401, hr=200),
        kwargs=lambda org: {"role": _analysis_role(org)},
    ),
]

ANALYSIS_VISITS: list[Visit] = [
    Visit(
        "skills:person_gap",
        "manager",
        nord,
        "kompetencer",
        "kompetenceudvikling",
        kwargs=NORD["person_id"],
        params=lambda org: {"rolle": _analysis_role(org)},
    ),
    Visit(
        "skills:candidates",
        "hr",
        nord,
        "kompetencer",
        "kompetenceudvikling",
        params=_analysis_opt_in,
        label="named because they opted in",
    ),
    Visit(
        "skills:team",
        "hr",
        nord,
        "kompetencer",
        "kompetenceudvikling",
        kwargs=_analysis_team,
    ),
    Visit(
        "api:skills_gap",
        "manager",
        nord,
        "kompetencer",
        "kompetenceudvikling",
        channel="api",
        kwargs=_analysis_gap_api,
    ),
    Visit(
        "api:skills_candidates",
        "hr",
        nord,
        "kompetencer",
        "kompetenceudvikling",
        channel="api",
        kwargs=lambda org: {"role": _analysis_opt_in(org)["rolle"]},
    ),
]

ANALYSIS_URL_NAMES = {
    "skills:person_gap",
    "skills:candidates",
    "skills:team",
    "api:skills_gap",
    "api:skills_candidates",
}

PERMISSION_CASES: list[Case] = [
    # One's own skills: everyone (users without a person record get the empty state).
    Case("skills:mine", expect(200, anonymous=LOGIN_REQUIRED)),
    # Another person's skills: HR, and the manager within their units; 404 outside the scope.
    Case(
        "skills:person",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        kwargs=NORD["person_id"],
        label="a person in the manager's unit",
    ),
    Case(
        "skills:person",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
        label="a person outside the manager's unit",
    ),
    *ANALYSIS_CASES,  # analysis part
]

PERSONAL_DATA_VISITS: list[Visit] = [
    Visit("skills:mine", "employee", own("employee"), "kompetencer", "egen_indsigt"),
    Visit(
        "skills:person",
        "manager",
        nord,
        "kompetencer",
        "kompetenceudvikling",
        kwargs=NORD["person_id"],
    ),
    Visit(
        "skills:person",
        "hr",
        skole,
        "kompetencer",
        "kompetenceudvikling",
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
    ),
    *ANALYSIS_VISITS,  # analysis part
]

#: The URLs that show personal data: each has a visit above.
PERSONAL_DATA_URL_NAMES = {"skills:mine", "skills:person"}
PERSONAL_DATA_URL_NAMES |= ANALYSIS_URL_NAMES  # analysis part
