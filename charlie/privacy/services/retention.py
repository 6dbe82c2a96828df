"""Retention and deletion (DOMAIN.md 6.1–6.3; docs/retention.md).

Apps register their rules with ``privacy.registry.register_retention_rule``; privacy never reads
their tables. Every day ``find_expired_data_task`` calls ``propose_batches``: for each rule it
finds what has passed the kommune's period and keeps one *proposed* batch. Nothing is deleted
then. A kommune may only discard records under the archive rules (DOMAIN.md 6.3), so the data
protection officer decides: ``approve`` re-checks the items against the rule as of today, deletes
or anonymises them in one transaction, writes the deletion log (counts only, never ids or
names) and an audit entry for each affected person; ``reject`` keeps everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.text import check_text
from charlie.privacy.models import (
    Action,
    BatchStatus,
    DeletionLog,
    PeriodUnit,
    RetentionBatch,
    RetentionPolicy,
    period_label,
)
from charlie.privacy.permissions import DECIDE_RETENTION
from charlie.privacy.registry import Applied, RetentionRule, categories, retention_rules
from charlie.privacy.retention import period_in_range, period_range
from charlie.privacy.services.audit import check_registered, record

if TYPE_CHECKING:
    from charlie.privacy.access import Access

#: The purpose the audit entries of a deletion or anonymisation are written under.
PURPOSE = "hr_administration"
NOTE_MAX_LENGTH = 500


def require_retention_access(access: Access) -> None:
    """Only the data protection officer sees and decides retention (403 otherwise)."""
    access.require(DECIDE_RETENTION)


def get_rule(code: str) -> RetentionRule:
    rule = retention_rules().get(code)
    if rule is None:
        raise NotFound
    return rule


def _policy_period(rule: RetentionRule, period: int, unit: str) -> int | None:
    """A stored policy in the rule's unit: as it is, or years as months when the rule has come
    to count months (1 year = 12 months). None (the default applies) in the other case."""
    if unit == rule.unit:
        return period
    if unit == PeriodUnit.YEARS and rule.unit == PeriodUnit.MONTHS:
        return period * 12
    return None


def years_for(rule: RetentionRule) -> int:
    """The kommune's period for the rule, in the rule's unit (years or months, the name
    predates months): the DPO's choice, or the rule's default."""
    row = RetentionPolicy.objects.filter(rule_code=rule.code).values_list("years", "unit").first()
    period = _policy_period(rule, *row) if row is not None else None
    return rule.default_period if period is None else period


# --- The dry-run report ---


@dataclass(frozen=True)
class RuleReport:
    """What one rule finds on a day: counts only, never names."""

    rule: RetentionRule
    #: The period, in the rule's unit.
    years: int
    #: True when the DPO has set the period; False when it is the rule's default.
    policy_set: bool
    count: int
    #: {year the item's period ended: count}, oldest first; empty when the rule gives none.
    by_year: dict[int, int]

    @property
    def unit(self) -> str:
        return self.rule.unit

    @property
    def period_label(self) -> str:
        return period_label(self.years, self.rule.unit)

    @property
    def category_label(self) -> str:
        return str(categories().get(self.rule.category, self.rule.category))

    @property
    def action_label(self) -> str:
        return _("Anonymiseres") if self.rule.action == "anonymise" else _("Slettes")


def find_expired(today: date) -> list[RuleReport]:
    """For each rule: how many items have passed the kommune's period on ``today``, by the
    year their period ended. Changes nothing (the dry run)."""
    policies = {
        code: (period, unit)
        for code, period, unit in RetentionPolicy.objects.values_list("rule_code", "years", "unit")
    }
    reports = []
    for rule in retention_rules().values():
        chosen = _policy_period(rule, *policies[rule.code]) if rule.code in policies else None
        years = rule.default_period if chosen is None else chosen
        if rule.by_year is not None:
            by_year = {int(y): n for y, n in sorted(rule.by_year(today, years).items()) if n}
            count = sum(by_year.values())
        else:
            by_year = {}
            count = len(rule.find(today, years))
        reports.append(
            RuleReport(
                rule=rule,
                years=years,
                policy_set=chosen is not None,
                count=count,
                by_year=by_year,
            )
        )
    return reports


# --- Proposed batches (the daily task; nothing is deleted) ---


def _retire(batch: RetentionBatch, status: str) -> None:
    """Take a batch out of the proposals; its item ids go, its counts stay."""
    batch.status = status
    batch.item_ids = []
    batch.save(update_fields=["status", "item_ids"])


def _propose_for(rule: RetentionRule, today: date) -> RetentionBatch | None:
    years = years_for(rule)
    ids = sorted(set(rule.find(today, years)))
    with transaction.atomic():
        proposed = list(
            RetentionBatch.objects.select_for_update()
            .filter(rule_code=rule.code, status=BatchStatus.PROPOSED)
            .order_by("-found_at", "-pk")
        )
        # The same items under the same period: keep the batch the DPO may be reviewing.
        same = next(
            (b for b in proposed if b.years == years and b.unit == rule.unit and b.item_ids == ids),
            None,
        )
        for batch in proposed:
            if batch is not same:
                _retire(batch, BatchStatus.SUPERSEDED)
        if same is not None or not ids:
            return same
        by_year = rule.by_year(today, years) if rule.by_year is not None else {}
        return RetentionBatch.objects.create(
            rule_code=rule.code,
            category=rule.category,
            action=rule.action,
            years=years,
            unit=rule.unit,
            as_of=today,
            item_ids=ids,
            count=len(ids),
            by_year={str(y): n for y, n in sorted(by_year.items()) if n},
        )


def propose_batches(today: date) -> list[RetentionBatch]:
    """For each rule, one proposed batch of what has passed the period on ``today``.

    An older proposal for the rule that no longer matches is superseded; an identical one is
    kept as it is; a rule that finds nothing has no proposal. Nothing is deleted.
    """
    batches = []
    for rule in retention_rules().values():
        batch = _propose_for(rule, today)
        if batch is not None:
            batches.append(batch)
    return batches


def propose_now(access: Access, today: date | None = None) -> list[RetentionBatch]:
    """The DPO's "find now" button: ``propose_batches`` for today."""
    require_retention_access(access)
    return propose_batches(today or timezone.localdate())


