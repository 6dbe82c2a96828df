"""Accessible SVG charts as strings (issue 4, point 3). Pure: no Django, no JavaScript.

Each chart is ``<svg role="img">`` named by its ``<title>`` and described by its ``<desc>``
(``aria-labelledby``), so a screen reader announces what it shows; the page must put the data
table beside it (the chart is a picture of that table, never the only place for a number).
Colours meet WCAG 2.1 AA on white: text #1a1a1a (17:1), bars #004993 (9:1), the reference line
#8a1c14 (9:1), grid #767676 (4.5:1). Hidden (disclosure-controlled) values draw no bar and say
"skjult". Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

TEXT = "#1a1a1a"
BAR = "#004993"
REFERENCE = "#8a1c14"
GRID = "#767676"
FONT = 'font-family="IBM Plex Sans, Arial, sans-serif" font-size="13"'


def number(value: float, digits: int = 1) -> str:
    """Danish decimal comma: 12.5 → "12,5"."""
    return f"{value:.{digits}f}".replace(".", ",")


def _head(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    t, d = f"{chart_id}-title", f"{chart_id}-desc"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" id="{escape(chart_id)}" '
        f'aria-labelledby="{escape(t)} {escape(d)}" viewBox="0 0 {width} {height}" '
        f'width="100%" {FONT}>',
        f'<title id="{escape(t)}">{escape(title)}</title>',
        f'<desc id="{escape(d)}">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _nice_max(values: Sequence[float]) -> float:
    top = max(values, default=0.0)
    if top <= 0:
        return 1.0
    for step in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if top <= step * 5:
            return step * 5
    return top * 1.1


def _ticks(top: float) -> list[float]:
    return [top * i / 5 for i in range(6)]


def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    items: Sequence[tuple[str, float | None]],
    *,
    digits: int = 1,
    reference: tuple[str, float] | None = None,
) -> str:
    """Horizontal bars, one per ``(label, value)`` in the given order; ``None`` is hidden.
    ``reference`` draws a dashed vertical line with its label (e.g. a national figure)."""
    label_w, bar_w, right, row_h, top_pad = 260, 360, 80, 26, 30
    width = label_w + bar_w + right
    height = top_pad + row_h * max(len(items), 1) + 30
    shown = [v for _, v in items if v is not None]
    top = _nice_max([*shown, *([reference[1]] if reference else [])])
    out = _head(chart_id, width, height, title, desc)

    def x(value: float) -> float:
        return label_w + bar_w * value / top

    axis_y = top_pad + row_h * max(len(items), 1)
    for tick in _ticks(top):
        out.append(
            f'<line x1="{x(tick):.1f}" y1="{top_pad - 4}" x2="{x(tick):.1f}" y2="{axis_y}" '
            f'stroke="{GRID}" stroke-width="0.5"/>'
            f'<text x="{x(tick):.1f}" y="{axis_y + 16}" text-anchor="middle" fill="{TEXT}">'
            f"{number(tick, 1 if top < 10 else 0)}</text>"
        )
    for i, (label, value) in enumerate(items):
        y = top_pad + i * row_h
        short = label if len(label) <= 38 else label[:36] + "…"
        out.append(
            f'<text x="{label_w - 8}" y="{y + row_h * 0.65:.1f}" text-anchor="end" '
            f'fill="{TEXT}">{escape(short)}</text>'
        )
        if value is None:
            out.append(
                f'<text x="{label_w + 4}" y="{y + row_h * 0.65:.1f}" fill="{TEXT}" '
                f'font-style="italic">skjult</text>'
            )
            continue
        out.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{max(x(value) - label_w, 0):.1f}" '
            f'height="{row_h - 8}" fill="{BAR}"/>'
            f'<text x="{x(value) + 4:.1f}" y="{y + row_h * 0.65:.1f}" fill="{TEXT}">'
            f"{number(value, digits)}</text>"
        )
    if reference is not None:
        rx = x(reference[1])
        out.append(
            f'<line x1="{rx:.1f}" y1="{top_pad - 6}" x2="{rx:.1f}" y2="{axis_y}" '
            f'stroke="{REFERENCE}" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{rx:.1f}" y="{top_pad - 10}" text-anchor="middle" fill="{REFERENCE}">'
            f"{escape(reference[0])}: {number(reference[1], digits)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def line_chart(
    chart_id: str,
    title: str,
    desc: str,
    points: Sequence[tuple[str, float | None]],
    *,
    digits: int = 1,
) -> str:
    """A line over time through ``(label, value)`` points in order; a hidden point (``None``)
    breaks the line and is marked "skjult" under the axis. With many points only every n-th
    is labelled (the table beside the chart has them all)."""
    left, right, top_pad, plot_h, bottom = 56, 24, 20, 220, 60
    n = max(len(points), 1)
    step = max(min(64.0, 768 / n), 12.0)
    every = max(1, -(-60 // int(step)))  # label every n-th point so labels never overlap
    width = int(left + step * n + right)
    height = top_pad + plot_h + bottom
    shown = [v for _, v in points if v is not None]
    top = _nice_max(shown)
    out = _head(chart_id, width, height, title, desc)
    base = top_pad + plot_h

    def y(value: float) -> float:
        return base - plot_h * value / top

    for tick in _ticks(top):
        out.append(
            f'<line x1="{left}" y1="{y(tick):.1f}" x2="{width - right}" y2="{y(tick):.1f}" '
            f'stroke="{GRID}" stroke-width="0.5"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{number(tick, digits)}</text>"
        )
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, (label, value) in enumerate(points):
        cx = left + step * (i + 0.5)
        if i % every == 0:
            out.append(
                f'<text x="{cx:.1f}" y="{base + 18}" text-anchor="middle" fill="{TEXT}">'
                f"{escape(label)}</text>"
            )
        if value is None:
            if step >= 40:
                out.append(
                    f'<text x="{cx:.1f}" y="{base + 36}" text-anchor="middle" fill="{TEXT}" '
                    f'font-style="italic">skjult</text>'
                )
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{cx:.1f},{y(value):.1f}")
        out.append(f'<circle cx="{cx:.1f}" cy="{y(value):.1f}" r="4" fill="{BAR}"/>')
    if segment:
        segments.append(segment)
    for seg in segments:
        if len(seg) > 1:
            out.append(
                f'<polyline points="{" ".join(seg)}" fill="none" stroke="{BAR}" '
                f'stroke-width="2.5"/>'
            )
    out.append("</svg>")
    return "".join(out)
