"""An import's problems and notes are kept as messages and written in the reader's language
when the run's page is drawn; runs stored before (Danish text) still read as they are."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from charlie.core.messages import msgid_of
from charlie.core.models import User
from charlie.imports import texts
from charlie.imports.models import ImportRun, ImportStatus
from charlie.imports.plan import Summary

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_back_to_danish():
    """A request with the English cookie activates English in this thread: put Danish back,
    so the tests after these are not read in English."""
    with translation.override("da"):
        yield


OLD_ROW = "Kolonnen »slutdato« findes to gange."


def _run() -> ImportRun:
    summary = Summary(notes=[texts.IN_FILE(file="a.xml", note=texts.JOINED(n=3))])
    return ImportRun.objects.create(
        user=User.objects.get(username="test-hr"),
        file_names=["a.csv"],
        status=ImportStatus.PROBLEMS,
        summary=summary.to_json(),
        problems=[
            {"file": "a.csv", "row": 2, "column": "x", "message": texts.GENDER().encode()},
            {"file": "a.csv", "row": 3, "column": "y", "message": OLD_ROW},
        ],
        problem_count=2,
    )


def test_problems_are_stored_as_codes_not_danish_text(users) -> None:
    run = _run()
    stored = run.problems[0]["message"]
    assert "Kønnet" not in stored and texts.GENDER.code in stored
    assert all("ansættelse" not in note for note in run.summary["notes"])


def test_the_run_page_writes_them_in_the_readers_language(users, client_as) -> None:
    run = _run()
    client = client_as("hr")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("imports:run", kwargs={"run_id": run.pk})).content.decode()
    gender_id, joined_id = msgid_of(texts.GENDER.code), msgid_of(texts.JOINED.code)
    assert gender_id is not None and joined_id is not None
    with translation.override("en"):
        gender = gettext(gender_id)
        joined = gettext(joined_id) % {"n": "3"}
    assert gender in html and f"a.xml: {joined}" in html
    assert OLD_ROW in html  # an old row as it is
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    html = client.get(reverse("imports:run", kwargs={"run_id": run.pk})).content.decode()
    assert "Kønnet skal være K (kvinde) eller M (mand)." in html


def test_dates_in_notes_follow_the_language() -> None:
    note = texts.ENTRY_DATE_FROM_FILE(n=2, date=date(2020, 3, 1))
    with translation.override("en"):
        assert "1 March 2020" in str(note)
    with translation.override("da"):
        assert "1. marts 2020" in str(note)
