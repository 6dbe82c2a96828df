"""The one CPR-number detector, for every free-text value Charlie takes in. Pure: no Django.

Charlie never stores, shows or logs a CPR number (DESIGN.md principle 7; databeskyttelsesloven
§ 11, DOMAIN.md 6.5). A number can still arrive where nobody asked for one: typed into a
correction request, pasted into a phone field, or sent by a payroll file in the wrong column. So
every free-text field (names, phone, e-mail, notes, messages) and every import cell is checked
here before it is kept, and a value that holds a CPR number is refused with a message that never
repeats it.

A CPR number is ten digits: the birth date as DDMMÅÅ and a four-digit sequence number
(CPR-kontoret, "Personnummeret i CPR-systemet"). People write it in many ways, and all of these
are recognised:

* ``0101701234`` and ``010170-1234`` (the official forms);
* ``010170 - 1234``, ``010170 1234``, ``010170–1234`` (spaces, an en dash);
* ``01.01.70-1234``, ``01-01-70-1234``, ``01 01 70 1234``, ``0101 70 1234`` (the date grouped);
* with a label in front: ``CPR 0101 70 1234``, ``cpr.nr.: 010170-1234``.

Ten digits count as a CPR number only when the first six are a real date and no other digit
touches them (so a longer account number or a 12-digit EAN is not one). The date is checked with
the century the 7th digit gives, as ``charlie.imports.cpr.from_cpr`` reads it, so 29 Feb needs a
leap year. There is no modulus-11 check: numbers issued since 2007 may fail it.

Telephone numbers are not mistaken for CPR numbers: Danish ones have eight digits, and ``+45``
in front makes the "day" 45, which is no date.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["CPR_MESSAGE", "REDACTED", "contains_cpr", "redact_cpr"]

# Separators people put inside a number: spaces, dots, hyphens, dashes and slashes.
_SEP = r"[ \t.\-\u2010-\u2015/]?"
_SEP_WIDE = r"[ \t]*[\-\u2010-\u2015/]?[ \t]*"
_CANDIDATE = re.compile(
    rf"(?<![\d])(\d{{2}}){_SEP}(\d{{2}}){_SEP}(\d{{2}}){_SEP_WIDE}(\d)(\d{{3}})(?![\d])"
)


# Only marks text for ``makemessages``, as Django's own ``gettext_noop`` does (no Django here).
def gettext_noop(text: str) -> str:
    return text


#: What a CPR number is replaced by where one must be shown in its context (a log line).
REDACTED = "[CPR-nummer fjernet]"
#: The message for a form field or an import cell that holds a CPR number.
CPR_MESSAGE = gettext_noop(
    "Feltet ser ud til at indeholde et CPR-nummer. Charlie gemmer aldrig CPR-numre: "
    "fjern nummeret og prøv igen."
)


def _century(seventh: int, year: int) -> int:
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if year <= 36 else 1900
    return 2000 if year <= 57 else 1800


def _is_birth_date(day: str, month: str, year: str, seventh: str) -> bool:
    yy = int(year)
    try:
        date(_century(int(seventh), yy) + yy, int(month), int(day))
    except ValueError:
        return False
    return True


def _matches(text: str) -> list[re.Match[str]]:
    """The CPR numbers in ``text``. A candidate whose date is not real is skipped one character
    on, not past its end, so it cannot hide a real number that overlaps it."""
    found, pos = [], 0
    while (m := _CANDIDATE.search(text, pos)) is not None:
        if _is_birth_date(*m.group(1, 2, 3, 4)):
            found.append(m)
            pos = m.end()
        else:
            pos = m.start() + 1
    return found


def contains_cpr(value: object) -> bool:
    """True when ``value`` (any cell or field; non-text is read as text) holds a CPR number.

    >>> contains_cpr("CPR 0101 70 1234"), contains_cpr("+45 12 34 56 78"), contains_cpr(None)
    (True, False, False)
    """
    if value is None:
        return False
    text = value if isinstance(value, str) else str(value)
    if sum(ch.isdigit() for ch in text) < 10:
        return False  # the common case, without a regular expression
    return bool(_matches(text))


def redact_cpr(text: str) -> str:
    """``text`` with every CPR number in it replaced by ``REDACTED``."""
    if sum(ch.isdigit() for ch in text) < 10:
        return text
    out, last = [], 0
    for m in _matches(text):
        out.append(text[last : m.start()])
        out.append(REDACTED)
        last = m.end()
    out.append(text[last:])
    return "".join(out)
