"""The one check of free text a user types, for every service that keeps such text.

A name, a note, a message to HR, an answer to an employee, a description: before a service keeps
it, ``text_errors`` says what is wrong with it, in Danish, without repeating it —

* longer than the field holds;
* control characters (NUL breaks PostgreSQL; a one-line field takes no line breaks either);
* a **CPR number**, in any of the ways people write one (``charlie.core.cpr``, the one
  detector): Charlie never stores a CPR number (DESIGN.md principle 7).

Services call it (``check_text`` raises ``ValidationFailed``); forms need not, because every form
goes through a service. The import checks file cells the same way (``imports.plan``).
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

from charlie.core.cpr import contains_cpr
from charlie.core.errors import ValidationFailed

__all__ = ["check_text", "text_errors"]

#: Control characters other than line breaks and tabs (those a text area may hold).
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def text_errors(
    value: str, *, what: str, max_length: int | None = None, multiline: bool = False
) -> list[str]:
    """Danish errors for a free text (``what`` names it: »Beskeden«, »Notatet«); [] if it may
    be kept. Never repeats the text."""
    errors = []
    if max_length is not None and len(value) > max_length:
        errors.append(
            _("%(what)s må højst være %(max)d tegn, men er %(n)d tegn. Gør teksten kortere.")
            % {"what": what, "max": max_length, "n": len(value)}
        )
    control = _CONTROL_MULTILINE if multiline else _CONTROL_ONE_LINE
    if control.search(value):
        errors.append(
            _("%(what)s indeholder ugyldige tegn. Skriv teksten igen uden at indsætte den.")
            % {"what": what}
        )
    if contains_cpr(value):
        errors.append(
            _(
                "%(what)s ser ud til at indeholde et CPR-nummer. Charlie gemmer aldrig "
                "CPR-numre: fjern nummeret, og prøv igen."
            )
            % {"what": what}
        )
    return errors


def check_text(
    value: str | None,
    *,
    what: str,
    max_length: int | None = None,
    multiline: bool = False,
    required: bool = False,
) -> str:
    """The text stripped, or ``ValidationFailed`` with ``text_errors`` (and "skal udfyldes"
    when ``required`` and empty)."""
    text = (value or "").strip()
    if required and not text:
        raise ValidationFailed([_("%(what)s skal udfyldes.") % {"what": what}])
    errors = text_errors(text, what=what, max_length=max_length, multiline=multiline)
    if errors:
        raise ValidationFailed(errors)
    return text


def danish_slug(text: str, *, fallback: str, max_length: int = 200) -> str:
    """A stable ASCII slug of a Danish text for an address or a key: æ → ae, ø → oe, å → aa,
    other accents dropped, every other run of characters a hyphen ("Pædagog til Børnehuset" →
    "paedagog-til-boernehuset"); ``fallback`` when nothing is left."""
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:max_length].strip("-") or fallback
