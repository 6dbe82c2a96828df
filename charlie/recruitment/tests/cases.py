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


def _adcheck_ad(org: object) -> dict[str, int]:
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


_ADCHECK_HR_ONLY = expect(403, anonymous=LOGIN_REQUIRED, hr=200)
_HR_POSTS = expect(403, anonymous=LOGIN_REQUIRED, hr=302)

PERMISSION_CASES += [
    Case("recruitment:ads", _ADCHECK_HR_ONLY),
    Case("recruitment:ad_new", _ADCHECK_HR_ONLY),
    Case(
        "recruitment:ad_check",
        _ADCHECK_HR_ONLY,
        method="post",
        data={"body": "Vi søger en yngre formand.", "lang": "da"},
    ),
    Case("recruitment:ad", _ADCHECK_HR_ONLY, kwargs=_adcheck_ad),
    Case("recruitment:ad_edit", _ADCHECK_HR_ONLY, kwargs=_adcheck_ad),
    Case("recruitment:ad_publish", _HR_POSTS, method="post", kwargs=_adcheck_ad),
    Case("recruitment:ad_close", _HR_POSTS, method="post", kwargs=_adcheck_ad),
    Case(
        "recruitment:ad_criteria",
        _HR_POSTS,
        method="post",
        kwargs=_adcheck_ad,
        data={"name": "Faglighed"},
    ),
    Case(
        "recruitment:ad_committee",
        _HR_POSTS,
        method="post",
        kwargs=_adcheck_ad,
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
_ONBOARDING_HR = expect(403, anonymous=LOGIN_REQUIRED, hr=200)
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
    Case("recruitment:onboarding_templates", _ONBOARDING_HR),
    Case("recruitment:onboarding_template_new", _ONBOARDING_HR),
    Case("recruitment:onboarding_template", _ONBOARDING_HR, kwargs=_template_kwargs),
    Case(
        "recruitment:onboarding_template_task_new",
        _HR_POST,
        method="post",
        kwargs=_template_kwargs,
        data={"task-title": "Uniform udleveret", "task-phase": "day_1", "task-owner": "manager"},
    ),
    Case("recruitment:onboarding_template_task", _ONBOARDING_HR, kwargs=_template_task_kwargs),
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

# --- part pipeline ---
# Round A ("pipeline-a"): the employee sits on its committee, the manager chairs it; two
# applicants (A-1 in "Modtaget", screened anonymously; A-2 shortlisted), a criterion, an
# interview and a letter template. Round B ("pipeline-b") has a committee of nobody here.

from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402

#: The criterion of round A has this id, so the score cases can post it.
CRITERION_ID = 90_001


def _pipeline(org: object) -> dict[str, object]:
    """Round A and B with their applicants; idempotent. Returns the ids."""
    import datetime as dt

    from django.utils import timezone

    from charlie.core import tokens
    from charlie.core.models import User
    from charlie.people.models import JobFamily
    from charlie.recruitment.models import (
        AdStatus,
        Application,
        CommitteeMember,
        Criterion,
        EmploymentType,
        Interview,
        JobAd,
        LetterTemplate,
        Stage,
    )

    def ad(slug: str) -> JobAd:
        found, _ = JobAd.objects.get_or_create(
            slug=slug,
            defaults={
                "title": f"Social- og sundhedsassistent ({slug})",
                "body": "Vi søger en kollega.",
                "unit": org.nord,  # type: ignore[attr-defined]
                "job_family": JobFamily.objects.get(code="sosu"),
                "employment_type": EmploymentType.PART_TIME,
                "weekly_hours": 32,
                "place": "Plejecenter Nord",
                "deadline": dt.date(2027, 1, 15),
                "status": AdStatus.PUBLISHED,
                "anonymised_screening": True,
            },
        )
        return found

    def application(a: JobAd, number: int, stage: str) -> Application:
        found, _ = Application.objects.get_or_create(
            ad=a,
            number=number,
            defaults={
                "name": f"Ansøger Hemmelig{number}",
                "email": f"ansoeger{number}.{a.slug}@example.org",
                "birth_year": 1990,
                "gender": "woman",
                "address": "Skjultvej 1",
                "stage": stage,
                "token_hash": tokens.generate_token().key_hash,
                "consent_version": "2026-12",
            },
        )
        return found

    a, b = ad("pipeline-a"), ad("pipeline-b")
    first = application(a, 1, Stage.RECEIVED)
    second = application(a, 2, Stage.SHORTLISTED)
    application(b, 1, Stage.RECEIVED)
    employee = User.objects.get(username="test-employee")
    manager = User.objects.get(username="test-manager")
    CommitteeMember.objects.get_or_create(ad=a, user=employee, defaults={"chair": False})
    CommitteeMember.objects.get_or_create(ad=a, user=manager, defaults={"chair": True})
    Criterion.objects.get_or_create(pk=CRITERION_ID, defaults={"ad": a, "name": "Faglighed"})
    starts = timezone.now() + dt.timedelta(days=7)
    interview = Interview.objects.filter(application=second).first() or Interview.objects.create(
        application=second, starts_at=starts, ends_at=starts + dt.timedelta(hours=1),
        location="Mødelokale 2",
    )  # fmt: skip
    template = LetterTemplate.objects.first() or LetterTemplate.objects.create(
        kind="interview",
        name="Indkaldelse",
        subject="Samtale om {stilling}",
        body="Kære {navn}, velkommen til samtale {dato} kl. {tid} på {sted}.",
    )
    return {
        "first": first.pk,
        "second": second.pk,
        "interview": interview.pk,
        "template": template.pk,
    }


def _round_a(org: object) -> dict[str, object]:
    _pipeline(org)
    return {"slug": "pipeline-a"}


def _round_b(org: object) -> dict[str, object]:
    _pipeline(org)
    return {"slug": "pipeline-b"}


def _first(org: object) -> dict[str, object]:
    return {"application_id": _pipeline(org)["first"]}


def _second(org: object) -> dict[str, object]:
    return {"application_id": _pipeline(org)["second"]}


def _interview(org: object) -> dict[str, object]:
    return {"interview_id": _pipeline(org)["interview"]}


def _template(org: object) -> dict[str, object]:
    return {"template_id": _pipeline(org)["template"]}


#: HR and round A's committee (the employee a member, the manager its chair); others 404.
_ROUND = expect(404, anonymous=LOGIN_REQUIRED, employee=200, manager=200, hr=200)
#: A change only HR and the chair may make (a member gets 403).
_MOVER = expect(404, anonymous=LOGIN_REQUIRED, employee=403, manager=302, hr=302)
_PIPELINE_HR_ONLY = expect(403, anonymous=LOGIN_REQUIRED, hr=200)

PERMISSION_CASES += [
    # Every role may sit on a committee: the list shows HR every round, others their own.
    Case("recruitment:rounds", expect(200, anonymous=LOGIN_REQUIRED)),
    Case("recruitment:round", _ROUND, kwargs=_round_a, label="round A"),
    Case(
        "recruitment:round",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=_round_b,
        label="round B: the committee of A gets 404",
    ),
    Case("recruitment:applicant", _ROUND, kwargs=_first, label="anonymous applicant"),
    Case(
        "recruitment:applicant",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=lambda org: {"application_id": _pipeline(org)["first"] + 2},
        label="round B's applicant",
    ),
    Case(
        "recruitment:applicant_move",
        _MOVER,
        method="post",
        kwargs=_first,
        data={"stage": "shortlisted"},
    ),
    Case(
        "recruitment:applicant_score",
        expect(404, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=403),
        method="post",
        kwargs=_first,
        data={"criterion": CRITERION_ID, "score": 4},
        label="only committee members score",
    ),
    Case(
        "recruitment:applicant_note",
        expect(404, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302),
        method="post",
        kwargs=_first,
        data={"text": "Stærk motivation."},
    ),
    Case(
        "recruitment:applicant_interview",
        _MOVER,
        method="post",
        kwargs=_second,
        data={
            "round_number": 1,
            "day": "2030-03-04",
            "starts": "10:00",
            "ends": "11:00",
            "location": "Mødelokale 1",
        },
    ),
    Case(
        "recruitment:applicant_test",
        _MOVER,
        method="post",
        kwargs=_second,
        data={"tool": "Testværktøj", "summary": "Over middel.", "consent_on": "2026-01-05"},
    ),
    Case(
        "recruitment:applicant_letter",
        expect(404, anonymous=LOGIN_REQUIRED, employee=403, manager=200, hr=200),
        kwargs=_second,
    ),
    Case(
        "recruitment:applicant_letter",
        _MOVER,
        method="post",
        kwargs=_second,
        data={"kind": "interview", "subject": "Samtale", "body": "Kære Ansøger, velkommen."},
        label="send",
    ),
    Case("recruitment:interview_ical", _ROUND, kwargs=_interview),
    Case("recruitment:letter_templates", _PIPELINE_HR_ONLY),
    Case("recruitment:letter_template_new", _PIPELINE_HR_ONLY),
    Case(
        "recruitment:letter_template_new",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        data={"kind": "rejection", "name": "Afslag", "subject": "Afslag", "body": "Kære {navn}"},
        label="create",
    ),
    Case("recruitment:letter_template_edit", _PIPELINE_HR_ONLY, kwargs=_template),
    # Figures for groups (no names): HR and analysts.
    Case("recruitment:fairness", expect(403, anonymous=LOGIN_REQUIRED, hr=200, analyst=200)),
    # The API: public facts for every role; a round for HR and its committee; the figures.
    Case("api:recruitment_ads", expect(200, anonymous=401)),
    Case(
        "api:recruitment_round",
        expect(404, anonymous=401, employee=200, manager=200, hr=200),
        kwargs=lambda org: {"ad_slug": _round_a(org)["slug"]},
        label="round A",
    ),
    Case(
        "api:recruitment_round",
        expect(404, anonymous=401, hr=200),
        kwargs=lambda org: {"ad_slug": _round_b(org)["slug"]},
        label="round B",
    ),
    Case("api:recruitment_fairness", expect(403, anonymous=401, hr=200, analyst=200)),
]


def _applicants(*keys: str):  # type: ignore[no-untyped-def]
    """The audit log's names of round A's applications (``ansøgning:<id>``)."""

    def accounts(org: object, users: object) -> set[str]:
        ids = _pipeline(org)
        return {f"ansøgning:{ids[k]}" for k in keys}

    return accounts


def _nobody(org: object, users: object) -> set[int]:
    return set()  # applicants have no person record: the visits name them as accounts


PERSONAL_DATA_VISITS += [
    Visit(
        "recruitment:round", "hr", _nobody, "rekruttering", "rekruttering",
        kwargs=_round_a, accounts=_applicants("first", "second"),
    ),
    Visit(
        "recruitment:round", "employee", _nobody, "rekruttering", "rekruttering",
        kwargs=_round_a, accounts=_applicants("first", "second"), label="committee member",
    ),
    Visit(
        "recruitment:applicant", "employee", _nobody, "rekruttering", "rekruttering",
        kwargs=_second, accounts=_applicants("second"),
    ),
    Visit(
        "recruitment:interview_ical", "manager", _nobody, "rekruttering", "rekruttering",
        kwargs=_interview, accounts=_applicants("second"),
    ),
    Visit(
        "recruitment:applicant_letter", "hr", _nobody, "rekruttering", "rekruttering",
        kwargs=_second, accounts=_applicants("second"),
    ),
]  # fmt: skip

PERSONAL_DATA_URL_NAMES |= {
    "recruitment:round",
    "recruitment:applicant",
    "recruitment:interview_ical",
    "recruitment:applicant_letter",
}

# --- part applying ---

from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402

#: The private links the cases use (their hashes are stored, as for real ones).
APPLICANT_TOKEN = "charlie_" + "a" * 43
PROFILE_TOKEN = "charlie_" + "t" * 43
#: Everyone, signed in or not, gets the same answer on a public page.
PUBLIC = expect(200)


def _applying_ad(slug: str = "case-sosu", **kw: object) -> object:
    from datetime import timedelta

    from django.utils import timezone

    from charlie.recruitment.models import AdStatus, JobAd
    from charlie.recruitment.tests.factories import JobAdFactory

    defaults: dict[str, object] = {
        "status": AdStatus.PUBLISHED,
        "published_at": timezone.now(),
        "deadline": timezone.localdate() + timedelta(days=30),
    }
    return JobAd.objects.filter(slug=slug).first() or JobAdFactory(slug=slug, **{**defaults, **kw})


def _applicant(org: object) -> object:
    """An application to the open ad "case-sosu", reached by ``APPLICANT_TOKEN``, with a CV."""
    from charlie.core.tokens import hash_token
    from charlie.recruitment.models import Application, ApplicationFile
    from charlie.recruitment.tests.factories import ApplicationFactory, pdf_bytes

    found = Application.objects.filter(token_hash=hash_token(APPLICANT_TOKEN)).first()
    if found is not None:
        return found
    application = ApplicationFactory(ad=_applying_ad(), token_hash=hash_token(APPLICANT_TOKEN))
    data = pdf_bytes()
    ApplicationFile.objects.create(
        application=application,
        kind="cv",
        name="cv.pdf",
        content_type="application/pdf",
        size=len(data),
        data=data,
    )
    return application


def _applicant_file(org: object) -> dict[str, object]:
    return {"key": _applicant(org).files.get().key}  # type: ignore[attr-defined]


def _committee_file(org: object, *, anonymous: bool) -> dict[str, object]:
    """A file of an applicant still "received", in a round whose committee has the manager;
    screening anonymous or not."""
    from charlie.core.models import User
    from charlie.recruitment.models import ApplicationFile, CommitteeMember
    from charlie.recruitment.tests.factories import ApplicationFactory, pdf_bytes

    slug = "case-udvalg-anonym" if anonymous else "case-udvalg-aaben"
    ad = _applying_ad(slug, anonymised_screening=anonymous)
    row = ApplicationFile.objects.filter(application__ad=ad).first()
    if row is None:
        data = pdf_bytes()
        row = ApplicationFile.objects.create(
            application=ApplicationFactory(ad=ad),
            kind="cv",
            name="cv.pdf",
            content_type="application/pdf",
            size=len(data),
            data=data,
        )
    manager = User.objects.filter(username="test-manager").first()
    if manager is not None:
        CommitteeMember.objects.get_or_create(ad=ad, user=manager)
    return {"key": row.key}


def _profile(org: object) -> object:
    from charlie.core.tokens import hash_token
    from charlie.recruitment.models import TalentProfile
    from charlie.recruitment.tests.factories import TalentProfileFactory

    return TalentProfile.objects.filter(
        token_hash=hash_token(PROFILE_TOKEN)
    ).first() or TalentProfileFactory(token_hash=hash_token(PROFILE_TOKEN))


def _rejected(org: object) -> object:
    """A rejected applicant, for the invitations to the talent pool."""
    from charlie.recruitment.models import Application, Stage
    from charlie.recruitment.tests.factories import ApplicationFactory

    return Application.objects.filter(
        stage=Stage.REJECTED, ad__slug="case-sosu"
    ).first() or ApplicationFactory(ad=_applying_ad(), stage=Stage.REJECTED)


def _making(make: object) -> object:
    """URL kwargs for a page without any: the page needs ``make(org)`` to have run."""

    def kwargs(org: object) -> dict[str, object]:
        make(org)  # type: ignore[operator]
        return {}

    return kwargs


PERMISSION_CASES += [
    # Public: the form of an open ad; a draft or an ad past its deadline is 404 for everyone.
    Case("careers:apply", PUBLIC, kwargs=lambda org: {"slug": _applying_ad().slug}),  # type: ignore[attr-defined]
    Case(
        "careers:apply",
        expect(404),
        kwargs=lambda org: {"slug": _applying_ad("case-kladde", status="draft").slug},  # type: ignore[attr-defined]
        label="a draft ad",
    ),
    # The applicant's own pages by private link: the same for everyone who has the link.
    Case(
        "careers:my_application",
        PUBLIC,
        kwargs=lambda org: {"token": APPLICANT_TOKEN} if _applicant(org) else {},
    ),
    Case(
        "careers:my_application",
        expect(404),
        kwargs=lambda org: {"token": "charlie_" + "x" * 43},
        label="a wrong link",
    ),
    Case(
        "careers:withdraw",
        PUBLIC,
        kwargs=lambda org: {"token": APPLICANT_TOKEN} if _applicant(org) else {},
    ),
    Case(
        "careers:delete",
        PUBLIC,
        kwargs=lambda org: {"token": APPLICANT_TOKEN} if _applicant(org) else {},
    ),
    Case("careers:talent_signup", PUBLIC),
    Case(
        "careers:talent_profile",
        PUBLIC,
        kwargs=lambda org: {"token": PROFILE_TOKEN} if _profile(org) else {},
    ),
    Case(
        "careers:talent_profile",
        expect(404),
        kwargs=lambda org: {"token": "charlie_" + "y" * 43},
        label="a wrong link",
    ),
    Case(
        "careers:talent_renew",
        expect(302),
        method="post",
        kwargs=lambda org: {"token": PROFILE_TOKEN} if _profile(org) else {},
    ),
    Case(
        "careers:talent_withdraw",
        PUBLIC,
        kwargs=lambda org: {"token": PROFILE_TOKEN} if _profile(org) else {},
    ),
    # An applicant's file: HR; the round's committee once anonymity allows; nobody else (404).
    Case(
        "recruitment:application_file",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=_applicant_file,
    ),
    Case(
        "recruitment:application_file",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200, manager=200),
        kwargs=lambda org: _committee_file(org, anonymous=False),
        label="the manager is on the committee, screening not anonymous",
    ),
    Case(
        "recruitment:application_file",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200, manager=403),
        kwargs=lambda org: _committee_file(org, anonymous=True),
        label="the manager is on the committee, anonymous screening, not shortlisted",
    ),
    # The talent pool and the invitations: HR.
    Case(
        "recruitment:talent_pool",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=_making(_profile),  # type: ignore[arg-type]
    ),
    Case(
        "recruitment:talent_invitable",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=_making(_rejected),  # type: ignore[arg-type]
    ),
    Case(
        "recruitment:talent_invite",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        kwargs=lambda org: {"application_id": _rejected(org).pk},  # type: ignore[attr-defined]
    ),
]


