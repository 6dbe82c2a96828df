"""``/healthz`` checks the database: 200 when it answers, 503 when it does not,
short JSON either way and no error text."""

from __future__ import annotations

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_503_when_the_database_does_not_answer(client, monkeypatch, caplog):
    from charlie.core import health

    class Unreachable:
        def cursor(self):
            raise OperationalError('connection to server at "db.internal" failed: password')

    monkeypatch.setattr(health, "connection", Unreachable())
    with caplog.at_level("WARNING", logger="charlie.core.health"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
    assert b"db.internal" not in response.content and b"password" not in response.content
    assert any("does not answer" in r.getMessage() for r in caplog.records)
