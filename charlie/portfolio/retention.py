"""The retention rules of the digitalisation portfolio (docs/retention.md), registered in
``apps.py``. The DPO approves each batch; nothing is deleted before.

A rejected idea has been answered: the submitter was told why, and "Mine idéer" showed it. It
is kept for a while so that the same idea sent again can be met with the earlier answer, then
it goes with its support and comments (default 12 months after the decision). Local policy,
not law (DOMAIN.md 6.2). Ideas that became initiatives or were merged into another idea stay
with the portfolio as its history; the people's names on them go with the person (Person
deletion sets them empty).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charlie.portfolio.models import Idea, IdeaComment, IdeaStatus, IdeaSupport
from charlie.portfolio.services.common import CATEGORY
from charlie.privacy.registry import Applied, RetentionRule
from charlie.privacy.retention import count_by_year, cutoff_months


def _rejected_past(today: date, months: int) -> list[tuple[int, date]]:
    limit = cutoff_months(today, months)
    rows = Idea.objects.filter(status=IdeaStatus.REJECTED, decided_at__isnull=False).values_list(
        "pk", "decided_at"
    )
    decided = ((pk, timezone.localdate(moment)) for pk, moment in rows)
    return [(pk, day) for pk, day in decided if day < limit]


def find_rejected_ideas(today: date, months: int) -> list[int]:
    return [pk for pk, _day in _rejected_past(today, months)]


def rejected_ideas_by_year(today: date, months: int) -> dict[int, int]:
    return count_by_year(day for _pk, day in _rejected_past(today, months))


def delete_rejected_ideas(ids: list[int]) -> Applied:
    """The rejected ideas with their support and comments; the submitters, supporters and
    commenters are the people affected (for the audit log)."""
    ideas = Idea.objects.filter(pk__in=ids, status=IdeaStatus.REJECTED)
    with transaction.atomic():
        idea_ids = list(ideas.values_list("pk", flat=True))
        people = set(
            ideas.exclude(submitted_by__isnull=True).values_list("submitted_by", flat=True)
        )
        people |= set(
            IdeaSupport.objects.filter(idea_id__in=idea_ids).values_list("person_id", flat=True)
        )
        people |= set(
            IdeaComment.objects.filter(idea_id__in=idea_ids, person__isnull=False).values_list(
                "person_id", flat=True
            )
        )
        # Ideas merged into a rejected idea keep their own row, no longer pointing here.
        Idea.objects.filter(merged_into_id__in=idea_ids).update(merged_into=None)
        count = len(idea_ids)
        Idea.objects.filter(pk__in=idea_ids).delete()
    return Applied(count=count, person_ids=sorted(people))


REJECTED_IDEAS = RetentionRule(
    code="portfolio_rejected_ideas",
    category=CATEGORY,
    label=_("Digitalisering: afviste idéer med støtte og kommentarer"),
    description=_(
        "En afvist idé slettes med sin støtte og sine kommentarer det valgte antal måneder "
        "efter afgørelsen. Standard er 12 måneder, så den samme idé sendt igen kan få det "
        "samme svar: kommunens egen politik, ikke et lovkrav. Idéer, der blev til et "
        "initiativ, bliver i porteføljen som dens historie."
    ),
    default_months=12,
    action="delete",
    find=find_rejected_ideas,
    apply=delete_rejected_ideas,
    by_year=rejected_ideas_by_year,
)
