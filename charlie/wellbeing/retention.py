"""The retention rules of well-being and the working environment (docs/retention.md), registered
in ``apps.py``. The DPO approves each batch; nothing is deleted before. Each part of the app adds
its rules below."""

from __future__ import annotations

# --- part surveys ---
# Invitations (who was invited to a survey; after the close nothing else is left on them) are
# deleted N years after their survey closed (default 5, as the data-use register's text of
# migration 0002 says: long enough to compare a round with the next two). The answers hold no
# person and are no rule's here: they are kept with the survey.
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charlie.privacy.registry import Applied, RetentionRule
from charlie.privacy.retention import count_by_year, cutoff
from charlie.wellbeing.models import Invitation, Survey, SurveyStatus


def _closed_surveys(today: date, years: int) -> dict[int, date]:
    """Survey id → the day it closed, for the surveys closed before the rule's cut-off."""
    limit = cutoff(today, years)
    closed = Survey.objects.filter(status=SurveyStatus.CLOSED, closed_at__isnull=False)
    return {
        pk: day
        for pk, day in (
            (pk, timezone.localdate(moment)) for pk, moment in closed.values_list("pk", "closed_at")
        )
        if day < limit
    }


def find_invitations(today: date, years: int) -> list[int]:
    surveys = _closed_surveys(today, years)
    return list(Invitation.objects.filter(survey_id__in=list(surveys)).values_list("pk", flat=True))


def invitations_by_year(today: date, years: int) -> dict[int, int]:
    surveys = _closed_surveys(today, years)
    rows = Invitation.objects.filter(survey_id__in=list(surveys)).values_list(
        "survey_id", flat=True
    )
    return count_by_year(surveys[survey_id] for survey_id in rows)


def delete_invitations(ids: list[int]) -> Applied:
    """The invitations, and only those of closed surveys (an open survey still needs them)."""
    rows = Invitation.objects.filter(pk__in=ids, survey__status=SurveyStatus.CLOSED)
    person_ids = sorted(set(rows.values_list("person_id", flat=True)))
    count, _deleted = rows.delete()
    return Applied(count=count, person_ids=person_ids)


INVITATIONS = RetentionRule(
    code="wellbeing_invitations",
    category="trivsel",
    label=_("Trivsel: invitationer til målinger"),
    description=_(
        "Hvem der blev inviteret til en trivsels-, APV- eller pulsmåling, slettes det valgte "
        "antal år efter, at målingen blev lukket. Standard er 5 år, så en måling kan "
        "sammenlignes med de næste to runder. Allerede ved lukningen slettes invitationens "
        "link og oplysningen om, hvorvidt personen svarede; svarene er aldrig knyttet til "
        "nogen og hører til målingen."
    ),
    default_years=5,
    action="delete",
    find=find_invitations,
    apply=delete_invitations,
    by_year=invitations_by_year,
)
