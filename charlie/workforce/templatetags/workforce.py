"""Template helpers for the workforce plan: a band as "median (P10–P90)" in Danish numbers."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from charlie.core.formats import format_share
from charlie.workforce.services import Band, PlanRow
from charlie.workforce.summary import whole as _whole

register = template.Library()


@register.filter
def whole(value: float | None) -> str:
    return "–" if value is None else _whole(value)


@register.simple_tag
def band(value: Band | None) -> SafeString:
    """``123`` with ``(110–135)`` beside it; the interval is named for screen readers."""
    if value is None:
        return format_html("–")
    if round(value.p10) == round(value.p90):  # no spread worth showing (e.g. filled to demand)
        return format_html("{}", _whole(value.p50))
    return format_html(
        '{} <span class="form-hint">({}–{})</span>',
        _whole(value.p50),
        _whole(value.p10),
        _whole(value.p90),
    )


@register.simple_tag
def band_until(row: PlanRow, measure: str, year: int) -> SafeString:
    return band(row.until.get(measure, {}).get(year))


@register.filter
def percent(value: float | None) -> str:
    """A share as a Danish percentage with one decimal: 0.1234 → "12,3 %"."""
    if value is None:
        return "–"
    return format_share(value)


@register.simple_tag
def count_cell(value: int | None, min_size: int) -> SafeString:
    """A table cell with a count of people under disclosure control (the markup
    ``core/_count_cell.html`` uses, so the disclosure walk checks it)."""
    if value is None:
        return format_html(
            '<td class="charlie-numeric" data-suppressed data-min-size="{}">'
            '<span aria-hidden="true">–</span><span class="sr-only">{}</span></td>',
            min_size,
            _("skjult"),
        )
    return format_html(
        '<td class="charlie-numeric" data-count="{}" data-min-size="{}">{}</td>',
        value,
        min_size,
        _whole(value),
    )


@register.simple_tag
def count_text(value: int | None, min_size: int) -> str:
    """A count of people in running text: "færre end 5" when it is hidden."""
    if value is None:
        return _("færre end %(n)s") % {"n": min_size}
    return _whole(value)
