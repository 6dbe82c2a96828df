"""The talent pool: sign-up with consent, the profile by private link (change, renew, withdraw),
consents that expire, job alerts, HR's invitations and HR's view of the pool."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from charlie.core import tokens
from charlie.privacy.models import AuditEntry
from charlie.recruitment.models import AdStatus, Application, ConsentEvent, Stage, TalentProfile
from charlie.recruitment.services import applying, talent
from charlie.recruitment.services.talent import add_months
from charlie.recruitment.tests.factories import (
    ApplicationFactory,
    JobAdFactory,
    TalentProfileFactory,
    open_ad,
)

pytestmark = pytest.mark.django_db


def _signup(client, capture, **overrides):
    data = {
        "name": "Mads Holm",
        "email": "mads@example.org",
        "alerts": "on",
        "contact": "on",
        "accepted_terms": "on",
    }
    data.update(overrides)
    with capture(execute=True):
        return client.post(reverse("careers:talent_signup"), {k: v for k, v in data.items() if v})


def _profile_token(message) -> str:
    found = re.search(r"/job/talentbank/(charlie_[\w-]+)/", message.body)
    assert found, message.body
    return found.group(1)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 12, 7), 6, dt.date(2027, 6, 7)),
        (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),  # no 31 February
        (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),  # 2028 is a leap year
        (dt.date(2026, 7, 15), 6, dt.date(2027, 1, 15)),  # over the new year
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 3, 1), 12, dt.date(2027, 3, 1)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_sign_up_logs_the_consent_and_mails_the_private_link(
    client, org, django_capture_on_commit_callbacks
):
    page = client.get(reverse("careers:talent_signup"))
    assert "Social og Sundhed" in page.content.decode()  # the areas: the forvaltninger
    assert "Plejecenter Nord" not in page.content.decode()
    from charlie.people.models import JobFamily

    family = JobFamily.objects.get(code="sosu")
    response = _signup(
        client,
        django_capture_on_commit_callbacks,
        job_families=[family.pk],
        areas=[org.social.pk],
    )
    assert response.status_code == 200 and "Tjek din e-mail" in response.content.decode()
    profile = TalentProfile.objects.get()
    assert profile.consent_until == add_months(timezone.localdate(), 6)
    assert list(profile.job_families.all()) == [family]
    assert list(profile.areas.all()) == [org.social]
    event = ConsentEvent.objects.get()
    assert (event.scope, event.action, event.until) == (
        "talentbank",
        "given",
        profile.consent_until,
    )
    assert event.subject == applying.consent_subject("mads@example.org")
    token = _profile_token(mail.outbox[0])
    assert profile.token_hash == tokens.hash_token(token)
    assert client.get(reverse("careers:talent_profile", args=[token])).status_code == 200


def test_sign_up_needs_consent_and_something_to_consent_to(
    client, org, django_capture_on_commit_callbacks
):
    response = _signup(
        client, django_capture_on_commit_callbacks, accepted_terms="", alerts="", contact=""
    )
    text = response.content.decode()
    assert "Sæt kryds for at give dit samtykke" in text
    response = _signup(client, django_capture_on_commit_callbacks, alerts="", contact="")
    assert "Vælg jobagent" in response.content.decode()
    assert not TalentProfile.objects.exists() and not ConsentEvent.objects.exists()


def test_an_address_already_in_the_pool_gets_a_new_link_and_no_second_profile(
    client, org, django_capture_on_commit_callbacks
):
    TalentProfileFactory(email="Mads@Example.org")
    response = _signup(client, django_capture_on_commit_callbacks)
    assert "Tjek din e-mail" in response.content.decode()
    assert TalentProfile.objects.count() == 1
    assert "allerede" in mail.outbox[0].body
    token = _profile_token(mail.outbox[0])
    assert TalentProfile.objects.get().token_hash == tokens.hash_token(token)


def _profile(**kw) -> tuple[TalentProfile, str]:
    token = tokens.generate_token()
    return TalentProfileFactory(token_hash=token.key_hash, **kw), token.plain


def test_change_renew_and_withdraw_by_the_private_link(client, org):
    profile, token = _profile(consent_until=timezone.localdate() + dt.timedelta(days=3))
    url = reverse("careers:talent_profile", args=[token])
    response = client.post(url, {"name": "Mads H.", "email": "ny@example.org", "contact": "on"})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.name, profile.email, profile.alerts, profile.contact) == (
        "Mads H.",
        "ny@example.org",
        False,
        True,
    )
    assert client.post(reverse("careers:talent_renew", args=[token])).status_code == 302
    profile.refresh_from_db()
    assert profile.consent_until == add_months(timezone.localdate(), 6)
    assert ConsentEvent.objects.get().action == "renewed"
    withdraw = reverse("careers:talent_withdraw", args=[token])
    assert "Vil du trække" in client.get(withdraw).content.decode()
    assert client.post(withdraw).status_code == 200
    assert not TalentProfile.objects.exists()
    assert list(ConsentEvent.objects.values_list("action", flat=True)) == ["renewed", "withdrawn"]
    assert client.get(url).status_code == 404


def test_an_expired_consent_opens_nothing(client, org):
    _profile_row, token = _profile(consent_until=timezone.localdate() - dt.timedelta(days=1))
    assert client.get(reverse("careers:talent_profile", args=[token])).status_code == 404
    assert client.post(reverse("careers:talent_renew", args=[token])).status_code == 404


def test_the_daily_job_deletes_expired_profiles_and_reminds_those_about_to_expire(org):
    on = dt.date(2027, 3, 10)
    expired, _t1 = _profile(consent_until=dt.date(2027, 3, 9))
    last_day, _t2 = _profile(consent_until=dt.date(2027, 3, 10))
    soon, _t3 = _profile(consent_until=dt.date(2027, 3, 24))  # 14 days ahead
    later, _t4 = _profile(consent_until=dt.date(2027, 3, 25))
    result = talent.expire_consents(on)
    assert result == {"expired": 1, "reminded": 1}
    assert set(TalentProfile.objects.values_list("pk", flat=True)) == {
        last_day.pk,
        soon.pk,
        later.pk,
    }
    event = ConsentEvent.objects.get()
    assert (event.action, event.until) == ("expired", dt.date(2027, 3, 9))
    assert event.subject == applying.consent_subject(expired.email)
    assert mail.outbox[0].to == [soon.email] and "/job/talentbank/charlie_" in mail.outbox[0].body


def test_job_alerts_send_new_matching_ads_once(org):
    from charlie.people.models import JobFamily

    sosu, laerer = JobFamily.objects.get(code="sosu"), JobFamily.objects.get(code="laerer")
    now = timezone.now()
    wants, _t = _profile(last_alert_at=now - dt.timedelta(days=1))
    wants.job_families.set([sosu])
    wants.areas.set([org.social])
    anything, _t = _profile(last_alert_at=now - dt.timedelta(days=1))
    _contact_only, _t = _profile(alerts=False, last_alert_at=now - dt.timedelta(days=1))
    _lapsed, _t = _profile(consent_until=timezone.localdate() - dt.timedelta(days=1))

    def ad(**kw):
        defaults = {
            "status": AdStatus.PUBLISHED,
            "published_at": now - dt.timedelta(hours=2),
            "deadline": timezone.localdate() + dt.timedelta(days=20),
        }
        return JobAdFactory(**{**defaults, **kw})

    match = ad(title="SOSU-assistent i Nord", unit=org.nord, job_family=sosu)
    ad(title="Lærer", unit=org.skole, job_family=laerer)
    ad(title="SOSU i Kultur", unit=org.skole, job_family=sosu)
    ad(
        title="Gammelt opslag",
        unit=org.nord,
        job_family=sosu,
        published_at=now - dt.timedelta(days=3),
    )
    ad(title="Kladde", unit=org.nord, job_family=sosu, status=AdStatus.DRAFT)

    assert talent.send_alerts(now) == 2
    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert set(by_address) == {wants.email, anything.email}
    assert "SOSU-assistent i Nord" in by_address[wants.email]
    assert f"/job/{match.slug}/" in by_address[wants.email]
    assert "Lærer" not in by_address[wants.email] and "SOSU i Kultur" not in by_address[wants.email]
    assert "Lærer" in by_address[anything.email]  # no families or areas chosen: everything
    assert "SOSU i Kultur" in by_address[anything.email]
    assert "Gammelt opslag" not in by_address[anything.email]
    wants.refresh_from_db()
    assert wants.last_alert_at == now
    assert talent.send_alerts(now + dt.timedelta(hours=1)) == 0  # nothing new since


def test_charlie_daily_finds_both_jobs():
    out = StringIO()
    call_command("daily", "--list", stdout=out)
    listed = set(out.getvalue().split())
    assert "charlie.recruitment.tasks.send_job_alerts_task" in listed
    assert "charlie.recruitment.tasks.expire_talent_consents_task" in listed


# --- HR: invitations and the pool -----------------------------------------------------------------


def test_hr_invites_a_rejected_applicant_who_then_signs_up(
    client, client_as, users, org, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(
        ad=open_ad(unit=org.nord), stage=Stage.REJECTED, email="sara@example.org"
    )
    hr = client_as("hr")
    listing = hr.get(reverse("recruitment:talent_invitable"))
    assert application.name in listing.content.decode()
    response = hr.post(reverse("recruitment:talent_invite", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.pool_invited_at is not None
    assert not TalentProfile.objects.exists()  # nothing until the person consents
    link = re.search(r"(/job/talentbank/\?invitation=\S+)", mail.outbox[0].body).group(1)
    client.logout()
    page = client.get(link).content.decode()
    assert 'value="sara@example.org"' in page and 'name="invitation"' in page
    invitation = link.split("invitation=")[1]
    _signup(
        client,
        django_capture_on_commit_callbacks,
        name=application.name,
        email=application.email,
        invitation=invitation,
        job_families=[application.ad.job_family_id],
        areas=[org.social.pk],
    )
    profile = TalentProfile.objects.get()
    assert profile.from_application == application
    # A second invitation is refused: no second e-mail.
    sent = len(mail.outbox)
    again = client_as("hr").post(reverse("recruitment:talent_invite", args=[application.pk]))
    assert again.status_code == 302 and len(mail.outbox) == sent


def test_only_rejected_applicants_can_be_invited(client_as, org):
    application = ApplicationFactory(ad=open_ad(), stage=Stage.INTERVIEW_1)
    client_as("hr").post(reverse("recruitment:talent_invite", args=[application.pk]))
    assert Application.objects.get().pool_invited_at is None and not mail.outbox


def test_a_tampered_invitation_prefills_nothing(client, org):
    application = ApplicationFactory(ad=open_ad(), stage=Stage.REJECTED)
    page = client.get(reverse("careers:talent_signup") + "?invitation=abc:def").content.decode()
    assert application.email not in page
    assert talent.invitation_prefill("abc:def") is None


def test_hr_sees_only_contactable_profiles_with_valid_consent_filtered_and_audited(
    client_as, users, org
):
    from charlie.people.models import JobFamily

    sosu = JobFamily.objects.get(code="sosu")
    shown, _t = _profile(name="Kan kontaktes")
    shown.job_families.set([sosu])
    shown.areas.set([org.social])
    other, _t = _profile(name="Anden kategori")
    _profile(name="Kun jobagent", contact=False)
    _profile(name="Udløbet", consent_until=timezone.localdate() - dt.timedelta(days=1))
    client = client_as("hr")
    text = client.get(reverse("recruitment:talent_pool")).content.decode()
    assert "Kan kontaktes" in text and "Anden kategori" in text
    assert "Kun jobagent" not in text and "Udløbet" not in text
    filtered = client.get(
        reverse("recruitment:talent_pool"), {"job_family": sosu.pk, "area": org.social.pk}
    ).content.decode()
    assert "Kan kontaktes" in filtered and "Anden kategori" not in filtered
    audited = set(
        AuditEntry.objects.filter(actor=users["hr"]).values_list("subject_username", flat=True)
    )
    assert {f"talentprofil:{shown.pk}", f"talentprofil:{other.pk}"} <= audited
