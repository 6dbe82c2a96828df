"""Every page of the digitalisation portfolio (``/digitalisering/``), opened in the browser and
checked by axe-core (issue 17: "browser tests with axe cover every page").

The part modules (``test_portfolio_*.py``) walk through the work and check pages on the way;
this sweep opens every page of the whole app, each as the role that uses it (HR is the
portfolio's owner; managers and analysts read it; employees follow the beacons, send and
support ideas, and enter the benefits they own), so that none is left out. ``PAGES`` names
every URL that answers a page of its own, with the role that opens it; ``NOT_PAGES`` names
every other URL (a form's action that redirects, the council report's files) and why it needs
no visit. ``tests/test_page_sweeps.py``, which needs no browser, fails when a URL of the
namespace is in neither, so a new page cannot ship without a visit here. The pages employees
use (the front page, the beacons, the ideas, "Mine idéer", an idea, a benefit they own and its
values, the robots in the municipality) are also opened at phone width (375 px).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from charlie.learning.tests.factories import CourseFactory, CourseSkillFactory
from charlie.people.services import access_for
from charlie.portfolio.models import AutomationKind, AutomationStatus, BenefitKind, Dpia, Stage, Tag
from charlie.portfolio.services import automations as automation_services
from charlie.portfolio.services import beacons as beacon_services
from charlie.portfolio.services import benefits as benefit_services
from charlie.portfolio.services import ideas as idea_services
from charlie.portfolio.services import initiatives as initiative_services
from charlie.portfolio.services import priorities as priority_services
from charlie.portfolio.services import team as team_services
from charlie.portfolio.tests.factories import (
    BeaconFactory,
    IdeaFactory,
    InitiativeFactory,
    business_case,
)
from charlie.skills.models import OptIn, OptInKind
from charlie.skills.tests.factories import SkillAssessmentFactory, SkillFactory
from tests.e2e.helpers import E2E
from tests.e2e.sweep import POST_REDIRECTS, Page, url, visit_all

pytestmark = E2E

#: The URL namespaces this sweep answers for.
SWEPT_NAMESPACES = ("portfolio",)


_RUN = "?forste_aar={year}&antal_aar=2&budget=1.000.000&timer="


PAGES: list[Page] = [
    # The front page: the employee's (with their own ideas) on a phone, the portfolio owner's.
    Page("portfolio:home", "employee", url("portfolio:home"), phone=True),
    Page("portfolio:home", "hr", url("portfolio:home")),
    # Beacons: everyone follows the published ones; HR keeps them (a draft only HR sees).
    Page("portfolio:beacons", "employee", url("portfolio:beacons"), phone=True),
    Page("portfolio:beacons", "hr", url("portfolio:beacons")),
    Page("portfolio:beacon", "employee", url("portfolio:beacon", beacon_id="beacon"), phone=True),
    Page("portfolio:beacon", "hr", url("portfolio:beacon", beacon_id="beacon")),
    Page("portfolio:beacon", "hr", url("portfolio:beacon", beacon_id="draft_beacon")),
    Page("portfolio:beacon_new", "hr", url("portfolio:beacon_new")),
    Page("portfolio:beacon_edit", "hr", url("portfolio:beacon_edit", beacon_id="draft_beacon")),
    # Ideas from the front line: employees send, support and comment on a phone; HR triages.
    Page("portfolio:ideas", "employee", url("portfolio:ideas"), phone=True),
    Page("portfolio:ideas", "hr", url("portfolio:ideas", "?status=open&sort=stoette")),
    Page("portfolio:idea_new", "employee", url("portfolio:idea_new"), phone=True),
    Page("portfolio:my_ideas", "employee", url("portfolio:my_ideas"), phone=True),
    Page("portfolio:idea", "employee", url("portfolio:idea", idea_id="idea"), phone=True),
    Page("portfolio:idea", "employee", url("portfolio:idea", idea_id="own_idea"), phone=True),
    Page("portfolio:idea", "hr", url("portfolio:idea", idea_id="idea")),
    Page("portfolio:idea", "hr", url("portfolio:idea", idea_id="own_idea")),
    # Initiatives: HR describes them and chooses the owner; managers and analysts read.
    Page("portfolio:initiatives", "hr", url("portfolio:initiatives")),
    Page("portfolio:initiatives", "analyst", url("portfolio:initiatives", "?stage=decided")),
    Page("portfolio:initiative_new", "hr", url("portfolio:initiative_new")),
    Page("portfolio:initiative", "hr", url("portfolio:initiative", number="vagtplan")),
    Page("portfolio:initiative", "manager", url("portfolio:initiative", number="vagtplan")),
    Page("portfolio:initiative_edit", "hr", url("portfolio:initiative_edit", number="vagtplan")),
    Page(
        "portfolio:initiative_owner",
        "hr",
        url("portfolio:initiative_owner", "?q={skole_number}", number="vagtplan"),
    ),
    # Business cases: HR makes them and sets the rates; a manager reads the figures.
    Page("portfolio:business_case", "hr", url("portfolio:business_case", number="vagtplan")),
    Page("portfolio:business_case", "hr", url("portfolio:business_case", number="platform")),
    Page("portfolio:business_case", "manager", url("portfolio:business_case", number="vagtplan")),
    Page(
        "portfolio:business_case_edit",
        "hr",
        url("portfolio:business_case_edit", number="vagtplan"),
    ),
    Page(
        "portfolio:business_case_edit",
        "hr",
        url("portfolio:business_case_edit", number="platform"),
    ),
    Page("portfolio:rates", "hr", url("portfolio:rates")),
    # The prioritisation: HR keeps the criteria and scores, runs and saves; readers read.
    Page("portfolio:priorities", "hr", url("portfolio:priorities")),
    Page("portfolio:priorities", "hr", url("portfolio:priorities", _RUN)),
    Page("portfolio:priorities", "manager", url("portfolio:priorities", _RUN)),
    Page("portfolio:priorities_criteria", "hr", url("portfolio:priorities_criteria")),
    Page("portfolio:priorities_criteria", "analyst", url("portfolio:priorities_criteria")),
    Page(
        "portfolio:priorities_criterion",
        "hr",
        url("portfolio:priorities_criterion", criterion_id="criterion"),
    ),
    Page("portfolio:priorities_scores", "hr", url("portfolio:priorities_scores")),
    Page("portfolio:priorities_scores", "analyst", url("portfolio:priorities_scores")),
    Page("portfolio:priorities_scenarios", "manager", url("portfolio:priorities_scenarios")),
    Page(
        "portfolio:priorities_scenario",
        "manager",
        url("portfolio:priorities_scenario", scenario_id="tight"),
    ),
    Page("portfolio:priorities_compare", "analyst", url("portfolio:priorities_compare")),
    Page(
        "portfolio:priorities_compare",
        "hr",
        url("portfolio:priorities_compare", "?a={tight}&b={round}"),
    ),
    # The right team (the portfolio owner): needs, a proposal with a gap, the overview.
    Page("portfolio:team", "hr", url("portfolio:team", number="vagtplan")),
    Page("portfolio:team", "hr", url("portfolio:team", number="platform")),
    Page("portfolio:team_needs", "hr", url("portfolio:team_needs", number="vagtplan")),
    Page(
        "portfolio:team_proposal",
        "hr",
        url("portfolio:team_proposal", number="vagtplan", proposal_id="proposal"),
    ),  # Benefits realisation: HR plans benefits and keeps them; the owner (here the employee)
    # enters the realised values from the front page, on a phone too; readers follow them.
    Page("portfolio:benefits", "hr", url("portfolio:benefits")),
    Page("portfolio:benefits", "analyst", url("portfolio:benefits", "?status=&q=")),
    Page("portfolio:benefit", "hr", url("portfolio:benefit", benefit_id="benefit")),
    Page("portfolio:benefit", "analyst", url("portfolio:benefit", benefit_id="kroner_benefit")),
    Page(
        "portfolio:benefit", "employee", url("portfolio:benefit", benefit_id="benefit"), phone=True
    ),
    Page("portfolio:benefit_edit", "hr", url("portfolio:benefit_edit", benefit_id="benefit")),
    Page("portfolio:benefit_enter", "hr", url("portfolio:benefit_enter", benefit_id="benefit")),
    Page(
        "portfolio:benefit_enter",
        "employee",
        url("portfolio:benefit_enter", benefit_id="benefit"),
        phone=True,
    ),
    Page(
        "portfolio:initiative_benefits",
        "hr",
        url("portfolio:initiative_benefits", number="robot"),
    ),
    Page(
        "portfolio:initiative_benefits",
        "manager",
        url("portfolio:initiative_benefits", number="platform"),
    ),
    Page("portfolio:benefit_new", "hr", url("portfolio:benefit_new", number="robot")),
    # The automation register (HR keeps it, readers read it) and the robots for everyone.
    Page("portfolio:automations", "hr", url("portfolio:automations")),
    Page("portfolio:automations", "analyst", url("portfolio:automations")),
    Page("portfolio:automation", "hr", url("portfolio:automation", automation_id="automation")),
    Page(
        "portfolio:automation",
        "analyst",
        url("portfolio:automation", automation_id="automation"),
    ),
    Page("portfolio:automation_new", "hr", url("portfolio:automation_new")),
    Page(
        "portfolio:automation_edit",
        "hr",
        url("portfolio:automation_edit", automation_id="automation"),
    ),
    Page(
        "portfolio:automations_public", "employee", url("portfolio:automations_public"), phone=True
    ),
    # The overview the council report is made from.
    Page("portfolio:overview", "manager", url("portfolio:overview")),
    Page("portfolio:overview", "hr", url("portfolio:overview")),
]

_POST_OR_PAGE = (
    "a form's action: it redirects on success and shows the page the form is on (swept) with "
    "the errors otherwise"
)

#: URLs that answer no page of their own, and why.
NOT_PAGES: dict[str, str] = {
    "portfolio:beacon_publish": POST_REDIRECTS,
    "portfolio:beacon_measure": _POST_OR_PAGE,
    "portfolio:beacon_measurement_delete": POST_REDIRECTS,
    "portfolio:idea_support": POST_REDIRECTS,
    "portfolio:idea_comment": _POST_OR_PAGE,
    "portfolio:idea_comment_hide": POST_REDIRECTS,
    "portfolio:idea_triage": _POST_OR_PAGE,
    "portfolio:initiative_stage": _POST_OR_PAGE,
    "portfolio:priorities_save": (
        "a form's action: it redirects to the saved scenario, or back to the swept run with a "
        "message"
    ),
    "portfolio:team_propose": "a form's action: it redirects to the new proposal, which is swept",
    "portfolio:team_decide": POST_REDIRECTS,
    "portfolio:team_learning": POST_REDIRECTS,
    "portfolio:report_pdf": "the council report as a PDF file (test_benefits_reports.py)",
    "portfolio:report_excel": "the council report as an Excel file (test_benefits_reports.py)",
}


def _data(org: Any, users: dict[str, Any]) -> dict[str, Any]:
    """One of everything the pages show, so that no page is swept empty."""
    today = timezone.localdate()
    hr = access_for(users["hr"])
    employee = access_for(users["employee"])

    # Beacons: a published one with two measurements, and a draft only HR sees.
    beacon = BeaconFactory(
        title="Mindre dobbeltarbejde",
        indicator="Timer brugt på genindtastning pr. måned",
        unit="timer",
        baseline=Decimal("1000"),
        baseline_on=today - dt.timedelta(days=365),
        target=Decimal("400"),
        deadline=today + dt.timedelta(days=365),
    )
    for days, value in ((90, "850"), (10, "700")):
        beacon_services.add_measurement(
            hr,
            beacon.pk,
            measured_on=today - dt.timedelta(days=days),
            value=Decimal(value),
            note="",
        )
    draft_beacon = BeaconFactory(title="Digital post til alle borgere", published=False)

    # Initiatives: the one described in full, decided, with an owner, a business case, skill
    # needs and a proposed team; one it depends on without a business case; a third with one.
    platform = InitiativeFactory(number=1, title="Fælles platform")
    vagtplan = initiative_services.create_initiative(
        hr,
        title="Digital vagtplan",
        stage=Stage.ANALYSIS,
        forvaltning_id=org.social.pk,
        purpose="Færre telefonopkald om ledige vagter.",
        problem="Vagter fordeles i dag over telefonen.",
        tags=[Tag.TRIAL],
        it_systems=["KMD Nexus", "Vagtplan.dk"],
        dpia=Dpia.NEEDED,
        dpia_note="Systemet behandler vagtønsker.",
        beacon_ids=[beacon.pk],
        depends_on=[platform.number],
    )
    initiative_services.change_stage(hr, vagtplan.number, Stage.DECIDED, note="Besluttet i MED")
    initiative_services.set_owner(hr, vagtplan.number, org.person_in_syd.pk)
    chatbot = InitiativeFactory(number=3, title="Chatbot til borgerservice")
    business_case(vagtplan, investment=["600000", "0"], benefit=["0", "350000"])
    business_case(chatbot, investment=["500000", "0"], staff_hours=["100", "0"])

    # Ideas: the employee's own, made into an initiative by HR, and one still new; a colleague's
    # idea the employee supports and comments on; enough others to fill a page.
    own = idea_services.submit_idea(
        employee,
        kind="need",
        title="Fravær tastes to gange",
        description="Vi taster fravær både i vagtplanen og i lønsystemet.",
        hours_per_month=Decimal("12.5"),
    )
    idea_services.make_initiative(hr, own.pk, reason="Passer med pejlemærket.")
    idea_services.submit_idea(
        employee, kind="idea", title="Tablets til hjemmeplejen", description="Færre papirlister."
    )
    idea = IdeaFactory(title="Automatisk besked om ledige vagter", submitted_by=org.person_in_skole)
    idea_services.support(employee, idea.pk)
    idea_services.add_comment(employee, idea.pk, text="Det samme hos os.")
    for n in range(4):
        IdeaFactory(title=f"Ældre idé {n}")

    # The prioritisation: a scored criterion and two saved scenarios.
    criterion = priority_services.save_criterion(
        hr, name="Hastende", source="manual", weight=Decimal("1")
    )
    for number, score in ((platform.number, 2), (vagtplan.number, 5), (chatbot.number, 4)):
        priority_services.set_scores(hr, number, {criterion.pk: score})
    year = today.year + 1
    scenarios = {}
    for name, budget in (("Stramt budget", 1_000_000), ("Rundt budget", 2_000_000)):
        result = priority_services.run(hr, first_year=year, years=2, budget=budget, hours=None)
        scenarios[name] = priority_services.save_scenario(hr, name=name, result=result)

    # The team: skill needs, a person who opted in, a course for the gap, a draft proposal.
    lead = SkillFactory(name="Projektledelse")
    tech = SkillFactory(name="Velfærdsteknologi")
    SkillAssessmentFactory(person=org.person_in_nord, skill=lead, level=3)
    OptIn.objects.create(person=org.person_in_nord, kind=OptInKind.PROJECTS, opted_in=True)
    CourseSkillFactory(
        skill=tech, level=3, course=CourseFactory(code="vt-grund", title="Velfærdsteknologi 1")
    )
    team_services.save_skill_needs(hr, vagtplan, [(lead.pk, 2, 120), (tech.pk, 3, 40)])
    team = team_services.propose(hr, vagtplan)

    # Benefits realisation: an initiative realising its benefits, with a business case; a
    # benefit in hours owned by the employee (the first quarter entered, later ones overdue) and
    # one in kroner owned by a colleague; a robot in the automation register.
    robot = InitiativeFactory(number=5, title="Robot til journalisering", stage=Stage.BENEFITS)
    robot.beacons.add(beacon)
    business_case(robot, investment=["1000000", "0"], benefit=["0", "350000"])
    last_year = today.year - 1
    benefit = benefit_services.create_benefit(
        hr,
        number=robot.number,
        description="Færre timer på journalisering",
        kind=BenefitKind.HOURS,
        owner=org.person_in_nord.employee_number,
        start=dt.date(last_year, 1, 1),
        end=dt.date(last_year, 12, 31),
        period="quarter",
        planned_per_period=Decimal("120"),
    )
    first = benefit.periods.order_by("period_start").first()
    benefit_services.enter_periods(
        employee,
        benefit.pk,
        {first.pk: benefit_services.PeriodInput(planned=None, realised=Decimal("100.5"))},
    )
    kroner = benefit_services.create_benefit(
        hr,
        number=robot.number,
        description="Sparet porto",
        kind=BenefitKind.KRONER,
        owner=org.person_in_skole.employee_number,
        start=dt.date(last_year, 1, 1),
        end=dt.date(today.year, 12, 31),
        period="year",
        planned_per_period=Decimal("175000"),
    )
    automation = automation_services.save_automation(
        hr,
        None,
        name="Journalrobot",
        kind=AutomationKind.RPA,
        process="Lægger notater fra plejeappen i journalen.",
        owner=org.person_in_skole.employee_number,
        unit_id=org.nord.pk,
        initiative_number=robot.number,
        hours_saved_per_month=Decimal("37.5"),
        status=AutomationStatus.RUNNING,
        data_touched="Plejenotater",
        personal_data=True,
        human_review=True,
        review_note="Sygeplejersken tjekker fejlkøen.",
        started_on=dt.date(last_year, 1, 1),
    )

    return {
        "beacon": beacon.pk,
        "draft_beacon": draft_beacon.pk,
        "vagtplan": vagtplan.number,
        "platform": platform.number,
        "skole_number": org.person_in_skole.employee_number,
        "idea": idea.pk,
        "own_idea": own.pk,
        "criterion": criterion.pk,
        "year": year,
        "tight": scenarios["Stramt budget"].pk,
        "round": scenarios["Rundt budget"].pk,
        "proposal": team.proposal_id,
        "robot": robot.number,
        "benefit": benefit.pk,
        "kroner_benefit": kroner.pk,
        "automation": automation.pk,
    }


def test_every_portfolio_page_passes_axe(page, live_server, users, org):
    visit_all(page, live_server, PAGES, _data(org, users))