def _account(prefix: str, make: object) -> object:
    return lambda org, users: {f"{prefix}:{make(org).pk}"}  # type: ignore[operator]


PERSONAL_DATA_VISITS += [
    Visit(
        "recruitment:application_file",
        "hr",
        lambda org, users: set(),
        "rekruttering",
        "rekruttering",
        kwargs=_applicant_file,
        accounts=_account("ansøgning", _applicant),  # type: ignore[arg-type]
    ),
    Visit(
        "recruitment:talent_pool",
        "hr",
        lambda org, users: set(),
        "rekruttering",
        "rekruttering",
        kwargs=_making(_profile),  # type: ignore[arg-type]
        accounts=_account("talentprofil", _profile),  # type: ignore[arg-type]
    ),
    Visit(
        "recruitment:talent_invitable",
        "hr",
        lambda org, users: set(),
        "rekruttering",
        "rekruttering",
        kwargs=_making(_rejected),  # type: ignore[arg-type]
        accounts=_account("ansøgning", _rejected),  # type: ignore[arg-type]
    ),
]

PERSONAL_DATA_URL_NAMES |= {
    "recruitment:application_file",
    "recruitment:talent_pool",
    "recruitment:talent_invitable",
}

# --- part careers ---
# Requisitions: a manager (their units) and HR ask; HR decides. Stories: HR writes them. The
# careers site: everyone, anonymous included. None of these pages shows personal data (a
# requisition names only the requesting and deciding users' accounts; not audited, see
# docs/recruitment-careers.md).
from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402


