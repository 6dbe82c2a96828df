"""Who may open each URL of imports, and which of its URLs must write the audit log:
the import pages.

Collected by ``charlie.core.testing.cases`` for ``tests/test_permissions.py`` and
``charlie/privacy/tests/test_every_personal_data_url.py``.
"""

from __future__ import annotations

from typing import Any

from charlie.core.testing.cases import (
    LOGIN_REQUIRED,
    Case,
    Visit,
    expect,
    nord,
)


def import_run_id() -> int:
    from charlie.imports.models import ImportRun

    return ImportRun.objects.create(file_names=["x.csv"], status="done").pk


def _import_run_ending_nord(org: Any) -> dict[str, Any]:
    """A dry run of a complete snapshot that would end the employment of the person in Nord."""
    from charlie.core.models import User
    from charlie.imports.models import ImportRun

    job = org.person_in_nord.employments.get()
    run = ImportRun.objects.create(
        user=User.objects.get(username="test-hr"),
        file_names=["ZLPE20250131_delta.xml"],
        dry_run=True,
        snapshot=True,
        status="done",
        summary={"employments": {"ended": 1}, "ended": [[job.pk, "2025-01-31"]]},
    )
    return {"run_id": run.pk}


PERMISSION_CASES: list[Case] = [
    # Import: HR only (the upload page and an import's results page).
    Case("imports:upload", expect(403, anonymous=LOGIN_REQUIRED, hr=200)),
    Case(
        "imports:upload",
        expect(403, anonymous=LOGIN_REQUIRED, hr=400),
        method="post",
        data={},
        label="without a file",
    ),
    Case(
        "imports:run",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=lambda org: {"run_id": import_run_id()},
    ),
    # HR's answer to an import that would end many employments (a finished run: nothing to
    # confirm, back to its page).
    Case(
        "imports:confirm",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        data={"decision": "no"},
        kwargs=lambda org: {"run_id": import_run_id()},
    ),
    Case(
        "imports:confirm",
        expect(405, anonymous=LOGIN_REQUIRED),
        kwargs=lambda org: {"run_id": import_run_id()},
        label="GET is refused",
    ),
]

PERSONAL_DATA_VISITS: list[Visit] = [
    # An import's page lists the employments it ends or would end, by name.
    Visit(
        "imports:run",
        "hr",
        nord,
        "ansaettelse",
        "hr_administration",
        kwargs=_import_run_ending_nord,
    ),
]

#: The URLs that show personal data: each has a visit above.
PERSONAL_DATA_URL_NAMES = {
    "imports:run",
}
