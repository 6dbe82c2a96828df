""" "Mine data" as PDF (GDPR art. 15): the same content as the page, as a tagged A4 document made
without fetching anything from outside, and recorded as the user's own insight."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import weasyprint
from django.urls import reverse

from charlie.absence.models import AbsencePeriod, AbsenceType
from charlie.privacy import services
from charlie.privacy.models import AuditEntry, CorrectionRequest
from charlie.privacy.registry import data_providers

pytestmark = pytest.mark.django_db


@pytest.fixture
def captured_html(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The HTML each PDF is made from (the real ``render_pdf`` still runs)."""
    seen: list[str] = []
    real = services.render_pdf

    def capture(html: str) -> bytes:
        seen.append(html)
        return real(html)

    monkeypatch.setattr(services, "render_pdf", capture)
    return seen


def _texts(box: Any) -> Iterator[str]:
    text = getattr(box, "text", None)
    if text:
        yield text
    for child in getattr(box, "children", None) or []:
        yield from _texts(child)


def pdf_text(html: str) -> tuple[str, int]:
    """The text WeasyPrint lays out on the pages (margin boxes included), and the page count."""
    document = weasyprint.HTML(string=html, url_fetcher=services.pdf_url_fetcher()).render()
    text = " ".join(t for page in document.pages for t in _texts(page._page_box))
    return re.sub(r"\s+", " ", text), len(document.pages)


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF with its compressed streams (object streams included) inflated, to search in."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_pdf_download(client_as, users, org, captured_html):
    person = org.person_in_nord
    AbsencePeriod.objects.create(
        person=person,
        absence_type=AbsenceType.CARE_DAY,
        start_date=date(2026, 4, 14),
        end_date=date(2026, 4, 14),
    )
    CorrectionRequest.objects.create(
        subject_person_id=person.pk, category="stamdata", message="Mit telefonnummer er forkert."
    )
    hr = client_as("hr")
    hr.get(reverse("people:detail", kwargs={"person_id": person.pk}))
    hr.logout()

    response = client_as("employee").get(reverse("privacy:my_data_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="mine-data-')
    assert response["Content-Disposition"].endswith('.pdf"')
    assert response.content.startswith(b"%PDF")

    # Tagged (PDF/UA-1): a structure tree, the document language and the title.
    objects = pdf_objects(response.content)
    assert b"/StructTreeRoot" in objects
    assert b"/Lang (da)" in objects or b"/Lang(da)" in objects
    assert b"/MarkInfo" in objects

    [html] = captured_html
    text, pages = pdf_text(html)
    assert pages >= 1
    assert person.full_name in text
    assert person.employee_number in text
    assert "Mine data" in text
    assert f"Side 1 af {pages}" in text  # the footer, from CSS @page
    for expected in (
        "Stamdata",
        "Ansættelse",
        "Fravær",
        "Omsorgsdag",
        person.employments.get().job_title,
        "HR-administration",
        "GDPR art. 15",  # a legal basis from the register
        "Mit telefonnummer er forkert.",
        "Åben",
        "Hvem har set eller ændret mine oplysninger",
        "test-hr",
    ):
        assert expected in text, expected
    assert "<title>Mine data – " + person.full_name in html
    assert '<html lang="da">' in html


def test_pdf_is_recorded_as_own_insight(client_as, users, org):
    client_as("employee").get(reverse("privacy:my_data_pdf"))
    entries = AuditEntry.objects.filter(actor=users["employee"])
    assert {e.category for e in entries} == set(data_providers())
    assert {(e.subject_person_id, e.purpose, e.channel, e.action, e.detail) for e in entries} == {
        (org.person_in_nord.pk, "egen_indsigt", "ui", "read", "mine-data.pdf")
    }


def test_pdf_holds_no_one_elses_data(client_as, users, org, captured_html):
    others = [org.person_in_syd, org.person_in_skole]
    client_as("employee").get(reverse("privacy:my_data_pdf"))
    text, _pages = pdf_text(captured_html[0])
    for other in others:
        assert other.full_name not in text
        assert other.employee_number not in text


def test_pdf_for_a_user_without_a_person(client_as, captured_html):
    response = client_as("analyst").get(reverse("privacy:my_data_pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text, _pages = pdf_text(captured_html[0])
    assert "Der er ingen oplysninger om dig" in text
    assert not AuditEntry.objects.exists()


def test_the_page_links_to_the_pdf(client_as, org):
    html = client_as("employee").get(reverse("privacy:my_data")).content.decode()
    assert reverse("privacy:my_data_pdf") in html
    assert "Hent mine data som PDF" in html


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/logo.png",
        "https://example.org/style.css",
        "file:///etc/passwd",
        "ftp://example.org/x",
    ],
)
def test_the_pdf_fetches_nothing_from_outside(url):
    with pytest.raises(ValueError, match="disallowed protocol"):
        services.pdf_url_fetcher()(url)


def test_a_reference_outside_is_left_out_not_fetched(monkeypatch):
    """An external image in the HTML is refused by the fetcher: WeasyPrint never opens it."""
    import urllib.request

    opened: list[Any] = []

    def no_network(self: Any, url: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(url)  # WeasyPrint catches what a fetch raises, so count instead
        raise OSError("no network")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    html = '<html lang="da"><title>x</title><img src="http://example.org/x.png" alt="x"></html>'
    assert services.render_pdf(html).startswith(b"%PDF")
    assert opened == []
