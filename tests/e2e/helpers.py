"""Helpers for the browser tests: log in, run axe-core, move focus with the keyboard."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHARLIE_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "korrekt-hest-batteri-42"
ROLES = ("employee", "manager", "hr", "analyst", "dpo", "admin")
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

#: Put on every browser test module: ``pytestmark = E2E``. ``live_server`` needs a transactional
#: database; Django flushes it after each test, which also deletes the job families seeded by a
#: data migration, so ``serialized_rollback`` restores the migrated database before each test
#: (see the ``browser`` fixture for the one trap in that).
E2E = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def login(page: Any, live_server: Any, role: str, *, password: str = PASSWORD) -> None:
    """Log in as ``test-<role>`` through the real log-in form and wait for the front page."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill(f"test-{role}")
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{live_server.url}/")


def main_menu(page: Any) -> Any:
    """The main menu (``<nav aria-label="Hovedmenu">``)."""
    return page.get_by_role("navigation", name="Hovedmenu")


def menu_link(page: Any, name: str, *, exact: bool = False) -> Any:
    """The main menu's link called ``name``, its group unfolded first when the link sits in a
    folded group (core/_menu.html), as a user opens it: by the group's button."""
    menu = main_menu(page)
    if not menu.get_by_role("link", name=name, exact=exact, include_hidden=True).first.is_visible():
        inside = page.get_by_role("link", name=name, exact=exact, include_hidden=True)
        menu.locator(".submenu").filter(has=inside).first.get_by_role("button").click()
    return menu.get_by_role("link", name=name, exact=exact)


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


_AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target, summary: n.failureSummary})),
  }));
}"""


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; return its WCAG 2.1 A/AA violations.

    axe is evaluated through the DevTools protocol, not added as a ``<script>`` element, so the
    app's Content-Security-Policy (script nonces, no inline script) stays as in production.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    return page.evaluate(_AXE_RUN, list(WCAG_TAGS))


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            lines.append(f"    at {json.dumps(node['target'], ensure_ascii=False)}")
            lines.extend(f"      {line}" for line in (node["summary"] or "").splitlines())
    return "\n".join(lines)


#: ``core/charlie.js`` makes a table's scroll box a tab stop on the animation frame after a
#: resize (only while it scrolls); two frames later the page is as a reader of that width has it.
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def assert_accessible(page: Any, where: str = "") -> None:
    """Fail with a readable list (rule, impact, help, selectors) if axe finds violations. Waits
    two animation frames first, so that a resize just before has been handled by the page."""
    page.evaluate(TWO_FRAMES)
    violations = axe_violations(page)
    assert not violations, (
        f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {where or page.url}:\n"
        + format_violations(violations)
    )


def focused(page: Any) -> dict[str, Any]:
    """The focused element: tag, id, visible text, href, name, value, enclosing nav's label."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          return {tag: el.tagName.toLowerCase(), id: el.id, text: (el.innerText || "").trim(),
                  href: el.getAttribute("href"), name: el.getAttribute("name"),
                  value: el.getAttribute("value"),
                  nav: el.closest("nav")?.getAttribute("aria-label") ?? null};
        }"""
    )


def tab_until(
    page: Any, found: Callable[[dict[str, Any]], bool], *, max_presses: int = 40
) -> dict[str, Any]:
    """Press Tab until ``found(focused element)`` holds and return that element."""
    seen = []
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        element = focused(page)
        if found(element):
            return element
        seen.append(f"{element['tag']}:{element['text'] or element['name'] or element['id']}")
    pytest.fail(f"Tab never reached the element; focus went through: {seen}")
