"""One audit write per request: entries are collected while a request runs and written together.

A page that shows a person's master data and employments records two entries; written one by
one, each costs a register check and an insert of its own. Inside ``audit_batch()`` (the
``AuditBatchMiddleware`` opens one around every request) ``services.record`` checks the register
against this process's copy (``register_allows``) and queues the entries; they are written in
one insert when the block ends — before the response leaves the server, so a page is never
delivered without its entries, and also when the view fails, since the data may have been read.
Outside a batch (tasks, commands, tests calling services) ``record`` reads the register and
writes at once.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any

from django.db import connection
from django.utils import timezone

from charlie.privacy.models import AuditEntry, Purpose

_current: ContextVar[AuditBatch | None] = ContextVar("charlie_audit_batch", default=None)


class AuditBatch:
    def __init__(self) -> None:
        self.entries: list[AuditEntry] = []

    def allows(self, purpose: str, category: str) -> bool:
        """Whether the register lists ``category`` for ``purpose`` (see ``register_allows``)."""
        return register_allows(purpose, category)

    def add(self, entries: list[AuditEntry]) -> None:
        self.entries.extend(entries)

    def flush(self) -> None:
        entries, self.entries = self.entries, []
        if entries:
            insert_entries(entries)


# The two statements below run on every request that shows personal data. Through the ORM
# (``values_list``, ``bulk_create``) they cost about twice as much as the SQL itself
# (benchmarks/bench_audit.py), so they are written out; both only read or insert.


def _active_register() -> dict[str, set[str]]:
    """Active purposes → the category codes they list (one query)."""
    table = connection.ops.quote_name(Purpose._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT code, categories FROM {table} WHERE active = %s", [True])  # noqa: S608
        rows = cursor.fetchall()
    return {
        code: set(json.loads(categories) if isinstance(categories, str) else categories)
        for code, categories in rows
    }


# The register as this process last read it: (monotonic time read, purpose → categories).
_register_cache: tuple[float, dict[str, set[str]]] | None = None
#: How long a read of the register is trusted for a use it *allows*. A use it does not list
#: re-reads the register at once, so an addition counts immediately; a removal made in another
#: process counts here within this many seconds (in this process, at once: ``forget_register``).
REGISTER_TTL_SECONDS = 60.0


def forget_register(**kwargs: Any) -> None:
    """Drop this process's copy of the register (on every save of a ``Purpose``)."""
    global _register_cache
    _register_cache = None


def register_allows(purpose: str, category: str) -> bool:
    """Whether ``purpose`` is active in the register and lists ``category``, from a copy of the
    register kept for ``REGISTER_TTL_SECONDS``: no query on most requests. ``False`` only after
    a fresh read, so a refusal is never stale."""
    global _register_cache
    now = time.monotonic()
    fresh = _register_cache is not None and now - _register_cache[0] < REGISTER_TTL_SECONDS
    if fresh and category in _register_cache[1].get(purpose, set()):  # type: ignore[index]
        return True
    _register_cache = (now, _active_register())
    return category in _register_cache[1].get(purpose, set())


def insert_entries(entries: list[AuditEntry], *, chunk: int = 500) -> None:
    """Insert new audit entries, one statement per ``chunk`` (insert only: append-only log).

    500 rows × 10 columns stays far below SQLite's limit of 32,766 parameters."""
    for start in range(0, len(entries), chunk):
        _insert(entries[start : start + chunk])


def _insert(entries: list[AuditEntry]) -> None:
    now = timezone.now()
    fields = [f for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    if connection.vendor == "postgresql":
        # One array per column: the statement is the same for any number of rows, so
        # PostgreSQL and psycopg prepare and parse it once per connection, not once per page.
        for entry in entries:
            entry.at = entry.at or now
        columns_values = [[getattr(entry, f.attname) for entry in entries] for f in fields]
        with connection.cursor() as cursor:
            cursor.execute(_unnest_insert_sql(), columns_values)
        return
    params: list[Any] = []
    for entry in entries:
        entry.at = entry.at or now
        params.extend(f.get_db_prep_save(f.pre_save(entry, add=False), connection) for f in fields)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = (
        f"INSERT INTO {quote(AuditEntry._meta.db_table)} ({columns}) "  # noqa: S608
        f"VALUES {', '.join([row] * len(entries))}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@cache
def _unnest_insert_sql() -> str:
    """``INSERT … SELECT * FROM unnest(%s::type[], …)`` for the audit log (PostgreSQL)."""
    fields = [f for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in fields)
    arrays = ", ".join(f"%s::{_array_type(f.db_type(connection))}[]" for f in fields)
    return (
        f"INSERT INTO {quote(AuditEntry._meta.db_table)} ({columns}) "  # noqa: S608
        f"SELECT * FROM unnest({arrays})"
    )


def _array_type(db_type: str | None) -> str:
    # "varchar(150)" → "varchar": an array cast needs the bare type; the column checks the length.
    return (db_type or "text").split("(", 1)[0]


def current_batch() -> AuditBatch | None:
    return _current.get()


def flush_pending() -> None:
    """Write what the current batch holds now, e.g. before showing a history that must include
    the read being made."""
    batch = _current.get()
    if batch is not None:
        batch.flush()


@contextmanager
def audit_batch() -> Iterator[AuditBatch]:
    """Collect ``record`` calls and write them together when the block ends (nested: one batch)."""
    if _current.get() is not None:
        yield _current.get()  # type: ignore[misc]
        return
    batch = AuditBatch()
    token = _current.set(batch)
    try:
        yield batch
    finally:
        _current.reset(token)
        batch.flush()


class AuditBatchMiddleware:
    """Opens an audit batch around each request (settings.MIDDLEWARE, after authentication)."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        with audit_batch():
            return self.get_response(request)
