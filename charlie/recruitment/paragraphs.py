"""Plain text to safe HTML for job ads and stories on the careers site. Pure: no Django.

HR writes ads and stories as plain text: a blank line starts a new paragraph, a line break
inside a paragraph is kept, and lines that start with ``-``, ``*`` or ``•`` are a bulleted
list. Nothing the writer types becomes markup: every character is escaped (``html.escape``),
so the text can hold ``<``, ``&`` or quotes and still show as written. The learning app's
Markdown (``charlie.learning.markdown``) is not reachable from here (apps use each other only
through their services); plain text also keeps the ad exactly what the language check read.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

__all__ = ["Block", "blocks", "plain", "to_html"]

_BULLET = re.compile(r"^\s*[-*•]\s+")
_BLANK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Block:
    """A paragraph (``kind`` "p": its lines) or a bulleted list ("ul": its items)."""

    kind: str
    lines: tuple[str, ...]


def blocks(text: str) -> list[Block]:
    """The paragraphs and lists of ``text`` (line endings of any kind; empty lines dropped)."""
    out: list[Block] = []
    normalised = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    for chunk in _BLANK.split(normalised):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        kind, current = "", list[str]()
        for line in lines:
            bullet = bool(_BULLET.match(line))
            line_kind = "ul" if bullet else "p"
            content = _BULLET.sub("", line, count=1) if bullet else line.strip()
            if line_kind != kind and current:
                out.append(Block(kind, tuple(current)))
                current = []
            kind = line_kind
            current.append(content)
        if current:
            out.append(Block(kind, tuple(current)))
    return out


def to_html(text: str) -> str:
    """``text`` as HTML paragraphs (``<p>``, ``<br>``) and lists (``<ul><li>``), every
    character of the text escaped."""
    parts = []
    for block in blocks(text):
        if block.kind == "ul":
            items = "".join(f"<li>{html.escape(line)}</li>" for line in block.lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append("<p>" + "<br>".join(html.escape(line) for line in block.lines) + "</p>")
    return "\n".join(parts)


def plain(text: str, *, limit: int | None = None) -> str:
    """The text on one line (paragraphs joined by spaces), cut at a word before ``limit``
    characters with "…" when longer: for a feed's summary."""
    flat = " ".join(" ".join(b.lines) for b in blocks(text))
    if limit is None or len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:")
    return cut + "…"
