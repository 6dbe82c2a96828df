"""Every page of well-being and the working environment (``/trivsel/``), opened in the browser and
checked by axe-core (issue 16: "browser tests with axe cover every page").

The part modules (``test_wellbeing_*.py``) walk through the work and each sweeps its own part;
this sweep opens every page of the whole app, each as the role that uses it, so that none is left
out. ``PAGES`` names every URL that answers a page of its own, with the role that opens it;
``NOT_PAGES`` names every other URL (a form's action that redirects, a file) and why it needs no
visit. ``tests/test_page_sweeps.py``, which needs no browser, fails when a URL of the namespace
is in neither, so a new page cannot ship without a visit here. The public pages and the pages an
employee reads (answering by the one-time link, the written APV, the unit's action plan, an
action they own, initiatives, "about this survey") are also opened at phone width (375 px).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from charlie.core.roles import Role
from charlie.people.services import operator_access
from charlie.recruitment.models import CheckIn
from charlie.recruitment.tests.factories import OnboardingPlanFactory
from charlie.wellbeing.models import (
    ActionStatus,
    ApvStep,
    Comment,
    Invitation,
    PulseSeries,
    QuestionKind,
    WalkthroughStatus,
)
from charlie.wellbeing.services import answering, surveys
from charlie.wellbeing.tests.factories import (
    ActionFactory,
    ApvFactory,
    ApvProblemFactory,
    DimensionFactory,
    InitiativeFactory,
    ParticipationFactory,
    QuestionFactory,
    QuestionnaireFactory,
    VersionFactory,
    WalkthroughItemFactory,
    add_response,
    closed_survey,
    draft_survey,
    launched_survey,
    link_of,
    results_story,
    results_version,
    staff,
    survey_version,
)
from tests.e2e.helpers import E2E
from tests.e2e.sweep import POST_REDIRECTS, Page, url, visit_all

pytestmark = E2E

#: The URL namespaces this sweep answers for.
SWEPT_NAMESPACES = ("wellbeing",)


PAGES: list[Page] = [
    # Question banks (HR): the municipality's own questionnaire, a draft version with a dimension
    # and a question, and a version a survey has frozen.
    Page("wellbeing:questionnaires", "hr", url("wellbeing:questionnaires")),
    Page("wellbeing:questionnaire_new", "hr", url("wellbeing:questionnaire_new")),
    Page("wellbeing:questionnaire_import", "hr", url("wellbeing:questionnaire_import")),
    Page(
        "wellbeing:questionnaire",
        "hr",
        url("wellbeing:questionnaire", questionnaire_id="questionnaire"),
    ),
    Page(
        "wellbeing:questionnaire_version",
        "hr",
        url("wellbeing:questionnaire_version", version_id="draft_version"),
    ),
    Page(
        "wellbeing:questionnaire_version",
        "hr",
        url("wellbeing:questionnaire_version", version_id="frozen_version"),
    ),
    # HR previews what respondents will see, on the phone most of them answer on.
    Page(
        "wellbeing:questionnaire_preview",
        "hr",
        url("wellbeing:questionnaire_preview", version_id="frozen_version"),
        phone=True,
    ),
    Page(
        "wellbeing:questionnaire_dimension_new",
        "hr",
        url("wellbeing:questionnaire_dimension_new", version_id="draft_version"),
    ),
    Page(
        "wellbeing:questionnaire_dimension",
        "hr",
        url(
            "wellbeing:questionnaire_dimension",
            version_id="draft_version",
            dimension_id="dimension",
        ),
    ),
    Page(
        "wellbeing:questionnaire_question_new",
        "hr",
        url("wellbeing:questionnaire_question_new", version_id="draft_version"),
    ),
    Page(
        "wellbeing:questionnaire_question",
        "hr",
        url("wellbeing:questionnaire_question", version_id="draft_version", question_id="scale"),
    ),
    Page(
        "wellbeing:questionnaire_question",
        "hr",
        url("wellbeing:questionnaire_question", version_id="draft_version", question_id="choice"),
    ),
    # Surveys and pulse series (HR): a draft, an open and a closed survey.
    Page("wellbeing:surveys", "hr", url("wellbeing:surveys")),
    Page("wellbeing:survey_new", "hr", url("wellbeing:survey_new")),
    Page("wellbeing:survey", "hr", url("wellbeing:survey", survey_id="draft")),
    Page("wellbeing:survey", "hr", url("wellbeing:survey", survey_id="open")),
    Page("wellbeing:survey", "hr", url("wellbeing:survey", survey_id="closed")),
    Page("wellbeing:survey_edit", "hr", url("wellbeing:survey_edit", survey_id="draft")),
    Page("wellbeing:survey_launch", "hr", url("wellbeing:survey_launch", survey_id="draft")),
    Page(
        "wellbeing:survey_invitations", "hr", url("wellbeing:survey_invitations", survey_id="open")
    ),
    Page("wellbeing:pulse_series_list", "hr", url("wellbeing:pulse_series_list")),
    Page("wellbeing:pulse_series_new", "hr", url("wellbeing:pulse_series_new")),
    # Answering by the one-time link from the e-mail, without logging in: an open link, a used
    # one and one of a closed survey; the thank-you page; "about this survey".
    Page("wellbeing:answer", None, url("wellbeing:answer", token="link")),
    Page("wellbeing:answer", None, url("wellbeing:answer", token="used_link")),
    Page("wellbeing:answer", None, url("wellbeing:answer", token="closed_link")),
    Page("wellbeing:answer_thanks", None, url("wellbeing:answer_thanks", survey_id="open")),
    Page("wellbeing:survey_about", None, url("wellbeing:survey_about", survey_id="open")),
    # Results: the manager's own unit, HR's whole survey, the analyst's unit with sub-units, an
    # open survey; response rates; HR's review of comments; a pulse series' trend.
    Page("wellbeing:results", "manager", url("wellbeing:results")),
    Page(
        "wellbeing:results_survey", "manager", url("wellbeing:results_survey", survey_id="results")
    ),
    Page("wellbeing:results_survey", "hr", url("wellbeing:results_survey", survey_id="results")),
    Page(
        "wellbeing:results_survey",
        "analyst",
        url("wellbeing:results_survey", "?enhed={aeldre}", survey_id="results"),
    ),
    Page("wellbeing:results_survey", "hr", url("wellbeing:results_survey", survey_id="open")),
    Page("wellbeing:results_rates", "hr", url("wellbeing:results_rates", survey_id="results")),
    Page(
        "wellbeing:results_comments", "hr", url("wellbeing:results_comments", survey_id="results")
    ),
    Page("wellbeing:results_comment", "hr", url("wellbeing:results_comment", comment_id="comment")),
    Page("wellbeing:results_trend", "manager", url("wellbeing:results_trend", series_id="trend")),
    # The APV, run by the unit's manager (HR sees every unit's and starts one for any unit).
    Page("wellbeing:apvs", "manager", url("wellbeing:apvs")),
    Page("wellbeing:apvs", "hr", url("wellbeing:apvs")),
    Page("wellbeing:apv_new", "manager", url("wellbeing:apv_new")),
    Page("wellbeing:apv_new", "hr", url("wellbeing:apv_new", "?enhed={syd}")),
    Page("wellbeing:apv", "manager", url("wellbeing:apv", apv_id="open_apv")),
    Page("wellbeing:apv", "manager", url("wellbeing:apv", apv_id="done_apv")),
    Page("wellbeing:apv_mapping", "manager", url("wellbeing:apv_mapping", apv_id="open_apv")),
    Page("wellbeing:apv_assessment", "manager", url("wellbeing:apv_assessment", apv_id="open_apv")),
    Page(
        "wellbeing:apv_problem_new", "manager", url("wellbeing:apv_problem_new", apv_id="open_apv")
    ),
    Page(
        "wellbeing:apv_problem",
        "manager",
        url("wellbeing:apv_problem", apv_id="open_apv", problem_id="problem"),
    ),
    Page("wellbeing:apv_follow_up", "manager", url("wellbeing:apv_follow_up", apv_id="open_apv")),
    Page("wellbeing:apv_next_due", "hr", url("wellbeing:apv_next_due", apv_id="done_apv")),
    # Action plans: the manager keeps them; the unit's employees read the plan and the written
    # APV, and the owner of an action sets its status.
    Page("wellbeing:actions", "manager", url("wellbeing:actions", "?status=all")),
    Page("wellbeing:action_new", "manager", url("wellbeing:action_new")),
    Page(
        "wellbeing:action_new",
        "manager",
        url("wellbeing:action_new", "?enhed={nord}&maaling={results}&kilde=Indflydelse"),
    ),
    Page("wellbeing:action", "manager", url("wellbeing:action", action_id="action")),
    Page("wellbeing:action", "employee", url("wellbeing:action", action_id="action"), phone=True),
    Page("wellbeing:my_plan", "employee", url("wellbeing:my_plan"), phone=True),
    Page(
        "wellbeing:apv_written",
        "employee",
        url("wellbeing:apv_written", apv_id="done_apv"),
        phone=True,
    ),
    # Green and health initiatives: employees join them (one they joined, one they have not);
    # HR makes, publishes and follows them in figures.
    Page("wellbeing:initiatives", "employee", url("wellbeing:initiatives"), phone=True),
    Page(
        "wellbeing:initiative",
        "employee",
        url("wellbeing:initiative", initiative_id="initiative"),
        phone=True,
    ),
    Page(
        "wellbeing:initiative",
        "employee",
        url("wellbeing:initiative", initiative_id="joined_initiative"),
        phone=True,
    ),
    Page("wellbeing:initiatives_admin", "hr", url("wellbeing:initiatives_admin")),
    Page("wellbeing:initiative_new", "hr", url("wellbeing:initiative_new")),
    Page(
        "wellbeing:initiative_edit",
        "hr",
        url("wellbeing:initiative_edit", initiative_id="draft_initiative"),
    ),
    Page(
        "wellbeing:initiative_participation",
        "hr",
        url("wellbeing:initiative_participation", initiative_id="initiative"),
    ),
    # New colleagues' check-ins in figures: HR for a unit with sub-units, the manager's own.
    Page("wellbeing:checkins", "hr", url("wellbeing:checkins", "?enhed={aeldre}")),
    Page("wellbeing:checkins", "manager", url("wellbeing:checkins")),
]


#: URLs that answer no page of their own, and why.
NOT_PAGES: dict[str, str] = {
    "wellbeing:questionnaire_version_new": "a form's action: it redirects to the new version",
    "wellbeing:questionnaire_version_delete": "a form's action: it redirects to the list",
    "wellbeing:questionnaire_export": "a version as a file (JSON or CSV)",
    "wellbeing:questionnaire_dimension_remove": POST_REDIRECTS,
    "wellbeing:questionnaire_dimension_move": POST_REDIRECTS,
    "wellbeing:questionnaire_question_remove": POST_REDIRECTS,
    "wellbeing:questionnaire_question_move": POST_REDIRECTS,
    "wellbeing:survey_delete": "a form's action: it redirects to the list of surveys",
    "wellbeing:survey_close": POST_REDIRECTS,
    "wellbeing:invitation_send_again": POST_REDIRECTS,
    "wellbeing:pulse_series_pause": POST_REDIRECTS,
    "wellbeing:results_pdf": "the report for the MED/AMO meeting as a PDF file",
    "wellbeing:results_excel": "the figures as an Excel file",
    "wellbeing:apv_step": POST_REDIRECTS,
    "wellbeing:apv_absence": POST_REDIRECTS,
    "wellbeing:apv_item_new": (
        "a form's action: it redirects, or shows the swept mapping page with the errors"
    ),
    "wellbeing:apv_item_remove": POST_REDIRECTS,
    "wellbeing:apv_problems_from_walkthrough": POST_REDIRECTS,
    "wellbeing:apv_problem_remove": POST_REDIRECTS,
    "wellbeing:apv_pdf": "the written APV as a PDF file (checked in test_apv_views.py)",
    "wellbeing:initiative_join": POST_REDIRECTS,
    "wellbeing:initiative_leave": POST_REDIRECTS,
    "wellbeing:initiative_publish": POST_REDIRECTS,
}


def _data(org: Any, users: dict[str, Any]) -> dict[str, Any]:
    """One of everything the pages show, so that no page is swept empty, and enough answers that
    the results pages show figures (groups of 5; offensive behaviour from 20 answers)."""
    today = timezone.localdate()
    hr = operator_access(Role.HR, channel="cli")

    # Question banks: the municipality's own questionnaire, version 1 a draft.
    draft_version = VersionFactory(
        questionnaire=QuestionnaireFactory(name="Trivsel i hjemmeplejen", kind="other")
    )
    dimension = DimensionFactory(version=draft_version, code="koersel", name="Kørsel", order=1)
    scale = QuestionFactory(
        version=draft_version,
        dimension=dimension,
        code="koersel-1",
        text="Har du tid nok til at køre mellem borgerne?",
    )
    choice = QuestionFactory(
        version=draft_version,
        code="bil",
        text="Hvilken bil kører du oftest i?",
        kind=QuestionKind.SINGLE,
        options=[
            {"value": 1, "label": "Elbil", "label_en": "Electric car"},
            {"value": 2, "label": "Benzinbil", "label_en": "Petrol car"},
        ],
    )

    # Surveys: 8 people in Nord and 6 in Syd; a draft, an open one (one link used) and a closed
    # one; a pulse series.
    nord = staff(org.nord, 8, birth=dt.date(1990, 1, 1))
    staff(org.syd, 6)
    draft = draft_survey([org.nord], bands=["age"], name="Trivselsmåling 2027 (kladde)")
    opened = launched_survey([org.nord, org.syd], name="Trivselsmåling 2027")
    invitations = list(Invitation.objects.filter(survey=opened).order_by("pk"))
    used = link_of(invitations[1])
    answering.submit(used, lambda f: ["3"] if f == "q-influence" else [])
    closed = launched_survey([org.syd], name="Trivselsmåling 2026")
    closed_link = link_of(Invitation.objects.filter(survey=closed).first())
    surveys.close(hr, closed.pk)
    series = PulseSeries.objects.create(name="Månedspuls", version=survey_version(), next_on=today)
    series.units.set([org.nord])

    # Results: a closed survey of 28 answers (8 in the manager's Nord), comments to review, and
    # a pulse series with three rounds.
    results = results_story(org, name="Trivselsmåling marts 2027")
    version = results_version(4)
    trend = PulseSeries.objects.create(name="Puls", version=version, next_on=dt.date(2027, 9, 1))
    trend.units.set([org.kommune])
    for month in (3, 4, 5):
        pulse = closed_survey(
            [org.kommune],
            version=version,
            name=f"Puls {month}",
            pulse=trend,
            opens_on=dt.date(2027, month, 1),
            closes_on=dt.date(2027, month, 8),
        )
        for unit, value in ((org.nord, month - 1), (org.skole, 4)):
            for _ in range(6):
                add_response(pulse, unit, {"indflydelse-1": value, "indflydelse-2": 2})

    # The APV: one under way in Nord (mapped from the results), one completed, one overdue in
    # the school; actions, one owned by the employee and overdue.
    open_apv = ApvFactory(
        unit=org.nord, survey=results, absence_period="2026-01-01/2026-12-31", started_on=today
    )
    WalkthroughItemFactory(apv=open_apv, text="Støj", status=WalkthroughStatus.PROBLEM)
    WalkthroughItemFactory(apv=open_apv, text="Lys")
    problem = ApvProblemFactory(apv=open_apv, title="Støj i fællesrummet")
    done_apv = ApvFactory(
        unit=org.nord,
        title="APV Plejecenter Nord 2025",
        step=ApvStep.DONE,
        started_on=today - dt.timedelta(days=500),
        completed_on=today - dt.timedelta(days=400),
        next_due_on=today - dt.timedelta(days=400) + dt.timedelta(days=3 * 365),
        participants="Arbejdsmiljørepræsentant Hanne Holm",
        absence_period="2024-01-01/2024-12-31",
        absence_percent="4.20",
        absence_days_per_fte="9.8",
        absence_note="Lavt.",
        assessment="Få problemer.",
        follow_up_guidelines="MED følger op.",
    )
    WalkthroughItemFactory(apv=done_apv, text="Indeklima", status=WalkthroughStatus.OK)
    action = ActionFactory(
        unit=org.nord,
        apv=open_apv,
        problem_ref=problem,
        owner=users["employee"],
        deadline=today - dt.timedelta(days=2),
    )
    ActionFactory(
        unit=org.nord,
        apv=done_apv,
        owner=users["manager"],
        status=ActionStatus.DONE,
        done_on=today - dt.timedelta(days=100),
    )
    ApvFactory(
        unit=org.skole,
        step=ApvStep.DONE,
        completed_on=today - dt.timedelta(days=1200),
        next_due_on=today - dt.timedelta(days=100),
        started_on=today - dt.timedelta(days=1300),
    )

    # Initiatives running now: one the employee joined, one with enough participants in Nord
    # and Nørre Skole for figures in both forvaltninger, and a draft.
    running = {"starts_on": today - dt.timedelta(days=3), "ends_on": today + dt.timedelta(days=27)}
    initiative = InitiativeFactory(**running)
    for person in nord[:6] + staff(org.skole, 12, family="laerer")[:6]:
        ParticipationFactory(initiative=initiative, person=person, joined_on=today)
    joined = InitiativeFactory(
        title="Frugt på arbejdspladsen",
        kind="health",
        summary="Frisk frugt hver dag i personalerummet.",
        **running,
    )
    ParticipationFactory(initiative=joined, person=org.person_in_nord, joined_on=today)
    draft_initiative = InitiativeFactory(
        title="Rygestop", kind="health", published=False, **running
    )

    # New colleagues' check-ins: six in Nord and six in Syd, at 30 days.
    answers = {"equipped": "yes", "who_to_ask": "partly", "welcome": 4, "introduction": "no"}
    for unit in (org.nord, org.syd):
        for _ in range(6):
            plan = OnboardingPlanFactory(unit=unit, start_on=today - dt.timedelta(days=30))
            CheckIn.objects.create(plan=plan, day=30, answers=answers)

    return {
        "questionnaire": draft_version.questionnaire_id,
        "draft_version": draft_version.pk,
        "frozen_version": opened.version_id,
        "dimension": dimension.pk,
        "scale": scale.pk,
        "choice": choice.pk,
        "draft": draft.pk,
        "open": opened.pk,
        "closed": closed.pk,
        "link": link_of(invitations[0]),
        "used_link": used,
        "closed_link": closed_link,
        "results": results.pk,
        "comment": Comment.objects.get(text="Kommentar 1 fra Nord").pk,
        "trend": trend.pk,
        "open_apv": open_apv.pk,
        "done_apv": done_apv.pk,
        "problem": problem.pk,
        "action": action.pk,
        "initiative": initiative.pk,
        "joined_initiative": joined.pk,
        "draft_initiative": draft_initiative.pk,
        "nord": org.nord.pk,
        "syd": org.syd.pk,
        "aeldre": org.aeldre.pk,
    }


def test_every_wellbeing_page_passes_axe(page, live_server, users, org):
    visit_all(page, live_server, PAGES, _data(org, users))
