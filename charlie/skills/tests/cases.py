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
    days_ago,
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
        "profile": _analysis_role(org),
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
        kwargs=lambda org: {"profile": _analysis_role(org)},
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
        kwargs=lambda org: {"profile": _analysis_opt_in(org)["rolle"]},
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

# --- taxonomy part: skills, groups, ESCO occupations, job families, role profiles -------------
# No personal data on these pages: READ_TAXONOMY (employee, manager, HR, analyst) reads, HR
# (MANAGE_TAXONOMY) changes; the DPO and the administrator have no use for them (403).


def _skill(org: object) -> dict[str, int]:
    from charlie.skills.models import Skill

    found, _new = Skill.objects.get_or_create(
        uri="local:case-forflytning", defaults={"name": "Forflytning (case)", "source": "local"}
    )
    return {"skill_id": found.pk}


def _occupation(org: object) -> dict[str, int]:
    from charlie.skills.models import Occupation

    found, _new = Occupation.objects.get_or_create(
        uri="http://data.europa.eu/esco/occupation/case",
        defaults={"name": "social- og sundhedsassistent", "isco_group": "5321"},
    )
    return {"occupation_id": found.pk}


def _family(org: object) -> dict[str, int]:
    from charlie.people.models import JobFamily

    family = JobFamily.objects.order_by("pk").first()
    assert family is not None
    return {"family_id": family.pk}


def _profile(org: object) -> dict[str, str]:
    from charlie.skills.models import RoleProfile

    RoleProfile.objects.get_or_create(code="case-sosu", defaults={"name": "SOSU (case)"})
    return {"code": "case-sosu"}


READERS = expect(403, anonymous=LOGIN_REQUIRED, employee=200, manager=200, hr=200, analyst=200)
HR_ONLY = expect(403, anonymous=LOGIN_REQUIRED, hr=200)

