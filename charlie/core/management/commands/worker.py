"""``charlie worker``: the background task worker.

This is django-tasks-db's ``db_worker`` with defaults for Charlie: every queue (``*``), and no
auto-reload (``db_worker`` reloads when DEBUG is on, which leaves an orphaned child behind when
``./dev run`` or systemd stops it). It stops gracefully on SIGTERM/SIGINT: a running task is
finished first; a second signal stops it at once. When it starts, it runs every registered
recovery (``charlie.core.tasks.register_recovery``): work a dead worker left unfinished ends.

Every ``db_worker`` option still works, e.g.::

    charlie worker                    # run until stopped (systemd, ./dev run)
    charlie worker --batch            # run what is queued, then exit (cron, tests)
    charlie worker --queue-name=default --interval=5
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from charlie.core.tasks import run_recovery


class Command(DbWorkerCommand):
    help = (
        "Run Charlie's background task worker (django-tasks-db's db_worker; every queue, "
        "no auto-reload). Use --batch to run what is queued and exit."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", reload=False)

    def handle(self, *args: Any, **options: Any) -> None:
        # Work a worker that died left behind (an import "running" forever) ends first.
        for name, ended in run_recovery().items():
            if ended:
                self.stderr.write(f"{name}: {ended} afbrudt arbejde markeret som stoppet.")
        super().handle(*args, **options)