def _requisition(org: object, *, unit: str = "nord", status: str = "draft") -> dict[str, int]:
    """A requisition for Plejecenter Nord (the manager's unit) or Nørre Skole (outside it)."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from charlie.people.models import JobFamily
    from charlie.recruitment.models import Requisition

    req, _ = Requisition.objects.get_or_create(
        title=f"Case {unit} {status}",
        defaults={
            "unit": getattr(org, unit),
            "job_family": JobFamily.objects.get(code="sosu"),
            "weekly_hours": Decimal(32),
            "start_on": timezone.localdate() + dt.timedelta(days=60),
            "reason": "replacement",
            "status": status,
        },
    )
    return {"requisition_id": req.pk}


def _story(org: object) -> dict[str, int]:
    from charlie.recruitment.models import Story

    story, _ = Story.objects.get_or_create(
        slug="case-historie",
        defaults={"title": "Case", "theme": "green", "summary": "Kort.", "body": "Tekst."},
    )
    return {"story_id": story.pk}


def _public_story(org: object) -> dict[str, str]:
    from django.utils import timezone

    from charlie.recruitment.models import Story

    Story.objects.get_or_create(
        slug="offentlig-historie",
        defaults={
            "title": "På cykel til job",
            "theme": "green",
            "summary": "Kort.",
            "body": "Tekst.",
            "published": True,
            "published_at": timezone.now(),
        },
    )
    return {"slug": "offentlig-historie"}


def _careers_ad(
    org: object, *, slug: str = "case-job", status: str = "published", days: int = 30
) -> dict[str, str]:
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from charlie.people.models import JobFamily
    from charlie.recruitment.models import JobAd

    JobAd.objects.get_or_create(
        slug=slug,
        defaults={
            "title": "Social- og sundhedsassistent",
            "body": "Vi søger en kollega.",
            "unit": org.nord,  # type: ignore[attr-defined]
            "job_family": JobFamily.objects.get(code="sosu"),
            "employment_type": "PART_TIME",
            "weekly_hours": Decimal(32),
            "place": "Plejecenter Nord",
            "deadline": timezone.localdate() + dt.timedelta(days=days),
            "status": status,
        },
    )
    return {"slug": slug}


_REQUESTERS = expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200)
_CAREERS_HR = expect(403, anonymous=LOGIN_REQUIRED, hr=200)
_PUBLIC = expect(200)

PERMISSION_CASES += [
    Case("recruitment:requisitions", _REQUESTERS),
    Case("recruitment:requisition_new", _REQUESTERS),
    Case(
        "recruitment:requisition_new",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        method="post",
        data={"title": ""},
        label="an incomplete form is shown again",
    ),
    Case("recruitment:requisition_shortage", _REQUESTERS),
    Case(
        "recruitment:requisition",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        kwargs=_requisition,
        label="in the manager's unit",
    ),
    Case(
        "recruitment:requisition",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200),
        kwargs=lambda org: _requisition(org, unit="skole"),
        label="outside the manager's unit",
    ),
    Case(
        "recruitment:requisition_edit",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        kwargs=_requisition,
    ),
    Case(
        "recruitment:requisition_edit",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200),
        kwargs=lambda org: _requisition(org, unit="skole"),
        label="outside the manager's unit",
    ),
    Case(
        "recruitment:requisition_submit",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=302),
        method="post",
        kwargs=lambda org: _requisition(org, unit="skole"),
        label="outside the manager's unit",
    ),
    Case(
        "recruitment:requisition_delete",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=302),
        method="post",
        kwargs=lambda org: _requisition(org, unit="skole"),
        label="outside the manager's unit",
    ),
    Case(
        "recruitment:requisition_decide",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        kwargs=lambda org: _requisition(org, status="submitted"),
        data={"decision": "approve"},
    ),
    Case("recruitment:stories", _CAREERS_HR),
    Case("recruitment:story_new", _CAREERS_HR),
    Case("recruitment:story_edit", _CAREERS_HR, kwargs=_story),
    Case(
        "recruitment:story_publish",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        kwargs=_story,
        data={"publish": "1"},
    ),
    Case(
        "recruitment:story_delete",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        kwargs=_story,
    ),
    # The public careers site: everyone, signed in or not.
    Case("careers:jobs", _PUBLIC),
    Case("careers:feed", _PUBLIC),
    Case("careers:language", expect(302)),
    Case("careers:stories", _PUBLIC),
    Case("careers:story", _PUBLIC, kwargs=_public_story),
    Case("careers:story", expect(404), kwargs=lambda org: {"slug": "findes-ikke"}, label="unknown"),
    Case("careers:job", _PUBLIC, kwargs=_careers_ad, label="open"),
    Case(
        "careers:job",
        expect(404),
        kwargs=lambda org: _careers_ad(org, slug="kladde", status="draft"),
        label="a draft",
    ),
    Case(
        "careers:job",
        expect(410),
        kwargs=lambda org: _careers_ad(org, slug="udloebet", days=-1),
        label="past its deadline",
    ),
]

# --- part gaps ---
# Editing a plan: the plan page's scope (Nord: the manager's unit; Nørre Skole: outside it). The
# new colleague's own task on the pre-boarding page, by the Nord plan's private link; a task of
# another owner there is read-only (404). A talent-pool sign-up waiting for confirmation.

from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402

#: The confirmation link of a sign-up nobody has confirmed yet.
PENDING_PROFILE_TOKEN = "charlie_" + "p" * 43


def _own_task_kwargs(owner: str):
    """The Nord plan's private link and a task of ``owner`` in it (idempotent)."""

    def kwargs(org):
        from charlie.recruitment.models import OnboardingTask

        plan = _onboarding_plan(org, "nord")
        task = plan.tasks.filter(owner=owner).first() or OnboardingTask.objects.create(
            plan=plan,
            title="Læs personalehåndbogen" if owner == "newcomer" else "IT-adgang",
            phase="week_1",
            owner=owner,
            due_on=plan.start_on,
        )
        return {"token": WELCOME_TOKEN, "task_id": task.pk}

    return kwargs


