"""Keys for the import: a person's keyed CPR hash, an employment's payroll id, and the unique
constraints the import relies on.

Before the constraint on (person, start date) is added, employments stored twice are dealt with:
rows identical in every column but the id — what two imports running at once used to store —
are reduced to one (the absence periods pointing at a removed copy point at the one kept);
rows that share the key but differ are reported with their ids, and the migration stops, so
that someone decides which is right. See docs/decisions/0010-import-values-that-cannot-hurt.md.
"""

from collections import defaultdict

from django.conf import settings
from django.db import migrations, models

FIELDS = (
    "org_unit_id", "job_title", "job_family_id", "agreement", "weekly_hours", "end_date",
    "end_reason",
)  # fmt: skip


def remove_exact_duplicates(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Check foreign keys at once, so that no deferred check is pending when the same
        # transaction then alters the table.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    Employment = apps.get_model("people", "Employment")
    AbsencePeriod = apps.get_model("absence", "AbsencePeriod")
    keys = (
        Employment.objects.values("person_id", "start_date")
        .annotate(n=models.Count("id"))
        .filter(n__gt=1)
        .values_list("person_id", "start_date")
    )
    groups = defaultdict(list)
    for person_id, start in keys:
        for row in Employment.objects.filter(person_id=person_id, start_date=start).order_by("id"):
            groups[(person_id, start)].append(row)
    removed, conflicts = 0, []
    for rows in groups.values():
        kept = rows[0]
        same = [r for r in rows[1:] if all(getattr(r, f) == getattr(kept, f) for f in FIELDS)]
        if len(same) != len(rows) - 1:
            conflicts.append([r.pk for r in rows])
            continue
        for row in same:
            AbsencePeriod.objects.filter(employment_id=row.pk).update(employment_id=kept.pk)
            row.delete()
            removed += 1
    if removed:
        print(f"\n  people: removed {removed} employment(s) stored twice (identical copies).")
    if conflicts:
        shown = "; ".join(",".join(map(str, ids)) for ids in conflicts[:20])
        raise RuntimeError(
            f"{len(conflicts)} person(s) have two or more employments with the same start date "
            "that differ (ids per person: "
            f"{shown}{' …' if len(conflicts) > 20 else ''}). An employment is known by person and "
            "start date, so only one may remain. Delete or correct the wrong rows (table "
            "people_employment), then run `charlie migrate` again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_orgunit_code"),
        ("absence", "0007_register_opfoelgning"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(remove_exact_duplicates, migrations.RunPython.noop, elidable=False),
        migrations.AddField(
            model_name="employment",
            name="source_id",
            field=models.CharField(
                blank=True, default="", max_length=30, verbose_name="id i lønsystemet"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="person_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=80),
        ),
        migrations.AddConstraint(
            model_name="employment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("source_id", ""), _negated=True),
                fields=("source_id",),
                name="employment_source_id_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="employment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("source_id", "")),
                fields=("person", "start_date"),
                name="employment_person_start_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                condition=models.Q(("person_key", ""), _negated=True),
                fields=("person_key",),
                name="person_key_unique",
            ),
        ),
    ]
