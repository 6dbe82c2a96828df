"""The pension notes and conditions are written in the reader's language when shown, with the
dates the reader's way (the English wording itself is in the .po file)."""

from __future__ import annotations

from datetime import date

from django.utils import translation
from django.utils.translation import gettext

from charlie.core.messages import msgid_of
from charlie.workforce import pension, serialise


def test_conditions_are_the_gettext_of_their_msgid() -> None:
    window = pension.seniorpension_window(date(1965, 5, 10))
    assert window is not None
    msgid = msgid_of(pension.SENIORPENSION_CONDITIONS.code)
    assert msgid is not None
    with translation.override("en"):
        assert str(window.conditions) == gettext(msgid)
    with translation.override("da"):
        assert str(window.conditions) == msgid


def test_the_convention_note_writes_dates_the_readers_way() -> None:
    note = pension.folkepension(date(1956, 2, 29)).note  # reaches 67 on "29 Feb 2023": 1 Mar
    with translation.override("da"):
        assert "29. februar 2023" in str(note) and "1. marts 2023" in str(note)
    with translation.override("en"):
        assert "29 February 2023" in str(note) and "1 March 2023" in str(note)
        assert "29. februar" not in str(note)


def test_the_api_answer_is_text() -> None:
    with translation.override("da"):
        answer = serialise.pension_as_dict(date(1975, 1, 1))
    assert isinstance(answer["folkepension"]["note"], str)
    assert "kan blive hævet" in answer["folkepension"]["note"]
    assert isinstance(answer["tidlig_pension"]["conditions"], str)
