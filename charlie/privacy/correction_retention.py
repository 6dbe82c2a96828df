"""The retention rule for requests for correction (docs/retention.md).

A request that HR has handled (corrected or rejected) is deleted when it was handled more than
N years ago (default 2). The request holds the employee's own words about their data; once it
is handled, the correction itself lives in the data, and the request is kept only to document
the handling (e.g. for a complaint to Datatilsynet). The period is local policy, not law, and
nothing happens until the DPO approves a batch (DOMAIN.md 6.3). An open request is never found.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charlie.privacy.models import CorrectionRequest, CorrectionStatus
from charlie.privacy.registry import Applied, RetentionRule
from charlie.privacy.retention import count_by_year, cutoff


def _past(today: date, years: int) -> QuerySet[CorrectionRequest]:
    before = timezone.make_aware(datetime.combine(cutoff(today, years), time.min))
    return CorrectionRequest.objects.exclude(status=CorrectionStatus.OPEN).filter(
        handled_at__lt=before
    )


def find_handled_requests(today: date, years: int) -> list[int]:
    return list(_past(today, years).values_list("pk", flat=True))


def handled_requests_by_year(today: date, years: int) -> dict[int, int]:
    return count_by_year(
        timezone.localtime(at).date()
        for at in _past(today, years).values_list("handled_at", flat=True)
    )


def delete_handled_requests(ids: list[int]) -> Applied:
    """Delete these requests; returns how many, and whose they were (for the audit log)."""
    with transaction.atomic():
        requests = CorrectionRequest.objects.filter(pk__in=ids)
        person_ids = sorted(set(requests.values_list("subject_person_id", flat=True)))
        count, _per_model = requests.delete()
    return Applied(count=count, person_ids=person_ids)


HANDLED_CORRECTION_REQUESTS = RetentionRule(
    code="anmodninger_om_rettelse",
    category="stamdata",
    label=_("Behandlede anmodninger om rettelse"),
    description=_(
        "En anmodning om rettelse slettes, når HR behandlede den for mere end det valgte antal "
        "år siden. Rettelsen står i oplysningerne selv; anmodningen gemmes kun som "
        "dokumentation for behandlingen, fx ved en klage. Der er ingen fast lovbestemt frist; "
        "2 år er kommunens eget valg. Åbne anmodninger slettes aldrig."
    ),
    default_years=2,
    action="delete",
    find=find_handled_requests,
    apply=delete_handled_requests,
    by_year=handled_requests_by_year,
)
