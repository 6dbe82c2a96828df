"""The questionnaires part (issue 16, point 1): English help texts on questions, and Charlie's own
question banks — trivselsmåling, APV, pulse and the onboarding check-in, written for Charlie —
seeded from ``charlie/wellbeing/banks/*.json`` (the format the import reads, ``bank.py``).

``get_or_create`` by code: a bank that is already there (a municipality may have edited it, or
made new versions) is left exactly as it is."""

from django.db import migrations, models


def seed(apps, schema_editor):
    from charlie.wellbeing import bank

    Questionnaire = apps.get_model("wellbeing", "Questionnaire")
    Version = apps.get_model("wellbeing", "QuestionnaireVersion")
    Dimension = apps.get_model("wellbeing", "Dimension")
    Question = apps.get_model("wellbeing", "Question")
    for spec in bank.charlie_banks():
        row = spec.questionnaire_row()
        questionnaire, created = Questionnaire.objects.get_or_create(
            code=row.pop("code"), defaults=row
        )
        if not created:
            continue
        version = Version.objects.create(questionnaire=questionnaire, number=1, note=spec.note)
        dimensions = {
            d["code"]: Dimension.objects.create(version=version, **d)
            for d in spec.dimension_rows()
        }
        Question.objects.bulk_create(
            Question(version=version, dimension=dimensions.get(code), **fields)
            for code, fields in spec.question_rows()
        )


class Migration(migrations.Migration):
    dependencies = [("wellbeing", "0002_register_trivsel")]

    operations = [
        migrations.AddField(
            model_name="question",
            name="help_text_en",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="hjælpetekst (engelsk)"
            ),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
