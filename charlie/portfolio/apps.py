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

        # --- part ideas ---
        # Beacons and ideas for everyone logged in ("Mine idéer" is reached from the ideas
        # page), the audit details, and the "Mine data" rows for ideas, supports and comments.
        from charlie.core.navigation import MenuEntry, register
        from charlie.portfolio.services import ideas as portfolio_ideas

        register(
            MenuEntry(
                key="portfolio_beacons",
                label=_("Pejlemærker"),
                url_name="portfolio:beacons",
                order=24,
            )
        )
        register(
            MenuEntry(
                key="portfolio_ideas",
                label=_("Idéer og behov"),
                url_name="portfolio:ideas",
                order=25,
            )
        )
        privacy.register_audit_details(*portfolio_ideas.AUDIT_DETAILS)
        services.MY_DATA_PARTS.append(portfolio_ideas.my_data)
