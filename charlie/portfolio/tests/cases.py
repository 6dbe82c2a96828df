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

# --- part cases ---
# Business cases hold no personal data (no names), so none of these URLs writes the audit log.
# The portfolio's readers (HR, managers, analysts) see the figures; HR edits and sets the rates.
from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402

_CASES_READERS = expect(403, anonymous=LOGIN_REQUIRED, hr=200, manager=200, analyst=200)
_CASES_HR_ONLY = expect(403, anonymous=LOGIN_REQUIRED, hr=200)


def _cases_initiative(org: object) -> dict[str, int]:
    """Initiative 9101 with a business case (idempotent)."""
    from charlie.portfolio.models import BusinessCase, BusinessCaseLine, Initiative

    initiative, _ = Initiative.objects.get_or_create(
        number=9101, defaults={"title": "Digital post til borgerne"}
    )
    case, created = BusinessCase.objects.get_or_create(
        initiative=initiative, defaults={"first_year": 2027, "horizon": 5}
    )
    if created:
        BusinessCaseLine.objects.create(
            case=case, kind="investment", label="Licens", amounts=["1000000"]
        )
        BusinessCaseLine.objects.create(
            case=case, kind="benefit", label="Porto", amounts=["0", "350000", "350000"]
        )
    return {"number": initiative.number}


PERMISSION_CASES += [
    Case("portfolio:business_case", _CASES_READERS, kwargs=_cases_initiative),
    Case("portfolio:business_case_edit", _CASES_HR_ONLY, kwargs=_cases_initiative),
    Case("portfolio:rates", _CASES_HR_ONLY),
]

# --- part initiatives ---
# The front page is for everyone logged in; the initiatives are read by HR, managers and
# analysts (READ_PORTFOLIO) and kept by HR (MANAGE_PORTFOLIO). The owner's name is shown to HR
# and managers and recorded as read under "digitalisering"; the owner search records the people
# it shows; the front page records the caller's own ideas as their own read.
from charlie.core.testing.cases import LOGIN_REQUIRED, expect, own, skole  # noqa: E402

_I_EVERYONE = expect(200, anonymous=LOGIN_REQUIRED)
_I_READERS = expect(403, anonymous=LOGIN_REQUIRED, hr=200, manager=200, analyst=200)
_I_HR_ONLY = expect(403, anonymous=LOGIN_REQUIRED, hr=200)
_I_HR_POSTS = expect(403, anonymous=LOGIN_REQUIRED, hr=302)


def _i_initiative(org: object) -> dict[str, int]:
    """Initiative 1, owned by the person in Plejecenter Syd (idempotent)."""
    from charlie.portfolio.models import Initiative, Stage

    initiative, _ = Initiative.objects.get_or_create(
        number=1,
        defaults={
            "title": "Digital vagtplan",
            "stage": Stage.ANALYSIS,
            "owner": org.person_in_syd,  # type: ignore[attr-defined]
            "purpose": "Færre telefonopkald om vagter.",
        },
    )
    return {"number": initiative.number}


def _i_listed(org: object) -> dict[str, int]:
    """The list's URL takes nothing; initiative 1 is on it."""
    _i_initiative(org)
    return {}


def _i_syd(org: object, users: object) -> set[int]:
    """The owner of initiative 1."""
    return {org.person_in_syd.pk}  # type: ignore[attr-defined]


def _i_own_idea(org: object) -> dict[str, int]:
    """An idea submitted by the employee (the person in Plejecenter Nord)."""
    from charlie.portfolio.models import Idea, IdeaKind

    Idea.objects.get_or_create(
        title="Færre dobbelte indtastninger",
        defaults={
            "kind": IdeaKind.IDEA,
            "description": "Vi taster det samme to gange.",
            "submitted_by": org.person_in_nord,  # type: ignore[attr-defined]
        },
    )
    return {}


PERMISSION_CASES += [
    Case("portfolio:home", _I_EVERYONE),
    Case("portfolio:initiatives", _I_READERS, kwargs=_i_listed),
    Case("portfolio:initiative_new", _I_HR_ONLY),
    Case("portfolio:initiative", _I_READERS, kwargs=_i_initiative),
    Case("portfolio:initiative_edit", _I_HR_ONLY, kwargs=_i_initiative),
    Case(
        "portfolio:initiative_stage",
        _I_HR_POSTS,
        method="post",
        kwargs=_i_initiative,
        data={"stage": "decided", "note": "Besluttet i direktionen"},
    ),
    Case("portfolio:initiative_owner", _I_HR_ONLY, kwargs=_i_initiative),
    Case(
        "portfolio:initiative_owner",
        _I_HR_POSTS,
        method="post",
        kwargs=_i_initiative,
        data={"action": "remove"},
        label="remove the owner",
    ),
]

