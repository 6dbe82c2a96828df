"""Shared pytest set-up: every app's fixtures and factories, and a clean cache per test.

The fixtures live with their app, in ``charlie/<app>/tests/factories.py`` (the test
organisation ``org``, ``users`` with one user per role and ``client_as`` are the people core's),
and are registered here for every installed Charlie app that has such a module.
"""

from __future__ import annotations

import pytest

from charlie.core.testing.cases import factory_plugins

pytest_plugins = factory_plugins()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Data versions roll back with each test's transaction, so cached results must go too."""
    from django.core.cache import cache

    from charlie.core.cache import end_request

    # A request that ended in an exception may leave its once-read data versions behind.
    end_request()
    cache.clear()
    yield
    cache.clear()
    end_request()
