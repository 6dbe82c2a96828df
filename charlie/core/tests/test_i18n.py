"""Danish by default, English on request (translations compiled by ./dev from the .po files)."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_danish_is_the_default(client_as):
    page = client_as("employee").get(reverse("home")).text
    assert '<html lang="da">' in page and "Gå til sidens indhold" in page


def test_english_after_switching_language(client_as):
    client = client_as("employee")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("home")).text
    assert '<html lang="en">' in page
    assert "Skip to content" in page and "Log out" in page


def test_browser_language_does_not_override_danish(client_as):
    page = client_as("employee").get(reverse("home"), headers={"Accept-Language": "en-US,en"}).text
    assert '<html lang="da">' in page
