"""``{% task_rows rows %}``: the rows of the follow-up task list (``absence/tasks.html``).

Written in Python (``core.rows``), not as a ``{% for %}`` over template markup: each row — a
link to the person, the phone number, the task, the deadline, the *Udført* form and the rule —
cost the template engine more than the page's queries did. The browser tests (axe included)
and ``test_task_list`` check the markup. ``{% load task_rows %}``.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from charlie.absence.models import TaskStatus
from charlie.absence.services.tasks import TaskRow
from charlie.core.rows import escape
from charlie.core.templatetags.formats import da_date
from charlie.core.templatetags.links import id_url
from charlie.people.templatetags.units import unit_name

register = template.Library()


@register.simple_tag(takes_context=True)
def task_rows(context: template.Context, rows: list[TaskRow]) -> SafeString:
    csrf = escape(str(context.get("csrf_token", "")))
    texts = {
        "phone": escape(_("Telefon")),
        "escalated": escape(_("Sendt til HR")),
        "done": escape(_("Udført")),
        "not_relevant": escape(_("Ikke relevant")),
    }
    status = {value: escape(str(label)) for value, label in TaskStatus.choices}
    return mark_safe(  # noqa: S308 - every value below is escaped where it is put in
        "\n".join(_row(context, row, csrf, texts, status) for row in rows)
    )


def _row(
    context: template.Context,
    row: TaskRow,
    csrf: str,
    texts: dict[str, str],
    status: dict[str, str],
) -> str:
    task = row.task
    name, label = escape(row.person_name), escape(row.label)
    phone = escape(task.person.phone) if task.person.phone else ""
    task_url = id_url("absence:task", task.pk)
    cells = [
        f'<td><a href="{id_url("people:detail", task.person_id)}">{name}</a>'
        + (
            f'<br><a class="form-hint" href="tel:{phone}"><span class="sr-only">'
            f"{texts['phone']} </span>{phone}</a>"
            if phone
            else ""
        )
        + "</td>",
        f'<td><a href="{task_url}">{label}</a><br>'
        f'<span class="form-hint">{escape(row.sick_from)}</span></td>',
        f'<td class="text-nowrap">{escape(da_date(task.due))}'
        + (
            f'<br><span class="badge badge-error">{escape(row.overdue_text)}</span>'
            if row.overdue
            else ""
        )
        + (
            f'<br><span class="badge badge-warning">{texts["escalated"]}</span>'
            if row.escalated
            else ""
        )
        + "</td>",
    ]
    sr_only = f'<span class="sr-only">: {label}, {name}</span>'
    if task.status == TaskStatus.OPEN:
        cells.append(
            f'<td><form method="post" action="{id_url("absence:task_done", task.pk)}" '
            'class="d-inline">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
            '<input type="hidden" name="from" value="list">'
            '<button type="submit" class="button button-secondary button-small">'
            f"{texts['done']}{sr_only}</button></form>\n"
            f'<a class="button button-tertiary button-small" href="{task_url}#ikke-relevant">'
            f"{texts['not_relevant']}{sr_only}</a></td>"
        )
    else:
        done = (
            f'<br><span class="form-hint">{escape(da_date(task.done_at))}</span>'
            if task.done_at
            else ""
        )
        cells.append(f"<td>{status.get(task.status, escape(task.status))}{done}</td>")
    cells.append(f"<td>{escape(unit_name(context, task.org_unit) or '–')}</td>")
    cells.append(
        f'<td class="charlie-rule">{escape(task.description)}<br>'
        f'<span class="form-hint">{escape(task.legal_basis)}</span></td>'
    )
    return "<tr>" + "".join(cells) + "</tr>"
