"""Issue 15's "Done when", as one story in the browser: a manager asks for a SOSU assistant
because the workforce plan shows a shortage; HR approves, writes the ad from the request and
fixes what the inclusive-language check flags; the ad appears on the careers site with valid
JSON-LD and in the feed; an applicant applies from a phone; the committee screens anonymously
and hires; the onboarding plan starts with its ansættelsesbevis deadlines; and the fairness
view shows the round's figures. axe-core checks each page on the way (every page, one by one,
is in ``test_recruitment_pages.py``)."""

from __future__ import annotations

import datetime as dt
import json

from django.core import mail
from django.utils import timezone, translation
from playwright.sync_api import expect

from charlie.core.templatetags.formats import da_date
from charlie.people.tests.factories import job_family
from charlie.recruitment.models import Application, JobAd, OnboardingPlan, Stage, StageChange
from charlie.recruitment.onboarding import terms_deadlines
from charlie.recruitment.tests.factories import ApplicationFactory, pdf_bytes
from charlie.workforce import services as workforce
from charlie.workforce.tests.data import make_history
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E

DESKTOP = {"width": 1280, "height": 900}
TITLE = "Social- og sundhedsassistent til Plejecenter Nord"


def _as(page, live_server, role: str) -> None:
    page.context.clear_cookies()
    page.set_viewport_size(DESKTOP)
    login(page, live_server, role)


def _others_applied(ad: JobAd) -> None:
    """Twenty others have applied before our applicant: ten women and ten men, four of each
    shortlisted, so that the fairness figures have groups large enough to show."""
    for i in range(20):
        woman = i < 10
        other = ApplicationFactory(
            ad=ad,
            number=i + 1,
            name=f"Anden ansøger {i}",
            gender="woman" if woman else "man",
            birth_year=1975 + i,
        )
        if i % 10 < 4:
            StageChange.objects.create(application=other, stage=Stage.SHORTLISTED)
            other.stage = Stage.SHORTLISTED
            other.save(update_fields=["stage"])


