"""Template filters for ``core.formats``: the one Danish style for dates and numbers on screen.

A built-in library (``TEMPLATES["OPTIONS"]["builtins"]`` in settings), so every template has
them without ``{% load %}``::

    {{ spell.first_day|da_date }}          23. november 2026
    {{ entry.at|da_datetime }}             23. november 2026 kl. 14:05
    {{ entry.at|da_datetime:"seconds" }}   23. november 2026 kl. 14:05:09
    {{ start|da_period:end }}              1. januar 2026 – 31. marts 2026
    {{ total|da_count }}                   18.252
    {{ fte|da_number:1 }}                  1.234,5
    {{ hours|da_number:-2 }}               37 or 7,40
    {{ value|da_number }}                  as many decimals as it has
    {{ percent|da_percent:2 }}             12,35 %
    {{ "1963-06-07"|da_value }}            7. juni 1963 (ISO date texts in JSON-able rows)
    {{ problem.message|message }}          a stored message (core.messages) in the reader's
                                           language; plain text as it is
    {{ purpose.description|standard_text }} one of Charlie's seeded texts (still unedited) in
                                           the reader's language; an edited text as it is

The dates and numbers follow the active language ("23 November 2026", "1,234.5" in English):
the filters keep their ``da_`` names, which are older than the English interface.

Empty values (None, "") give "", so ``|default:"–"`` works after them. Machine values (the
``datetime`` attribute of ``<time>``, ``data-count``) are written raw or with ``|date:"c"``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from charlie.core import formats, language, messages

register = template.Library()

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _local(value: date) -> date:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter(expects_localtime=True)
def da_date(value: date | None) -> str:
    if value in (None, ""):
        return ""
    return formats.format_date(_local(value), get_language())  # type: ignore[arg-type]


@register.filter(expects_localtime=True)
def da_datetime(value: datetime | None, arg: str = "") -> str:
    if value in (None, ""):
        return ""
    moment = _local(value)
    if not isinstance(moment, datetime):
        return formats.format_date(moment, get_language())  # type: ignore[arg-type]
    return formats.format_datetime(moment, get_language(), seconds=arg == "seconds")


@register.filter(expects_localtime=True)
def da_period(start: date | None, end: date | None) -> str:
    if start in (None, ""):
        return ""
    return formats.format_period(_local(start), _local(end) if end else None, get_language())  # type: ignore[arg-type]


def _number(value: object) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except ArithmeticError:
        return None
    return number if number.is_finite() else None


@register.filter
def da_number(value: object, digits: int | str | None = None) -> str:
    number = _number(value)
    if number is None:
        return ""
    places = None if digits in (None, "") else int(digits)  # type: ignore[arg-type]
    return formats.format_number(number, places)


@register.filter
def da_count(value: object) -> str:
    number = _number(value)
    return "" if number is None else formats.format_count(number)


@register.filter
def da_percent(value: object, digits: int | str = 1) -> str:
    number = _number(value)
    return "" if number is None else formats.format_percent(number, int(digits))


@register.filter
def da_value(value: object) -> object:
    """A value from JSON-able rows (Mine data): an ISO date text ("1963-06-07") as a date on
    screen ("7. juni 1963"); anything else as it is."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return da_date(date.fromisoformat(value))
        except ValueError:
            return value
    return value


@register.filter
def message(value: object) -> str:
    """A message kept as its code (``core.messages``: an import's problem, a stored rule text)
    written in the reader's language; plain text (an old row) as it is; None as ""."""
    if value is None:
        return ""
    if isinstance(value, messages.Message):
        return str(value)
    return messages.render(messages.decode(str(value)))


@register.filter
def standard_text(value: object) -> str:
    """A stored text that may still be one of Charlie's seeded standard texts (the data-use
    register's, ``core.language.register_standard_texts``): then in the reader's language;
    otherwise — edited by the kommune — as written."""
    if value is None:
        return ""
    return language.standard_text(str(value))
