"""The profile services: scope, the audit log under "kompetenceudvikling", "Mine data" and
retention."""

from __future__ import annotations

from datetime import date

import pytest

from charlie.core.errors import NotFound, PermissionDenied
from charlie.people.services import access_for
from charlie.privacy.models import AuditEntry
from charlie.skills import services
from charlie.skills.models import AssessmentStatus
from charlie.skills.retention import REPLACED_ASSESSMENTS
from charlie.skills.tests.factories import SkillAssessmentFactory, SkillFactory

pytestmark = pytest.mark.django_db


def test_hr_reads_a_profile_and_the_read_is_logged_for_competence_development(org, users):
    skill = SkillFactory(name="Forflytning")
    SkillAssessmentFactory(
        person=org.person_in_skole, skill=skill, level=1, assessed_on=date(2025, 1, 1)
    )
    SkillAssessmentFactory(
        person=org.person_in_skole, skill=skill, level=3, assessed_on=date(2026, 1, 1)
    )
    SkillAssessmentFactory(
        person=org.person_in_skole, skill=skill, level=4, status=AssessmentStatus.PROPOSED
    )
    profile = services.profile_of(access_for(users["hr"]), org.person_in_skole.pk)
    assert [(a.skill.name, a.level) for a in profile.current] == [("Forflytning", 3)]
    assert [a.level for a in profile.proposed] == [4]
    entry = AuditEntry.objects.get(
        subject_person_id=org.person_in_skole.pk, category=services.CATEGORY
    )
    assert entry.purpose == services.PURPOSE


def test_a_manager_sees_only_their_units_and_an_employee_nobody_else(org, users):
    with pytest.raises(NotFound):
        services.profile_of(access_for(users["manager"]), org.person_in_skole.pk)
    with pytest.raises(PermissionDenied):
        services.profile_of(access_for(users["employee"]), org.person_in_skole.pk)


def test_mine_and_my_data(org, users):
    SkillAssessmentFactory(person=org.person_in_nord)
    assert len(services.my_profile(access_for(users["employee"])).current) == 1
    assert services.my_profile(access_for(users["analyst"])).person is None
    assert len(services.my_data(org.person_in_nord.pk)) == 1


def test_retention_deletes_only_replaced_assessments_older_than_the_limit(org):
    skill = SkillFactory()
    old = SkillAssessmentFactory(
        person=org.person_in_nord, skill=skill, assessed_on=date(2018, 5, 1)
    )
    newest = SkillAssessmentFactory(
        person=org.person_in_nord, skill=skill, assessed_on=date(2019, 5, 1)
    )
    lonely = SkillAssessmentFactory(person=org.person_in_nord, assessed_on=date(2015, 5, 1))
    found = REPLACED_ASSESSMENTS.find(date(2026, 12, 6), 5)
    assert found == [old.pk]
    assert REPLACED_ASSESSMENTS.by_year(date(2026, 12, 6), 5) == {2018: 1}
    assert newest.pk not in found and lonely.pk not in found
