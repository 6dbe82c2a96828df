"""Imports as runs: an upload is saved, queued, worked by the background worker
(``charlie worker``), and its result shown on its page; a run that would end many employments
waits for HR's confirmation; runs whose worker died are ended (``recover_runs``).

The queue is the task ``imports.tasks.run_import_task``, which calls ``execute_run`` here. The
task module imports these services, never the other way round: ``ImportsConfig.ready`` hands
the task to ``register_run_task``, and ``start_upload`` and ``confirm_run`` enqueue through it.
"""

from __future__ import annotations

import logging
import os
import pathlib
import shutil
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.tasks import Task, TaskResultStatus
from django.tasks.exceptions import TaskResultDoesNotExist, TaskResultMismatch
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.cpr import contains_cpr
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.messages import Message, encode
from charlie.core.roles import Role
from charlie.imports import texts
from charlie.imports.models import ImportRun, ImportStatus
from charlie.imports.plan import (
    Summary,
)
from charlie.imports.services.importing import (
    CATEGORY_EMPLOYMENT,
    PURPOSE,
    STORED_PROBLEMS,
    require_import_access,
    run_import,
    sources_for,
    where_raised,
)
from charlie.people.models import Employment
from charlie.people.services import access_for, operator_access, unit_labels
from charlie.privacy import services as audit
from charlie.privacy.models import Action

if TYPE_CHECKING:
    from charlie.privacy.access import Access

log = logging.getLogger(__name__)

# --- The upload page: a run per upload, worked by the background worker ---

#: A run that waits for a confirmation longer than this is given up (and its files deleted).
CONFIRM_WITHIN = timedelta(hours=24)
#: A run still "running" after this long is taken to be dead, wherever its worker was.
RUNNING_AT_MOST = timedelta(hours=6)
INTERRUPTED = texts.INTERRUPTED()
NOT_CONFIRMED = texts.NOT_CONFIRMED()
DECLINED = texts.DECLINED()


def upload_dir(run_id: int) -> pathlib.Path:
    return pathlib.Path(settings.VAR_DIR) / "imports" / str(run_id)


def _delete_files(run_id: int) -> None:
    """Delete a run's uploaded files (they may hold CPR numbers): when it ends, however."""
    shutil.rmtree(upload_dir(run_id), ignore_errors=True)


def _safe_name(name: str) -> str:
    base = pathlib.Path(name.replace("\\", "/")).name.strip() or "fil"
    return "".join(ch if ch.isalnum() or ch in "._- æøåÆØÅ" else "_" for ch in base)


def start_upload(
    access: Access, *, files: Sequence[Any], dry_run: bool, snapshot: bool = False
) -> ImportRun:
    """Save the uploaded files under ``var/imports/<run>/`` and queue the import on the worker.

    ``files`` are Django ``UploadedFile`` objects (anything with ``name`` and ``chunks()``).
    ``snapshot``: the files are the complete picture (``run_import``).
    """
    require_import_access(access)
    if access.user is None:
        raise PermissionDenied
    if not files:
        raise ValidationFailed([_("Vælg mindst én fil.")])
    names = [_safe_name(f.name) for f in files]
    if any(contains_cpr(n) for n in names):
        raise ValidationFailed(
            [_("Et filnavn ser ud til at indeholde et CPR-nummer. Omdøb filen, og prøv igen.")]
        )
    bad = [
        n for n in names if pathlib.Path(n).suffix.lower() not in (".csv", ".txt", ".xlsx", ".xml")
    ]
    if bad:
        raise ValidationFailed(
            [
                _("»%(name)s« kan ikke importeres. Brug .csv, .xlsx eller OPUS-filer (.xml).")
                % {"name": n}
                for n in bad
            ]
        )
    if len(set(names)) != len(names):
        raise ValidationFailed([_("To af filerne har samme navn. Giv dem hver sit navn.")])
    run = ImportRun.objects.create(
        user=access.user, file_names=names, dry_run=dry_run, snapshot=snapshot
    )
    folder = upload_dir(run.pk)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for upload, name in zip(files, names, strict=True):
            with (folder / name).open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
    except BaseException:
        _delete_files(run.pk)
        raise
    # A transaction that rolls back leaves no run behind: its files go too.
    transaction.on_commit(lambda: _enqueue(run.pk), robust=False)
    return run


