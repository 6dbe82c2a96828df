"""Calendar feed links expire (decision 0016).

Links made before this migration get the default lifetime counted from when they were made
(180 days, ``CHARLIE_CALENDAR_FEED_DAYS``'s default); one older than that stops working at once,
and its owner makes a new one on the task page.
"""

from datetime import timedelta

from django.db import migrations, models

DEFAULT_DAYS = 180


def set_expiry(apps, schema_editor):
    TaskFeedToken = apps.get_model("absence", "TaskFeedToken")
    for token in TaskFeedToken.objects.filter(expires_at__isnull=True):
        token.expires_at = token.created_at + timedelta(days=DEFAULT_DAYS)
        token.save(update_fields=["expires_at"])


class Migration(migrations.Migration):
    dependencies = [("absence", "0008_absence_period_unique")]

    operations = [
        migrations.AddField(
            model_name="taskfeedtoken",
            name="expires_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(set_expiry, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="taskfeedtoken",
            name="expires_at",
            field=models.DateTimeField(),
        ),
    ]
