"""Every page of recruitment and of the public careers site, opened in the browser and checked by
axe-core (issue 15: "browser tests with axe cover every new page, the public ones included").

The story tests (``test_recruitment_*.py``) walk through the work and check pages on the way;
this sweep makes sure that none is left out. ``PAGES`` names every URL that answers a page of
its own, with the role that opens it; ``NOT_PAGES`` names every other URL (a form's action that
redirects, a file, a feed) and why it needs no visit. ``tests/test_page_sweeps.py``, which needs
no browser, fails when a URL of these namespaces is in neither, so a new page cannot ship
without a visit here. The public pages are also opened at phone width.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.urls import resolve, reverse
from django.utils import timezone
from playwright.sync_api import expect

from charlie.core import tokens
from charlie.recruitment.models import (
    AdStatus,
    Interview,
    RequisitionStatus,
    Stage,
    StageChange,
)
from charlie.recruitment.tests.factories import (
    ApplicationFactory,
    CommitteeMemberFactory,
    CriterionFactory,
    JobAdFactory,
    LetterTemplateFactory,
    OnboardingPlanFactory,
    OnboardingTaskFactory,
    RequisitionFactory,
    StoryFactory,
    TalentProfileFactory,
    TemplateTaskFactory,
    open_ad,
)
from tests.e2e.helpers import E2E, assert_accessible, login
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E

#: The URL namespaces this sweep answers for.
SWEPT_NAMESPACES = ("recruitment", "careers")


@dataclass(frozen=True)
class Page:
    """A page to open: its URL name, who opens it (``None``: the public), how to build its
    address from the sweep's data, and the status it answers."""

    name: str
    role: str | None
    path: Callable[[dict[str, Any]], str]
    status: int = 200


def _url(name: str, query: str = "", **keys: str) -> Callable[[dict[str, Any]], str]:
    """The address of ``name``; each of ``keys`` maps a URL argument to a key of the data."""

    def build(data: dict[str, Any]) -> str:
        return reverse(name, kwargs={arg: data[key] for arg, key in keys.items()}) + query

    return build


PAGES: list[Page] = [
    # The manager asks for a position; HR decides.
    Page("recruitment:requisitions", "manager", _url("recruitment:requisitions")),
    Page("recruitment:requisition_new", "manager", _url("recruitment:requisition_new")),
    Page(
        "recruitment:requisition_shortage",
        "manager",
        lambda d: (
            reverse("recruitment:requisition_shortage")
            + f"?job_family={d['sosu']}&shortage_year={d['year']}"
        ),
    ),
    Page(
        "recruitment:requisition_edit",
        "manager",
        _url("recruitment:requisition_edit", requisition_id="draft_requisition"),
    ),
    Page(
        "recruitment:requisition",
        "hr",
        _url("recruitment:requisition", requisition_id="submitted_requisition"),
    ),
    # HR's stories for the careers site.
    Page("recruitment:stories", "hr", _url("recruitment:stories")),
    Page("recruitment:story_new", "hr", _url("recruitment:story_new")),
    Page("recruitment:story_edit", "hr", _url("recruitment:story_edit", story_id="story")),
    # Ads and the inclusive-language check.
    Page("recruitment:ads", "hr", _url("recruitment:ads")),
    Page("recruitment:ad_new", "hr", _url("recruitment:ad_new")),
    Page("recruitment:ad", "hr", _url("recruitment:ad", ad_id="ad")),
    Page("recruitment:ad_edit", "hr", _url("recruitment:ad_edit", ad_id="ad")),
    # The talent pool, as HR sees it.
    Page("recruitment:talent_pool", "hr", _url("recruitment:talent_pool")),
    Page("recruitment:talent_invitable", "hr", _url("recruitment:talent_invitable")),
    # The pipeline: the committee member's rounds, the chair's round and applicant, HR's letter.
    Page("recruitment:rounds", "employee", _url("recruitment:rounds")),
    Page("recruitment:round", "manager", _url("recruitment:round", slug="ad_slug")),
    Page(
        "recruitment:applicant",
        "manager",
        _url("recruitment:applicant", application_id="shortlisted"),
    ),
    Page(
        "recruitment:applicant_letter",
        "hr",
        _url("recruitment:applicant_letter", application_id="shortlisted"),
    ),
    Page("recruitment:letter_templates", "hr", _url("recruitment:letter_templates")),
    Page("recruitment:letter_template_new", "hr", _url("recruitment:letter_template_new")),
    Page(
        "recruitment:letter_template_edit",
        "hr",
        _url("recruitment:letter_template_edit", template_id="letter_template"),
    ),
    Page("recruitment:fairness", "analyst", _url("recruitment:fairness")),
    # Onboarding.
    Page("recruitment:onboarding", "manager", _url("recruitment:onboarding")),
    Page("recruitment:onboarding_new", "manager", _url("recruitment:onboarding_new")),
    Page("recruitment:onboarding_tasks", "manager", _url("recruitment:onboarding_tasks")),
    Page(
        "recruitment:onboarding_plan",
        "manager",
        _url("recruitment:onboarding_plan", plan_id="plan"),
    ),
    Page(
        "recruitment:onboarding_plan_edit",
        "manager",
        _url("recruitment:onboarding_plan_edit", plan_id="plan"),
    ),
    Page("recruitment:onboarding_templates", "hr", _url("recruitment:onboarding_templates")),
    Page("recruitment:onboarding_template_new", "hr", _url("recruitment:onboarding_template_new")),
    Page(
        "recruitment:onboarding_template",
        "hr",
        _url("recruitment:onboarding_template", template_id="onboarding_template"),
    ),
    Page(
        "recruitment:onboarding_template_task",
        "hr",
        _url(
            "recruitment:onboarding_template_task",
            template_id="onboarding_template",
            task_id="template_task",
        ),
    ),
    # The public careers site.
    Page("careers:jobs", None, _url("careers:jobs")),
    Page("careers:job", None, _url("careers:job", slug="ad_slug")),
    Page("careers:job", None, _url("careers:job", slug="closed_slug"), status=410),
    Page("careers:stories", None, _url("careers:stories")),
    Page("careers:story", None, _url("careers:story", slug="story_slug")),
    Page("careers:apply", None, _url("careers:apply", slug="ad_slug")),
    Page("careers:my_application", None, _url("careers:my_application", token="applicant")),
    Page("careers:withdraw", None, _url("careers:withdraw", token="applicant")),
    Page("careers:delete", None, _url("careers:delete", token="applicant")),
    Page("careers:talent_signup", None, _url("careers:talent_signup")),
    Page("careers:talent_profile", None, _url("careers:talent_profile", token="talent")),
    Page("careers:talent_withdraw", None, _url("careers:talent_withdraw", token="talent")),
    Page("careers:talent_confirm", None, _url("careers:talent_confirm", token="pending_talent")),
    Page("careers:welcome", None, _url("careers:welcome", token="welcome")),
]

