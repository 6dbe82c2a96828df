from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "charlie.learning"
    label = "learning"
    verbose_name = _("Læring")

    def ready(self) -> None:
        """Register with core, privacy and skills, which never import the app."""
        from charlie.core.navigation import MenuEntry, register
        from charlie.learning import services
        from charlie.privacy import registry as privacy

        # The data category this app holds and its purpose (migration 0002 adds both to the
        # register: "uddannelse", and the category to "egen indsigt" and "hr_administration").
        privacy.register_category(services.CATEGORY, _("Kurser og uddannelse"))
        privacy.register_purpose(services.PURPOSE, _("Kurser og uddannelse"))
        register(
            MenuEntry(
                key="my_learning",
                label=_("Min læring"),
                url_name="learning:mine",
                order=16,
                visible=lambda user: getattr(user, "person", None) is not None,
            )
        )

        # --- records: the completions file, xAPI, "Mine data", retention ---------------------
        from charlie.learning.permissions import IMPORT_COMPLETIONS, MANAGE_XAPI_CLIENTS
        from charlie.learning.retention import EXPIRED_COMPLETIONS, QUIZ_ATTEMPTS
        from charlie.learning.services import imports as completion_imports
        from charlie.learning.services import xapi as statements
        from charlie.learning.services.openness import my_data

        privacy.register_data_provider(services.CATEGORY, my_data)
        privacy.register_retention_rule(QUIZ_ATTEMPTS)
        privacy.register_retention_rule(EXPIRED_COMPLETIONS)
        privacy.register_audit_details(completion_imports.DETAIL, statements.DETAIL)
        register(
            MenuEntry(
                key="learning_import",
                label=_("Indlæs gennemførte kurser"),
                url_name="learning:import_completions",
                order=47,
                roles=IMPORT_COMPLETIONS.roles,
            )
        )
        register(
            MenuEntry(
                key="learning_xapi_clients",
                label=_("Læringssystemer (xAPI)"),
                url_name="learning:xapi_clients",
                order=48,
                roles=MANAGE_XAPI_CLIENTS.roles,
            )
        )
