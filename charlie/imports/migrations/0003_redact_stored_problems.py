"""Problems stored by older versions could quote a cell (»…« er ikke en e-mailadresse), and a cell
can hold a CPR number. Replace any CPR number in stored problems and file names with the marker
of ``charlie.core.cpr.redact_cpr``, and keep at most 1,000 problems per run (the total stays in
``problem_count``)."""

from django.db import migrations

STORED_PROBLEMS = 1_000


def redact(apps, schema_editor):
    from charlie.core.cpr import redact_cpr

    ImportRun = apps.get_model("imports", "ImportRun")
    for run in ImportRun.objects.all().iterator(chunk_size=100):
        problems = [
            {**p, "message": redact_cpr(str(p.get("message", ""))),
             "file": redact_cpr(str(p.get("file") or ""))}
            for p in (run.problems or [])[:STORED_PROBLEMS]
        ]  # fmt: skip
        names = [redact_cpr(str(n)) for n in run.file_names or []]
        if problems != run.problems or names != run.file_names:
            run.problems, run.file_names = problems, names
            run.save(update_fields=["problems", "file_names"])


class Migration(migrations.Migration):
    dependencies = [("imports", "0002_run_snapshot_confirm_and_worker")]

    operations = [migrations.RunPython(redact, migrations.RunPython.noop)]
