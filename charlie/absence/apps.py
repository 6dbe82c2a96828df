from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AbsenceConfig(AppConfig):
    name = "charlie.absence"
    label = "absence"
    verbose_name = _("Fravær")
