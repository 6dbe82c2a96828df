"""Privacy's daily job: find what has passed its retention rule (``charlie daily`` queues it).

It only proposes batches for the data protection officer; nothing is deleted until the DPO
approves one (DOMAIN.md 6.3; docs/retention.md).
"""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from charlie.core.tasks import register_daily
from charlie.privacy.services import retention


@register_daily
@task
def find_expired_data_task() -> dict[str, int]:
    """Propose a batch per retention rule; returns {rule code: items proposed}."""
    batches = retention.propose_batches(timezone.localdate())
    return {batch.rule_code: batch.count for batch in batches}
