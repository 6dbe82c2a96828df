"""OPUS files as municipalities really send them.

The files in ``data/opus/os2mo/`` are written for Charlie in the *shape* of the files OS2mo's OPUS
integration is tested on (``integrations/opus/tests/ZLPE*_delta.xml`` in OS2mo's public
data-import-and-export repository, taken from real dumps); the values are our own and every CPR
number is made up:

- ``ZLPE20200301_delta.xml`` (a date without a time in the name): every ``<entryDate/>`` empty;
  three ``<employee>`` elements with one CPR number (one of them with other first names); a
  contract with ``workContractText`` "Annulleret"; a bare leaver Charlie never had; units with
  addresses, CVR/EAN/SE/P numbers and kinds such as "Direktion" and "Center";
- ``ZLPE20200302000000_delta.xml``: the next day — new job titles, two new units (one with no
  cost centre and no kind), leavers Charlie never had;
- ``ZLPETEST3_delta.xml``: no date in the name; employment 2002 is missing (a delta file).
"""

from __future__ import annotations

import hashlib
import io
import pathlib
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from charlie.core.roles import Role
from charlie.imports import services
from charlie.imports.models import ImportRun, ImportStatus
from charlie.imports.person_key import PersonKeyer, secret_id
from charlie.people.models import Employment, OrgUnit, Person
from charlie.people.services import access_for, operator_access
from charlie.privacy.models import AuditEntry

DATA = pathlib.Path(__file__).parent / "data" / "opus" / "os2mo"
FIRST = DATA / "ZLPE20200301_delta.xml"
SECOND = DATA / "ZLPE20200302000000_delta.xml"
UNDATED = DATA / "ZLPETEST3_delta.xml"
CPR = "0204700003"

#: The command line's caller: the operator with HR's permissions.
SYSTEM = operator_access(Role.HR)


def run(*paths, **kwargs):
    return services.run_import(SYSTEM, sources=services.sources_for(paths), **kwargs)


def counts(result):
    return {key: (c.created, c.changed, c.ended, c.unchanged) for key, c in result.summary.kinds()}


@pytest.mark.django_db
def test_empty_entry_dates_take_the_files_date_and_the_result_says_so():
    result = run(FIRST)
    assert result.ok, result.problems
    assert set(Employment.objects.values_list("start_date", flat=True)) == {date(2020, 3, 1)}
    [note] = [n for n in map(str, result.summary.notes) if "entryDate" in n]
    assert note.startswith("ZLPE20200301_delta.xml: 3 ansættelse(r) havde ingen startdato")
    assert "1. marts 2020 (fra filens navn)" in note


@pytest.mark.django_db
def test_a_cancelled_contract_is_no_running_employment():
    result = run(FIRST)
    assert not Employment.objects.filter(job_title="Annulleret").exists()
    assert not Employment.objects.filter(agreement="Annulleret").exists()
    assert not Person.objects.filter(last_name="Leret").exists()
    assert any("Annulleret" in n for n in map(str, result.summary.notes))


def _cancel(tmp_path, employee_id: str, name: str) -> pathlib.Path:
    """FIRST with one employment's contract cancelled, as a file called ``name``."""
    head, tail = FIRST.read_text(encoding="utf-8").split(f'<employee id="{employee_id}"', 1)
    tail = tail.replace(
        "<workContractText>Ansat</workContractText>",
        "<workContractText>Annulleret</workContractText>",
        1,
    )
    path = tmp_path / name
    path.write_text(f'{head}<employee id="{employee_id}"{tail}', encoding="utf-8")
    return path


@pytest.mark.django_db
def test_a_cancelled_contract_ends_the_employment_charlie_already_has(tmp_path):
    run(FIRST)
    result = run(_cancel(tmp_path, "2002", "ZLPE20200315_delta.xml"))
    assert result.ok, result.problems
    job = Employment.objects.get(source_id="2002")
    assert (job.end_date, job.end_reason) == (date(2020, 3, 15), "other")
    assert counts(result)["employments"][2] == 1


@pytest.mark.django_db
def test_several_employments_with_one_cpr_number_are_one_person_without_storing_it():
    result = run(FIRST)
    assert counts(result)["people"] == (1, 0, 0, 0)
    assert counts(result)["employments"] == (3, 0, 0, 0)
    person = Person.objects.get()
    assert person.employee_number == "2000"  # the first employment's id
    assert (person.first_name, person.birth_date, person.gender) == ("Ib", date(1970, 4, 2), "M")
    assert sorted(person.employments.values_list("source_id", flat=True)) == [
        "2000", "2001", "2002",
    ]  # fmt: skip
    assert any("lagt sammen til én person" in n for n in map(str, result.summary.notes))
    # The keyed hash is stored, never the number or a plain hash of it.
    from django.conf import settings

    keyer = PersonKeyer(settings.CHARLIE_PERSON_KEY_SECRET.encode())
    assert person.person_key == keyer.key(CPR)
    assert person.person_key.startswith(secret_id(settings.CHARLIE_PERSON_KEY_SECRET.encode()))
    for plain in (
        CPR,
        hashlib.sha256(CPR.encode()).hexdigest(),
        hashlib.md5(CPR.encode()).hexdigest(),  # noqa: S324 (what must NOT be stored)
    ):
        for row in Person.objects.values_list():
            assert not any(plain in str(value) for value in row)
    assert not AuditEntry.objects.filter(detail__contains=CPR).exists()


