"""The questionnaires part's pages (HR): build a questionnaire, edit a draft, a frozen version
read-only by page too, the preview as respondents see it, the import and the download."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from charlie.wellbeing import services as wellbeing
from charlie.wellbeing import urls_questionnaires
from charlie.wellbeing.models import Question, Questionnaire, QuestionnaireVersion
from charlie.wellbeing.services import questionnaires as svc
from charlie.wellbeing.tests.factories import DimensionFactory, QuestionFactory, VersionFactory
from charlie.wellbeing.tests.test_questionnaires_services import EXAMPLE_CSV, EXAMPLE_JSON


def _url(name: str, **kwargs: object) -> str:
    return reverse(f"wellbeing:{name}", kwargs=kwargs)


def _page(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_hr_builds_a_questionnaire_page_by_page(client_as):
    client = client_as("hr")
    assert "Trivselsmåling (Charlies egen)" in _page(client.get(_url("questionnaires")))
    response = client.post(
        _url("questionnaire_new"),
        {"name": "Trivsel i hjemmeplejen", "name_en": "", "kind": "wellbeing", "code": ""},
    )
    questionnaire = Questionnaire.objects.get(code="trivsel-i-hjemmeplejen")
    version = questionnaire.versions.get()
    assert response.status_code == 302
    assert response["Location"] == _url("questionnaire_version", version_id=version.pk)
    response = client.post(
        _url("questionnaire_dimension_new", version_id=version.pk),
        {"name": "Kørsel", "name_en": "Driving", "code": ""},
    )
    assert response.status_code == 302
    dimension = version.dimensions.get()
    # The new question form chooses the dimension from the link.
    form = _page(
        client.get(
            _url("questionnaire_question_new", version_id=version.pk) + f"?dimension={dimension.pk}"
        )
    )
    assert f'<option value="{dimension.pk}" selected>' in form
    response = client.post(
        _url("questionnaire_question_new", version_id=version.pk),
        {
            "dimension": dimension.pk,
            "text": "Hvor ofte kører du i tidsnød?",
            "text_en": "How often do you drive under time pressure?",
            "kind": "likert",
            "scale": "hyppighed",
            "reverse": "on",
        },
    )
    question = version.questions.get()
    assert response["Location"].endswith(f"#question-{question.pk}")
    assert (question.code, question.reverse, question.options[4]["label"]) == (
        "koersel-1",
        True,
        "Altid",
    )
    client.post(
        _url("questionnaire_question_new", version_id=version.pk),
        {"text": "Hvilke biler?", "kind": "multiple", "options": "Elbil\nBenzinbil"},
    )
    page = _page(client.get(_url("questionnaire_version", version_id=version.pk)))
    # Danish and English side by side, the scale by name, own options listed.
    assert "Hvor ofte kører du i tidsnød?" in page
    assert '<td lang="en">How often do you drive under time pressure?' in page
    assert "hyppighed" in page and "2 = Benzinbil" in page
    assert "Omvendt (5 er dårligst)" in page
    # Move the dimension's question below: nothing to move within it, so it stays.
    response = client.post(
        _url("questionnaire_question_move", version_id=version.pk, question_id=question.pk),
        {"retning": "ned"},
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_question_with_problems_is_shown_again_with_every_error_linked(client_as):
    client = client_as("hr")
    version = VersionFactory()
    response = client.post(
        _url("questionnaire_question_new", version_id=version.pk),
        {"text": "Hvor mange vagter?", "kind": "number", "minimum": "10", "maximum": "2"},
    )
    assert response.status_code == 400
    page = _page(response)
    assert 'href="#id_maximum"' in page
    assert "Det største tal skal være større end det mindste." in page
    response = client.post(
        _url("questionnaire_question_new", version_id=version.pk),
        {"text": "Skala?", "kind": "likert", "scale": "", "options": "Ja\nNej"},
    )
    assert response.status_code == 400 and 'href="#id_options"' in _page(response)
    assert not version.questions.exists()


@pytest.mark.django_db
def test_a_frozen_version_is_read_only_by_page_with_the_reason(client_as):
    client = client_as("hr")
    version = VersionFactory()
    dimension = DimensionFactory(version=version)
    question = QuestionFactory(version=version, dimension=dimension)
    svc.freeze_version(version)
    page = _page(client.get(_url("questionnaire_version", version_id=version.pk)))
    assert "kan kun læses" in page and "fordi en måling har brugt den" in page
    assert _url("questionnaire_question_new", version_id=version.pk) not in page
    assert "Flyt op" not in page and "Slet version" not in page
    version_url = _url("questionnaire_version", version_id=version.pk)
    attempts = [
        ("get", _url("questionnaire_question_new", version_id=version.pk), {}),
        (
            "post",
            _url("questionnaire_question", version_id=version.pk, question_id=question.pk),
            {"text": "Ændret?", "kind": "likert", "scale": "grad"},
        ),
        (
            "post",
            _url("questionnaire_question_remove", version_id=version.pk, question_id=question.pk),
            {},
        ),
        (
            "post",
            _url("questionnaire_question_move", version_id=version.pk, question_id=question.pk),
            {"retning": "op"},
        ),
        (
            "post",
            _url("questionnaire_dimension", version_id=version.pk, dimension_id=dimension.pk),
            {"name": "Ændret"},
        ),
        (
            "post",
            _url(
                "questionnaire_dimension_remove",
                version_id=version.pk,
                dimension_id=dimension.pk,
            ),
            {},
        ),
        ("post", _url("questionnaire_dimension_new", version_id=version.pk), {"name": "Ny"}),
        ("post", version_url, {"note": "Ny note"}),
        ("post", _url("questionnaire_version_delete", version_id=version.pk), {}),
    ]
    for method, url, data in attempts:
        response = getattr(client, method)(url, data, follow=True)
        assert response.redirect_chain[-1][0] == version_url, url
        assert "er låst, fordi en måling bruger den" in _page(response), url
    question.refresh_from_db()
    dimension.refresh_from_db()
    assert (question.text, dimension.name) == (
        "Har du indflydelse på, hvordan du gør dit arbejde?",
        "Indflydelse",
    )
    assert QuestionnaireVersion.objects.get(pk=version.pk).note == ""
    assert version.dimensions.count() == 1 and version.questions.count() == 1


@pytest.mark.django_db
def test_a_new_version_from_the_questionnaire_page(client_as):
    client = client_as("hr")
    version = wellbeing.charlie_bank("puls")
    url = _url("questionnaire_version_new", questionnaire_id=version.questionnaire_id)
    response = client.post(url, {"note": "Nyt spørgsmål"}, follow=True)
    assert "ikke låst endnu" in _page(response)
    svc.freeze_version(version)
    page = _page(client.get(_url("questionnaire", questionnaire_id=version.questionnaire_id)))
    assert "Lav en ny version" in page and "Charlies egen spørgeramme" in page
    response = client.post(url, {"note": "Nyt spørgsmål"})
    copy = version.questionnaire.versions.get(number=2)
    assert response["Location"] == _url("questionnaire_version", version_id=copy.pk)
    assert copy.note == "Nyt spørgsmål" and copy.questions.count() == 5


@pytest.mark.django_db
def test_the_preview_shows_the_questions_as_respondents_see_them(client_as):
    client = client_as("hr")
    version = wellbeing.charlie_bank("trivsel")
    url = _url("questionnaire_preview", version_id=version.pk)
    page = _page(client.get(url + "?sprog=da"))
    assert "<legend" in page and "Hvor ofte har du for lidt tid" in page
    assert "Krænkende adfærd" in page and "Ja, hver uge eller oftere" in page
    # The free text carries the warning.
    assert "Skriv ikke navne, og skriv ikke noget om dit eget eller andres helbred." in page
    assert page.count('type="radio"') == 42 * 5
    english = _page(client.get(url + "?sprog=en"))
    assert 'lang="en"' in english
    assert "How often do you have too little time to do your tasks properly?" in english
    assert "To a very large extent" in english
    comment = version.questions.get(kind="text")
    assert f'<textarea name="q{comment.pk}"' in english
    assert f'id="id_q{comment.pk}_helptext"' in english


@pytest.mark.django_db
def test_import_page_all_or_nothing(client_as):
    client = client_as("hr")
    upload = SimpleUploadedFile("apv-skoler.json", EXAMPLE_JSON, content_type="application/json")
    response = client.post(_url("questionnaire_import"), {"upload": upload})
    questionnaire = Questionnaire.objects.get(code="apv-skoler")
    version = questionnaire.versions.get()
    assert response["Location"] == _url("questionnaire_version", version_id=version.pk)
    broken = EXAMPLE_CSV.decode().replace(";tal;;;;0;40;", ";tal;;;;40;0;")
    upload = SimpleUploadedFile("trivsel.csv", broken.encode(), content_type="text/csv")
    response = client.post(
        _url("questionnaire_import"),
        {"upload": upload, "code": "trivsel-skoler", "name": "Trivsel", "kind": "wellbeing"},
    )
    assert response.status_code == 400
    page = _page(response)
    assert "Der er 1 problem i filen. Intet er gemt." in page
    assert re.search(r"<td>trivsel.csv</td><td>5</td><td>maks</td>", page)
    assert not Questionnaire.objects.filter(code="trivsel-skoler").exists()
    upload = SimpleUploadedFile("trivsel.csv", EXAMPLE_CSV, content_type="text/csv")
    response = client.post(
        _url("questionnaire_import"),
        {
            "upload": upload,
            "code": "trivsel-skoler",
            "name": "Trivsel",
            "kind": "wellbeing",
            "dry_run": "on",
        },
    )
    assert response.status_code == 200 and "Filen er i orden: 6 spørgsmål" in _page(response)
    assert not Questionnaire.objects.filter(code="trivsel-skoler").exists()


@pytest.mark.django_db
def test_download_a_version_as_a_file(client_as):
    client = client_as("hr")
    version = wellbeing.charlie_bank("introduktion")
    response = client.get(_url("questionnaire_export", version_id=version.pk, file_format="csv"))
    assert response["Content-Disposition"] == 'attachment; filename="introduktion-v1.csv"'
    assert "intro-velkommen" in response.content.decode()
    response = client.get(_url("questionnaire_export", version_id=version.pk, file_format="pdf"))
    assert response.status_code == 404


@pytest.mark.django_db
def test_deleting_a_draft_from_its_page(client_as):
    client = client_as("hr")
    version = VersionFactory()
    QuestionFactory(version=version)
    response = client.post(_url("questionnaire_version_delete", version_id=version.pk))
    assert response["Location"] == _url("questionnaires")
    assert not Question.objects.filter(version_id=version.pk).exists()
    # A later draft goes alone, back to its questionnaire.
    first = VersionFactory()
    svc.freeze_version(first)
    draft = VersionFactory(questionnaire=first.questionnaire, number=2)
    response = client.post(_url("questionnaire_version_delete", version_id=draft.pk))
    assert response["Location"] == _url("questionnaire", questionnaire_id=first.questionnaire_id)
    assert list(first.questionnaire.versions.all()) == [first]


def test_the_browser_test_opens_every_page_of_the_part():
    """``tests/e2e/test_wellbeing_questionnaires.py`` checks every page with axe-core: each URL
    of the part is a page it opens or one it names as no page, with the reason."""
    from tests.e2e.test_wellbeing_questionnaires import NOT_PAGES, PAGES

    names = {p.name for p in urls_questionnaires.urlpatterns}
    assert names == PAGES | set(NOT_PAGES)
    assert not PAGES & set(NOT_PAGES)
    assert all(reason.strip() for reason in NOT_PAGES.values())
