"""Caching of expensive results, keyed by the version of the data they come from.

A service that changes data calls ``bump(area)`` (model signals do it for ordinary saves; bulk
writers call it themselves). ``cached(area, key, compute)`` then recomputes only after a change.
The cache key also holds the active language, since results may contain translated labels.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Model
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from charlie.core.models import DataVersion

#: How long a cached result may live even when the data do not change.
DEFAULT_TIMEOUT = 60 * 60


#: Every area's version as this request first read them (one query for all): a page that asks
#: for several cached results reads the versions once. None outside a request (commands, the
#: worker, services called directly), which read them each time.
_request_versions: ContextVar[dict[str, int] | None] = ContextVar(
    "charlie_request_versions", default=None
)


def _all_versions() -> dict[str, int]:
    return dict(DataVersion.objects.values_list("name", "version"))


def _current_versions(areas: tuple[str, ...]) -> dict[str, int]:
    memo = _request_versions.get()
    if memo is None:
        return dict(DataVersion.objects.filter(name__in=areas).values_list("name", "version"))
    if not memo:
        memo.update(_all_versions())
        memo.setdefault("", 0)  # read: an installation with no versions yet reads once too
    return memo


def version(area: str) -> int:
    return int(_current_versions((area,)).get(area, 0))


def versions(areas: tuple[str, ...]) -> str:
    """The versions of several areas as one key part, read in one query."""
    found = _current_versions(areas)
    return ".".join(str(found.get(area, 0)) for area in areas)


def start_request(**kwargs: object) -> None:
    """From now until ``end_request`` (Django's request signals, connected in core's
    ``AppConfig.ready``), the versions are read once."""
    _request_versions.set({})


def end_request(**kwargs: object) -> None:
    _request_versions.set(None)


def _forget_versions() -> None:
    memo = _request_versions.get()
    if memo is not None:
        memo.clear()


def _increment(area: str) -> int:
    _forget_versions()
    return DataVersion.objects.filter(name=area).update(version=F("version") + 1)


def bump(area: str) -> None:
    """Mark the data of ``area`` as changed (after the surrounding transaction commits too)."""
    if not _increment(area):
        DataVersion.objects.get_or_create(name=area, defaults={"version": 1})
    # A reader may have cached a result between the update and the commit: bump once more.
    transaction.on_commit(lambda: _increment(area))


def bump_on_save(area: str, *models: type[Model], deletes: bool = True) -> None:
    """Bump ``area`` whenever one of ``models`` is saved (and deleted, unless ``deletes`` is
    False: a delete signal makes Django delete a cascade row by row). For an app's
    ``AppConfig.ready``; bulk writers, which send no signals, call ``bump`` themselves."""

    def changed(**kwargs: object) -> None:
        bump(area)

    for model in models:
        name = f"{area}-{model._meta.label}"
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"bump-{name}")
        if deletes:
            post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"bump-d-{name}")


def cached[T](
    area: str | tuple[str, ...],
    key: str,
    compute: Callable[[], T],
    *,
    timeout: int = DEFAULT_TIMEOUT,
) -> T:
    """``compute()``, or its result from the cache while the data of ``area`` — or of every
    area in a tuple, for a result drawn from several — have not changed."""
    if isinstance(area, tuple):
        full_key = f"charlie:{'+'.join(area)}:{versions(area)}:{translation.get_language()}:{key}"
    else:
        full_key = f"charlie:{area}:{version(area)}:{translation.get_language()}:{key}"
    result = cache.get(full_key)
    if result is None:
        result = compute()
        cache.set(full_key, result, timeout)
    return result
