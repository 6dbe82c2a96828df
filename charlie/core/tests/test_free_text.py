"""No CPR number in any free text a user types: names, notes, messages,
answers, descriptions. Every service that keeps typed text checks it with ``core.text`` (the one
detector, ``core.cpr``), and the refusal never repeats the number.

The numbers are made up and spelled the ways people write them; ``010170 - 1234`` and
``CPR 0101 70 1234`` got past the checks that existed before.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from charlie.core.errors import ValidationFailed
from charlie.core.text import check_text, danish_slug, text_errors
from charlie.people.services import access_for

SPELLINGS = ["010170 - 1234", "CPR 0101 70 1234", "01.01.70-1234", "0101701234"]


@pytest.mark.parametrize("text", SPELLINGS)
def test_text_errors_finds_a_cpr_number_and_does_not_repeat_it(text):
    [error] = text_errors(f"Ring til hende, {text}.", what="Notatet")
    assert "CPR-nummer" in error and error.startswith("Notatet")
    assert "1234" not in error


def test_length_and_control_characters():
    assert text_errors("a" * 11, what="Navnet", max_length=10)
    assert text_errors("a\x00b", what="Navnet")
    assert text_errors("to\nlinjer", what="Navnet")  # a one-line field
    assert text_errors("to\nlinjer\tmed tab", what="Notatet", multiline=True) == []
    assert text_errors("Tlf. +45 12 34 56 78", what="Notatet") == []
    assert check_text("  pænt  ", what="Navnet") == "pænt"
    with pytest.raises(ValidationFailed):
        check_text("", what="Navnet", required=True)


def refused(call) -> str:
    with pytest.raises(ValidationFailed) as error:
        call()
    text = " ".join(error.value.messages)
    assert "CPR-nummer" in text, text
    assert "1234" not in text
    return text


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", ["010170 - 1234", "CPR 0101 70 1234"])
def test_correction_requests_and_hrs_answers(users, spelling):
    from charlie.privacy import services
    from charlie.privacy.models import CorrectionRequest

    refused(
        lambda: services.request_correction(
            access_for(users["employee"]), category="stamdata", message=f"Mit nr. er {spelling}"
        )
    )
    assert not CorrectionRequest.objects.exists()
    request = services.request_correction(
        access_for(users["employee"]), category="stamdata", message="Mit efternavn er forkert."
    )
    refused(
        lambda: services.handle_correction(
            access_for(users["hr"]), request_id=request.pk, status="rejected", response=spelling
        )
    )
    request.refresh_from_db()
    assert request.response == ""


@pytest.mark.django_db
def test_follow_up_notes_reasons_and_the_policy_note(users, org):
    from charlie.absence import services as absence
    from charlie.absence.models import FollowUpNote, FollowUpTask
    from charlie.absence.policy import DEFAULT_POLICY
    from charlie.people.services import access_for

    task = FollowUpTask.objects.create(
        person=org.person_in_nord,
        first_day=date(2025, 3, 3),
        code="sickness_interview",
        due=date(2025, 3, 31),
        legal_basis="§ 7 a",
        description="Hold sygefraværssamtale.",
        org_unit=org.nord,
    )
    refused(lambda: absence.add_note(access_for(users["hr"]), task.pk, "Cpr: 010170 - 1234"))
    assert not FollowUpNote.objects.exists()
    refused(lambda: absence.not_applicable(access_for(users["hr"]), task.pk, "CPR 0101 70 1234"))
    refused(
        lambda: absence.add_policy_version(
            access_for(users["hr"]),
            valid_from=timezone.localdate() + timedelta(days=1),
            policy=DEFAULT_POLICY,
            note="Aftalt med 010170 - 1234",
        )
    )


@pytest.mark.django_db
def test_the_data_use_register_and_retention_notes(users):
    from charlie.privacy import services
    from charlie.privacy.models import RetentionBatch
    from charlie.privacy.services import retention

    refused(
        lambda: services.update_purpose(
            access_for(users["dpo"]),
            code="hr_administration",
            note="Rettet efter klage fra 010170 - 1234",
            description="Ny tekst.",
        )
    )
    refused(
        lambda: services.update_purpose(
            access_for(users["dpo"]),
            code="hr_administration",
            note="Rettet tekst",
            description="Fx 0101701234 i eksemplet.",
        )
    )
    batch = RetentionBatch.objects.create(
        rule_code="fravaersperioder", category="fravaer", action="delete", years=5,
        as_of=date(2026, 11, 23), item_ids=[], count=0,
    )  # fmt: skip
    refused(lambda: retention.reject(access_for(users["dpo"]), batch.pk, "Se 010170 - 1234"))


@pytest.mark.django_db
def test_workforce_scenarios_and_api_token_names(users):
    from charlie.core.token_services import create_token
    from charlie.people.services import access_for
    from charlie.workforce import services

    hr = users["hr"]
    access = access_for(hr)
    refused(lambda: services.create_scenario(access, name="Plan", description="CPR 0101 70 1234"))
    scenario = services.create_scenario(access, name="Plan", description="Antagelser.")
    refused(
        lambda: services.update_scenario(
            access, scenario, name="Plan 010170 - 1234", description="Antagelser."
        )
    )
    refused(
        lambda: services.save_driver(
            access,
            scenario,
            driver_id=None,
            name="Børnetal",
            source="Oplyst af 010170 - 1234",
            values={2030: 1.0},
        )
    )
    refused(
        lambda: services.save_rules(
            access,
            scenario,
            [
                {
                    "job_family": None,
                    "kind": "growth",
                    "first_year": 2030,
                    "last_year": 2031,
                    "rate_percent": Decimal(1),
                    "driver": None,
                    "ratio": None,
                    "note": "Spurgt 010170 - 1234",
                }
            ],
        )
    )
    refused(lambda: create_token(user=hr, name="nøgle 010170 - 1234"))


def test_a_danish_slug_spells_out_the_danish_letters():
    assert danish_slug("Pædagog til Børnehuset Å", fallback="x") == "paedagog-til-boernehuset-aa"
    assert danish_slug("Ældre – café", fallback="x") == "aeldre-cafe"
    assert danish_slug("!!!", fallback="job") == "job"
    assert danish_slug("Social- og sundhedsassistent", fallback="x", max_length=10) == "social-og"
