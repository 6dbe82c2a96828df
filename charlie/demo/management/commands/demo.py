"""``charlie demo [--force]``: create Demo Kommune once, then show the demo logins."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from charlie.demo.console import DEMO_NOTE, ProgressPrinter, logins_table, summary_text
from charlie.demo.services import (
    DEFAULT_EMPLOYEES,
    DEFAULT_SEED,
    create_demo,
    demo_exists,
    demo_users,
    other_data_present,
)


class Command(BaseCommand):
    help = (
        "Opretter demokommunen (Demo Kommune, 1.800 medarbejdere med 10 års historik), hvis den "
        "ikke findes, og viser demo-logins. Med --force oprettes den forfra."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Slet og opret demokommunen igen – også hvis databasen har andre data.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[DEFAULT_DB_ALIAS]
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            self.stderr.write("Databasen opdateres først (charlie migrate) …")
            call_command("migrate", interactive=False, verbosity=0)
        summary = None
        if not options["force"] and not demo_exists() and other_data_present():
            raise CommandError(
                "Databasen indeholder andre organisationsenheder eller medarbejdere end "
                "demokommunen. Demokommunen erstatter dem alle; brug --force, hvis det er meningen."
            )
        if options["force"] or not demo_exists():
            progress = ProgressPrinter(self.stderr)
            summary = create_demo(employees=DEFAULT_EMPLOYEES, seed=DEFAULT_SEED, progress=progress)
            progress.finish()
            self.stdout.write(summary_text(summary))
        else:
            self.stdout.write(
                "Demokommunen findes allerede (brug --force for at oprette den forfra)."
            )
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo-logins"))
        self.stdout.write(logins_table(summary.users if summary else demo_users()))
        self.stdout.write("")
        self.stdout.write(self.style.WARNING(DEMO_NOTE))
