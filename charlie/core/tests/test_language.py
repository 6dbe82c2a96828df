"""English that is English: dates, numbers, charts and stored texts follow the reader's language.

These tests check the mechanism — that a text is the gettext of its msgid in the active language
and that formats follow the language — not the English wording, which lives in the .po file.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext
from hypothesis import given
from hypothesis import strategies as st

from charlie.core import charts, formats, language, messages
from charlie.core.messages import Message, decode, join, text

HOME = text("test.home", "Forside")  # in the catalogue: "Home"
DUE = text("test.due", "Frist %(day)s, %(hours)s timer")


def test_dates_follow_the_active_language() -> None:
    day = date(2026, 11, 23)
    with translation.override("da"):
        assert formats.format_date(day) == "23. november 2026"
        assert formats.format_period(day, None) == "fra 23. november 2026"
    with translation.override("en"):
        assert formats.format_date(day) == "23 November 2026"
        assert formats.format_period(day, None) == "from 23 November 2026"
        assert formats.format_date(day, "da") == "23. november 2026"  # asked for explicitly


def test_numbers_follow_the_active_language() -> None:
    with translation.override("da"):
        assert formats.format_number(Decimal("1234.5")) == "1.234,5"
        assert formats.format_count(18252) == "18.252"
        assert formats.format_percent(12.345) == "12,3 %"
    with translation.override("en"):
        assert formats.format_number(Decimal("1234.5")) == "1,234.5"
        assert formats.format_number(-1234567.891, 2) == "-1,234,567.89"
        assert formats.format_count(18252) == "18,252"
        assert formats.format_percent(12.345) == "12.3%"
        assert formats.format_share(0.1234) == "12.3%"
        assert formats.format_number(1234.5, language="da") == "1.234,5"


def test_template_number_filters_follow_the_language() -> None:
    template = Template("{{ x|da_number:1 }}|{{ n|da_count }}|{{ p|da_percent }}")
    context = Context({"x": Decimal("1234.56"), "n": 45000, "p": 5.25})
    with translation.override("en"):
        assert template.render(context) == "1,234.6|45,000|5.3%"
    with translation.override("da"):
        assert template.render(context) == "1.234,6|45.000|5,3 %"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1,234.5", Decimal("1234.5")),
        ("37.5", Decimal("37.5")),
        ("19,722", Decimal("19722")),
        ("37,5", Decimal("37.5")),  # a Danish decimal comma that cannot be English
        ("1.234,5", Decimal("1234.5")),
    ],
)
def test_english_readers_type_english_numbers(typed: str, expected: Decimal) -> None:
    with translation.override("en"):
        assert formats.parse_number(typed) == expected


@given(
    st.decimals(
        min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False, places=4
    )
)
def test_english_numbers_read_back_what_they_write(value: Decimal) -> None:
    written = formats.format_number(value, language="en")
    assert formats.parse_number(written, language="en") == value


def test_danish_readers_type_danish_numbers_and_files_do_not_depend_on_the_language() -> None:
    with translation.override("da"):
        assert formats.parse_number("19.722") == Decimal("19722")
        with pytest.raises(ValueError):
            formats.parse_number("1,234.5")
    with translation.override("en"):
        # lenient (files): the same whoever uploads them — "1.234" is a decimal point there.
        assert formats.parse_number("1.234", lenient=True) == Decimal("1.234")


def test_a_form_shows_and_reads_numbers_the_readers_way() -> None:
    from charlie.core.forms import DanishDecimalField, read_number

    field = DanishDecimalField(max_digits=6, decimal_places=2)
    with translation.override("en"):
        assert field.clean("1,234.5") == Decimal("1234.5")
        assert field.prepare_value(Decimal("1234.5")) == "1,234.5"
        with pytest.raises(ValueError, match=r"1,234\.5"):
            read_number("abc")  # the example in the message is the reader's way too
    with translation.override("da"):
        assert field.clean("1.234,5") == Decimal("1234.5")
        assert field.prepare_value(Decimal("1234.5")) == "1.234,5"


def test_the_pure_modules_ask_django_for_the_language() -> None:
    with translation.override("en"):
        assert language.active() == "en"
        assert language.gettext("skjult") == gettext("skjult")
    with translation.override("da"):
        assert language.active() == "da"
        assert language.gettext("skjult") == "skjult"
    with translation.override("de"):
        assert language.active() == "da"


def test_hidden_values_in_charts_are_translated() -> None:
    items = [("A", 1.0), ("B", None)]
    with translation.override("en"):
        svg = charts.bar_chart("c", "T", "D", items)
        assert f">{gettext('skjult')}</text>" in svg
        assert gettext("skjult") != "skjult"  # the catalogue has it
        line = charts.line_chart("l", "T", "D", [("jan", None), ("feb", 1234.5)])
        # Ticks of 250 need no decimal (core.charts._nice_axis): 1,000 the English way.
        assert f">{gettext('skjult')}<" in line and ">1,000<" in line
    with translation.override("da"):
        assert ">skjult</text>" in charts.bar_chart("c", "T", "D", items)


def test_a_message_is_the_gettext_of_its_msgid_in_the_readers_language() -> None:
    with translation.override("en"):
        assert str(HOME()) == gettext("Forside") != "Forside"
    with translation.override("da"):
        assert str(HOME()) == "Forside"


def test_message_parameters_are_written_the_readers_way() -> None:
    message = DUE(day=date(2026, 11, 23), hours=Decimal("1234.5"))
    with translation.override("en"):
        # Not in the catalogue: the Danish text, with English dates and numbers.
        assert str(message) == "Frist 23 November 2026, 1,234.5 timer"
    with translation.override("da"):
        assert str(message) == "Frist 23. november 2026, 1.234,5 timer"


def test_messages_are_stored_short_and_read_back_equal() -> None:
    message = join(DUE(day=date(2026, 11, 23), hours=74), HOME())
    stored = message.encode()
    assert len(stored) < 120 and "Forside" not in stored  # the code is stored, not the text
    assert decode(stored) == message
    with translation.override("da"):
        assert str(decode(stored)) == "Frist 23. november 2026, 74 timer Forside"


@pytest.mark.parametrize(
    "stored",
    [
        "Kontakt medarbejderen på 1. sygedag.",  # a row written before messages
        '{"m":"no.such.code"}',  # a text since removed
        '{"m": broken',
        '{"m":"test.home","p":[1,2]}',
        "",
    ],
)
def test_old_and_odd_rows_stay_readable_as_they_are(stored: str) -> None:
    assert decode(stored) == stored
    assert messages.render(decode(stored)) == stored


def test_parameters_must_be_values_that_can_be_stored() -> None:
    with pytest.raises(TypeError):
        DUE(day=object(), hours=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        DUE(day=date(2026, 1, 1), hours=True)


def test_a_code_has_one_text() -> None:
    assert text("test.home", "Forside") == HOME
    with pytest.raises(ValueError):
        text("test.home", "Noget andet")


def test_message_is_never_empty_and_renders_in_templates() -> None:
    assert bool(HOME())
    with translation.override("en"):
        assert Template("{{ m }}").render(Context({"m": HOME()})) == gettext("Forside")
    assert isinstance(decode(HOME().encode()), Message)
