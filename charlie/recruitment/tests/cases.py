"""Who may open each URL of recruitment, and which of its URLs must write the audit log.

Collected by ``charlie.core.testing.cases`` for ``tests/test_permissions.py`` (every URL needs a
case) and ``charlie/privacy/tests/test_every_personal_data_url.py``. The test organisation
(``org``) and the users (``users``, one per role) are the people core's fixtures. Each part of
the app adds its block below.
"""

from __future__ import annotations

from charlie.core.testing.cases import Case, Visit

PERMISSION_CASES: list[Case] = []

PERSONAL_DATA_VISITS: list[Visit] = []

#: The URLs that show personal data: each has a visit above.
PERSONAL_DATA_URL_NAMES: set[str] = set()

# --- part adcheck ---
# Job ads and the inclusive-language check: HR only (MANAGE_ADS). Ads hold no personal data
# (the contact person is work contact data), so none of these URLs writes the audit log.
from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402


def _ad(org: object) -> dict[str, int]:
    """A draft ad in Plejecenter Nord (idempotent)."""
    from datetime import timedelta

    from django.utils import timezone

    from charlie.people.models import JobFamily
    from charlie.recruitment.models import JobAd

    ad, _ = JobAd.objects.get_or_create(
        slug="cases-sosu",
        defaults={
            "title": "Social- og sundhedsassistent",
            "body": "Vi søger en social- og sundhedsassistent.",
            "unit": org.nord,  # type: ignore[attr-defined]
            "job_family": JobFamily.objects.get(code="sosu"),
            "employment_type": "PART_TIME",
            "weekly_hours": 32,
            "place": "Plejecenter Nord",
            "deadline": timezone.localdate() + timedelta(days=30),
        },
    )
    return {"ad_id": ad.pk}


_HR_ONLY = expect(403, anonymous=LOGIN_REQUIRED, hr=200)
_HR_POSTS = expect(403, anonymous=LOGIN_REQUIRED, hr=302)

PERMISSION_CASES += [
    Case("recruitment:ads", _HR_ONLY),
    Case("recruitment:ad_new", _HR_ONLY),
    Case(
        "recruitment:ad_check",
        _HR_ONLY,
        method="post",
        data={"body": "Vi søger en yngre formand.", "lang": "da"},
    ),
    Case("recruitment:ad", _HR_ONLY, kwargs=_ad),
    Case("recruitment:ad_edit", _HR_ONLY, kwargs=_ad),
    Case("recruitment:ad_publish", _HR_POSTS, method="post", kwargs=_ad),
    Case("recruitment:ad_close", _HR_POSTS, method="post", kwargs=_ad),
    Case(
        "recruitment:ad_criteria",
        _HR_POSTS,
        method="post",
        kwargs=_ad,
        data={"name": "Faglighed"},
    ),
    Case(
        "recruitment:ad_committee",
        _HR_POSTS,
        method="post",
        kwargs=_ad,
        data={"user": ""},
    ),
]


# --- part onboarding ---
# Plans in Plejecenter Nord (the manager's unit) and in Nørre Skole (outside it), each with an
# open task; a template with a task; the pre-boarding page by a known private link.

from charlie.core.testing.cases import LOGIN_REQUIRED, expect, nord  # noqa: E402

#: The private link of the plan in Nord (only its hash is stored).
WELCOME_TOKEN = "charlie_onboarding-permission-test-token-000000000"


def _onboarding_plan(org, where: str = "nord", *, linked: bool = False):
    """A plan in ``where`` (nord or skole) with an open task due a week ago; ``linked``: joined
    to the person employed in Nord (a new colleague the payroll import has brought). The Nord
    plan answers to ``WELCOME_TOKEN``. Idempotent."""
    import datetime as dt

    from django.utils import timezone

    from charlie.core import tokens
    from charlie.recruitment.models import OnboardingPlan, OnboardingTask
    from charlie.recruitment.tests.factories import OnboardingPlanFactory

    name = f"Ny kollega {where}{' (knyttet)' if linked else ''}"
    plan = OnboardingPlan.objects.filter(name=name).first()
    if plan is None:
        start = timezone.localdate() - dt.timedelta(days=10)
        plan = OnboardingPlanFactory(
            name=name,
            unit=getattr(org, where),
            start_on=start,
            person=org.person_in_nord if linked else None,
            token_hash=tokens.hash_token(WELCOME_TOKEN)
            if (where, linked) == ("nord", False)
            else tokens.generate_token().key_hash,
        )
        OnboardingTask.objects.create(
            plan=plan,
            title="Nøgler og adgangskort",
            phase="day_1",
            owner="manager",
            due_on=start,
        )
    return plan


def _plan_kwargs(where: str, linked: bool = False):
    return lambda org: {"plan_id": _onboarding_plan(org, where, linked=linked).pk}


def _task_kwargs(where: str):
    def kwargs(org):
        plan = _onboarding_plan(org, where)
        return {"plan_id": plan.pk, "task_id": plan.tasks.first().pk}

    return kwargs