def test_from_a_shortage_in_the_plan_to_a_new_colleague(
    page, live_server, users, org, settings, tmp_path
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_history(org)
    workforce.create_illustrative_scenario()
    today = timezone.localdate()
    year = workforce.today().year + 1

    # 1. The manager asks for a SOSU assistant, with the plan's shortage beside the request.
    _as(page, live_server, "manager")
    menu_link(page, "Stillingsønsker").click()
    page.get_by_role("link", name="Nyt stillingsønske").click()
    page.get_by_label("Enhed").select_option(label="Plejecenter Nord")
    page.get_by_label("Stillingskategori").select_option(value=str(job_family("sosu").pk))
    page.get_by_label("Stillingsbetegnelse").fill("Social- og sundhedsassistent")
    page.get_by_label("Timer om ugen").fill("32")
    page.get_by_label("Ønsket tiltrædelse").fill((today + dt.timedelta(days=60)).isoformat())
    page.get_by_label("Begrundelse").select_option("shortage")
    page.get_by_label("År i personaleplanen").select_option(str(year))
    expect(page.locator("#shortage-figure")).to_contain_text("forventet rekrutteringsbehov")
    assert_accessible(page, "the request with the plan's shortage")
    page.get_by_role("button", name="Send til HR").click()
    expect(page.get_by_role("status")).to_contain_text("sendt til HR")

    # 2. HR approves it and writes the ad from it.
    _as(page, live_server, "hr")
    menu_link(page, "Stillingsønsker").click()
    page.get_by_role("link", name="Social- og sundhedsassistent").first.click()
    page.get_by_role("button", name="Godkend").click()
    expect(page.get_by_role("note").filter(has_text="HR har godkendt ønsket")).to_be_visible()
    menu_link(page, "Jobopslag").click()
    page.get_by_role("link", name="Skriv opslag for Social- og sundhedsassistent").click()
    expect(page.get_by_label("Titel")).to_have_value("Social- og sundhedsassistent")
    expect(page.get_by_label("Timer om ugen")).to_have_value("32.00")

    # The first draft says "yngre" and "formand": the check flags both as one types.
    report = page.locator("#ad-check")
    body = page.get_by_label("Annoncetekst")
    body.press_sequentially("Vi søger en yngre kollega, der kan være formand for beboerrådet.")
    expect(report).to_contain_text("»yngre«")
    expect(report).to_contain_text("Juridisk risiko")
    expect(report).to_contain_text("»formand«")
    expect(report).to_contain_text("Manglende oplysninger")
    assert_accessible(page, "the editor with findings")
    # HR decides: the age word goes, the title becomes neutral, the facts come in.
    body.fill("")
    body.press_sequentially(
        "Vi søger en engageret kollega, der kan være forperson for beboerrådet. "
        "Du bliver en del af en faglig stærk og omsorgsfuld personalegruppe. "
        "Søg stillingen via linket nedenfor."
    )
    expect(report).to_contain_text("0 juridiske risici")
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Løn og overenskomst").fill("Løn efter overenskomst mellem KL og FOA")
    page.get_by_label("Ansøgningsfrist").fill((today + dt.timedelta(days=21)).isoformat())
    page.get_by_label("Kontaktperson").fill("Pia Leder")
    page.get_by_label("Postnummer").fill("7620")
    page.get_by_label("By").fill("Lemvig")
    expect(report).to_contain_text("0 manglende oplysninger")
    page.get_by_role("button", name="Gem opslag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_role("button", name="Slå opslaget op").click()
    expect(page.get_by_role("heading", name="Sprogtjek gemt ved opslaget")).to_be_visible()
    page.get_by_label("Nyt kriterium").fill("Faglighed")
    page.get_by_role("button", name="Tilføj kriterium").click()
    page.get_by_label("Medlem").select_option(label=users["employee"].get_full_name())
    page.get_by_role("button", name="Tilføj til udvalget").click()
    page.get_by_label("Medlem").select_option(label=users["manager"].get_full_name())
    page.get_by_label("Forperson for udvalget").check()
    page.get_by_role("button", name="Tilføj til udvalget").click()
    expect(page.locator("#udvalg + p + ul")).to_contain_text("(forperson)")
    assert_accessible(page, "the published ad with its committee")
    ad = JobAd.objects.get()
    assert ad.requisition is not None and ad.requisition.shortage_year == year
    assert ad.report is not None and ad.report["counts"]["legal_risk"] == 0

    # 3. The ad is on the careers site with valid JSON-LD, and in the feed.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/job/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    posting = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert posting["@type"] == "JobPosting" and posting["title"] == TITLE
    assert posting["validThrough"].startswith(ad.deadline.isoformat())
    for key in ("description", "datePosted", "employmentType", "hiringOrganization"):
        assert posting[key], key
    assert posting["jobLocation"]["address"]["postalCode"] == "7620"
    feed = page.request.get(f"{live_server.url}/job/feed/")
    assert feed.ok and TITLE in feed.text() and f"/job/{ad.slug}/" in feed.text()

    # 4. An applicant applies from a phone.
    _others_applied(ad)
    cv = tmp_path / "CV.pdf"
    cv.write_bytes(pdf_bytes("Sara Holm"))
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/job/{ad.slug}/")
    page.get_by_role("link", name="Ansøg om stillingen").click()
    page.get_by_label("Navn").fill("Sara Holm")
    page.get_by_label("E-mail").fill("sara@example.org")
    page.get_by_label("Telefon").fill("12 34 56 78")
    page.get_by_label("Adresse").fill("Skjultvej 9, 7620 Lemvig")
    page.get_by_label("CV").set_input_files(str(cv))
    page.get_by_label("Kort motivation").fill("Jeg brænder for ældreplejen.")
    page.get_by_label("Fødselsår (valgfrit)").fill("1988")
    page.get_by_label("Kvinde").check()
    page.get_by_label("Jeg har læst, hvordan kommunen behandler mine oplysninger").check()
    assert _sticking_out(page) == []
    page.get_by_role("button", name="Send ansøgning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Din ansøgning")
    assert _sticking_out(page) == []
    assert_accessible(page, "the applicant's own page at 375 px")
    sara = Application.objects.get(name="Sara Holm")
    code = sara.code
    assert mail.outbox[-1].to == ["sara@example.org"]

    # 5. A committee member screens anonymously and scores.
    _as(page, live_server, "employee")
    menu_link(page, "Ansættelsesforløb").click()
    page.get_by_role("link", name=TITLE).click()
    for secret in ("Sara Holm", "Skjultvej", "1988"):
        expect(page.get_by_text(secret)).to_have_count(0)
    page.get_by_role("link", name=code, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ansøger {code}")
    expect(page.get_by_text("Jeg brænder for ældreplejen.")).to_be_visible()
    expect(page.get_by_text("Sara Holm")).to_have_count(0)
    page.get_by_label("Dine point for Faglighed").select_option("5")
    page.get_by_role("button", name="Gem point for Faglighed").click()
    expect(page.get_by_text("Dine point er gemt.")).to_be_visible()
    assert_accessible(page, "the anonymous applicant, scored")

    # 6. The chair shortlists her (her name appears), takes her through the stages and hires.
    _as(page, live_server, "manager")
    page.goto(f"{live_server.url}/rekruttering/forloeb/{ad.slug}/")
    page.get_by_label(f"Flyt {code} til trin").select_option(label="Udvalgt til samtale")
    page.get_by_role("button", name=f"Flyt {code}").click()
    expect(page.get_by_text(f"{code} Sara Holm")).to_be_visible()
    page.get_by_role("link", name=code, exact=True).click()
    for stage in ("Samtale 1", "Tilbud", "Ansat"):
        page.get_by_label("Flyt til trin").select_option(label=stage)
        page.get_by_role("button", name="Flyt", exact=True).click()
        expect(page.get_by_text(f"Trin: {stage}")).to_be_visible()
    assert_accessible(page, "the hired applicant")

    # 7. The onboarding plan starts, with the two ansættelsesbevis deadlines.
    page.get_by_role("link", name="Start introduktionsforløbet").click()
    expect(page.get_by_label("Navn")).to_have_value("Sara Holm")
    start = today + dt.timedelta(days=30)
    page.get_by_label("Første arbejdsdag").fill(start.isoformat())
    page.get_by_role("button", name="Start forløbet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Introduktion: Sara Holm")
    deadlines = terms_deadlines(start)
    with translation.override("da"):
        core, other = da_date(deadlines.core_terms), da_date(deadlines.other_terms)
    for title, due in (("kernevilkårene", core), ("de øvrige vilkår", other)):
        row = page.get_by_role("row").filter(has_text=f"Ansættelsesbevis: {title}")
        expect(row).to_contain_text(due)
        expect(row).to_contain_text("lovkrav")
    assert_accessible(page, "the new plan with its ansættelsesbevis deadlines")
    plan = OnboardingPlan.objects.get()
    assert plan.application_id == sara.pk and plan.start_on == start

    # 8. The fairness view shows the round's figures, for groups, never per person.
    _as(page, live_server, "analyst")
    menu_link(page, "Ligestilling i rekruttering").click()
    page.get_by_label("Ansættelsesforløb").select_option(label=TITLE)
    page.get_by_role("button", name="Vis").click()
    table = page.get_by_role("table", name=f"Ansøgere efter køn: {TITLE}")
    expect(table.get_by_role("row", name="Kvinde")).to_contain_text("11")
    expect(table.get_by_role("row", name="Mand")).to_contain_text("10")
    expect(page.get_by_text("Sara Holm")).to_have_count(0)
    assert_accessible(page, "the round's fairness figures")
