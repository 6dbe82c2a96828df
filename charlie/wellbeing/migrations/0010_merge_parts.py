"""Join the parts' migrations (issue 16: each part of the app added its own beside the others)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("wellbeing", "0003_charlie_banks"),
        ("wellbeing", "0004_surveys"),
        ("wellbeing", "0006_apv_process"),
    ]

    operations: list = []
