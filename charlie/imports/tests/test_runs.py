"""Import runs that end however they end: a run whose worker died is marked
failed by the next ``charlie worker`` start or ``charlie daily``, and the uploaded files — which
may hold CPR numbers — are deleted whether the run succeeds, finds problems, fails, is a dry run,
is declined or is given up.
"""

from __future__ import annotations

import io
import pathlib
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from charlie.core.templatetags.formats import message
from charlie.imports import services
from charlie.imports.models import ImportRun, ImportStatus
from charlie.imports.services import runs

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "docs" / "examples"


@pytest.fixture
def var(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def queued(user, *names: str, **fields) -> ImportRun:
    """A run with its files in place, as ``start_upload`` leaves it."""
    run = ImportRun.objects.create(user=user, file_names=list(names), **fields)
    folder = services.upload_dir(run.pk)
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = EXAMPLES / name
        (folder / name).write_bytes(source.read_bytes() if source.exists() else b"x;y\n")
    return run


def dead_pid() -> int:
    """A process id that is not running (checked)."""
    import os

    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid += 1


@pytest.mark.django_db
@pytest.mark.parametrize("command", ["worker", "daily"])
def test_a_run_whose_worker_died_is_marked_failed_and_its_files_deleted(
    command, users, var, monkeypatch
):
    import socket

    from charlie.core.management.commands import worker

    hr = users["hr"]
    died = queued(
        hr,
        "enheder.csv",
        status=ImportStatus.RUNNING,
        worker=f"{socket.gethostname()}:{dead_pid()}",
        started_at=timezone.now() - timedelta(minutes=3),
    )
    lost = queued(hr, "enheder.csv", task_id="no-such-task")
    ImportRun.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(hours=1))
    working = queued(
        hr,
        "enheder.csv",
        status=ImportStatus.RUNNING,
        worker=services.worker_id(),  # this process: alive
        started_at=timezone.now(),
    )
    done = ImportRun.objects.create(user=hr, file_names=["x.csv"], status=ImportStatus.DONE)
    leftover = services.upload_dir(done.pk)
    leftover.mkdir(parents=True)
    (leftover / "x.csv").write_text("010170-1234", encoding="utf-8")

    out = io.StringIO()
    if command == "worker":
        # Run only the start-up, not the worker loop.
        monkeypatch.setattr(worker.DbWorkerCommand, "handle", lambda self, *a, **k: None)
        call_command("worker", stderr=out)
    else:
        call_command("daily", stdout=out)
    for run in (died, lost):
        run.refresh_from_db()
        assert run.status == ImportStatus.FAILED
        assert run.finished_at is not None
        assert "baggrundsprocessen" in message(run.problems[0]["message"])
        assert not services.upload_dir(run.pk).exists()
    working.refresh_from_db()
    assert working.status == ImportStatus.RUNNING
    assert services.upload_dir(working.pk).exists()
    assert not leftover.exists()
    assert "imports: 2 afbrudt arbejde" in out.getvalue()


@pytest.mark.django_db
def test_a_run_that_waited_a_day_for_confirmation_is_given_up(users, var):
    run = queued(users["hr"], "enheder.csv", status=ImportStatus.CONFIRM)
    ImportRun.objects.filter(pk=run.pk).update(
        started_at=timezone.now() - services.CONFIRM_WITHIN - timedelta(minutes=1)
    )
    assert services.recover_runs() == 1
    run.refresh_from_db()
    assert run.status == ImportStatus.FAILED
    assert not services.upload_dir(run.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("outcome", ["done", "dry run", "problems", "exception", "refused"])
def test_the_files_are_deleted_however_a_run_ends(outcome, users, var, monkeypatch, caplog):
    names = ("enheder.csv", "medarbejdere.csv", "fravaer.csv")
    fields = {"dry_run": True} if outcome == "dry run" else {}
    if outcome == "problems":
        names = ("fravaer.csv",)  # people unknown
    run = queued(users["hr"], *names, **fields)
    if outcome == "exception":

        def broken(*args, **kwargs):
            raise RuntimeError("række 7: 010170-1234 Anne Jensen")  # text from the data

        monkeypatch.setattr(runs, "run_import", broken)
    if outcome == "refused":
        ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.FAILED)
    services.execute_run(run_id=run.pk)
    run.refresh_from_db()
    expected = {
        "done": "done",
        "dry run": "done",
        "problems": "problems",
        "exception": "failed",
        "refused": "failed",
    }[outcome]
    assert run.status == expected
    assert not services.upload_dir(run.pk).exists()
    # The log says where it failed, never the error's text (it may quote the data).
    assert "010170" not in caplog.text and "Anne" not in caplog.text
    if outcome == "exception":
        assert "RuntimeError at" in caplog.text


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["deactivated", "role changed"])
def test_a_queued_run_stops_when_its_uploader_may_no_longer_import(change, users, var, caplog):
    """The worker checks the uploader's right again when it starts: a closed account or a new
    role stops the run with a message that says why, nothing is imported, and it is not logged
    as an error in Charlie."""
    from charlie.people.models import OrgUnit

    hr = users["hr"]
    run = queued(hr, "enheder.csv")
    units_before = OrgUnit.objects.count()
    if change == "deactivated":
        hr.is_active = False
    else:
        hr.role = "employee"
    hr.save()
    services.execute_run(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == ImportStatus.FAILED
    assert "må ikke længere importere" in message(run.problems[0]["message"])
    assert OrgUnit.objects.count() == units_before
    assert not services.upload_dir(run.pk).exists()
    assert "failed" not in caplog.text
