"""Charlie has no superusers (decision 0014): clear the flag, then forbid it.

The superuser flag granted every Django permission outside the role; since this change the
admin's tables follow the role alone, so clearing the flag takes nothing away that Charlie
uses. ``password_from_administrator`` starts false for existing accounts.
"""

import charlie.core.models
from django.db import migrations, models


def clear_superusers(apps, schema_editor):
    User = apps.get_model("core", "User")
    User.objects.filter(is_superuser=True).update(is_superuser=False)


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('core', '0003_dataversion'),
    ]

    operations = [
        migrations.AlterModelManagers(
            name='user',
            managers=[
                ('objects', charlie.core.models.CharlieUserManager()),
            ],
        ),
        migrations.AddField(
            model_name='user',
            name='password_from_administrator',
            field=models.BooleanField(default=False, help_text='Sand, indtil brugeren selv har valgt en ny adgangskode. Så længe kan brugeren ikke få rollen HR eller databeskyttelsesrådgiver.', verbose_name='adgangskode sat af en administrator'),
        ),
        migrations.AddField(
            model_name='user',
            name='password_set_by_administrator_at',
            field=models.DateTimeField(blank=True, help_text='Vises for den, der skal godkende en rolle med adgang til personoplysninger: en nylig ny adgangskode fra en administrator er grund til at spørge brugeren selv.', null=True, verbose_name='adgangskode sidst sat af en administrator'),
        ),
        migrations.RunPython(clear_superusers, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.CheckConstraint(condition=models.Q(('is_superuser', False)), name='core_user_never_superuser'),
        ),
    ]
