"""Audit details an app registered are shown in the reader's language on the DPO's log; the
stored detail is not changed, and any other detail is shown as written."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from charlie.privacy.registry import audit_detail_label

pytestmark = pytest.mark.django_db


def test_a_registered_detail_is_the_gettext_of_its_text() -> None:
    with translation.override("en"):
        assert audit_detail_label("opgave udført") == gettext("opgave udført")
    with translation.override("da"):
        assert audit_detail_label("opgave udført") == "opgave udført"


def test_other_details_are_shown_as_written() -> None:
    with translation.override("en"):
        assert audit_detail_label("privacy:audit") == "privacy:audit"
        assert audit_detail_label("search:12") == "search:12"
