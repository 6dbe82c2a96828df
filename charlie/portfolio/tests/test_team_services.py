"""The team part's services: skill needs, a team through skills (only opted-in people), coverage
and gaps, gaps into learning needs with a course, the decision with e-mail, "Mine data"."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.learning import services as learning
from charlie.learning.tests.factories import CourseFactory, CourseSkillFactory
from charlie.people.services import access_for
from charlie.portfolio.models import LearningNeed, SkillNeed, Team
from charlie.portfolio.services import my_data
from charlie.portfolio.services import team as svc
from charlie.portfolio.tests.factories import InitiativeFactory
from charlie.privacy.models import AuditEntry
from charlie.skills.models import OptIn, OptInKind, TeamProposal
from charlie.skills.services import my_data as skills_my_data
from charlie.skills.tests.factories import SkillAssessmentFactory, SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(org, users):
    """Projektledelse (nord, level 3) and Velfærdsteknologi (syd, level 2) held by people who
    opted in to project work; the school's teacher holds Projektledelse 4 but said no."""
    lead, tech = SkillFactory(name="Projektledelse"), SkillFactory(name="Velfærdsteknologi")
    for person, skill, level in ((org.person_in_nord, lead, 3), (org.person_in_syd, tech, 2)):
        SkillAssessmentFactory(person=person, skill=skill, level=level)
        OptIn.objects.create(person=person, kind=OptInKind.PROJECTS, opted_in=True)
    SkillAssessmentFactory(person=org.person_in_skole, skill=lead, level=4)
    OptIn.objects.create(person=org.person_in_skole, kind=OptInKind.PROJECTS, opted_in=False)
    org.person_in_syd.email = "syd@example.org"
    org.person_in_syd.save()
    initiative = InitiativeFactory(number=7, title="Digital hjemmepleje")
    return initiative, lead, tech, access_for(users["hr"])


def test_only_the_portfolio_owner(org, users, setup):
    initiative = setup[0]
    for role in ("employee", "manager", "analyst", "dpo", "admin"):
        with pytest.raises(PermissionDenied):
            svc.initiative_for_team(access_for(users[role]), initiative.number)
    with pytest.raises(NotFound):
        svc.initiative_for_team(access_for(users["hr"]), 999)


def test_save_needs_replaces_and_validates(setup):
    initiative, lead, tech, hr = setup
    svc.save_skill_needs(hr, initiative, [(lead.pk, 2, "100"), (tech.pk, 3, "50,5")])
    rows = svc.save_skill_needs(hr, initiative, [(tech.pk, 3, Decimal("40")), ("", "", "")])
    assert [(r.skill, r.level, r.hours) for r in rows] == [("Velfærdsteknologi", 3, Decimal("40"))]
    with pytest.raises(ValidationFailed):
        svc.save_skill_needs(hr, initiative, [(tech.pk, 3, 10), (tech.pk, 2, 10)])
    # All or nothing: the failed save left the needs as they were.
    assert list(SkillNeed.objects.values_list("skill_id", "hours")) == [(tech.pk, Decimal("40"))]


def test_propose_needs_needs(setup):
    initiative, _lead, _tech, hr = setup
    with pytest.raises(ValidationFailed):
        svc.propose(hr, initiative)
    assert not Team.objects.exists()


def test_propose_from_opted_in_people_with_coverage_gaps_and_audit(org, setup):
    initiative, lead, tech, hr = setup
    svc.save_skill_needs(hr, initiative, [(lead.pk, 2, "100"), (tech.pk, 3, "50")])
    team = svc.propose(hr, initiative)
    proposal = TeamProposal.objects.get(pk=team.proposal_id)
    # Skills' own "Mine data" row names the initiative.
    assert proposal.name == "7. Digital hjemmepleje"
    page = svc.team_page(hr, initiative, team.proposal_id)
    # Nord covers Projektledelse; nobody opted in holds Velfærdsteknologi at level 3 (syd has
    # 2), so its 50 hours are missing: coverage 100 / 150.
    assert [m["employee_number"] for m in page.view.members] == [org.person_in_nord.employee_number]
    assert [(g.skill, g.missing_hours) for g in page.gaps] == [("Velfærdsteknologi", 50.0)]
    assert page.coverage_percent == 67
    assert page.is_draft
    portfolio_reads = AuditEntry.objects.filter(category="digitalisering", purpose="digitalisering")
    assert set(portfolio_reads.values_list("subject_person_id", flat=True)) == {
        org.person_in_nord.pk
    }
    assert portfolio_reads.filter(detail=svc.DETAIL_PROPOSED, action="create").count() == 1
    assert portfolio_reads.filter(detail=svc.DETAIL_SHOWN, action="read").count() == 1
    (row,) = svc.teams_of(hr, initiative)
    assert (row.status, row.coverage_percent, row.missing_hours) == ("draft", 67, 50.0)


def test_a_proposal_of_another_initiative_is_not_found(setup):
    initiative, lead, _tech, hr = setup
    svc.save_skill_needs(hr, initiative, [(lead.pk, 2, "10")])
    team = svc.propose(hr, initiative)
    other = InitiativeFactory(number=8)
    with pytest.raises(NotFound):
        svc.team_page(hr, other, team.proposal_id)
    with pytest.raises(NotFound):
        svc.decide(hr, other, team.proposal_id, accept=True)


