"""Two managers enrolling at the same moment on the last seat: the session's row lock lets one
through and puts the other on the waiting list (PostgreSQL; SQLite serialises writers itself)."""

from __future__ import annotations

import importlib
import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from charlie.learning import services
from charlie.learning.models import Enrolment
from charlie.learning.tests.factories import SessionFactory
from charlie.people.services import access_for
from charlie.people.tests.factories import EmploymentFactory
from charlie.privacy import services as privacy_services

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)


@pytest.fixture
def _seeded(transactional_db, monkeypatch):
    """An earlier transactional test may have flushed the database, and with it what the
    migrations seed: the job families are seeded again, and the audit log (not the point here,
    and needing the seeded data-use register) is left out — as in imports' concurrency test."""
    from django.apps import apps

    importlib.import_module("charlie.people.migrations.0002_seed_job_families").seed(apps, None)
    monkeypatch.setattr(privacy_services, "record", lambda **kwargs: [])


@pytest.mark.django_db(transaction=True)
def test_the_last_seat_goes_to_one_of_two_at_once(_seeded, org, users):
    starts = timezone.now() + timedelta(days=30)
    session = SessionFactory(
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        seats=1,
        registration_deadline=(starts - timedelta(days=7)).date(),
    )
    people = [EmploymentFactory(org_unit=org.nord).person for _ in range(2)]
    hr = access_for(users["hr"])
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def enrol(person_id: int) -> None:
        try:
            barrier.wait(timeout=10)
            services.enrol_person(hr, session.pk, person_id)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enrol, args=(p.pk,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    statuses = sorted(Enrolment.objects.filter(session=session).values_list("status", flat=True))
    assert statuses == ["enrolled", "waitlisted"]
