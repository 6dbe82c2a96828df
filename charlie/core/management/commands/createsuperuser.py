"""``charlie createsuperuser`` refuses: Charlie has no superusers (decision 0014).

Django's superuser flag grants every permission regardless of role, so it would be a way
around the audited, two-person role grants. The first administrator, HR user and data
protection officer are created with ``charlie bootstrap-role`` (docs/operations.md).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Refuses: Charlie has no superusers. Use `charlie bootstrap-role` instead."

    def add_arguments(self, parser: Any) -> None:
        # Accept (and ignore) Django's options, so the refusal is what anyone sees.
        parser.add_argument("args", nargs="*")
        parser.add_argument("--username")
        parser.add_argument("--email")
        parser.add_argument("--noinput", "--no-input", action="store_true")
        parser.add_argument("--database")

    def handle(self, *args: Any, **options: Any) -> None:
        raise CommandError(
            "Charlie har ingen superbrugere: adgang følger alene af brugerens rolle. "
            "Opret den første administrator med »charlie bootstrap-role BRUGERNAVN --role admin« "
            "(se docs/operations.md). Senere brugere og roller oprettes under »Brugere og "
            "roller« i Charlie, hvor HR- og DPO-roller kræver en anden persons godkendelse."
        )
