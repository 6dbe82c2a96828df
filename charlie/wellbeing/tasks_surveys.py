"""Background work of surveys (``charlie daily`` enqueues the daily job; ``charlie worker``
runs it). Imported from ``apps.py`` so that its jobs register; the jobs act for nobody and only
call the services."""

from __future__ import annotations

from django.tasks import task

from charlie.core.tasks import register_daily


@register_daily
@task
def wellbeing_surveys_daily_task() -> dict[str, int]:
    """Close the surveys whose last day has passed, make and launch the pulse surveys due,
    send the invitations not yet sent, and remind those who have not answered — in that
    order, so a closed survey is never reminded."""
    from charlie.wellbeing.services import surveys

    return surveys.daily()


@task
def send_invitations_task(*, survey_id: int) -> int:
    """E-mail a survey's invitations right after its launch (queued by ``services.surveys``)."""
    from charlie.wellbeing.services import surveys

    return surveys.send_invitations(survey_id)
