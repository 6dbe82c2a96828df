"""A minimal iCalendar (RFC 5545) writer for the managers' task feed. Pure: no Django.

Only what the feed needs: a VCALENDAR with all-day VEVENTs. Written by hand (no dependency):
lines end in CRLF (RFC 5545 § 3.1), content lines longer than 75 octets are folded with CRLF and
one space, never inside a UTF-8 character, and TEXT values escape backslash, semicolon, comma and
newlines (§ 3.3.11).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

CRLF = "\r\n"
MAX_OCTETS = 75


@dataclass(frozen=True)
class Event:
    uid: str
    day: date
    summary: str
    description: str = ""


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 § 3.3.11): ``\\`` ``;`` ``,`` escaped, newlines as ``\\n``."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets (§ 3.1), continuation lines start
    with one space (which counts toward their 75). A UTF-8 character is never split."""
    pieces: list[str] = []
    current = ""
    size = 0
    limit = MAX_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1
        current += char
        size += octets
    pieces.append(current)
    return (CRLF + " ").join(pieces)


def _date(day: date) -> str:
    return day.strftime("%Y%m%d")


def calendar(events: Iterable[Event], *, name: str, stamp: datetime) -> str:
    """The whole calendar as text with CRLF line ends; ``stamp`` is a UTC time (DTSTAMP)."""
    dtstamp = stamp.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Charlie//Opfoelgning//DA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(event.uid)}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{_date(event.day)}",
            f"DTEND;VALUE=DATE:{_date(event.day + timedelta(days=1))}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
