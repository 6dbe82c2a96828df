"""The HR import: upload page, a queued run that polls, and the results page (axe on each)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.helpers import E2E, assert_accessible, login, menu_link

pytestmark = E2E

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_upload_and_results(page, live_server, users, settings, tmp_path):
    from charlie.imports import services
    from charlie.imports.models import ImportRun

    settings.VAR_DIR = tmp_path
    login(page, live_server, "hr")
    menu_link(page, "Import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import")
    assert_accessible(page, "the import upload page")

    # Submitting without a file shows the error tied to the field.
    page.get_by_role("button", name="Start import").click()
    expect(page.get_by_role("alert")).to_contain_text("Vælg mindst én fil.")
    assert_accessible(page, "the upload page with an error")

    page.get_by_label("Filer").set_input_files(
        [str(EXAMPLES / n) for n in ("enheder.csv", "medarbejdere.csv", "fravaer.csv")]
    )
    page.get_by_label("Kun prøvekørsel").check()
    page.get_by_role("button", name="Start import").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("prøvekørsel")
    expect(page.locator("#import-result")).to_contain_text("Venter")
    assert_accessible(page, "a queued import")

    # The worker runs the import; the page polls (htmx) and shows the result.
    run = ImportRun.objects.get()
    services.execute_run(run_id=run.pk)
    expect(page.get_by_text("Prøvekørslen fandt ingen fejl")).to_be_visible(timeout=8_000)
    table = page.get_by_role("table", name="Det ville importen gøre")
    expect(table.get_by_role("row", name="Ansættelser 5 0 0 0")).to_be_visible()
    assert_accessible(page, "the results of a dry run")


def test_results_with_problems(page, live_server, users, settings, tmp_path):
    from charlie.imports.models import ImportRun

    run = ImportRun.objects.create(
        user=users["hr"],
        file_names=["fravaer.csv"],
        status="problems",
        problem_count=1,
        summary={"rows": {"fravaer.csv": 1}},
        problems=[
            {
                "file": "fravaer.csv",
                "row": 2,
                "column": "startdato",
                "message": "Datoen »32-13-2025« findes ikke.",
            }
        ],
    )
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}/import/{run.pk}/")
    expect(page.get_by_role("alert")).to_contain_text("1 fejl i filerne")
    problems = page.get_by_role("table", name="Alle fejl, sorteret efter fil og række")
    expect(problems).to_contain_text("Datoen »32-13-2025« findes ikke.")
    assert_accessible(page, "an import with problems")


def test_a_snapshot_that_needs_confirmation(page, live_server, users, org, settings, tmp_path):
    """The list of employments a complete snapshot would end, in red, and the confirm step."""
    from charlie.imports import services
    from charlie.imports.models import ImportRun

    settings.VAR_DIR = tmp_path
    job = org.person_in_nord.employments.get()
    run = ImportRun.objects.create(
        user=users["hr"],
        file_names=["ZLPE20250131220000_delta.xml"],
        snapshot=True,
        status="confirm",
        summary={
            "rows": {"ZLPE20250131220000_delta.xml": 12},
            "employments": {"ended": 1},
            "ended": [[job.pk, "2025-01-31"]],
            "needs_confirmation": True,
            "notes": ["ZLPE20250131220000_delta.xml: 12 ansættelse(r) havde ingen startdato."],
        },
    )
    services.upload_dir(run.pk).mkdir(parents=True)
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}/import/{run.pk}/")
    expect(page.get_by_role("alert")).to_contain_text("bekræft, før noget gemmes")
    ending = page.get_by_role("table", name="Ansættelser, importen ville afslutte")
    expect(ending).to_contain_text(org.person_in_nord.last_name)
    # Red like DKFDS's error text.
    color = ending.locator("tbody td").first.evaluate("e => getComputedStyle(e).color")
    assert color == "rgb(204, 0, 0)"
    assert_accessible(page, "an import waiting for confirmation")
    page.get_by_role("button", name="Afvis importen").click()
    expect(page.get_by_role("alert")).to_contain_text("Importen stoppede")
    assert not services.upload_dir(run.pk).exists()
