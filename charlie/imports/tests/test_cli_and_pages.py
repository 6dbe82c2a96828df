"""``charlie import`` and the HR upload and results pages."""

from __future__ import annotations

import io
import pathlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from charlie.imports import services
from charlie.imports.models import ImportRun
from charlie.people.models import Employment, OrgUnit, Person

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "docs" / "examples"
FILES = [str(EXAMPLES / n) for n in ("enheder.csv", "medarbejdere.csv", "fravaer.csv")]


def charlie_import(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("import", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_cli_imports_and_prints_the_summary():
    code, out, err = charlie_import(*FILES)
    assert code == 0
    assert "Importeret:" in out
    assert "Ansættelser" in out and "Fraværsperioder" in out
    lines = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    assert lines["Ansættelser"] == ["5", "0", "0", "0"]
    assert "fravaer.csv: 5 rækker læst i alt" in err
    assert "Batch" in err
    assert Person.objects.count() == 4


@pytest.mark.django_db
def test_cli_dry_run_writes_nothing():
    code, out, _err = charlie_import("--dry-run", *FILES)
    assert code == 0
    assert "Prøvekørsel (intet er gemt):" in out
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_cli_problems_exit_1_and_list_file_row_column(tmp_path):
    bad = tmp_path / "medarbejdere.csv"
    bad.write_text(
        pathlib.Path(FILES[1]).read_text(encoding="utf-8").replace("32,0", "halvtreds"),
        encoding="utf-8",
    )
    code, out, _err = charlie_import(FILES[0], str(bad))
    assert code == 1
    assert "medarbejdere.csv:2:ugentlige_timer: Feltet er ikke et tal." in out
    assert "halvtreds" not in out
    assert "1 problem. Intet er gemt" in out
    assert Employment.objects.count() == 0 and OrgUnit.objects.count() == 0


def test_cli_refuses_an_unknown_file_type(tmp_path):
    from django.core.management.base import CommandError

    other = tmp_path / "x.pdf"
    other.write_bytes(b"%PDF")
    with pytest.raises(CommandError, match="kan ikke importeres"):
        call_command("import", str(other))


def _reset_task_backends():
    from asgiref.local import Local
    from django.tasks import task_backends

    task_backends._settings = None  # re-read settings.TASKS
    task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture
def immediate_tasks(settings, tmp_path):
    """Tasks run at once, in the request (the worker's database backend otherwise queues them)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.VAR_DIR = tmp_path
    _reset_task_backends()
    yield tmp_path
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _reset_task_backends()


def upload(client, *names, dry_run=False, content=None):
    files = [SimpleUploadedFile(name, content or (EXAMPLES / name).read_bytes()) for name in names]
    data = {"upload": files}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(reverse("imports:upload"), data)


@pytest.mark.django_db
def test_upload_runs_the_import_and_shows_the_result(
    client_as, immediate_tasks, django_capture_on_commit_callbacks
):
    client = client_as("hr")
    people_before = Person.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "enheder.csv", "medarbejdere.csv", "fravaer.csv")
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("imports:run", kwargs={"run_id": run.pk})
    assert run.status == "done", run.problems
    assert run.summary["employments"]["created"] == 5
    assert Person.objects.count() == people_before + 4
    assert not (immediate_tasks / "imports" / str(run.pk)).exists()  # the files are deleted
    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Importen er gennemført" in html
    assert '<th scope="row">Ansættelser</th>' in html
    # htmx polling of a finished import answers 286, which stops the polling.
    partial = client.get(response.url, headers={"HX-Request": "true"})
    assert partial.status_code == 286
    assert "<html" not in partial.content.decode()


@pytest.mark.django_db
def test_upload_with_problems_lists_them(
    client_as, immediate_tasks, django_capture_on_commit_callbacks
):
    client = client_as("hr")
    bad = (
        b"medarbejdernummer;fravaerstype;startdato\n"
        b"9999;sygdom;32-01-2025\n"
        b"9999;sygdom;30-01-2025\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "fravaer.csv", content=bad, dry_run=True)
    run = ImportRun.objects.get()
    assert run.status == "problems" and run.dry_run
    assert run.problem_count == 2
    html = client.get(response.url).content.decode()
    assert "2 fejl i filerne – intet er gemt" in html
    assert "Datoen findes ikke" in html
    assert "Medarbejdernummeret i denne række findes hverken i filerne eller i Charlie." in html
    # Values from the file are never repeated.
    assert "32-01-2025" not in html and "9999" not in html


@pytest.mark.django_db
def test_upload_refuses_other_file_types(client_as):
    response = upload(client_as("hr"), "x.pdf", content=b"%PDF")
    assert response.status_code == 400
    assert "kan ikke importeres" in response.content.decode()
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
def test_a_queued_run_polls(client_as, users):
    run = ImportRun.objects.create(user=users["hr"], file_names=["a.csv"])
    html = client_as("hr").get(reverse("imports:run", kwargs={"run_id": run.pk})).content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert "Siden opdateres af sig selv" in html


@pytest.mark.django_db
def test_menu_entry_for_hr_only(client_as):
    assert 'href="/import/"' in client_as("hr").get("/").content.decode()
    assert 'href="/import/"' not in client_as("manager").get("/").content.decode()


@pytest.mark.django_db
def test_run_not_found(client_as):
    assert client_as("hr").get(reverse("imports:run", kwargs={"run_id": 999})).status_code == 404


def test_summary_rows_labels():
    rows = services.summary_rows({"units": {"created": 1}})
    assert [r["label"] for r in rows] == [
        "Enheder",
        "Medarbejdere",
        "Ansættelser",
        "Fraværsperioder",
    ]
