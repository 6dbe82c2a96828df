"""Openness (issue 16, point 8): the public "about this survey" page from the survey's own
fields and the register's purpose "trivsel", a draft hidden from the public, and "Mine data",
which lists the surveys one was invited to and never one's answers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from charlie.core.errors import NotFound
from charlie.people import services as people
from charlie.privacy import registry
from charlie.privacy.models import Purpose
from charlie.privacy.registry import Applied, RetentionRule
from charlie.wellbeing.models import Answer, Invitation, Response, SurveyStatus
from charlie.wellbeing.services import about as svc
from charlie.wellbeing.services import my_data
from charlie.wellbeing.tests.factories import DimensionFactory, QuestionFactory, SurveyFactory


def _survey(org, **kw):
    fields = {"name": "Trivselsmåling 2027", "status": SurveyStatus.OPEN}
    fields.update(kw)
    survey = SurveyFactory(**fields)
    survey.units.add(org.aeldre, org.skole)
    return survey


def test_the_page_is_public_and_says_what_the_survey_says(client, org):
    survey = _survey(
        org, min_group=7, min_sensitive=25, bands=["age_band"], intro="Vi spørger om jeres hverdag."
    )
    harassment = DimensionFactory(version=survey.version, name="Krænkende adfærd", sensitive=True)
    QuestionFactory(version=survey.version, dimension=harassment)
    QuestionFactory(version=survey.version, dimension=harassment)
    QuestionFactory(version=survey.version)
    QuestionFactory(version=survey.version, kind="text", options=[])
    page = client.get(reverse("wellbeing:survey_about", args=[survey.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Om målingen: Trivselsmåling 2027" in html
    assert "trivselsaftalen" in html  # why: the kind's reason
    assert "Vi spørger om jeres hverdag." in html
    assert "Ældreområdet" in html and "Nørre Skole" in html
    assert "færre end 7 svar" in html
    assert "mindst 25 svar" in html
    assert "Målingen har 2 sådanne spørgsmål." in html
    assert "Målingen har 3 spørgsmål med svarmuligheder." in html
    assert "Skriv ikke navne eller oplysninger om helbred." in html  # a free-text question
    assert "age_band" in html or "Alder" in html  # the band (by its label once it has one)
    assert "uden dit navn" in html and "slettes engangslinkene" in html
    # The register's own texts (which the DPO keeps): who sees what, retention, legal basis.
    purpose = Purpose.objects.get(code="trivsel")
    assert "Ingen ser dine svar" in html
    assert purpose.legal_basis[:40] in html
    assert "Invitationer slettes" in html


def test_the_register_text_the_dpo_edited_is_what_the_page_says(client, org):
    Purpose.objects.filter(code="trivsel").update(retention="Invitationer slettes efter 3 år.")
    survey = _survey(org)
    html = client.get(reverse("wellbeing:survey_about", args=[survey.pk])).content.decode()
    assert "Invitationer slettes efter 3 år." in html


def test_retention_rules_of_the_category_are_listed_with_the_kommunes_period(client, org):
    rule = RetentionRule(
        code="test_trivsel_invitationer",
        category="trivsel",
        label="Invitationer til målinger",
        description="Fem år efter lukning, så to målinger kan sammenlignes.",
        default_years=5,
        action="delete",
        find=lambda today, years: [],
        apply=lambda ids: Applied(0, []),
    )
    registry.register_retention_rule(rule)
    try:
        survey = _survey(org)
        html = client.get(reverse("wellbeing:survey_about", args=[survey.pk])).content.decode()
        assert "Invitationer til målinger: 5 år." in html
    finally:
        registry._retention_rules.pop(rule.code)


def test_without_bands_the_page_says_answers_carry_only_the_unit(client, org):
    survey = _survey(org, bands=[])
    html = client.get(reverse("wellbeing:survey_about", args=[survey.pk])).content.decode()
    assert "Målingen gemmer ingen baggrundsoplysninger" in html


def test_a_draft_is_hidden_from_everyone_but_hr(client, users, org):
    draft = _survey(org, status=SurveyStatus.DRAFT)
    url = reverse("wellbeing:survey_about", args=[draft.pk])
    assert client.get(url).status_code == 404
    for role in ("employee", "manager", "analyst", "dpo", "admin"):
        with pytest.raises(NotFound):
            svc.survey_about(people.access_for(users[role]), draft.pk)
    client.force_login(users["hr"])
    page = client.get(url)
    assert page.status_code == 200 and "Kladde" in page.content.decode()
    assert client.get(reverse("wellbeing:survey_about", args=[999999])).status_code == 404


def test_a_closed_survey_is_still_explained(client, org):
    survey = _survey(org, status=SurveyStatus.CLOSED)
    assert client.get(reverse("wellbeing:survey_about", args=[survey.pk])).status_code == 200


def test_band_labels_come_from_the_surveys_list_and_fall_back_to_the_key(monkeypatch):
    import sys
    import types
    from dataclasses import dataclass

    @dataclass
    class Band:
        key: str
        label: str

    bands = types.ModuleType("charlie.wellbeing.bands")
    bands.BANDS = {"age": Band("age", "Aldersgruppe")}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "charlie.wellbeing.bands", bands)
    assert svc.band_labels(["age", "ukendt-nøgle"]) == ["Aldersgruppe", "ukendt-nøgle"]


# --- "Mine data": invitations, never answers -----------------------------------------------


def _invited_and_answered(org):
    survey = _survey(org, name="Trivselsmåling 2027")
    question = QuestionFactory(version=survey.version, text="Har du indflydelse på dit arbejde?")
    Invitation.objects.create(
        survey=survey, person=org.person_in_nord, unit=org.nord, answered=True
    )
    response = Response.objects.create(survey=survey, unit=org.nord, band_values={})
    Answer.objects.create(response=response, question=question, value=4)
    return survey


def test_mine_data_lists_invitations_and_never_answers(org):
    _invited_and_answered(org)
    rows = my_data(org.person_in_nord.pk)
    assert len(rows) == 1
    (row,) = rows
    assert row["Oplysning"] == "Inviteret til måling"
    assert row["Måling"] == "Trivselsmåling 2027"
    assert "ikke knyttet til dig" in row["Bemærkning"]
    text = repr(rows)
    assert "Har du indflydelse" not in text and "4.0" not in text
    assert "svaret" not in text.lower()  # not even whether one answered
    assert my_data(org.person_in_skole.pk) == []


def test_the_mine_data_page_says_answers_are_not_linked_to_the_person(client_as, org):
    _invited_and_answered(org)
    html = client_as("employee").get(reverse("privacy:my_data")).content.decode()
    assert "Trivselsmåling 2027" in html
    assert "Dine svar er ikke knyttet til dig" in html
    assert "Har du indflydelse" not in html
