"""The reader's language for the pure modules. Pure: no Django import.

Django decides the language of a request (the ``LANGUAGE`` cookie, ``LocaleMiddleware``) and
translates through gettext, but the pure domain modules — ``core.formats``, ``core.charts``,
``absence.rules``, ``workforce.pension`` — may not import Django (the *pure* contract in
``pyproject.toml``). They ask this module instead, and ``CoreConfig.ready()`` connects it to
Django (``configure(active=get_language, translate=gettext)``): the same registry pattern as
the menu and privacy's providers. Outside Django (a pure test) the language is Danish and a
text is its own translation, so the domain modules still read as Danish.

``gettext`` here is named like Django's so that ``makemessages`` finds the texts of the pure
modules: write ``from charlie.core.language import gettext as _`` and ``_("skjult")`` in the
code that renders (a chart, at the time a page is drawn). A text kept for later (stored in the
database, or built before the reader is known) is a :class:`charlie.core.messages.Message`
instead, which is translated when it is shown.
"""

from __future__ import annotations

from collections.abc import Callable

#: The languages Charlie writes (settings.LANGUAGES); any other code falls back to Danish.
LANGUAGES = ("da", "en")
DEFAULT = "da"


def _default_active() -> str | None:
    return DEFAULT


def _identity(msgid: str) -> str:
    return msgid


_active: Callable[[], str | None] = _default_active
_translate: Callable[[str], str] = _identity


def configure(
    *, active: Callable[[], str | None] | None = None, translate: Callable[[str], str] | None = None
) -> None:
    """Connect the reader's language (``active``: a code like "da" or "en-gb", or None) and the
    translation of one msgid (``translate``). ``CoreConfig.ready()`` passes Django's."""
    global _active, _translate
    if active is not None:
        _active = active
    if translate is not None:
        _translate = translate


def normalise(language: str | None) -> str:
    """ "en-gb" → "en", "da-DK" → "da"; a language Charlie does not write gets Danish."""
    code = (language or DEFAULT).split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else DEFAULT


def active() -> str:
    """The reader's language now: "da" or "en" (Danish when Django has none active)."""
    return normalise(_active())


def gettext(msgid: str) -> str:
    """``msgid`` in the reader's language now (Django's gettext once Charlie has started)."""
    return _translate(msgid)


def gettext_noop(msgid: str) -> str:
    """Marks ``msgid`` for ``makemessages`` and returns it untranslated: for a text that is
    translated later, when it is shown (a :class:`charlie.core.messages.Text`)."""
    return msgid


#: Texts Charlie writes into rows that a user may later edit (the data-use register's standard
#: texts): while a row still holds one of these, it is shown in the reader's language.
_standard_texts: set[str] = set()


def register_standard_texts(*texts: str) -> None:
    """Texts (marked with ``gettext_noop``) that Charlie seeds into editable rows."""
    _standard_texts.update(texts)


def standard_text(value: str) -> str:
    """A stored text on screen: one of Charlie's standard texts in the reader's language; a
    text someone wrote or edited as it is."""
    return gettext(value) if value in _standard_texts else value
