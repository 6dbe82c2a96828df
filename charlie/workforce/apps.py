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
                label=_("Arbejdsstyrkeplan"),
                url_name="workforce:plan",
                order=40,
                roles=READ_PLAN.roles,
            )
        )

        # Scenario changes are rare and small; the projection cache is keyed by the scenario's
        # version, and by the people data version for the history and today's staff.
