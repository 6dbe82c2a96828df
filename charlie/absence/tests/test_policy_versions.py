"""Versioned local policy (DOMAIN.md 1.9): a change applies from its date; past cases keep
their rule. Dates worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from charlie.absence import services as svc
from charlie.absence.models import AbsencePeriod, AbsencePolicyVersion, FollowUpTask
from charlie.absence.policy import DEFAULT_POLICY, Policy
from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.people.services import access_for


def test_the_migration_seeds_the_default(db):
    [version] = svc.policy_versions()
    assert version.valid_from == date(2000, 1, 1)
    assert version.policy == DEFAULT_POLICY


def test_a_change_applies_from_its_date_and_past_cases_keep_their_rule(org, users):
    # From Sat 1 Mar 2025: contact on day 1 and 3 only.
    svc.add_policy_version(
        access_for(users["hr"]),
        valid_from=date(2025, 3, 1),
        policy=Policy(contact_days=(1, 3)),
        on=date(2025, 2, 20),
    )
    # Nord: sick from Mon 24 Feb (old rule: days 1, 5, 14 → 24 Feb, 28 Feb, 9 Mar).
    AbsencePeriod.objects.create(
        person=org.person_in_nord, absence_type="sickness", start_date=date(2025, 2, 24)
    )
    # Syd: sick from Mon 3 Mar (new rule: days 1, 3 → 3 Mar, 5 Mar).
    AbsencePeriod.objects.create(
        person=org.person_in_syd, absence_type="sickness", start_date=date(2025, 3, 3)
    )
    svc.refresh_tasks(date(2025, 3, 5))

    def contacts(person):
        rows = FollowUpTask.objects.filter(person=person, code__startswith="contact_day_")
        return {t.code: t.due for t in rows}

    assert contacts(org.person_in_nord) == {
        "contact_day_1": date(2025, 2, 24),
        "contact_day_5": date(2025, 2, 28),
        "contact_day_14": date(2025, 3, 9),
    }
    assert contacts(org.person_in_syd) == {
        "contact_day_1": date(2025, 3, 3),
        "contact_day_3": date(2025, 3, 5),
    }
    assert svc.current_policy(date(2025, 2, 28)) == DEFAULT_POLICY
    assert svc.current_policy(date(2025, 3, 1)).contact_days == (1, 3)


def test_no_version_in_the_past_and_no_two_on_one_day(users):
    with pytest.raises(ValidationFailed) as err:
        svc.add_policy_version(
            access_for(users["hr"]),
            valid_from=date(2025, 1, 1),
            policy=Policy(),
            on=date(2025, 2, 1),
        )
    assert "tidligst gælde fra i dag" in err.value.messages[0]
    svc.add_policy_version(
        access_for(users["hr"]), valid_from=date(2025, 3, 1), policy=Policy(), on=date(2025, 2, 1)
    )
    with pytest.raises(ValidationFailed):
        svc.add_policy_version(
            access_for(users["hr"]),
            valid_from=date(2025, 3, 1),
            policy=Policy(),
            on=date(2025, 2, 1),
        )


def test_only_hr_may_change_the_policy(users):
    for role in ("employee", "manager", "analyst", "dpo", "admin"):
        with pytest.raises(PermissionDenied):
            svc.add_policy_version(
                access_for(users[role]), valid_from=date(2099, 1, 1), policy=Policy()
            )


def test_parse_contact_days():
    assert svc.parse_contact_days("14, 1 5") == (1, 5, 14)
    with pytest.raises(ValidationFailed):
        svc.parse_contact_days("1, fem")
    with pytest.raises(ValidationFailed):
        svc.parse_contact_days("0")


def test_policy_page_adds_a_version(client_as, users):
    client = client_as("hr")
    data = {
        "valid_from": "2099-01-01",
        "contact_days": "1, 7",
        "dialogue_min_periods": 4,
        "dialogue_periods_months": 6,
        "dialogue_min_days": 20,
        "dialogue_days_months": 12,
        "short_term_max_days": 14,
        "section_56_renewal_lead_months": 2,
        "note": "MED-udvalget 1. december",
    }
    response = client.post(reverse("absence:policy"), data)
    assert response.status_code == 302
    version = AbsencePolicyVersion.objects.get(valid_from=date(2099, 1, 1))
    assert version.contact_days == [1, 7] and version.changed_by == users["hr"]
    bad = client.post(reverse("absence:policy"), {**data, "valid_from": "2000-01-02"})
    assert bad.status_code == 400
    assert "tidligst gælde fra i dag" in bad.content.decode()
