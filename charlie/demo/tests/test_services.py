"""Creating Demo Kommune in the database, its demo logins and the ``charlie`` commands."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Q
from django.test import RequestFactory, override_settings

from charlie.absence.models import AbsencePeriod
from charlie.core.models import User
from charlie.core.services import log_in
from charlie.demo.services import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    DemoSummary,
    create_demo,
    demo_exists,
)
from charlie.people import services as people
from charlie.people.models import Employment, OrgUnit, OrgUnitKind, Person

pytestmark = pytest.mark.django_db

REF = date(2026, 3, 31)


@pytest.fixture
def summary() -> DemoSummary:
    return create_demo(employees=300, seed=11, reference_date=REF)


def test_counts_in_database_match_the_summary(summary: DemoSummary) -> None:
    assert OrgUnit.objects.count() == summary.org_units
    assert Person.objects.count() == summary.people
    assert Employment.objects.count() == summary.employments
    assert AbsencePeriod.objects.count() == summary.absence_periods
    current = people.current_employments(on=REF)
    assert current.values("person").distinct().count() == 300
    # Foreign keys (checked at commit, deferred) are all valid.
    connection.check_constraints()


def test_paths_are_consistent_with_create_org_unit(summary: DemoSummary) -> None:
    units = {u.pk: u for u in OrgUnit.objects.all()}
    for unit in units.values():
        parent = units.get(unit.parent_id) if unit.parent_id else None
        assert unit.path == f"{parent.path if parent else '/'}{unit.pk}/"
        assert unit.depth == (parent.depth + 1 if parent else 0)
    # The sequences were reset: new rows get fresh keys, and the service builds the same paths.
    school = OrgUnit.objects.filter(kind=OrgUnitKind.INSTITUTION).first()
    new = people.create_org_unit(
        name="Ny afdeling", kind=OrgUnitKind.DEPARTMENT, parent=school, valid_from=REF
    )
    assert new.pk > max(units)
    assert new.path == f"{school.path}{new.pk}/"
    person = Person.objects.create(
        employee_number="X1", first_name="Ny", last_name="Person", birth_date=date(1990, 1, 1)
    )
    assert person.pk > summary.people


def test_stored_values(summary: DemoSummary) -> None:
    root = OrgUnit.objects.get(parent__isnull=True)
    assert root.name == "Demo Kommune" and root.kind == OrgUnitKind.MUNICIPALITY
    assert not OrgUnit.objects.filter(manager__isnull=True).exists()
    employment = Employment.objects.filter(end_date__isnull=False).select_related("person").first()
    assert employment.end_reason
    assert employment.agreement.startswith(("Overenskomst", "Aftale"))
    assert employment.person.email.endswith("@demo-kommune.dk")
    partial = AbsencePeriod.objects.filter(absence_type="partial_sickness").first()
    assert partial is not None and partial.hours_per_day > 0
    assert not AbsencePeriod.objects.filter(
        ~Q(absence_type="partial_sickness"), hours_per_day__isnull=False
    ).exists()
    assert AbsencePeriod.objects.filter(end_date__isnull=True).exists()
    assert set(AbsencePeriod.objects.values_list("absence_type", flat=True).distinct()) <= {
        "sickness",
        "partial_sickness",
        "child_sick",
        "work_injury",
    }


def test_demo_users_roles_and_links(summary: DemoSummary) -> None:
    users = {u.username: u for u in User.objects.filter(is_demo=True)}
    assert set(users) == {login.username for login in DEMO_LOGINS}
    for login in DEMO_LOGINS:
        user = users[login.username]
        assert user.role == login.role
        assert user.check_password(DEMO_PASSWORD)
        # No flag outside the role: the demo administrator is not a superuser.
        assert not user.is_superuser
        assert not user.is_staff
    employee = users["medarbejder"]
    job = people.my_current_employments(people.access_for(employee)).get()
    assert job.job_title == "Social- og sundhedsassistent"
    assert employee.first_name == employee.person.first_name
    manager = users["leder"]
    units = list(people.managed_units(people.access_for(manager)))
    assert units and units[0].kind == OrgUnitKind.INSTITUTION
    has_children = units[0].children.exists()
    team = people.visible_people(people.access_for(manager), on=REF).count()
    assert has_children or team >= 15
    assert team >= 10
    hr = users["hr"]
    hr_job = hr.person.employments.get(end_date__isnull=True)
    assert hr_job.org_unit.name == "HR og Personale"
    assert hr_job.org_unit.parent.name == "Staben"
    assert demo_exists()


def test_demo_logins_only_work_in_demo_mode(summary: DemoSummary) -> None:
    request = RequestFactory().post("/login/")
    with override_settings(DEMO=True):
        assert log_in(request=request, username="hr", password=DEMO_PASSWORD, ip_address=None).ok
    with override_settings(DEMO=False):
        assert not log_in(
            request=request, username="hr", password=DEMO_PASSWORD, ip_address=None
        ).ok


def test_recreating_replaces_everything_but_keeps_other_users(org: object) -> None:
    other = User.objects.create_user("rigtig-bruger", password="en-anden-kode-123")
    progress: list[tuple[str, int, int]] = []
    first = create_demo(employees=300, seed=3, reference_date=REF)
    user_ids = set(User.objects.filter(is_demo=True).values_list("pk", flat=True))
    second = create_demo(
        employees=300, seed=3, reference_date=REF, progress=lambda *a: progress.append(a)
    )
    assert (first.people, first.absence_periods) == (second.people, second.absence_periods)
    assert Person.objects.count() == second.people  # the fixture's people are gone
    assert not OrgUnit.objects.filter(name="Testkommune").exists()
    assert set(User.objects.filter(is_demo=True).values_list("pk", flat=True)) == user_ids
    assert User.objects.filter(pk=other.pk, is_demo=False).exists()
    stages = [stage for stage, _, _ in progress]
    assert stages[0] == "generate" and stages[-1] == "portfolio"
    assert ("absences", second.absence_periods, second.absence_periods) in progress


def test_demo_command_creates_once() -> None:
    out = StringIO()
    call_command("demo", stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert "1.800" in text and "demo-kun-til-demo" in text and "CHARLIE_DEMO=1" in text
    for login in DEMO_LOGINS:
        assert login.username in text
    marker = Person.objects.order_by("pk").first()
    marker.first_name = "Uændret"
    marker.save()
    out = StringIO()
    call_command("demo", stdout=out, stderr=StringIO())
    assert "findes allerede" in out.getvalue()
    assert "demo-kun-til-demo" in out.getvalue()
    assert "Social- og sundhedsassistent" in out.getvalue()  # who the logins are
    assert Person.objects.get(pk=marker.pk).first_name == "Uændret"


def test_commands_refuse_to_replace_other_data_without_force(org: object) -> None:
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", "--employees=300", stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match="--force"):
        call_command("demo", stdout=StringIO(), stderr=StringIO())
    assert OrgUnit.objects.filter(name="Testkommune").exists()
    call_command("seed_demo", "--employees=300", "--force", stdout=StringIO(), stderr=StringIO())
    assert not OrgUnit.objects.filter(name="Testkommune").exists()


def test_seed_demo_command_regenerates_with_progress() -> None:
    out, err = StringIO(), StringIO()
    call_command(
        "seed_demo",
        "--employees=300",
        "--seed=4",
        "--reference-date=2025-12-31",
        stdout=out,
        stderr=err,
    )
    assert "300 nuværende medarbejdere pr. 31.12.2025" in out.getvalue()
    assert "Fraværsperioder" in out.getvalue() and "Tid i alt" in out.getvalue()
    assert "Fraværsperioder: 100 %" in err.getvalue()
    assert people.current_employments(on=date(2025, 12, 31)).count() == 300


def test_the_demo_holds_skills_mus_and_plans(summary: DemoSummary) -> None:
    """Issue 13, point 10: role profiles for the job families and the road map's target, skill
    levels, MUS dates (some overdue), signed plans and people who said yes."""
    from charlie.skills.models import (
        AssessmentStatus,
        DevelopmentPlan,
        MusMeeting,
        MusStatus,
        OptIn,
        RoleProfile,
        SkillAssessment,
    )

    assert RoleProfile.objects.filter(
        code="sosu-naere-sundhedsvaesen", is_current=True, job_family__code="sosu"
    ).exists()
    assert SkillAssessment.objects.filter(status=AssessmentStatus.CONFIRMED).count() > 300
    assert SkillAssessment.objects.filter(status=AssessmentStatus.PROPOSED).exists()
    overdue = MusMeeting.objects.filter(
        status=MusStatus.SCHEDULED, due_on__lt=summary.reference_date
    )
    assert 0 < overdue.count() < MusMeeting.objects.filter(status=MusStatus.SCHEDULED).count()
    assert DevelopmentPlan.objects.filter(manager_signed_at__isnull=False).exists()
    assert OptIn.objects.filter(opted_in=True).exists()
    employee = next(u for u in summary.users if u.login.username == "medarbejder")
    upcoming = MusMeeting.objects.get(person_id=employee.person_id, status=MusStatus.SCHEDULED)
    assert upcoming.due_on > summary.reference_date


def test_the_demo_holds_courses_rules_and_completions(summary: DemoSummary) -> None:
    """Issue 14: a catalogue with sessions to come, rules of mandatory training, completions
    that are mostly up to date with some lapsed, and the demo employee's story (a lapsed
    first-aid course and a request to join the next session)."""
    from charlie.learning.models import (
        Attempt,
        Completion,
        Course,
        Enrolment,
        MandatoryRule,
        ModuleProgress,
        Session,
    )

    assert Course.objects.filter(code="foerstehjaelp", skills__level=2).exists()
    # The road map's next step for a SOSU assistant (forflytning 3) is a course with dates.
    assert Session.objects.filter(course__code="forflytning-oevet").count() == 3
    assert Session.objects.filter(starts_at__date__gt=summary.reference_date).count() >= 10
    assert MandatoryRule.objects.count() >= 5
    lapsed = Completion.objects.filter(valid_until__lt=summary.reference_date)
    assert 0 < lapsed.count() < Completion.objects.count() // 4
    employee = next(u for u in summary.users if u.login.username == "medarbejder")
    first_aid = Completion.objects.get(person_id=employee.person_id, course__code="foerstehjaelp")
    assert first_aid.valid_until is not None and first_aid.valid_until < summary.reference_date
    assert Enrolment.objects.filter(person_id=employee.person_id, status="requested").exists()
    # The built-in GDPR module is required of everyone; the employee's runs out in three weeks,
    # and passing it gives a skill their profile does not hold yet.
    gdpr = MandatoryRule.objects.get(name="Informationssikkerhed og GDPR for alle").course
    assert gdpr is not None and gdpr.module is not None and gdpr.skills.exists()
    mine = Completion.objects.get(person_id=employee.person_id, course=gdpr)
    assert mine.valid_until == summary.reference_date + timedelta(days=21)
    # Passing in the demo looks like passing in Charlie: an attempt, all lessons read, a
    # certificate of the same day.
    assert mine.certificate.issued_on == mine.completed_on
    progress = ModuleProgress.objects.get(person_id=employee.person_id, module=gdpr.module)
    assert len(progress.lessons_done) == gdpr.module.lessons.count()
    assert Attempt.objects.filter(module=gdpr.module, passed=True).count() == (
        Completion.objects.filter(course=gdpr).count()
    )


def test_the_demo_holds_a_hiring_round_from_requisition_to_onboarding(
    summary: DemoSummary,
) -> None:
    """Issue 15: the manager's approved requisition (a shortage), the SOSU ad published with its
    language report and a committee with the demo employee on it, applicants in anonymous
    screening, earlier rounds with a hire whose onboarding plan carries the ansættelsesbevis
    deadlines, stories and a talent pool."""
    from charlie.recruitment.models import (
        AdStatus,
        Application,
        JobAd,
        OnboardingPlan,
        Requisition,
        Stage,
        Story,
        TalentProfile,
    )

    requisition = Requisition.objects.get()
    assert (requisition.reason, requisition.status) == ("shortage", "approved")
    assert requisition.shortage_gap is not None and requisition.shortage_year == REF.year + 1
    ad = JobAd.objects.get(slug="social-og-sundhedsassistent")
    assert ad.status == AdStatus.PUBLISHED and ad.deadline > summary.reference_date
    assert ad.report is not None and ad.report["verdict"]
    draft = JobAd.objects.get(slug="sosu-kladde-foer-sprogtjek")
    categories = {f["category"] for f in draft.report["findings"]}
    assert {"age", "gendered_title", "masculine_coded"} <= categories  # "ung", "formand", …
    employee = next(u for u in summary.users if u.login.username == "medarbejder")
    assert ad.committee.filter(user_id=employee.user_id, chair=False).exists()
    assert ad.applications.filter(stage=Stage.RECEIVED).count() >= 5
    assert JobAd.objects.filter(status=AdStatus.PUBLISHED).count() >= 6
    plan = OnboardingPlan.objects.get()
    kinds = set(plan.tasks.values_list("kind", flat=True))
    assert {"terms_7", "terms_1m"} <= kinds
    assert plan.application is not None and plan.application.stage == Stage.HIRED
    assert Application.objects.filter(ad__status=AdStatus.CLOSED).count() > 100
    assert Story.objects.filter(published=True).count() == 3
    assert TalentProfile.objects.count() == 3
    # Double opt-in: every demo profile is confirmed, so HR's pool shows them and the daily
    # job does not delete them as unconfirmed sign-ups.
    assert not TalentProfile.objects.filter(confirmed_at__isnull=True).exists()


def test_the_demo_holds_well_being_surveys_an_apv_and_actions(summary: DemoSummary) -> None:
    """Issue 16: two closed trivselsmålinger of the whole municipality (the later compared with
    the earlier), a pulse series with rounds, a draft for HR to launch, answers that hold no
    person, closed surveys without links or answered flags, the manager's APV at the action plan
    with the unit's sickness absence period and two actions (one overdue), other units' APVs with
    their next due dates, and green initiatives with participation."""
    from django.utils import timezone

    from charlie.demo.services import demo_users
    from charlie.wellbeing.models import (
        Action,
        Apv,
        ApvStep,
        Initiative,
        Invitation,
        Participation,
        PulseSeries,
        Response,
        Survey,
        SurveyStatus,
    )

    today = timezone.localdate()
    closed = Survey.objects.filter(status=SurveyStatus.CLOSED, kind="wellbeing").order_by(
        "opens_on"
    )
    assert closed.count() == 2
    assert closed.last().previous == closed.first()  # type: ignore[union-attr]
    for survey in closed:
        invited = survey.invitations.count()
        answered = survey.responses.count()
        assert 0.6 * invited < answered < 0.9 * invited
        assert sum(t.answered for t in survey.tallies.all()) == answered
    assert (
        not Invitation.objects.filter(survey__status=SurveyStatus.CLOSED)
        .exclude(token_hash=None, answered=None)
        .exists()
    )
    assert {f.name for f in Response._meta.get_fields()} <= {
        "id",
        "survey",
        "unit",
        "band_values",
        "source",
        "answers",
        "comments",
    }
    assert Survey.objects.filter(status=SurveyStatus.DRAFT).count() == 1
    series = PulseSeries.objects.get()
    assert series.surveys.filter(status=SurveyStatus.CLOSED).count() == 3

    leder = next(u for u in demo_users() if u.login.username == "leder")
    apv = Apv.objects.exclude(step=ApvStep.DONE).get()
    assert apv.unit.manager_id == leder.person_id and apv.step == ApvStep.ACTION_PLAN
    assert apv.absence_period and apv.problems.count() == 2
    actions = Action.objects.filter(apv=apv)
    assert actions.count() == 2 and actions.filter(deadline__lt=today).count() == 1
    done = Apv.objects.filter(step=ApvStep.DONE)
    assert done.exists() and not done.filter(next_due_on__isnull=True).exists()
    assert done.filter(next_due_on__lt=today).exists()  # some units are overdue
    assert Initiative.objects.filter(published=True).count() == 2
    assert Participation.objects.exists()


def test_the_demo_holds_the_digitalisation_portfolio(summary: DemoSummary) -> None:
    """Issue 17: published beacons with measurements, ideas in every state (the demo employee's
    own waiting, rejected with a reason), initiatives in every stage with business cases whose
    figures compute, one must-do, a dependency, an accepted team with learning needs, saved
    prioritisations, benefits with realised values and the automation register."""
    from django.utils import timezone

    from charlie.demo.services import demo_users
    from charlie.portfolio.models import (
        Beacon,
        Idea,
        IdeaStatus,
        Initiative,
        LearningNeed,
        Stage,
        Team,
    )
    from charlie.portfolio.services import evaluations
    from charlie.skills.models import ProposalStatus, TeamProposal

    beacons = Beacon.objects.filter(published=True)
    assert beacons.count() == 4
    assert all(b.measurements.count() >= 4 for b in beacons)
    employee = next(u for u in demo_users() if u.login.username == "medarbejder")
    own = Idea.objects.filter(submitted_by_id=employee.person_id)
    assert {i.status for i in own} == {IdeaStatus.NEW, IdeaStatus.REJECTED}
    assert all(i.reason for i in own if i.status == IdeaStatus.REJECTED)
    assert {s for s in Idea.objects.values_list("status", flat=True)} >= {
        IdeaStatus.NEW,
        IdeaStatus.REVIEW,
        IdeaStatus.REJECTED,
        IdeaStatus.MERGED,
        IdeaStatus.INITIATIVE,
    }
    initiatives = Initiative.objects.all()
    assert {i.stage for i in initiatives} == set(Stage.values)
    assert initiatives.filter(must_do=True).count() == 1
    assert initiatives.filter(depends_on__isnull=False).exists()
    figures = evaluations(initiatives.values_list("pk", flat=True))
    assert len(figures) >= 8
    assert any(e.npv > 0 for e in figures.values()) and any(e.npv < 0 for e in figures.values())
    team = Team.objects.get()
    proposal = TeamProposal.objects.get(pk=team.proposal_id)
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.members.count() >= 2
    assert LearningNeed.objects.filter(initiative=team.initiative).exists()
    # Criteria, scores and two saved prioritisations, each proven optimal under its budget.
    from charlie.portfolio.models import Automation, BenefitPeriod, Scenario, Score

    assert Score.objects.exists()
    scenarios = list(Scenario.objects.all())
    assert len(scenarios) == 2 and all(s.result["optimal"] for s in scenarios)
    assert all(s.result["chosen"] for s in scenarios)
    # Benefits with realised values for the periods behind us, and the automation register
    # where every robot touching personal data says how a person reviews its output.
    assert BenefitPeriod.objects.filter(realised__isnull=False).exists()
    assert not BenefitPeriod.objects.filter(
        realised__isnull=False, period_start__gt=timezone.localdate()
    ).exists()
    assert Automation.objects.filter(personal_data=True).exclude(review_note="").count() >= 2
