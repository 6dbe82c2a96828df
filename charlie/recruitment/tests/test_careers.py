"""The public careers site: open jobs only (published, deadline not passed in Copenhagen), the
filters, the job page with its JSON-LD, the closed page, the Atom feed, the cache and the
stories — as the public sees them, signed in or not."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from charlie.people.tests.factories import job_family
from charlie.recruitment.models import AdStatus, EmploymentType, JobAd
from charlie.recruitment.services import careers
from charlie.recruitment.tests.factories import JobAdFactory, StoryFactory

UTC = dt.UTC
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def on_day(monkeypatch):
    """Set the clock: ``on_day(datetime in UTC)``."""

    def set_now(moment: dt.datetime) -> None:
        monkeypatch.setattr(careers, "_now", lambda: moment)

    return set_now


def published(**kw) -> JobAd:
    kw.setdefault("status", AdStatus.PUBLISHED)
    kw.setdefault("published_at", timezone.now() - dt.timedelta(days=3))
    kw.setdefault("deadline", careers.open_on() + dt.timedelta(days=14))
    return JobAdFactory(**kw)


def titles(response) -> list[str]:
    return re.findall(r'<h3><a href="/job/[^"]+/">([^<]+)</a></h3>', response.content.decode())


def jsonld_of(response) -> dict:
    found = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert found, "the page has no JSON-LD"
    return json.loads(found.group(1))


# --- Open means published and the deadline not passed (in Copenhagen) ------------------------


def test_the_list_shows_published_ads_and_hides_drafts_and_closed(client, org):
    published(title="Pædagog til Solsikken")
    JobAdFactory(title="Kladde til en sygeplejerske")
    published(title="Lukket job", status=AdStatus.CLOSED)
    published(title="Udløbet i går", deadline=careers.open_on() - dt.timedelta(days=1))
    published(title="Frist i dag", deadline=careers.open_on())
    response = client.get(reverse("careers:jobs"))
    assert response.status_code == 200
    assert sorted(titles(response)) == ["Frist i dag", "Pædagog til Solsikken"]
    assert "2 ledige job" in response.content.decode()


def test_an_ad_disappears_at_midnight_copenhagen_time_on_its_deadline(client, org, on_day):
    """Deadline 15 January 2027. Copenhagen is UTC+1 in winter: 22:59 UTC is 23:59 there (still
    open, the whole day counts); 23:00 UTC is 00:00 on 16 January there (closed), although it
    is still the 15th in UTC."""
    published(slug="frist-15-januar", title="Frist 15. januar", deadline=dt.date(2027, 1, 15))
    on_day(dt.datetime(2027, 1, 15, 22, 59, tzinfo=UTC))
    assert titles(client.get(reverse("careers:jobs"))) == ["Frist 15. januar"]
    assert client.get("/job/frist-15-januar/").status_code == 200
    on_day(dt.datetime(2027, 1, 15, 23, 0, tzinfo=UTC))
    assert titles(client.get(reverse("careers:jobs"))) == []
    closed = client.get("/job/frist-15-januar/")
    assert closed.status_code == 410
    assert "Stillingen er lukket" in closed.content.decode()
    assert "application/ld+json" not in closed.content.decode()


def test_summer_time_moves_midnight_to_22_utc(client, org, on_day):
    """Deadline 30 June 2027: Copenhagen is UTC+2, so the day ends at 22:00 UTC."""
    published(slug="frist-30-juni", title="Frist 30. juni", deadline=dt.date(2027, 6, 30))
    on_day(dt.datetime(2027, 6, 30, 21, 59, tzinfo=UTC))
    assert titles(client.get(reverse("careers:jobs"))) == ["Frist 30. juni"]
    on_day(dt.datetime(2027, 6, 30, 22, 0, tzinfo=UTC))
    assert titles(client.get(reverse("careers:jobs"))) == []


def test_a_draft_is_unknown_and_a_closed_ad_says_so(client, org):
    JobAdFactory(slug="kladde")
    published(slug="lukket", status=AdStatus.CLOSED)
    assert client.get("/job/kladde/").status_code == 404
    assert client.get("/job/findes-ikke/").status_code == 404
    closed = client.get("/job/lukket/")
    assert closed.status_code == 410
    assert "Se de ledige job" in closed.content.decode()


def test_a_closed_ad_that_never_was_public_is_unknown(client, org):
    JobAdFactory(slug="aldrig-offentlig", status=AdStatus.CLOSED, published_at=None)
    assert client.get("/job/aldrig-offentlig/").status_code == 404


# --- Filters and pages -----------------------------------------------------------------------


def test_filters_by_text_job_family_area_and_employment_type(client, org):
    published(title="Social- og sundhedsassistent, nat", body="Nattevagt på plejecenter.")
    published(
        title="Lærer i dansk",
        unit=org.skole,
        job_family=job_family("laerer"),
        employment_type=EmploymentType.FULL_TIME,
        body="Vi søger en lærer til udskolingen.",
    )
    url = reverse("careers:jobs")
    assert titles(client.get(url, {"q": "udskolingen"})) == ["Lærer i dansk"]
    assert titles(client.get(url, {"q": "lærer dansk"})) == ["Lærer i dansk"]
    sosu = job_family("sosu").pk
    assert titles(client.get(url, {"fag": sosu})) == ["Social- og sundhedsassistent, nat"]
    assert titles(client.get(url, {"omraade": org.kultur.pk})) == ["Lærer i dansk"]
    assert titles(client.get(url, {"omraade": org.social.pk})) == [
        "Social- og sundhedsassistent, nat"
    ]
    assert titles(client.get(url, {"type": "FULL_TIME"})) == ["Lærer i dansk"]
    # Nonsense is ignored, never an error.
    assert len(titles(client.get(url, {"type": "x", "fag": "abc", "side": "-3"}))) == 2
    # The area filter offers the forvaltninger with open jobs, by name.
    page = client.get(url).content.decode()
    assert f'<option value="{org.kultur.pk}">Børn og Kultur</option>' in page
    assert f'<option value="{org.social.pk}">Social og Sundhed</option>' in page


def test_the_list_is_paged(client, org):
    for i in range(careers.PAGE_SIZE + 3):
        published(title=f"Job {i:02d}")
    first = client.get(reverse("careers:jobs"))
    second = client.get(reverse("careers:jobs"), {"side": 2})
    assert len(titles(first)) == careers.PAGE_SIZE and len(titles(second)) == 3
    assert "Side 1 af 2" in first.content.decode()
    assert not set(titles(first)) & set(titles(second))


# --- The job page and its JSON-LD --------------------------------------------------------------


def test_the_job_page_has_the_facts_a_way_to_apply_and_valid_jsonld(client, org, settings):
    settings.CHARLIE_MUNICIPALITY_NAME = "Lemvig Kommune"
    published(
        slug="sosu-nord",
        title="Social- og sundhedsassistent",
        body="Om jobbet\n\n- Dagvagt\n- Weekend hver 3. uge",
        street_address="Nørregade 1",
        salary_min=Decimal(28000),
        salary_max=Decimal(32500),
        deadline=dt.date(2027, 1, 15),
        published_at=dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        contact_phone="96 63 11 00",
    )
    response = client.get("/job/sosu-nord/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a class="button button-primary" href="ansoeg/">Ansøg' in page
    assert "<ul><li>Dagvagt</li><li>Weekend hver 3. uge</li></ul>" in page
    assert 'href="tel:96631100"' in page
    assert "15. januar 2027" in page
    data = jsonld_of(response)
    assert data["@context"] == "https://schema.org/" and data["@type"] == "JobPosting"
    assert data["title"] == "Social- og sundhedsassistent"
    assert data["datePosted"] == "2026-12-01"
    assert data["validThrough"] == "2027-01-15T23:59:59+01:00"
    assert data["employmentType"] == "PART_TIME"
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Lemvig Kommune",
        "sameAs": "http://testserver/job/",
    }
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "DK",
        "streetAddress": "Nørregade 1",
        "postalCode": "7620",
        "addressLocality": "Lemvig",
    }
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "DKK",
        "value": {
            "@type": "QuantitativeValue",
            "unitText": "MONTH",
            "minValue": 28000,
            "maxValue": 32500,
        },
    }
    assert "<li>Dagvagt</li>" in data["description"]
    assert data["url"] == "http://testserver/job/sosu-nord/"


def test_no_salary_no_base_salary(client, org):
    published(slug="uden-loen")
    assert "baseSalary" not in jsonld_of(client.get("/job/uden-loen/"))


def test_ad_text_cannot_break_out_of_the_page_or_the_script(client, org):
    published(
        slug="fjendtlig",
        title="</script><script>alert(1)</script>",
        body='<img src=x onerror="alert(2)"> & </script>',
    )
    response = client.get("/job/fjendtlig/")
    page = response.content.decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt; &amp; &lt;/script&gt;" in page
    data = jsonld_of(response)  # still one script element, still the same JSON
    assert data["title"] == "</script><script>alert(1)</script>"


# --- The feed ------------------------------------------------------------------------------------


def test_the_feed_is_atom_with_the_open_jobs(client, org):
    published(slug="ny", title="Ny stilling & mere", published_at=timezone.now())
    published(
        slug="aeldre", title="Ældre stilling", published_at=timezone.now() - dt.timedelta(days=5)
    )
    JobAdFactory(slug="kladde", title="Kladde")
    response = client.get(reverse("careers:feed"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)  # noqa: S314 - our own output, parsed to check it
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/job/feed/"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Ny stilling & mere", "Ældre stilling"]
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}")
        updated = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert updated.tzinfo is not None
    assert entries[0].find(f"{ATOM}link").get("href") == "http://testserver/job/ny/"


# --- The cache ---------------------------------------------------------------------------------


def test_a_cached_page_shows_a_publish_an_edit_and_a_close_at_once(
    client, org, django_assert_max_num_queries
):
    ad = published(title="Første titel")
    url = reverse("careers:jobs")
    assert titles(client.get(url)) == ["Første titel"]
    with django_assert_max_num_queries(2):  # the data versions, and the session-less request
        assert titles(client.get(url)) == ["Første titel"]
    ad.title = "Ny titel"
    ad.save()
    assert titles(client.get(url)) == ["Ny titel"]
    ad.status = AdStatus.CLOSED
    ad.save()
    assert titles(client.get(url)) == []


def test_a_cached_page_holds_nothing_of_the_visitor(client, org):
    """Every visitor gets the same bytes: no CSRF token, no nonce, no cookie set."""
    published()
    first = client.get(reverse("careers:jobs"))
    client.cookies.clear()
    second = client.get(reverse("careers:jobs"))
    assert first.content == second.content
    assert not second.cookies
    assert "csrfmiddlewaretoken" not in second.content.decode()
    assert "nonce" not in second.content.decode()
    assert "nonce" not in second["Content-Security-Policy"]
    assert second["Cache-Control"] == "public, max-age=60"


def test_the_language_is_chosen_by_a_link_and_back_to_the_page(client, org):
    published(slug="sosu")
    page = client.get("/job/sosu/").content.decode()
    assert 'href="/job/sprog/?sprog=en&amp;next=%2Fjob%2Fsosu%2F"' in page
    response = client.get("/job/sprog/", {"sprog": "en", "next": "/job/sosu/"})
    assert response.status_code == 302 and response["Location"] == "/job/sosu/"
    english = client.get("/job/sosu/")
    assert english["Content-Language"] == "en"
    assert '<html lang="en">' in english.content.decode()  # its own cached copy
    # Only back to a careers page; an unknown language changes nothing.
    for target in ("https://evil.example/job/", "//evil.example/job/", "/rekruttering/"):
        assert client.get("/job/sprog/", {"sprog": "da", "next": target})["Location"] == "/job/"
    client.get("/job/sprog/", {"sprog": "xx", "next": "/job/"})
    assert client.get("/job/")["Content-Language"] == "da"


# --- Stories -------------------------------------------------------------------------------------


def test_published_stories_on_the_front_page_and_their_own_pages(client, org):
    StoryFactory(slug="cykel", title="På cykel til plejecentret", published_at=timezone.now())
    StoryFactory(slug="kladde", title="Ikke endnu", published=False)
    front = client.get(reverse("careers:jobs")).content.decode()
    assert "På cykel til plejecentret" in front and "Ikke endnu" not in front
    listing = client.get(reverse("careers:stories")).content.decode()
    assert "På cykel til plejecentret" in listing and "Ikke endnu" not in listing
    assert client.get("/job/historier/cykel/").status_code == 200
    assert client.get("/job/historier/kladde/").status_code == 404
    themed = client.get(reverse("careers:stories"), {"tema": "development"}).content.decode()
    assert "På cykel til plejecentret" not in themed


def test_the_public_pages_never_mention_applicants(client, org):
    from charlie.recruitment.tests.factories import ApplicationFactory

    ad = published(slug="med-ansoegere")
    ApplicationFactory(ad=ad, name="Sara Holm", email="sara@example.org")
    for url in ("/job/", "/job/med-ansoegere/", "/job/feed/"):
        page = client.get(url).content.decode()
        assert "Sara Holm" not in page and "sara@example.org" not in page