#: The task that works a run (``imports.tasks.run_import_task``), handed over at start-up.
_run_task: Task[Any, str] | None = None


def register_run_task(run_task: Task[Any, str]) -> None:
    """Called by ``ImportsConfig.ready`` with ``imports.tasks.run_import_task``: the task
    module imports these services, so they get the task handed over instead of importing it."""
    global _run_task
    _run_task = run_task


def _queue() -> Task[Any, str]:
    if _run_task is None:
        raise RuntimeError("The import task is not registered (ImportsConfig.ready)")
    return _run_task


def _enqueue(run_id: int) -> None:
    result = _queue().enqueue(run_id=run_id)
    ImportRun.objects.filter(pk=run_id).update(task_id=str(result.id))


def worker_id() -> str:
    """This process, as ``host:pid`` (a run records which process works it)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _access_of_run(run: ImportRun) -> Access:
    """The worker imports for the user who uploaded (HR, checked again now). A run whose
    account has since been deleted runs as the operator, as the command line does."""
    if run.user is None:
        return operator_access(Role.HR, channel="task")
    return access_for(run.user, channel="task")


def execute_run(*, run_id: int) -> str:
    """Work one queued run (the worker calls this): import, store the result, delete the files.

    The files are deleted however the run ends (done, problems, an error, a dry run, refused);
    a run that waits for a confirmation keeps them until it is confirmed, declined or given up
    (``recover_runs``).
    """
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, started_at=timezone.now(), worker=worker_id()
    )
    run = ImportRun.objects.select_related("user").filter(pk=run_id).first()
    if not claimed or run is None:
        if run is None or (not run.is_running and run.status != ImportStatus.CONFIRM):
            _delete_files(run_id)
        return "skipped"
    folder = upload_dir(run.pk)
    keep_files = False
    try:
        paths = [folder / name for name in run.file_names]
        result = run_import(
            _access_of_run(run),
            sources=sources_for(paths),
            dry_run=run.dry_run,
            detail=f"upload {run.pk}",
            snapshot=run.snapshot,
            confirmed=run.confirmed,
        )
    except Exception as exc:
        messages: list[Message | str]
        if isinstance(exc, ValidationFailed):
            messages = list(exc.messages)
        elif isinstance(exc, PermissionDenied):
            # The uploader lost the right to import (role changed, account closed) while the
            # run waited in the queue: a deactivated account stops working at once.
            messages = [texts.UPLOADER_MAY_NOT()]
        else:
            log.error("Import run %s failed: %s", run.pk, where_raised(exc))
            messages = [texts.CHARLIE_FAILED()]
        _finish(run, ImportStatus.FAILED, problems=[_problem_json(None, m) for m in messages])
    else:
        if result.needs_confirmation:
            keep_files = True
            status = ImportStatus.CONFIRM
        else:
            status = ImportStatus.DONE if result.ok else ImportStatus.PROBLEMS
        _finish(
            run,
            status,
            summary=result.summary.to_json(),
            problems=[
                {"file": p.file, "row": p.row, "column": p.column, "message": encode(p.message)}
                for p in result.problems[:STORED_PROBLEMS]
            ],
            count=result.problem_count,
        )
    finally:
        if not keep_files:
            _delete_files(run.pk)
    return str(run.status)


def _problem_json(file: str | None, message: Message | str) -> dict[str, Any]:
    """A problem as ``ImportRun.problems`` keeps it: a message as its code (``core.messages``),
    written in the reader's language by the run page's ``message`` filter."""
    return {"file": file or "", "row": None, "column": None, "message": encode(message)}


def _finish(
    run: ImportRun,
    status: str,
    *,
    summary: dict[str, Any] | None = None,
    problems: list[dict[str, Any]] | None = None,
    count: int | None = None,
) -> None:
    """Store how a run ended (at most ``STORED_PROBLEMS`` problems, with the total count)."""
    run.status = status
    if summary is not None:
        run.summary = summary
    kept = (problems or [])[:STORED_PROBLEMS]
    run.problems = kept
    run.problem_count = len(kept) if count is None else count
    run.finished_at = None if status == ImportStatus.CONFIRM else timezone.now()
    run.save(update_fields=["status", "summary", "problems", "problem_count", "finished_at"])


def confirm_run(access: Access, *, run_id: int, confirm: bool) -> ImportRun:
    """HR's answer to a run that would end many employments: import it after all (queued again
    with ``confirmed``), or decline it (failed; files deleted)."""
    run = get_run(access, run_id=run_id)
    if run.status != ImportStatus.CONFIRM:
        raise ValidationFailed(
            [
                _(
                    "Importen venter ikke på en bekræftelse. Start en ny import, hvis det er "
                    "nødvendigt."
                )
            ]
        )
    if not confirm:
        _finish(run, ImportStatus.FAILED, problems=[_problem_json(None, DECLINED)])
        _delete_files(run.pk)
        return run
    if not upload_dir(run.pk).is_dir():
        _finish(run, ImportStatus.FAILED, problems=[_problem_json(None, NOT_CONFIRMED)])
        return run
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportStatus.QUEUED,
        confirmed=True,
        confirmed_by=access.user,
        finished_at=None,
        started_at=timezone.now(),  # queued again now (recover_runs measures from here)
        task_id="",
    )
    run.refresh_from_db()
    transaction.on_commit(lambda: _enqueue(run.pk), robust=False)
    return run


def _worker_alive(worker: str) -> bool:
    host, _sep, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's worker: only the age tells
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _task_waiting(task_id: str) -> bool:
    """True while the run's task is still queued or running in the task framework."""
    if not task_id:
        return False
    try:
        result = _queue().get_result(task_id)
    except (TaskResultDoesNotExist, TaskResultMismatch, ValueError):
        return False
    return result.status in (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def recover_runs() -> int:
    """Mark the runs whose worker died as failed and delete their files; give up runs that
    waited a day for a confirmation; delete files no run needs. Returns how many runs ended.

    Called when ``charlie worker`` starts and by ``charlie daily`` (registered with
    ``charlie.core.tasks.register_recovery``). A *queued* run is dead when its task is no
    longer waiting in the task queue; a *running* one when its worker process is gone (same
    machine) or it has run longer than ``RUNNING_AT_MOST``.
    """
    now = timezone.now()
    ended = 0
    for run in ImportRun.objects.filter(
        status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING, ImportStatus.CONFIRM]
    ):
        if run.status == ImportStatus.QUEUED:
            queued_at = run.started_at or run.created_at
            dead = now - queued_at > timedelta(minutes=5) and not _task_waiting(run.task_id)
            message = INTERRUPTED
        elif run.status == ImportStatus.RUNNING:
            started = run.started_at or run.created_at
            dead = not _worker_alive(run.worker) or now - started > RUNNING_AT_MOST
            message = INTERRUPTED
        else:
            dead = now - (run.started_at or run.created_at) > CONFIRM_WITHIN
            message = NOT_CONFIRMED
        if not dead:
            continue
        # Only if nobody finished it meanwhile.
        if ImportRun.objects.filter(pk=run.pk, status=run.status).update(
            status=ImportStatus.FAILED,
            finished_at=now,
            problems=[_problem_json(None, message)],
            problem_count=1,
        ):
            log.warning("Import run %s ended as failed (%s)", run.pk, run.status)
            ended += 1
        _delete_files(run.pk)
    # Folders of runs that have ended (or never existed).
    root = pathlib.Path(settings.VAR_DIR) / "imports"
    if root.is_dir():
        waiting = set(
            ImportRun.objects.filter(
                status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING, ImportStatus.CONFIRM]
            ).values_list("pk", flat=True)
        )
        for folder in root.iterdir():
            if folder.is_dir() and folder.name.isdigit() and int(folder.name) not in waiting:
                shutil.rmtree(folder, ignore_errors=True)
    return ended


