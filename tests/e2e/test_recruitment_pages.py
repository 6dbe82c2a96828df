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
from typing import Any

from django.urls import reverse
from django.utils import timezone

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
from tests.e2e.helpers import E2E
from tests.e2e.sweep import POST_REDIRECTS, Page, url, visit_all

pytestmark = E2E

#: The URL namespaces this sweep answers for.
SWEPT_NAMESPACES = ("recruitment", "careers")


PAGES: list[Page] = [
    # The manager asks for a position; HR decides.
    Page("recruitment:requisitions", "manager", url("recruitment:requisitions")),
    Page("recruitment:requisition_new", "manager", url("recruitment:requisition_new")),
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
        url("recruitment:requisition_edit", requisition_id="draft_requisition"),
    ),
    Page(
        "recruitment:requisition",
        "hr",
        url("recruitment:requisition", requisition_id="submitted_requisition"),
    ),
    # HR's stories for the careers site.
    Page("recruitment:stories", "hr", url("recruitment:stories")),
    Page("recruitment:story_new", "hr", url("recruitment:story_new")),
    Page("recruitment:story_edit", "hr", url("recruitment:story_edit", story_id="story")),
    # Ads and the inclusive-language check.
    Page("recruitment:ads", "hr", url("recruitment:ads")),
    Page("recruitment:ad_new", "hr", url("recruitment:ad_new")),
    Page("recruitment:ad", "hr", url("recruitment:ad", ad_id="ad")),
    Page("recruitment:ad_edit", "hr", url("recruitment:ad_edit", ad_id="ad")),
    # The talent pool, as HR sees it.
    Page("recruitment:talent_pool", "hr", url("recruitment:talent_pool")),
    Page("recruitment:talent_invitable", "hr", url("recruitment:talent_invitable")),
    # The pipeline: the committee member's rounds, the chair's round and applicant, HR's letter.
    Page("recruitment:rounds", "employee", url("recruitment:rounds")),
    Page("recruitment:round", "manager", url("recruitment:round", slug="ad_slug")),
    Page(
        "recruitment:applicant",
        "manager",
        url("recruitment:applicant", application_id="shortlisted"),
    ),
    Page(
        "recruitment:applicant_letter",
        "hr",
        url("recruitment:applicant_letter", application_id="shortlisted"),
    ),
    Page("recruitment:letter_templates", "hr", url("recruitment:letter_templates")),
    Page("recruitment:letter_template_new", "hr", url("recruitment:letter_template_new")),
    Page(
        "recruitment:letter_template_edit",
        "hr",
        url("recruitment:letter_template_edit", template_id="letter_template"),
    ),
    Page("recruitment:fairness", "analyst", url("recruitment:fairness")),
    # Onboarding.
    Page("recruitment:onboarding", "manager", url("recruitment:onboarding")),
    Page("recruitment:onboarding_new", "manager", url("recruitment:onboarding_new")),
    Page("recruitment:onboarding_tasks", "manager", url("recruitment:onboarding_tasks")),
    Page(
        "recruitment:onboarding_plan",
        "manager",
        url("recruitment:onboarding_plan", plan_id="plan"),
    ),
    Page(
        "recruitment:onboarding_plan_edit",
        "manager",
        url("recruitment:onboarding_plan_edit", plan_id="plan"),
    ),
    Page("recruitment:onboarding_templates", "hr", url("recruitment:onboarding_templates")),
    Page("recruitment:onboarding_template_new", "hr", url("recruitment:onboarding_template_new")),
    Page(
        "recruitment:onboarding_template",
        "hr",
        url("recruitment:onboarding_template", template_id="onboarding_template"),
    ),
    Page(
        "recruitment:onboarding_template_task",
        "hr",
        url(
            "recruitment:onboarding_template_task",
            template_id="onboarding_template",
            task_id="template_task",
        ),
    ),
    # The public careers site.
    Page("careers:jobs", None, url("careers:jobs")),
    Page("careers:job", None, url("careers:job", slug="ad_slug")),
    Page("careers:job", None, url("careers:job", slug="closed_slug"), status=410),
    Page("careers:stories", None, url("careers:stories")),
    Page("careers:story", None, url("careers:story", slug="story_slug")),
    Page("careers:apply", None, url("careers:apply", slug="ad_slug")),
    Page("careers:my_application", None, url("careers:my_application", token="applicant")),
    Page("careers:withdraw", None, url("careers:withdraw", token="applicant")),
    Page("careers:delete", None, url("careers:delete", token="applicant")),
    Page("careers:talent_signup", None, url("careers:talent_signup")),
    Page("careers:talent_profile", None, url("careers:talent_profile", token="talent")),
    Page("careers:talent_withdraw", None, url("careers:talent_withdraw", token="talent")),
    Page("careers:talent_confirm", None, url("careers:talent_confirm", token="pending_talent")),
    Page("careers:welcome", None, url("careers:welcome", token="welcome")),
]

_POST_OR_PAGE = (
    "a form's action: it redirects on success and shows the applicant's page (swept) with the "
    "errors otherwise"
)

#: URLs that answer no page of their own, and why.
NOT_PAGES: dict[str, str] = {
    "recruitment:requisition_submit": POST_REDIRECTS,
    "recruitment:requisition_delete": POST_REDIRECTS,
    "recruitment:requisition_decide": POST_REDIRECTS,
    "recruitment:story_publish": POST_REDIRECTS,
    "recruitment:story_delete": POST_REDIRECTS,
    "recruitment:ad_check": "the editor's check as an htmx fragment, inside the swept editor",
    "recruitment:ad_publish": POST_REDIRECTS,
    "recruitment:ad_close": POST_REDIRECTS,
    "recruitment:ad_criteria": POST_REDIRECTS,
    "recruitment:ad_committee": POST_REDIRECTS,
    "recruitment:application_file": "an applicant's CV or application as a file",
    "recruitment:talent_invite": POST_REDIRECTS,
    "recruitment:applicant_move": _POST_OR_PAGE,
    "recruitment:applicant_score": _POST_OR_PAGE,
    "recruitment:applicant_note": _POST_OR_PAGE,
    "recruitment:applicant_interview": _POST_OR_PAGE,
    "recruitment:applicant_test": _POST_OR_PAGE,
    "recruitment:interview_ical": "an interview as an iCalendar file",
    "recruitment:onboarding_task_done": POST_REDIRECTS,
    "recruitment:onboarding_find_person": POST_REDIRECTS,
    "recruitment:onboarding_new_link": POST_REDIRECTS,
    "recruitment:onboarding_template_task_new": (
        "a form's action: it redirects, or shows the swept template page with the errors"
    ),
    "recruitment:onboarding_template_task_remove": POST_REDIRECTS,
    "careers:talent_renew": POST_REDIRECTS,
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
    visit_all(page, live_server, PAGES, _data(org, users))