def proposed_batches(access: Access) -> QuerySet[RetentionBatch]:
    require_retention_access(access)
    return RetentionBatch.objects.filter(status=BatchStatus.PROPOSED).order_by("rule_code")


def get_batch(access: Access, batch_id: int) -> RetentionBatch:
    require_retention_access(access)
    batch = RetentionBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        raise NotFound
    return batch


def _require_proposed(batch: RetentionBatch) -> None:
    if batch.status != BatchStatus.PROPOSED:
        raise ValidationFailed(
            [
                _(
                    "Forslaget er allerede behandlet (status: %(status)s). Gå tilbage til "
                    "oversigten, og se det nyeste forslag."
                )
                % {"status": batch.get_status_display()}
            ]
        )


# --- The DPO's decision ---


def approve(access: Access, batch_id: int, *, today: date | None = None) -> DeletionLog:
    """Delete or anonymise the batch's items that still match the rule on ``today``.

    One transaction: the rule's ``apply``, the batch's new status, the deletion log (counts, no
    ids or names) and an audit entry for each affected person. If any part fails, nothing is
    changed.
    """
    require_retention_access(access)
    today = today or timezone.localdate()
    with transaction.atomic():
        batch = RetentionBatch.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None:
            raise NotFound
        _require_proposed(batch)
        rule = retention_rules().get(batch.rule_code)
        if rule is None:
            raise ValidationFailed(
                [
                    _(
                        "Reglen bag forslaget findes ikke længere i Charlie. Afvis forslaget; "
                        "der slettes ikke noget."
                    )
                ]
            )
        # Fail before anything changes if the register does not allow the audit entries.
        check_registered(purpose=PURPOSE, category=rule.category)
        years = years_for(rule)
        still_past = set(rule.find(today, years))
        ids = [item for item in batch.item_ids if item in still_past]
        applied = rule.apply(ids) if ids else Applied(count=0, person_ids=[])
        now = timezone.now()
        batch.status = BatchStatus.EXECUTED
        batch.approved_by = access.user
        batch.approved_at = now
        batch.executed_at = now
        batch.executed_count = applied.count
        batch.item_ids = []
        batch.save()
        log = DeletionLog.objects.create(
            rule_code=rule.code,
            category=rule.category,
            action=rule.action,
            count=applied.count,
            years=years,
            unit=rule.unit,
            as_of=today,
            approver_username=access.user.get_username() if access.user else "",
            approver_role=access.role or "",
            batch=batch,
        )
        record(
            actor=access.user,
            subject_person_ids=applied.person_ids,
            action=Action.DELETE if rule.action == "delete" else Action.UPDATE,
            category=rule.category,
            purpose=PURPOSE,
            channel=access.channel,
            detail=f"opbevaring: {rule.code}, forslag {batch.pk}",
        )
    return log


