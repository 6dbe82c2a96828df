"""What the page sweeps share (``test_recruitment_pages.py``, ``test_wellbeing_pages.py``,
``test_portfolio_pages.py``): a page to open, its address from the sweep's data, and the visit
that checks it.

Each visit checks the status code, that the page is the one asked for (not a log-in form or a
redirect elsewhere), that it has one h1, and axe-core; a public page, and a page marked
``phone``, is checked again at 375 px with nothing sticking out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.urls import resolve, reverse
from playwright.sync_api import expect

from tests.e2e.helpers import TWO_FRAMES, assert_accessible, login
from tests.e2e.test_small_screens import PHONE, _sticking_out

DESKTOP = {"width": 1280, "height": 900}

#: The reason most form actions need no visit of their own.
POST_REDIRECTS = "a form's action: it redirects to the page the form is on, which is swept"


@dataclass(frozen=True)
class Page:
    """A page to open: its URL name, who opens it (``None``: the public), how to build its
    address from the sweep's data, the status it answers, and whether an employee reads it on a
    phone (the public pages always are)."""

    name: str
    role: str | None
    path: Callable[[dict[str, Any]], str]
    status: int = 200
    phone: bool = False


def url(name: str, query: str = "", **keys: str) -> Callable[[dict[str, Any]], str]:
    """The address of ``name``; each of ``keys`` maps a URL argument to a key of the data, and
    ``query`` is filled in from the data (``"?enhed={aeldre}"``)."""

    def build(data: dict[str, Any]) -> str:
        kwargs = {arg: data[key] for arg, key in keys.items()}
        return reverse(name, kwargs=kwargs) + query.format(**data)

    return build


def _resize(page: Any, size: dict[str, int]) -> None:
    page.set_viewport_size(size)
    page.evaluate(TWO_FRAMES)


def visit_all(page: Any, live_server: Any, pages: Iterable[Page], data: dict[str, Any]) -> None:
    """Open every page as its role (logging in once per role) and check it."""
    signed_in: str | None = None
    page.context.clear_cookies()
    for visit in sorted(pages, key=lambda p: p.role or ""):
        if visit.role != signed_in:
            page.context.clear_cookies()
            if visit.role is not None:
                login(page, live_server, visit.role)
            signed_in = visit.role
        path = visit.path(data)
        where = f"{visit.name} ({path}) as {visit.role or 'the public'}"
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == visit.status, (
            f"{where}: {response and response.status}"
        )
        assert resolve(urlsplit(page.url).path).view_name == visit.name, page.url
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_accessible(page, where)
        if visit.role is None or visit.phone:
            _resize(page, PHONE)
            assert _sticking_out(page) == [], f"{where} at 375 px"
            assert_accessible(page, f"{where} at 375 px")
            _resize(page, DESKTOP)
