"""The apv part's fields: why the next APV was set sooner (``next_due_reason``), when the
unit's manager was last reminded of it (``due_reminded_on``), and the walkthrough point a
problem was found at (``ApvProblem.item``). Numbered 0006 for the apv part (0003–0005 are the
other parts'); it depends only on the skeleton."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wellbeing", "0002_register_trivsel"),
    ]

    operations = [
        migrations.AddField(
            model_name="apv",
            name="due_reminded_on",
            field=models.DateField(blank=True, null=True, verbose_name="påmindet om næste APV"),
        ),
        migrations.AddField(
            model_name="apv",
            name="next_due_reason",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="grund til tidligere APV"
            ),
        ),
        migrations.AddField(
            model_name="apvproblem",
            name="item",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="problems",
                to="wellbeing.walkthroughitem",
            ),
        ),
    ]
