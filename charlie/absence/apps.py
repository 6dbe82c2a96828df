from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AbsenceConfig(AppConfig):
    name = "charlie.absence"
    label = "absence"
    verbose_name = _("Fravær")

    def ready(self) -> None:
        from charlie.privacy import registry as privacy

        # Absence periods: dates and types only, never a cause or diagnosis (DOMAIN.md 6.4).
        privacy.register_category("fravaer", _("Fravær"))
