"""Public pages served from this process's memory for a few seconds, before Django's request
cycle (the first middleware).

A page the app itself declares public (``Cache-Control: public``; the careers site at ``/job/``)
is the same for every visitor without cookies. Under 50 concurrent visitors the request cycle —
middleware, the cache's version check, the response's headers — costs more than the page: on
the 2-core machine even the health check could not answer 50 users within 100 ms
(benchmarks/README.md, "Careers site"). So the finished response of such a page (status,
headers as every middleware left them, body) is kept for ``CHARLIE_PUBLIC_CACHE_SECONDS`` and
given again to the next visitor without cookies who asks for the same address.

What is never served from here: a request with a cookie or an ``Authorization`` header (a
signed-in user, a language chosen), anything but GET, and any response that is not a plain 200,
is not ``public``, says ``private`` or ``no-store``, or sets a cookie. An ad closed by HR may
therefore show for these few seconds more (browsers and proxies may keep it for the page's own
``max-age``); the key holds the scheme and host, so an address that redirects to HTTPS is never
answered from memory. Each worker process has its own copy, at most ``MAX_ENTRIES`` pages.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse

#: Pages kept per process at most (the oldest goes first): a query string can make any number.
MAX_ENTRIES = 500


@dataclass(frozen=True, slots=True)
class _Entry:
    stored_at: float
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes


def _is_public(response: HttpResponse) -> bool:
    directives = {
        d.strip().split("=", 1)[0].lower()
        for d in response.get("Cache-Control", "").split(",")
        if d.strip()
    }
    return "public" in directives and not directives & {"private", "no-store", "no-cache"}


def _storable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not getattr(response, "streaming", False)
        and not response.cookies
        and _is_public(response)
    )


class PublicPageCache:
    """The middleware (first in ``settings.MIDDLEWARE``); off when the setting is 0 (tests)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.seconds = float(getattr(settings, "CHARLIE_PUBLIC_CACHE_SECONDS", 0))
        self.entries: OrderedDict[str, _Entry] = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        if (
            self.seconds <= 0
            or request.method != "GET"
            or meta.get("HTTP_COOKIE")
            or meta.get("HTTP_AUTHORIZATION")
        ):
            return self.get_response(request)
        host = meta.get("HTTP_HOST") or meta.get("SERVER_NAME", "")
        key = f"{request.scheme}://{host}{request.get_full_path()}"
        now = time.monotonic()
        with self.lock:
            entry = self.entries.get(key)
        if entry is not None and now - entry.stored_at < self.seconds:
            response = HttpResponse(entry.content, status=entry.status)
            for name, value in entry.headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if _storable(response):
            stored = _Entry(now, response.status_code, tuple(response.items()), response.content)
            with self.lock:
                self.entries[key] = stored
                self.entries.move_to_end(key)
                while len(self.entries) > MAX_ENTRIES:
                    self.entries.popitem(last=False)
        return response
