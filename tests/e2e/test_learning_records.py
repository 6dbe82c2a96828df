"""Learning records end to end (issue 14, point 3): HR imports a completions file with one bad
row, sees its row and column, fixes it and imports it; an xAPI statement about an unknown
course lands on the page of statements that could not be used. axe-core checks every state."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from charlie.learning.models import Completion, StatementStatus, XapiStatement
from charlie.learning.tests.factories import CourseFactory
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link

pytestmark = E2E


def test_hr_imports_a_file_fixes_the_bad_row_and_imports_it(
    page, live_server, users, org, tmp_path
):
    CourseFactory(code="hygiejne", title="Hygiejne")
    number = org.person_in_nord.employee_number
    bad = tmp_path / "kurser.csv"
    bad.write_text(
        "medarbejdernummer;kursuskode;dato;resultat\n"
        f"{number};hygiejne;01-05-2026;bestået\n"
        f"{number};hygiejne;31-12-9999;bestået\n",
        encoding="utf-8",
    )
    login(page, live_server, "hr")
    menu_link(page, "Indlæs gennemførte kurser").click()
    assert_accessible(page, "the completions import")
    page.get_by_label("Fil (CSV eller Excel)").set_input_files(str(bad))
    page.get_by_role("button", name="Indlæs").click()
    expect(page.get_by_role("alert")).to_contain_text("Intet er gemt")
    problems = page.get_by_role("table", name="Problemer")
    expect(problems.get_by_role("row").nth(1)).to_contain_text("3")
    expect(problems).to_contain_text("dato")
    assert_accessible(page, "the completions import with a problem")
    assert not Completion.objects.exists()

    good = tmp_path / "kurser-rettet.csv"
    good.write_text(
        "medarbejdernummer;kursuskode;dato;resultat\n"
        f"{number};hygiejne;01-05-2026;bestået\n"
        f"{number};hygiejne;02-05-2026;bestået\n",
        encoding="utf-8",
    )
    page.get_by_label("Fil (CSV eller Excel)").set_input_files(str(good))
    page.get_by_role("button", name="Indlæs").click()
    expect(page.get_by_role("status")).to_contain_text("2 nye")
    assert_accessible(page, "the completions imported")
    assert Completion.objects.count() == 2


def test_the_unmatched_statements_page(page, live_server, users, org):
    XapiStatement.objects.create(
        statement_id=uuid.uuid4(),
        verb="http://adlnet.gov/expapi/verbs/completed",
        actor="mailto:ukendt@example.org",
        activity="https://lms.example/kurser/ukendt",
        status=StatementStatus.UNKNOWN_PERSON,
        raw={},
    )
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}/laering/gennemfoerte/xapi-udsagn/")
    expect(page.get_by_role("table", name="Udsagn")).to_contain_text("ukendt@example.org")
    assert_accessible(page, "the unmatched xAPI statements")
    page.goto(f"{live_server.url}/laering/xapi/klienter/")
    page.get_by_label("Læringssystemets navn").fill("Kommunens LMS")
    page.get_by_role("button", name="Opret nøgle").click()
    expect(page.get_by_role("status")).to_contain_text("charlie_")
    assert_accessible(page, "the xAPI clients with a new key")
