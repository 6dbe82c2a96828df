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

        # --- part initiatives ---
        # The portfolio's front door for everyone logged in, the part's audit details, and the
        # initiatives a person owns in "Mine data".
        from charlie.core.navigation import MenuEntry, register
        from charlie.portfolio.services import initiatives

        register(
            MenuEntry(
                key="portfolio_home",
                label=_("Digitalisering"),
                url_name="portfolio:home",
                order=88,
            )
        )
        privacy.register_audit_details(*initiatives.AUDIT_DETAILS)
        services.MY_DATA_PARTS.append(initiatives.my_data)
