"""Background tasks of the absence app (Django's ``tasks`` module, which ``charlie daily``
imports for every app): the daily jobs that keep the sickness follow-up going. ``charlie daily``
enqueues them; ``charlie worker`` runs them. They act for nobody and only call
``absence.services``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.tasks import task

from charlie.absence import services
from charlie.core.tasks import register_daily


@register_daily
@task
def refresh_followup_tasks_task() -> dict[str, Any]:
    """Create and update managers' follow-up tasks from today's sickness spells."""
    return asdict(services.refresh_tasks())


@register_daily
@task
def escalate_followup_tasks_task() -> int:
    """Send tasks overdue by more than the set number of days on to HR."""
    return services.escalate_overdue()


@register_daily
@task
def send_followup_reminders_task() -> int:
    """E-mail each manager a digest of tasks due within 2 days or overdue."""
    return services.send_reminders()