_POST_REDIRECTS = "a form's action: it redirects to the page the form is on, which is swept"
_POST_OR_PAGE = (
    "a form's action: it redirects on success and shows the applicant's page (swept) with the "
    "errors otherwise"
)

#: URLs that answer no page of their own, and why.
NOT_PAGES: dict[str, str] = {
    "recruitment:requisition_submit": _POST_REDIRECTS,
    "recruitment:requisition_delete": _POST_REDIRECTS,
    "recruitment:requisition_decide": _POST_REDIRECTS,
    "recruitment:story_publish": _POST_REDIRECTS,
    "recruitment:story_delete": _POST_REDIRECTS,
    "recruitment:ad_check": "the editor's check as an htmx fragment, inside the swept editor",
    "recruitment:ad_publish": _POST_REDIRECTS,
    "recruitment:ad_close": _POST_REDIRECTS,
    "recruitment:ad_criteria": _POST_REDIRECTS,
    "recruitment:ad_committee": _POST_REDIRECTS,
    "recruitment:application_file": "an applicant's CV or application as a file",
    "recruitment:talent_invite": _POST_REDIRECTS,
    "recruitment:applicant_move": _POST_OR_PAGE,
    "recruitment:applicant_score": _POST_OR_PAGE,
    "recruitment:applicant_note": _POST_OR_PAGE,
    "recruitment:applicant_interview": _POST_OR_PAGE,
    "recruitment:applicant_test": _POST_OR_PAGE,
    "recruitment:interview_ical": "an interview as an iCalendar file",
    "recruitment:onboarding_task_done": _POST_REDIRECTS,
    "recruitment:onboarding_find_person": _POST_REDIRECTS,
    "recruitment:onboarding_new_link": _POST_REDIRECTS,
    "recruitment:onboarding_template_task_new": (
        "a form's action: it redirects, or shows the swept template page with the errors"
    ),
    "recruitment:onboarding_template_task_remove": _POST_REDIRECTS,
    "careers:talent_renew": _POST_REDIRECTS,
    "careers:welcome_task": (
        "the new colleague's tick on the pre-boarding page: it redirects to that page (swept)"
    ),
    "careers:feed": "the Atom feed of open jobs (XML, checked in test_careers.py)",
    "careers:language": "a link that sets the language and redirects to a swept page",
}


