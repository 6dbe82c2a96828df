"""The front page's work queue for each role (issue 12): what to do today, with axe-core at
1280 px, 375 px and 200 % zoom (640 CSS pixels)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.helpers import E2E, assert_accessible, login

pytestmark = E2E

WIDTHS = (1280, 375, 640)


@pytest.fixture
def work(org, users):
    from charlie.absence.models import AbsencePeriod
    from charlie.absence.services import refresh_tasks
    from charlie.privacy.models import CorrectionRequest, RetentionBatch

    today = timezone.localdate()
    org.person_in_nord.phone = "12 34 56 78"
    org.person_in_nord.save()
    AbsencePeriod.objects.create(
        person=org.person_in_nord, absence_type="sickness", start_date=today - timedelta(days=4)
    )
    refresh_tasks(today)
    CorrectionRequest.objects.create(
        subject_person_id=org.person_in_nord.pk, category="stamdata", message="Forkert adresse"
    )
    RetentionBatch.objects.create(
        rule_code="absence_periods",
        category="fravaer",
        action="delete",
        years=5,
        as_of=today,
        count=3,
    )


EXPECTED = {
    "manager": ["Opfølgning i dag og overskredne frister", "Syge i dag"],
    "hr": ["Overskredne opgaver i sygefraværsopfølgningen, pr. enhed", "Seneste import"],
    "dpo": ["sletteforslag venter på din godkendelse", "åben anmodning om rettelse"],
    "employee": ["Du er meldt syg", "Din anmodning om rettelse er under behandling"],
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_the_work_queue_per_role(page, live_server, work, role):
    login(page, live_server, role)
    queue = page.get_by_role("region", name="Det skal du i dag")
    for text in EXPECTED[role]:
        expect(queue).to_contain_text(text)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        assert_accessible(page, f"the {role}'s front page at {width} px")


def test_the_manager_calls_and_opens_the_person(page, live_server, work, org):
    login(page, live_server, "manager")
    queue = page.get_by_role("region", name="Det skal du i dag")
    expect(queue.get_by_role("link", name="Ring 12 34 56 78").first).to_have_attribute(
        "href", "tel:12 34 56 78"
    )
    queue.get_by_role(
        "link", name=f"Kontakt på 1. sygedag – {org.person_in_nord.full_name}", exact=True
    ).click()
    expect(page).to_have_url(f"{live_server.url}/people/{org.person_in_nord.pk}/")
