"""The shared layout (base.html): the favicon, DKFDS's mobile drawer and Charlie's script."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_has_a_favicon_that_is_served(client):
    html = client.get(reverse("core:login")).content.decode()
    for name in ("core/favicon.svg", "core/favicon.ico"):
        assert f'href="/static/{name}"' in html
        assert finders.find(name), f"{name} is not a static file"
    svg = Path(str(finders.find("core/favicon.svg"))).read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "<script" not in svg
    assert client.get("/static/core/favicon.svg").status_code == 200


def test_the_drawer_holds_the_same_menu_as_the_header(client_as):
    html = client_as("hr").get(reverse("home")).content.decode()
    header, drawer = html.split('class="mobile-drawer"', 1)
    assert 'class="function-link button-menu-open js-menu-open' in header
    assert 'role="dialog" aria-modal="true" aria-labelledby="charlie-menu-heading"' in drawer
    menu_links = header.split('class="mainmenu"', 1)[1].split("</ul>", 1)[0].count("<a ")
    assert menu_links >= 3
    assert drawer.split('class="mainmenu"', 1)[1].split("</ul>", 1)[0].count("<a ") == menu_links
    assert "Log af" in drawer.split('class="portal-info-mobile"', 1)[1]


def test_charlies_script_is_a_file_with_the_nonce(client_as):
    html = client_as("employee").get(reverse("home")).content.decode()
    tag = html.split('src="/static/core/charlie.js"', 1)[1].split(">", 1)[0]
    assert "nonce=" in tag
    assert "<script>" not in html  # no inline script without a nonce
