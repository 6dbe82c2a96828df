"""Who sees "Ansættelsesforløb" in the menu: HR, and anyone of any role who sits on a
committee — no one else (they would find an empty list)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from charlie.core.navigation import entries_for
from charlie.recruitment.tests.factories import CommitteeMemberFactory, JobAdFactory

pytestmark = pytest.mark.django_db

ROLES = ("employee", "manager", "hr", "analyst", "dpo", "admin")


def _shown(user) -> bool:
    return "recruitment_rounds" in {entry.key for entry in entries_for(user)}


def test_only_hr_sees_it_when_nobody_sits_on_a_committee(users):
    assert {role for role in ROLES if _shown(users[role])} == {"hr"}


@pytest.mark.parametrize("role", ROLES)
def test_a_committee_member_of_any_role_sees_it(users, role):
    CommitteeMemberFactory(ad=JobAdFactory(), user=users[role])
    assert _shown(users[role])


def test_the_menu_on_a_page_links_to_the_members_rounds(users, client_as):
    CommitteeMemberFactory(ad=JobAdFactory(), user=users["analyst"])
    page = client_as("analyst").get(reverse("home")).content.decode()
    assert f'href="{reverse("recruitment:rounds")}"' in page
    assert (
        reverse("recruitment:rounds") not in client_as("dpo").get(reverse("home")).content.decode()
    )
