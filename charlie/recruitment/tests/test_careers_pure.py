"""The careers site's pure modules: plain text to HTML, the JSON-LD and the Atom feed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from decimal import Decimal

from charlie.recruitment import feeds, jsonld, paragraphs

ATOM = "{http://www.w3.org/2005/Atom}"


def test_paragraphs_lines_and_lists():
    text = "Om os\r\nVi er 40 kolleger.\n\n- Dagvagt\n* Aftenvagt\n• Weekend\nTil sidst\n\n\n\nSlut"
    assert paragraphs.blocks(text) == [
        paragraphs.Block("p", ("Om os", "Vi er 40 kolleger.")),
        paragraphs.Block("ul", ("Dagvagt", "Aftenvagt", "Weekend")),
        paragraphs.Block("p", ("Til sidst",)),
        paragraphs.Block("p", ("Slut",)),
    ]
    assert paragraphs.to_html("A & <b>\nB\n\n- x") == (
        "<p>A &amp; &lt;b&gt;<br>B</p>\n<ul><li>x</li></ul>"
    )
    assert paragraphs.to_html("") == ""
    # A hyphenated word or a minus sign is no list.
    assert paragraphs.blocks("-5 grader og ikke-ryger")[0].kind == "p"


def test_plain_cuts_at_a_word():
    assert paragraphs.plain("Et to\n\ntre fire fem", limit=12) == "Et to tre…"
    assert paragraphs.plain("Kort") == "Kort"


def facts(**kw) -> jsonld.JobFacts:
    base = {
        "url": "https://k.dk/job/a/",
        "title": "SOSU-assistent",
        "description_html": "<p>Tekst</p>",
        "date_posted": date(2026, 12, 1),
        "deadline": date(2027, 1, 15),
        "employment_type": "PART_TIME",
        "organisation": "Lemvig Kommune",
        "organisation_url": "https://k.dk/job/",
        "place": "Plejecenter Nord",
        "city": "Lemvig",
        "postal_code": "7620",
    }
    base.update(kw)
    return jsonld.JobFacts(**base)


def test_valid_through_is_the_end_of_the_day_in_copenhagen():
    # Winter time (UTC+1) and summer time (UTC+2); the switch night of 28 March 2027 too.
    assert jsonld.valid_through(date(2027, 1, 15)) == "2027-01-15T23:59:59+01:00"
    assert jsonld.valid_through(date(2027, 6, 30)) == "2027-06-30T23:59:59+02:00"
    assert jsonld.valid_through(date(2027, 3, 28)) == "2027-03-28T23:59:59+02:00"


def test_job_posting_keys_and_salary():
    data = jsonld.job_posting(facts(salary_min=Decimal(30000)))
    for key in (
        "title",
        "description",
        "datePosted",
        "validThrough",
        "employmentType",
        "hiringOrganization",
        "jobLocation",
    ):
        assert key in data
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "MONTH",
        "value": 30000,
    }
    assert data["jobLocation"]["address"]["addressLocality"] == "Lemvig"
    assert "baseSalary" not in jsonld.job_posting(facts())
    # Min and max the wrong way round: still min ≤ max.
    swapped = jsonld.job_posting(facts(salary_min=Decimal(35000), salary_max=Decimal("30000.50")))
    assert swapped["baseSalary"]["value"]["minValue"] == 30000.5
    assert swapped["baseSalary"]["value"]["maxValue"] == 35000


def test_script_text_cannot_end_the_script_and_is_the_same_json():
    data = {"t": "</script><!-- & \u2028"}
    text = jsonld.script_text(data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data


def test_the_atom_feed_is_well_formed_and_dated():
    moment = datetime(2027, 1, 2, 10, 30, 15, 123, tzinfo=UTC)
    xml = feeds.atom(
        feeds.Feed(
            id="https://k.dk/job/feed/",
            title="Ledige job",
            link="https://k.dk/job/",
            self_link="https://k.dk/job/feed/",
            author="Lemvig Kommune",
            updated=datetime(2027, 1, 1, tzinfo=UTC),
        ),
        [feeds.Entry("https://k.dk/job/a/", "A & B", "https://k.dk/job/a/", moment, "<p>")],
    )
    root = ET.fromstring(xml)  # noqa: S314 - our own output, parsed to check it
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}updated") == "2027-01-02T10:30:15+00:00"
    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "A & B"
    assert entry.findtext(f"{ATOM}summary") == "<p>"
    empty = ET.fromstring(  # noqa: S314 - our own output, parsed to check it
        feeds.atom(feeds.Feed("i", "t", "l", "s", "a", datetime(2027, 1, 1, tzinfo=UTC)), [])
    )
    assert empty.findtext(f"{ATOM}updated") == "2027-01-01T00:00:00+00:00"
