"""``{% people_rows rows today %}``: the rows of the people list (``people/search.html``).

Written in Python (``core.rows``) for the same reason as the task list's: 25 rows on a page
opened all day. Each row: the name (a link to the person), the employee number, and the
employment shown (``people.services.PeopleRow``) — job title, "(til <day>)" for one that has
ended, the unit (with its parent where names repeat, as everywhere) and the job family in the
reader's language; three dashes when the caller may see no employment. ``{% load people_rows %}``.
"""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from charlie.core.rows import escape
from charlie.core.templatetags.formats import da_date
from charlie.core.templatetags.links import id_url
from charlie.people.services import PeopleRow
from charlie.people.templatetags.units import unit_name

register = template.Library()


@register.simple_tag(takes_context=True)
def people_rows(context: template.Context, rows: list[PeopleRow], today: date) -> SafeString:
    return mark_safe(  # noqa: S308 - every value below is escaped where it is put in
        "\n".join(_row(context, row, today) for row in rows)
    )


def _row(context: template.Context, row: PeopleRow, today: date) -> str:
    person = row.person
    name = f"{escape(person.last_name)}, {escape(person.first_name)}"
    cells = [
        f'<td><a href="{id_url("people:detail", person.pk)}">{name}</a></td>',
        f"<td>{escape(person.employee_number)}</td>",
    ]
    employment = row.employment
    if employment is None:
        cells.append("<td>–</td><td>–</td><td>–</td>")
    else:
        ended = ""
        if employment.end_date and employment.end_date < today:
            until = _("til %(day)s") % {"day": da_date(employment.end_date)}
            ended = f' <span class="form-hint d-inline">({escape(until)})</span>'
        cells.append(f"<td>{escape(employment.job_title)}{ended}</td>")
        cells.append(f"<td>{escape(unit_name(context, employment.org_unit))}</td>")
        cells.append(f"<td>{escape(employment.job_family.display_name)}</td>")
    return "<tr>" + "".join(cells) + "</tr>"
