"""Numbers, dates, periods and counts written the reader's way. Pure: no Django.

Every screen, PDF, chart and message shows these through this module (templates through the
filters in ``core/templatetags/formats.py``), so Charlie writes one style everywhere. Each
function follows the reader's language (``core.language.active()``, Django's active language
once Charlie has started; ``language="en"`` asks for one explicitly):

- **Dates** on screen: ``23. november 2026`` / ``23 November 2026`` (``format_date``); with a
  time ``23. november 2026 kl. 14:05`` / ``23 November 2026 at 14:05`` (``format_datetime``).
  In plain text where columns line up (e-mail lists, command output): ``23.11.2026``
  (``format_date_short``, the same in both languages).
- **Numbers**: Danish decimal comma and thousands point, ``1.234,5``; English ``1,234.5``
  (``format_number``); counts of people or rows as whole numbers, ``18.252`` / ``18,252``
  (``format_count``); percentages ``12,3 %`` / ``12.3%`` (``format_percent``).
- **Input** the user types: ``parse_number`` reads the reader's way — ``1.234,5``, ``-0,75``,
  ``19.722`` in Danish; ``1,234.5``, ``37.5`` in English, where a Danish decimal comma that
  cannot be English (``37,5``, ``1.234,5``) is read too. ``parse_number(text, lenient=True)``
  is for files and fields where both are common and does not depend on the language: it reads
  a decimal point (``37.5``, ``1,234.5``) and Danish numbers.

Machine formats stay ISO on purpose and do not use this module: CSV and Excel cells, the API,
iCalendar, ``<time datetime>`` and ``data-*`` attributes.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from charlie.core import language as _reader

MONTHS: dict[str, tuple[str, ...]] = {
    "da": (
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
#: The word before a time of day: "kl. 14:05", "at 14:05".
_AT = {"da": "kl.", "en": "at"}

NumberLike = Decimal | float | int

_SPACES = str.maketrans({" ": "", "\u00a0": "", "\u202f": "", "\u2009": "", "\u2212": "-"})
#: Digits with optional thousands points in groups of three, then an optional decimal comma.
_DANISH = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")
#: What ``lenient`` adds: a plain decimal point, or thousands commas before a decimal point.
_POINT = re.compile(r"[+-]?\d+(?:\.\d+)?")
_THOUSANDS_COMMA = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


#: Thousands and decimal separators by language.
_SEPARATORS = {"da": (".", ","), "en": (",", ".")}
#: English digits with optional thousands commas, then an optional decimal point.
_ENGLISH = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def language_of(language: str | None = None) -> str:
    """ "da-dk" → "da"; None → the reader's language now (``core.language.active``); a
    language without its own month names gets Danish."""
    if language is None:
        return _reader.active()
    return _reader.normalise(language)


# --- dates ---------------------------------------------------------------------------------


def format_date(value: date, language: str | None = None) -> str:
    """The date style on screen: 2026-11-23 → "23. november 2026" ("23 November 2026" in
    English). A ``datetime`` shows its date (convert it to local time first)."""
    lang = language_of(language)
    month = MONTHS[lang][value.month - 1]
    if lang == "en":
        return f"{value.day} {month} {value.year}"
    return f"{value.day}. {month} {value.year}"


def format_day_month(
    day: int, month: int, year: int | None = None, language: str | None = None
) -> str:
    """A day of a month, with or without a year, even one that does not exist (a birthday in a
    year without it): (29, 2) → "29. februar" ("29 February"); (29, 2, 2023) → "29. februar
    2023"."""
    lang = language_of(language)
    name = MONTHS[lang][month - 1]
    text = f"{day} {name}" if lang == "en" else f"{day}. {name}"
    return text if year is None else f"{text} {year}"


def format_datetime(value: datetime, language: str | None = None, *, seconds: bool = False) -> str:
    """A moment in local time: "23. november 2026 kl. 14:05" (``seconds``: "kl. 14:05:09")."""
    clock = f"{value.hour:02d}:{value.minute:02d}"
    if seconds:
        clock += f":{value.second:02d}"
    return f"{format_date(value, language)} {_AT[language_of(language)]} {clock}"


def format_time(value: datetime) -> str:
    """A time of day: "14:05"."""
    return f"{value.hour:02d}:{value.minute:02d}"


