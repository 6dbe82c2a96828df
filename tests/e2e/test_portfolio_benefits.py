"""Benefits realisation, the automation register, the overview and the council report in the
browser (issue 17, points 7 and 8), with axe-core on every page: HR plans a benefit with an
owner, the owner enters a realised value from their front page, HR registers a robot, every
employee sees it without the owner's name, and a manager reads the overview and fetches the
council report."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from charlie.portfolio.tests.factories import BeaconFactory, InitiativeFactory, business_case
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link

pytestmark = E2E


def test_benefits_register_overview_and_report(page, live_server, org, users):
    beacon = BeaconFactory(title="Mere tid til borgerne")
    initiative = InitiativeFactory(number=12, title="Robot til journalisering", stage="benefits")
    initiative.beacons.add(beacon)
    business_case(
        initiative,
        investment=["1000000", "0", "0", "0", "0"],
        benefit=["0", "350000", "350000", "350000", "350000"],
    )
    start = date(timezone.localdate().year - 1, 1, 1)
    employee_number = org.person_in_nord.employee_number

    # HR plans a benefit, with the employee in Nord as its owner, first with a mistake.
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}/digitalisering/initiativer/12/gevinster/")
    assert_accessible(page, "an initiative without benefits")
    page.get_by_role("link", name="Ny gevinst").click()
    page.get_by_label("Gevinst (skal udfyldes)", exact=True).fill("Færre timer på journalisering")
    page.get_by_label("Timer").check()
    page.get_by_label("Gevinstejer (medarbejdernummer)").fill("FINDES-IKKE")
    page.get_by_label("Fra").fill(start.isoformat())
    page.get_by_label("Til").fill((start + timedelta(days=364)).isoformat())
    page.get_by_label("Kvartal").check()
    page.get_by_label("Planlagt pr. periode").fill("120")
    page.get_by_role("button", name="Gem gevinsten").click()
    expect(page.get_by_role("alert")).to_contain_text("FINDES-IKKE")
    assert_accessible(page, "the benefit form with an error")
    page.get_by_label("Gevinstejer (medarbejdernummer)").fill(employee_number)
    page.get_by_role("button", name="Gem gevinsten").click()
    expect(page.get_by_text("Gevinsten er oprettet med sine perioder.")).to_be_visible()
    expect(page.get_by_role("table", name="Plan og realiseret pr. periode (timer)")).to_be_visible()
    assert_accessible(page, "the benefit")

    # HR registers a robot in the automation register.
    menu_link(page, "Automatiseringsregister").click()
    assert_accessible(page, "the empty register")
    page.get_by_role("link", name="Ny automatisering").click()
    page.get_by_label("Navn").fill("Journalrobot")
    page.get_by_label("Softwarerobot (RPA)").check()
    page.get_by_label("Proces").fill("Lægger notater fra plejeappen i journalen.")
    page.get_by_label("Ejer (medarbejdernummer)").fill(org.person_in_skole.employee_number)
    page.get_by_label("Sparede timer pr. måned").fill("37,5")
    page.get_by_label("I drift", exact=True).check()
    page.get_by_label("I drift fra").fill(start.isoformat())
    page.get_by_label("Data den bruger").fill("Plejenotater")
    page.get_by_label("Behandler personoplysninger").check()
    page.get_by_label("En person gennemser resultatet").check()
    page.get_by_label("Hvordan resultatet gennemses").fill("Sygeplejersken tjekker fejlkøen.")
    page.get_by_role("button", name="Gem automatiseringen").click()
    expect(page.get_by_text("Automatiseringen er gemt.")).to_be_visible()
    assert_accessible(page, "the automation")

    # The owner sees the missing values on the front page and enters one.
    page.context.clear_cookies()
    login(page, live_server, "employee")
    page.get_by_role("link", name="Indtast realiserede værdier").click()
    page.get_by_role("group").first.get_by_label("Realiseret", exact=False).fill("1.000,5")
    assert_accessible(page, "entering realised values")
    page.get_by_role("button", name="Gem værdierne").click()
    expect(page.get_by_text("Værdierne er gemt.")).to_be_visible()
    expect(page.get_by_role("cell", name="1.000,5")).to_be_visible()
    menu_link(page, "Robotter og AI i kommunen").click()
    expect(page.get_by_role("heading", name="Journalrobot")).to_be_visible()
    expect(page.get_by_text(org.person_in_skole.last_name)).to_have_count(0)
    assert_accessible(page, "the robots for everyone")

    # A manager reads the overview and fetches the council report.
    page.context.clear_cookies()
    login(page, live_server, "manager")
    menu_link(page, "Porteføljeoverblik").click()
    expect(page.get_by_role("table", name="Initiativer efter fase")).to_contain_text(
        "Gevinstrealisering"
    )
    expect(page.get_by_text("samlet nutidsværdi 285.578 kr.")).to_be_visible()
    assert_accessible(page, "the overview")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Hent rådsrapporten som PDF").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    menu_link(page, "Gevinstrealisering").click()
    assert_accessible(page, "the benefits")
