"""An absence period is unique by (person, start date, type): the key the import uses.

Periods stored twice — identical in every column but the id, as two imports running at once
used to store them — are reduced to one first. Periods that share the key but differ are
reported with their ids and the migration stops, so that someone decides which is right
(docs/decisions/0010-import-values-that-cannot-hurt.md).
"""

from django.db import migrations, models

FIELDS = ("employment_id", "end_date", "hours_per_day")


def remove_exact_duplicates(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Check foreign keys at once, so that no deferred check is pending when the same
        # transaction then alters the table.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    AbsencePeriod = apps.get_model("absence", "AbsencePeriod")
    keys = list(
        AbsencePeriod.objects.values("person_id", "start_date", "absence_type")
        .annotate(n=models.Count("id"))
        .filter(n__gt=1)
        .values_list("person_id", "start_date", "absence_type")
    )
    removed, conflicts = 0, []
    for person_id, start, kind in keys:
        rows = list(
            AbsencePeriod.objects.filter(
                person_id=person_id, start_date=start, absence_type=kind
            ).order_by("id")
        )
        kept = rows[0]
        same = [r for r in rows[1:] if all(getattr(r, f) == getattr(kept, f) for f in FIELDS)]
        if len(same) != len(rows) - 1:
            conflicts.append([r.pk for r in rows])
            continue
        AbsencePeriod.objects.filter(pk__in=[r.pk for r in same]).delete()
        removed += len(same)
    if removed:
        print(f"\n  absence: removed {removed} absence period(s) stored twice (identical copies).")
    if conflicts:
        shown = "; ".join(",".join(map(str, ids)) for ids in conflicts[:20])
        raise RuntimeError(
            f"{len(conflicts)} absence period(s) share person, type and first day but differ "
            f"(ids: {shown}{' …' if len(conflicts) > 20 else ''}). A period is known by person, "
            "type and first day, so only one may remain. Delete or correct the wrong rows "
            "(table absence_absenceperiod), then run `charlie migrate` again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("absence", "0007_register_opfoelgning"),
        ("people", "0004_person_key_and_employment_keys"),
    ]

    operations = [
        migrations.RunPython(remove_exact_duplicates, migrations.RunPython.noop, elidable=False),
        migrations.RemoveIndex(
            model_name="absenceperiod",
            name="absence_abs_person__185afa_idx",
        ),
        migrations.AddConstraint(
            model_name="absenceperiod",
            constraint=models.UniqueConstraint(
                condition=models.Q(("person__isnull", False)),
                fields=("person", "start_date", "absence_type"),
                name="absence_period_unique",
            ),
        ),
    ]
