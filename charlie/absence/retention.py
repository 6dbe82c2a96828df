"""The retention rule for absence periods (docs/retention.md).

An absence period that ended more than N years ago (default 5) is deleted. A period that has not
ended is never found. The period is local policy, not law (DOMAIN.md 6.2), and nothing happens
until the DPO approves a batch (6.3). Registered with privacy in ``AbsenceConfig.ready``.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Count, Min, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from charlie.absence.kinds import CATEGORY_ABSENCE
from charlie.absence.models import AbsencePeriod
from charlie.core.cache import bump
from charlie.privacy.registry import Applied, RetentionRule
from charlie.privacy.retention import cutoff

CHUNK = 500


def _past(today: date, years: int) -> QuerySet[AbsencePeriod]:
    # end_date < cut-off: a NULL end date (not ended) never matches.
    return AbsencePeriod.objects.filter(end_date__lt=cutoff(today, years))


def find_absence_periods(today: date, years: int) -> list[int]:
    return list(_past(today, years).values_list("pk", flat=True))


def absence_periods_by_year(today: date, years: int) -> dict[int, int]:
    """Counts by the year the period ended. Two aggregate queries; ``end_date__year`` is a date
    range in SQL, so no per-row function runs (ExtractYear is slow on SQLite)."""
    past = _past(today, years)
    first = past.aggregate(first=Min("end_date"))["first"]
    if first is None:
        return {}
    last_year = cutoff(today, years).year
    counts = past.aggregate(
        **{
            str(year): Count("pk", filter=Q(end_date__year=year))
            for year in range(first.year, last_year + 1)
        }
    )
    return {int(year): n for year, n in counts.items() if n}


def delete_absence_periods(ids: list[int]) -> Applied:
    """Delete these periods; returns how many, and whose they were (for the audit log)."""
    count = 0
    person_ids: set[int] = set()
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            chunk = AbsencePeriod.objects.filter(pk__in=ids[start : start + CHUNK])
            person_ids.update(chunk.values_list("person_id", flat=True))
            _total, per_model = chunk.delete()
            count += per_model.get(AbsencePeriod._meta.label, 0)
        if count:
            bump("absence")
    return Applied(count=count, person_ids=sorted(person_ids))


ABSENCE_PERIODS = RetentionRule(
    code="fravaersperioder",
    category=CATEGORY_ABSENCE,
    label=_("Fraværsperioder"),
    description=_(
        "Fraværsperioder slettes, når perioden sluttede for mere end det valgte antal år siden. "
        "Der er ingen fast lovbestemt frist; perioden er kommunens egen politik. 5 år er "
        "almindelig praksis. Husk, at fraværsstatistik for ældre år forsvinder med perioderne."
    ),
    default_years=5,
    action="delete",
    find=find_absence_periods,
    apply=delete_absence_periods,
    by_year=absence_periods_by_year,
)
