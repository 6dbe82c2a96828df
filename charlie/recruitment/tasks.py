"""Background work of recruitment and onboarding (``charlie daily`` queues the daily jobs; it
imports this module for every installed app). The jobs act for nobody and only call the app's
services."""

from __future__ import annotations

from django.tasks import task

from charlie.core.tasks import register_daily


@register_daily
@task
def send_job_alerts_task() -> int:
    """E-mail each talent-pool profile with job alerts the ads published since its last alert."""
    from charlie.recruitment.services import talent

    return talent.send_alerts()


@register_daily
@task
def expire_talent_consents_task() -> dict[str, int]:
    """Delete the talent-pool profiles whose consent ran out; remind those about to expire."""
    from charlie.recruitment.services import talent

    return talent.expire_consents()
