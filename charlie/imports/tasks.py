"""Background work of the import: an upload is imported by the worker (``charlie worker``)."""

from __future__ import annotations

from django.tasks import task

from charlie.imports import services


@task
def run_import_task(*, run_id: int) -> str:
    """Import the files of one upload (an ``ImportRun``); returns its final status."""
    return services.execute_run(run_id=run_id)
