"""Taking a module: progress saved and resumed, attempts scored and stored, a pass gives a
completion (raising the course's skills) and a certificate, a failure only an attempt; the
certificate PDF; scope."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.roles import Role
from charlie.learning import services
from charlie.learning.models import (
    Attempt,
    Certificate,
    Choice,
    Completion,
    Lesson,
    ModuleProgress,
    Question,
)
from charlie.learning.services import taking
from charlie.learning.tests.factories import CourseSkillFactory, ModuleFactory
from charlie.people.services import access_for
from charlie.people.tests.factories import UserFactory
from charlie.privacy.models import AuditEntry
from charlie.skills.models import SkillAssessment
from charlie.skills.tests.factories import SkillFactory

pytestmark = pytest.mark.django_db


def make_module(*, valid_months=24, lessons=3):
    """A published module: ``lessons`` lessons and five one-answer questions (right answer:
    the first choice), pass mark 80, and its catalogue course."""
    module = ModuleFactory(title="Sikker mail", valid_months=valid_months, published=True)
    for n in range(1, lessons + 1):
        Lesson.objects.create(module=module, position=n, title=f"Lektion {n}", body=f"Tekst {n}")
    for n in range(1, 6):
        q = Question.objects.create(
            module=module, position=n, text=f"Spørgsmål {n}", explanation=f"Fordi {n}"
        )
        Choice.objects.create(question=q, position=1, text="Rigtigt", correct=True)
        Choice.objects.create(question=q, position=2, text="Forkert", correct=False)
    services.modules.sync_course(module)
    return module


def answers(module, right: int):
    """The first ``right`` questions answered right, the rest wrong."""
    out = {}
    for n, q in enumerate(module.questions.order_by("position"), start=1):
        choices = list(q.choices.order_by("position"))
        out[q.pk] = {choices[0].pk if n <= right else choices[1].pk}
    return out


def test_progress_is_saved_per_lesson_and_the_module_resumes_at_the_first_unread(org, users):
    module = make_module()
    access = access_for(users["employee"])
    assert taking.module_for(access, module.pk).next_number == 1
    assert taking.mark_read(access, module.pk, 1) == 2
    assert taking.mark_read(access, module.pk, 1) == 2  # reading twice counts once
    view = taking.module_for(access, module.pk)
    assert view.next_number == 2 and len(view.done) == 1
    taking.mark_read(access, module.pk, 2)
    assert taking.mark_read(access, module.pk, 3) is None  # the last: the quiz is next
    assert taking.module_for(access, module.pk).next_number is None
    progress = ModuleProgress.objects.get(person=org.person_in_nord, module=module)
    assert len(progress.lessons_done) == 3
    assert AuditEntry.objects.filter(
        subject_person_id=org.person_in_nord.pk, detail="lektion læst"
    ).exists()


def test_a_pass_records_a_completion_raises_the_skill_and_issues_a_certificate(
    org, users, monkeypatch
):
    module = make_module(valid_months=24)
    skill = SkillFactory(name="Informationssikkerhed")
    CourseSkillFactory(course=module.course, skill=skill, level=2)
    monkeypatch.setattr("charlie.learning.services.taking.today", lambda: date(2026, 12, 6))
    access = access_for(users["employee"])
    # 4 of 5 right = 80 per cent: exactly the pass mark.
    attempt = taking.submit_quiz(access, module.pk, answers(module, 4))
    assert (attempt.score, attempt.passed) == (80, True)
    completion = Completion.objects.get(external_id=f"attempt:{attempt.pk}")
    # Valid 24 months from 6 December 2026: to 5 December 2028 (rules.valid_until).
    assert (completion.result, completion.source, completion.valid_until) == (
        "passed",
        "module",
        date(2028, 12, 5),
    )
    certificate = Certificate.objects.get(attempt=attempt)
    assert certificate.completion == completion and len(certificate.code) == 19
    level = SkillAssessment.objects.get(person=org.person_in_nord, skill=skill)
    assert level.level == 2
    result = taking.attempt_result(access, attempt.pk)
    assert [line.right for line in result.lines] == [True, True, True, True, False]
    rows = services.my_learning(access).sections["modules"]
    assert rows[0].passed and rows[0].certificate == certificate


def test_a_failure_is_an_attempt_only(org, users):
    module = make_module()
    access = access_for(users["employee"])
    attempt = taking.submit_quiz(access, module.pk, answers(module, 3))
    # 3 of 5 = 60 per cent, under 80.
    assert (attempt.score, attempt.passed) == (60, False)
    assert not Completion.objects.exists() and not Certificate.objects.exists()
    assert Attempt.objects.count() == 1


def test_every_question_must_be_answered_and_one_answer_given_where_one_is_right(org, users):
    module = make_module()
    access = access_for(users["employee"])
    given = answers(module, 5)
    first = next(iter(given))
    del given[first]
    with pytest.raises(ValidationFailed):
        taking.submit_quiz(access, module.pk, given)
    both = answers(module, 5)
    both[first] = set(Choice.objects.filter(question_id=first).values_list("pk", flat=True))
    with pytest.raises(ValidationFailed):
        taking.submit_quiz(access, module.pk, both)
    assert not Attempt.objects.exists()


def test_an_unpublished_module_cannot_be_taken(org, users):
    module = make_module()
    module.published = False
    module.save()
    with pytest.raises(NotFound):
        taking.module_for(access_for(users["employee"]), module.pk)


def test_another_persons_attempt_and_certificate_are_not_found(org, users, client):
    module = make_module()
    own = taking.submit_quiz(access_for(users["employee"]), module.pk, answers(module, 5))
    certificate = Certificate.objects.get(attempt=own)
    for role in ("analyst", "dpo", "admin"):
        with pytest.raises(NotFound):
            taking.certificate_for(access_for(users[role]), certificate.pk)
    with pytest.raises(NotFound):
        taking.attempt_result(access_for(users["hr"]), own.pk)  # the answers are the person's
    # A manager in scope and HR may open the certificate (audited).
    assert taking.certificate_for(access_for(users["manager"]), certificate.pk).person.pk == (
        org.person_in_nord.pk
    )
    # Another employee (in Nørre Skole) gets 404.
    other = UserFactory(username="skole", role=Role.EMPLOYEE)
    org.person_in_skole.user = other
    org.person_in_skole.save()
    with pytest.raises(NotFound):
        taking.certificate_for(access_for(other), certificate.pk)
    client.force_login(other)
    url = reverse("learning:module_certificate", args=[certificate.pk])
    assert client.get(url).status_code == 404


def test_the_certificate_pdf_has_the_name_module_and_code(org, users, client):
    module = make_module(valid_months=None)
    attempt = taking.submit_quiz(access_for(users["employee"]), module.pk, answers(module, 5))
    certificate = Certificate.objects.get(attempt=attempt)
    client.force_login(users["employee"])
    response = client.get(reverse("learning:module_certificate", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    view = taking.certificate_for(access_for(users["employee"]), certificate.pk)
    from django.test import RequestFactory

    from charlie.learning.views_modules import certificate_html

    request = RequestFactory().get("/")
    request.user = users["employee"]
    html = certificate_html(request, view)
    assert org.person_in_nord.full_name in html
    assert "Sikker mail" in html and certificate.code in html
    assert "Udløber ikke" in html


def test_the_pages_of_a_module_work_for_the_employee(org, users, client):
    module = make_module()
    client.force_login(users["employee"])
    assert client.get(reverse("learning:modules")).status_code == 200
    assert client.get(reverse("learning:module", args=[module.pk])).status_code == 200
    page = client.get(reverse("learning:module_lesson", args=[module.pk, 1]))
    assert "Lektion 1 af 3" in page.content.decode()
    posted = client.post(reverse("learning:module_lesson", args=[module.pk, 1]), {"go": "next"})
    assert posted.status_code == 302 and posted["Location"].endswith("/lektion/2/")
    quiz_page = client.get(reverse("learning:module_quiz", args=[module.pk]))
    assert quiz_page.status_code == 200 and "<fieldset" in quiz_page.content.decode()
    data = {f"q{q}": list(c) for q, c in answers(module, 5).items()}
    done = client.post(reverse("learning:module_quiz", args=[module.pk]), data)
    assert done.status_code == 302
    result = client.get(done["Location"])
    assert "Hent dit kursusbevis" in result.content.decode()
    mine = client.get(reverse("learning:mine")).content.decode()
    assert "Sikker mail" in mine and "kursusbevis" in mine.lower()
