"""Daily jobs of onboarding (``charlie daily`` enqueues them; ``charlie worker`` runs them).
They act for nobody and only call the services. ``charlie daily`` imports each app's
``tasks.py``; this module is imported from ``apps.py`` so that its jobs register too."""

from __future__ import annotations

from django.tasks import task

from charlie.core.tasks import register_daily


@register_daily
@task
def send_onboarding_reminders_task() -> int:
    """E-mail the owners of onboarding tasks that fall due soon, and of overdue
    ansættelsesbevis tasks (CHARLIE_RECRUITMENT_REMINDER_DAYS)."""
    from charlie.recruitment.services import onboarding

    return onboarding.send_reminders()


@register_daily
@task
def link_onboarding_people_task() -> int:
    """Join onboarding plans to the people the payroll import has brought, by employee
    number."""
    from charlie.recruitment.services import onboarding

    return onboarding.link_people()
