"""The job-ad editor end to end (issue 15, point 2): HR opens the editor from the menu, types an
ad, and the inclusive-language check shows what it finds as they type (htmx) — the age wording
as a legal risk, the gendered title with its alternative — without changing the text; HR fixes
the text, saves, publishes (the report is kept with the ad) and adds a criterion. axe-core checks
every page, also at phone width."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from charlie.recruitment.models import AdStatus, JobAd
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E


def test_typing_shows_findings_and_publishing_keeps_the_report(page, live_server, users, org):
    login(page, live_server, "hr")
    menu_link(page, "Jobopslag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jobopslag")
    assert_accessible(page, "the ads list")
    page.get_by_role("link", name="Nyt jobopslag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nyt jobopslag")
    assert_accessible(page, "the empty editor")

    report = page.locator("#ad-check")
    body = page.get_by_label("Annoncetekst")
    body.press_sequentially("Vi søger en yngre formand til vores team.")
    expect(report).to_contain_text("»yngre«")
    expect(report).to_contain_text("Juridisk risiko")
    expect(report).to_contain_text("forskelsbehandlingsloven § 5")
    expect(report).to_contain_text("»formand«")
    expect(report).to_contain_text("Forperson")
    # The check reports; it never changes what was typed.
    expect(body).to_have_value("Vi søger en yngre formand til vores team.")
    assert_accessible(page, "the editor with findings")

    # HR decides: the age wording goes, the title becomes neutral.
    body.fill("")
    body.press_sequentially("Vi søger en erfaren forperson til vores team.")
    expect(report).not_to_contain_text("»yngre«")
    expect(report).to_contain_text("0 juridiske risici")

    page.get_by_label("Titel").fill("Forperson for MED-udvalget")
    page.get_by_label("Enhed").select_option(label=str(org.nord))
    page.get_by_label("Stillingskategori").select_option(index=1)
    page.get_by_label("Ansættelsesform").select_option("PART_TIME")
    page.get_by_label("Timer om ugen").fill("32")
    page.get_by_label("Ansøgningsfrist").fill(
        (timezone.localdate() + timedelta(days=20)).isoformat()
    )
    page.get_by_label("Arbejdssted").fill("Plejecenter Nord")
    page.get_by_role("button", name="Gem opslag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forperson for MED-udvalget")
    expect(page.get_by_role("heading", name="Sprogtjek af kladden")).to_be_visible()
    assert_accessible(page, "the draft's page")

    page.get_by_role("button", name="Slå opslaget op").click()
    expect(page.get_by_role("heading", name="Sprogtjek gemt ved opslaget")).to_be_visible()
    ad = JobAd.objects.get()
    assert ad.status == AdStatus.PUBLISHED
    assert ad.report is not None and ad.report["counts"]["legal_risk"] == 0

    page.get_by_label("Nyt kriterium").fill("Faglighed")
    page.get_by_role("button", name="Tilføj kriterium").click()
    expect(page.get_by_role("list").filter(has_text="Faglighed").first).to_be_visible()
    assert_accessible(page, "the published ad's page")

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/rekruttering/opslag/{ad.pk}/rediger/")
    expect(page.locator("#ad-check")).to_contain_text("LIX")
    assert _sticking_out(page) == []
    assert_accessible(page, "the editor at 375 px")
