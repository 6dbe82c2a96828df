"""Access logs without secrets or search terms: query values are never written to a log.

A query string can hold a secret — the personal calendar feed's ``?token=`` (calendar clients
such as Google Calendar and Outlook can only subscribe to a plain URL, decision 0016) — or
personal data: a search for a name, an employee number. Web servers log the whole request line
by default, so Charlie's two servers get a logger that keeps the parameter *names* and drops
every *value*:

- gunicorn: ``--logger-class charlie.core.access_log.AccessLogger`` (``./dev run`` and
  docs/operations.md use it);
- Django's ``runserver`` (``DEBUG=1 ./dev run``): ``RedactQueryFilter`` on the
  ``django.server`` logger (``settings.LOGGING``).

The reverse proxy logs requests too: docs/operations.md gives nginx a log format without the
query string.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qsl

from gunicorn.glogging import Logger

#: What a dropped value is replaced with.
REDACTED = "…"

#: gunicorn atoms (see its ``Logger.atoms``) that hold a request line, a URL or a query string.
_REQUEST_LINE_ATOMS = ("r",)
_URL_ATOMS = ("f", "{referer}i", "{raw_uri}e", "{http_referer}e")
_QUERY_ATOMS = ("q", "{query_string}e")
#: Atoms that hold credentials: never logged, whatever the log format asks for.
_SECRET_ATOMS = (
    "{authorization}i",
    "{cookie}i",
    "{x-csrftoken}i",
    "{set-cookie}o",
    "{http_authorization}e",
    "{http_cookie}e",
    "{http_x_csrftoken}e",
)


def redact_query(query: str) -> str:
    """``token=abc&side=2`` → ``token=…&side=…``: the names stay, the values go."""
    if not query:
        return query
    names = [name for name, _value in parse_qsl(query, keep_blank_values=True)]
    if not names:
        return REDACTED
    return "&".join(f"{name}={REDACTED}" for name in names)


def redact_url(url: str) -> str:
    """A URL, path or request target with its query values dropped (``redact_query``)."""
    if "?" not in url:
        return url
    head, _sep, query = url.partition("?")
    query = query.partition("#")[0]  # a fragment could hold anything too: dropped
    return f"{head}?{redact_query(query)}"


def redact_request_line(line: str) -> str:
    """``GET /x?token=abc HTTP/1.1`` → ``GET /x?token=… HTTP/1.1``."""
    parts = line.split(" ")
    if len(parts) == 3:
        method, target, protocol = parts
        return f"{method} {redact_url(target)} {protocol}"
    return redact_url(line)


class AccessLogger(Logger):
    """gunicorn's logger, with the request line, query string and referrer redacted and
    credentials never written (every access log format gunicorn supports goes through
    ``atoms``)."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        for keys, redact in (
            (_REQUEST_LINE_ATOMS, redact_request_line),
            (_URL_ATOMS, redact_url),
            (_QUERY_ATOMS, redact_query),
        ):
            for key in keys:
                if isinstance(atoms.get(key), str):
                    atoms[key] = redact(atoms[key])
        for key in _SECRET_ATOMS:
            if key in atoms:
                atoms[key] = "-"
        return atoms


class RedactQueryFilter(logging.Filter):
    """For Django's ``django.server`` logger (``runserver``): its first argument is the request
    line, e.g. ``"GET /x?token=abc HTTP/1.1" 200 512``."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and args and isinstance(args[0], str):
            record.args = (redact_request_line(args[0]), *args[1:])
        return True