@pytest.mark.django_db
def test_the_next_file_finds_the_same_person_and_keeps_the_start_dates():
    run(FIRST)
    result = run(SECOND)
    assert result.ok, result.problems
    assert Person.objects.count() == 1
    assert counts(result)["people"] == (0, 0, 0, 1)
    assert counts(result)["employments"] == (0, 2, 0, 1)
    assert set(Employment.objects.values_list("start_date", flat=True)) == {date(2020, 3, 1)}
    assert Employment.objects.get(source_id="2000").job_title == "Testkonsulent"
    assert OrgUnit.objects.get(code="5").cost_center == ""
    # Leavers Charlie never had change nothing; the same file again changes nothing.
    assert run(SECOND).summary.written == 0


@pytest.mark.django_db
def test_a_file_without_a_date_in_its_name_uses_today_and_says_so():
    run(FIRST)
    result = run(UNDATED)
    assert result.ok, result.problems
    assert any(
        "dagens dato, da filens navn ikke har en dato" in n for n in map(str, result.summary.notes)
    )


@pytest.mark.django_db
def test_missing_from_a_file_ends_nothing_unless_it_is_a_complete_snapshot():
    run(FIRST)
    partial = run(UNDATED)
    assert counts(partial)["employments"][2] == 0
    assert Employment.objects.get(source_id="2002").end_date is None
    complete = run(UNDATED, snapshot=True)
    assert complete.ok and complete.written
    assert counts(complete)["employments"][2] == 1
    assert Employment.objects.get(source_id="2002").end_date is not None


def _many_open_employments(org, n: int = 40) -> None:
    from charlie.people.tests.factories import EmploymentFactory

    for _ in range(n):
        EmploymentFactory(org_unit=org.nord)


@pytest.mark.django_db
def test_a_snapshot_that_would_end_many_asks_first_and_a_dry_run_lists_them(org):
    _many_open_employments(org)
    open_before = Employment.objects.filter(end_date__isnull=True).count()
    dry = run(FIRST, snapshot=True, dry_run=True)
    assert dry.ok and dry.dry_run and dry.summary.needs_confirmation
    assert dry.summary.employments.ended == open_before
    assert len(dry.summary.ended) == open_before
    real = run(FIRST, snapshot=True)
    assert real.ok and real.needs_confirmation and not real.written
    assert Employment.objects.filter(end_date__isnull=True).count() == open_before
    assert not Person.objects.filter(employee_number="2000").exists()  # nothing saved
    confirmed = run(FIRST, snapshot=True, confirmed=True)
    assert confirmed.written
    assert Employment.objects.filter(end_date__isnull=True).count() == 3


@pytest.mark.django_db
def test_the_cli_lists_who_would_be_ended_and_needs_yes(org):
    _many_open_employments(org, 25)
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("import", "--snapshot", str(FIRST), stdout=out, stderr=io.StringIO())
    assert exit_.value.code == 2
    text = out.getvalue()
    assert "Ansættelser, der ville blive afsluttet (" in text
    assert org.person_in_nord.employee_number in text
    assert "--yes" in text
    assert Employment.objects.filter(end_date__isnull=False).count() == 0
    # Listing names is a read of personal data: audited, channel cli.
    assert AuditEntry.objects.filter(
        channel="cli", action="read", subject_person_id=org.person_in_nord.pk
    ).exists()
    out = io.StringIO()
    call_command("import", "--snapshot", "--yes", str(FIRST), stdout=out, stderr=io.StringIO())
    assert "Afsluttede (" in out.getvalue()
    assert Employment.objects.filter(end_date__isnull=True).count() == 3


