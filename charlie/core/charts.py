"""Accessible SVG charts as strings, shared by every app (DESIGN.md: ``core`` holds the charts).
Pure: no Django, no JavaScript. First written for the absence dashboard.

Each chart is ``<svg role="img">`` named by its ``<title>`` and described by its ``<desc>``
(``aria-labelledby``), so a screen reader announces what it shows; the title is also written
above the plot, so everyone sees what the chart is. The page must put the data table beside it
(the chart is a picture of that table, never the only place for a number). A chart has its own
size in px and is never scaled down to fit, so its text stays at 13 px (WCAG asks for text that
can be read; issue 12 asks for at least 12 px): the page puts it in a ``charlie-chart`` box that
scrolls sideways on a narrow screen, like a wide table.
Public bodies' web pages must meet WCAG 2.1 AA (lov nr. 692 af 8. juni 2018 via EN 301 549;
DOMAIN.md 9.1), so colours are checked against white (#ffffff), contrast ratio by WCAG 2.1's
relative-luminance formula: text #1a1a1a (17.4:1, SC 1.4.3 asks 4.5:1), bars #004993 (8.8:1),
the reference line #8a1c14 (9.3:1), grid #767676 (4.5:1); SC 1.4.11 asks 3:1 for graphics.
Hidden (disclosure-controlled, DESIGN.md principle 3) values draw nothing and, where there is
room, say "skjult" ("hidden": translated when the chart is drawn, ``core.language``). Numbers
follow the reader's language (``core.formats``). Every text is escaped.

``band_chart`` draws several series over years: lines with an uncertainty band, or grouped bars.
Series differ by colour *and* by dash pattern and marker (lines) or fill pattern (bars), so the
legend can be read without seeing colour (WCAG 2.1 SC 1.4.1).

Why Charlie draws its own charts instead of using Altair + vl-convert:
docs/decisions/0018-charts-are-charlies-own-svg.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from charlie.core.formats import format_number
from charlie.core.language import gettext as _

TEXT = "#1a1a1a"
BAR = "#004993"
REFERENCE = "#8a1c14"
GRID = "#767676"
#: Charts are drawn at their own size (``width``/``height`` in px, never scaled to fit), so this
#: is the size on screen: no text is below 12 px (the page lets a wide chart scroll in its box).
FONT_SIZE = 13
FONT = f'font-family="IBM Plex Sans, Arial, sans-serif" font-size="{FONT_SIZE}"'
#: The visible title above the plot (the same text as the accessible ``<title>``), wrapped to
#: the chart's width.
TITLE_SIZE = 16
_TITLE_LINE = 22


def number(value: float, digits: int = 1) -> str:
    """A chart label the reader's way (``core.formats``): 12.5 → "12,5", 45000 → "45.000,0"
    ("12.5", "45,000.0" in English)."""
    return format_number(value, digits)


def _title_lines(title: str, width: int) -> list[str]:
    """The title broken into lines that fit ``width`` (an average glyph is about 0.55 em)."""
    room = max(12, int((width - 16) / (TITLE_SIZE * 0.55)))
    lines: list[str] = []
    for word in title.split():
        if lines and len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _head(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    """The ``<svg>`` at its own size in px, named by its title and description, with the title
    also shown above the plot; the plot (``height`` high) follows in a group moved down below
    the title, which ``_foot`` closes."""
    t, d = f"{chart_id}-title", f"{chart_id}-desc"
    lines = _title_lines(title, width)
    offset = 8 + _TITLE_LINE * len(lines)
    total = height + offset
    shown = "".join(
        f'<tspan x="8" dy="{_TITLE_LINE if i else 0}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" id="{escape(chart_id)}" '
        f'aria-labelledby="{escape(t)} {escape(d)}" viewBox="0 0 {width} {total}" '
        f'width="{width}" height="{total}" {FONT}>',
        f'<title id="{escape(t)}">{escape(title)}</title>',
        f'<desc id="{escape(d)}">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{total}" fill="#ffffff"/>',
        f'<text class="chart-title" x="8" y="{_TITLE_LINE - 2}" font-size="{TITLE_SIZE}" '
        f'font-weight="600" fill="{TEXT}">{shown}</text>',
        f'<g transform="translate(0 {offset})">',
    ]


def _foot() -> str:
    return "</g></svg>"


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
    shown = [v for _label, v in items if v is not None]
    ticks, decimals = _nice_axis(
        max([*shown, *([reference[1]] if reference else [])], default=0), digits
    )
    top = ticks[-1]
    out = _head(chart_id, width, height, title, desc)

    def x(value: float) -> float:
        return label_w + bar_w * value / top

    axis_y = top_pad + row_h * max(len(items), 1)
    for tick in ticks:
        out.append(
            f'<line x1="{x(tick):.1f}" y1="{top_pad - 4}" x2="{x(tick):.1f}" y2="{axis_y}" '
            f'stroke="{GRID}" stroke-width="0.5"/>'
            f'<text class="x-tick" x="{x(tick):.1f}" y="{axis_y + 16}" text-anchor="middle" '
            f'fill="{TEXT}">'
            f"{number(tick, decimals)}</text>"
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
                f'font-style="italic">{escape(_("skjult"))}</text>'
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
    out.append(_foot())
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
    shown = [v for _label, v in points if v is not None]
    ticks, decimals = _nice_axis(max(shown, default=0), digits)
    top = ticks[-1]
    out = _head(chart_id, width, height, title, desc)
    base = top_pad + plot_h

    def y(value: float) -> float:
        return base - plot_h * value / top

    for tick in ticks:
        out.append(
            f'<line x1="{left}" y1="{y(tick):.1f}" x2="{width - right}" y2="{y(tick):.1f}" '
            f'stroke="{GRID}" stroke-width="0.5"/>'
            f'<text class="y-tick" x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
            f'fill="{TEXT}">'
            f"{number(tick, decimals)}</text>"
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
                    f'font-style="italic">{escape(_("skjult"))}</text>'
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
    out.append(_foot())
    return "".join(out)


#: Colours of ``band_chart``'s series, in order, with their contrast against white (WCAG 2.1
#: SC 1.4.11 asks 3:1 for graphics): blue 8.8:1, orange 5.5:1, teal 5.6:1, purple 8.6:1. Colour is
#: never the only cue (SC 1.4.1): lines also differ by dash pattern and marker, bars by fill.
SERIES_COLOURS = ("#004993", "#b34700", "#00756f", "#6f2c91")
#: Solid, dashed, dotted, dash-dot.
_DASHES = ("", "8 4", "2 3", "10 3 2 3")
_MARKERS = ("circle", "square", "triangle", "diamond")
#: The band's fill is a light tint, too faint for 3:1 on its own; its edges are drawn as thin
#: lines in the full series colour, which carry the contrast (SC 1.4.11).
_BAND_OPACITY = 0.2
MAX_SERIES = len(SERIES_COLOURS)
KINDS = ("line", "bars")


@dataclass(frozen=True)
class Series:
    """One series of a ``band_chart``: one value per x (``None`` = hidden by disclosure
    control, DESIGN.md principle 3: drawn as a gap, never as 0).

    ``low`` and ``high`` (both or neither) give an uncertainty band, e.g. the 10th and 90th
    percentile of a projection: a tinted band around a line, a whisker on a bar. ``band_label``
    names it in the legend (e.g. "P10–P90"); empty gives "<label>: usikkerhedsbånd".
    """

    label: str
    values: Sequence[float | None]
    low: Sequence[float | None] | None = None
    high: Sequence[float | None] | None = None
    kind: str = "line"
    band_label: str = ""

    @property
    def has_band(self) -> bool:
        return self.low is not None and self.high is not None

    def band_legend(self) -> str:
        return self.band_label or _("%(series)s: usikkerhedsbånd") % {"series": self.label}


def _checked(value: float | None, what: str) -> float | None:
    if value is None:
        return None
    number_ = float(value)
    if not math.isfinite(number_) or number_ < 0:
        raise ValueError(
            f"{what} is {value!r}; band_chart draws finite values ≥ 0 (its y axis starts at 0), "
            "and None for a hidden value"
        )
    return number_


def _validate(
    x_labels: Sequence[str], series: Sequence[Series]
) -> list[tuple[list[float | None], list[float | None], list[float | None]]]:
    """Values, lows and highs of each series as checked floats (``None`` where hidden or
    where a series has no band). Raises ``ValueError`` for what cannot be drawn honestly."""
    n = len(x_labels)
    if n == 0:
        raise ValueError("band_chart needs at least one x value")
    if not 1 <= len(series) <= MAX_SERIES:
        raise ValueError(f"band_chart draws 1 to {MAX_SERIES} series, not {len(series)}")
    out = []
    for s in series:
        if s.kind not in KINDS:
            raise ValueError(f"series {s.label!r}: kind must be one of {KINDS}, not {s.kind!r}")
        if (s.low is None) != (s.high is None):
            raise ValueError(f"series {s.label!r}: give both low and high for a band, or neither")
        for name, seq in (("values", s.values), ("low", s.low), ("high", s.high)):
            if seq is not None and len(seq) != n:
                raise ValueError(
                    f"series {s.label!r}: {len(seq)} {name} for {n} x values; give one per x"
                )
        values = [_checked(v, f"{s.label!r} value {i}") for i, v in enumerate(s.values)]
        lows: list[float | None] = [None] * n
        highs: list[float | None] = [None] * n
        if s.low is not None and s.high is not None:
            lows = [_checked(v, f"{s.label!r} low {i}") for i, v in enumerate(s.low)]
            highs = [_checked(v, f"{s.label!r} high {i}") for i, v in enumerate(s.high)]
            for i, (lo, hi) in enumerate(zip(lows, highs, strict=True)):
                if lo is not None and hi is not None and lo > hi:
                    raise ValueError(f"series {s.label!r}: low {lo} > high {hi} at x {i}")
        out.append((values, lows, highs))
    return out


def _nice_axis(top: float, digits: int) -> tuple[list[float], int]:
    """Ticks from 0 to a round number at or above ``top`` (at most 5 intervals, a step of
    1, 2, 2.5 or 5 × 10^k) and the decimals the tick labels need. A step never has more
    decimals than the values (``digits``), so counts get whole-number ticks; an all-zero chart
    gets 0 … 5 × 10^-digits."""
    digits = max(digits, 0)
    if top <= 0:
        top = 5 * 10.0**-digits
    raw = top / 5
    exponent = math.floor(math.log10(raw))
    while True:
        for m in (1.0, 2.0, 2.5, 5.0):
            step = m * 10.0**exponent
            decimals = max(0, (1 if m == 2.5 else 0) - exponent)
            if step >= raw * (1 - 1e-9) and decimals <= digits:
                intervals = max(1, math.ceil(top / step - 1e-9))
                return [round(i * step, 10) for i in range(intervals + 1)], decimals
        exponent += 1


def _label_every(step: float, x_labels: Sequence[str]) -> int:
    """Label every 1st, 2nd, 5th, 10th … x so that labels never overlap; every x keeps its
    data point and tick mark (the table beside the chart has every label)."""
    needed = 7.5 * max(len(label) for label in x_labels) + 10
    every = 1
    for every in (1, 2, 5, 10, 20, 50, 100):
        if every * step >= needed:
            break
    return every


def _marker(shape: str, x: float, y: float, colour: str, tip: str = "") -> str:
    title = f"<title>{escape(tip)}</title>" if tip else ""
    common = f'fill="{colour}" stroke="#ffffff" stroke-width="1" class="marker"'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" {common}>{title}</circle>'
    if shape == "square":
        return (
            f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" {common}>'
            f"{title}</rect>"
        )
    if shape == "triangle":
        points = f"{x:.1f},{y - 5:.1f} {x + 4.5:.1f},{y + 3.5:.1f} {x - 4.5:.1f},{y + 3.5:.1f}"
    else:  # diamond
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
    return f'<polygon points="{points}" {common}>{title}</polygon>'


def _bar_fill(chart_id: str, index: int) -> str:
    return SERIES_COLOURS[index] if index == 0 else f"url(#{escape(chart_id)}-fill-{index})"


def _bar_patterns(chart_id: str, indexes: Sequence[int]) -> str:
    """Fill patterns for bar series after the first: stripes one way, stripes the other way,
    dots; on white, so each bar's pattern shows without its colour (WCAG 2.1 SC 1.4.1)."""
    out = []
    for index in indexes:
        if index == 0:
            continue
        colour = SERIES_COLOURS[index]
        if index == 3:
            shape = f'<circle cx="3" cy="3" r="1.8" fill="{colour}"/>'
            transform = ""
        else:
            shape = f'<rect x="0" y="0" width="3" height="6" fill="{colour}"/>'
            transform = f' patternTransform="rotate({45 if index == 1 else -45})"'
        out.append(
            f'<pattern id="{escape(chart_id)}-fill-{index}" width="6" height="6" '
            f'patternUnits="userSpaceOnUse"{transform}>'
            f'<rect x="0" y="0" width="6" height="6" fill="#ffffff"/>{shape}</pattern>'
        )
    return f"<defs>{''.join(out)}</defs>" if out else ""


