"""Seed the job families of municipal statistics (see charlie/people/job_families.py)."""

from django.db import migrations


def seed(apps, schema_editor):
    from charlie.people.job_families import JOB_FAMILIES

    JobFamily = apps.get_model("people", "JobFamily")
    for order, seed_row in enumerate(JOB_FAMILIES):
        JobFamily.objects.update_or_create(
            code=seed_row.code, defaults={"name": seed_row.name, "sort_order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
