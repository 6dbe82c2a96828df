"""Answering by one-time link (no log-in), ``record_answers`` — the one writer of answers —
and ``import-answers``."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.roles import Role
from charlie.people.services import operator_access
from charlie.privacy.models import AuditEntry
from charlie.wellbeing.models import (
    Answer,
    Comment,
    Invitation,
    Question,
    Response,
    Survey,
    SurveyStatus,
    UnitTally,
)
from charlie.wellbeing.services import answering, surveys
from charlie.wellbeing.tests.factories import launched_survey, link_of, staff, survey_version

pytestmark = pytest.mark.django_db

HR = operator_access(Role.HR, channel="cli")


@pytest.fixture
def open_survey(org):
    staff(org.nord, 6)
    return launched_survey([org.nord])


def _invitation(survey: Survey) -> Invitation:
    return Invitation.objects.filter(survey=survey).order_by("pk").first()


def _url(invitation: Invitation) -> str:
    return reverse("wellbeing:answer", args=[link_of(invitation)])


FULL = {
    "q-influence": "4",
    "q-workload": "2",
    "q-shift": "3",
    "q-channels": ["1", "3"],
    "q-overtime": "6",
    "q-comment": "Mere tid til faglig sparring.",
    "q-bullying": "",  # Spring over
}


def _question(survey: Survey, code: str) -> Question:
    return Question.objects.get(version_id=survey.version_id, code=code)


# --- The page ---------------------------------------------------------------------------------


def test_the_page_asks_every_kind_of_question_without_log_in(client, open_survey):
    response = client.get(_url(_invitation(open_survey)))
    text = response.content.decode()
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    for code in ("influence", "workload", "shift", "channels", "overtime", "comment", "bullying"):
        assert f'name="q-{code}"' in text
    assert 'type="checkbox" class="form-checkbox" name="q-channels"' in text
    assert 'id="q-overtime"' in text and "<textarea" in text
    # The free-text warning, and "Spring over" only where a question may be skipped.
    assert "Skriv ikke navne, og skriv ikke om nogens helbred eller sygdom" in text
    assert 'id="q-workload-skip"' in text and 'id="q-influence-skip"' not in text
    assert f"/trivsel/maalinger/{open_survey.pk}/om/" in text
    assert "<h2>Krænkende adfærd</h2>" in text


def test_the_page_in_english(open_survey):
    with translation.override("en"):
        page = answering.answer_page(link_of(_invitation(open_survey)))
    first = page.sections[0].questions[0]
    assert first.text == "Do you have influence on how you do your work?"
    assert first.options[0].label == "To a very small extent"


def test_answering_stores_the_answers_and_uses_up_the_link(client, open_survey):
    invitation = _invitation(open_survey)
    url = _url(invitation)
    response = client.post(url, FULL)
    assert response.status_code == 302
    assert response["Location"] == reverse("wellbeing:answer_thanks", args=[open_survey.pk])
    response = Response.objects.get()
    assert response.survey_id == open_survey.pk and response.unit_id == invitation.unit_id
    assert response.band_values == invitation.band_values and response.source == "web"
    values = sorted((a.question.code, a.value) for a in Answer.objects.select_related("question"))
    assert values == [
        ("channels", 1.0),
        ("channels", 3.0),
        ("influence", 4.0),
        ("overtime", 6.0),
        ("shift", 3.0),
        ("workload", 2.0),  # a reversed question is stored as answered
    ]
    comment = Comment.objects.get()
    assert comment.text == "Mere tid til faglig sparring." and comment.status == "pending"
    invitation.refresh_from_db()
    assert invitation.answered is True
    assert invitation.token_hash is None and invitation.link_key is None
    # Nobody is in the audit log for answering: it acts for nobody.
    assert (
        not AuditEntry.objects.filter(category="trivsel", action="create")
        .exclude(detail="inviteret til måling")
        .exists()
    )
    thanks = client.get(reverse("wellbeing:answer_thanks", args=[open_survey.pk]))
    assert thanks.status_code == 200 and "Tak for dine svar" in thanks.content.decode()


def test_a_used_link_gets_a_clear_page_and_stores_nothing_more(client, open_survey):
    url = _url(_invitation(open_survey))
    client.post(url, FULL)
    again = client.post(url, FULL)
    assert again.status_code == 200 and "Linket er brugt" in again.content.decode()
    page = client.get(url)
    assert page.status_code == 200 and "Linket er brugt" in page.content.decode()
    assert Response.objects.count() == 1


def test_a_closed_survey_gets_a_clear_page(client, open_survey):
    url = _url(_invitation(open_survey))
    surveys.close(HR, open_survey.pk)
    page = client.get(url)
    assert page.status_code == 200 and "Målingen er lukket" in page.content.decode()
    posted = client.post(url, FULL)
    assert posted.status_code == 200 and not Response.objects.exists()


def test_after_the_last_day_the_link_is_closed_before_the_daily_job_runs(client, open_survey):
    url = _url(_invitation(open_survey))
    Survey.objects.filter(pk=open_survey.pk).update(
        closes_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert "Målingen er lukket" in client.get(url).content.decode()


def test_a_made_up_link_is_404(client, open_survey):
    for token in ("nonsense", f"{open_survey.pk}-{'x' * 43}", f"99999-{'x' * 43}"):
        expected = 200 if token.startswith(f"{open_survey.pk}-") else 404
        assert client.get(reverse("wellbeing:answer", args=[token])).status_code == expected


def test_a_missing_required_answer_is_shown_beside_the_question_and_nothing_is_stored(
    client, open_survey
):
    url = _url(_invitation(open_survey))
    response = client.post(url, {**FULL, "q-influence": "", "q-overtime": "99"})
    assert response.status_code == 400
    text = response.content.decode()
    hrefs = [href for href, _text in response.context["errors"]]
    assert hrefs == ["#q-influence-0", "#q-overtime"]
    assert 'id="q-overtime-error"' in text and "større end 60" in text
    # What was answered stays answered.
    assert 'value="2" checked' in text  # workload
    assert not Response.objects.exists()
    assert _invitation(open_survey).answered is False


def test_a_comment_with_a_cpr_number_is_refused(client, open_survey):
    url = _url(_invitation(open_survey))
    response = client.post(url, {**FULL, "q-comment": "Min kollega 010190-1234 er syg"})
    assert response.status_code == 400
    assert "CPR-nummer" in response.content.decode()
    assert not Comment.objects.exists()


def test_skipping_stores_nothing_for_that_question(client, open_survey):
    url = _url(_invitation(open_survey))
    client.post(url, {"q-influence": "3", "q-workload": ""})
    assert list(Answer.objects.values_list("question__code", flat=True)) == ["influence"]


def test_a_logged_in_employee_answers_anonymously_too(client_as, users, org):
    staff(org.nord, 6)
    survey = launched_survey([org.nord])
    invitation = Invitation.objects.get(survey=survey, person=org.person_in_nord)
    client = client_as("employee")
    before = AuditEntry.objects.count()
    assert client.post(_url(invitation), FULL).status_code == 302
    assert AuditEntry.objects.count() == before
    assert Response.objects.count() == 1


# --- record_answers ---------------------------------------------------------------------------


def test_record_answers_refuses_what_the_survey_does_not_allow(open_survey, org):
    influence = _question(open_survey, "influence")
    other = survey_version().questions.get(code="influence")
    unit = org.nord.pk
    with pytest.raises(ValidationFailed):  # a unit outside the plan
        answering.record_answers(open_survey, org.syd.pk, {}, {influence.pk: 3}, {}, "web")
    with pytest.raises(ValidationFailed):  # a band the group does not record
        answering.record_answers(open_survey, unit, {"age": "30-39"}, {influence.pk: 3}, {}, "web")
    with pytest.raises(ValidationFailed):  # a question of another questionnaire
        answering.record_answers(open_survey, unit, {}, {other.pk: 3}, {}, "web")
    with pytest.raises(ValidationFailed):  # a value not on the scale
        answering.record_answers(open_survey, unit, {}, {influence.pk: 7}, {}, "web")
    assert not Response.objects.exists()
    stored = answering.record_answers(open_survey, unit, {}, {influence.pk: 5}, {}, "import")
    assert stored.source == "import" and stored.answers.get().value == 5.0


def test_submit_twice_with_one_link_stores_once(open_survey):
    token = link_of(_invitation(open_survey))
    answering.submit(
        token, lambda f: [FULL[f]] if isinstance(FULL.get(f), str) else FULL.get(f, [])
    )
    with pytest.raises(answering.LinkGone):
        answering.submit(token, lambda f: ["3"] if f == "q-influence" else [])
    assert Response.objects.count() == 1


# --- import-answers ---------------------------------------------------------------------------


@pytest.fixture
def coded(org):
    org.nord.code = "NORD"
    org.nord.save()
    org.syd.code = "SYD"
    org.syd.save()
    staff(org.nord, 6, birth=dt.date(1990, 1, 1))
    staff(org.syd, 6)
    return launched_survey([org.nord, org.syd], bands=["age"])


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_import_stores_every_row_with_source_import(coded, org):
    data = _csv(
        "enhed;age;influence;workload;channels;overtime;comment",
        "NORD;;4;2;1|2;3;Bedre planlægning",
        "SYD;40-49;5;;3;;",
    )
    result = answering.import_answers(HR, coded.pk, "svar.csv", data)
    assert result.problem_count == 0 and result.created == 2
    assert set(Response.objects.values_list("source", flat=True)) == {"import"}
    syd = Response.objects.get(unit=org.syd)
    assert syd.band_values == {"age": "40-49"}
    assert Answer.objects.filter(question__code="channels").count() == 3
    assert Comment.objects.get().text == "Bedre planlægning"


def test_import_reports_every_problem_with_row_and_column_and_stores_nothing(coded):
    data = _csv(
        "enhed;age;influence;workload;shift",
        "NORD;;4;2;1",
        "OST;;4;2;1",
        "SYD;17-20;9;2;1",
        "SYD;;;;",
    )
    result = answering.import_answers(HR, coded.pk, "svar.csv", data)
    problems = {(p.row, p.column) for p in result.problems}
    assert (3, "enhed") in problems  # an unknown unit
    assert (4, "age") in problems and (4, "influence") in problems
    assert (5, None) in problems  # a row without answers
    assert not Response.objects.exists()
    header = answering.import_answers(HR, coded.pk, "svar.csv", _csv("enhed;alder;q9", "NORD;;"))
    assert {p.column for p in header.problems} == {"alder", "q9"}


def test_import_leaves_out_a_band_the_unit_does_not_record(org):
    org.nord.code = "NORD"
    org.nord.save()
    staff(org.nord, 6, birth=dt.date(1990, 1, 1))  # and the fixture's one, 40–49: age left out
    survey = launched_survey([org.nord], bands=["age"])
    result = answering.import_answers(
        HR, survey.pk, "svar.csv", _csv("enhed;age;influence", "NORD;30-39;3")
    )
    assert result.created == 1 and result.dropped_bands == 1
    assert Response.objects.get().band_values == {}


def test_import_after_the_close_counts_in_the_tallies(coded, org):
    surveys.close(HR, coded.pk)
    answering.import_answers(HR, coded.pk, "svar.csv", _csv("enhed;influence", "NORD;3"))
    assert UnitTally.objects.get(survey=coded, unit=org.nord).answered == 1


def test_import_refuses_a_draft(org):
    from charlie.wellbeing.tests.factories import draft_survey

    survey = draft_survey([org.nord])
    result = answering.import_answers(HR, survey.pk, "svar.csv", _csv("enhed;influence", "X;3"))
    assert result.problem_count == 1 and not Response.objects.exists()
    with pytest.raises(NotFound):
        answering.import_answers(HR, 99999, "svar.csv", b"")


def test_the_command(coded, tmp_path: Path):
    good = tmp_path / "svar.csv"
    good.write_bytes(_csv("enhed;influence", "NORD;3", "SYD;4"))
    out = StringIO()
    call_command("wellbeing", "import-answers", str(coded.pk), str(good), stdout=out)
    assert "2 besvarelser indlæst" in out.getvalue()
    bad = tmp_path / "forkert.csv"
    bad.write_bytes(_csv("enhed;influence", "NORD;8"))
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("wellbeing", "import-answers", str(coded.pk), str(bad), stdout=out)
    assert "forkert.csv, række 2, kolonne influence" in out.getvalue()
    assert Response.objects.count() == 2


def test_only_hr_imports(coded, users):
    from charlie.core.errors import PermissionDenied
    from charlie.people.services import access_for

    with pytest.raises(PermissionDenied):
        answering.import_answers(access_for(users["manager"]), coded.pk, "x.csv", b"")
    assert Survey.objects.get(pk=coded.pk).status == SurveyStatus.OPEN


def test_the_documented_example_file_imports(org):
    """docs/wellbeing-surveys.md's example, as it stands in docs/examples/."""
    example = Path(__file__).resolve().parents[3] / "docs" / "examples" / "trivselssvar.csv"
    org.nord.code, org.syd.code = "NORD", "SYD"
    org.nord.save()
    org.syd.save()
    staff(org.nord, 5, birth=dt.date(1990, 1, 1))
    staff(org.nord, 4)
    staff(org.syd, 6)
    survey = launched_survey([org.nord, org.syd], bands=["age", "job_family"])
    result = answering.import_answers(HR, survey.pk, example.name, example.read_bytes())
    assert result.problem_count == 0, result.problems
    assert result.created == 3
    nord = Response.objects.filter(unit=org.nord).values_list("band_values", flat=True)
    assert sorted(v["age"] for v in nord) == ["30-39", "40-49"]