def get_run(access: Access, *, run_id: int) -> ImportRun:
    require_import_access(access)
    if access.user is None:
        raise PermissionDenied
    run = ImportRun.objects.select_related("user", "confirmed_by").filter(pk=run_id).first()
    if run is None:
        raise NotFound
    return run


def recent_runs(access: Access, *, limit: int = 10) -> list[ImportRun]:
    require_import_access(access)
    if access.user is None:
        raise PermissionDenied
    return list(ImportRun.objects.select_related("user")[:limit])


def kind_labels() -> dict[str, str]:
    return {
        "units": _("Enheder"),
        "people": _("Medarbejdere"),
        "employments": _("Ansættelser"),
        "absences": _("Fraværsperioder"),
    }


def summary_rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """The summary as table rows: kind label and its counts."""
    labels = kind_labels()
    return [
        {"label": labels[key], "counts": counts}
        for key, counts in Summary.from_json(summary).kinds()
    ]


@dataclass(frozen=True)
class EndedRow:
    """One employment an import ends (or would end), as the result lists it."""

    employee_number: str
    name: str
    unit: str
    job_title: str
    start_date: date
    end_date: date


def ended_rows(access: Access, *, summary: dict[str, Any]) -> list[EndedRow]:
    """The employments a result lists as ended — names from Charlie, so the read is audited:
    one ``read`` entry per person shown (category ``ansaettelse``, purpose
    ``hr_administration``)."""
    require_import_access(access)
    listed = Summary.from_json(summary).ended
    if not listed:
        return []
    end_by_id = {int(pk): date.fromisoformat(day) for pk, day in listed}
    employments = {
        e.pk: e
        for e in Employment.objects.filter(pk__in=list(end_by_id)).select_related(
            "person", "org_unit"
        )
    }
    labels = unit_labels()
    rows = [
        EndedRow(
            employee_number=e.person.employee_number,
            name=e.person.full_name,
            unit=labels.get(e.org_unit_id, e.org_unit.name),
            job_title=e.job_title,
            start_date=e.start_date,
            end_date=end_by_id[pk],
        )
        for pk in end_by_id
        if (e := employments.get(pk)) is not None
    ]
    audit.record(
        actor=access.user,
        subject_person_ids={e.person_id for e in employments.values()},
        action=Action.READ,
        category=CATEGORY_EMPLOYMENT,
        purpose=PURPOSE,
        channel=access.channel,
        detail="import: afsluttede ansættelser",
    )
    return rows


def run_page(access: Access, *, run_id: int) -> dict[str, Any]:
    """What an import's page shows: the run, its counts and notes, and — once it has finished —
    the employments it ended or would end (read from Charlie, audited by ``ended_rows``)."""
    run = get_run(access, run_id=run_id)
    summary = Summary.from_json(run.summary) if run.summary else None
    return {
        "run": run,
        "summary": summary_rows(run.summary) if summary else [],
        "notes": summary.notes if summary else [],
        "ended_total": summary.employments.ended
        if summary and run.status in (ImportStatus.DONE, ImportStatus.CONFIRM)
        else 0,
        "needs_confirmation": bool(summary and summary.needs_confirmation),
        # Only a run that did (or, confirmed, would) end them: a run that found problems, was
        # declined or failed ended nothing.
        "ended": ended_rows(access, summary=run.summary)
        if summary and run.status in (ImportStatus.DONE, ImportStatus.CONFIRM)
        else [],
    }