PERSONAL_DATA_VISITS += [
    Visit(
        "portfolio:initiatives",
        "hr",
        _i_syd,
        "digitalisering",
        "digitalisering",
        kwargs=_i_listed,
    ),
    Visit(
        "portfolio:initiatives",
        "manager",
        _i_syd,
        "digitalisering",
        "digitalisering",
        kwargs=_i_listed,
    ),
    Visit(
        "portfolio:initiative",
        "hr",
        _i_syd,
        "digitalisering",
        "digitalisering",
        kwargs=_i_initiative,
    ),
    Visit(
        "portfolio:initiative_owner",
        "hr",
        skole,
        "digitalisering",
        "digitalisering",
        kwargs=_i_initiative,
        params=lambda org: {"q": org.person_in_skole.employee_number},  # type: ignore[attr-defined]
    ),
    Visit(
        "portfolio:home",
        "employee",
        own("employee"),
        "digitalisering",
        "egen_indsigt",
        kwargs=_i_own_idea,
    ),
]

PERSONAL_DATA_URL_NAMES |= {
    "portfolio:home",
    "portfolio:initiatives",
    "portfolio:initiative",
    "portfolio:initiative_owner",
}

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

# --- part ideas ---
# Beacons: everyone logged in reads the published ones; an unpublished one exists only for the
# portfolio owner (HR); HR keeps beacons and measurements. Ideas: everyone logged in reads them;
# those with a person record (employee, manager, HR) submit, support and comment; the analyst,
# DPO and administrator have none (403). HR triages and hides comments. The idea's page shows HR
# the submitter's and commenters' names (audited); an employee's own support and comments are
# their own read, as is "Mine idéer".
from charlie.core.testing.cases import LOGIN_REQUIRED, expect, own, skole  # noqa: E402

_IDEAS_ALL = expect(200, anonymous=LOGIN_REQUIRED)
_IDEAS_PEOPLE = expect(200, anonymous=LOGIN_REQUIRED, analyst=403, dpo=403, admin=403)
_IDEAS_PEOPLE_POST = expect(403, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302)
_IDEAS_HR = expect(403, anonymous=LOGIN_REQUIRED, hr=200)
_IDEAS_HR_POST = expect(403, anonymous=LOGIN_REQUIRED, hr=302)


def _ideas_beacon(org, *, published: bool = True):
    """A beacon (idempotent); ``published=False``: one only the portfolio owner sees."""
    from charlie.portfolio.models import Beacon
    from charlie.portfolio.tests.factories import BeaconFactory

    title = "Digital post (adgangstest)" if published else "Udkast (adgangstest)"
    return Beacon.objects.filter(title=title).first() or BeaconFactory(
        title=title, published=published
    )


def _ideas_beacon_kwargs(published: bool = True):
    return lambda org: {"beacon_id": _ideas_beacon(org, published=published).pk}


def _ideas_measurement_kwargs(org):
    import datetime as dt
    from decimal import Decimal

    from charlie.portfolio.models import BeaconMeasurement

    beacon = _ideas_beacon(org)
    row, _created = BeaconMeasurement.objects.get_or_create(
        beacon=beacon, measured_on=dt.date(2025, 6, 1), defaults={"value": Decimal("50")}
    )
    return {"beacon_id": beacon.pk, "measurement_id": row.pk}


def _ideas_idea(org):
    """An open idea from the person in Nørre Skole, with a comment by them (idempotent)."""
    from charlie.portfolio.models import Idea, IdeaComment
    from charlie.portfolio.tests.factories import IdeaFactory

    title = "Dobbelt indtastning af fravær (adgangstest)"
    idea = Idea.objects.filter(title=title).first()
    if idea is None:
        idea = IdeaFactory(title=title, submitted_by=org.person_in_skole)
        IdeaComment.objects.create(idea=idea, person=org.person_in_skole, text="Det er et problem.")
    return idea


def _ideas_idea_kwargs(org):
    return {"idea_id": _ideas_idea(org).pk}


def _ideas_comment_kwargs(org):
    idea = _ideas_idea(org)
    return {"idea_id": idea.pk, "comment_id": idea.comments.first().pk}


