"""Built-in e-learning end to end (issue 14, point 2): on a 320 px wide phone, the employee
opens a demo module from "Min læring", reads the lessons with the keyboard alone, answers the
quiz, passes, sees the certificate link and the skill the course gives on "Mine kompetencer".
HR's editor passes axe too. axe-core checks every page."""

from __future__ import annotations

from playwright.sync_api import expect

from charlie.demo.learning_modules import create_demo_modules
from charlie.learning.models import CourseSkill
from charlie.skills.models import Skill
from tests.e2e.helpers import E2E, assert_accessible, focused, login, tab_until
from tests.e2e.test_small_screens import _sticking_out

pytestmark = E2E

NARROW = {"width": 320, "height": 640}


def test_employee_takes_a_module_on_a_phone_and_passes(page, live_server, users, org):
    gdpr = create_demo_modules()[0]
    skill = Skill.objects.create(
        uri="local:informationssikkerhed", name="Informationssikkerhed", source="local"
    )
    CourseSkill.objects.create(course=gdpr.course, skill=skill, level=2)

    login(page, live_server, "employee")
    page.set_viewport_size(NARROW)
    page.goto(f"{live_server.url}/laering/")
    page.get_by_role("link", name="Se alle e-læringsmoduler").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("E-læring")
    assert_accessible(page, "the list of modules")
    page.get_by_role("link", name=gdpr.title).click()
    assert_accessible(page, "the module's page")
    assert _sticking_out(page) == []

    # Start, and read every lesson with Tab and Enter only.
    tab_until(page, lambda el: el["text"] == "Start modulet")
    page.keyboard.press("Enter")
    total = gdpr.lessons.count()
    for number in range(1, total + 1):
        expect(page.get_by_text(f"Lektion {number} af {total}")).to_be_visible()
        if number == 1:
            assert_accessible(page, "a lesson")
            assert _sticking_out(page) == []
        wanted = "Læst – næste lektion" if number < total else "Læst – gå til quizzen"
        tab_until(page, lambda el, wanted=wanted: el["text"] == wanted, max_presses=60)
        with page.expect_navigation():
            page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Quiz")
    assert_accessible(page, "the quiz")
    assert _sticking_out(page) == []
    for question in gdpr.questions.all():
        for choice in question.choices.filter(correct=True):
            page.locator(f"#q{question.pk}-{choice.pk}").check()
    page.get_by_role("button", name="Aflever quizzen").focus()
    assert focused(page)["text"] == "Aflever quizzen"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Bestået med 100 procent rigtige")
    expect(page.get_by_role("link", name="Hent dit kursusbevis (PDF)")).to_be_visible()
    assert_accessible(page, "the result of a passed quiz")
    assert _sticking_out(page) == []

    page.goto(f"{live_server.url}/laering/")
    expect(
        page.get_by_role("table", name="E-læringsmoduler, der er i gang eller bestået")
    ).to_contain_text("Bestået")
    assert_accessible(page, "'Min læring' with a passed module")
    page.goto(f"{live_server.url}/kompetencer/")
    expect(page.get_by_text("Informationssikkerhed").first).to_be_visible()


def test_hr_editor_pages_pass_axe(page, live_server, users, org):
    module = create_demo_modules()[1]
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}/laering/moduler/rediger/")
    expect(page.get_by_role("heading", level=1)).to_have_text("E-læring: moduler")
    assert_accessible(page, "the editor's list")
    page.get_by_role("button", name="Opret modul").click()
    expect(page.get_by_role("alert")).to_contain_text("Modulet blev ikke oprettet")
    assert_accessible(page, "the editor's list with an error")
    page.goto(f"{live_server.url}/laering/moduler/rediger/{module.pk}/")
    assert_accessible(page, "a module in the editor")
    page.get_by_role("link", name=module.lessons.first().title).click()
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    expect(page.get_by_role("heading", name="Forhåndsvisning")).to_be_visible()
    assert_accessible(page, "a lesson with its preview")
    page.goto(f"{live_server.url}/laering/moduler/rediger/{module.pk}/spoergsmaal/ny/")
    assert_accessible(page, "a new question")
