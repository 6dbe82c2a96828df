"""The shared layout (base.html): the favicon, DKFDS's mobile drawer and Charlie's script."""

from __future__ import annotations

import re
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
    header_menu = header.split('aria-label="Hovedmenu"', 1)[1].split("</nav>", 1)[0]
    drawer_menu = drawer.split('aria-label="Hovedmenu"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="([^"]+)" class="nav-link"', header_menu)
    assert len(links) >= 20  # HR's menu: the front page and eight groups
    assert re.findall(r'<a href="([^"]+)" class="nav-link"', drawer_menu) == links
    assert header_menu.count('class="button-overflow-menu js-dropdown"') == 8
    assert drawer_menu.count('class="button-mobile-menu js-dropdown"') == 8
    assert "Log af" in drawer.split('class="portal-info-mobile"', 1)[1]


def test_the_menu_groups_entries_and_marks_the_current_page(client_as):
    # HR on the priorities page: the "Digitalisering" group is current and unfolds in the
    # drawer; only the priorities entry is the current page, not the portfolio's front page
    # (/digitalisering/), whose URL is a prefix of it.
    html = client_as("hr").get(reverse("portfolio:priorities")).content.decode()
    header, drawer = html.split('class="mobile-drawer"', 1)
    assert html.count('aria-current="page"') == 2  # the header's entry and the drawer's
    current = header.split('aria-current="page"', 1)[0].rsplit("<a ", 1)[1]
    assert 'href="/digitalisering/prioritering/"' in current
    assert 'aria-controls="charlie-drawer-portfolio" aria-expanded="true"' in drawer
    assert 'aria-controls="charlie-menu-portfolio" aria-expanded="false"' in header
    # An employee sees one entry of "Personale" (Organisation): a plain link, no group.
    employee = client_as("employee").get(reverse("home")).content.decode()
    menu = employee.split('aria-label="Hovedmenu"', 1)[1].split("</nav>", 1)[0]
    assert "Personale" not in menu and ">Organisation<" in menu
    assert "Mine sider" in menu


def test_without_scripts_the_groups_stand_open(client):
    html = client.get(reverse("core:login")).content.decode()
    assert '<noscript><link rel="stylesheet" href="/static/core/noscript.css"></noscript>' in html
    css = Path(str(finders.find("core/noscript.css"))).read_text(encoding="utf-8")
    assert ".overflow-menu-inner.collapsed" in css and "display: block" in css


def test_charlies_script_is_a_file_with_the_nonce(client_as):
    html = client_as("employee").get(reverse("home")).content.decode()
    tag = html.split('src="/static/core/charlie.js"', 1)[1].split(">", 1)[0]
    assert "nonce=" in tag
    assert "<script>" not in html  # no inline script without a nonce


def test_an_entry_in_an_unknown_group_is_refused():
    from charlie.core import navigation

    entry = navigation.MenuEntry(key="x", label="X", url_name="home", group="nope")
    with pytest.raises(ValueError, match="unknown group 'nope'"):
        navigation.register(entry)
    assert "x" not in {e.key for e in navigation._registry.values()}
