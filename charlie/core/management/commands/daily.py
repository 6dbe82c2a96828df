"""``charlie daily``: enqueue the daily jobs; ``charlie worker`` runs them.

Run it once a day from cron or a systemd timer (docs/operations.md). Each app registers its daily
jobs in its ``tasks.py`` with ``charlie.core.tasks.register_daily``; this command imports
``tasks.py`` from every installed app, so a new app's jobs are found without changing this file.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.module_loading import autodiscover_modules

from charlie.core import tasks


class Command(BaseCommand):
    help = "Enqueue the daily jobs (retention, reminders, clean-up) for `charlie worker`."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--list",
            action="store_true",
            dest="list_only",
            help="Only list the registered daily jobs; enqueue nothing.",
        )

    def handle(self, *args: Any, list_only: bool = False, **options: Any) -> None:
        autodiscover_modules("tasks")
        if list_only:
            for daily_task in tasks.daily_tasks():
                self.stdout.write(daily_task.module_path)
            return
        # Work a dead worker left unfinished ends now, even if no worker is running.
        for name, ended in tasks.run_recovery().items():
            if ended:
                self.stdout.write(f"{name}: {ended} afbrudt arbejde markeret som stoppet.")
        results = tasks.enqueue_daily()
        for result in results:
            self.stdout.write(f"Queued {result.task.module_path} (id {result.id})")
        self.stdout.write(
            self.style.SUCCESS(f"{len(results)} daily job(s) queued; `charlie worker` runs them.")
        )
