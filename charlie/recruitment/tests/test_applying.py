"""Applying end to end through the public form (real PDF, DOCX and ODT bytes), the receipt and
the private link, withdrawing and deleting, and HR's and the committee's file download."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from charlie.core import tokens
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.services import access_for
from charlie.privacy.models import AuditEntry
from charlie.recruitment.models import (
    AdStatus,
    Application,
    ApplicationFile,
    CommitteeMember,
    ConsentEvent,
    Note,
    Stage,
    StageChange,
    TalentProfile,
)
from charlie.recruitment.services import applying
from charlie.recruitment.tests.factories import (
    ApplicationFactory,
    TalentProfileFactory,
    _zip,
    docx_bytes,
    odt_bytes,
    open_ad,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Sara Holm",
        "email": "sara@example.org",
        "phone": "+45 12 34 56 78",
        "address": "",
        "motivation": "Jeg elsker at arbejde med ældre.",
        "birth_year": "1990",
        "gender": "woman",
        "accepted_terms": "on",
        "submission_key": str(uuid.uuid4()),
        "cv": SimpleUploadedFile("Mit CV.pdf", pdf_bytes(), content_type="application/pdf"),
        "letter": SimpleUploadedFile("ansøgning.docx", docx_bytes(), content_type="x/y"),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _post(client, ad, capture, **overrides):
    with capture(execute=True):
        return client.post(reverse("careers:apply", args=[ad.slug]), _form(**overrides))


def _token_from_mail(message) -> str:
    found = re.search(r"/job/ansoegning/(charlie_[\w-]+)/", message.body)
    assert found, message.body
    return found.group(1)


def test_an_applicant_applies_with_files_and_gets_the_receipt_and_private_link(
    client, org, django_capture_on_commit_callbacks
):
    ad = open_ad()
    page = client.get(reverse("careers:apply", args=[ad.slug]))
    assert page.status_code == 200
    assert 'name="submission_key"' in page.content.decode()
    response = _post(client, ad, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.number == 1
    assert (application.name, application.birth_year, application.gender) == (
        "Sara Holm",
        1990,
        "woman",
    )
    assert application.consent_version == applying.APPLICATION_CONSENT_VERSION
    assert sorted(application.files.values_list("kind", "name", "content_type")) == [
        ("application", "ansøgning.docx", applying.files.DOCX.content_type),
        ("cv", "Mit CV.pdf", "application/pdf"),
    ]
    assert bytes(application.files.get(kind="cv").data) == pdf_bytes()
    assert list(StageChange.objects.values_list("stage", "by")) == [("received", None)]
    event = ConsentEvent.objects.get()
    assert (event.scope, event.action, event.text_version) == ("ansoegning", "given", "2026-12")
    assert event.subject == applying.consent_subject("SARA@example.org ")
    assert "Sara" not in event.subject
    # The receipt, with the private link; only its hash is stored.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sara@example.org"]
    token = _token_from_mail(mail.outbox[0])
    assert application.token_hash == tokens.hash_token(token)
    assert response["Location"] == reverse("careers:my_application", args=[token])
    own = client.get(response["Location"])
    text = own.content.decode()
    assert own.status_code == 200 and "Modtaget" in text and "Mit CV.pdf" in text
    assert own["Referrer-Policy"] == "same-origin"
    assert "no-store" in own["Cache-Control"]
    # The submission was audited, naming no actor.
    entry = AuditEntry.objects.get(subject_username=f"ansøgning:{application.pk}")
    assert entry.action == "create" and entry.actor is None


def test_numbers_follow_on_per_ad(client, org, django_capture_on_commit_callbacks):
    ad, other = open_ad(), open_ad()
    for _ in range(2):
        _post(client, ad, django_capture_on_commit_callbacks)
    _post(client, other, django_capture_on_commit_callbacks)
    assert sorted(Application.objects.filter(ad=ad).values_list("number", flat=True)) == [1, 2]
    assert Application.objects.get(ad=other).number == 1


def test_the_same_form_sent_twice_makes_one_application(
    client, org, django_capture_on_commit_callbacks
):
    ad = open_ad()
    key = str(uuid.uuid4())
    first = _post(client, ad, django_capture_on_commit_callbacks, submission_key=key)
    second = _post(client, ad, django_capture_on_commit_callbacks, submission_key=key)
    assert first.status_code == 302
    assert second.status_code == 200
    assert "allerede modtaget" in second.content.decode()
    assert Application.objects.count() == 1 and len(mail.outbox) == 1


def test_odt_files_are_taken_and_a_motivation_can_replace_the_letter(
    client, org, django_capture_on_commit_callbacks
):
    ad = open_ad()
    cv = SimpleUploadedFile("cv.odt", odt_bytes(), content_type="application/octet-stream")
    assert (
        _post(client, ad, django_capture_on_commit_callbacks, cv=cv, letter=None).status_code == 302
    )
    assert list(ApplicationFile.objects.values_list("kind", "content_type")) == [
        ("cv", applying.files.ODT.content_type)
    ]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("cv.pdf", b"MZ\x90\x00" + b"\0" * 100), "ikke en PDF"),
        (SimpleUploadedFile("cv.docx", _zip([("a.txt", b"x")])), "ikke en PDF"),
        (SimpleUploadedFile("cv.pdf", pdf_bytes() + b"\0" * 2000), "for stor"),
    ],
    ids=["a program named .pdf", "a zip that is not DOCX", "too large"],
)
def test_a_bad_file_is_refused_with_a_message_and_nothing_is_kept(
    client, org, settings, django_capture_on_commit_callbacks, upload, message
):
    settings.CHARLIE_RECRUITMENT_MAX_FILE_BYTES = len(pdf_bytes()) + 1000
    ad = open_ad()
    response = _post(client, ad, django_capture_on_commit_callbacks, cv=upload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists() and not mail.outbox


def test_a_pdf_renamed_exe_is_taken_as_the_pdf_it_is(
    client, org, django_capture_on_commit_callbacks
):
    ad = open_ad()
    cv = SimpleUploadedFile("cv.exe", pdf_bytes(), content_type="application/x-msdownload")
    assert _post(client, ad, django_capture_on_commit_callbacks, cv=cv).status_code == 302
    row = ApplicationFile.objects.get(kind="cv")
    assert (row.name, row.content_type) == ("cv.pdf", "application/pdf")


def test_required_fields_terms_and_letter_or_motivation(
    client, org, django_capture_on_commit_callbacks
):
    ad = open_ad()
    response = _post(
        client,
        ad,
        django_capture_on_commit_callbacks,
        name="",
        accepted_terms=None,
        letter=None,
        motivation="",
        birth_year="85",
    )
    text = response.content.decode()
    assert "Ansøgningen blev ikke sendt" in text
    assert "Udfyld feltet." in text
    assert "Sæt kryds for at bekræfte" in text
    assert "fire cifre" in text
    response = _post(client, ad, django_capture_on_commit_callbacks, letter=None, motivation="")
    assert "Vedlæg en ansøgning som fil, eller skriv din motivation" in response.content.decode()
    assert not Application.objects.exists()


def test_a_cpr_number_in_the_motivation_is_refused(client, org, django_capture_on_commit_callbacks):
    ad = open_ad()
    response = _post(
        client, ad, django_capture_on_commit_callbacks, motivation="Mit CPR er 010190-1234."
    )
    assert "CPR" in response.content.decode()
    assert not Application.objects.exists()


def test_applications_close_at_the_end_of_the_deadline_copenhagen_time(client, org):
    """The deadline is a Copenhagen date: 23:30 on 15 January (22:30 UTC) is still open; the
    next Copenhagen day is not, though it is still 15 January in UTC until 23:00 UTC."""
    ad = open_ad(deadline=dt.date(2027, 1, 15))
    late = dt.datetime(2027, 1, 15, 22, 30, tzinfo=dt.UTC)  # 23:30 in Copenhagen
    after = dt.datetime(2027, 1, 15, 23, 30, tzinfo=dt.UTC)  # 00:30 on 16 January
    assert applying.is_open(ad, timezone.localdate(late))
    assert not applying.is_open(ad, timezone.localdate(after))
    yesterday = open_ad(deadline=timezone.localdate() - dt.timedelta(days=1))
    assert client.get(reverse("careers:apply", args=[yesterday.slug])).status_code == 404
    today = open_ad(deadline=timezone.localdate())
    assert client.get(reverse("careers:apply", args=[today.slug])).status_code == 200
    closed = open_ad(status=AdStatus.CLOSED)
    assert client.get(reverse("careers:apply", args=[closed.slug])).status_code == 404


def test_joining_the_talent_pool_from_the_form(client, org, django_capture_on_commit_callbacks):
    ad = open_ad(unit=org.nord)
    _post(client, ad, django_capture_on_commit_callbacks, join_pool="on")
    profile = TalentProfile.objects.get()
    assert profile.from_application == Application.objects.get()
    assert list(profile.job_families.all()) == [ad.job_family]
    assert list(profile.areas.all()) == [org.social]  # the forvaltning above Plejecenter Nord
    assert (profile.alerts, profile.contact) == (True, True)
    # The form proves nothing about the address: the receipt carries the confirmation link.
    assert (profile.confirmed_at, profile.consent_until) == (None, None)
    assert not ConsentEvent.objects.filter(scope="talentbank").exists()
    link = re.search(r"/job/talentbank/(charlie_[\w-]+)/bekraeft/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("careers:talent_confirm", args=[link.group(1)]))
    profile.refresh_from_db()
    assert profile.confirmed_at is not None
    assert ConsentEvent.objects.get(scope="talentbank").action == "confirmed"


def test_an_address_already_in_the_pool_is_left_as_it_is_and_gets_its_profile_link(
    client, org, django_capture_on_commit_callbacks
):
    """Ticking the box with an address already confirmed in the pool renews nothing and adds
    no job family: whoever typed the address may not be its owner."""
    until = timezone.localdate() + dt.timedelta(days=20)
    member = TalentProfileFactory(email="sara@example.org", consent_until=until)
    _post(client, open_ad(unit=org.nord), django_capture_on_commit_callbacks, join_pool="on")
    member.refresh_from_db()
    assert TalentProfile.objects.get() == member
    assert member.consent_until == until and not member.job_families.exists()
    assert not ConsentEvent.objects.filter(scope="talentbank").exists()
    body = mail.outbox[0].body
    assert "allerede i talentbanken" in body and "/bekraeft/" not in body
    token = re.search(r"/job/talentbank/(charlie_[\w-]+)/", body).group(1)
    assert member.token_hash == tokens.hash_token(token)


# --- The private link ---------------------------------------------------------------------------


def _applied(**kw: object) -> tuple[Application, str]:
    token = tokens.generate_token()
    application = ApplicationFactory(ad=open_ad(), token_hash=token.key_hash, **kw)
    return application, token.plain


@pytest.mark.parametrize(
    ("stage", "deadline_days", "shown"),
    [
        ("received", 3, "Modtaget"),
        ("received", -3, "Under vurdering"),
        ("interview_1", -3, "Under vurdering"),
        ("offer", -3, "Tilbud om ansættelse"),
        ("rejected", -3, "Afsluttet"),
        ("withdrawn", 3, "Trukket tilbage"),
    ],
)
def test_the_applicant_sees_the_stage_in_plain_danish(client, org, stage, deadline_days, shown):
    application, token = _applied(stage=stage)
    application.ad.deadline = timezone.localdate() + dt.timedelta(days=deadline_days)
    application.ad.save()
    assert applying.own_application(token).status == shown


def test_the_private_page_shows_no_notes_or_scores(client, org):
    application, token = _applied(stage="interview_1")
    Note.objects.create(application=application, text="Meget stærk kandidat, 5 point")
    text = client.get(reverse("careers:my_application", args=[token])).content.decode()
    assert "Under vurdering" in text and "stærk kandidat" not in text


def test_a_wrong_or_malformed_token_is_404(client, org):
    _applied()
    for token in ("charlie_" + "z" * 43, "nonsense", "charlie_" + "a" * 200):
        assert client.get(reverse("careers:my_application", args=[token])).status_code == 404
    with pytest.raises(NotFound):
        applying.own_application("charlie_" + "q" * 43)


def test_withdrawing_by_the_private_link(client, org):
    application, token = _applied()
    url = reverse("careers:withdraw", args=[token])
    assert "Vil du trække" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.WITHDRAWN and application.withdrawn_at is not None
    assert StageChange.objects.filter(application=application, stage="withdrawn").exists()
    again = client.post(url)
    assert again.status_code == 400 and "kan ikke længere" in again.content.decode()


def test_deleting_by_the_private_link_removes_everything(client, org):
    application, token = _applied()
    ApplicationFile.objects.create(
        application=application,
        kind="cv",
        name="cv.pdf",
        content_type="application/pdf",
        size=3,
        data=b"%PDF-",
    )
    StageChange.objects.create(application=application, stage="received")
    Note.objects.create(application=application, text="note")
    url = reverse("careers:delete", args=[token])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 200 and "er slettet" in response.content.decode()
    assert not Application.objects.exists()
    assert not ApplicationFile.objects.exists() and not StageChange.objects.exists()
    assert not Note.objects.exists()
    event = ConsentEvent.objects.get()
    assert (event.action, event.subject) == (
        "withdrawn",
        applying.consent_subject(application.email),
    )
    assert client.get(reverse("careers:my_application", args=[token])).status_code == 404
    entry = AuditEntry.objects.get(subject_username=f"ansøgning:{application.pk}")
    assert entry.action == "delete"


def test_a_hired_applicant_cannot_delete_the_application(client, org):
    application, token = _applied(stage="hired")
    with pytest.raises(ValidationFailed):
        applying.delete_own(token)
    assert client.post(reverse("careers:delete", args=[token])).status_code == 400
    assert Application.objects.filter(pk=application.pk).exists()


# --- Files for HR and the committee ---------------------------------------------------------------


def _file(application: Application) -> ApplicationFile:
    data = pdf_bytes()
    return ApplicationFile.objects.create(
        application=application,
        kind="cv",
        name='cv "Sara".pdf',
        content_type="application/pdf",
        size=len(data),
        data=data,
    )


def test_hr_downloads_a_file_as_an_attachment_and_the_read_is_audited(client_as, users, org):
    application, _token = _applied()
    row = _file(application)
    response = client_as("hr").get(reverse("recruitment:application_file", args=[row.key]))
    assert response.status_code == 200
    assert response.content == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(subject_username=f"ansøgning:{application.pk}")
    assert entry.actor == users["hr"] and entry.category == "rekruttering"


def test_the_committee_gets_files_after_shortlisting_when_screening_is_anonymous(users, org):
    application, _token = _applied()
    row = _file(application)
    member = access_for(users["employee"])
    CommitteeMember.objects.create(ad=application.ad, user=users["employee"])
    with pytest.raises(PermissionDenied):
        applying.file_for_download(member, row.key)
    StageChange.objects.create(application=application, stage="shortlisted")
    Application.objects.filter(pk=application.pk).update(stage="rejected")
    assert applying.file_for_download(member, row.key) == row
    # Not on the committee: the file does not exist for them.
    with pytest.raises(NotFound):
        applying.file_for_download(access_for(users["manager"]), row.key)
    with pytest.raises(NotFound):
        applying.file_for_download(access_for(users["hr"]), uuid.uuid4())
