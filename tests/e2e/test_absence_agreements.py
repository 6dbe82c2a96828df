"""§ 56 agreements and retention plans in the browser: a manager records both from a task.
axe-core checks every page."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.helpers import E2E, assert_accessible, login

pytestmark = E2E


def test_manager_records_an_agreement_and_a_plan(page, live_server, users, org):
    from charlie.absence.models import AbsencePeriod
    from charlie.absence.services import refresh_tasks

    today = timezone.localdate()
    AbsencePeriod.objects.create(
        person=org.person_in_nord, absence_type="sickness", start_date=today - timedelta(days=4)
    )
    refresh_tasks(today)

    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/absence/opgaver/")
    page.get_by_role("link", name="Sygefraværssamtale", exact=True).click()
    page.get_by_role("link", name="§ 56-aftaler og fastholdelsesplaner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("§ 56-aftaler og fastholdelsesplaner")
    expect(page.get_by_text("Kun datoer, aldrig lidelser eller diagnoser")).to_be_visible()
    assert_accessible(page, "the agreements page")

    page.get_by_label("Kommunen godkendte aftalen").fill(today.isoformat())
    page.get_by_role("button", name="Registrér § 56-aftale").click()
    expect(page.get_by_role("status")).to_contain_text("§ 56-aftalen er registreret")
    expect(page.get_by_role("table", name="§ 56-aftaler, nyeste først")).to_contain_text("Gælder")

    page.get_by_label("Medarbejderen anmodede om en plan").fill(today.isoformat())
    page.get_by_label("Arbejdsgiverens svar").select_option("refused")
    page.get_by_role("button", name="Gem fastholdelsesplan").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv datoen for arbejdsgiverens svar.")
    assert_accessible(page, "the plan form with an error")
    page.get_by_label("Dato for svaret").fill(today.isoformat())
    page.get_by_role("button", name="Gem fastholdelsesplan").click()
    expect(page.get_by_role("status")).to_contain_text("Fastholdelsesplanen er registreret")
    plans = page.get_by_role(
        "table", name="Sygeperioder det seneste år og deres fastholdelsesplaner"
    )
    expect(plans).to_contain_text("Arbejdsgiveren har afslået")
    assert_accessible(page, "the agreements page with a refused plan")
