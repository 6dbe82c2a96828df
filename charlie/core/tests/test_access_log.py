"""Access logs hold no calendar key, credentials or search terms.

The calendar feed's key travels in the link (``?token=``: the only way Google Calendar and
Outlook can subscribe, decision 0016), and gunicorn's access log writes the request line with its
query string. These tests run gunicorn's own logger with Charlie's logger class, as
``./dev run`` and docs/operations.md start it, and look at the line it writes.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config
from gunicorn.glogging import Logger

from charlie.core.access_log import (
    AccessLogger,
    RedactQueryFilter,
    redact_query,
    redact_request_line,
    redact_url,
)

ROOT = Path(__file__).resolve().parents[3]
KEY = "charlie_HemmeligNoegle1234567890abcdefghijklmno"
FEED = f"/absence/opgaver.ics?token={KEY}"


def test_redaction_keeps_names_and_drops_values():
    assert redact_query(f"token={KEY}") == "token=…"
    assert redact_query("q=Anne+Hansen&side=2") == "q=…&side=…"
    assert redact_query("") == ""
    assert redact_url(FEED) == "/absence/opgaver.ics?token=…"
    assert redact_url("https://hr.kommune.dk/people/search/?q=Anne#x") == (
        "https://hr.kommune.dk/people/search/?q=…"
    )
    assert redact_url("/people/") == "/people/"
    assert (
        redact_request_line(f"GET {FEED} HTTP/1.1") == "GET /absence/opgaver.ics?token=… HTTP/1.1"
    )


def _access_line(logger_class: type[Logger], log_format: str | None = None) -> str:
    """What gunicorn's access log writes for one feed request, with ``logger_class``."""
    cfg = Config()
    cfg.set("accesslog", "-")
    if log_format:
        cfg.set("access_log_format", log_format)
    logger = logger_class(cfg)
    stream = io.StringIO()
    logger.access_log.handlers = [logging.StreamHandler(stream)]
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": FEED,
        "PATH_INFO": "/absence/opgaver.ics",
        "QUERY_STRING": f"token={KEY}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": f"https://hr.kommune.dk{FEED}",
        "HTTP_USER_AGENT": "Microsoft Outlook",
        "HTTP_AUTHORIZATION": "Basic bGVkZXI6Y2hhcmxpZV9IZW1tZWxpZw==",
    }
    request = SimpleNamespace(
        headers=[
            ("AUTHORIZATION", environ["HTTP_AUTHORIZATION"]),
            ("REFERER", environ["HTTP_REFERER"]),
        ]
    )
    response = SimpleNamespace(status="200 OK", sent=512, headers=[("Set-Cookie", "sessionid=abc")])
    logger.access(response, request, environ, timedelta(microseconds=1500))
    return stream.getvalue()


def test_gunicorns_own_logger_would_write_the_key():
    """Why the logger class is needed: gunicorn's default writes the whole request line."""
    assert KEY in _access_line(Logger)


def test_charlies_logger_writes_the_request_without_the_key():
    line = _access_line(AccessLogger)
    assert KEY not in line
    assert '"GET /absence/opgaver.ics?token=… HTTP/1.1" 200 512' in line
    assert "Microsoft Outlook" in line


def test_no_log_format_can_bring_the_key_or_credentials_back():
    everything = " ".join(
        f"%({atom})s"
        for atom in (
            "r", "U", "q", "f", "{referer}i", "{authorization}i", "{set-cookie}o",
            "{raw_uri}e", "{query_string}e", "{http_referer}e", "{http_authorization}e",
        )
    )  # fmt: skip
    line = _access_line(AccessLogger, everything)
    assert KEY not in line
    assert "bGVkZXI6" not in line and "sessionid=abc" not in line
    assert "/absence/opgaver.ics" in line


def test_runserver_request_lines_are_redacted_by_the_logging_settings():
    """``DEBUG=1 ./dev run`` serves with runserver, which logs through ``django.server``."""
    logger = logging.getLogger("django.server")
    assert any(isinstance(f, RedactQueryFilter) for f in logger.filters)
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (f"GET {FEED} HTTP/1.1", "200", "5"),
        None,
    )
    assert RedactQueryFilter().filter(record)
    assert KEY not in record.getMessage()
    assert "/absence/opgaver.ics?token=…" in record.getMessage()


@pytest.mark.parametrize("path", ["dev", "docs/operations.md"])
def test_every_gunicorn_command_we_ship_uses_the_logger(path):
    """Each gunicorn command line (``./dev run``, the production unit) that writes an access
    log uses Charlie's logger class."""
    text = (ROOT / path).read_text(encoding="utf-8")
    commands = re.findall(r"gunicorn\"? charlie\.wsgi:application(?:[^\n]*\\\n)*[^\n]*", text)
    with_log = [c for c in commands if "--access-logfile" in c]
    assert with_log, f"no gunicorn command with an access log found in {path}"
    for command in with_log:
        assert "--logger-class charlie.core.access_log.AccessLogger" in command, command