@pytest.mark.django_db
def test_the_upload_page_asks_for_confirmation_in_red_and_deletes_the_files(
    org, client_as, settings, tmp_path, django_capture_on_commit_callbacks
):
    from charlie.imports.tests.test_cli_and_pages import _reset_task_backends

    settings.VAR_DIR = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    _reset_task_backends()
    try:
        _many_open_employments(org)
        client = client_as("hr")
        data = {"upload": [SimpleUploadedFile(FIRST.name, FIRST.read_bytes())], "snapshot": "on"}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("imports:upload"), data)
        run_ = ImportRun.objects.get()
        assert run_.status == ImportStatus.CONFIRM and run_.snapshot
        assert services.upload_dir(run_.pk).exists()  # kept until someone answers
        html = client.get(response.url).content.decode()
        assert "bekræft, før noget gemmes" in html
        assert 'class="table table--compact import-ending"' in html
        assert org.person_in_nord.last_name in html
        assert 'name="decision" value="yes"' in html
        with django_capture_on_commit_callbacks(execute=True):
            answer = client.post(
                reverse("imports:confirm", kwargs={"run_id": run_.pk}), {"decision": "yes"}
            )
        assert answer.status_code == 302
        run_.refresh_from_db()
        assert run_.status == ImportStatus.DONE and run_.confirmed
        assert not services.upload_dir(run_.pk).exists()
        assert Employment.objects.filter(end_date__isnull=True).count() == 3
        assert "Afsluttede ansættelser" in client.get(response.url).content.decode()
    finally:
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        _reset_task_backends()


@pytest.mark.django_db
def test_declining_deletes_the_files_and_saves_nothing(org, users, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    run_ = ImportRun.objects.create(
        user=users["hr"], file_names=[FIRST.name], status=ImportStatus.CONFIRM, snapshot=True
    )
    services.upload_dir(run_.pk).mkdir(parents=True)
    services.confirm_run(access_for(users["hr"]), run_id=run_.pk, confirm=False)
    run_.refresh_from_db()
    assert run_.status == ImportStatus.FAILED
    assert not services.upload_dir(run_.pk).exists()


@pytest.mark.django_db
def test_without_a_secret_an_opus_file_is_refused_with_the_setting_named(settings):
    settings.CHARLIE_PERSON_KEY_SECRET = ""
    result = run(FIRST)
    assert not result.ok
    [problem] = result.problems
    assert "CHARLIE_PERSON_KEY_SECRET" in str(problem.message)
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_a_new_secret_finds_people_by_the_old_one_and_re_keys_them(settings):
    settings.CHARLIE_PERSON_KEY_SECRET = "den-gamle-hemmelighed"
    run(FIRST)
    settings.CHARLIE_PERSON_KEY_SECRET = "den-nye-hemmelighed"
    settings.CHARLIE_PERSON_KEY_OLD_SECRETS = ["den-gamle-hemmelighed"]
    result = run(SECOND)
    assert result.ok, result.problems
    assert Person.objects.count() == 1
    assert Person.objects.get().person_key == PersonKeyer(b"den-nye-hemmelighed").key(CPR)
    assert any(
        "ny hemmelighed" in n or "nye hemmelighed" in n for n in map(str, result.summary.notes)
    )


@pytest.mark.django_db
def test_people_made_one_per_employment_before_are_joined(org, tmp_path):
    """Before, OPUS made a person per employment (employee number = the OPUS id). The next
    import moves the second employment to the first person."""
    from charlie.people.tests.factories import EmploymentFactory, PersonFactory

    unit = OrgUnit.objects.create(
        code="3", name="Centret", kind="afdeling", valid_from=date(1900, 1, 1)
    )
    first = PersonFactory(employee_number="2000")
    second = PersonFactory(employee_number="2001")
    EmploymentFactory(person=first, org_unit=unit, start_date=date(2019, 1, 1))
    old = EmploymentFactory(person=second, org_unit=unit, start_date=date(2019, 6, 1))
    text = FIRST.read_text(encoding="utf-8")
    text = text.replace("<entryDate/>", "<entryDate>2019-01-01</entryDate>", 1)
    text = text.replace("<entryDate/>", "<entryDate>2019-06-01</entryDate>", 1)
    path = tmp_path / FIRST.name
    path.write_text(text, encoding="utf-8")
    result = run(path)
    assert result.ok, result.problems
    old.refresh_from_db()
    assert old.person_id == first.pk and old.source_id == "2001"
    assert any("flyttet til den person" in n for n in map(str, result.summary.notes))


@pytest.mark.django_db
def test_a_leaver_imported_before_ids_ends_every_open_employment_of_that_number(org, tmp_path):
    """Employments made before they had payroll ids belong to the person whose employee number
    the OPUS id was; a bare leaver with that id ends them (and gives none of them the id)."""
    from charlie.people.tests.factories import EmploymentFactory, PersonFactory

    person = PersonFactory(employee_number="998")
    first = EmploymentFactory(person=person, start_date=date(2018, 1, 1))
    second = EmploymentFactory(person=person, start_date=date(2019, 1, 1))
    result = run(FIRST)  # <employee id="998" action="leave"/>
    assert result.ok, result.problems
    for job in (first, second):
        job.refresh_from_db()
        assert (job.end_date, job.end_reason, job.source_id) == (date(2020, 3, 1), "other", "")
