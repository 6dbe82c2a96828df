"""Lessons in Markdown, rendered to safe HTML (issue 14, point 2). Pure: no Django.

HR writes lessons in CommonMark with tables. Nothing in the source is trusted:

- raw HTML is not rendered at all (markdown-it ``html=False``: it is shown as text), and the
  rendered HTML is sanitised again with ``nh3`` (ammonia) allowing only the tags a lesson needs:
  headings, paragraphs, lists, emphasis, links, images, quotes, code and tables;
- links go only to ``http(s):``, ``mailto:`` or a relative address, and open with
  ``rel="noopener noreferrer"``; ``javascript:``, ``data:`` and every other scheme are dropped;
- a lesson's headings sit under the page's title: ``#`` gives ``h2``, ``##`` ``h3`` and so on;
- images are only the module's own, written ``![alternativ tekst](billede:ID)`` and rewritten to
  the address the caller gives (the Content-Security-Policy allows images from Charlie only).
  Any other image source is dropped and its alternative text shown instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import nh3
from markdown_it import MarkdownIt

__all__ = ["ALLOWED_TAGS", "image_ids", "render"]

ALLOWED_TAGS = frozenset(
    {
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr",
        "ul", "ol", "li", "em", "strong", "a", "img", "blockquote", "code", "pre",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip

_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
_SCHEMES = {"http", "https", "mailto"}
_IMAGE = re.compile(r"^billede:(\d{1,10})$")

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    "table"
)


def image_ids(source: str) -> set[int]:
    """The ids of the module images a lesson refers to (``billede:ID``)."""
    ids: set[int] = set()
    for token in _md.parse(source or ""):
        for child in token.children or ():
            if child.type == "image":
                found = _IMAGE.match(str(child.attrs.get("src", "")))
                if found:
                    ids.add(int(found.group(1)))
    return ids


def render(
    source: str,
    image_url: Callable[[int], str | None] = lambda image_id: None,
) -> str:
    """Safe HTML for a lesson. ``image_url(id)`` gives the address of the module's image ``id``
    (``None`` when the module has no such image: the image is dropped, its text kept)."""
    tokens = _md.parse(source or "")
    allowed_images: set[str] = set()
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            # The page's own heading is the lesson's title (h1): "#" in a lesson is an h2.
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
        for child in token.children or ():
            if child.type != "image":
                continue
            found = _IMAGE.match(str(child.attrs.get("src", "")))
            url = image_url(int(found.group(1))) if found else None
            if url:
                child.attrs["src"] = url
                allowed_images.add(url)
            else:
                # An unknown or external image: show its alternative text as plain text.
                child.type = "text"
                child.tag = ""
                child.content = "".join(c.content for c in child.children or ()) or child.content
                child.children = None
                child.attrs = {}
    html = _md.renderer.render(tokens, _md.options, {})
    return _clean(html, allowed_images)


def _clean(html: str, allowed_images: Iterable[str]) -> str:
    images = frozenset(allowed_images)

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            return value if value in images else None
        if tag in {"th", "td"} and attribute == "align":
            return value if value in {"left", "right", "center"} else None
        if tag == "ol" and attribute == "start":
            return value if value.isdigit() else None
        return value

    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        attribute_filter=keep,
        url_schemes=set(_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
