"""``charlie daily`` and ``charlie worker``: daily jobs are queued in the database and run."""

from __future__ import annotations

import signal
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from charlie.core import tasks
from charlie.core.models import LoginAttempt

DAILY = {
    "charlie.core.tasks.prune_login_attempts_task",
    "charlie.core.tasks.clear_expired_sessions_task",
    "charlie.core.tasks.prune_task_results_task",
}


@pytest.fixture
def restore_signals():
    """The worker installs SIGINT/SIGTERM handlers for a graceful stop; give pytest its own back."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for s, handler in saved.items():
        signal.signal(s, handler)


def _old_and_new_login_attempts() -> tuple[LoginAttempt, LoginAttempt]:
    old = LoginAttempt.objects.create(username="gammel", succeeded=False)
    LoginAttempt.objects.filter(pk=old.pk).update(attempted_at=timezone.now() - timedelta(days=31))
    new = LoginAttempt.objects.create(username="ny", succeeded=True)
    return old, new


def _expired_and_live_sessions() -> tuple[str, str]:
    expired = SessionStore()
    expired["x"] = 1
    expired.create()
    Session.objects.filter(pk=expired.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    live = SessionStore()
    live["x"] = 2
    live.create()
    assert expired.session_key and live.session_key
    return expired.session_key, live.session_key


def test_core_daily_jobs_are_registered():
    paths = {t.module_path for t in tasks.daily_tasks()}
    assert paths >= DAILY


def test_register_daily_refuses_a_plain_function():
    def not_a_task() -> None:  # pragma: no cover - never called
        pass

    with pytest.raises(TypeError, match="@task"):
        tasks.register_daily(not_a_task)  # type: ignore[type-var]


@task
def _registered_for_test() -> str:
    return "ok"


def test_register_daily_is_idempotent_and_returns_the_task(monkeypatch):
    monkeypatch.setattr(tasks, "_daily", dict(tasks._daily))
    assert tasks.register_daily(_registered_for_test) is _registered_for_test
    tasks.register_daily(_registered_for_test)
    paths = [t.module_path for t in tasks.daily_tasks()]
    assert paths.count(_registered_for_test.module_path) == 1
    assert paths == sorted(paths)


@pytest.mark.django_db
def test_daily_list_enqueues_nothing():
    out = StringIO()
    call_command("daily", "--list", stdout=out)
    assert set(out.getvalue().split()) >= DAILY
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_daily_enqueues_each_job_once_in_the_database():
    out = StringIO()
    call_command("daily", stdout=out)
    queued = list(DBTaskResult.objects.values_list("task_path", "status"))
    assert {path for path, _ in queued} >= DAILY
    assert len(queued) == len(tasks.daily_tasks())
    assert all(status == TaskResultStatus.READY for _, status in queued)
    for path in DAILY:
        assert f"Queued {path}" in out.getvalue()
    assert f"{len(queued)} daily job(s) queued" in out.getvalue()


@pytest.mark.django_db
def test_tasks_do_the_work_when_called():
    _old, new = _old_and_new_login_attempts()
    expired, live = _expired_and_live_sessions()

    assert tasks.prune_login_attempts_task.call() == 1
    tasks.clear_expired_sessions_task.call()

    assert list(LoginAttempt.objects.values_list("pk", flat=True)) == [new.pk]
    assert list(Session.objects.values_list("pk", flat=True)) == [live]
    assert expired != live


@pytest.mark.django_db
def test_prune_task_results_keeps_recent_and_unfinished_results():
    tasks.prune_login_attempts_task.enqueue()  # ready: never pruned
    done_old = DBTaskResult.objects.create(
        task_path="charlie.core.tasks.prune_login_attempts_task",
        args_kwargs={"args": [], "kwargs": {}},
        status=TaskResultStatus.SUCCESSFUL,
        finished_at=timezone.now() - timedelta(days=40),
        backend_name="default",
    )
    done_recent = DBTaskResult.objects.create(
        task_path="charlie.core.tasks.prune_login_attempts_task",
        args_kwargs={"args": [], "kwargs": {}},
        status=TaskResultStatus.SUCCESSFUL,
        finished_at=timezone.now() - timedelta(days=2),
        backend_name="default",
    )

    tasks.prune_task_results_task.call()

    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert done_old.pk not in left
    assert done_recent.pk in left
    assert len(left) == 2


@pytest.mark.django_db(transaction=True)
def test_daily_then_worker_batch_runs_every_job(restore_signals):
    _old, new = _old_and_new_login_attempts()
    _expired, live = _expired_and_live_sessions()

    call_command("daily", stdout=StringIO())
    call_command("worker", "--batch", "--no-startup-delay", "--interval=0", stdout=StringIO())

    results = DBTaskResult.objects.all()
    assert results.count() == len(tasks.daily_tasks())
    assert set(results.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    assert results.get(task_path__endswith="prune_login_attempts_task").return_value == 1
    assert list(LoginAttempt.objects.values_list("pk", flat=True)) == [new.pk]
    assert list(Session.objects.values_list("pk", flat=True)) == [live]


def test_worker_defaults_to_every_queue_and_no_reload():
    from django.core.management import load_command_class

    command = load_command_class("charlie.core", "worker")
    parser = command.create_parser("charlie", "worker")
    options = parser.parse_args([])
    assert options.queue_name == "*"
    assert options.reload is False
    assert options.batch is False
