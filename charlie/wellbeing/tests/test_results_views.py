"""The results pages, the PDF and the Excel file, the CLI ``results`` and the API."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from charlie.wellbeing.models import Comment, CommentStatus
from charlie.wellbeing.services.results import ACTION_NEW_PATH
from charlie.wellbeing.tests.factories import add_response, closed_survey, results_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(org, users):
    return results_story(org)


def test_the_managers_page(client_as, story, org):
    client = client_as("manager")
    response = client.get(reverse("wellbeing:results_survey", args=[story.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Plejecenter Nord" in html
    assert 'data-count="8"' in html  # the unit's answers
    assert "Kommentar 0 fra Nord" in html  # approved
    assert "Kommentar 1 fra Nord" not in html  # waiting for HR
    assert "Nørre Skole" not in html  # not theirs
    assert f'href="{ACTION_NEW_PATH}?enhed={org.nord.pk}&amp;maaling={story.pk}&amp;kilde=' in html
    assert 'role="img"' in html  # the chart, with its table
    assert 'id="dimensioner"' in html


def test_the_analyst_sees_no_comments_and_no_action(client_as, story):
    html = client_as("analyst").get(reverse("wellbeing:results_survey", args=[story.pk]))
    html = html.content.decode()
    assert "Kommentar 0 fra Nord" not in html
    assert ACTION_NEW_PATH not in html
    assert "Efter aldersgruppe" in html or "Efter age" in html


def test_the_rates_page(client_as, story):
    html = client_as("hr").get(reverse("wellbeing:results_rates", args=[story.pk]))
    assert 'data-count="36"' in html.content.decode()


def test_the_pdf_for_the_med_meeting(client_as, story, org, monkeypatch):
    from charlie.privacy.tests.test_my_data_pdf import pdf_text
    from charlie.wellbeing import views_results

    seen: list[str] = []
    real = views_results.render_pdf
    monkeypatch.setattr(views_results, "render_pdf", lambda html: seen.append(html) or real(html))
    response = client_as("manager").get(
        reverse("wellbeing:results_pdf", args=[story.pk]), {"enhed": org.nord.pk}
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "plejecenter-nord" in response["Content-Disposition"]
    text, pages = pdf_text(seen[0])
    assert "Plejecenter Nord med underenheder" in text
    assert "Indflydelse" in text and "Øvrige spørgsmål" in text
    assert "Kommentar 0 fra Nord" in text and "Kommentar 1 fra Nord" not in text
    assert "Nørre Skole" not in text
    assert pages >= 1


def test_the_excel_file(client_as, story, org):
    response = client_as("hr").get(
        reverse("wellbeing:results_excel", args=[story.pk]), {"enhed": org.nord.pk}
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:2] == ["Dimensioner", "Spørgsmål"]
    rows = list(book["Dimensioner"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Dimension", "Svar", "Score (0–100)")
    influence = next(r for r in rows if r[0] == "Indflydelse")
    assert influence[1] == 16 and influence[2] == pytest.approx(81.25)
    offensive = next(r for r in rows if r[0] == "Krænkende adfærd")
    assert offensive[1] is None and offensive[2] is None  # below 20: empty


def test_an_open_survey_has_no_files(client_as, story):
    story.status = "open"
    story.save()
    response = client_as("hr").get(reverse("wellbeing:results_pdf", args=[story.pk]))
    assert response.status_code == 400


def test_hr_decides_on_a_comment(client_as, story):
    client = client_as("hr")
    waiting = Comment.objects.get(text="Kommentar 1 fra Nord")
    url = reverse("wellbeing:results_comment", args=[waiting.pk])
    response = client.post(url, {"decision": "edit", "text": ""})
    assert response.status_code == 400
    assert 'href="#id_text"' in response.content.decode()
    response = client.post(url, {})
    assert 'href="#id_decision_0"' in response.content.decode()
    response = client.post(url, {"decision": "edit", "text": "Rettet tekst"})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert (waiting.status, waiting.shown_text) == (CommentStatus.EDITED, "Rettet tekst")


def _cli(*args: str) -> str:
    out = io.StringIO()
    call_command("wellbeing", "results", *args, stdout=out)
    return out.getvalue()


def test_the_command_line_gives_json_and_csv(story, org):
    org.nord.code = "NORD"
    org.nord.save()
    rows = json.loads(_cli(str(story.pk), "--by", "unit", "--format", "json"))
    syd = next(r for r in rows if r["unit"] == "Plejecenter Syd")
    assert syd["suppressed"] is True and syd["count"] is None and syd["score"] is None
    questions = json.loads(
        _cli(str(story.pk), "--by", "question", "--unit", "NORD", "--format", "json")
    )
    mobning = next(r for r in questions if r["question"] == "mobning")
    assert mobning["suppressed"] is True and mobning["min_group"] == 20
    text = _cli(str(story.pk), "--by", "dimension", "--unit", "NORD", "--format", "csv")
    header, *lines = text.splitlines()
    assert header.split(";")[:4] == ["unit_id", "unit_code", "unit", "dimension"]
    offensive = next(line for line in lines if "kraenkende" in line).split(";")
    columns = header.split(";")
    assert offensive[columns.index("suppressed")] == "true"
    assert offensive[columns.index("score")] == ""
    with pytest.raises(CommandError, match="Ingen enhed"):
        _cli(str(story.pk), "--by", "unit", "--unit", "NOPE", "--format", "json")
    with pytest.raises(CommandError):
        _cli("999999", "--by", "unit", "--format", "json")


def test_the_api(client_as, story, org):
    client = client_as("manager")
    surveys = client.get(reverse("api:wellbeing_surveys")).json()
    assert [s["id"] for s in surveys] == [story.pk] and surveys[0]["results"] is True
    url = reverse("api:wellbeing_survey_results", args=[story.pk])
    rows = client.get(url, {"by": "unit"}).json()
    assert [r["unit"] for r in rows] == ["Hele målingen", "Plejecenter Nord"]
    questions = client.get(url, {"by": "question", "unit": org.nord.pk}).json()
    mobning = next(r for r in questions if r["question"] == "mobning")
    assert mobning["suppressed"] is True and mobning["count"] is None
    assert client.get(url, {"by": "question", "unit": org.skole.pk}).status_code == 404
    assert client_as("employee").get(url).status_code == 403


#: The figure cells of a row of the dimensions table, in order.
CELLS = ("answers", "score", "favourable", "whole survey", "difference")


def _cell(html: str, label: str, column: str = "score") -> str:
    """A figure cell of the dimensions table's row ``label``: its figure, or where it has
    none, its screen-reader text."""
    table = html.split('id="dimensioner"', 1)[1].split("</table>", 1)[0]
    row = next(r for r in table.split("<tr>") if f">{label}</a>" in r)
    cell = row.split('<td class="charlie-numeric"')[1 + CELLS.index(column)].split("</td>", 1)[0]
    if "sr-only" in cell:
        return cell.split('class="sr-only">', 1)[1].split("<", 1)[0]
    return cell.split(">", 1)[1]


def test_the_offensive_behaviour_dimension_has_no_score_by_design(client_as, story, org):
    """The offensive-behaviour dimension's questions give a share exposed each, never a score:
    where the group is large enough its score cell says "ikke relevant" (not "intet tal", as
    if a figure were missing), and where the group is too small it stays "skjult"."""
    url = reverse("wellbeing:results_survey", args=[story.pk])
    whole = client_as("hr").get(url).content.decode()  # 28 answers: at least 20
    assert _cell(whole, "Krænkende adfærd") == "ikke relevant"
    assert _cell(whole, "Krænkende adfærd", "favourable") == "ikke relevant"
    # A score as before: Nord 700 + 600, Syd 0, Ældreområdet 250 + 250, the school 750 + 675
    # points over 56 answers.
    assert _cell(whole, "Indflydelse") == "57,6"
    nord = client_as("hr").get(url, {"enhed": org.nord.pk}).content.decode()  # 8 answers
    assert _cell(nord, "Krænkende adfærd") == "skjult"
    assert "intet tal" not in whole


def test_a_hidden_whole_survey_figure_says_so(client_as, org, users):
    """Beside a unit's figures, the whole survey's figure says "skjult" where the whole survey
    is too small for it (here: 6 answers, below 20 for offensive behaviour)."""
    survey = closed_survey([org.nord])
    for _ in range(6):
        add_response(survey, org.nord, {"indflydelse-1": 4, "indflydelse-2": 2, "mobning": 1})
    url = reverse("wellbeing:results_survey", args=[survey.pk])
    html = client_as("hr").get(url, {"enhed": org.nord.pk}).content.decode()
    assert _cell(html, "Krænkende adfærd", "whole survey") == "skjult"
    assert _cell(html, "Krænkende adfærd", "difference") == "skjult"
    assert _cell(html, "Indflydelse", "whole survey") == "75,0"  # 4 → 75, 2 reversed → 75
