"""Daily jobs of learning (``charlie daily`` enqueues them; ``charlie worker`` runs them). They
act for nobody and only call the app's services. Each part adds its jobs below."""

from __future__ import annotations

# --- Part "compliance": managers' tasks and employees' reminders of mandatory training ---
from django.tasks import task

from charlie.core.tasks import register_daily


@register_daily
@task
def refresh_training_tasks_task() -> dict[str, int]:
    """Open and close managers' tasks of mandatory training; remind employees by e-mail."""
    from dataclasses import asdict

    from charlie.learning.services import training_tasks

    return asdict(training_tasks.refresh_tasks())
