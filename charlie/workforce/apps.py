from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "charlie.workforce"
    label = "workforce"
    verbose_name = _("Arbejdsstyrkeplan")

    def ready(self) -> None:
        from charlie.core.navigation import MenuEntry, register
        from charlie.core.roles import Role

        # The workforce plan: aggregates only, for HR, analysts and managers (their own units).
        register(
            MenuEntry(
                key="workforce_plan",
                label=_("Arbejdsstyrkeplan"),
                url_name="workforce:plan",
                order=40,
                roles=frozenset({Role.HR, Role.ANALYST, Role.MANAGER}),
            )
        )

        # Scenario changes are rare and small; the projection cache is keyed by the scenario's
        # version, and by the people data version for the history and today's staff.
