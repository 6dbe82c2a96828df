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
                group="portfolio",
                label=_("Satser for business cases"),
                url_name="portfolio:rates",
                order=78,
                roles=MANAGE_PORTFOLIO.roles,
            )
        )

        # --- part initiatives ---
        # The portfolio's front door for everyone logged in, the part's audit details, and the
        # initiatives a person owns in "Mine data".
        from charlie.core.navigation import MenuEntry, register
        from charlie.portfolio.services import initiatives

        register(
            MenuEntry(
                key="portfolio_home",
                group="portfolio",
                label=_("Digitalisering"),
                url_name="portfolio:home",
                order=88,
            )
        )
        privacy.register_audit_details(*initiatives.AUDIT_DETAILS)
        services.MY_DATA_PARTS.append(initiatives.my_data)
        # The other parts' pages, linked from the initiative's page and the front page: a link
        # shows only where its URL exists (``services.initiatives.sections_for``/``home_links``),
        # so these names may run ahead of, or stay behind, the parts' URL modules.
        from charlie.portfolio.permissions import MANAGE_PORTFOLIO, READ_PORTFOLIO
        from charlie.portfolio.services.initiatives import (
            HomeLink,
            Section,
            register_home_link,
            register_section,
        )

        for section in (
            Section("business_case", _("Business case"), "portfolio:business_case", 10),
            Section(
                "team", _("Projekthold og kompetencer"), "portfolio:team", 20, MANAGE_PORTFOLIO
            ),
            Section(
                "benefit_new", _("Tilføj en gevinst"), "portfolio:benefit_new", 30, MANAGE_PORTFOLIO
            ),
        ):
            register_section(section)
        for link in (
            HomeLink("beacons", _("Pejlemærker"), "portfolio:beacons", 10),
            HomeLink("idea_new", _("Indsend en idé"), "portfolio:idea_new", 20, needs_person=True),
            HomeLink("my_ideas", _("Mine idéer"), "portfolio:my_ideas", 21, needs_person=True),
            HomeLink("ideas", _("Idéer fra medarbejderne"), "portfolio:ideas", 22),
            HomeLink("benefits", _("Gevinstrealisering"), "portfolio:benefits", 40, READ_PORTFOLIO),
            HomeLink(
                "automations", _("Automatiseringer"), "portfolio:automations", 41, READ_PORTFOLIO
            ),
            HomeLink(
                "automations_public", _("Robotter i drift"), "portfolio:automations_public", 42
            ),
        ):
            register_home_link(link)

        # --- part team ---
        # The team pages hang under an initiative (no menu entry); their audit details, and the
        # "Mine data" rows naming the initiative a person's project team is for.
        privacy.register_audit_details(*services.team.AUDIT_DETAILS)
        services.MY_DATA_PARTS.append(services.team.my_data)

        # --- part ideas ---
        # Beacons and ideas for everyone logged in ("Mine idéer" is reached from the ideas
        # page), the audit details, and the "Mine data" rows for ideas, supports and comments.
        from charlie.core.navigation import MenuEntry, register
        from charlie.portfolio.services import ideas as portfolio_ideas

        register(
            MenuEntry(
                key="portfolio_beacons",
                group="portfolio",
                label=_("Pejlemærker"),
                url_name="portfolio:beacons",
                order=24,
            )
        )
        register(
            MenuEntry(
                key="portfolio_ideas",
                group="portfolio",
                label=_("Idéer og behov"),
                url_name="portfolio:ideas",
                order=25,
            )
        )
        privacy.register_audit_details(*portfolio_ideas.AUDIT_DETAILS)
        services.MY_DATA_PARTS.append(portfolio_ideas.my_data)

        # --- retention ---
        # Rejected ideas go with their support and comments (default 12 months after the
        # decision; docs/retention.md).
        from charlie.portfolio.retention import REJECTED_IDEAS

        privacy.register_retention_rule(REJECTED_IDEAS)

        # --- part priorities ---
        # Criteria, scores, the prioritisation under a budget and saved scenarios: the
        # portfolio's readers (HR, managers, analysts); HR changes and saves.
        from charlie.core.navigation import MenuEntry, register
        from charlie.portfolio.permissions import READ_PORTFOLIO

        register(
            MenuEntry(
                key="portfolio_priorities",
                group="portfolio",
                label=_("Prioritering"),
                url_name="portfolio:priorities",
                order=83,
                roles=READ_PORTFOLIO.roles,
            )
        )
        from charlie.portfolio.services.initiatives import HomeLink, register_home_link

        register_home_link(
            HomeLink(
                "priorities",
                _("Prioritering og scenarier"),
                "portfolio:priorities",
                30,
                READ_PORTFOLIO,
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
                group="portfolio",
                label=_("Gevinstrealisering"),
                url_name="portfolio:benefits",
                order=112,
                roles=READ_PORTFOLIO.roles,
            )
        )
        register(
            MenuEntry(
                key="portfolio_automations",
                group="portfolio",
                label=_("Automatiseringsregister"),
                url_name="portfolio:automations",
                order=113,
                roles=READ_PORTFOLIO.roles,
            )
        )
        register(
            MenuEntry(
                key="portfolio_automations_public",
                group="portfolio",
                label=_("Robotter og AI i kommunen"),
                url_name="portfolio:automations_public",
                order=114,
            )
        )
        # The overview by stage, beacon and forvaltning, with the council report (PDF, Excel).
        register(
            MenuEntry(
                key="portfolio_overview",
                group="portfolio",
                label=_("Porteføljeoverblik"),
                url_name="portfolio:overview",
                order=111,
                roles=READ_PORTFOLIO.roles,
            )
        )
        from charlie.portfolio.services.initiatives import (
            HomeLink,
            Section,
            register_home_link,
            register_section,
        )

        register_section(Section("benefits", _("Gevinster"), "portfolio:initiative_benefits", 29))
        register_home_link(
            HomeLink("overview", _("Porteføljeoverblik"), "portfolio:overview", 39, READ_PORTFOLIO)
        )
        workqueue.register("portfolio_benefits", benefit_services.queue_items, order=80)
        privacy.register_audit_details(
            *benefit_services.AUDIT_DETAILS, *automation_services.AUDIT_DETAILS
        )
        services.MY_DATA_PARTS.append(benefit_services.my_data)
        services.MY_DATA_PARTS.append(automation_services.my_data)