PERMISSION_CASES += [
    Case("skills:taxonomy", READERS),
    Case("skills:skill_new", HR_ONLY),
    Case(
        "skills:skill_new",
        expect(403, anonymous=LOGIN_REQUIRED, hr=400),
        method="post",
        data={"name": "", "scale": "default"},
        label="an empty name",
    ),
    Case("skills:skill", READERS, kwargs=_skill),
    Case(
        "skills:skill",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        kwargs=_skill,
        data={"name": "Forflytning (case)", "description": "", "group": ""},
    ),
    Case(
        "skills:skill_merge",
        expect(403, anonymous=LOGIN_REQUIRED, hr=400),
        method="post",
        kwargs=_skill,
        data={"target": "local:findes-ikke"},
        label="an unknown target",
    ),
    Case(
        "skills:skill_retire",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        kwargs=_skill,
        data={"reinstate": "1"},
    ),
    Case("skills:groups", READERS),
    Case(
        "skills:groups",
        expect(403, anonymous=LOGIN_REQUIRED, hr=400),
        method="post",
        data={"name": ""},
        label="an empty name",
    ),
    Case("skills:occupations", READERS),
    Case("skills:occupation", READERS, kwargs=_occupation),
    Case("skills:job_families", READERS),
    Case("skills:job_family", READERS, kwargs=_family),
    Case(
        "skills:job_family",
        expect(403, anonymous=LOGIN_REQUIRED, hr=400),
        method="post",
        kwargs=_family,
        data={"occupation": "0", "action": "remove"},
        label="an unknown occupation",
    ),
    Case("skills:role_profiles", READERS),
    Case("skills:role_profile", READERS, kwargs=_profile),
    Case("skills:role_profile_new", HR_ONLY),
    Case(
        "skills:role_profile_new",
        expect(403, anonymous=LOGIN_REQUIRED, hr=400),
        method="post",
        data={"name": "", "rows": "0"},
        label="an empty name",
    ),
    Case("skills:role_profile_edit", HR_ONLY, kwargs=_profile),
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

# --- profiles: proposals, confirmations, opt-ins, pending list, the import -----------------------


def _case_skill():  # type: ignore[no-untyped-def]
    from charlie.skills.models import Skill

    skill, _created = Skill.objects.get_or_create(
        uri="local:case-forflytning", defaults={"name": "Forflytning (test)", "source": "local"}
    )
    return skill


def _proposal_for(person):  # type: ignore[no-untyped-def]
    from charlie.skills.models import SkillAssessment

    return SkillAssessment.objects.create(
        person=person,
        skill=_case_skill(),
        level=2,
        assessed_on=days_ago_date(10),
        source="self",
        status="proposed",
    )


def days_ago_date(days: int):  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date.fromisoformat(days_ago(days))


def _skill_only(org):  # type: ignore[no-untyped-def]
    _case_skill()
    return {}


_LEVEL = {"skill": "local:case-forflytning", "level": "2", "source": "self"}

PERMISSION_CASES += [
    Case("skills:propose", expect(405, anonymous=LOGIN_REQUIRED), label="GET is refused"),
    # Everyone with a person record proposes for themselves; without one there is no one to
    # propose for.
    Case(
        "skills:propose",
        expect(403, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302),
        method="post",
        kwargs=_skill_only,
        data={**_LEVEL, "assessed_on": days_ago(3)},
    ),
    Case("skills:opt_in", expect(405, anonymous=LOGIN_REQUIRED), label="GET is refused"),
    Case(
        "skills:opt_in",
        expect(403, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302),
        method="post",
        data={"kind": "projects", "answer": "ja"},
    ),
    Case(
        "skills:enter",
        expect(405, anonymous=LOGIN_REQUIRED),
        kwargs=NORD["person_id"],
        label="GET is refused",
    ),
    Case(
        "skills:enter",
        expect(403, anonymous=LOGIN_REQUIRED, manager=302, hr=302),
        method="post",
        kwargs=lambda org: {**_skill_only(org), "person_id": org.person_in_nord.pk},
        data={**_LEVEL, "source": "manager", "assessed_on": days_ago(3)},
        label="a person in the manager's unit",
    ),
    Case(
        "skills:enter",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=302),
        method="post",
        kwargs=lambda org: {**_skill_only(org), "person_id": org.person_in_skole.pk},
        data={**_LEVEL, "source": "manager", "assessed_on": days_ago(3)},
        label="a person outside the manager's unit",
    ),
    Case(
        "skills:decide",
        expect(405, anonymous=LOGIN_REQUIRED),
        kwargs=lambda org: {"assessment_id": _proposal_for(org.person_in_nord).pk},
        label="GET is refused",
    ),
    # No decision given: permission and scope are checked first, then 400 (nothing changes).
    Case(
        "skills:decide",
        expect(403, anonymous=LOGIN_REQUIRED, manager=400, hr=400),
        method="post",
        kwargs=lambda org: {"assessment_id": _proposal_for(org.person_in_nord).pk},
        data={"decision": ""},
        label="a proposal in the manager's unit",
    ),
    # Outside the manager's unit: 404 for the manager, HR confirms it.
    Case(
        "skills:decide",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=302),
        method="post",
        kwargs=lambda org: {"assessment_id": _proposal_for(org.person_in_skole).pk},
        data={"decision": "confirm"},
        label="a proposal outside the manager's unit",
    ),
    # Withdrawing a proposal: only the employee whose proposal it is; 404 for everyone else.
    Case(
        "skills:withdraw",
        expect(405, anonymous=LOGIN_REQUIRED),
        kwargs=lambda org: {"assessment_id": _proposal_for(org.person_in_nord).pk},
        label="GET is refused",
    ),
    Case(
        "skills:withdraw",
        expect(404, anonymous=LOGIN_REQUIRED, employee=302),
        method="post",
        kwargs=lambda org: {"assessment_id": _proposal_for(org.person_in_nord).pk},
        label="the employee's own proposal",
    ),
    Case("skills:pending", expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200)),
    Case("skills:import", expect(403, anonymous=LOGIN_REQUIRED, hr=200)),
    Case(
        "skills:import",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        method="post",
        label="no file: the form again",
    ),
]

PERSONAL_DATA_VISITS += [
    Visit(
        "skills:pending",
        "manager",
        nord,
        "kompetencer",
        "kompetenceudvikling",
        kwargs=lambda org: _proposal_for(org.person_in_nord) and {},
    ),
]

PERSONAL_DATA_URL_NAMES |= {"skills:pending"}
PERSONAL_DATA_URL_NAMES |= ANALYSIS_URL_NAMES  # analysis part

# --- Part "mus": MUS, development plans, the road map ---------------------------------------


def _mus(person_attr: str):
    """URL kwargs: a planned MUS of the org's person (made once, idempotent)."""

    def build(org):
        import datetime as dt

        from charlie.skills.models import MusMeeting

        person = getattr(org, person_attr)
        meeting, _created = MusMeeting.objects.get_or_create(
            person=person, defaults={"due_on": dt.date(2026, 12, 1)}
        )
        return {"mus_id": meeting.pk}

    return build


def _plan(person_attr: str):
    def build(org):
        import datetime as dt

        from charlie.skills.models import DevelopmentPlan

        person = getattr(org, person_attr)
        plan, _created = DevelopmentPlan.objects.get_or_create(
            person=person,
            defaults={"valid_from": dt.date(2026, 1, 1), "valid_to": dt.date(2026, 12, 31)},
        )
        return {"plan_id": plan.pk}

    return build


