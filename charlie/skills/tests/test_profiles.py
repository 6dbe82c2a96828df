"""Employee skill profiles (issue 13, point 3), opt-ins (point 7) and openness (point 9): the
employee proposes, the manager confirms within scope, history is kept, expiry is flagged, every
change to consent is a row, and "Mine data" shows everything with the candidate entries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.services import access_for
from charlie.privacy.models import Action, AuditEntry
from charlie.privacy.registry import audit_detail_label
from charlie.skills import services
from charlie.skills.models import (
    AssessmentSource,
    AssessmentStatus,
    MusMeeting,
    OptIn,
    OptInKind,
    Scale,
    SkillAssessment,
)
from charlie.skills.services import profiles
from charlie.skills.services.common import DETAIL_CANDIDATE, PURPOSE
from charlie.skills.services.profiles import LevelInput
from charlie.skills.tests.factories import SkillAssessmentFactory, SkillFactory

pytestmark = pytest.mark.django_db


def _level(skill, level=2, **kw):  # type: ignore[no-untyped-def]
    return LevelInput(
        skill_id=skill.pk,
        level=level,
        assessed_on=kw.pop("assessed_on", profiles.today() - timedelta(days=5)),
        source=kw.pop("source", AssessmentSource.SELF),
        **kw,
    )


# --- expiry, by hand: "Førstehjælp, udløber 2027-03-01" -----------------------------------------


def test_expiry_is_flagged_when_passed_or_within_90_days():
    on = date(2026, 12, 1)
    assert profiles.expiry_flag(None, on) == ""
    assert profiles.expiry_flag(date(2026, 11, 30), on) == "expired"
    assert profiles.expiry_flag(date(2026, 12, 1), on) == "soon"  # expires today: still valid
    assert profiles.expiry_flag(date(2027, 3, 1), on) == "soon"  # 90 days later
    assert profiles.expiry_flag(date(2027, 3, 2), on) == ""


def test_level_names_come_from_the_skills_scale():
    assert profiles.level_name(SkillFactory.build(), 2) == "Øvet"
    assert profiles.level_name(SkillFactory.build(scale=Scale.DIGCOMP), 8).startswith("Højt")


# --- propose, confirm, reject, enter -------------------------------------------------------------


def test_the_employee_proposes_and_the_manager_confirms(org, users):
    skill = SkillFactory(name="Førstehjælp")
    employee = access_for(users["employee"])
    row = profiles.propose(
        employee, _level(skill, evidence="Røde Kors kursus", expires_on=date(2027, 3, 1))
    )
    assert row.status == AssessmentStatus.PROPOSED and row.person_id == org.person_in_nord.pk
    assert services.my_profile(employee).current == []
    assert [a.pk for a in services.my_profile(employee).proposed] == [row.pk]
    # Their own proposal is "egen indsigt"; the manager's decision is competence development.
    own = AuditEntry.objects.get(action=Action.CREATE, detail="forslag")
    assert own.purpose == "egen_indsigt"

    manager = access_for(users["manager"])
    assert [a.pk for a in profiles.pending(manager).object_list] == [row.pk]
    profiles.decide(manager, row.pk, "confirm")
    row.refresh_from_db()
    assert row.status == AssessmentStatus.CONFIRMED and row.decided_by == users["manager"]
    assert AuditEntry.objects.get(action=Action.UPDATE, detail="bekræftet").purpose == PURPOSE
    held = services.my_profile(employee).held
    assert [(h.skill.name, h.level_name) for h in held] == [("Førstehjælp", "Øvet")]
    # Already decided: nothing to decide again.
    with pytest.raises(NotFound):
        profiles.decide(manager, row.pk, "reject")


def test_the_employee_withdraws_an_undecided_proposal_of_their_own_only(org, users, client):
    skill = SkillFactory(name="Demens")
    employee = access_for(users["employee"])
    mine = profiles.propose(employee, _level(skill))
    # Not someone else's, and not by the manager.
    with pytest.raises(NotFound):
        profiles.withdraw(access_for(users["manager"]), mine.pk)
    client.force_login(users["employee"])
    response = client.post(reverse("skills:withdraw", args=[mine.pk]), follow=True)
    assert "Dit forslag om Demens er trukket tilbage." in response.content.decode()
    assert services.my_profile(employee).proposed == []
    entry = AuditEntry.objects.get(action=Action.DELETE, detail="forslag trukket")
    assert entry.purpose == "egen_indsigt" and entry.subject_person_id == org.person_in_nord.pk
    # A decided proposal is a level (or a rejection) in the history: it cannot be withdrawn.
    decided = profiles.propose(employee, _level(skill, level=3))
    profiles.decide(access_for(users["manager"]), decided.pk, "confirm")
    with pytest.raises(NotFound):
        profiles.withdraw(employee, decided.pk)


def test_rejected_proposals_stay_in_the_history_and_are_no_level(org, users):
    skill = SkillFactory()
    row = profiles.propose(access_for(users["employee"]), _level(skill, level=4))
    profiles.decide(access_for(users["hr"]), row.pk, "reject")
    profile = services.my_profile(access_for(users["employee"]))
    assert profile.current == [] and profile.proposed == []
    assert [a.status for a in profile.other_history] == [AssessmentStatus.REJECTED]


def test_a_new_level_keeps_the_old_one_in_the_history(org, users):
    skill = SkillFactory()
    SkillAssessmentFactory(person=org.person_in_nord, skill=skill, level=1)
    hr = access_for(users["hr"])
    profiles.enter_level(hr, org.person_in_nord.pk, _level(skill, 3, source="manager"))
    profile = services.profile_of(hr, org.person_in_nord.pk)
    assert [h.assessment.level for h in profile.held] == [3]
    assert [a.level for a in profile.held[0].history] == [3, 1]


def test_scope_and_own_proposals(org, users):
    skill = SkillFactory()
    in_skole = SkillAssessmentFactory(
        person=org.person_in_skole, skill=skill, status=AssessmentStatus.PROPOSED
    )
    manager = access_for(users["manager"])
    with pytest.raises(NotFound):
        profiles.decide(manager, in_skole.pk, "confirm")
    with pytest.raises(NotFound):
        profiles.enter_level(manager, org.person_in_skole.pk, _level(skill, source="manager"))
    with pytest.raises(PermissionDenied):
        profiles.decide(access_for(users["employee"]), in_skole.pk, "confirm")
    # Nobody confirms their own proposal, not even HR.
    hr = access_for(users["hr"])
    own = profiles.propose(hr, _level(skill))
    with pytest.raises(PermissionDenied):
        profiles.decide(hr, own.pk, "confirm")
    assert own.pk not in [a.pk for a in profiles.pending(hr).object_list]
    # Users without a person record have nothing to propose for.
    with pytest.raises(PermissionDenied):
        profiles.propose(access_for(users["analyst"]), _level(skill))


def test_proposals_are_checked(org, users):
    employee = access_for(users["employee"])
    skill = SkillFactory()
    retired = SkillFactory(retired_on=date(2020, 1, 1))
    with pytest.raises(ValidationFailed):
        profiles.propose(employee, _level(retired))
    with pytest.raises(ValidationFailed):
        profiles.propose(employee, _level(skill, level=5))  # the default scale ends at 4
    with pytest.raises(ValidationFailed):
        profiles.propose(employee, _level(skill, source="manager"))  # not theirs to say
    with pytest.raises(ValidationFailed):
        profiles.propose(employee, _level(skill, assessed_on=profiles.today() + timedelta(1)))
    with pytest.raises(ValidationFailed):
        profiles.propose(employee, _level(skill, expires_on=date(9999, 12, 31)))
    with pytest.raises(ValidationFailed):
        profiles.propose(employee, _level(skill, evidence="cpr 010190-1235"))
    assert profiles.propose(employee, _level(SkillFactory(scale=Scale.DIGCOMP), level=7))
    assert not SkillAssessment.objects.filter(skill=skill).exists()


def test_the_skill_picker_searches_active_skills_only():
    SkillFactory(name="Forflytning")
    SkillFactory(name="Forflytning af borgere med hjælpemidler")
    SkillFactory(name="Forflytningsteknik", retired_on=date(2020, 1, 1))
    found, total = profiles.search_skills("forflyt")
    assert [s.name for s in found] == ["Forflytning", "Forflytning af borgere med hjælpemidler"]
    assert total == 2
    assert profiles.search_skills("f") == ([], 0)


# --- the work queue and the person overview ------------------------------------------------------


def test_the_work_queue_shows_proposals_to_the_manager(org, users):
    skill = SkillFactory(name="Demens")
    manager = access_for(users["manager"])
    assert profiles.queue_items(manager) == []
    profiles.propose(access_for(users["employee"]), _level(skill))
    (item,) = profiles.queue_items(manager)
    assert item.count == 1 and "Demens" in item.rows[0].text
    assert profiles.queue_items(access_for(users["employee"])) == []


def test_the_person_overview_section(org, users, client):
    SkillAssessmentFactory(person=org.person_in_nord, expires_on=date(2000, 1, 1))
    client.force_login(users["manager"])
    page = client.get(reverse("people:detail", args=[org.person_in_nord.pk]))
    assert page.status_code == 200
    assert "udløbet" in page.content.decode()
    # Analysts never get the section: it needs READ_SKILLS.
    with pytest.raises(PermissionDenied):
        profiles.person_section(access_for(users["analyst"]), org.person_in_nord)


# --- opt-ins -------------------------------------------------------------------------------------


def test_opt_ins_are_revocable_and_every_change_is_a_row(org, users):
    employee = access_for(users["employee"])
    kind = OptInKind.NEW_OPPORTUNITIES
    assert services.opted_in_person_ids(kind) == set()
    assert services.set_opt_in(employee, kind, True) is not None
    assert services.set_opt_in(employee, kind, True) is None  # the same answer: no new row
    assert services.opted_in_person_ids(kind) == {org.person_in_nord.pk}
    assert services.opted_in_person_ids(OptInKind.PROJECTS) == set()
    services.set_opt_in(employee, kind, False)
    assert services.opted_in_person_ids(kind) == set()
    states = {s.kind: s for s in services.opt_in_states(org.person_in_nord.pk)}
    assert [o.opted_in for o in states[kind].history] == [False, True]
    assert not states[kind].opted_in
    assert OptIn.objects.count() == 2
    assert AuditEntry.objects.filter(detail__startswith="tilsagn:").count() == 2
    with pytest.raises(PermissionDenied):
        services.set_opt_in(access_for(users["analyst"]), kind, True)


# --- Mine data and who looked --------------------------------------------------------------------


def test_my_data_holds_everything_and_says_when_proposed_as_candidate(org, users):
    person = org.person_in_nord
    SkillAssessmentFactory(person=person, evidence="Kursusbevis", expires_on=date(2027, 3, 1))
    services.set_opt_in(access_for(users["employee"]), OptInKind.PROJECTS, True)
    MusMeeting.objects.create(
        person=person, due_on=date(2026, 3, 1), manager_preparation="Tal om demens"
    )
    hr = services.for_development(access_for(users["hr"]))
    hr.record_read([person.pk], category=services.CATEGORY, detail=DETAIL_CANDIDATE)
    rows = services.my_data(person.pk)
    kinds = [r["Hvad"] for r in rows]
    assert kinds == ["Kompetence", "Tilsagn", "MUS", "Foreslået som kandidat"]
    assert "udløber 2027-03-01" in rows[0]["Detaljer"]
    assert "Lederens forberedelse: Tal om demens" in rows[2]["Detaljer"]
    # The employee's own page shows who looked, with the candidate detail in plain Danish.
    looked = services.who_looked(access_for(users["employee"]))
    assert [x.label for x in looked] == ["foreslået som kandidat"]
    assert audit_detail_label(DETAIL_CANDIDATE) == "foreslået som kandidat"


# --- the pages -----------------------------------------------------------------------------------


def test_the_employee_searches_picks_and_proposes_on_the_page(org, users, client):
    skill = SkillFactory(name="Medicinhåndtering")
    client.force_login(users["employee"])
    page = client.get(reverse("skills:mine"), {"q": "medicin"})
    assert "Medicinhåndtering" in page.content.decode()
    page = client.get(reverse("skills:mine"), {"skill": skill.pk})
    assert 'name="level"' in page.content.decode()
    response = client.post(
        reverse("skills:propose"),
        {
            "skill": skill.pk,
            "level": 3,
            "assessed_on": (profiles.today() - timedelta(days=1)).isoformat(),
            "source": "course",
        },
    )
    assert response.status_code == 302
    assert SkillAssessment.objects.get(skill=skill).status == AssessmentStatus.PROPOSED
    client.post(reverse("skills:opt_in"), {"kind": "opportunities", "answer": "ja"})
    page = client.get(reverse("skills:mine")).content.decode()
    assert "Dine tidligere svar" in page

    client.force_login(users["manager"])
    assert "Medicinhåndtering" in client.get(reverse("skills:pending")).content.decode()
    row = SkillAssessment.objects.get(skill=skill)
    client.post(reverse("skills:decide", args=[row.pk]), {"decision": "confirm"})
    row.refresh_from_db()
    assert row.status == AssessmentStatus.CONFIRMED


def test_mine_data_page_shows_skills_and_the_candidate_entry(org, users, client):
    SkillAssessmentFactory(person=org.person_in_nord, skill=SkillFactory(name="Demens"))
    hr = services.for_development(access_for(users["hr"]))
    hr.record_read([org.person_in_nord.pk], category=services.CATEGORY, detail=DETAIL_CANDIDATE)
    client.force_login(users["employee"])
    page = client.get(reverse("privacy:my_data")).content.decode()
    assert "Kompetencer og udvikling" in page
    assert "Demens" in page and "Foreslået som kandidat" in page
    assert client.get(reverse("privacy:my_data_json")).status_code == 200


def test_a_proposal_with_errors_shows_the_page_again_with_the_values(org, users, client):
    skill = SkillFactory(name="Demens")
    client.force_login(users["employee"])
    response = client.post(
        reverse("skills:propose"),
        {
            "skill": skill.pk,
            "level": 2,
            "assessed_on": (profiles.today() + timedelta(days=3)).isoformat(),
            "source": "course",
            "evidence": "Demenskursus, modul 2",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Niveauet blev ikke gemt" in page and "kan ikke ligge i fremtiden" in page
    assert 'value="Demenskursus, modul 2"' in page
    assert '<option value="course" selected>' in page
    assert not SkillAssessment.objects.exists()


def test_the_front_page_shows_the_proposals_to_the_manager(org, users, client):
    profiles.propose(access_for(users["employee"]), _level(SkillFactory(name="Demens")))
    client.force_login(users["manager"])
    page = client.get("/").content.decode()
    assert "Kompetencer til bekræftelse" in page and "Demens" in page