PERMISSION_CASES += [
    Case("portfolio:beacons", _IDEAS_ALL),
    Case("portfolio:beacon", _IDEAS_ALL, kwargs=_ideas_beacon_kwargs()),
    Case(
        "portfolio:beacon",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=_ideas_beacon_kwargs(published=False),
        label="not published",
    ),
    Case("portfolio:beacon_new", _IDEAS_HR),
    Case("portfolio:beacon_edit", _IDEAS_HR, kwargs=_ideas_beacon_kwargs(published=False)),
    Case(
        "portfolio:beacon_publish",
        _IDEAS_HR_POST,
        method="post",
        kwargs=_ideas_beacon_kwargs(),
        data={"publish": "1"},
    ),
    Case(
        "portfolio:beacon_measure",
        _IDEAS_HR_POST,
        method="post",
        kwargs=_ideas_beacon_kwargs(),
        data={"measured_on": "2025-09-01", "value": "55", "note": ""},
    ),
    Case(
        "portfolio:beacon_measurement_delete",
        _IDEAS_HR_POST,
        method="post",
        kwargs=_ideas_measurement_kwargs,
    ),
    Case("portfolio:ideas", _IDEAS_ALL),
    Case("portfolio:idea_new", _IDEAS_PEOPLE),
    Case("portfolio:my_ideas", _IDEAS_ALL),
    Case("portfolio:idea", _IDEAS_ALL, kwargs=_ideas_idea_kwargs),
    Case(
        "portfolio:idea_support",
        _IDEAS_PEOPLE_POST,
        method="post",
        kwargs=_ideas_idea_kwargs,
        data={"stoet": "1"},
    ),
    Case(
        "portfolio:idea_comment",
        _IDEAS_PEOPLE_POST,
        method="post",
        kwargs=_ideas_idea_kwargs,
        data={"text": "Det oplever vi også."},
    ),
    Case(
        "portfolio:idea_comment_hide",
        _IDEAS_HR_POST,
        method="post",
        kwargs=_ideas_comment_kwargs,
        data={"skjul": "1"},
    ),
    Case(
        "portfolio:idea_triage",
        _IDEAS_HR_POST,
        method="post",
        kwargs=_ideas_idea_kwargs,
        data={"decision": "review"},
    ),
]

PERSONAL_DATA_VISITS += [
    # The portfolio owner sees who submitted and who commented.
    Visit(
        "portfolio:idea", "hr", skole, "digitalisering", "digitalisering", kwargs=_ideas_idea_kwargs
    ),
    # An employee sees whether they support the idea and which comments are theirs.
    Visit(
        "portfolio:idea",
        "employee",
        own("employee"),
        "digitalisering",
        "egen_indsigt",
        kwargs=_ideas_idea_kwargs,
        label="own",
    ),
    Visit("portfolio:my_ideas", "employee", own("employee"), "digitalisering", "egen_indsigt"),
]

PERSONAL_DATA_URL_NAMES |= {"portfolio:idea", "portfolio:my_ideas"}
# --- part priorities ---
# Prioritisation: the portfolio's readers (HR, managers, analysts) see; HR changes and saves.
# No page shows a person's name (titles and figures only), so none writes the audit log.
from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402

_P_READ = expect(403, anonymous=LOGIN_REQUIRED, hr=200, manager=200, analyst=200)
_P_HR_POSTS = expect(403, anonymous=LOGIN_REQUIRED, hr=302)


def _p_criterion(org: object) -> dict[str, int]:
    from charlie.portfolio.models import Criterion

    criterion, _ = Criterion.objects.get_or_create(name="Hastende", defaults={"weight": 1})
    return {"criterion_id": criterion.pk}


def _p_scenario(org: object) -> dict[str, int]:
    from charlie.portfolio.models import Scenario

    scenario, _ = Scenario.objects.get_or_create(
        name="Budget 2027",
        defaults={
            "first_year": 2027,
            "years": 1,
            "budget": [1000000],
            "hours": [None],
            "result": {
                "first_year": 2027,
                "years": 1,
                "budget": [1000000],
                "hours_limit": [None],
                "status": "optimal",
                "optimal": True,
                "gap": 0.0,
                "chosen": [],
                "value": 0,
                "costs": [0],
                "hours": [0],
                "problems": [],
                "problem_texts": [],
                "greedy": {"chosen": [], "value": 0, "costs": [0], "hours": [0]},
                "initiatives": [],
            },
        },
    )
    return {"scenario_id": scenario.pk}


