from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AbsenceConfig(AppConfig):
    name = "charlie.absence"
    label = "absence"
    verbose_name = _("Fravær")

    def ready(self) -> None:
        from charlie.absence.my_data import my_data_absence
        from charlie.absence.retention import ABSENCE_PERIODS
        from charlie.privacy import registry as privacy

        # Absence periods: dates and types only, never a cause or diagnosis (DOMAIN.md 6.4).
        privacy.register_category("fravaer", _("Fravær"))
        # Retention: absence periods are deleted N years after they ended, once the DPO approves.
        privacy.register_retention_rule(ABSENCE_PERIODS)
        # What "Mine data" shows for absence (GDPR art. 15 and 20).
        privacy.register_data_provider("fravaer", my_data_absence)
