"""``{% figure_cell value digits %}``: one number cell of the absence statistics table.

The table has a cell for every measure of every unit shown (2,000 on the HR dashboard by unit);
written through a template partial, each cell cost more than its figure did. The markup is the
same: the number the reader's way (``da_number``), "+" before a positive difference
(``signed``), " %" after a percentage, and for a missing figure a dash with its reason for
screen readers — "skjult" when the group is hidden by disclosure control (``hidden``), else
``none_label`` ("intet tal"). ``{% load figure_cells %}``.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from charlie.core.templatetags.formats import da_number

register = template.Library()


@register.simple_tag
def figure_cell(
    value: Any,
    digits: int,
    *,
    percent: bool = False,
    signed: bool = False,
    hidden: bool = False,
    none_label: Any = None,
) -> SafeString:
    if value is None:
        reason = _("skjult") if hidden else (none_label or _("intet tal"))
        return format_html(
            '<td class="charlie-numeric"><span aria-hidden="true">–</span>'
            '<span class="sr-only">{}</span></td>',
            reason,
        )
    return format_html(
        '<td class="charlie-numeric">{}{}{}</td>',
        "+" if signed and value > 0 else "",
        da_number(value, digits),
        " %" if percent else "",
    )