PERMISSION_CASES += [
    Case("portfolio:priorities", _P_READ),
    Case(
        "portfolio:priorities",
        _P_READ,
        label="with a run",
        data={"forste_aar": "2027", "antal_aar": "3", "budget": "1.000.000", "timer": ""},
    ),
    Case(
        "portfolio:priorities_save",
        _P_HR_POSTS,
        method="post",
        data={"query": "forste_aar=2027&antal_aar=1&budget=1000", "navn": "Stramt"},
    ),
    Case("portfolio:priorities_criteria", _P_READ),
    Case(
        "portfolio:priorities_criteria",
        _P_HR_POSTS,
        method="post",
        label="add",
        data={"name": "Risiko", "source": "manual", "weight": "1", "active": "on"},
    ),
    Case(
        "portfolio:priorities_criterion",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=_p_criterion,
    ),
    Case("portfolio:priorities_scores", _P_READ),
    Case("portfolio:priorities_scores", _P_HR_POSTS, method="post", label="save"),
    Case("portfolio:priorities_scenarios", _P_READ),
    Case("portfolio:priorities_scenario", _P_READ, kwargs=_p_scenario),
    Case("portfolio:priorities_compare", _P_READ),
]


# --- part benefits ---
# Benefits realisation and the automation register: readers of the portfolio (HR, managers,
# analysts) see them with the owners' names (recorded as read), HR keeps them; a benefit's owner
# sees and enters their own (others get 404, so they cannot learn which benefits exist); every
# logged-in employee sees the robots in operation without names.
import datetime as _dt  # noqa: E402
from decimal import Decimal as _Decimal  # noqa: E402

from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402
from charlie.core.testing.cases import Case as _Case  # noqa: E402
from charlie.core.testing.cases import Visit as _Visit  # noqa: E402

_B_READERS = expect(403, anonymous=LOGIN_REQUIRED, hr=200, manager=200, analyst=200)
_B_HR = expect(403, anonymous=LOGIN_REQUIRED, hr=200)


def _b_initiative(org: object) -> object:
    from charlie.portfolio.models import Initiative

    initiative, _ = Initiative.objects.get_or_create(
        number=9001, defaults={"title": "Digital post til borgerne", "stage": "benefits"}
    )
    return initiative


def _b_benefit(org: object, *, owner: str = "person_in_skole") -> int:
    """A benefit of initiative 9001 owned by ``owner`` (an attribute of ``org``), with two
    quarters of 2025 (ended: the owner has a value to enter)."""
    from charlie.portfolio.models import Benefit, BenefitPeriod

    person = getattr(org, owner)
    benefit, created = Benefit.objects.get_or_create(
        initiative=_b_initiative(org),
        description=f"Sparede timer ({owner})",
        defaults={
            "kind": "hours",
            "owner": person,
            "start": _dt.date(2025, 1, 1),
            "end": _dt.date(2025, 6, 30),
        },
    )
    if created:
        for start, end in (
            (_dt.date(2025, 1, 1), _dt.date(2025, 3, 31)),
            (_dt.date(2025, 4, 1), _dt.date(2025, 6, 30)),
        ):
            BenefitPeriod.objects.create(
                benefit=benefit, period_start=start, period_end=end, planned=_Decimal(100)
            )
    return benefit.pk


def _b_kwargs(org: object) -> dict[str, int]:
    return {"benefit_id": _b_benefit(org)}


def _b_own_kwargs(org: object) -> dict[str, int]:
    return {"benefit_id": _b_benefit(org, owner="person_in_nord")}


def _b_number(org: object) -> dict[str, int]:
    return {"number": _b_initiative(org).number}  # type: ignore[attr-defined]


def _b_automation(org: object) -> dict[str, int]:
    from charlie.portfolio.models import Automation

    item, _ = Automation.objects.get_or_create(
        name="Bilagsrobot",
        defaults={
            "kind": "rpa",
            "process": "Flytter bilag fra e-mail til ESDH.",
            "owner": org.person_in_skole,  # type: ignore[attr-defined]
            "status": "running",
            "hours_saved_per_month": _Decimal(40),
            "started_on": _dt.date(2025, 1, 1),
            "review_note": "Stikprøver hver uge.",
        },
    )
    return {"automation_id": item.pk}


def _b_skole_owner(org: object, users: object) -> set[int]:
    return {org.person_in_skole.pk}  # type: ignore[attr-defined]


