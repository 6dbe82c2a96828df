"""The personal calendar feed (RFC 5545, written with ``icalendar``): CRLF, folding, escaping,
a key required that expires and that its owner can replace or stop (in the link, or as a Basic
auth password)."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from charlie.absence import ical
from charlie.absence import services as svc
from charlie.absence.models import AbsencePeriod, TaskFeedToken
from charlie.core.tokens import hash_token
from charlie.people.services import access_for
from charlie.privacy.models import AuditEntry


def test_escape_and_fold():
    """Long lines are folded to at most 75 octets, never inside a character, and TEXT values
    are escaped: the summary and description read back exactly as written."""
    summary = "Sygefraværssamtale – " + "æ" * 60
    description = "a;b,c\\d\ne"
    text = ical.calendar(
        [ical.Event("opgave-1@charlie", date(2025, 3, 31), summary, description)],
        name="Opfølgning",
        stamp=datetime(2025, 3, 5, 12, 0, tzinfo=UTC),
    )
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)  # the summary was folded
    assert "DESCRIPTION:a\\;b\\,c\\\\d\\ne" in lines
    [event] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == summary
    assert str(event["DESCRIPTION"]) == description


def test_calendar_is_valid_rfc5545():
    text = ical.calendar(
        [ical.Event("opgave-1@charlie", date(2025, 3, 31), "Sygefraværssamtale – Anna J.")],
        name="Opfølgning",
        stamp=datetime(2025, 3, 5, 12, 0, tzinfo=UTC),
    )
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "DTSTART;VALUE=DATE:20250331" in lines
    assert "DTEND;VALUE=DATE:20250401" in lines
    assert "DTSTAMP:20250305T120000Z" in lines
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") == 1


@pytest.fixture
def feed_url(org, users):
    AbsencePeriod.objects.create(
        person=org.person_in_nord, absence_type="sickness", start_date=date(2025, 3, 3)
    )
    svc.refresh_tasks(date(2025, 3, 5))
    plain = svc.rotate_feed_token(access_for(users["manager"]))
    return reverse("absence:tasks_ics") + f"?token={plain}", plain


def test_feed_works_without_a_session_and_is_audited(client, org, users, feed_url):
    url, plain = feed_url
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "\r\n" in body and "BEGIN:VEVENT" in body
    first = org.person_in_nord.first_name
    assert f"{first} {org.person_in_nord.last_name[0]}." in body.replace("\r\n ", "")
    assert org.person_in_nord.last_name not in body.replace("\r\n ", "")
    assert AuditEntry.objects.filter(
        actor=users["manager"], channel="api", category="fravaer"
    ).exists()
    # Only the hash is stored.
    stored = TaskFeedToken.objects.get(user=users["manager"]).key_hash
    assert stored == hash_token(plain) and plain not in stored


def test_feed_needs_the_right_token(client, feed_url):
    url, _plain = feed_url
    base = reverse("absence:tasks_ics")
    without = client.get(base)
    assert without.status_code == 401
    assert without["WWW-Authenticate"].startswith("Basic ")
    assert client.get(base + "?token=charlie_wrong").status_code == 404
    assert client.get(url).status_code == 200


def _basic(user: str, password: str) -> dict[str, str]:
    pair = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {pair}"}


def test_feed_takes_the_key_as_a_basic_auth_password(client, feed_url):
    """For calendar apps that can send a user name and password: the link holds no key then."""
    _url, plain = feed_url
    base = reverse("absence:tasks_ics")
    response = client.get(base, headers=_basic("hvad-som-helst", plain))
    assert response.status_code == 200
    assert "BEGIN:VEVENT" in response.content.decode()
    wrong = client.get(base, headers=_basic("leder", "charlie_wrong"))
    assert wrong.status_code == 401 and "Basic" in wrong["WWW-Authenticate"]
    assert client.get(base, headers={"Authorization": "Basic ???"}).status_code == 401


def test_feed_expires(client, users, feed_url, settings):
    url, _plain = feed_url
    token = TaskFeedToken.objects.get(user=users["manager"])
    lifetime = timedelta(days=settings.CHARLIE_CALENDAR_FEED_DAYS)
    assert abs(token.expires_at - token.created_at - lifetime) < timedelta(seconds=5)
    TaskFeedToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.get(url).status_code == 404


def test_expiry_follows_the_setting(users, settings):
    settings.CHARLIE_CALENDAR_FEED_DAYS = 30
    svc.rotate_feed_token(access_for(users["hr"]))
    token = TaskFeedToken.objects.get(user=users["hr"])
    assert abs(token.expires_at - token.created_at - timedelta(days=30)) < timedelta(seconds=5)


def test_the_owner_can_stop_the_link(client, client_as, users, feed_url):
    url, _plain = feed_url
    manager = client_as("manager")
    page = manager.get(reverse("absence:tasks"))
    assert "Stop linket" in page.content.decode() and "Det virker til" in page.content.decode()
    response = manager.post(reverse("absence:feed_revoke"))
    assert response.status_code == 302
    assert not TaskFeedToken.objects.filter(user=users["manager"]).exists()
    assert client.get(url).status_code == 404
    assert (
        "Du har intet kalenderlink endnu" in manager.get(reverse("absence:tasks")).content.decode()
    )


def test_the_page_says_when_the_link_has_expired(client_as, users, feed_url):
    TaskFeedToken.objects.filter(user=users["manager"]).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    page = client_as("manager").get(reverse("absence:tasks")).content.decode()
    assert "Dit kalenderlink udløb den" in page


def test_new_link_stops_the_old_one(client, users, feed_url):
    url, _plain = feed_url
    svc.rotate_feed_token(access_for(users["manager"]))
    assert client.get(url).status_code == 404


def test_feed_stops_when_the_role_changes(client, users, feed_url):
    url, _plain = feed_url
    users["manager"].role = "employee"
    users["manager"].save()
    assert client.get(url).status_code == 404


def test_rotate_page_shows_the_link_once(client_as, users):
    page = client_as("manager").post(reverse("absence:feed_rotate"))
    assert page.status_code == 200
    assert "opgaver.ics?token=charlie_" in page.content.decode()
    again = client_as("manager").get(reverse("absence:tasks"))
    assert "opgaver.ics?token=" not in again.content.decode()
