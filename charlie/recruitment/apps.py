from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "charlie.recruitment"
    label = "recruitment"
    verbose_name = _("Rekruttering og introduktion")

    def ready(self) -> None:
        """Register with core and privacy, which never import the app."""
        from charlie.privacy import registry as privacy
        from charlie.recruitment import services

        # The data category this app holds and its purpose (migration 0002 adds both to the
        # register: "rekruttering", and the category to "egen indsigt" and "hr_administration").
        privacy.register_category(services.CATEGORY, _("Rekruttering og introduktion"))
        privacy.register_purpose(services.PURPOSE, _("Rekruttering og introduktion"))

        # --- part adcheck ---
        from charlie.core.navigation import MenuEntry, register
        from charlie.recruitment.permissions import MANAGE_ADS

        register(
            MenuEntry(
                key="recruitment_ads",
                label=_("Jobopslag"),
                url_name="recruitment:ads",
                order=50,
                roles=MANAGE_ADS.roles,
            )
        )
