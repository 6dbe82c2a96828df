"""Background tasks shared by every app, and the registry of daily jobs.

Django has a task framework but no scheduler (STACK.md): ``charlie daily``, run once a day by
cron or a systemd timer (docs/operations.md), enqueues every registered daily job, and
``charlie worker`` runs them. An app registers its own daily jobs in its ``tasks.py``, which
``charlie daily`` imports for every installed app (the way the admin finds ``admin.py``)::

    from django.tasks import task

    from charlie.core.tasks import register_daily


    @register_daily
    @task
    def send_reminders_task() -> int:
        return services.send_reminders()

Tasks take keyword-only arguments and return something JSON can hold: the worker stores the
return value with the task result. They call a service and hold no logic of their own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.tasks import Task, TaskResult, task

from charlie.core import services

#: Daily jobs by their import path, so registering the same task twice is harmless.
_daily: dict[str, Task[Any, Any]] = {}
#: Clean-up after a worker that died, by name: run when ``charlie worker`` starts and by
#: ``charlie daily`` (an app's background work that was cut off is marked as such).
_recovery: dict[str, Callable[[], int]] = {}

log = logging.getLogger(__name__)


def register_recovery(name: str, recover: Callable[[], int]) -> None:
    """Register a function that finds the app's work a dead worker left unfinished and ends it
    (returns how many it ended). Apps call this in ``AppConfig.ready()``, so ``core`` never
    imports them; registering the same name again replaces it."""
    _recovery[name] = recover


def run_recovery() -> dict[str, int]:
    """Run every registered recovery; one that fails is logged and the others still run."""
    ended: dict[str, int] = {}
    for name in sorted(_recovery):
        try:
            ended[name] = _recovery[name]()
        except Exception as exc:
            log.error("Recovery %s failed (%s)", name, type(exc).__name__)
            ended[name] = 0
    return ended


def register_daily[T: Task[Any, Any]](daily_task: T) -> T:
    """Add a task (made with ``@task``) to the jobs ``charlie daily`` enqueues; returns it."""
    if not isinstance(daily_task, Task):
        raise TypeError(
            f"register_daily() takes a task made with @task, not {daily_task!r}; "
            "put @register_daily above @task."
        )
    _daily[daily_task.module_path] = daily_task
    return daily_task


def daily_tasks() -> list[Task[Any, Any]]:
    """The registered daily jobs, in a stable order (by import path)."""
    return [_daily[path] for path in sorted(_daily)]


def enqueue_daily() -> list[TaskResult[Any, Any]]:
    """Enqueue every registered daily job once; returns the queued results."""
    return [daily_task.enqueue() for daily_task in daily_tasks()]


@register_daily
@task
def prune_login_attempts_task() -> int:
    """Delete log-in attempts older than 30 days (the lock-out rule needs minutes of them)."""
    return services.prune_login_attempts()


@register_daily
@task
def clear_expired_sessions_task() -> None:
    """Delete expired sessions, as Django's ``clearsessions`` does."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()


@register_daily
@task
def prune_task_results_task(*, min_age_days: int = 30) -> None:
    """Delete finished task results older than ``min_age_days``, or the table grows forever."""
    call_command("prune_db_task_results", queue_name="*", min_age_days=min_age_days, verbosity=0)
