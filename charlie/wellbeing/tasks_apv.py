"""Daily jobs of the APV and action plans (``charlie daily`` enqueues them; ``charlie worker``
runs them). They act for nobody and only call the services; imported from ``apps.py`` so that
they register."""

from __future__ import annotations

from django.tasks import task

from charlie.core.tasks import register_daily


@register_daily
@task
def send_apv_due_reminders_task() -> int:
    """E-mail each unit's manager when the next APV is due soon or overdue
    (CHARLIE_WELLBEING_APV_REMINDER_DAYS, CHARLIE_WELLBEING_APV_REPEAT_DAYS)."""
    from charlie.wellbeing.services import apv

    return apv.send_due_reminders()


@register_daily
@task
def send_action_reminders_task() -> int:
    """E-mail the owners of overdue actions (again every CHARLIE_WELLBEING_ACTION_REMINDER_DAYS
    days while they stay overdue)."""
    from charlie.wellbeing.services import actions

    return actions.send_reminders()
