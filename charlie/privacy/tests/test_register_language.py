"""The data-use register's seeded texts are shown in the reader's language until the DPO edits
them; an edited text is shown as written. The rows are never changed by the language."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from charlie.core.language import standard_text
from charlie.privacy.models import Purpose, PurposeVersion
from charlie.privacy.standard_texts import STANDARD_TEXTS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_back_to_danish():
    """A request with the English cookie activates English in this thread: put Danish back,
    so the tests after these are not read in English."""
    with translation.override("da"):
        yield


FIELDS = ("name", "description", "legal_basis", "who_may_see", "retention")


def test_every_seeded_text_is_in_the_catalogue() -> None:
    # A migration that seeds or changes a standard text must add it to standard_texts.py.
    for purpose in Purpose.objects.all():
        for field in FIELDS:
            assert getattr(purpose, field) in STANDARD_TEXTS, (purpose.code, field)
    for version in PurposeVersion.objects.all():
        assert version.note in STANDARD_TEXTS, version.note


def test_a_seeded_text_is_the_gettext_of_itself_and_an_edited_one_is_as_written() -> None:
    seeded = Purpose.objects.get(code="hr_administration").description
    with translation.override("en"):
        assert standard_text(seeded) == gettext(seeded)
        assert standard_text("Vores egen tekst.") == "Vores egen tekst."
    with translation.override("da"):
        assert standard_text(seeded) == seeded


def test_the_register_page_shows_the_readers_language(client_as) -> None:
    purpose = Purpose.objects.get(code="hr_administration")
    Purpose.objects.filter(pk=purpose.pk).update(who_may_see="Kun HR-chefen.")
    client = client_as("employee")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("privacy:register")).content.decode()
    with translation.override("en"):
        retention = gettext(purpose.retention)
    assert retention.split(",")[0] in html
    assert "Kun HR-chefen." in html
