"""DigComp 2.2's 21 competences as skills (``digcomp:1.1`` …) on the DigComp scale, shipped
as data (issue 13, point 1; source: DigComp 2.2, EU Joint Research Centre 2022, JRC128415).
Idempotent: the rows of ``digcomp.skill_rows`` (as ``services.taxonomy.ensure_digcomp``), on the historical model."""

from django.db import migrations

from charlie.skills import digcomp


def load(apps, schema_editor):
    skill = apps.get_model("skills", "Skill")
    for uri, values in digcomp.skill_rows():
        skill.objects.update_or_create(uri=uri, defaults=values)


def unload(apps, schema_editor):
    """Remove the DigComp skills nobody uses (assessments and requirements keep theirs)."""
    skill = apps.get_model("skills", "Skill")
    required = apps.get_model("skills", "RoleRequirement").objects.values_list("skill_id")
    skill.objects.filter(source="digcomp", assessments__isnull=True).exclude(
        pk__in=required
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("skills", "0002_register_kompetenceudvikling")]

    operations = [migrations.RunPython(load, unload)]
