"""Pages that hold up on a phone (375 px) and at 200 % zoom (a 1280 px screen at 200 % is 640 CSS
px): DKFDS's mobile drawer opens and closes with the keyboard, wide tables scroll inside their
own box instead of the page, charts keep text of at least 12 px, and axe-core finds nothing.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.helpers import E2E, assert_accessible, focused, login

pytestmark = E2E

PHONE = {"width": 375, "height": 740}
#: A 1280 × 900 screen at 200 % zoom: the page lays out for 640 × 450 CSS px.
ZOOM_200 = {"width": 640, "height": 450}


def _resize(page: Any, size: dict[str, int]) -> None:
    page.set_viewport_size(size)


#: Elements that stick out to the right of the window, outside any box that scrolls or clips them.
_STICKING_OUT = """() => {
  const width = window.innerWidth;
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    // An absolutely positioned element (a screen-reader text) escapes a scroll box whose
    // position is static, so only count the boxes it cannot escape.
    const free = getComputedStyle(el).position === "absolute";
    let up = el.parentElement, contained = false;
    while (up && up !== document.body) {
      const overflow = getComputedStyle(up).overflowX;
      const positioned = getComputedStyle(up).position !== "static";
      if (overflow !== "visible" && (!free || positioned)
          && up.getBoundingClientRect().right <= width + 1) {
        contained = true;
        break;
      }
      up = up.parentElement;
    }
    const name = `${el.tagName.toLowerCase()}.${el.className}`;
    if (!contained) out.push(`${name} (${Math.round(box.right)} px)`);
  }
  return out;
}"""


def _sticking_out(page: Any) -> list[str]:
    """What makes the page wider than the window (DKFDS hides the body's horizontal overflow,
    so the page itself cannot be scrolled, and what sticks out is simply cut off)."""
    return list(page.evaluate(_STICKING_OUT))


def _page_scrolls_sideways(page: Any) -> bool:
    return bool(
        page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")
    ) or bool(_sticking_out(page))


def _sick_with_tasks(org: Any) -> None:
    from charlie.absence.models import AbsencePeriod
    from charlie.absence.services import refresh_tasks

    today = timezone.localdate()
    AbsencePeriod.objects.create(
        person=org.person_in_nord, absence_type="sickness", start_date=today - timedelta(days=4)
    )
    refresh_tasks(today)


@pytest.mark.parametrize("size", [PHONE, ZOOM_200], ids=["375px", "200pct"])
def test_mobile_drawer_opens_and_closes_with_the_keyboard(page, live_server, users, size):
    login(page, live_server, "hr")
    _resize(page, size)
    page.goto(f"{live_server.url}/")
    opener = page.get_by_role("button", name="Menu")
    expect(opener).to_be_visible()
    # The desktop menu is not shown; the drawer is closed.
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_have_count(0)
    expect(page.get_by_role("dialog", name="Menu")).to_have_count(0)

    opener.focus()
    page.keyboard.press("Enter")
    drawer = page.get_by_role("dialog", name="Menu")
    expect(drawer).to_be_visible()
    # Focus moves into the drawer, on its close button.
    expect(drawer.get_by_role("button", name="Luk menuen")).to_be_focused()
    menu = drawer.get_by_role("navigation", name="Hovedmenu")
    # The groups start folded (none holds the front page); a group's button unfolds it.
    group = menu.get_by_role("button", name="Personale")
    expect(group).to_have_attribute("aria-expanded", "false")
    expect(menu.get_by_role("link", name="Organisation")).to_be_hidden()
    group.click()
    expect(group).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="Organisation")).to_be_visible()
    group.click()
    expect(drawer.get_by_role("button", name="Log af")).to_be_visible()
    assert_accessible(page, f"the open mobile drawer at {size['width']} px")

    # Tab stays inside the drawer (a modal dialog).
    for _ in range(30):
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.closest('.mobile-drawer') !== null"), (
            f"focus left the drawer: {focused(page)}"
        )

    # Escape closes it and gives focus back to the button that opened it.
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    expect(opener).to_be_focused()

    # Open again with Space, unfold "Personale" with Enter, follow a link with Enter.
    page.keyboard.press("Space")
    expect(drawer).to_be_visible()
    for _ in range(30):
        if page.evaluate("() => document.activeElement.textContent.trim()") == "Personale":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(menu.get_by_role("button", name="Personale")).to_have_attribute("aria-expanded", "true")
    tab_to = drawer.get_by_role("link", name="Organisation")
    for _ in range(30):
        if page.evaluate("() => document.activeElement.textContent.trim()") == "Organisation":
            break
        page.keyboard.press("Tab")
    expect(tab_to).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/people/organisation/")
    expect(page.get_by_role("dialog", name="Menu")).to_have_count(0)

    # "Luk" closes it too.
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Luk menuen").click()
    expect(page.get_by_role("dialog", name="Menu")).to_have_count(0)


def test_desktop_keeps_the_whole_menu(page, live_server, users):
    login(page, live_server, "hr")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    menu = page.get_by_role("navigation", name="Hovedmenu")
    # HR's menu is the front page and eight groups; DKFDS's "Mere" list is not used, so every
    # group stays in the menu.
    groups = menu.get_by_role("button")
    expect(groups).to_have_count(8)
    expect(menu.get_by_role("button", name="Mere")).to_have_count(0)
    menu.get_by_role("button", name="Data og adgang").click()
    expect(menu.get_by_role("link", name="Sådan bruger vi HR-data")).to_be_visible()
    assert_accessible(page, "HR's menu with a group unfolded")
    # A second group closes the first.
    menu.get_by_role("button", name="Personale").click()
    expect(menu.get_by_role("link", name="Sådan bruger vi HR-data")).to_be_hidden()
    expect(menu.get_by_role("link", name="Organisation")).to_be_visible()
    assert not _page_scrolls_sideways(page)


@pytest.mark.parametrize("size", [PHONE, ZOOM_200], ids=["375px", "200pct"])
def test_wide_task_table_scrolls_in_its_own_box(page, live_server, users, org, size):
    _sick_with_tasks(org)
    login(page, live_server, "manager")
    _resize(page, size)
    page.goto(f"{live_server.url}/absence/opgaver/")
    table = page.get_by_role("table").first
    expect(table).to_be_visible()
    assert not _page_scrolls_sideways(page), "the page scrolls sideways"
    box = page.locator(".table--responsive-scroll").first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "the table fits; test is moot"
    # The box is a named region in the tab order, so the keyboard can scroll it.
    expect(box).to_have_attribute("tabindex", "0")
    expect(box).to_have_attribute("role", "region")
    box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Keyboard scrolling is animated: wait for it.
    box.evaluate("b => new Promise(done => setTimeout(done, 500))")
    assert box.evaluate("b => b.scrollLeft") > 0
    # The last column (the "Udført" button) can be scrolled into view and used.
    done = page.get_by_role("button", name="Udført").first
    done.scroll_into_view_if_needed()
    expect(done).to_be_in_viewport()
    assert_accessible(page, f"the task list at {size['width']} px")


@pytest.mark.parametrize("size", [PHONE, ZOOM_200], ids=["375px", "200pct"])
@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("employee", "/privacy/mine-data/"),
        ("employee", "/"),
        ("hr", "/"),
        ("hr", "/absence/statistik/"),
        ("hr", "/privacy/rettelser/"),
        ("dpo", "/privacy/audit/"),
        ("dpo", "/privacy/opbevaring/"),
        ("manager", "/"),
    ],
)
def test_pages_fit_a_phone_and_200_percent(page, live_server, users, org, size, role, path):
    login(page, live_server, role)
    _resize(page, size)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert not _page_scrolls_sideways(page), (
        f"{path} is wider than {size['width']} px: {_sticking_out(page)[:10]}"
    )
    assert_accessible(page, f"{path} as {role} at {size['width']} px")


#: The smallest text in the page's charts, in CSS px as drawn (font size × the SVG's scale).
_SMALLEST_CHART_TEXT = """() => {
  let smallest = Infinity;
  for (const svg of document.querySelectorAll("svg[role=img]")) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll("text")) {
      smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * scale);
    }
  }
  return smallest;
}"""


def _visible_chart_titles(page: Any) -> list[str]:
    return [
        " ".join((t.text_content() or "").split())
        for t in page.locator("svg .chart-title").all()
        if t.is_visible()
    ]


@pytest.mark.parametrize(
    "size", [PHONE, ZOOM_200, {"width": 1280, "height": 900}], ids=["375px", "200pct", "1280px"]
)
def test_absence_chart_text_is_at_least_12_px_with_a_visible_title(
    page, live_server, users, org, size
):
    login(page, live_server, "hr")
    _resize(page, size)
    page.goto(f"{live_server.url}/absence/statistik/")
    chart = page.get_by_role("img", name="Sygedage pr. årsværk efter stillingskategori")
    expect(chart).to_be_attached()
    assert page.evaluate(_SMALLEST_CHART_TEXT) >= 12
    assert any(t.startswith("Sygedage pr. årsværk") for t in _visible_chart_titles(page))
    assert not _page_scrolls_sideways(page), _sticking_out(page)[:10]
    assert_accessible(page, f"Fraværsstatistik at {size['width']} px")


@pytest.mark.parametrize("size", [PHONE, ZOOM_200], ids=["375px", "200pct"])
def test_workforce_plan_on_a_phone_shows_that_it_is_working(page, live_server, users, org, size):
    from charlie.workforce import services
    from charlie.workforce.tests.data import make_history

    make_history(org)
    services.create_illustrative_scenario()
    login(page, live_server, "hr")
    _resize(page, size)
    page.goto(f"{live_server.url}/workforce/")
    expect(page.get_by_role("img", name="Rekrutteringsbehov pr. år")).to_be_attached()
    assert page.evaluate(_SMALLEST_CHART_TEXT) >= 12
    assert "Rekrutteringsbehov pr. år" in _visible_chart_titles(page)
    assert not _page_scrolls_sideways(page), _sticking_out(page)[:10]
    assert_accessible(page, f"Arbejdsstyrkeplan at {size['width']} px")

    # "Vis plan": while the answer is on its way the form says so (a live region).
    form = page.locator("form[data-charlie-busy]").first
    status = form.get_by_role("status")
    expect(status).to_be_hidden()
    form.evaluate("f => f.addEventListener('submit', e => e.preventDefault())")  # stay here
    form.get_by_role("button", name="Vis plan").click()
    expect(form.get_by_role("button", name="Vis plan")).to_have_attribute("aria-disabled", "true")
    expect(status).to_be_visible()
    expect(status).to_have_text("Beregner planen … Første gang kan det tage nogle sekunder.")
    assert_accessible(page, f"Arbejdsstyrkeplan while it computes at {size['width']} px")


@pytest.mark.parametrize("size", [PHONE, ZOOM_200], ids=["375px", "200pct"])
def test_mine_data_shows_others_reads_and_folds_away_ones_own(page, live_server, users, org, size):
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}/people/{org.person_in_nord.pk}/")
    page.context.clear_cookies()
    login(page, live_server, "employee")
    _resize(page, size)
    page.goto(f"{live_server.url}/privacy/mine-data/")
    others = page.get_by_role("table", name="Hvem har set eller ændret mine oplysninger")
    expect(others).to_contain_text("test-hr")
    expect(others).not_to_contain_text("test-employee")
    # Each purpose once, as a heading of its own.
    expect(page.get_by_role("heading", level=3, name="HR-administration")).to_have_count(1)
    own = page.get_by_role("table", name="Det, du selv har set og gjort")
    expect(own).to_be_hidden()
    summary = page.get_by_text("Det, du selv har set og gjort (")
    summary.focus()
    page.keyboard.press("Enter")
    expect(own).to_be_visible()
    expect(own).to_contain_text("test-employee")
    assert not _page_scrolls_sideways(page), _sticking_out(page)[:10]
    assert_accessible(page, f"Mine data at {size['width']} px")
