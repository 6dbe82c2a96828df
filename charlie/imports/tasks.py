"""Background work of the import: an upload is imported by the worker (``charlie worker``).

The services enqueue ``run_import_task`` through ``services.register_run_task`` (called in
``ImportsConfig.ready``), so this module imports the services and not the other way round."""

from __future__ import annotations

from django.tasks import task

from charlie.imports import services


@task
def run_import_task(*, run_id: int) -> str:
    """Import the files of one upload (an ``ImportRun``); returns its final status."""
    return services.execute_run(run_id=run_id)
