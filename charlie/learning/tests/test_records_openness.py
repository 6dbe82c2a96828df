"""'Mine data' lists a person's learning record, and the retention rules for quiz attempts and
expired completions, by hand-worked dates and through privacy's batches."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from charlie.learning.models import (
    Attempt,
    Certificate,
    Completion,
    Enrolment,
    ModuleProgress,
    TrainingTask,
)
from charlie.learning.retention import EXPIRED_COMPLETIONS, QUIZ_ATTEMPTS
from charlie.learning.services.openness import my_data
from charlie.learning.tests.factories import (
    CompletionFactory,
    CourseFactory,
    MandatoryRuleFactory,
    ModuleFactory,
    SessionFactory,
)
from charlie.people.services import access_for
from charlie.privacy import registry
from charlie.privacy.models import Purpose
from charlie.privacy.services import retention as privacy_retention

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 6)


def _record(person):
    module = ModuleFactory(title="Hygiejne for begyndere")
    session = SessionFactory(course=CourseFactory(title="Forflytning"))
    Enrolment.objects.create(person=person, session=session, status="enrolled")
    ModuleProgress.objects.create(person=person, module=module, lessons_done=[1, 2])
    attempt = Attempt.objects.create(
        person=person, module=module, answers={"1": [2]}, score=90, passed=True
    )
    completion = CompletionFactory(
        person=person, course=CourseFactory(title="Førstehjælp"), valid_until=dt.date(2028, 3, 2)
    )
    Certificate.objects.create(
        completion=completion, attempt=attempt, code="KB-1234", issued_on=dt.date(2026, 3, 3)
    )
    rule = MandatoryRuleFactory(name="Brandøvelse", course=completion.course)
    TrainingTask.objects.create(
        person=person, rule=rule, due_on=dt.date(2027, 1, 1), opened_on=dt.date(2026, 12, 1)
    )
    return attempt, completion


def test_my_data_lists_enrolments_progress_attempts_certificates_completions_and_tasks(org):
    _record(org.person_in_nord)
    rows = my_data(org.person_in_nord.pk)
    kinds = {row["Hvad"]: row for row in rows}
    assert set(kinds) == {
        "Tilmelding",
        "E-læring, fremskridt",
        "Quizforsøg",
        "Gennemført kursus",
        "Kursusbevis",
        "Krav om uddannelse",
    }
    assert kinds["Quizforsøg"]["Resultat"] == "90 procent"
    assert kinds["Quizforsøg"]["Status"] == "Bestået"
    assert kinds["Kursusbevis"]["Resultat"] == "KB-1234"
    assert kinds["Gennemført kursus"]["Emne"] == "Førstehjælp"
    assert my_data(org.person_in_skole.pk) == []
    assert registry.data_providers()["uddannelse"] is my_data


def test_the_employee_sees_them_under_mine_data(org, users, client):
    _record(users["employee"].person)
    client.force_login(users["employee"])
    page = client.get(reverse("privacy:my_data")).content.decode()
    assert "Førstehjælp" in page and "KB-1234" in page and "Hygiejne for begyndere" in page


def test_quiz_attempts_go_two_years_after_submission(org):
    attempt, _completion = _record(org.person_in_nord)
    older = Attempt.objects.create(
        person=org.person_in_nord, module=attempt.module, answers={}, score=40, passed=False
    )
    # Two years before 2026-12-06 is 2024-12-06: an attempt on that day is not yet past.
    Attempt.objects.filter(pk=attempt.pk).update(
        submitted_at=dt.datetime(2024, 12, 6, 12, tzinfo=dt.UTC)
    )
    Attempt.objects.filter(pk=older.pk).update(
        submitted_at=dt.datetime(2024, 12, 5, 12, tzinfo=dt.UTC)
    )
    assert QUIZ_ATTEMPTS.find(TODAY, 2) == [older.pk]
    assert QUIZ_ATTEMPTS.by_year(TODAY, 2) == {2024: 1}
    applied = QUIZ_ATTEMPTS.apply([older.pk])
    assert applied.count == 1 and applied.person_ids == [org.person_in_nord.pk]


def test_completions_go_five_years_after_their_validity_ended_and_lasting_ones_stay(org):
    person = org.person_in_nord
    # Five years before 2026-12-06 is 2021-12-06: valid until 2021-12-05 is past, the 6th not.
    past = CompletionFactory(person=person, valid_until=dt.date(2021, 12, 5))
    on_the_day = CompletionFactory(person=person, valid_until=dt.date(2021, 12, 6))
    lasting = CompletionFactory(person=person, completed_on=dt.date(2000, 1, 1), valid_until=None)
    found = EXPIRED_COMPLETIONS.find(TODAY, 5)
    assert found == [past.pk]
    assert on_the_day.pk not in found and lasting.pk not in found
    assert EXPIRED_COMPLETIONS.by_year(TODAY, 5) == {2021: 1}


def test_privacy_proposes_a_batch_and_the_dpo_approves_it(org, users):
    past = CompletionFactory(person=org.person_in_nord, valid_until=dt.date(2020, 1, 1))
    kept = CompletionFactory(person=org.person_in_nord, valid_until=None)
    batches = privacy_retention.propose_batches(TODAY)
    batch = next(b for b in batches if b.rule_code == EXPIRED_COMPLETIONS.code)
    privacy_retention.approve(access_for(users["dpo"]), batch.pk, today=TODAY)
    assert list(Completion.objects.values_list("pk", flat=True)) == [kept.pk]
    assert past.pk not in Completion.objects.values_list("pk", flat=True)


def test_the_rules_agree_with_the_register():
    text = Purpose.objects.get(code="uddannelse").retention
    assert "standard 5 år" in text and EXPIRED_COMPLETIONS.default_years == 5
    assert "quiz slettes efter 2 år" in text and QUIZ_ATTEMPTS.default_years == 2
    rules = registry.retention_rules()
    assert rules[QUIZ_ATTEMPTS.code] is QUIZ_ATTEMPTS
    assert rules[EXPIRED_COMPLETIONS.code] is EXPIRED_COMPLETIONS


def test_received_xapi_statements_go_a_year_after_they_arrived(org):
    """One year before 2026-12-06 is 2025-12-06: a statement received on 2025-12-05 goes, one
    of the 6th stays. The completion a statement became stays too; a statement about an unknown
    person names nobody."""
    import uuid

    from charlie.learning.models import XapiStatement
    from charlie.learning.retention import XAPI_STATEMENTS

    person = org.person_in_nord
    completion = CompletionFactory(person=person)

    def statement(day, completion=None, status="stored"):
        row = XapiStatement.objects.create(
            statement_id=uuid.uuid4(),
            verb="http://adlnet.gov/expapi/verbs/completed",
            actor="mailto:x@example.org",
            activity="https://lms.example.org/kursus",
            status=status,
            completion=completion,
            raw={},
        )
        XapiStatement.objects.filter(pk=row.pk).update(
            received_at=dt.datetime(*day, 12, tzinfo=dt.UTC)
        )
        return row

    matched = statement((2025, 12, 5), completion)
    unknown = statement((2025, 11, 1), status="unknown_person")
    statement((2025, 12, 6))
    assert sorted(XAPI_STATEMENTS.find(TODAY, 1)) == sorted([matched.pk, unknown.pk])
    assert XAPI_STATEMENTS.by_year(TODAY, 1) == {2025: 2}
    applied = XAPI_STATEMENTS.apply([matched.pk, unknown.pk])
    assert applied.count == 2 and applied.person_ids == [person.pk]
    assert XapiStatement.objects.count() == 1
    assert completion.__class__.objects.filter(pk=completion.pk).exists()
    assert registry.retention_rules()["learning_xapi_statements"] is XAPI_STATEMENTS