def _onboarding_template(org):
    from charlie.recruitment.models import OnboardingTemplate, TemplateTask

    template, _created = OnboardingTemplate.objects.get_or_create(name="Adgangstest")
    task, _created = TemplateTask.objects.get_or_create(
        template=template,
        title="Mentor udpeget",
        defaults={"phase": "before", "offset_days": -7, "owner": "manager"},
    )
    return template, task


def _template_kwargs(org):
    return {"template_id": _onboarding_template(org)[0].pk}


def _template_task_kwargs(org):
    template, task = _onboarding_template(org)
    return {"template_id": template.pk, "task_id": task.pk}


_STAFF = expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200)
_STAFF_POST = expect(403, anonymous=LOGIN_REQUIRED, manager=302, hr=302)
_HR = expect(403, anonymous=LOGIN_REQUIRED, hr=200)
_HR_POST = expect(403, anonymous=LOGIN_REQUIRED, hr=302)

PERMISSION_CASES += [
    Case("recruitment:onboarding", _STAFF),
    Case("recruitment:onboarding_new", _STAFF),
    Case("recruitment:onboarding_tasks", _STAFF),
    Case("recruitment:onboarding_plan", _STAFF, kwargs=_plan_kwargs("nord"), label="Nord"),
    Case(
        "recruitment:onboarding_plan",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200),
        kwargs=_plan_kwargs("skole"),
        label="outside the manager's units",
    ),
    Case(
        "recruitment:onboarding_task_done",
        _STAFF_POST,
        method="post",
        kwargs=_task_kwargs("nord"),
        data={"done": "1"},
    ),
    Case(
        "recruitment:onboarding_task_done",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=302),
        method="post",
        kwargs=_task_kwargs("skole"),
        data={"done": "1"},
        label="outside the manager's units",
    ),
    Case(
        "recruitment:onboarding_find_person",
        _STAFF_POST,
        method="post",
        kwargs=_plan_kwargs("nord"),
        data={"employee_number": "X-IKKE-FUNDET"},
    ),
    Case(
        "recruitment:onboarding_find_person",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=302),
        method="post",
        kwargs=_plan_kwargs("skole"),
        data={"employee_number": "X-IKKE-FUNDET"},
        label="outside the manager's units",
    ),
    Case(
        "recruitment:onboarding_new_link",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=302),
        method="post",
        kwargs=_plan_kwargs("skole"),
    ),
    Case("recruitment:onboarding_templates", _HR),
    Case("recruitment:onboarding_template_new", _HR),
    Case("recruitment:onboarding_template", _HR, kwargs=_template_kwargs),
    Case(
        "recruitment:onboarding_template_task_new",
        _HR_POST,
        method="post",
        kwargs=_template_kwargs,
        data={"task-title": "Uniform udleveret", "task-phase": "day_1", "task-owner": "manager"},
    ),
    Case("recruitment:onboarding_template_task", _HR, kwargs=_template_task_kwargs),
    Case(
        "recruitment:onboarding_template_task_remove",
        _HR_POST,
        method="post",
        kwargs=_template_task_kwargs,
    ),
    # The pre-boarding page: public, by its private link; a wrong link is a 404 for everyone.
    Case(
        "careers:welcome",
        expect(200),
        kwargs=lambda org: {"token": (_onboarding_plan(org, "nord"), WELCOME_TOKEN)[1]},
    ),
    Case(
        "careers:welcome",
        expect(404),
        kwargs=lambda org: {"token": "charlie_wrong-token-000000000000000000000000000"},
        label="a wrong link",
    ),
]


def _plan_subject(where: str):
    """The audit subject of a plan with neither person nor application."""

    def accounts(org, users):
        return {f"introduktion:{_onboarding_plan(org, where).pk}"}

    return accounts


PERSONAL_DATA_VISITS += [
    # A plan joined to its person: audited on the person.
    Visit(
        "recruitment:onboarding_plan",
        "manager",
        nord,
        "rekruttering",
        "rekruttering",
        kwargs=_plan_kwargs("nord", linked=True),
        label="joined to a person",
    ),
    # A plan HR made by hand, neither person nor application: audited as introduktion:<id>.
    Visit(
        "recruitment:onboarding_plan",
        "hr",
        lambda org, users: set(),
        "rekruttering",
        "rekruttering",
        kwargs=_plan_kwargs("skole"),
        accounts=_plan_subject("skole"),
        label="by hand",
    ),
    Visit(
        "recruitment:onboarding",
        "manager",
        nord,
        "rekruttering",
        "rekruttering",
        kwargs=lambda org: (_onboarding_plan(org, "nord", linked=True), {})[1],
    ),
    Visit(
        "recruitment:onboarding_tasks",
        "hr",
        nord,
        "rekruttering",
        "rekruttering",
        kwargs=lambda org: (
            _onboarding_plan(org, "nord", linked=True),
            _onboarding_plan(org, "skole"),
            {},
        )[2],
        accounts=_plan_subject("skole"),
    ),
]

PERSONAL_DATA_URL_NAMES |= {
    "recruitment:onboarding",
    "recruitment:onboarding_plan",
    "recruitment:onboarding_tasks",
}
