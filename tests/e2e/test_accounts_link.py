"""Log-in with the municipality's identity provider, and linking an account to its person and
units, in the browser. The IdP is the small OpenID Connect provider the tests start
(``charlie/accounts/tests/oidc_provider.py``); each page is checked with axe at 375 px (a
phone) and at 640 px (1280 px at 200 % zoom), with no sideways scrolling of the page."""

from __future__ import annotations

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from charlie.accounts.tests.oidc_provider import running_provider
from charlie.core.models import User
from charlie.core.roles import Role
from tests.e2e.helpers import E2E, assert_accessible, login

pytestmark = E2E

WIDTHS = {"375 px": 375, "200 % zoom": 640}


def _check_widths(page, where: str) -> None:
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page, f"{where} at {label}")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width, label
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def provider():
    with running_provider() as idp:
        extra = {
            "CHARLIE_OIDC_GROUP_ROLES": "hr-gruppe=hr,ledere=manager",
            "CHARLIE_OIDC_EMPLOYEE_NUMBER_CLAIM": "medarbejdernummer",
        }
        with override_settings(**idp.settings(**extra)):
            yield idp


def test_a_manager_logs_in_with_the_municipalitys_account(page, live_server, users, org, provider):
    provider.user = {
        "sub": "idp-syd",
        "preferred_username": "sidsel",
        "given_name": "Sidsel",
        "family_name": "Syd",
        "medarbejdernummer": org.person_in_syd.employee_number,
        "groups": ["ledere"],
    }
    page.goto(f"{live_server.url}/login/")
    _check_widths(page, "the log-in page with the IdP button")
    page.get_by_role("link", name="Log ind med kommunens konto").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_text("Sidsel Syd, Leder")).to_be_visible()
    user = User.objects.get(username="sidsel")
    assert user.role == Role.MANAGER
    org.person_in_syd.refresh_from_db()
    assert org.person_in_syd.user_id == user.pk


def test_with_local_passwords_off_the_log_in_page_has_only_the_button(page, live_server, provider):
    with override_settings(CHARLIE_LOCAL_LOGIN=False):
        page.goto(f"{live_server.url}/login/")
        expect(page.get_by_role("link", name="Log ind med kommunens konto")).to_be_visible()
        expect(page.get_by_label("Adgangskode")).to_have_count(0)
        _check_widths(page, "the log-in page without passwords")


def test_the_administrator_links_an_account_to_a_person_and_a_unit(page, live_server, users, org):
    account = User.objects.create_user("ny-leder", first_name="Ny", last_name="Leder")
    account.role = Role.MANAGER
    account.save()
    person = org.person_in_syd
    login(page, live_server, "admin")
    page.goto(f"{live_server.url}/users/{account.pk}/")
    expect(page.get_by_text("Kontoen er ikke knyttet til en medarbejder.").first).to_be_visible()
    page.get_by_role("link", name="Find medarbejderen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Knyt ny-leder til en medarbejder")
    page.get_by_label("Søg på navn eller medarbejdernummer").fill(person.employee_number)
    page.get_by_role("button", name="Søg").click()
    table = page.get_by_role("table", name="Medarbejdere, der passer på søgningen")
    expect(table).to_contain_text(person.full_name)
    expect(table).to_contain_text("Plejecenter Syd")
    _check_widths(page, "the person search")

    page.get_by_role("button", name=f"Knyt til {person.full_name}").click()
    expect(page.get_by_role("status")).to_contain_text(f"knyttet til {person.full_name}")
    page.get_by_role("combobox", name="Enhed").select_option(label="Plejecenter Syd")
    page.get_by_role("button", name="Gør til leder for enheden").click()
    expect(page.get_by_role("status")).to_contain_text("leder for Plejecenter Syd")
    expect(page.get_by_role("button", name="Fjern som leder for Plejecenter Syd")).to_be_visible()
    _check_widths(page, "a manager's account with a person and a unit")
