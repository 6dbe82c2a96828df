"""Applications arriving at the same moment (PostgreSQL; SQLite serialises writers itself): the
ad's row lock gives each its own number, and the same form sent twice at once (a double click)
makes one application."""

from __future__ import annotations

import importlib
import threading
import uuid

import pytest
from django.db import connection, connections

from charlie.privacy import services as privacy_services
from charlie.recruitment.models import Application, ApplicationFile
from charlie.recruitment.services import applying
from charlie.recruitment.tests.factories import open_ad, pdf_bytes

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)


@pytest.fixture
def _seeded(transactional_db, monkeypatch):
    """An earlier transactional test may have flushed the seeded data: the job families are
    seeded again and the audit log (needing the seeded register, not the point here) is left
    out, as in learning's race test."""
    from django.apps import apps

    importlib.import_module("charlie.people.migrations.0002_seed_job_families").seed(apps, None)
    monkeypatch.setattr(privacy_services, "record", lambda **kwargs: [])


def _submission(key: uuid.UUID, n: int) -> applying.Submission:
    return applying.Submission(
        name=f"Ansøger {n}",
        email=f"a{n}@example.org",
        phone="12345678",
        address="",
        birth_year=None,
        gender="",
        motivation="Motivation",
        submission_key=key,
        accepted_terms=True,
    )


def _at_once(ad_id: int, keys: list[uuid.UUID]) -> list[BaseException]:
    barrier = threading.Barrier(len(keys))
    errors: list[BaseException] = []

    def submit(n: int, key: uuid.UUID) -> None:
        try:
            from charlie.recruitment.models import JobAd

            ad = JobAd.objects.get(pk=ad_id)
            barrier.wait(timeout=20)
            applying.submit_application(ad, _submission(key, n), cv=("cv.pdf", pdf_bytes()))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(n, key)) for n, key in enumerate(keys)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return errors


@pytest.mark.django_db(transaction=True)
def test_three_applications_at_once_get_three_numbers(_seeded, org):
    """Three threads: the test's own connection and theirs fit the connection pool (4)."""
    ad = open_ad()
    errors = _at_once(ad.pk, [uuid.uuid4() for _ in range(3)])
    assert errors == []
    numbers = sorted(Application.objects.filter(ad=ad).values_list("number", flat=True))
    assert numbers == [1, 2, 3]
    assert ApplicationFile.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_at_once_makes_one_application(_seeded, org):
    ad = open_ad()
    key = uuid.uuid4()
    errors = _at_once(ad.pk, [key, key])
    assert errors == []
    assert Application.objects.filter(ad=ad).count() == 1
    assert ApplicationFile.objects.count() == 1