def format_date_short(value: date) -> str:
    """The compact form for plain text that lines up in columns: "23.11.2026"."""
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def format_period(start: date, end: date | None, language: str | None = None) -> str:
    """A period, both ends included: "1. januar 2026 – 31. marts 2026"; no end: "fra 1.
    januar 2026" ("from 1 January 2026")."""
    if end is None:
        word = "from" if language_of(language) == "en" else "fra"
        return f"{word} {format_date(start, language)}"
    return f"{format_date(start, language)} – {format_date(end, language)}"


# --- numbers -------------------------------------------------------------------------------


def _group(whole: str, separator: str = ".") -> str:
    """ "1234567" → "1.234.567" ("1,234,567" with ``separator=","``)."""
    head = len(whole) % 3 or 3
    groups = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
    return separator.join(groups)


def format_number(
    value: NumberLike, digits: int | None = None, *, language: str | None = None
) -> str:
    """A number the reader's way: Danish with a thousands point and a decimal comma
    ("1.234,5"), English with a thousands comma and a decimal point ("1,234.5").

    ``digits=None``: as many decimals as the value has, no trailing zeros, so
    ``parse_number`` reads back the same value: 19722.0 → "19.722", 1234.5 → "1.234,5",
    0.0125 → "0,0125". ``digits=n``: rounded half away from zero to n decimals: (2.345, 2) →
    "2,35", (7, 1) → "7,0". ``digits=-n``: like n, but a whole number shows no decimals:
    (37, -2) → "37", (7.4, -2) → "7,40" (Django's ``floatformat`` with a negative argument)."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    if digits is None:
        number = number.normalize()
    else:
        places = abs(digits)
        rounded = number.quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")
        if digits < 0 and rounded == rounded.to_integral_value():
            places = 0
            rounded = rounded.quantize(Decimal(1), rounding="ROUND_HALF_UP")
        number = rounded
    text = format(abs(number), "f")
    whole, _sep, decimals = text.partition(".")
    negative = number < 0 and any(c not in "0." for c in text)  # no "-0"
    thousands, point = _SEPARATORS[language_of(language)]
    return (
        ("-" if negative else "")
        + _group(whole, thousands)
        + (point + decimals if decimals else "")
    )


def format_count(value: NumberLike, *, language: str | None = None) -> str:
    """A count, rounded to a whole number: 18252 → "18.252" ("18,252"), 1234.4 → "1.234"."""
    return format_number(value, 0, language=language)


def format_percent(value: NumberLike, digits: int = 1, *, language: str | None = None) -> str:
    """Percentage points: (12.345, 1) → "12,3 %" in Danish (a space before the sign),
    "12.3%" in English."""
    shown = format_number(value, digits, language=language)
    return f"{shown}%" if language_of(language) == "en" else f"{shown} %"


def format_share(value: NumberLike, digits: int = 1, *, language: str | None = None) -> str:
    """A share (0–1) as a percentage: 0.1234 → "12,3 %" ("12.3%")."""
    return format_percent(Decimal(str(value)) * 100, digits, language=language)


def parse_number(text: str, *, lenient: bool = False, language: str | None = None) -> Decimal:
    """A number written the reader's way as a ``Decimal``: Danish "1.234,5", "-0,75",
    "19.722", "12"; English "1,234.5", "37.5", "19,722" — and there also a Danish number
    that cannot be read as English ("37,5", "1.234,5").

    Spaces (also non-breaking and thin ones) are ignored; "−" counts as a minus. ``lenient``
    also reads a decimal point ("37.5") and thousands commas before one ("1,234.5"), as files
    from Excel and payroll systems write them; there a point before exactly three digits
    ("1.234") is a decimal point, as in those files, not a thousands point. Raises
    ``ValueError`` (without a message for the user: the caller says what it expected) for
    anything else. ``lenient`` does not depend on the language (files are the same whoever
    uploads them)."""
    cleaned = text.translate(_SPACES)
    if lenient and _POINT.fullmatch(cleaned):
        normalised = cleaned
    elif not lenient and language_of(language) == "en" and _ENGLISH.fullmatch(cleaned):
        normalised = cleaned.replace(",", "")
    elif _DANISH.fullmatch(cleaned):
        normalised = cleaned.replace(".", "").replace(",", ".")
    elif lenient and _THOUSANDS_COMMA.fullmatch(cleaned):
        normalised = cleaned.replace(",", "")
    else:
        raise ValueError("not a Danish number")
    try:
        return Decimal(normalised)
    except InvalidOperation as exc:  # pragma: no cover - the patterns admit only numbers
        raise ValueError("not a Danish number") from exc
