"""The recruitment API: open ads, a round's stage counts, the fairness figures."""

from __future__ import annotations

import datetime as dt

import pytest

from charlie.core import token_services
from charlie.people.services import today
from charlie.recruitment.tests.factories import (
    ApplicationFactory,
    CommitteeMemberFactory,
    JobAdFactory,
)

pytestmark = pytest.mark.django_db


def bearer(users, role):
    _, plain = token_services.create_token(user=users[role], name="test")
    return {"Authorization": f"Bearer {plain}"}


@pytest.fixture
def ads(users):
    soon = today() + dt.timedelta(days=10)
    open_ad = JobAdFactory(slug="aaben", status="published", deadline=soon)
    JobAdFactory(slug="kladde", status="draft", deadline=soon)
    JobAdFactory(slug="udloebet", status="published", deadline=today() - dt.timedelta(days=1))
    CommitteeMemberFactory(ad=open_ad, user=users["employee"])
    for i in range(3):
        ApplicationFactory(ad=open_ad, number=i + 1)
    ApplicationFactory(ad=open_ad, number=4, stage="shortlisted")
    return open_ad


def test_ads_lists_the_open_published_ads(client, users, ads):
    body = client.get("/api/v1/recruitment/ads", headers=bearer(users, "employee")).json()
    assert [a["slug"] for a in body] == ["aaben"]
    assert body[0]["deadline"] == ads.deadline.isoformat()
    assert body[0]["job_family"] == "sosu"
    assert "applications" not in body[0]


def test_round_counts_for_the_committee(client, users, ads):
    response = client.get("/api/v1/recruitment/rounds/aaben", headers=bearer(users, "employee"))
    assert response.status_code == 200
    body = response.json()
    counts = {s["stage"]: s["applicants"] for s in body["stages"]}
    assert body["applicants"] == 4 and counts["received"] == 3 and counts["shortlisted"] == 1
    assert "Sara" not in response.text  # counts only


def test_round_is_404_outside_the_committee_and_for_an_unknown_ad(client, users, ads):
    assert (
        client.get("/api/v1/recruitment/rounds/aaben", headers=bearer(users, "manager")).status_code
        == 404
    )
    assert (
        client.get(
            "/api/v1/recruitment/rounds/findes-ikke", headers=bearer(users, "hr")
        ).status_code
        == 404
    )


def test_fairness_is_disclosure_controlled(client, users, ads):
    response = client.get(
        "/api/v1/recruitment/fairness",
        {"year": ads.deadline.year},
        headers=bearer(users, "analyst"),
    )
    assert response.status_code == 200
    body = response.json()
    assert body["min_size"] == 5 and body["year"] == ads.deadline.year
    # 4 applicants in all: fewer than 5, so every figure is hidden.
    assert body["gender"]["total"]["applicants"] is None
    slugs = [r["slug"] for r in body["rounds"]]
    assert "aaben" in slugs and "kladde" not in slugs  # a draft is no round yet
    assert "@example.org" not in response.text


def test_fairness_unknown_year_is_404_and_others_403(client, users, ads):
    assert (
        client.get(
            "/api/v1/recruitment/fairness", {"year": 1990}, headers=bearer(users, "hr")
        ).status_code
        == 404
    )
    assert (
        client.get("/api/v1/recruitment/fairness", headers=bearer(users, "employee")).status_code
        == 403
    )
