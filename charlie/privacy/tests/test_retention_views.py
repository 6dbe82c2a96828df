"""The DPO's retention pages, the daily task and ``charlie retention``."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from charlie.absence.models import AbsencePeriod, AbsenceType
from charlie.core import tasks
from charlie.core.testing.tables import table_rows
from charlie.people.models import Person
from charlie.people.tests.factories import EmploymentFactory, PersonFactory
from charlie.privacy import tasks as privacy_tasks
from charlie.privacy.models import AuditEntry, BatchStatus, DeletionLog, RetentionBatch

pytestmark = pytest.mark.django_db


def former_long_ago(org, **person: object) -> Person:
    """A person whose only employment ended ten years before today (past the 5-year default)."""
    end = timezone.localdate() - timedelta(days=3653)
    return EmploymentFactory(
        person=PersonFactory(**person),
        org_unit=org.nord,
        start_date=end - timedelta(days=3000),
        end_date=end,
    ).person


def proposed(code: str) -> RetentionBatch:
    return RetentionBatch.objects.get(rule_code=code, status=BatchStatus.PROPOSED)


# --- Pages ---


def test_overview_shows_rules_report_and_no_names(org, client_as):
    person = former_long_ago(org, first_name="Gudrun", last_name="Fisker")
    response = client_as("dpo").get(reverse("privacy:retention"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Opbevaring og sletning" in html
    assert "Tidligere medarbejdere" in html
    assert "Fraværsperioder" in html
    assert "bevarings- og kassationsbestemmelser" in html
    assert "1 element er ud over perioden." in html
    for text in ("Gudrun", "Fisker", person.employee_number):
        assert text not in html
    assert not RetentionBatch.objects.exists()  # the page only reports
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_menu_entry_for_the_dpo_only(org, client_as):
    url = reverse("privacy:retention")
    assert f'href="{url}"' in client_as("dpo").get(reverse("home")).content.decode()
    assert f'href="{url}"' not in client_as("hr").get(reverse("home")).content.decode()


def test_propose_button_creates_batches_and_deletes_nothing(org, client_as):
    person = former_long_ago(org, first_name="Villy")
    response = client_as("dpo").post(reverse("privacy:retention_propose"))
    assert response.status_code == 302
    assert proposed("tidligere_medarbejdere").item_ids == [person.pk]
    person.refresh_from_db()
    assert person.first_name == "Villy"
    page = client_as("dpo").get(reverse("privacy:retention")).content.decode()
    batch = proposed("tidligere_medarbejdere")
    assert reverse("privacy:retention_batch", args=[batch.pk]) in page


def test_policy_edit(org, client_as):
    client = client_as("dpo")
    url = reverse("privacy:retention_policy", args=["fravaersperioder"])
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="5"' in page.content.decode()

    bad = client.post(url, {"years": "51"})
    assert bad.status_code == 400
    assert "Skriv et helt antal år mellem 1 og 50." in bad.content.decode()
    assert client.post(url, {"years": "tre"}).status_code == 400

    ok = client.post(url, {"years": "7"})
    assert ok.status_code == 302
    assert client.get(url).content.decode().count('value="7"') == 1
    assert client.get(reverse("privacy:retention_policy", args=["nej"])).status_code == 404


def test_a_month_rule_shows_months_everywhere(org, client_as, monkeypatch):
    """The applicants rule counts months (default 6): the form asks for months within 1–600,
    and the overview, the batch page and the deletion log say "måneder"."""
    from charlie.privacy import registry

    code = "recruitment_applicants_not_hired"
    rule = registry.retention_rules()[code]
    monkeypatch.setattr(registry, "_retention_rules", {code: rule})
    client = client_as("dpo")
    url = reverse("privacy:retention_policy", args=[code])
    html = client.get(url).content.decode()
    assert "Antal måneder" in html and "Standard er 6 måneder." in html
    assert 'value="6"' in html and 'min="1"' in html and 'max="600"' in html
    bad = client.post(url, {"years": "601"})
    assert bad.status_code == 400
    assert "Skriv et helt antal måneder mellem 1 og 600." in bad.content.decode()
    ok = client.post(url, {"years": "3"}, follow=True)
    assert "er nu 3 måneder." in ok.content.decode()

    batch = RetentionBatch.objects.create(
        rule_code=code,
        category=rule.category,
        action=rule.action,
        years=3,
        unit="months",
        as_of=timezone.localdate(),
        item_ids=[],
        count=0,
    )
    page = client.get(reverse("privacy:retention_batch", args=[batch.pk])).content.decode()
    assert "3 måneder efter periodens slutning" in page
    DeletionLog.objects.create(
        rule_code=code,
        category=rule.category,
        action=rule.action,
        count=0,
        years=1,
        unit="months",
        as_of=timezone.localdate(),
        approver_username="test-dpo",
        approver_role="dpo",
        batch=batch,
    )
    overview = client.get(reverse("privacy:retention")).content.decode()
    assert "3 måneder" in overview  # the rule's period and the proposal
    assert "1 måned<" in overview  # the deletion log


def test_approve_needs_the_archive_confirmation(org, client_as):
    person = former_long_ago(org, first_name="Asta")
    client = client_as("dpo")
    client.post(reverse("privacy:retention_propose"))
    batch = proposed("tidligere_medarbejdere")

    page = client.get(reverse("privacy:retention_batch", args=[batch.pk]))
    assert page.status_code == 200
    assert "arkivbekendtgørelsen" in page.content.decode()
    assert "Asta" not in page.content.decode()
    # The count per year is shown (it once printed nothing in the count column).
    rows = table_rows(page.content.decode(), caption="Antal fordelt på det år perioden sluttede")
    assert [count for _year, count in rows[1:]] == ["1"]

    refused = client.post(reverse("privacy:retention_approve", args=[batch.pk]), {})
    assert refused.status_code == 400
    assert "Sæt flueben" in refused.content.decode()
    person.refresh_from_db()
    assert person.first_name == "Asta"

    done = client.post(
        reverse("privacy:retention_approve", args=[batch.pk]), {"archive_rules_checked": "on"}
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.first_name == "Anonymiseret"
    log = DeletionLog.objects.get()
    assert log.count == 1
    assert AuditEntry.objects.filter(
        subject_person_id=person.pk, action="update", channel="ui"
    ).exists()
    overview = client.get(reverse("privacy:retention")).content.decode()
    log_table = overview[overview.index('id="log"') :]
    assert "test-dpo" in log_table
    assert "Asta" not in overview

    again = client.post(
        reverse("privacy:retention_approve", args=[batch.pk]), {"archive_rules_checked": "on"}
    )
    assert again.status_code == 400
    assert "allerede behandlet" in again.content.decode()


def test_reject_needs_a_reason(org, client_as):
    client = client_as("dpo")
    AbsencePeriod.objects.create(
        person=org.person_in_nord,
        absence_type=AbsenceType.SICKNESS,
        start_date=date(2010, 1, 4),
        end_date=date(2010, 1, 6),
    )
    client.post(reverse("privacy:retention_propose"))
    batch = proposed("fravaersperioder")
    url = reverse("privacy:retention_reject", args=[batch.pk])

    assert client.post(url, {"note": ""}).status_code == 400
    assert client.post(url, {"note": "Afventer arkivets svar."}).status_code == 302

    batch.refresh_from_db()
    assert batch.status == BatchStatus.REJECTED
    assert AbsencePeriod.objects.count() == 1


# --- The daily task ---


def test_the_daily_task_is_registered():
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("tasks")
    paths = {t.module_path for t in tasks.daily_tasks()}
    assert "charlie.privacy.tasks.find_expired_data_task" in paths


def test_the_daily_task_proposes_and_deletes_nothing(org):
    person = former_long_ago(org, first_name="Oda")
    result = privacy_tasks.find_expired_data_task.call()
    assert result == {"tidligere_medarbejdere": 1}
    person.refresh_from_db()
    assert person.first_name == "Oda"
    assert proposed("tidligere_medarbejdere").item_ids == [person.pk]
    assert not DeletionLog.objects.exists()


# --- charlie retention ---


def test_cli_dry_run_prints_the_report_and_proposes_nothing(org):
    EmploymentFactory(
        person=PersonFactory(first_name="Frode"),
        org_unit=org.nord,
        start_date=date(2005, 1, 1),
        end_date=date(2019, 6, 30),
    )
    out = StringIO()
    call_command("retention", "--dry-run", "--date", "2026-11-23", stdout=out)
    text = out.getvalue()
    assert "Retention as of 2026-11-23" in text
    assert (
        "tidligere_medarbejdere (Tidligere medarbejdere) - category stamdata, anonymise, " in text
    )
    assert "5 years (default)" in text
    assert "1 item(s) past the rule" in text
    assert "ended 2019: 1" in text
    assert "Dry run" in text
    assert "Frode" not in text
    assert not RetentionBatch.objects.exists()


def test_cli_proposes_but_never_approves(org):
    person = former_long_ago(org, first_name="Ejnar")
    out = StringIO()
    call_command("retention", stdout=out)
    batch = proposed("tidligere_medarbejdere")
    assert f"Proposed batch {batch.pk}: tidligere_medarbejdere, 1 item(s)" in out.getvalue()
    person.refresh_from_db()
    assert person.first_name == "Ejnar"
    assert not DeletionLog.objects.exists()


def test_cli_refuses_a_bad_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("retention", "--date", "23-11-2026")
