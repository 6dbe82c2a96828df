from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "charlie.workforce"
    label = "workforce"
    verbose_name = _("Arbejdsstyrkeplan")

    def ready(self) -> None:
        from charlie.core.navigation import MenuEntry, register
        from charlie.workforce.permissions import READ_PLAN

        # The workforce plan: aggregates only, for the roles that may read it (HR, analysts, and
        # managers for their own units).
        register(
            MenuEntry(
                key="workforce_plan",
                group="people",
                label=_("Arbejdsstyrkeplan"),
                url_name="workforce:plan",
                order=40,
                roles=READ_PLAN.roles,
            )
        )

        # The person overview (people.overview): pension ages and dates, HR only, audited as a
        # pension look-up (workforce.services.pension_dates).
        from charlie.people.overview import OverviewSection, register_section
        from charlie.workforce.permissions import LOOK_UP_PENSION_DATES
        from charlie.workforce.services import person_overview_section

        register_section(
            OverviewSection(
                key="pension",
                template="workforce/_person_overview.html",
                build=person_overview_section,
                order=40,
                permission=LOOK_UP_PENSION_DATES,
            )
        )

        # Scenario changes are rare and small; the projection cache is keyed by the scenario's
        # version, and by the people data version for the history and today's staff.
