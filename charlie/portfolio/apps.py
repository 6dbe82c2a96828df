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

        # --- part cases ---
        # HR's rates for every business case (the figures hang off each initiative's page).
        from charlie.core.navigation import MenuEntry, register
        from charlie.portfolio.permissions import MANAGE_PORTFOLIO

        register(
            MenuEntry(
                key="portfolio_rates",
                label=_("Satser for business cases"),
                url_name="portfolio:rates",
                order=78,
                roles=MANAGE_PORTFOLIO.roles,
            )
        )