def _pending_profile(org: object) -> dict[str, str]:
    from charlie.core.tokens import hash_token
    from charlie.recruitment.models import TalentProfile
    from charlie.recruitment.tests.factories import TalentProfileFactory

    if not TalentProfile.objects.filter(token_hash=hash_token(PENDING_PROFILE_TOKEN)).exists():
        TalentProfileFactory(
            token_hash=hash_token(PENDING_PROFILE_TOKEN), confirmed_at=None, consent_until=None
        )
    return {"token": PENDING_PROFILE_TOKEN}


_EDIT_POST = {"start_on": "2027-03-08", "manager": "", "mentor_name": "Mona", "welcome": ""}

PERMISSION_CASES += [
    Case("recruitment:onboarding_plan_edit", _STAFF, kwargs=_plan_kwargs("nord"), label="Nord"),
    Case(
        "recruitment:onboarding_plan_edit",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200),
        kwargs=_plan_kwargs("skole"),
        label="outside the manager's units",
    ),
    Case(
        "recruitment:onboarding_plan_edit",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=302),
        method="post",
        kwargs=_plan_kwargs("skole"),
        data=_EDIT_POST,
        label="saved, outside the manager's units",
    ),
    Case(
        "careers:welcome_task",
        expect(302),
        method="post",
        kwargs=_own_task_kwargs("newcomer"),
        data={"done": "1"},
        label="the new colleague's own task",
    ),
    Case(
        "careers:welcome_task",
        expect(404),
        method="post",
        kwargs=_own_task_kwargs("it"),
        data={"done": "1"},
        label="another owner's task is read-only",
    ),
    Case(
        "careers:welcome_task",
        expect(404),
        method="post",
        kwargs=lambda org: {
            "token": "charlie_wrong-token-000000000000000000000000000",
            "task_id": 1,
        },
        data={"done": "1"},
        label="a wrong link",
    ),
    Case("careers:talent_confirm", expect(200), kwargs=_pending_profile),
    Case(
        "careers:talent_confirm",
        expect(404),
        kwargs=lambda org: {"token": "charlie_" + "w" * 43},
        label="a wrong link",
    ),
]

PERSONAL_DATA_VISITS += [
    Visit(
        "recruitment:onboarding_plan_edit",
        "manager",
        nord,
        "rekruttering",
        "rekruttering",
        kwargs=_plan_kwargs("nord", linked=True),
        label="joined to a person",
    ),
    Visit(
        "recruitment:onboarding_plan_edit",
        "hr",
        lambda org, users: set(),
        "rekruttering",
        "rekruttering",
        kwargs=_plan_kwargs("skole"),
        accounts=_plan_subject("skole"),
        label="by hand",
    ),
]

PERSONAL_DATA_URL_NAMES |= {"recruitment:onboarding_plan_edit"}
