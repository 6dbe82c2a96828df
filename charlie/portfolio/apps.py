from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "charlie.portfolio"
    label = "portfolio"
    verbose_name = _("Digitaliseringsportefølje")

    def ready(self) -> None:
        """Register with core and privacy, which never import the app. Each part of the app
        adds its menu entries, audit details, retention rules and "Mine data" rows below."""
        from charlie.portfolio import services
        from charlie.privacy import registry as privacy

        # The data category this app holds and its purpose (migration 0002 adds both to the
        # register: "digitalisering", and the category to "egen indsigt" and
        # "hr_administration").
        privacy.register_category(services.CATEGORY, _("Digitalisering"))
        privacy.register_purpose(services.PURPOSE, _("Digitalisering og porteføljestyring"))
        # What "Mine data" shows of it (GDPR art. 15 and 20): the parts' rows.
        privacy.register_data_provider(services.CATEGORY, services.my_data)

        # --- part team ---
        # The team pages hang under an initiative (no menu entry); their audit details, and the
        # "Mine data" rows naming the initiative a person's project team is for.
        privacy.register_audit_details(*services.team.AUDIT_DETAILS)
        services.MY_DATA_PARTS.append(services.team.my_data)
