"""Daily jobs of learning (``charlie daily`` enqueues them; ``charlie worker`` runs them). They
act for nobody and only call the app's services. Each part adds its jobs below."""

from __future__ import annotations

# --- catalogue part: reminders before a session -------------------------------------------------
from django.tasks import task

from charlie.core.tasks import register_daily


@register_daily
@task
def send_session_reminders_task() -> int:
    """E-mail enrolled participants CHARLIE_LEARNING_REMINDER_DAYS days before their session."""
    from charlie.learning import services

    return services.send_reminders()