def reject(access: Access, batch_id: int, note: str) -> RetentionBatch:
    """Keep everything in the batch; the reason is kept with it. The rule proposes again
    tomorrow (the items have still passed the period), so the reason should say what to do."""
    require_retention_access(access)
    note = (note or "").strip()
    if not note:
        raise ValidationFailed(
            [_("Skriv en begrundelse, fx at kassationen endnu ikke er godkendt af arkivet.")]
        )
    note = check_text(note, what=_("Begrundelsen"), max_length=NOTE_MAX_LENGTH, multiline=True)
    with transaction.atomic():
        batch = RetentionBatch.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None:
            raise NotFound
        _require_proposed(batch)
        batch.status = BatchStatus.REJECTED
        batch.rejected_by = access.user
        batch.rejected_at = timezone.now()
        batch.note = note
        batch.item_ids = []
        batch.save()
    return batch


# --- The kommune's periods ---


def update_policy(
    access: Access, rule_code: str, years: int, *, today: date | None = None
) -> RetentionPolicy:
    """Set the kommune's period for a rule (DPO only), in the rule's unit: 1–50 years or 1–600
    months. A proposal made under the old period is replaced by one under the new period at
    once."""
    require_retention_access(access)
    rule = get_rule(rule_code)
    if not period_in_range(years, rule.unit):
        raise ValidationFailed([period_error(rule)])
    with transaction.atomic():
        policy, _created = RetentionPolicy.objects.update_or_create(
            rule_code=rule.code,
            defaults={
                "years": years,
                "unit": rule.unit,
                "changed_by": access.user,
                "changed_by_username": access.user.get_username() if access.user else "",
            },
        )
        _propose_for(rule, today or timezone.localdate())
    return policy


def period_error(rule: RetentionRule) -> str:
    """What to write when a period is outside the rule's range."""
    low, high = period_range(rule.unit)
    if rule.unit == PeriodUnit.MONTHS:
        text = _(
            "Skriv et helt antal måneder mellem %(min)d og %(max)d. Perioden er kommunens "
            "egen politik: vælg den, I kan begrunde."
        )
    else:
        text = _(
            "Skriv et helt antal år mellem %(min)d og %(max)d. Perioden er kommunens "
            "egen politik: vælg den, I kan begrunde."
        )
    return text % {"min": low, "max": high}


def policies() -> dict[str, RetentionPolicy]:
    """The DPO's periods by rule code (rules without a row use their default)."""
    return {p.rule_code: p for p in RetentionPolicy.objects.all()}


# --- The deletion log ---


def deletion_log(access: Access) -> QuerySet[DeletionLog]:
    """The executed batches, newest first."""
    require_retention_access(access)
    return DeletionLog.objects.order_by("-at", "-pk")


def rule_label(code: str) -> str:
    rule = retention_rules().get(code)
    return str(rule.label) if rule else code


def category_label(code: str) -> str:
    return str(categories().get(code, code))
