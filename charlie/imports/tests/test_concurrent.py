"""Two imports at once store nothing twice.

Two real imports run concurrently, each in its own thread with its own database connection.
Both are held at the start of their write phase until the other one gets there too (or a few
seconds pass), which is exactly the moment that used to go wrong: each looked for the rows,
found none, and inserted all of them — every absence period twice. With the import lock the
second waits for the first and then finds every row there.

PostgreSQL only (``DATABASE_URL=postgres://…``): SQLite serialises writers anyway.
"""

from __future__ import annotations

import contextlib
import importlib
import pathlib
import threading

import pytest
from django.db import connection

from charlie.absence.models import AbsencePeriod
from charlie.core.roles import Role
from charlie.imports import services
from charlie.imports.services import importing
from charlie.people.models import Employment, Person
from charlie.people.services import operator_access

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "docs" / "examples"

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the concurrency test needs PostgreSQL"
)

#: The command line's caller: the operator with HR's permissions.
SYSTEM = operator_access(Role.HR)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_imports_store_every_row_once(monkeypatch):
    # A transactional test may find the database flushed by an earlier one: the job families
    # are seeded again here, and the audit log (not the point of this test, and needing the
    # seeded data-use register) is left out.
    from django.apps import apps

    importlib.import_module("charlie.people.migrations.0002_seed_job_families").seed(apps, None)
    monkeypatch.setattr(importing.audit, "record", lambda **kwargs: [])
    files = [EXAMPLES / n for n in ("enheder.csv", "medarbejdere.csv")]
    services.run_import(SYSTEM, sources=services.sources_for(files))
    absence = [EXAMPLES / "fravaer.csv"]

    both_writing = threading.Barrier(2)
    write = importing._Writer.write

    def write_together(self, *args, **kwargs):
        # If the other import waits for the lock, the barrier breaks: go on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_writing.wait(timeout=5)
        return write(self, *args, **kwargs)

    monkeypatch.setattr(importing._Writer, "write", write_together)
    results, errors = [], []

    def one_import() -> None:
        try:
            results.append(
                services.run_import(SYSTEM, sources=services.sources_for([*files, *absence]))
            )
        except Exception as exc:  # pragma: no cover - shown in the assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=one_import) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(results) == 2 and all(r.ok for r in results)
    assert AbsencePeriod.objects.count() == 5
    assert Employment.objects.count() == 5
    assert Person.objects.count() == 4
    created = sorted(r.summary.absences.created for r in results)
    assert created == [0, 5]
