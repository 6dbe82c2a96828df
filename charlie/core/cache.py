"""Caching of expensive results, keyed by the version of the data they come from.

A service that changes data calls ``bump(area)`` (model signals do it for ordinary saves; bulk
writers call it themselves). ``cached(area, key, compute)`` then recomputes only after a change.
The cache key also holds the active language, since results may contain translated labels.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import translation

from charlie.core.models import DataVersion

#: How long a cached result may live even when the data do not change.
DEFAULT_TIMEOUT = 60 * 60


def version(area: str) -> int:
    value = DataVersion.objects.filter(name=area).values_list("version", flat=True).first()
    return int(value or 0)


def bump(area: str) -> None:
    """Mark the data of ``area`` as changed (after the surrounding transaction commits too)."""
    updated = DataVersion.objects.filter(name=area).update(version=F("version") + 1)
    if not updated:
        DataVersion.objects.get_or_create(name=area, defaults={"version": 1})
    # A reader may have cached a result between the update and the commit: bump once more.
    transaction.on_commit(
        lambda: DataVersion.objects.filter(name=area).update(version=F("version") + 1)
    )


def cached[T](
    area: str, key: str, compute: Callable[[], T], *, timeout: int = DEFAULT_TIMEOUT
) -> T:
    full_key = f"charlie:{area}:{version(area)}:{translation.get_language()}:{key}"
    result = cache.get(full_key)
    if result is None:
        result = compute()
        cache.set(full_key, result, timeout)
    return result
