"""The one record of completions: idempotent on the source's id, the course's hours, price and
validity filled in, the skills the course teaches raised (never lowered), and every write
audited under "uddannelse" and the skills under "kompetenceudvikling"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from charlie.learning import services
from charlie.learning.models import Completion
from charlie.learning.tests.factories import CourseFactory, CourseSkillFactory
from charlie.people.services import access_for
from charlie.privacy.models import AuditEntry
from charlie.skills.models import AssessmentSource, SkillAssessment
from charlie.skills.tests.factories import SkillAssessmentFactory, SkillFactory

pytestmark = pytest.mark.django_db


def _row(person, course, on, *, result="completed", key="x:1"):
    return services.NewCompletion(
        person_id=person.pk,
        course_id=course.pk,
        completed_on=on,
        result=result,
        source="import",
        external_id=key,
    )


def test_a_completion_is_stored_once_with_the_course_facts_and_audited(org, users):
    course = CourseFactory(hours=Decimal("7.5"), price=Decimal("2000"), valid_months=24)
    access = access_for(users["hr"])
    row = _row(org.person_in_skole, course, date(2026, 3, 15))
    first = services.record_completions(access, [row, row])
    again = services.record_completions(access, [row])
    assert (first.created, first.already_known) == (1, 1)
    assert (again.created, again.already_known) == (0, 1)
    stored = Completion.objects.get()
    # The ids of the rows written, from the insert itself (the xAPI endpoint links by them).
    assert (first.ids, again.ids) == ({"x:1": stored.pk}, {})
    assert (stored.hours, stored.cost, stored.valid_until) == (
        Decimal("7.5"),
        Decimal("2000"),
        date(2028, 3, 14),
    )
    entry = AuditEntry.objects.get(subject_person_id=org.person_in_skole.pk, category="uddannelse")
    assert entry.purpose == "uddannelse"


def test_a_completed_course_raises_its_skills_with_the_source_course(org, users):
    skill = SkillFactory(name="Forflytning")
    course = CourseFactory(valid_months=12)
    CourseSkillFactory(course=course, skill=skill, level=3)
    person = org.person_in_skole
    result = services.record_completions(
        access_for(users["hr"]), [_row(person, course, date(2026, 5, 1))]
    )
    assert result.skill_levels == 1
    level = SkillAssessment.objects.get(person=person, skill=skill)
    assert (level.level, level.source, level.status, level.expires_on) == (
        3,
        AssessmentSource.COURSE,
        "confirmed",
        date(2027, 4, 30),
    )
    purposes = set(
        AuditEntry.objects.filter(subject_person_id=person.pk).values_list("purpose", flat=True)
    )
    assert purposes == {"uddannelse", "kompetenceudvikling"}


def test_a_course_never_lowers_a_skill_and_a_failure_raises_nothing(org, users):
    skill = SkillFactory()
    course = CourseFactory()
    CourseSkillFactory(course=course, skill=skill, level=2)
    person = org.person_in_skole
    SkillAssessmentFactory(person=person, skill=skill, level=3, assessed_on=date(2026, 1, 1))
    access = access_for(users["hr"])
    services.record_completions(access, [_row(person, course, date(2026, 5, 1), key="a")])
    services.record_completions(
        access, [_row(person, course, date(2026, 6, 1), result="failed", key="b")]
    )
    assert list(SkillAssessment.objects.filter(person=person).values_list("level", flat=True)) == [
        3
    ]


def test_a_renewed_certificate_extends_the_expiry_but_a_late_old_one_changes_nothing(org, users):
    skill = SkillFactory()
    course = CourseFactory(valid_months=24)
    CourseSkillFactory(course=course, skill=skill, level=2)
    person = org.person_in_skole
    access = access_for(users["hr"])
    services.record_completions(access, [_row(person, course, date(2026, 1, 10), key="a")])
    services.record_completions(access, [_row(person, course, date(2027, 12, 1), key="b")])
    services.record_completions(access, [_row(person, course, date(2025, 1, 1), key="c")])
    expiries = list(
        SkillAssessment.objects.filter(person=person)
        .order_by("assessed_on")
        .values_list("expires_on", flat=True)
    )
    assert expiries == [date(2028, 1, 9), date(2029, 11, 30)]
    assert Completion.objects.filter(person=person).count() == 3


def test_my_learning_lists_my_completions(org, users):
    course = CourseFactory(title="Førstehjælp")
    services.record_completions(
        access_for(users["hr"]), [_row(org.person_in_nord, course, date(2026, 4, 1))]
    )
    mine = services.my_learning(access_for(users["employee"]))
    assert [c.course.title for c in mine.completions] == ["Førstehjælp"]
    assert services.my_learning(access_for(users["analyst"])).person is None
