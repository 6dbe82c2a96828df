"""``{% task_rows rows %}``: the rows of the follow-up task list (``absence/tasks.html``).

Written in Python, not as a ``{% for %}`` over template markup: the list is HR's daily page at
45,000 employees, and its 25 rows — each a link to the person, the phone number, the task, the
deadline, the *Udført* form and the rule — cost the template engine more than the page's
queries did (about 10 ms of a 25 ms request). The markup is the template's; the browser tests
(axe included) and ``test_task_list`` check it. ``{% load task_rows %}``.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from charlie.absence.models import TaskStatus
from charlie.absence.services.tasks import TaskRow
from charlie.core.templatetags.formats import da_date
from charlie.core.templatetags.links import id_url
from charlie.people.templatetags.units import unit_name

register = template.Library()


@register.simple_tag(takes_context=True)
def task_rows(context: template.Context, rows: list[TaskRow]) -> SafeString:
    csrf = str(context.get("csrf_token", ""))
    texts = {
        "phone": _("Telefon"),
        "escalated": _("Sendt til HR"),
        "done": _("Udført"),
        "not_relevant": _("Ikke relevant"),
        "status": dict(TaskStatus.choices),
    }
    return format_html_join("\n", "{}", ((_row(context, row, csrf, texts),) for row in rows))


def _row(context: template.Context, row: TaskRow, csrf: str, texts: dict[str, Any]) -> SafeString:
    task = row.task
    phone = task.person.phone
    person = format_html(
        '<td><a href="{}">{}</a>{}</td>',
        id_url("people:detail", task.person_id),
        row.person_name,
        format_html(
            '<br><a class="form-hint" href="tel:{}"><span class="sr-only">{} </span>{}</a>',
            phone,
            texts["phone"],
            phone,
        )
        if phone
        else "",
    )
    task_url = id_url("absence:task", task.pk)
    what = format_html(
        '<td><a href="{}">{}</a><br><span class="form-hint">{}</span></td>',
        task_url,
        row.label,
        row.sick_from,
    )
    due = format_html(
        '<td class="text-nowrap">{}{}{}</td>',
        da_date(task.due),
        format_html('<br><span class="badge badge-error">{}</span>', row.overdue_text)
        if row.overdue
        else "",
        format_html('<br><span class="badge badge-warning">{}</span>', texts["escalated"])
        if row.escalated
        else "",
    )
    sr_only = format_html('<span class="sr-only">: {}, {}</span>', row.label, row.person_name)
    if task.status == TaskStatus.OPEN:
        action = format_html(
            '<td><form method="post" action="{}" class="d-inline">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="from" value="list">'
            '<button type="submit" class="button button-secondary button-small">{}{}</button>'
            "</form>\n"
            '<a class="button button-tertiary button-small" href="{}#ikke-relevant">{}{}</a></td>',
            id_url("absence:task_done", task.pk),
            csrf,
            texts["done"],
            sr_only,
            task_url,
            texts["not_relevant"],
            sr_only,
        )
    else:
        action = format_html(
            "<td>{}{}</td>",
            texts["status"].get(task.status, task.status),
            format_html('<br><span class="form-hint">{}</span>', da_date(task.done_at))
            if task.done_at
            else "",
        )
    unit = unit_name(context, task.org_unit) or "–"
    rule = format_html(
        '<td class="charlie-rule">{}<br><span class="form-hint">{}</span></td>',
        task.description,
        task.legal_basis,
    )
    return format_html(
        "<tr>{}{}{}{}<td>{}</td>{}</tr>",
        person,
        what,
        due,
        action,
        unit,
        rule,
    )
