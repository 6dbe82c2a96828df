"""The people list and the person overview in a browser: 5,000 people on a phone (375 px) and
at 200 % zoom (640 CSS px), search with htmx, paging, the absence section, and HR's correction
closing a request. axe-core checks every page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from charlie.absence.tests.factories import AbsencePeriodFactory, FollowUpTaskFactory
from charlie.people.models import Employment, Gender, JobFamily, Person
from charlie.privacy.models import CorrectionRequest, CorrectionStatus
from tests.e2e.helpers import E2E, assert_accessible, login

pytestmark = E2E

PHONE = {"width": 375, "height": 800}
ZOOM_200 = {"width": 640, "height": 900}  # 1280 px at 200 %


def five_thousand_people(org) -> None:
    family = JobFamily.objects.get(code="sosu")
    people = Person.objects.bulk_create(
        Person(
            employee_number=f"M{i:05d}",
            first_name=["Anne", "Lars", "Mette", "Søren"][i % 4],
            last_name=f"{['Andersen', 'Hansen', 'Skov Madsen', 'Østergaard'][i % 4]}{i:04d}",
            birth_date=dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
            gender=Gender.FEMALE if i % 2 else Gender.MALE,
        )
        for i in range(5000)
    )
    Employment.objects.bulk_create(
        Employment(
            person=p,
            org_unit=org.nord if i % 2 else org.syd,
            job_title="Social- og sundhedsassistent med et langt stillingsnavn",
            job_family=family,
            weekly_hours=Decimal("37.00"),
            start_date=dt.date(2018, 1, 1),
        )
        for i, p in enumerate(people)
    )


def no_page_scroll(page, width: int) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def test_people_list_with_5000_people_on_a_phone_and_at_200_percent(page, live_server, users, org):
    five_thousand_people(org)
    login(page, live_server, "hr")
    for viewport in (PHONE, ZOOM_200):
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}/people/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Medarbejdere")
        expect(page.locator("#people-count")).to_have_text("Viser 1–25 af 5.005 medarbejdere")
        table = page.get_by_role("region", name="Medarbejdere, side 1 af 201")
        expect(table).to_be_visible()
        # The table scrolls in its own box; the page itself does not scroll sideways.
        no_page_scroll(page, viewport["width"])
        assert_accessible(page, f"the people list at {viewport['width']} px")

    # Search: htmx replaces the results as one types; "skov" finds "Skov Madsen…".
    page.get_by_label("Søg på navn eller medarbejdernummer").fill("skov")
    expect(page.locator("#people-count")).to_have_text("Viser 1–25 af 1.250 medarbejdere")
    expect(page).to_have_url(
        f"{live_server.url}/people/?q=skov&enhed=&kategori=&status=current&sortering=navn"
    )
    # Narrow to one unit (its sub-units included) and go on to the next page.
    page.get_by_label("Enhed").select_option(value=str(org.syd.pk))
    expect(page).to_have_url(
        f"{live_server.url}/people/?q=skov&enhed={org.syd.pk}&kategori=&status=current&sortering=navn"
    )
    expect(page.locator("#people-count")).to_contain_text("af 1.250")  # all in Syd (even i)
    page.get_by_role("link", name="Næste side").click()
    expect(page.locator("#people-count")).to_have_text("Viser 26–50 af 1.250 medarbejdere")
    no_page_scroll(page, ZOOM_200["width"])
    assert_accessible(page, "the people list, filtered, page 2")
    page.get_by_role("link", name="Skov Madsen").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Skov Madsen")


def test_person_overview_and_correction(page, live_server, users, org):
    person = org.person_in_nord
    today = timezone.localdate()
    AbsencePeriodFactory(
        person=person,
        start_date=today - dt.timedelta(days=40),
        end_date=today - dt.timedelta(days=30),
    )
    FollowUpTaskFactory(
        person=person, first_day=today - dt.timedelta(days=40), due=today - dt.timedelta(days=2)
    )
    request = CorrectionRequest.objects.create(
        subject_person_id=person.pk,
        category="stamdata",
        message="Mit telefonnummer er 12 34 56 78.",
    )

    # The manager sees the absence section, not the pension, at 375 px and at 200 %.
    login(page, live_server, "manager")
    for viewport in (PHONE, ZOOM_200):
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}/people/{person.pk}/")
        expect(page.get_by_role("heading", level=2, name="Fravær og opfølgning")).to_be_visible()
        expect(page.get_by_text("Sygefravær de seneste 12 måneder")).to_be_visible()
        expect(page.get_by_text("(overskredet)", exact=True)).to_be_visible()
        expect(page.get_by_role("heading", name="Pension")).to_have_count(0)
        no_page_scroll(page, viewport["width"])
        assert_accessible(page, f"the person overview for a manager at {viewport['width']} px")

    # HR goes from the request to the form, corrects, and the request is closed.
    page.context.clear_cookies()
    login(page, live_server, "hr")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/privacy/rettelser/{request.pk}/")
    page.get_by_role("link", name="Ret oplysningerne i Charlie").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ret oplysninger om")
    expect(page.get_by_text("Mit telefonnummer er 12 34 56 78.")).to_be_visible()
    no_page_scroll(page, PHONE["width"])
    assert_accessible(page, "the correction form at 375 px")
    page.get_by_label("Telefon").fill("12 34 56 78")
    page.get_by_role("button", name="Gem og markér anmodningen som rettet").click()
    expect(page.get_by_role("status")).to_contain_text(
        "anmodningen om rettelse er markeret som rettet"
    )
    expect(page.get_by_role("heading", level=2, name="Pension")).to_be_visible()
    expect(page.get_by_role("link", name="Slå pensionsdatoer op")).to_be_visible()
    no_page_scroll(page, PHONE["width"])
    assert_accessible(page, "the person overview for HR at 375 px")
    request.refresh_from_db()
    assert request.status == CorrectionStatus.DONE
