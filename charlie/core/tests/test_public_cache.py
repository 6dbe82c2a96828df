"""Public pages from memory: a response the app marks public is given again, without the request
cycle, to the next visitor without cookies for a few seconds — and nothing else ever is."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from charlie.core import public_cache
from charlie.core.public_cache import PublicPageCache


class Page:
    """A view that counts its calls and answers with what the test says."""

    def __init__(self, cache_control: str = "public, max-age=60", *, cookie: bool = False):
        self.calls = 0
        self.cache_control = cache_control
        self.cookie = cookie

    def __call__(self, request):
        self.calls += 1
        response = HttpResponse(f"side {self.calls}")
        if self.cache_control:
            response["Cache-Control"] = self.cache_control
        response["Content-Security-Policy"] = "default-src 'self'"
        if self.cookie:
            response.set_cookie("x", "1")
        return response


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(public_cache.time, "monotonic", lambda: now[0])
    return now


def _middleware(view, seconds=5):
    with override_settings(CHARLIE_PUBLIC_CACHE_SECONDS=seconds):
        return PublicPageCache(view)


def test_a_public_page_is_given_again_with_its_headers_until_it_is_too_old(clock):
    view = Page()
    middleware = _middleware(view)
    get = RequestFactory().get
    first = middleware(get("/job/?fag=1"))
    again = middleware(get("/job/?fag=1"))
    assert view.calls == 1 and again.content == first.content == b"side 1"
    assert again["Content-Security-Policy"] == "default-src 'self'"
    assert again["Cache-Control"] == "public, max-age=60"
    middleware(get("/job/?fag=2"))  # another address is another page
    assert view.calls == 2
    clock[0] += 5  # five seconds later it is made again
    assert middleware(get("/job/?fag=1")).content == b"side 3"


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_COOKIE": "sessionid=abc"}, {"HTTP_AUTHORIZATION": "Bearer charlie_x"}],
)
def test_a_visitor_with_a_cookie_or_a_token_always_goes_through(clock, headers):
    view = Page()
    middleware = _middleware(view)
    middleware(RequestFactory().get("/job/"))
    middleware(RequestFactory().get("/job/", **headers))
    assert view.calls == 2


@pytest.mark.parametrize(
    ("cache_control", "cookie"),
    [("", False), ("private, max-age=60", False), ("public, no-store", False), ("public", True)],
)
def test_only_public_pages_without_cookies_are_kept(clock, cache_control, cookie):
    view = Page(cache_control, cookie=cookie)
    middleware = _middleware(view)
    middleware(RequestFactory().get("/job/"))
    middleware(RequestFactory().get("/job/"))
    assert view.calls == 2


def test_only_get_and_a_plain_200(clock):
    view = Page()
    middleware = _middleware(view)
    middleware(RequestFactory().post("/job/"))
    middleware(RequestFactory().post("/job/"))
    assert view.calls == 2

    def not_found(request):
        response = HttpResponse(status=404)
        response["Cache-Control"] = "public"
        return response

    middleware = _middleware(not_found)
    assert middleware(RequestFactory().get("/job/x/")).status_code == 404
    assert not middleware.entries


def test_off_when_the_setting_is_zero_and_bounded_in_size(clock, monkeypatch):
    view = Page()
    middleware = _middleware(view, seconds=0)
    middleware(RequestFactory().get("/job/"))
    middleware(RequestFactory().get("/job/"))
    assert view.calls == 2
    monkeypatch.setattr(public_cache, "MAX_ENTRIES", 3)
    middleware = _middleware(Page())
    for n in range(5):
        middleware(RequestFactory().get(f"/job/?q={n}"))
    assert list(middleware.entries) == [f"http://testserver/job/?q={n}" for n in (2, 3, 4)]


@pytest.mark.django_db
def test_the_careers_list_is_served_from_memory_without_a_query(client, django_assert_num_queries):
    """The real careers page through the real middleware stack (one client: one handler, one
    middleware instance): the second visit without cookies costs no query."""
    from django.test import Client

    with override_settings(CHARLIE_PUBLIC_CACHE_SECONDS=5):
        visitor = Client()
        first = visitor.get("/job/")
        assert first.status_code == 200 and "public" in first["Cache-Control"]
        assert not visitor.cookies  # the page sets none, so the next visit sends none
        with django_assert_num_queries(0):
            again = visitor.get("/job/")
        assert again.content == first.content
