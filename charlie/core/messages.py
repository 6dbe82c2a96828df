"""Texts that are kept now and read later, in the reader's language. Pure: no Django import.

A rule text built by the nightly job, an import's problem list or a task's description is read
by someone else, later, in their language, with dates and numbers written their way. So such a
text is not stored as Danish prose but as a **message**: a code from a catalogue and its
parameters (dates, numbers, words that are themselves messages). It becomes text only when it
is shown — ``str(message)`` — in the language active then (``core.language``), with dates
through ``format_date`` ("23. november 2026" / "23 November 2026") and numbers through
``format_number`` ("1.234,5" / "1,234.5").

Defining a text (in any module, pure ones included)::

    from charlie.core.language import gettext_noop as _
    from charlie.core.messages import text

    INTERVIEW_GONE = text("absence.interview.leaves", _("Medarbejderen fratræder senest %(day)s."))
    ...
    reason = INTERVIEW_GONE(day=leaves_by)            # a Message
    str(reason)                                       # rendered now, in the active language

The msgid goes through ``_`` (``gettext_noop``) so that ``makemessages`` finds it; the code is
what is stored, so a later change of the Danish wording still renders old rows. Parameters are
written ``%(name)s`` (never ``%(n)d``: a number arrives formatted, so a year is passed as a
``str``, or "2.026" would show); a literal % is ``%%`` in a text with parameters.

Storing: ``message.encode()`` is a short JSON text (``{"m": code, "p": {…}}``), read back by
:func:`decode`; :class:`charlie.core.fields.MessageField` does both for a model field. A stored
text that is not a message — a row written before messages, or free text a user typed — decodes
as itself, so old rows stay readable (in the language they were written in).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from charlie.core import formats
from charlie.core.language import gettext

type Param = str | int | float | Decimal | date | DayMonth | Message

#: code → Danish msgid, filled by :func:`text` as modules are imported.
_CATALOGUE: dict[str, str] = {}


@dataclass(frozen=True)
class DayMonth:
    """A day of a month, with or without a year — also one that does not exist (29 February
    2023): written "29. februar 2023" / "29 February 2023" (``formats.format_day_month``)."""

    day: int
    month: int
    year: int | None = None


@dataclass(frozen=True)
class Message:
    """A text to be written in the reader's language when shown: a catalogue code and its
    parameters. ``str(message)`` renders it now; equal messages compare equal."""

    code: str
    params: tuple[tuple[str, Param], ...] = field(default=())

    def __str__(self) -> str:
        return render(self)

    def __bool__(self) -> bool:
        return True

    def get(self, name: str) -> Param | None:
        """One parameter's value (None if the message has none of that name)."""
        return dict(self.params).get(name)

    def encode(self) -> str:
        """The stored form: compact JSON, read back by :func:`decode`."""
        return json.dumps(_encode(self), ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Text:
    """A text in the catalogue; call it with its parameters to get a :class:`Message`."""

    code: str
    msgid: str

    def __call__(self, **params: Param) -> Message:
        for name, value in params.items():
            if isinstance(value, bool) or not isinstance(value, _PARAM_TYPES):
                raise TypeError(f"{self.code}: parameter {name} is a {type(value).__name__}")
        return Message(self.code, tuple(sorted(params.items())))

    def __str__(self) -> str:
        return render(self())


_PARAM_TYPES = (str, int, float, Decimal, date, DayMonth, Message)


def text(code: str, msgid: str) -> Text:
    """Put ``msgid`` (Danish, marked with ``gettext_noop``) in the catalogue under ``code``."""
    known = _CATALOGUE.get(code)
    if known is not None and known != msgid:
        raise ValueError(f"message code {code!r} is already defined with another text")
    _CATALOGUE[code] = msgid
    return Text(code, msgid)


def msgid_of(code: str) -> str | None:
    """The Danish msgid of a code (None for an unknown code)."""
    return _CATALOGUE.get(code)


#: Two texts one after the other ("task. condition"): not translated, only joined.
PAIR = text("core.pair", "%(first)s %(second)s")


def join(first: Message | str, second: Message | str) -> Message | str:
    """``first`` then ``second`` with a space; ``second`` empty: ``first`` alone."""
    if not second:
        return first
    if not first:
        return second
    return PAIR(first=first, second=second)


# --- rendering -----------------------------------------------------------------------------


def _param(value: Param, language: str) -> str:
    if isinstance(value, Message):
        return render(value, language)
    if isinstance(value, datetime):
        return formats.format_datetime(value, language)
    if isinstance(value, date):
        return formats.format_date(value, language)
    if isinstance(value, DayMonth):
        return formats.format_day_month(value.day, value.month, value.year, language)
    if isinstance(value, int | float | Decimal):
        return formats.format_number(value, language=language)
    return str(value)


def render(value: Message | str | None, language: str | None = None) -> str:
    """A message in the reader's language (or ``language``'s numbers and dates); a plain
    string as it is; None as "". An unknown code (a text since removed) shows its code."""
    if value is None:
        return ""
    if not isinstance(value, Message):
        return str(value)
    lang = formats.language_of(language)
    msgid = _CATALOGUE.get(value.code)
    if msgid is None:
        return value.code
    translated = gettext(msgid)
    if not value.params:
        return translated
    values = {name: _param(param, lang) for name, param in value.params}
    try:
        return translated % values
    except (KeyError, ValueError, TypeError):
        # A translation that names a parameter the message lacks: the Danish text still works.
        return msgid % values


# --- storing -------------------------------------------------------------------------------


def _encode(value: Param) -> Any:
    if isinstance(value, Message):
        out: dict[str, Any] = {"m": value.code}
        if value.params:
            out["p"] = {name: _encode(param) for name, param in value.params}
        return out
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, Decimal):
        return {"n": str(value)}
    if isinstance(value, DayMonth):
        return {"dm": [value.day, value.month, value.year]}
    return value


def _decode(raw: Any) -> Param:
    if isinstance(raw, Mapping):
        if "m" in raw:
            params = raw.get("p") or {}
            if not isinstance(raw["m"], str) or not isinstance(params, Mapping):
                raise ValueError("not a message")
            return Message(raw["m"], tuple(sorted((k, _decode(v)) for k, v in params.items())))
        if "d" in raw:
            return date.fromisoformat(raw["d"])
        if "t" in raw:
            return datetime.fromisoformat(raw["t"])
        if "n" in raw:
            return Decimal(raw["n"])
        if "dm" in raw:
            day, month, year = raw["dm"]
            return DayMonth(int(day), int(month), None if year is None else int(year))
        raise ValueError("not a message parameter")
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise ValueError("not a message parameter")
    return raw


def decode(stored: str | Message | None) -> Message | str:
    """A stored text back as a :class:`Message`; anything else (an old row's Danish prose, a
    user's own words, a message of an unknown code) as the text itself."""
    if stored is None:
        return ""
    if isinstance(stored, Message):
        return stored
    if not stored.startswith('{"m":'):
        return stored
    try:
        message = _decode(json.loads(stored))
    except (ValueError, TypeError, KeyError):
        return stored
    if not isinstance(message, Message) or message.code not in _CATALOGUE:
        return stored
    return message


def encode(value: Message | str | None) -> str:
    """The stored form of a message, or a plain text as it is."""
    if isinstance(value, Message):
        return value.encode()
    return value or ""


def message_of(exc: BaseException) -> Message | str:
    """The message an exception was raised with (``raise ValueError(SOME_TEXT(...))``), kept as
    a message; any other exception's text as it is."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Message):
        return exc.args[0]
    return str(exc)
