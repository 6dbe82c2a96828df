"""Reading DKFDS tables in assertions: ``table_rows(html, caption=...)`` → lists of cell texts.

A cell's text is its visible text and that of its children (a hidden cell reads "–skjult": the
dash and the screen-reader word), with runs of white space made one space. Header cells count
as cells, so the first row of a table with a ``<thead>`` is its column headings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Table:
    id: str
    caption: str
    rows: list[list[str]] = field(default_factory=list)

    def by_label(self) -> dict[str, list[str]]:
        """The rows by their first cell, each with the cells after it."""
        return {row[0]: row[1:] for row in self.rows if row}


def _text(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self._open: list[Table] = []  # nested tables
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            table = Table(id=dict(attrs).get("id") or "", caption="")
            self.tables.append(table)
            self._open.append(table)
        elif not self._open:
            return
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._open[-1].rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if not self._open:
            return
        table = self._open[-1]
        if tag in ("td", "th") and self._cell is not None:
            if not table.rows:
                table.rows.append([])
            table.rows[-1].append(_text(self._cell))
            self._cell = None
        elif tag == "caption" and self._caption is not None:
            table.caption = _text(self._caption)
            self._caption = None
        elif tag == "table":
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._caption is not None:
            self._caption.append(data)


def tables(html: str | bytes) -> list[Table]:
    """Every table of the page, in document order."""
    parser = _Parser()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return parser.tables


def find_table(html: str | bytes, *, caption: str | None = None, id: str | None = None) -> Table:
    """The one table whose caption contains ``caption`` (or whose id is ``id``)."""
    found = [
        t
        for t in tables(html)
        if (caption is None or caption in t.caption) and (id is None or t.id == id)
    ]
    if len(found) != 1:
        names = [(t.id, t.caption) for t in tables(html)]
        raise AssertionError(f"{len(found)} tables match caption={caption!r} id={id!r}: {names}")
    return found[0]


def table_rows(
    html: str | bytes, *, caption: str | None = None, id: str | None = None
) -> list[list[str]]:
    """The rows of the one table matching ``caption``/``id``, each a list of cell texts."""
    return find_table(html, caption=caption, id=id).rows