PERMISSION_CASES += [
    _Case("portfolio:benefits", _B_READERS, kwargs=lambda org: (_b_benefit(org), {})[1]),
    _Case(
        "portfolio:benefit",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200, manager=200, analyst=200),
        kwargs=_b_kwargs,
    ),
    _Case(
        "portfolio:benefit",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200, manager=200, analyst=200, employee=200),
        kwargs=_b_own_kwargs,
        label="the employee owns it",
    ),
    _Case("portfolio:benefit_edit", _B_HR, kwargs=_b_kwargs),
    _Case(
        "portfolio:benefit_enter",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200, manager=403, analyst=403),
        kwargs=_b_kwargs,
    ),
    _Case(
        "portfolio:benefit_enter",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200, manager=403, analyst=403, employee=200),
        kwargs=_b_own_kwargs,
        label="the employee owns it",
    ),
    _Case("portfolio:initiative_benefits", _B_READERS, kwargs=_b_number),
    _Case("portfolio:benefit_new", _B_HR, kwargs=_b_number),
    _Case("portfolio:automations", _B_READERS, kwargs=lambda org: (_b_automation(org), {})[1]),
    _Case("portfolio:automation", _B_READERS, kwargs=_b_automation),
    _Case("portfolio:automation_new", _B_HR),
    _Case("portfolio:automation_edit", _B_HR, kwargs=_b_automation),
    _Case("portfolio:automations_public", expect(200, anonymous=LOGIN_REQUIRED)),
    # The overview and the council report: no names, nothing to record.
    _Case("portfolio:overview", _B_READERS, kwargs=lambda org: (_b_benefit(org), {})[1]),
    _Case("portfolio:report_pdf", _B_READERS, kwargs=lambda org: (_b_benefit(org), {})[1]),
    _Case("portfolio:report_excel", _B_READERS, kwargs=lambda org: (_b_automation(org), {})[1]),
    # The API: readers of the portfolio; no names, nothing to record.
    _Case(
        "api:portfolio_initiatives",
        expect(403, anonymous=401, hr=200, manager=200, analyst=200),
        kwargs=lambda org: (_b_benefit(org), {})[1],
    ),
    _Case(
        "api:portfolio_initiative",
        expect(403, anonymous=401, hr=200, manager=200, analyst=200),
        kwargs=lambda org: (_b_benefit(org), _b_number(org))[1],
    ),
    _Case("api:portfolio_beacons", expect(403, anonymous=401, hr=200, manager=200, analyst=200)),
]

PERSONAL_DATA_VISITS += [
    _Visit(
        "portfolio:benefits",
        "manager",
        _b_skole_owner,
        "digitalisering",
        "digitalisering",
        params=lambda org: (_b_benefit(org), {})[1],
    ),
    _Visit(
        "portfolio:benefit",
        "hr",
        _b_skole_owner,
        "digitalisering",
        "digitalisering",
        kwargs=_b_kwargs,
    ),
    _Visit(
        "portfolio:benefit_enter",
        "hr",
        _b_skole_owner,
        "digitalisering",
        "digitalisering",
        kwargs=_b_kwargs,
    ),
    _Visit(
        "portfolio:initiative_benefits",
        "manager",
        _b_skole_owner,
        "digitalisering",
        "digitalisering",
        kwargs=lambda org: (_b_benefit(org), _b_number(org))[1],
    ),
    _Visit(
        "portfolio:benefit_edit",
        "hr",
        _b_skole_owner,
        "digitalisering",
        "digitalisering",
        kwargs=_b_kwargs,
    ),
    _Visit(
        "portfolio:automations",
        "hr",
        _b_skole_owner,
        "digitalisering",
        "digitalisering",
        params=lambda org: (_b_automation(org), {})[1],
    ),
    _Visit(
        "portfolio:automation",
        "manager",
        _b_skole_owner,
        "digitalisering",
        "digitalisering",
        kwargs=_b_automation,
    ),
    _Visit(
        "portfolio:automation_edit",
        "hr",
        _b_skole_owner,
        "digitalisering",
        "digitalisering",
        kwargs=_b_automation,
    ),
]
PERSONAL_DATA_URL_NAMES |= {
    "portfolio:benefits",
    "portfolio:benefit",
    "portfolio:benefit_enter",
    "portfolio:initiative_benefits",
    "portfolio:benefit_edit",
    "portfolio:automations",
    "portfolio:automation",
    "portfolio:automation_edit",
}
