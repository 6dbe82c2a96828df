"""The import's use cases; this package's names are its public face.

- ``importing``: the engine (``run_import``): check whole files, then write them in one
  transaction, with the audit log — behind ``charlie import`` and the worker;
- ``runs``: an upload as a run, queued on the worker (``imports.tasks``), with its page, HR's
  confirmation and the recovery of runs whose worker died.

Every service that acts for someone takes ``access: Access`` first; only HR imports
(``imports.permissions.IMPORT_DATA``).
"""

from charlie.imports.services.importing import (
    BATCH_SIZE,
    STORED_PROBLEMS,
    ImportResult,
    Progress,
    import_lock,
    needs_confirmation,
    person_keyer,
    require_import_access,
    run_import,
    sources_for,
)
from charlie.imports.services.runs import (
    CONFIRM_WITHIN,
    DECLINED,
    INTERRUPTED,
    NOT_CONFIRMED,
    RUNNING_AT_MOST,
    EndedRow,
    confirm_run,
    ended_rows,
    execute_run,
    get_run,
    kind_labels,
    recent_runs,
    recover_runs,
    register_run_task,
    run_page,
    start_upload,
    summary_rows,
    upload_dir,
    worker_id,
)

__all__ = [
    "BATCH_SIZE",
    "CONFIRM_WITHIN",
    "DECLINED",
    "INTERRUPTED",
    "NOT_CONFIRMED",
    "RUNNING_AT_MOST",
    "STORED_PROBLEMS",
    "EndedRow",
    "ImportResult",
    "Progress",
    "confirm_run",
    "ended_rows",
    "execute_run",
    "get_run",
    "import_lock",
    "kind_labels",
    "needs_confirmation",
    "person_keyer",
    "recent_runs",
    "recover_runs",
    "register_run_task",
    "require_import_access",
    "run_import",
    "run_page",
    "sources_for",
    "start_upload",
    "summary_rows",
    "upload_dir",
    "worker_id",
]
