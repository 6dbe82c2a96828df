"""The pure reading of the IdP's claims and the group → role mapping (``accounts.claims``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charlie.accounts.claims import (
    GroupRole,
    MappingError,
    groups_of,
    parse_group_roles,
    role_from_groups,
    text_claim,
    usable_email,
)


def test_the_mapping_keeps_its_order_and_folds_case():
    assert parse_group_roles(" HR-gruppe = hr , Ledere=manager,") == (
        GroupRole("hr-gruppe", "hr"),
        GroupRole("ledere", "manager"),
    )


@pytest.mark.parametrize(
    "text", ["hr-gruppe", "=hr", "hr-gruppe=superuser", "a=hr,A=dpo", "ledere=Leder"]
)
def test_a_mapping_that_cannot_be_used_is_refused(text):
    with pytest.raises(MappingError):
        parse_group_roles(text)


def test_the_last_equals_sign_separates_group_and_role():
    assert parse_group_roles("cn=ledere=manager") == (GroupRole("cn=ledere", "manager"),)


def test_the_first_mapped_group_wins_whatever_order_the_idp_sends():
    mapping = parse_group_roles("dpo-gruppe=dpo,hr-gruppe=hr,ledere=manager")
    assert role_from_groups(["ledere", "HR-GRUPPE"], mapping) == GroupRole("hr-gruppe", "hr")
    assert role_from_groups(["alle-ansatte"], mapping) is None
    assert role_from_groups([], ()) is None


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"groups": ["A", " b ", "", 7]}, {"a", "b"}),
        ({"groups": "Ledere"}, {"ledere"}),
        ({"groups": {"ledere": True}}, set()),
        ({"groups": None}, set()),
        ({}, set()),
    ],
)
def test_groups_are_a_list_or_one_name(claims, expected):
    assert groups_of(claims, "groups") == expected


def test_text_claims_and_emails():
    assert text_claim({"nr": 42}, "nr") == "42"
    assert text_claim({"nr": True}, "nr") == ""
    assert text_claim({"nr": "1\n2"}, "nr") == ""
    assert text_claim({"nr": "x" * 31}, "nr", max_length=30) == ""
    assert text_claim({"nr": "1"}, "") == ""
    assert usable_email({"email": "a@b.dk", "email_verified": True}) == "a@b.dk"
    assert usable_email({"email": "a@b.dk", "email_verified": False}) == ""
    assert usable_email({"email": "ikke-en-adresse"}) == ""


@given(st.lists(st.text(max_size=12), max_size=6), st.lists(st.text(max_size=12), max_size=6))
def test_a_role_comes_only_from_a_group_the_user_is_in(mapped, groups):
    entries = tuple(GroupRole(g.casefold(), "manager") for g in dict.fromkeys(mapped))
    found = role_from_groups(groups, entries)
    if found is None:
        assert not {g.casefold() for g in groups} & {e.group for e in entries}
    else:
        assert found.group in {g.casefold() for g in groups}
