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

        # --- part benefits ---
        # Benefits realisation and the automation register (docs/portfolio-benefits.md): readers
        # of the portfolio see both; every employee sees the robots in operation without names.
        from charlie.core import workqueue
        from charlie.core.navigation import MenuEntry, register
        from charlie.portfolio.permissions import READ_PORTFOLIO
        from charlie.portfolio.services import automations as automation_services
        from charlie.portfolio.services import benefits as benefit_services

        register(
            MenuEntry(
                key="portfolio_benefits",
                label=_("Gevinstrealisering"),
                url_name="portfolio:benefits",
                order=112,
                roles=READ_PORTFOLIO.roles,
            )
        )
        register(
            MenuEntry(
                key="portfolio_automations",
                label=_("Automatiseringsregister"),
                url_name="portfolio:automations",
                order=113,
                roles=READ_PORTFOLIO.roles,
            )
        )
        register(
            MenuEntry(
                key="portfolio_automations_public",
                label=_("Robotter og AI i kommunen"),
                url_name="portfolio:automations_public",
                order=114,
            )
        )
        # The overview by stage, beacon and forvaltning, with the council report (PDF, Excel).
        register(
            MenuEntry(
                key="portfolio_overview",
                label=_("Porteføljeoverblik"),
                url_name="portfolio:overview",
                order=111,
                roles=READ_PORTFOLIO.roles,
            )
        )
        workqueue.register("portfolio_benefits", benefit_services.queue_items, order=80)
        privacy.register_audit_details(
            *benefit_services.AUDIT_DETAILS, *automation_services.AUDIT_DETAILS
        )
        services.MY_DATA_PARTS.append(benefit_services.my_data)
        services.MY_DATA_PARTS.append(automation_services.my_data)
