"""The careers site's Atom feed (RFC 4287) of open jobs. Pure: no Django.

One ``<entry>`` per open job, newest first: its address is its ``id`` and ``link``, the
summary is plain text, ``published`` is when the ad went up and ``updated`` when it last
changed. The feed's ``updated`` is the newest entry's (or the time given when there is none).
Written with ``xml.etree``, so every text is escaped; the Atom namespace is the default one
(declared on the root, the elements written without a prefix).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

__all__ = ["ATOM", "Entry", "Feed", "atom"]

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    updated: datetime
    summary: str = ""
    published: datetime | None = None
    category: str = ""


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    link: str  # the page the feed is about (rel="alternate")
    self_link: str  # the feed's own address (rel="self")
    author: str
    updated: datetime  # used when there are no entries
    subtitle: str = ""
    language: str = "da"


def _stamp(value: datetime) -> str:
    """RFC 3339, as Atom requires: with a UTC offset, no fraction of a second."""
    if value.tzinfo is None:
        raise ValueError("Atom dates need a time zone")
    return value.replace(microsecond=0).isoformat()


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def atom(feed: Feed, entries: Sequence[Entry]) -> bytes:
    """The feed as UTF-8 XML with its declaration."""
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": feed.language})
    _add(root, "id", feed.id)
    _add(root, "title", feed.title)
    if feed.subtitle:
        _add(root, "subtitle", feed.subtitle)
    newest = max((e.updated for e in entries), default=feed.updated)
    _add(root, "updated", _stamp(newest))
    _add(root, "link", rel="alternate", type="text/html", href=feed.link)
    _add(root, "link", rel="self", type="application/atom+xml", href=feed.self_link)
    author = _add(root, "author")
    _add(author, "name", feed.author)
    for entry in entries:
        item = _add(root, "entry")
        _add(item, "id", entry.id)
        _add(item, "title", entry.title)
        _add(item, "link", rel="alternate", type="text/html", href=entry.link)
        if entry.published is not None:
            _add(item, "published", _stamp(entry.published))
        _add(item, "updated", _stamp(entry.updated))
        if entry.category:
            _add(item, "category", term=entry.category)
        if entry.summary:
            _add(item, "summary", entry.summary, type="text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