def test_best_course_reaches_the_level_or_says_it_falls_short(setup):
    _initiative, _lead, tech, _hr = setup
    CourseSkillFactory(skill=tech, level=2, course=CourseFactory(code="vt-1", hours=7))
    course, note = svc.best_course(learning.courses_teaching([tech.pk]), 3)
    assert course is not None and course.code == "vt-1"
    assert note == "Kurset giver niveau 2; behovet er niveau 3."
    # The lowest level that reaches the need wins over a longer course that goes higher.
    CourseSkillFactory(skill=tech, level=4, course=CourseFactory(code="vt-3", hours=30))
    CourseSkillFactory(skill=tech, level=3, course=CourseFactory(code="vt-2", hours=14))
    course, note = svc.best_course(learning.courses_teaching([tech.pk]), 3)
    assert course is not None and (course.code, note) == ("vt-2", "")
    # An inactive course is not offered; none at all says so.
    CourseSkillFactory(skill=tech, level=5, course=CourseFactory(code="vt-x", active=False))
    assert "vt-x" not in {c.code for c in learning.courses_teaching([tech.pk])}
    assert svc.best_course([], 3) == (None, "Kataloget har intet kursus, der lærer kompetencen.")


def test_gaps_become_learning_needs_with_a_course(setup):
    initiative, lead, tech, hr = setup
    CourseSkillFactory(skill=tech, level=3, course=CourseFactory(code="vt-2", title="VT 2"))
    svc.save_skill_needs(hr, initiative, [(lead.pk, 2, "100"), (tech.pk, 3, "50")])
    team = svc.propose(hr, initiative)
    assert svc.gaps_to_learning_needs(hr, initiative, team.proposal_id) == 1
    need = LearningNeed.objects.get()
    assert (need.skill_id, need.level, need.missing_hours, need.course_code) == (
        tech.pk,
        3,
        Decimal("50.0"),
        "vt-2",
    )
    # Again: updated, not doubled.
    assert svc.gaps_to_learning_needs(hr, initiative, team.proposal_id) == 1
    assert LearningNeed.objects.count() == 1
    (row,) = svc.learning_needs(hr, initiative)
    assert (row.skill, row.course_title) == ("Velfærdsteknologi", "VT 2")
    assert svc.team_page(hr, initiative, team.proposal_id).open_gaps == []


def test_no_gaps_no_learning_needs(setup):
    initiative, lead, _tech, hr = setup
    svc.save_skill_needs(hr, initiative, [(lead.pk, 2, "100")])
    team = svc.propose(hr, initiative)
    with pytest.raises(ValidationFailed):
        svc.gaps_to_learning_needs(hr, initiative, team.proposal_id)


def test_accept_tells_the_proposed_by_e_mail_once_saved(
    org, users, setup, django_capture_on_commit_callbacks
):
    initiative, lead, tech, hr = setup
    svc.save_skill_needs(hr, initiative, [(lead.pk, 2, "100"), (tech.pk, 2, "50")])
    team = svc.propose(hr, initiative)
    with django_capture_on_commit_callbacks(execute=True):
        told = svc.decide(hr, initiative, team.proposal_id, accept=True)
    assert told == 2
    # Nord's address is their account's (the test employee has none), so only syd's mail goes.
    assert [m.to for m in mail.outbox] == [["syd@example.org"]]
    assert mail.outbox[0].subject == "Du er foreslået til projektholdet for 7. Digital hjemmepleje"
    proposal = TeamProposal.objects.get(pk=team.proposal_id)
    assert (proposal.status, proposal.decided_by) == ("accepted", users["hr"])
    assert AuditEntry.objects.filter(detail=svc.DETAIL_TOLD, category="digitalisering").count() == 2
    with pytest.raises(ValidationFailed):
        svc.decide(hr, initiative, team.proposal_id, accept=False)


def test_reject_tells_no_one(setup, django_capture_on_commit_callbacks):
    initiative, lead, _tech, hr = setup
    svc.save_skill_needs(hr, initiative, [(lead.pk, 2, "100")])
    team = svc.propose(hr, initiative)
    with django_capture_on_commit_callbacks(execute=True):
        assert svc.decide(hr, initiative, team.proposal_id, accept=False) == 0
    assert mail.outbox == []


def test_mine_data_names_the_initiative(org, setup):
    initiative, lead, _tech, hr = setup
    svc.save_skill_needs(hr, initiative, [(lead.pk, 2, "100")])
    svc.propose(hr, initiative)
    rows = my_data(org.person_in_nord.pk)
    assert [(r["Emne"], r["Status"]) for r in rows] == [("7. Digital hjemmepleje", "Forslag")]
    assert my_data(org.person_in_syd.pk) == []
    # Skills' own rows show the proposal by the initiative's name as well.
    assert "7. Digital hjemmepleje" in {r["Emne"] for r in skills_my_data(org.person_in_nord.pk)}
