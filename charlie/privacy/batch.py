"""One audit write per request: entries are collected while a request runs and written together.

A page that shows a person's master data and employments records two entries; written one by
one, each costs a register check and an insert of its own. Inside ``audit_batch()`` (the
``AuditBatchMiddleware`` opens one around every request) ``services.record`` checks the register
once per request and queues the entries; they are written in one ``bulk_create`` when the block
ends — before the response leaves the server, so a page is never delivered without its entries,
and written also when the view fails, since the data may have been read. Outside a batch (tasks,
commands, tests calling services) ``record`` writes at once, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from charlie.privacy.models import AuditEntry, Purpose

_current: ContextVar[AuditBatch | None] = ContextVar("charlie_audit_batch", default=None)


class AuditBatch:
    def __init__(self) -> None:
        self.entries: list[AuditEntry] = []
        self._register: dict[str, set[str]] | None = None

    def allows(self, purpose: str, category: str) -> bool:
        """Whether the register (read once per batch) lists ``category`` for ``purpose``."""
        if self._register is None:
            self._register = {
                code: set(categories)
                for code, categories in Purpose.objects.filter(active=True).values_list(
                    "code", "categories"
                )
            }
        return category in self._register.get(purpose, set())

    def add(self, entries: list[AuditEntry]) -> None:
        self.entries.extend(entries)

    def flush(self) -> None:
        entries, self.entries = self.entries, []
        if entries:
            AuditEntry.objects.bulk_create(entries)


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
