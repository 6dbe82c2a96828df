"""Who may open each URL of the portfolio, and which of its URLs must write the audit log.

Collected by ``charlie.core.testing.cases`` for ``tests/test_permissions.py`` (every URL needs a
case) and ``charlie/privacy/tests/test_every_personal_data_url.py``. The test organisation
(``org``) and the users (``users``, one per role) are the people core's fixtures. Each part of
the app appends its cases below its own heading.
"""

from __future__ import annotations

from charlie.core.testing.cases import Case, Visit

PERMISSION_CASES: list[Case] = []

PERSONAL_DATA_VISITS: list[Visit] = []

#: The URLs that show personal data: each has a visit above.
PERSONAL_DATA_URL_NAMES: set[str] = set()

# --- part team ---
# The team pages of an initiative: the portfolio owner only (MANAGE_PORTFOLIO; proposing and
# deciding also need skills' FIND_CANDIDATES, which HR holds). The case's initiative 9017 needs
# Projektledelse; its draft proposal names the employee in Plejecenter Nord and misses 40 hours.
from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402

_TEAM_HR = expect(403, anonymous=LOGIN_REQUIRED, hr=200)
_TEAM_HR_POSTS = expect(403, anonymous=LOGIN_REQUIRED, hr=302)
_TEAM_NO_GET = expect(405, anonymous=LOGIN_REQUIRED)


def _team_case(org: object) -> dict[str, int]:
    """Initiative 9017 with a skill need and a draft team proposal (idempotent)."""
    from charlie.portfolio.models import Initiative, SkillNeed, Team
    from charlie.skills.models import Skill, TeamMember, TeamProposal

    initiative, _ = Initiative.objects.get_or_create(
        number=9017, defaults={"title": "Holdtest", "stage": "analysis"}
    )
    skill, _ = Skill.objects.get_or_create(name="Projektledelse (holdtest)")
    SkillNeed.objects.get_or_create(
        initiative=initiative, skill_id=skill.pk, defaults={"level": 2, "hours": 100}
    )
    team = Team.objects.filter(initiative=initiative).first()
    if team is None:
        proposal = TeamProposal.objects.create(
            name=str(initiative),
            needs=[{"skill": skill.pk, "level": 2, "hours": 100.0, "missing_hours": 40.0}],
        )
        TeamMember.objects.create(
            proposal=proposal,
            person=org.person_in_nord,  # type: ignore[attr-defined]
            skills=[skill.pk],
        )
        team = Team.objects.create(initiative=initiative, proposal_id=proposal.pk)
    return {"number": initiative.number, "proposal_id": team.proposal_id}


def _team_initiative(org: object) -> dict[str, int]:
    return {"number": _team_case(org)["number"]}


PERMISSION_CASES += [
    Case("portfolio:team", _TEAM_HR, kwargs=_team_initiative),
    Case("portfolio:team_needs", _TEAM_HR, kwargs=_team_initiative),
    Case(
        "portfolio:team_needs",
        expect(403, anonymous=LOGIN_REQUIRED, hr=422),
        method="post",
        kwargs=_team_initiative,
        data={},
        label="no need given",
    ),
    Case("portfolio:team_propose", _TEAM_NO_GET, kwargs=_team_initiative, label="GET is refused"),
    Case(
        "portfolio:team_propose",
        _TEAM_HR_POSTS,
        method="post",
        kwargs=_team_initiative,
        data={"hoejst": "12"},
    ),
    Case("portfolio:team_proposal", _TEAM_HR, kwargs=_team_case),
    Case("portfolio:team_decide", _TEAM_NO_GET, kwargs=_team_case, label="GET is refused"),
    Case(
        "portfolio:team_decide",
        _TEAM_HR_POSTS,
        method="post",
        kwargs=_team_case,
        data={"decision": "accept"},
    ),
    Case("portfolio:team_learning", _TEAM_NO_GET, kwargs=_team_case, label="GET is refused"),
    Case("portfolio:team_learning", _TEAM_HR_POSTS, method="post", kwargs=_team_case),
]

PERSONAL_DATA_VISITS += [
    Visit(
        "portfolio:team_proposal",
        "hr",
        lambda org, users: {org.person_in_nord.pk},
        "digitalisering",
        "digitalisering",
        kwargs=_team_case,
    ),
]
PERSONAL_DATA_URL_NAMES |= {"portfolio:team_proposal"}
