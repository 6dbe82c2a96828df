"""HR records the day notice was given on an employment ("opsagt den"), which § 7 a of
sygedagpengeloven needs (DOMAIN.md 1.1): the page, its checks, the audit log and the display."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.people.services import access_for, record_notice
from charlie.people.tests.factories import EmploymentFactory
from charlie.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_hr_records_and_clears_a_notice_date(client_as, org):
    employment = EmploymentFactory(
        org_unit=org.skole, start_date=date(2015, 3, 1), end_date=date(2025, 10, 31)
    )
    url = reverse("people:employment_notice", args=[employment.pk])
    client = client_as("hr")
    assert "Opsagt den" in client.get(url).text
    response = client.post(url, {"notice_date": "2025-09-15"})
    assert response.status_code == 302
    employment.refresh_from_db()
    assert employment.notice_date == date(2025, 9, 15)
    page = client.get(reverse("people:detail", args=[employment.person_id])).text
    assert "15. september 2025" in page
    assert AuditEntry.objects.filter(
        subject_person_id=employment.person_id, action="update", category="ansaettelse"
    ).exists()
    client.post(url, {"notice_date": ""})
    employment.refresh_from_db()
    assert employment.notice_date is None


def test_a_notice_outside_the_employment_or_in_the_future_is_refused(client_as, org, users):
    employment = EmploymentFactory(
        org_unit=org.skole, start_date=date(2024, 3, 1), end_date=date(2025, 10, 31)
    )
    hr = access_for(users["hr"])
    with pytest.raises(ValidationFailed, match="før ansættelsens start"):
        record_notice(hr, employment_id=employment.pk, notice_date=date(2024, 2, 29))
    with pytest.raises(ValidationFailed, match="efter sidste ansættelsesdag"):
        record_notice(hr, employment_id=employment.pk, notice_date=date(2025, 11, 1))
    with pytest.raises(ValidationFailed, match="fremtiden"):
        record_notice(
            hr, employment_id=employment.pk, notice_date=date(2025, 9, 2), on=date(2025, 9, 1)
        )
    response = client_as("hr").post(
        reverse("people:employment_notice", args=[employment.pk]), {"notice_date": "2025-11-01"}
    )
    assert response.status_code == 400
    assert "efter sidste ansættelsesdag" in response.text
    with pytest.raises(PermissionDenied):
        record_notice(access_for(users["manager"]), employment_id=employment.pk, notice_date=None)