def _whisker(x: float, y_low: float, y_high: float, colour: str, halo: bool) -> str:
    """A vertical interval with caps; on a bar it gets a white halo so it shows on any fill."""
    d = (
        f"M{x:.1f},{y_low:.1f} L{x:.1f},{y_high:.1f} "
        f"M{x - 4:.1f},{y_low:.1f} L{x + 4:.1f},{y_low:.1f} "
        f"M{x - 4:.1f},{y_high:.1f} L{x + 4:.1f},{y_high:.1f}"
    )
    under = f'<path d="{d}" stroke="#ffffff" stroke-width="4" fill="none"/>' if halo else ""
    return (
        f'{under}<path class="whisker" d="{d}" stroke="{colour}" stroke-width="1.5" fill="none"/>'
    )


def _runs(flags: Sequence[bool]) -> list[list[int]]:
    """Indexes of consecutive ``True`` flags: [T, T, F, T] → [[0, 1], [3]]."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, flag in enumerate(flags):
        if flag:
            current.append(i)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _legend_swatch(chart_id: str, s: Series, index: int, x: float, y: float, band: bool) -> str:
    colour = SERIES_COLOURS[index]
    if band and s.kind == "bars":
        return _whisker(x + 14, y + 6, y - 6, TEXT, halo=False)
    if band:
        return (
            f'<rect x="{x:.1f}" y="{y - 6:.1f}" width="28" height="12" fill="{colour}" '
            f'fill-opacity="{_BAND_OPACITY}"/>'
            f'<path d="M{x:.1f},{y - 6:.1f} h28 M{x:.1f},{y + 6:.1f} h28" stroke="{colour}" '
            f'stroke-width="1" fill="none"/>'
        )
    if s.kind == "bars":
        return (
            f'<rect x="{x + 7:.1f}" y="{y - 7:.1f}" width="14" height="14" '
            f'fill="{_bar_fill(chart_id, index)}" stroke="{colour}" stroke-width="1"/>'
        )
    dash = f' stroke-dasharray="{_DASHES[index]}"' if _DASHES[index] else ""
    return (
        f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 28:.1f}" y2="{y:.1f}" stroke="{colour}" '
        f'stroke-width="2.5"{dash}/>' + _marker(_MARKERS[index], x + 14, y, colour)
    )


def band_chart(
    chart_id: str,
    title: str,
    desc: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    digits: int = 0,
    y_label: str = "",
) -> str:
    """Up to four series over ``x_labels`` (years such as "2027"): lines, with a tinted band
    between ``low`` and ``high`` where given, or grouped bars with a whisker for the band.

    Parameters
    ----------
    chart_id
        The ``id`` of the ``<svg>``; also prefixes the ids of its title, description and fill
        patterns, so it must be unique on the page.
    title, desc
        The accessible name and description (``aria-labelledby``); say what the chart shows.
    x_labels
        One label per x; 1 to about 30. With many, only every 2nd, 5th, … is labelled; every
        value is still drawn.
    series
        1 to 4 ``Series``. Values must be finite and ≥ 0 (the y axis starts at 0); ``None`` is
        a hidden value and leaves a gap.
    digits
        Decimals of the values (tooltips; ticks never have more).
    y_label
        The unit of the y axis, written above it (e.g. "Personer").

    Returns
    -------
    str
        An ``<svg role="img">`` with title, description, gridlines, y ticks from 0, the series
        and a legend. Colours and cues as in the module docstring (WCAG 2.1 AA, DOMAIN.md 9.1).

    Raises
    ------
    ValueError
        No x values; no series or more than four; a length that is not one per x; a negative
        or non-finite value; low above high; an unknown ``kind``.

    Example
    -------
    >>> svg = band_chart("behov", "Rekrutteringsbehov", "Personer pr. år", ["2027", "2028"],
    ...                  [Series("Behov", [12, 14], low=[10, 11], high=[15, 18])])
    >>> svg.startswith("<svg") and 'class="band"' in svg
    True
    """
    checked = _validate(x_labels, series)
    n = len(x_labels)
    left, right, plot_h = 72, 24, 240
    top_pad = 44 if y_label else 20
    step = max(400 / n, min(64.0, 768 / n))
    width = int(left + step * n + right)
    base = top_pad + plot_h
    every = _label_every(step, x_labels)

    # Legend layout first: it decides the height.
    legend: list[tuple[Series, int, bool, str]] = []
    for index, s in enumerate(series):
        legend.append((s, index, False, s.label))
        if s.has_band:
            legend.append((s, index, True, s.band_legend()))
    legend_items: list[tuple[float, float, Series, int, bool, str]] = []
    lx, ly = 8.0, base + 56.0
    for s, index, band, text in legend:
        short = text if len(text) <= 48 else text[:46] + "…"
        w = 28 + 8 + 7.5 * len(short) + 20
        if lx > 8 and lx + w > width - 8:
            lx, ly = 8.0, ly + 22
        legend_items.append((lx, ly, s, index, band, short))
        lx += w
    height = int(ly + 18)

    shown = [
        v
        for values, lows, highs in checked
        for seq in (values, lows, highs)
        for v in seq
        if v is not None
    ]
    ticks, tick_digits = _nice_axis(max(shown, default=0.0), digits)
    axis_max = ticks[-1]

    def x_of(i: int) -> float:
        return left + step * (i + 0.5)

    def y_of(value: float) -> float:
        return base - plot_h * value / axis_max

    def tip(s: Series, i: int, value: float, low: float | None, high: float | None) -> str:
        text = f"{s.label}, {x_labels[i]}: {number(value, digits)}"
        if low is not None and high is not None:
            text += (
                f" ({s.band_label or 'usikkerhed'} {number(low, digits)}–{number(high, digits)})"
            )
        return text

    out = _head(chart_id, width, height, title, desc)
    bar_indexes = [i for i, s in enumerate(series) if s.kind == "bars"]
    out.append(_bar_patterns(chart_id, bar_indexes))
    if y_label:
        out.append(f'<text x="8" y="18" fill="{TEXT}">{escape(y_label)}</text>')
    for tick in ticks:
        out.append(
            f'<line x1="{left}" y1="{y_of(tick):.1f}" x2="{width - right}" y2="{y_of(tick):.1f}" '
            f'stroke="{GRID}" stroke-width="0.5"/>'
            f'<text class="y-tick" x="{left - 6}" y="{y_of(tick) + 4:.1f}" text-anchor="end" '
            f'fill="{TEXT}">'
            f"{number(tick, tick_digits)}</text>"
        )

    # Bars first, then bands, then lines and markers on top.
    group_w = min(step * 0.8, 28.0 * len(bar_indexes)) if bar_indexes else 0.0
    bar_w = group_w / len(bar_indexes) if bar_indexes else 0.0
    for k, index in enumerate(bar_indexes):
        s, (values, lows, highs) = series[index], checked[index]
        colour = SERIES_COLOURS[index]
        for i, value in enumerate(values):
            if value is None:
                continue
            bx = x_of(i) - group_w / 2 + k * bar_w
            # A zero still gets a sliver, so 0 and hidden look different.
            h = max(base - y_of(value), 1.0)
            out.append(
                f'<rect class="bar" data-series="{index}" x="{bx:.1f}" y="{base - h:.1f}" '
                f'width="{bar_w:.1f}" height="{h:.1f}" fill="{_bar_fill(chart_id, index)}" '
                f'stroke="{colour}" stroke-width="1">'
                f"<title>{escape(tip(s, i, value, lows[i], highs[i]))}</title></rect>"
            )
        for i, (lo, hi) in enumerate(zip(lows, highs, strict=True)):
            if lo is not None and hi is not None:
                out.append(
                    _whisker(
                        x_of(i) - group_w / 2 + (k + 0.5) * bar_w,
                        y_of(lo),
                        y_of(hi),
                        TEXT,
                        halo=True,
                    )
                )

    for index, s in enumerate(series):
        if s.kind != "line" or not s.has_band:
            continue
        colour = SERIES_COLOURS[index]
        _values, lows, highs = checked[index]
        for run in _runs(
            [lo is not None and hi is not None for lo, hi in zip(lows, highs, strict=True)]
        ):
            his = [(x_of(i), y_of(highs[i] or 0.0)) for i in run]
            los = [(x_of(i), y_of(lows[i] or 0.0)) for i in run]
            if len(run) == 1:
                out.append(_whisker(his[0][0], los[0][1], his[0][1], colour, halo=False))
                continue
            polygon = " ".join(f"{x:.1f},{y:.1f}" for x, y in [*his, *reversed(los)])
            edges = " ".join(
                "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in edge) for edge in (his, los)
            )
            out.append(
                f'<polygon class="band" data-series="{index}" points="{polygon}" '
                f'fill="{colour}" fill-opacity="{_BAND_OPACITY}" stroke="none"/>'
                f'<path class="band-edge" d="{edges}" stroke="{colour}" stroke-width="1" '
                f'fill="none"/>'
            )

    for index, s in enumerate(series):
        if s.kind != "line":
            continue
        colour = SERIES_COLOURS[index]
        values, lows, highs = checked[index]
        runs = _runs([v is not None for v in values])
        if runs:
            d = " ".join(
                "M" + " L".join(f"{x_of(i):.1f},{y_of(values[i] or 0.0):.1f}" for i in run)
                for run in runs
            )
            dash = f' stroke-dasharray="{_DASHES[index]}"' if _DASHES[index] else ""
            out.append(
                f'<path class="series-line" data-series="{index}" d="{d}" fill="none" '
                f'stroke="{colour}" stroke-width="2.5" stroke-linejoin="round"{dash}/>'
            )
        for i, value in enumerate(values):
            if value is not None:
                out.append(
                    _marker(
                        _MARKERS[index],
                        x_of(i),
                        y_of(value),
                        colour,
                        tip(s, i, value, lows[i], highs[i]),
                    )
                )

    out.append(
        f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" stroke="{TEXT}" '
        f'stroke-width="1"/>'
    )
    for i, label in enumerate(x_labels):
        cx = x_of(i)
        out.append(
            f'<line x1="{cx:.1f}" y1="{base}" x2="{cx:.1f}" y2="{base + 4}" stroke="{TEXT}" '
            f'stroke-width="1"/>'
        )
        if i % every == 0:
            out.append(
                f'<text class="x-label" x="{cx:.1f}" y="{base + 18}" text-anchor="middle" '
                f'fill="{TEXT}">{escape(label)}</text>'
            )
        if step >= 40 and all(values[i] is None for values, _lows, _highs in checked):
            out.append(
                f'<text x="{cx:.1f}" y="{base + 34}" text-anchor="middle" fill="{TEXT}" '
                f'font-style="italic">{escape(_("skjult"))}</text>'
            )

    out.append('<g class="legend">')
    for lx, ly, s, index, band, text in legend_items:
        out.append(_legend_swatch(chart_id, s, index, lx, ly, band))
        out.append(f'<text x="{lx + 36:.1f}" y="{ly + 4:.1f}" fill="{TEXT}">{escape(text)}</text>')
    out.append("</g>")
    out.append(_foot())
    return "".join(out)
