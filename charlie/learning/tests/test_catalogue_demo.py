"""The demo's course catalogue: courses that give the demo's local skills, sessions ahead of the
reference date, and running it twice changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from charlie.demo.learning_catalogue import COURSES, create_demo_catalogue
from charlie.learning.models import Course, CourseSkill, Session
from charlie.skills.tests.factories import SkillFactory

pytestmark = pytest.mark.django_db


def test_the_demo_catalogue_is_idempotent():
    SkillFactory(uri="local:forflytning", name="Forflytning")
    create_demo_catalogue(date(2026, 12, 6))
    create_demo_catalogue(date(2026, 12, 6))
    assert Course.objects.count() == len(COURSES)
    assert list(CourseSkill.objects.values_list("course__code", "level")) == [
        ("forflytning-oevet", 3)
    ]
    # Forflytning (the first course): sessions 21, 63 and 119 days after 6 December 2026.
    firsts = Session.objects.filter(course__code="forflytning-oevet").order_by("starts_at")
    assert [s.starts_at.date() for s in firsts] == [
        date(2026, 12, 27),
        date(2027, 2, 7),
        date(2027, 4, 4),
    ]
