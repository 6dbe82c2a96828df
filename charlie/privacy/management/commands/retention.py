"""``charlie retention [--dry-run]``: what has passed its retention rule, and proposals for it.

Prints, per rule, the category, the rule, the kommune's period and the count by the year the
item's period ended (counts only, never names). Without ``--dry-run`` it also proposes a batch
per rule for the data protection officer, as the daily job does. It never approves: only the DPO
does, at /privacy/opbevaring/ (docs/retention.md).
"""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from charlie.privacy.services import retention


class Command(BaseCommand):
    help = (
        "Report what has passed its retention rule; without --dry-run, propose batches for the "
        "data protection officer to approve (nothing is deleted)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only print the report; propose nothing.",
        )
        parser.add_argument(
            "--date",
            dest="as_of",
            metavar="YYYY-MM-DD",
            help="Count as of this date instead of today.",
        )

    def handle(
        self, *args: Any, dry_run: bool = False, as_of: str | None = None, **options: Any
    ) -> None:
        try:
            today = date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--date must be a date as YYYY-MM-DD, not {as_of!r}") from exc
        reports = retention.find_expired(today)
        self.stdout.write(f"Retention as of {today.isoformat()}")
        if not reports:
            self.stdout.write("No retention rules are registered.")
        for report in reports:
            rule = report.rule
            source = "set by the DPO" if report.policy_set else "default"
            self.stdout.write("")
            self.stdout.write(
                f"{rule.code} ({rule.label}) - category {rule.category}, {rule.action}, "
                f"{report.years} {report.unit} ({source})"
            )
            self.stdout.write(f"  {report.count} item(s) past the rule")
            for year, count in report.by_year.items():
                self.stdout.write(f"    ended {year}: {count}")
        if dry_run:
            self.stdout.write("")
            self.stdout.write("Dry run: nothing proposed, nothing deleted.")
            return
        batches = retention.propose_batches(today)
        self.stdout.write("")
        for batch in batches:
            self.stdout.write(
                f"Proposed batch {batch.pk}: {batch.rule_code}, {batch.count} item(s)"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(batches)} batch(es) await the data protection officer at "
                "/privacy/opbevaring/. Nothing is deleted until they are approved."
            )
        )
