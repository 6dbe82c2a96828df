"""The value-vs-effort chart of a prioritisation: each initiative a point, its costs over the
window (kroner) across and its value (0–5) up; chosen ones a filled circle, the others an open
square, so the difference does not rest on colour alone (WCAG 2.1 SC 1.4.1). Each point is
labelled with the initiative's number. The page puts the data table beside it. Pure: no Django;
the look follows ``core.charts``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from charlie.core.charts import BAR, FONT, GRID, TEXT, TITLE_SIZE, number
from charlie.core.language import gettext as _

WIDTH = 720
HEIGHT = 420
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 56, 56
NOT_CHOSEN = "#8a1c14"


@dataclass(frozen=True)
class Point:
    number: int
    title: str
    cost: float
    value: float
    chosen: bool


def _step(top: float) -> float:
    if top <= 0:
        return 1.0
    raw = top / 5
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return raw


def value_effort_chart(chart_id: str, title: str, desc: str, points: Sequence[Point]) -> str:
    """An SVG string (``role="img"``, named by its title and described by ``desc``)."""
    top_cost = max((p.cost for p in points), default=0.0)
    step = _step(top_cost)
    x_max = step * 5 if top_cost <= step * 5 else top_cost
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def x(cost: float) -> float:
        return LEFT + plot_w * (max(cost, 0.0) / x_max if x_max else 0)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - min(max(value, 0.0), 5.0) / 5)

    t, d = f"{chart_id}-title", f"{chart_id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" id="{escape(chart_id)}" '
        f'aria-labelledby="{t} {d}" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" {FONT}>',
        f'<title id="{t}">{escape(title)}</title>',
        f'<desc id="{d}">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="8" y="22" font-size="{TITLE_SIZE}" font-weight="600" fill="{TEXT}">'
        f"{escape(title)}</text>",
    ]
    for i in range(6):
        value = i
        yy = y(value)
        out.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{yy:.1f}" y2="{yy:.1f}" '
            f'stroke="{GRID}" stroke-width="0.5"/>'
            f'<text x="{LEFT - 8}" y="{yy + 4:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{number(value, 0)}</text>"
        )
        cost = x_max * i / 5
        xx = x(cost)
        out.append(
            f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="{TOP + plot_h}" y2="{TOP + plot_h + 5}" '
            f'stroke="{GRID}"/><text x="{xx:.1f}" y="{TOP + plot_h + 20}" text-anchor="middle" '
            f'fill="{TEXT}">{number(cost / 1_000_000, 1)}</text>'
        )
    out.append(
        f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 10}" text-anchor="middle" fill="{TEXT}">'
        f"{escape(_('Omkostninger i perioden (mio. kr.)'))}</text>"
        f'<text x="16" y="{TOP + plot_h / 2}" text-anchor="middle" fill="{TEXT}" '
        f'transform="rotate(-90 16 {TOP + plot_h / 2})">{escape(_("Værdi (0–5)"))}</text>'
    )
    for p in points:
        px, py = x(p.cost), y(p.value)
        tip = escape(f"{p.number}. {p.title}")
        if p.chosen:
            out.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="6" fill="{BAR}"><title>{tip}</title>'
                "</circle>"
            )
        else:
            out.append(
                f'<rect x="{px - 5:.1f}" y="{py - 5:.1f}" width="10" height="10" fill="#ffffff" '
                f'stroke="{NOT_CHOSEN}" stroke-width="2"><title>{tip}</title></rect>'
            )
        out.append(
            f'<text x="{px + 8:.1f}" y="{py - 6:.1f}" font-size="12" fill="{TEXT}">'
            f"{p.number}</text>"
        )
    legend_y = 40
    out.append(
        f'<circle cx="{LEFT + 6}" cy="{legend_y}" r="6" fill="{BAR}"/>'
        f'<text x="{LEFT + 18}" y="{legend_y + 4}" fill="{TEXT}">{escape(_("Valgt"))}</text>'
        f'<rect x="{LEFT + 101}" y="{legend_y - 5}" width="10" height="10" fill="#ffffff" '
        f'stroke="{NOT_CHOSEN}" stroke-width="2"/>'
        f'<text x="{LEFT + 118}" y="{legend_y + 4}" fill="{TEXT}">{escape(_("Ikke valgt"))}'
        "</text>"
    )
    out.append("</svg>")
    return "".join(out)
