"""The DPO's retention pages in the browser: report, proposal, approval, policy, with axe."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.helpers import E2E, assert_accessible, login, menu_link

pytestmark = E2E


def _former_employee(org):
    from charlie.people.tests.factories import EmploymentFactory, PersonFactory

    end = timezone.localdate() - timedelta(days=3653)
    return EmploymentFactory(
        person=PersonFactory(first_name="Gunhild", last_name="Krog"),
        org_unit=org.nord,
        start_date=end - timedelta(days=2000),
        end_date=end,
    ).person


def test_retention_pages(page, live_server, users, org):
    person = _former_employee(org)
    login(page, live_server, "dpo")
    menu_link(page, "Opbevaring og sletning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opbevaring og sletning")
    expect(
        page.get_by_role("table", name="Regler for opbevaring med kommunens perioder")
    ).to_contain_text("Tidligere medarbejdere")
    expect(page.get_by_text("1 element er ud over perioden.")).to_be_visible()
    expect(page.get_by_text("Der er ingen forslag, der venter.")).to_be_visible()
    assert_accessible(page, "the retention overview")

    # Propose: nothing is deleted yet.
    page.get_by_role("button", name="Lav forslag nu").click()
    expect(page.get_by_role("status")).to_contain_text("Der er ikke slettet noget")
    page.get_by_role("link", name="Godkend eller afvis »Tidligere medarbejdere«").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forslag: Tidligere medarbejdere")
    expect(page.get_by_text("Gunhild")).to_have_count(0)
    assert_accessible(page, "a proposed batch")

    # Approving without the archive confirmation is refused, with the error tied to the box.
    page.get_by_role("button", name="Godkend og behandl 1 element").click()
    checkbox = page.get_by_label("Jeg har sikret mig, at kassationen er tilladt")
    expect(checkbox).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, "a proposed batch with an error")

    checkbox.check()
    page.get_by_role("button", name="Godkend og behandl 1 element").click()
    expect(page.get_by_role("status")).to_contain_text("godkendt og gennemført")
    log = page.get_by_role("table", name="Sletteloggen, nyeste først")
    expect(log).to_contain_text("test-dpo")
    expect(page.get_by_text("Gunhild")).to_have_count(0)
    assert_accessible(page, "the retention overview with the deletion log")
    person.refresh_from_db()
    assert person.first_name == "Anonymiseret"

    # The kommune's period.
    page.get_by_role("link", name="Ret perioden for »Fraværsperioder«").click()
    page.get_by_label("Antal år").fill("60")
    page.get_by_role("button", name="Gem perioden").click()
    expect(page.get_by_role("alert")).to_contain_text("Perioden blev ikke gemt")
    assert_accessible(page, "the period form with an error")
    page.get_by_label("Antal år").fill("7")
    page.get_by_role("button", name="Gem perioden").click()
    expect(page.get_by_role("status")).to_contain_text("7 år")
