"""Part surveys (issue 16): reminders per survey (how many, how often) and per invitation
(how many were sent, wiped at close), and the launch check's plan on the survey (where each
unit's answers are recorded and which bands each group keeps)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('wellbeing', '0002_register_trivsel'),
    ]

    operations = [
        migrations.AddField(
            model_name='invitation',
            name='link_key',
            field=models.CharField(blank=True, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name='invitation',
            name='reminders',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='påmindelser'),
        ),
        migrations.AddField(
            model_name='survey',
            name='max_reminders',
            field=models.PositiveSmallIntegerField(default=2, verbose_name='højst antal påmindelser'),
        ),
        migrations.AddField(
            model_name='survey',
            name='plan',
            field=models.JSONField(blank=True, default=dict, verbose_name='optællingsplan'),
        ),
        migrations.AddField(
            model_name='survey',
            name='remind_every_days',
            field=models.PositiveSmallIntegerField(default=7, verbose_name='dage mellem påmindelser'),
        ),
    ]
