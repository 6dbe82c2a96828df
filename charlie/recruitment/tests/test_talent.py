"""The talent pool: sign-up with consent and its confirmation from the e-mail (double opt-in),
the profile by private link (change, renew, withdraw), consents that expire, sign-ups nobody
confirmed, job alerts, HR's invitations and HR's view of the pool."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO
from zoneinfo import ZoneInfo

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


def _confirm_token(message) -> str:
    found = re.search(r"/job/talentbank/(charlie_[\w-]+)/bekraeft/", message.body)
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


def test_sign_up_waits_for_the_confirmation_which_starts_and_logs_the_consent(
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
    # Stored, but not yet in the pool: no consent has started, nothing is logged.
    assert (profile.confirmed_at, profile.consent_until) == (None, None)
    assert list(profile.job_families.all()) == [family]
    assert list(profile.areas.all()) == [org.social]
    assert not ConsentEvent.objects.exists()
    assert mail.outbox[0].subject == "Bekræft din tilmelding til talentbanken"
    token = _confirm_token(mail.outbox[0])
    assert profile.token_hash == tokens.hash_token(token)
    assert client.get(reverse("careers:talent_profile", args=[token])).status_code == 404
    assert client.post(reverse("careers:talent_renew", args=[token])).status_code == 404

    # The link opens a page with a button: opening it (as a mail scanner does) confirms nothing.
    confirm = reverse("careers:talent_confirm", args=[token])
    page = client.get(confirm)
    assert page.status_code == 200 and "Bekræft min tilmelding" in page.content.decode()
    assert TalentProfile.objects.get().confirmed_at is None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm)
    assert response.status_code == 302
    assert response["Location"] == reverse("careers:talent_profile", args=[token])
    profile.refresh_from_db()
    assert profile.confirmed_at is not None
    assert profile.consent_until == add_months(timezone.localdate(), 6)
    event = ConsentEvent.objects.get()
    assert (event.scope, event.action, event.until, event.text_version) == (
        "talentbank",
        "confirmed",
        profile.consent_until,
        talent.POOL_CONSENT_VERSION,
    )
    assert event.subject == applying.consent_subject("mads@example.org")
    assert mail.outbox[-1].subject == "Velkommen i talentbanken"
    assert _profile_token(mail.outbox[-1]) == token
    assert client.get(reverse("careers:talent_profile", args=[token])).status_code == 200
    # The e-mail's link, followed again, leads to the profile; a second POST logs nothing.
    assert client.get(confirm)["Location"] == reverse("careers:talent_profile", args=[token])
    assert client.post(confirm).status_code == 302
    assert ConsentEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("signed_up", "last_open"),
    [
        (dt.date(2027, 2, 25), dt.date(2027, 3, 4)),
        (dt.date(2028, 2, 25), dt.date(2028, 3, 3)),  # 29 February 2028 is one of the 7 days
        (dt.date(2027, 12, 28), dt.date(2028, 1, 4)),  # over the new year
        (dt.date(2027, 1, 31), dt.date(2027, 2, 7)),
    ],
)
def test_a_sign_up_can_be_confirmed_for_seven_calendar_days(signed_up, last_open):
    assert talent.confirmation_open(signed_up, signed_up)
    assert talent.confirmation_open(signed_up, last_open)
    assert not talent.confirmation_open(signed_up, last_open + dt.timedelta(days=1))


def test_a_confirmation_link_older_than_seven_days_opens_nothing(client, org):
    token = tokens.generate_token()
    profile = TalentProfileFactory(token_hash=token.key_hash, confirmed_at=None, consent_until=None)
    eight_days_ago = timezone.now() - dt.timedelta(days=8)
    TalentProfile.objects.filter(pk=profile.pk).update(created_at=eight_days_ago)
    confirm = reverse("careers:talent_confirm", args=[token.plain])
    assert client.get(confirm).status_code == 404
    assert client.post(confirm).status_code == 404
    assert TalentProfile.objects.get().confirmed_at is None
    assert client.get(reverse("careers:talent_confirm", args=["nonsense"])).status_code == 404


def test_signing_up_again_before_confirming_makes_the_sign_up_afresh(
    client, org, django_capture_on_commit_callbacks
):
    _signup(client, django_capture_on_commit_callbacks, name="Mads")
    first = _confirm_token(mail.outbox[0])
    _signup(client, django_capture_on_commit_callbacks, name="Mads Holm", contact="")
    profile = TalentProfile.objects.get()
    assert (profile.name, profile.contact, profile.confirmed_at) == ("Mads Holm", False, None)
    second = _confirm_token(mail.outbox[1])
    assert second != first
    assert client.get(reverse("careers:talent_confirm", args=[first])).status_code == 404
    assert client.get(reverse("careers:talent_confirm", args=[second])).status_code == 200


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
    until = timezone.localdate() + dt.timedelta(days=90)
    TalentProfileFactory(email="Mads@Example.org", consent_until=until)
    response = _signup(client, django_capture_on_commit_callbacks)
    assert "Tjek din e-mail" in response.content.decode()
    assert TalentProfile.objects.count() == 1
    assert TalentProfile.objects.get().consent_until == until  # nothing renewed by a stranger
    assert "allerede" in mail.outbox[0].body and "/bekraeft/" not in mail.outbox[0].body
    token = _profile_token(mail.outbox[0])
    assert TalentProfile.objects.get().token_hash == tokens.hash_token(token)


def _profile(**kw) -> tuple[TalentProfile, str]:
    token = tokens.generate_token()
    return TalentProfileFactory(token_hash=token.key_hash, **kw), token.plain


def test_change_renew_and_withdraw_by_the_private_link(client, org):
    profile, token = _profile(consent_until=timezone.localdate() + dt.timedelta(days=3))
    url = reverse("careers:talent_profile", args=[token])
    email = profile.email
    # The confirmed address cannot be changed (the field is disabled; a posted one is ignored).
    response = client.post(url, {"name": "Mads H.", "email": "ny@example.org", "contact": "on"})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.name, profile.email, profile.alerts, profile.contact) == (
        "Mads H.",
        email,
        False,
        True,
    )
    data = talent.ProfileData("Mads H.", "ny@example.org", [], [], alerts=True, contact=True)
    with pytest.raises(talent.FieldErrors) as refused:
        talent.update_own(token, data)
    assert refused.value.errors[0][0] == "email"
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
    """On 10 March 2027: a consent that ran to 9 March is over, one to 10 March holds its last
    day. A sign-up made on 2 March 2027 (Copenhagen time) could be confirmed until 9 March and
    goes; one made on 3 March may still be confirmed today and stays, as does a sign-up made at
    23:30 UTC on 2 March, which was 00:30 on 3 March in Copenhagen."""
    on = dt.date(2027, 3, 10)
    expired, _t1 = _profile(consent_until=dt.date(2027, 3, 9))
    last_day, _t2 = _profile(consent_until=dt.date(2027, 3, 10))
    soon, _t3 = _profile(consent_until=dt.date(2027, 3, 24))  # 14 days ahead
    later, _t4 = _profile(consent_until=dt.date(2027, 3, 25))
    stale, _t5 = _profile(confirmed_at=None, consent_until=None)
    waiting, _t6 = _profile(confirmed_at=None, consent_until=None)
    late_evening, _t7 = _profile(confirmed_at=None, consent_until=None)
    cph = ZoneInfo("Europe/Copenhagen")
    TalentProfile.objects.filter(pk=stale.pk).update(
        created_at=dt.datetime(2027, 3, 2, 23, 59, tzinfo=cph)
    )
    TalentProfile.objects.filter(pk=waiting.pk).update(
        created_at=dt.datetime(2027, 3, 3, 0, 1, tzinfo=cph)
    )
    TalentProfile.objects.filter(pk=late_evening.pk).update(
        created_at=dt.datetime(2027, 3, 2, 23, 30, tzinfo=dt.UTC)
    )
    result = talent.expire_consents(on)
    assert result == {"expired": 1, "reminded": 1, "unconfirmed": 1}
    assert set(TalentProfile.objects.values_list("pk", flat=True)) == {
        last_day.pk,
        soon.pk,
        later.pk,
        waiting.pk,
        late_evening.pk,
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
    _unconfirmed, _t = _profile(confirmed_at=None, consent_until=None)

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
    assert profile.confirmed_at is None  # the invited confirm from the e-mail like anyone
    assert "/bekraeft/" in mail.outbox[-1].body
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
    _profile(name="Ikke bekræftet", confirmed_at=None, consent_until=None)
    client = client_as("hr")
    text = client.get(reverse("recruitment:talent_pool")).content.decode()
    assert "Kan kontaktes" in text and "Anden kategori" in text
    assert "Kun jobagent" not in text and "Udløbet" not in text
    assert "Ikke bekræftet" not in text
    filtered = client.get(
        reverse("recruitment:talent_pool"), {"job_family": sosu.pk, "area": org.social.pk}
    ).content.decode()
    assert "Kan kontaktes" in filtered and "Anden kategori" not in filtered
    audited = set(
        AuditEntry.objects.filter(actor=users["hr"]).values_list("subject_username", flat=True)
    )
    assert {f"talentprofil:{shown.pk}", f"talentprofil:{other.pk}"} <= audited
