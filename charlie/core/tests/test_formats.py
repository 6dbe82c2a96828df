"""core.formats: hand-worked Danish values, and parse(format(x)) == x for every number."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from charlie.core import formats


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 11, 23), "23. november 2026"),
        (date(2026, 1, 1), "1. januar 2026"),
        (date(1963, 6, 7), "7. juni 1963"),
        (date(2024, 2, 29), "29. februar 2024"),
        (datetime(2026, 3, 5, 14, 5, tzinfo=UTC), "5. marts 2026"),
    ],
)
def test_format_date(value: date, expected: str) -> None:
    assert formats.format_date(value) == expected


def test_format_date_in_english_and_unknown_languages() -> None:
    assert formats.format_date(date(2026, 11, 23), "en") == "23 November 2026"
    assert formats.format_date(date(2026, 11, 23), "en-gb") == "23 November 2026"
    assert formats.format_date(date(2026, 11, 23), "de") == "23. november 2026"
    assert formats.format_date(date(2026, 11, 23), None) == "23. november 2026"


def test_format_datetime_time_and_short_date() -> None:
    moment = datetime(2026, 12, 6, 9, 7, 3, tzinfo=UTC)
    assert formats.format_datetime(moment) == "6. december 2026 kl. 09:07"
    assert formats.format_datetime(moment, seconds=True) == "6. december 2026 kl. 09:07:03"
    assert formats.format_datetime(moment, "en") == "6 December 2026 at 09:07"
    assert formats.format_time(moment) == "09:07"
    assert formats.format_date_short(moment) == "06.12.2026"
    assert formats.format_date_short(date(1963, 6, 7)) == "07.06.1963"


def test_format_period() -> None:
    assert (
        formats.format_period(date(2026, 1, 1), date(2026, 3, 31))
        == "1. januar 2026 – 31. marts 2026"
    )
    assert formats.format_period(date(2026, 1, 1), None) == "fra 1. januar 2026"
    assert formats.format_period(date(2026, 1, 1), None, "en") == "from 1 January 2026"


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (18252, None, "18.252"),
        (19722.0, None, "19.722"),
        (1234.5, None, "1.234,5"),
        (Decimal("0.0125"), None, "0,0125"),
        (Decimal("-1234567.25"), None, "-1.234.567,25"),
        (Decimal("1E+3"), None, "1.000"),
        (0, None, "0"),
        (999, None, "999"),
        (1000, None, "1.000"),
        (2.345, 2, "2,35"),  # half away from zero, from the decimal text, not the binary float
        (-2.345, 2, "-2,35"),
        (7, 1, "7,0"),
        (1234.56, 1, "1.234,6"),
        (-0.04, 1, "0,0"),  # no "-0,0"
        (37, -2, "37"),
        (Decimal("37.00"), -2, "37"),
        (7.4, -2, "7,40"),
        (1234.4, 0, "1.234"),
        (1234.5, 0, "1.235"),
    ],
)
def test_format_number(value: Decimal | float | int, digits: int | None, expected: str) -> None:
    assert formats.format_number(value, digits) == expected


def test_counts_and_percentages() -> None:
    assert formats.format_count(18252) == "18.252"
    assert formats.format_count(1234.4) == "1.234"
    assert formats.format_percent(12.345) == "12,3 %"
    assert formats.format_percent(5, 2) == "5,00 %"
    assert formats.format_share(0.1234) == "12,3 %"


def test_non_finite_numbers_are_refused() -> None:
    with pytest.raises(ValueError):
        formats.format_number(float("nan"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", Decimal("1234.5")),
        ("-0,75", Decimal("-0.75")),
        ("19.722", Decimal("19722")),
        ("12", Decimal("12")),
        (" 1 234,5 ", Decimal("1234.5")),
        ("1\u00a0234", Decimal("1234")),
        ("\u22123,5", Decimal("-3.5")),
        ("+4", Decimal("4")),
    ],
)
def test_parse_number(text: str, expected: Decimal) -> None:
    assert formats.parse_number(text) == expected


@pytest.mark.parametrize("text", ["12.5", "1,2,3", "", "abc", "1.23,4", "1e3", "NaN", ",5"])
def test_parse_number_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        formats.parse_number(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("37.5", Decimal("37.5")),
        ("37,5", Decimal("37.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1.234", Decimal("1.234")),  # a decimal point, as files write it
    ],
)
def test_parse_number_lenient(text: str, expected: Decimal) -> None:
    assert formats.parse_number(text, lenient=True) == expected


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12, places=6
    )
)
def test_parse_reads_back_what_format_writes(value: Decimal) -> None:
    assert formats.parse_number(formats.format_number(value)) == value


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_counts_read_back(value: int) -> None:
    assert formats.parse_number(formats.format_count(value)) == value


@given(st.dates())
def test_every_date_names_its_day_month_and_year(value: date) -> None:
    day, month, year = formats.format_date(value).split(" ")
    assert day == f"{value.day}."
    assert formats.MONTHS["da"].index(month) == value.month - 1
    assert year == str(value.year)


def _render(text: str, **context: object) -> str:
    return Template(text).render(Context(context))


def test_template_filters_are_built_in() -> None:
    with translation.override("da"):
        html = _render(
            "{{ d|da_date }}|{{ t|da_datetime }}|{{ t|da_datetime:'seconds' }}|{{ n|da_count }}"
            "|{{ x|da_number:1 }}|{{ x|da_number }}|{{ h|da_number:-2 }}|{{ p|da_percent:2 }}"
            "|{{ d|da_period:e }}|{{ none|da_date|default:'–' }}|{{ none|da_number }}",
            d=date(2026, 11, 23),
            e=date(2026, 12, 6),
            t=datetime(2026, 11, 23, 13, 5, 9, tzinfo=UTC),  # 14:05:09 in Copenhagen
            n=18252,
            x=Decimal("1234.56"),
            h=Decimal("37.00"),
            p=12.345,
            none=None,
        )
    assert html == (
        "23. november 2026|23. november 2026 kl. 14:05|23. november 2026 kl. 14:05:09|18.252"
        "|1.234,6|1.234,56|37|12,35 %|23. november 2026 – 6. december 2026|–|"
    )


def test_template_dates_follow_the_language() -> None:
    with translation.override("en"):
        assert _render("{{ d|da_date }}", d=date(2026, 11, 23)) == "23 November 2026"


def test_iso_date_texts_in_rows_show_as_dates() -> None:
    with translation.override("da"):
        assert _render("{{ v|da_value }}", v="1963-06-07") == "7. juni 1963"
        assert _render("{{ v|da_value }}", v="2024-02-30") == "2024-02-30"
        assert _render("{{ v|da_value }}", v="Pædagog") == "Pædagog"
        assert _render("{{ v|da_value }}", v=37) == "37"