def _token(model_factory: Any, **fields: Any) -> tuple[Any, str]:
    new = tokens.generate_token()
    return model_factory(token_hash=new.key_hash, **fields), new.plain


def _data(org: Any, users: dict[str, Any]) -> dict[str, Any]:
    """One of everything the pages show, so that no page is swept empty."""
    today = timezone.localdate()
    draft = RequisitionFactory(unit=org.nord, requested_by=users["manager"])
    submitted = RequisitionFactory(
        unit=org.nord, requested_by=users["manager"], status=RequisitionStatus.SUBMITTED
    )
    RequisitionFactory(unit=org.nord, status=RequisitionStatus.APPROVED, title="Sygeplejerske")
    story = StoryFactory(slug="paa-cykel", published_at=timezone.now())
    ad = open_ad(slug="sosu-nord", unit=org.nord, requisition=submitted)
    closed = JobAdFactory(
        slug="lukket-job",
        status=AdStatus.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(days=30),
        deadline=today - dt.timedelta(days=1),
    )
    JobAdFactory(slug="kladde", title="Forperson for MED-udvalget")
    CommitteeMemberFactory(ad=ad, user=users["employee"])
    CommitteeMemberFactory(ad=ad, user=users["manager"], chair=True)
    CriterionFactory(ad=ad, name="Faglighed", order=1)
    received, applicant_token = _token(
        ApplicationFactory, ad=ad, number=1, name="Ali Khan", gender="man", birth_year=1980
    )
    shortlisted = ApplicationFactory(
        ad=ad, number=2, name="Sara Holm", gender="woman", birth_year=1990, stage=Stage.SHORTLISTED
    )
    StageChange.objects.create(application=shortlisted, stage=Stage.SHORTLISTED)
    Interview.objects.create(
        application=shortlisted,
        starts_at=timezone.now() + dt.timedelta(days=5),
        ends_at=timezone.now() + dt.timedelta(days=5, hours=1),
        location="Plejecenter Nord",
    )
    ApplicationFactory(ad=closed, number=1, stage=Stage.REJECTED, name="Jonas Bak")
    letter_template = LetterTemplateFactory()
    _talent, talent_token = _token(TalentProfileFactory)
    _pending, pending_talent_token = _token(
        TalentProfileFactory, email="ny@example.org", confirmed_at=None, consent_until=None
    )
    task = TemplateTaskFactory()
    plan, welcome_token = _token(
        OnboardingPlanFactory,
        unit=org.nord,
        manager=users["manager"],
        start_on=today + dt.timedelta(days=10),
    )
    OnboardingTaskFactory(plan=plan, due_on=today + dt.timedelta(days=3))
    OnboardingTaskFactory(plan=plan, owner="newcomer", title="Læs personalehåndbogen", due_on=today)
    return {
        "sosu": draft.job_family_id,
        "year": today.year + 1,
        "draft_requisition": draft.pk,
        "submitted_requisition": submitted.pk,
        "story": story.pk,
        "story_slug": story.slug,
        "ad": ad.pk,
        "ad_slug": ad.slug,
        "closed_slug": closed.slug,
        "received": received.pk,
        "shortlisted": shortlisted.pk,
        "applicant": applicant_token,
        "letter_template": letter_template.pk,
        "talent": talent_token,
        "pending_talent": pending_talent_token,
        "onboarding_template": task.template_id,
        "template_task": task.pk,
        "plan": plan.pk,
        "welcome": welcome_token,
    }


def test_every_recruitment_page_passes_axe(page, live_server, users, org):
    data = _data(org, users)
    signed_in = None
    for visit in sorted(PAGES, key=lambda p: p.role or ""):
        if visit.role != signed_in:
            page.context.clear_cookies()
            if visit.role is not None:
                login(page, live_server, visit.role)
            signed_in = visit.role
        path = visit.path(data)
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == visit.status, (
            f"{visit.name} ({path}) as {visit.role or 'the public'}: {response and response.status}"
        )
        # The page itself, not a log-in form or a redirect elsewhere.
        assert resolve(urlsplit(page.url).path).view_name == visit.name, page.url
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_accessible(page, f"{visit.name} ({path}) as {visit.role or 'the public'}")
        if visit.role is None:
            page.set_viewport_size(PHONE)
            assert _sticking_out(page) == [], f"{path} at 375 px"
            assert_accessible(page, f"{visit.name} ({path}) at 375 px")
            page.set_viewport_size({"width": 1280, "height": 900})
