"""The fairness page and its service: figures from the applications and the pipeline's history,
worked by hand, for HR and analysts only, never naming anyone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from charlie.core.errors import NotFound, PermissionDenied
from charlie.people.services import access_for, today
from charlie.privacy.models import AuditEntry
from charlie.recruitment.models import StageChange
from charlie.recruitment.services import fairness
from charlie.recruitment.tests.factories import ApplicationFactory, JobAdFactory

pytestmark = pytest.mark.django_db


def _apply(ad, n, *, gender, birth_year=1990, stages=(), start=0):
    """``n`` applications; each moved through ``stages`` (the last is the current stage)."""
    out = []
    for i in range(n):
        a = ApplicationFactory(
            ad=ad,
            number=start + i + 1,
            name=f"Hemmelig Ansøger {gender} {start + i}",
            email=f"{gender}{start + i}.{ad.slug}@example.org",
            gender=gender,
            birth_year=birth_year,
            stage=stages[-1] if stages else "received",
        )
        for stage in stages:
            StageChange.objects.create(application=a, stage=stage)
        out.append(a)
    return out


@pytest.fixture
def year_round(org):
    """One round this year: 12 women born 1990 (7 shortlisted: 5 of them went on to the first
    interview and were then rejected, 2 are still shortlisted), 10 men born 1960 (none
    shortlisted), 5 who gave neither gender nor birth year."""
    ad = JobAdFactory(slug="fair-runde", deadline=dt.date(today().year, 6, 1), status="published")
    _apply(ad, 5, gender="woman", stages=("shortlisted", "interview_1", "rejected"))
    _apply(ad, 2, gender="woman", stages=("shortlisted",), start=5)
    _apply(ad, 5, gender="woman", start=7)
    _apply(ad, 10, gender="man", birth_year=1960, start=12)
    _apply(ad, 5, gender="", birth_year=None, start=22)
    return ad


def test_figures_by_hand(users, year_round):
    data = fairness.fairness_figures(access_for(users["analyst"]))
    women, men, other, unsaid = data.release.year["gender"].rows
    # Rejected after the interview, still counted as shortlisted: 7 of 12.
    assert (women.applicants, women.shortlisted, women.hired) == (12, 7, 0)
    assert (men.applicants, men.shortlisted) == (10, 0)
    assert (other.applicants, unsaid.applicants, unsaid.shortlisted) == (0, 5, 0)
    assert women.shortlist_rate == 7 / 12 and men.shortlist_rate == 0.0
    # Four-fifths: the highest rate is the women's; the men's ratio 0 is flagged.
    assert women.shortlist_ratio == 1.0 and not women.shortlist_flag
    assert men.shortlist_ratio == 0.0 and men.shortlist_flag and unsaid.shortlist_flag
    total = data.release.year["gender"].total
    assert (total.applicants, total.shortlisted, total.hired) == (27, 7, 0)
    # Age bands from the birth year at the application date (this year).
    ages = {r.group: r for r in data.release.year["age"].rows}
    born_1990 = "30_39" if today().year - 1990 < 40 else "40_49"
    assert (ages[born_1990].applicants, ages[born_1990].shortlisted) == (12, 7)
    assert ages["60_plus"].applicants == 10 and ages["unsaid"].applicants == 5
    # One round: its figures are the year's.
    assert data.rounds[0].slug == "fair-runde"
    assert data.release.rounds[year_round.pk]["gender"].rows == data.release.year["gender"].rows


def test_small_groups_are_hidden_on_the_page(users, year_round):
    # Two more men, shortlisted: 2 is fewer than 5, so the men's shortlisted is hidden, and the
    # women's too (9 − 7 = 2 would give it away).
    man = _apply(year_round, 2, gender="man", birth_year=1960, stages=("shortlisted",), start=30)
    assert man
    data = fairness.fairness_figures(access_for(users["hr"]))
    women, men, *_ = data.release.year["gender"].rows
    assert men.shortlisted is None and women.shortlisted is None
    assert men.shortlist_ratio is None
    assert data.release.year["gender"].total.shortlisted == 9


def test_a_hired_applicant_counts_as_shortlisted_and_hired(users, org):
    ad = JobAdFactory(slug="hired-runde", deadline=dt.date(today().year, 6, 1), status="published")
    _apply(ad, 5, gender="woman", stages=("hired",))  # straight to hired
    _apply(ad, 5, gender="woman", start=5)
    _apply(ad, 10, gender="man", start=10)
    data = fairness.fairness_figures(access_for(users["hr"]), round_slug="hired-runde")
    women, men, *_ = data.round_tables["gender"].rows
    assert (women.applicants, women.shortlisted, women.hired) == (10, 5, 5)
    assert (men.applicants, men.shortlisted, men.hired) == (10, 0, 0)
    assert women.hire_rate == 0.5 and men.hire_ratio == 0.0 and men.hire_flag


def test_only_hr_and_analysts(users, year_round):
    for role in ("employee", "manager", "dpo", "admin"):
        with pytest.raises(PermissionDenied):
            fairness.fairness_figures(access_for(users[role]))
    with pytest.raises(NotFound):
        fairness.fairness_figures(access_for(users["hr"]), round_slug="findes-ikke")
    with pytest.raises(NotFound):
        fairness.fairness_figures(access_for(users["hr"]), year=1990)


def test_the_figures_follow_a_move(users, year_round):
    """The release is cached until an application or a move changes."""
    before = fairness.fairness_figures(access_for(users["hr"])).release.year["gender"]
    assert before.rows[1].shortlisted == 0
    for application in year_round.applications.filter(gender="man")[:5]:
        application.stage = "shortlisted"
        application.save()
        StageChange.objects.create(application=application, stage="shortlisted")
    after = fairness.fairness_figures(access_for(users["hr"])).release.year["gender"]
    assert after.rows[1].shortlisted == 5 and after.total.shortlisted == 12


def test_the_page_names_nobody_and_has_tables_beside_charts(client_as, year_round):
    response = client_as("analyst").get(reverse("recruitment:fairness"), {"forloeb": "fair-runde"})
    assert response.status_code == 200
    html = response.text
    assert "Hemmelig" not in html and "@example.org" not in html
    assert html.count('role="img"') == 4  # a chart per dimension, for the year and the round
    assert html.count("data-disclosure-table") == 4
    assert 'data-count="12"' in html and 'data-count="27"' in html
    assert "under 0,8" in html  # the men's ratio is flagged in words, not colour alone
    assert not AuditEntry.objects.exists()  # figures for groups: nobody's data is read


def test_the_page_without_applications(client_as, org):
    html = client_as("hr").get(reverse("recruitment:fairness")).text
    assert "Der er ingen ansøgninger" in html
