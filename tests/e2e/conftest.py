"""Browser tests: Playwright (sync API) driving Debian's Chromium against ``live_server``.

One browser for the session, a fresh context (no cookies, no storage) for every test. Without
Chromium the tests skip, unless ``CHARLIE_REQUIRE_BROWSER=1`` (CI), where they fail. Helpers are
in ``tests/e2e/helpers.py``; test modules set ``pytestmark = E2E``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.e2e.helpers import AXE_JS, CHROMIUM

# Playwright's sync API runs an asyncio loop in the main thread, where fixtures also use the
# database; Django refuses that unless told it is safe (it is: nothing else runs there).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _one_request_at_a_time() -> None:
    """Let the live server's application serve one request at a time on SQLite.

    On SQLite the test database is one in-memory connection, which Django hands to every request
    thread of the live server (``connections_override``). Two requests at once — an htmx check
    still running when the form it checks is sent — used it together, and SQLite failed one of
    them ("bad parameter or other API misuse": a 500 page in the browser, now and then).
    Connections are still accepted on their own threads; the application, and the database
    with it, takes one request at a time, and a response is read to its end (its ``close``
    called, which ends Django's request) before the next begins. PostgreSQL gives each thread
    its own connection and is left as it is.
    """
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    class OneRequestAtATime(ThreadedWSGIServer):
        lock = threading.Lock()

        def set_app(self, application: Any) -> None:
            if connection.vendor != "sqlite":
                super().set_app(application)
                return

            def serial(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
                with self.lock:
                    response = application(environ, start_response)
                    try:
                        return [b"".join(response)]
                    finally:
                        close = getattr(response, "close", None)
                        if close is not None:
                            close()

            super().set_app(serial)

    LiveServerThread.server_class = OneRequestAtATime


_one_request_at_a_time()


def _missing(reason: str) -> None:
    if os.environ.get("CHARLIE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (and CHARLIE_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(f"{reason}; browser tests skipped (set CHARLIE_REQUIRE_BROWSER=1 to fail instead)")


@pytest.fixture(scope="session")
def _migrated_data(django_db_setup: None, django_db_blocker: Any) -> dict[str, str]:
    """The test databases as migrations left them, serialised, and reset to that state.

    pytest-django serialises them at set-up because the tests here use ``serialized_rollback``,
    and Django restores that copy before each of these tests. A transactional test elsewhere
    without ``serialized_rollback`` may have run first, though: its flush deleted the seeded data
    and re-created content types and permissions under new ids, which would clash with the
    copy. So start the browser tests from exactly the migrated state.
    """
    from django.core.management import call_command
    from django.db import connections

    serialized = {}
    with django_db_blocker.unblock():
        for alias in connections:
            contents = getattr(connections[alias], "_test_serialized_contents", None)
            if contents is None:
                continue
            serialized[alias] = contents
            call_command(
                "flush", database=alias, interactive=False, inhibit_post_migrate=True, verbosity=0
            )
            connections[alias].creation.deserialize_db_from_string(contents)
    return serialized


@pytest.fixture(scope="session")
def browser(_migrated_data: dict[str, str]) -> Iterator[Any]:
    if not CHROMIUM.exists():
        _missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    if not AXE_JS.exists():
        _missing(f"axe-core not found at {AXE_JS} (npm ci)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright now runs an event loop in this thread, so asgiref gives Django a fresh set
        # of connection wrappers (a context-local one), which lack the serialised copy that
        # ``serialized_rollback`` restores from. Hand it over.
        for alias, contents in _migrated_data.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _sequences_after_restore(transactional_db: None) -> None:
    """On PostgreSQL, move the id sequences past the rows ``serialized_rollback`` restored.

    The flush between tests resets the sequences to 1 and the restore inserts the seeded rows
    with their ids, so the next insert into a seeded table (a new version of a purpose in the
    data-use register) would take id 1 again and fail on the primary key.
    """
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings: Any) -> None:
    """PBKDF2 takes about a second per hash here, and every test hashes seven passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class BrowserLog:
    """What the browser reported while a test ran."""

    console: list[tuple[str, str]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_responses: list[tuple[int, str]] = field(default_factory=list)

    @property
    def csp_violations(self) -> list[str]:
        return [text for _, text in self.console if "Content Security Policy" in text]

    @property
    def errors(self) -> list[str]:
        """Console errors and uncaught exceptions, except Chromium's note on an HTTP error."""
        console = [
            text
            for kind, text in self.console
            if kind == "error" and "the server responded with a status of" not in text
        ]
        return console + self.page_errors


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


@pytest.fixture
def page(browser: Any, browser_log: BrowserLog) -> Iterator[Any]:
    """A page in a fresh context. Any CSP violation or script error fails the test."""
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("console", lambda msg: browser_log.console.append((msg.type, msg.text)))
    page.on("pageerror", lambda error: browser_log.page_errors.append(str(error)))

    def on_response(response: Any) -> None:
        if response.status >= 400:
            browser_log.failed_responses.append((response.status, response.url))

    page.on("response", on_response)
    yield page
    context.close()
    assert not browser_log.csp_violations, f"CSP violations: {browser_log.csp_violations}"
    assert not browser_log.page_errors, f"Script errors: {browser_log.page_errors}"
