"""The managers' task feed as iCalendar (RFC 5545), written with the ``icalendar`` package.
Pure: no Django.

A VCALENDAR of all-day VEVENTs, one per open task (a date, a summary, the legal basis as the
description), transparent so they do not block the manager's time. The package folds long
lines, escapes TEXT values and ends lines with CRLF.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import icalendar

PRODID = "-//Charlie//Opfoelgning//DA"


@dataclass(frozen=True)
class Event:
    uid: str
    day: date
    summary: str
    description: str = ""


def calendar(events: Iterable[Event], *, name: str, stamp: datetime) -> str:
    """The whole calendar as text with CRLF line ends; ``stamp`` is a UTC time (DTSTAMP)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for event in events:
        vevent = icalendar.Event()
        vevent.add("uid", event.uid)
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", event.day)
        vevent.add("dtend", event.day + timedelta(days=1))
        vevent.add("summary", event.summary)
        if event.description:
            vevent.add("description", event.description)
        vevent.add("transp", "TRANSPARENT")
        cal.add_component(vevent)
    return cal.to_ical().decode("utf-8")
