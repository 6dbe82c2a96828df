"""``charlie seed-demo --employees N --seed S``: (re)create Demo Kommune at any size."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from charlie.demo.console import DEMO_NOTE, ProgressPrinter, logins_table, summary_text
from charlie.demo.services import (
    DEFAULT_EMPLOYEES,
    DEFAULT_SEED,
    create_demo,
    other_data_present,
)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Ugyldig dato {value!r}; brug ÅÅÅÅ-MM-DD.") from exc


class Command(BaseCommand):
    help = (
        "Sletter al organisation, alle medarbejdere, ansættelser og fravær og opretter "
        "demokommunen forfra i den ønskede størrelse (kun til demo- og testdatabaser)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--employees",
            type=int,
            default=DEFAULT_EMPLOYEES,
            help=f"Antal nuværende medarbejdere (standard {DEFAULT_EMPLOYEES}).",
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"Frø (standard {DEFAULT_SEED})."
        )
        parser.add_argument(
            "--reference-date",
            type=_date,
            default=None,
            help="Skæringsdato ÅÅÅÅ-MM-DD (standard: i dag); historikken går 10 år tilbage.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Kør også, når databasen har andre data end demokommunen (de slettes).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["employees"] < 150:
            raise CommandError("Demokommunen skal have mindst 150 medarbejdere.")
        if not options["force"] and other_data_present():
            raise CommandError(
                "Databasen indeholder andre organisationsenheder eller medarbejdere end "
                "demokommunen. De slettes alle; brug --force, hvis det er meningen."
            )
        progress = ProgressPrinter(self.stderr)
        summary = create_demo(
            employees=options["employees"],
            seed=options["seed"],
            reference_date=options["reference_date"],
            progress=progress,
        )
        progress.finish()
        self.stdout.write(summary_text(summary))
        self.stdout.write("")
        self.stdout.write(logins_table(summary.users))
        self.stdout.write("")
        self.stdout.write(self.style.WARNING(DEMO_NOTE))
