"""Job ads through ``services.ads`` and their pages: writing, the check as one types,
publishing with the report kept, closing, criteria and committee; HR only."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.models import JobFamily
from charlie.people.services import access_for
from charlie.recruitment import services
from charlie.recruitment.models import (
    AdStatus,
    CommitteeMember,
    Criterion,
    EmploymentType,
    JobAd,
    RequisitionStatus,
    Score,
)
from charlie.recruitment.tests.factories import (
    ApplicationFactory,
    JobAdFactory,
    RequisitionFactory,
)

pytestmark = pytest.mark.django_db


def _data(org, **over):
    data = {
        "title": "Social- og sundhedsassistent til Ældrecenter Å",
        "lang": "da",
        "summary": "",
        "body": "Vi søger en yngre og ambitiøs kollega. Løn efter overenskomst.",
        "unit": org.nord,
        "job_family": JobFamily.objects.get(code="sosu"),
        "employment_type": EmploymentType.PART_TIME,
        "weekly_hours": Decimal("32"),
        "place": "Plejecenter Nord",
        "street_address": "",
        "postal_code": "7620",
        "city": "Lemvig",
        "salary_text": "Løn efter overenskomst mellem KL og FOA",
        "salary_min": None,
        "salary_max": None,
        "start_text": "",
        "deadline": timezone.localdate() + dt.timedelta(days=14),
        "contact_name": "Pia Leder",
        "contact_phone": "",
        "contact_email": "pia@kommune.example",
        "anonymised_screening": True,
    }
    data.update(over)
    return data


@pytest.fixture
def hr(users):
    return access_for(users["hr"])


# --- Writing -------------------------------------------------------------------------------------


def test_a_new_ad_gets_a_unique_ascii_address_from_its_title(hr, org):
    first = services.save_ad(hr, _data(org))
    second = services.save_ad(hr, _data(org))
    assert first.slug == "social-og-sundhedsassistent-til-aeldrecenter-aa"
    assert second.slug == "social-og-sundhedsassistent-til-aeldrecenter-aa-2"
    assert first.status == AdStatus.DRAFT and first.created_by_id == hr.user.pk
    # The address stays when the title changes.
    services.save_ad(hr, _data(org, title="Sygeplejerske"), ad_id=first.pk)
    first.refresh_from_db()
    assert first.slug == "social-og-sundhedsassistent-til-aeldrecenter-aa"
    assert first.title == "Sygeplejerske"


def test_a_reserved_address_is_not_used(hr, org):
    assert services.save_ad(hr, _data(org, title="Feed")).slug == "feed-job"
    # /job/sprog/ is the careers site's language link.
    assert services.save_ad(hr, _data(org, title="Sprog")).slug == "sprog-job"


def test_the_ad_is_checked_for_cpr_numbers_and_lengths(hr, org):
    with pytest.raises(ValidationFailed, match="CPR"):
        services.save_ad(hr, _data(org, body="Ring til 010203-1234."))
    with pytest.raises(ValidationFailed, match="Postnummeret"):
        services.save_ad(hr, _data(org, postal_code="76"))
    with pytest.raises(ValidationFailed, match="Løn fra"):
        services.save_ad(hr, _data(org, salary_min=Decimal(40000), salary_max=Decimal(30000)))
    assert not JobAd.objects.exists()


def test_an_ad_from_an_approved_requisition(hr, org):
    req = RequisitionFactory(unit=org.nord, status=RequisitionStatus.APPROVED)
    initial = services.requisition_initial(hr, req.pk)
    assert initial["title"] == "Social- og sundhedsassistent"
    assert initial["unit"] == org.nord.pk
    assert initial["weekly_hours"] == Decimal("32.00")
    assert initial["employment_type"] == EmploymentType.PART_TIME
    assert initial["start_text"] == "01.03.2027"
    ad = services.save_ad(hr, _data(org), requisition_id=req.pk)
    assert ad.requisition_id == req.pk
    assert services.approved_requisitions(hr) == [req]


def test_a_requisition_not_approved_cannot_start_an_ad(hr, org):
    req = RequisitionFactory(status=RequisitionStatus.SUBMITTED)
    with pytest.raises(NotFound):
        services.requisition_initial(hr, req.pk)
    with pytest.raises(ValidationFailed, match="ikke godkendt"):
        services.save_ad(hr, _data(org), requisition_id=req.pk)


def test_full_time_and_temporary_from_the_requisition(hr):
    full = RequisitionFactory(status=RequisitionStatus.APPROVED, weekly_hours=Decimal("37"))
    temp = RequisitionFactory(
        status=RequisitionStatus.APPROVED, temporary_until=dt.date(2027, 12, 31)
    )
    assert services.requisition_initial(hr, full.pk)["employment_type"] == "FULL_TIME"
    assert services.requisition_initial(hr, temp.pk)["employment_type"] == "TEMPORARY"


# --- The check, publishing and closing -----------------------------------------------------------


def test_check_draft_uses_the_fields_as_facts(hr, org):
    report = services.check_draft(hr, _data(org))
    assert [f["word"] for f in report["findings"]] == ["yngre", "ambitiøs"]
    assert report["findings"][0]["severity"] == "legal_risk"
    # Hours, place, deadline, contact and how to apply come from the fields and the site.
    assert report["missing_facts"] == []
    bare = services.check_draft(hr, {"body": "Vi søger en kollega."})
    assert {m["key"] for m in bare["missing_facts"]} >= {"salary", "hours", "deadline"}


def test_publishing_keeps_the_report_and_never_changes_the_text(hr, org):
    ad = services.save_ad(hr, _data(org))
    body = ad.body
    services.publish_ad(hr, ad.pk)
    ad.refresh_from_db()
    assert ad.status == AdStatus.PUBLISHED and ad.published_at is not None
    assert ad.body == body
    assert [f["word"] for f in ad.report["findings"]] == ["yngre", "ambitiøs"]
    assert ad.report["verdict"]["coding"] == "masculine"
    assert "checked_at" in ad.report
    page = services.ad_page(hr, ad.pk)
    assert page.report_is_stored and page.report == ad.report
    with pytest.raises(ValidationFailed, match="kladde"):
        services.publish_ad(hr, ad.pk)


def test_correcting_a_published_ad_makes_its_report_again(hr, org):
    ad = services.save_ad(hr, _data(org))
    services.publish_ad(hr, ad.pk)
    services.save_ad(hr, _data(org, body="Vi søger en erfaren kollega."), ad_id=ad.pk)
    ad.refresh_from_db()
    assert ad.report["findings"] == []


def test_an_ad_past_its_deadline_is_not_published(hr, org):
    ad = JobAdFactory(deadline=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ValidationFailed, match="fristen"):
        services.publish_ad(hr, ad.pk)


def test_closing(hr, org):
    ad = JobAdFactory(deadline=timezone.localdate() + dt.timedelta(days=3))
    with pytest.raises(ValidationFailed):
        services.close_ad(hr, ad.pk)
    services.publish_ad(hr, ad.pk)
    services.close_ad(hr, ad.pk)
    ad.refresh_from_db()
    assert ad.status == AdStatus.CLOSED and ad.closed_at is not None
    with pytest.raises(ValidationFailed, match="lukket"):
        services.save_ad(hr, _data(org), ad_id=ad.pk)
    assert services.list_ads(hr, status="closed") == [ad]
    assert services.list_ads(hr, status="draft") == []


# --- Criteria and committee ----------------------------------------------------------------------


def test_criteria(hr, org):
    ad = JobAdFactory()
    first = services.add_criterion(hr, ad.pk, "Faglighed")
    second = services.add_criterion(hr, ad.pk, "Samarbejde")
    assert (first.order, second.order) == (0, 1)
    with pytest.raises(ValidationFailed, match="allerede"):
        services.add_criterion(hr, ad.pk, "faglighed")
    services.remove_criterion(hr, ad.pk, second.pk)
    assert list(Criterion.objects.filter(ad=ad)) == [first]
    with pytest.raises(NotFound):
        services.remove_criterion(hr, JobAdFactory().pk, first.pk)


def test_a_scored_criterion_stays(hr, users):
    ad = JobAdFactory()
    criterion = services.add_criterion(hr, ad.pk, "Faglighed")
    Score.objects.create(
        application=ApplicationFactory(ad=ad), criterion=criterion, member=users["hr"], score=4
    )
    with pytest.raises(ValidationFailed, match="point"):
        services.remove_criterion(hr, ad.pk, criterion.pk)


def test_committee(hr, users):
    ad = JobAdFactory()
    services.add_committee_member(hr, ad.pk, users["manager"].pk, chair=True)
    services.add_committee_member(hr, ad.pk, users["employee"].pk)
    services.add_committee_member(hr, ad.pk, users["employee"].pk, chair=True)
    chairs = CommitteeMember.objects.filter(ad=ad, chair=True)
    assert [m.user_id for m in chairs] == [users["employee"].pk]
    assert CommitteeMember.objects.filter(ad=ad).count() == 2
    member = CommitteeMember.objects.get(ad=ad, user=users["manager"])
    services.remove_committee_member(hr, ad.pk, member.pk)
    assert CommitteeMember.objects.filter(ad=ad).count() == 1
    users["analyst"].is_active = False
    users["analyst"].save()
    with pytest.raises(ValidationFailed, match="aktiv"):
        services.add_committee_member(hr, ad.pk, users["analyst"].pk)


# --- Who may -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["employee", "manager", "analyst", "dpo", "admin"])
def test_only_hr_writes_ads(role, users, org):
    access = access_for(users[role])
    ad = JobAdFactory()
    calls = [
        lambda: services.list_ads(access),
        lambda: services.ad_page(access, ad.pk),
        lambda: services.check_draft(access, {"body": "tekst"}),
        lambda: services.save_ad(access, _data(org)),
        lambda: services.publish_ad(access, ad.pk),
        lambda: services.close_ad(access, ad.pk),
        lambda: services.add_criterion(access, ad.pk, "x"),
        lambda: services.add_committee_member(access, ad.pk, users["hr"].pk),
        lambda: services.approved_requisitions(access),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    ad.refresh_from_db()
    assert ad.status == AdStatus.DRAFT


# --- Pages ---------------------------------------------------------------------------------------


def _form(org, **over):
    data = _data(org, **over)
    data["unit"] = data["unit"].pk
    data["job_family"] = data["job_family"].pk
    data["deadline"] = data["deadline"].isoformat()
    data["salary_min"] = data["salary_max"] = ""
    data["anonymised_screening"] = "on"
    return data


def test_the_editor_checks_as_one_types(client_as):
    html = client_as("hr").get(reverse("recruitment:ad_new")).content.decode()
    # The whole form is sent on any input or change: the facts count as well as the text.
    assert 'hx-post="/rekruttering/opslag/tjek/" hx-trigger="input delay:500ms, change"' in html
    assert 'id="ad-check" aria-live="polite"' in html
    assert "Charlies egen" in html


def test_the_check_partial(client_as):
    response = client_as("hr").post(
        reverse("recruitment:ad_check"),
        {"body": "Vi søger en yngre formand til vores unge og dynamiske team.", "lang": "da"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "»yngre«" in html and "Juridisk risiko" in html
    assert "forskelsbehandlingsloven § 5" in html
    assert "Forperson" in html
    assert "LIX" in html


def test_create_edit_and_publish_through_the_pages(client_as, org):
    client = client_as("hr")
    response = client.post(reverse("recruitment:ad_new"), _form(org))
    ad = JobAd.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:ad", kwargs={"ad_id": ad.pk})
    page = client.get(response["Location"]).content.decode()
    assert "Sprogtjek af kladden" in page and "»yngre«" in page
    response = client.post(
        reverse("recruitment:ad_edit", kwargs={"ad_id": ad.pk}), _form(org, title="")
    )
    assert response.status_code == 400
    assert "Opslaget blev ikke gemt" in response.content.decode()
    client.post(reverse("recruitment:ad_publish", kwargs={"ad_id": ad.pk}))
    ad.refresh_from_db()
    assert ad.status == AdStatus.PUBLISHED
    page = client.get(reverse("recruitment:ad", kwargs={"ad_id": ad.pk})).content.decode()
    assert "Sprogtjek gemt ved opslaget" in page
    assert "Tjekket " in page
    client.post(reverse("recruitment:ad_criteria", kwargs={"ad_id": ad.pk}), {"name": "Faglighed"})
    assert ad.criteria.get().name == "Faglighed"


def test_the_new_ad_from_a_requisition_is_filled_in(client_as, org):
    req = RequisitionFactory(title="Sygeplejerske til nattevagt", status="approved")
    html = (
        client_as("hr").get(reverse("recruitment:ad_new"), {"stillingsoenske": req.pk}).content
    ).decode()
    assert 'value="Sygeplejerske til nattevagt"' in html
    listing = client_as("hr").get(reverse("recruitment:ads")).content.decode()
    assert f"?stillingsoenske={req.pk}" in listing


# --- The CLI -------------------------------------------------------------------------------------


def test_cli_json(tmp_path):
    ad = tmp_path / "opslag.md"
    ad.write_text("# Sygeplejerske\n\nVi søger en yngre og stærk kollega.\n", encoding="utf-8")
    out = StringIO()
    call_command("recruitment", "check-ad", str(ad), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert [(f["category"], f["word"]) for f in data["findings"]] == [
        ("age", "yngre"),
        ("masculine_coded", "stærk"),
    ]
    assert data["findings"][0]["position"] == {"start": 29, "end": 34, "line": 3, "column": 13}
    assert data["findings"][0]["reason"] and data["findings"][0]["suggestion"]
    assert data["verdict"]["coding"] == "masculine"
    assert data["lix"]["band"]


def test_cli_english_text(tmp_path):
    ad = tmp_path / "ad.txt"
    ad.write_text("We need a young chairman.", encoding="utf-8")
    out = StringIO()
    call_command("recruitment", "check-ad", str(ad), "--lang", "en", stdout=out)
    text = out.getvalue()
    assert "»young« — JURIDISK RISIKO, alder." in text
    assert "»chairman« — Råd, kønnet titel." in text
    assert "Tjekket ændrer aldrig teksten" in text


def test_cli_errors(tmp_path):
    with pytest.raises(CommandError, match="findes ikke"):
        call_command("recruitment", "check-ad", str(tmp_path / "nope.txt"))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Vi søger".encode("latin-1"))
    with pytest.raises(CommandError, match="ikke UTF-8"):
        call_command("recruitment", "check-ad", str(latin1))
    with pytest.raises(CommandError, match="ikke en fil"):
        call_command("recruitment", "check-ad", str(tmp_path))
