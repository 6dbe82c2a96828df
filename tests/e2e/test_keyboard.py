"""Charlie can be used with the keyboard alone, and focus can always be seen (WCAG 2.1.1, 2.4.1,
2.4.7)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import E2E, PASSWORD, focused, login, main_menu, menu_link, tab_until

pytestmark = E2E

SKIP_LINK = "Gå til sidens indhold"


@pytest.mark.parametrize(("role", "path"), [(None, "/tilgaengelighed/"), ("manager", "/")])
def test_first_tab_reaches_the_skip_link_and_enter_moves_focus_to_main(
    page, live_server, users, role, path
):
    if role:
        login(page, live_server, role)
    page.goto(f"{live_server.url}{path}")
    page.keyboard.press("Tab")
    element = focused(page)
    assert (element["tag"], element["text"]) == ("a", SKIP_LINK)
    expect(page.get_by_role("link", name=SKIP_LINK)).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
    # The next Tab continues from the content, not from the top of the page.
    page.keyboard.press("Tab")
    assert focused(page)["nav"] != "Hovedmenu"


def test_main_menu_groups_are_reached_by_tab_and_open_with_enter(page, live_server, users):
    login(page, live_server, "hr")
    menu = main_menu(page)
    top = menu.locator(
        ".mainmenu > li:not(.more-option) > a, .mainmenu > li:not(.more-option) > .submenu > button"
    )
    expected = [top.nth(i).inner_text().strip() for i in range(top.count())]
    assert expected[0] == "Forside" and len(expected) == 9, expected

    # Tab goes through the front page and the groups' buttons, in order, not into folded lists.
    reached = []
    while len(reached) < len(expected):
        element = tab_until(page, lambda el: el["nav"] == "Hovedmenu")
        reached.append(element["text"])
    assert reached == expected

    page.goto(f"{live_server.url}/")
    tab_until(page, lambda el: el["nav"] == "Hovedmenu" and el["text"] == "Personale")
    group = menu.get_by_role("button", name="Personale")
    page.keyboard.press("Enter")
    expect(group).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(group).to_have_attribute("aria-expanded", "false")
    expect(group).to_be_focused()
    page.keyboard.press("Enter")
    tab_until(page, lambda el: el["nav"] == "Hovedmenu" and el["text"] == "Organisation")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/people/organisation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisation")
    personale = page.get_by_role("button", name="Personale")
    expect(menu.locator(".mainmenu > li", has=personale)).to_have_class("active current")
    expect(menu_link(page, "Organisation")).to_have_attribute("aria-current", "page")


def test_log_in_with_the_keyboard_alone(page, live_server, users):
    page.goto(f"{live_server.url}/login/")
    # The user name field has autofocus, so typing can start at once.
    expect(page.get_by_label("Brugernavn")).to_be_focused()
    page.keyboard.type("test-employee")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Adgangskode")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Log ind")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")


def test_switch_language_with_the_keyboard(page, live_server, users):
    login(page, live_server, "employee")
    page.goto(f"{live_server.url}/people/organisation/")
    tab_until(page, lambda el: el["tag"] == "button" and el["value"] == "en")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/people/organisation/")

    tab_until(page, lambda el: el["tag"] == "button" and el["value"] == "da")
    page.keyboard.press("Space")
    expect(page.locator("html")).to_have_attribute("lang", "da")


_FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (el === document.body || el === null) return null;
  const seen = el.hasAttribute("data-e2e-seen");
  el.setAttribute("data-e2e-seen", "");
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && style.outlineWidth !== "0px";
  return {seen, visible: outline || style.boxShadow !== "none",
          label: `${el.tagName.toLowerCase()}: ${(el.innerText || el.name || el.id).trim()}`};
}"""


@pytest.mark.parametrize(("role", "path"), [(None, "/login/"), ("manager", "/")])
def test_focus_is_visible_on_everything_tab_reaches(page, live_server, users, role, path):
    if role:
        login(page, live_server, role)
    page.goto(f"{live_server.url}{path}")
    visited, invisible = [], []
    for _ in range(80):  # Tab round the whole page until an element comes round again
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_STATE)
        if state is None:
            continue  # focus left the page; the next Tab starts again at the top
        if state["seen"]:
            break
        visited.append(state["label"])
        if not state["visible"]:
            invisible.append(state["label"])
    assert any("Gå til sidens indhold" in label for label in visited), visited
    assert not invisible, f"No visible focus (outline or box-shadow) on: {invisible}"


def test_nothing_disappears_at_400_percent_zoom(page, live_server, users):
    """At 320 CSS pixels (1280 px at 400 %) the menu and "Log af" are one press away, in DKFDS's
    mobile drawer, with no page scroll."""
    login(page, live_server, "manager")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    page.get_by_role("button", name="Menu").click()
    drawer = page.get_by_role("dialog", name="Menu")
    groups = main_menu(drawer).get_by_role("button")
    for i in range(groups.count()):  # every group unfolded
        if groups.nth(i).get_attribute("aria-expanded") == "false":
            groups.nth(i).click()
    links = main_menu(drawer).get_by_role("link")
    assert links.count() >= 10
    for i in range(links.count()):
        expect(links.nth(i)).to_be_visible()
    expect(drawer.get_by_role("button", name="Log af")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
