"""Daily jobs of learning (``charlie daily`` enqueues them; ``charlie worker`` runs them). They
act for nobody and only call the app's services."""

from __future__ import annotations

from dataclasses import asdict

from django.tasks import task

from charlie.core.tasks import register_daily


@register_daily
@task
def send_session_reminders_task() -> int:
    """E-mail enrolled participants CHARLIE_LEARNING_REMINDER_DAYS days before their session."""
    from charlie.learning import services

    return services.send_reminders()


@register_daily
@task
def refresh_training_tasks_task() -> dict[str, int]:
    """Open and close managers' tasks of mandatory training; remind employees by e-mail."""
    from charlie.learning.services import training_tasks

    return asdict(training_tasks.refresh_tasks())
