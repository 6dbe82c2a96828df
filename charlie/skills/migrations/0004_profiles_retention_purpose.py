"""Add the category "kompetencer" to the purpose "hr_administration", under which privacy's
retention logs each deletion the DPO approves (``privacy.services.retention.PURPOSE``): without
it, approving a batch of replaced assessments failed (the register must list every category a
purpose touches). Part "profiles" of issue 13."""

from django.db import migrations

from charlie.privacy.migration_ops import AddCategoryToPurpose


class Migration(migrations.Migration):
    dependencies = [("skills", "0003_taxonomy_digcomp")]

    operations = [
        AddCategoryToPurpose(
            ("hr_administration",),
            "kompetencer",
            note=(
                "Kompetencer tilføjet: sletning af erstattede vurderinger, afviste forslag og "
                "tidligere svar efter opbevaringsreglerne."
            ),
        )
    ]