_SKOLE = lambda org: {"person_id": org.person_in_skole.pk}  # noqa: E731
#: Users without a person record have no MUS, plan or road map of their own: 404.
_OWN_ONLY = expect(404, anonymous=LOGIN_REQUIRED, employee=200, manager=200, hr=200)
#: The employee's own (the employee is the person in Nord), the manager in scope, HR.
_NORD_PERSONAL = expect(403, anonymous=LOGIN_REQUIRED, employee=200, manager=200, hr=200)
_SKOLE_PERSONAL = expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200)

PERMISSION_CASES += [
    Case("skills:mus_list", expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200)),
    Case("skills:mus_schedule", expect(405, anonymous=LOGIN_REQUIRED), label="GET"),
    Case(
        "skills:mus_schedule",
        expect(403, anonymous=LOGIN_REQUIRED, manager=302, hr=302),
        method="post",
        data={"alle": "1"},
        label="plan MUS for everyone due",
    ),
    Case("skills:mus_mine", expect(200, anonymous=LOGIN_REQUIRED)),
    Case(
        "skills:mus_figures",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
    ),
    Case("skills:mus_detail", _NORD_PERSONAL, kwargs=_mus("person_in_nord"), label="own / in unit"),
    Case("skills:mus_detail", _SKOLE_PERSONAL, kwargs=_mus("person_in_skole"), label="outside"),
    Case(
        "skills:mus_detail",
        expect(403, anonymous=LOGIN_REQUIRED, employee=302),
        kwargs=_mus("person_in_nord"),
        method="post",
        data={"handling": "forberedelse", "employee_preparation": "Mine tanker"},
        label="only the employee writes their preparation",
    ),
    Case("skills:plan_detail", _NORD_PERSONAL, kwargs=_plan("person_in_nord"), label="in unit"),
    Case("skills:plan_detail", _SKOLE_PERSONAL, kwargs=_plan("person_in_skole"), label="outside"),
    Case("skills:roadmap_mine", _OWN_ONLY),
    Case("skills:roadmap_pdf_mine", _OWN_ONLY),
    Case("skills:roadmap_person", _NORD_PERSONAL, kwargs=NORD["person_id"], label="in unit"),
    Case("skills:roadmap_person", _SKOLE_PERSONAL, kwargs=_SKOLE, label="outside"),
    Case("skills:roadmap_pdf_person", _NORD_PERSONAL, kwargs=NORD["person_id"], label="in unit"),
    Case("skills:roadmap_pdf_person", _SKOLE_PERSONAL, kwargs=_SKOLE, label="outside"),
    Case(
        "skills:activities",
        expect(200, anonymous=LOGIN_REQUIRED, dpo=403, admin=403),
    ),
    Case(
        "skills:activities",
        expect(403, anonymous=LOGIN_REQUIRED, hr=400),
        method="post",
        data={"title": ""},
        label="only HR adds (an empty form: 400)",
    ),
]

PERSONAL_DATA_VISITS += [
    Visit("skills:mus_list", "manager", nord, "kompetencer", "kompetenceudvikling"),
    Visit("skills:mus_mine", "employee", own("employee"), "kompetencer", "egen_indsigt"),
    Visit(
        "skills:mus_detail",
        "employee",
        own("employee"),
        "kompetencer",
        "egen_indsigt",
        kwargs=_mus("person_in_nord"),
    ),
    Visit(
        "skills:mus_detail",
        "manager",
        nord,
        "kompetencer",
        "kompetenceudvikling",
        kwargs=_mus("person_in_nord"),
    ),
    Visit(
        "skills:plan_detail",
        "manager",
        nord,
        "kompetencer",
        "kompetenceudvikling",
        kwargs=_plan("person_in_nord"),
    ),
    Visit("skills:roadmap_mine", "employee", own("employee"), "kompetencer", "egen_indsigt"),
    Visit("skills:roadmap_pdf_mine", "employee", own("employee"), "kompetencer", "egen_indsigt"),
    Visit(
        "skills:roadmap_person",
        "manager",
        nord,
        "kompetencer",
        "kompetenceudvikling",
        kwargs=NORD["person_id"],
    ),
    Visit(
        "skills:roadmap_pdf_person",
        "hr",
        skole,
        "kompetencer",
        "kompetenceudvikling",
        kwargs=_SKOLE,
    ),
]

PERSONAL_DATA_URL_NAMES |= {
    "skills:mus_list",
    "skills:mus_mine",
    "skills:mus_detail",
    "skills:plan_detail",
    "skills:roadmap_mine",
    "skills:roadmap_pdf_mine",
    "skills:roadmap_person",
    "skills:roadmap_pdf_person",
}
