"""One bad row never stops the daily follow-up refresh for everyone else.

A payroll "no end" date (31-12-9999) written straight to the database — as an import before the
date checks could — made date arithmetic overflow in ``refresh_tasks`` and stopped the refresh
for the whole municipality. Now the person with the bad row is skipped and logged (by id only),
and everyone else gets their tasks.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest

from charlie.absence.models import AbsencePeriod, FollowUpTask
from charlie.absence.services import refresh_tasks


@pytest.mark.django_db
def test_a_9999_row_is_skipped_and_the_others_get_their_tasks(org, caplog):
    on = date(2025, 3, 20)
    bad, good = org.person_in_nord, org.person_in_syd
    AbsencePeriod.objects.create(
        person=bad, absence_type="sickness", start_date=on - timedelta(days=10),
        end_date=date(9999, 12, 31),
    )  # fmt: skip
    AbsencePeriod.objects.create(
        person=good, absence_type="sickness", start_date=on - timedelta(days=10)
    )
    with caplog.at_level(logging.ERROR, logger="charlie.absence.services.tasks"):
        result = refresh_tasks(on)
    assert FollowUpTask.objects.filter(person=good).exists()
    assert not FollowUpTask.objects.filter(person=bad).exists()
    assert result.created == FollowUpTask.objects.count()
    [message] = [r.getMessage() for r in caplog.records]
    assert str(bad.pk) in message
    # Nothing about the person but the id: no name, no employee number, no dates.
    for text in (bad.first_name, bad.last_name, bad.employee_number, "9999"):
        assert text not in message
