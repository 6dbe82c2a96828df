from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WellbeingConfig(AppConfig):
    name = "charlie.wellbeing"
    label = "wellbeing"
    verbose_name = _("Trivsel og arbejdsmiljø")

    def ready(self) -> None:
        """Register with core and privacy, which never import the app."""
        from charlie.privacy import registry as privacy
        from charlie.wellbeing import services

        # The data category this app holds and its purpose (migration 0002 adds both to the
        # register: "trivsel", and the category to "egen indsigt" and "hr_administration").
        privacy.register_category(services.CATEGORY, _("Trivsel og arbejdsmiljø"))
        privacy.register_purpose(services.PURPOSE, _("Trivsel og arbejdsmiljø"))
        # What "Mine data" shows of it (GDPR art. 15 and 20): invitations, never answers.
        privacy.register_data_provider(services.CATEGORY, services.my_data)

        # --- part surveys ---
        # HR's surveys in the menu, the audit details, the retention rule for invitations, and
        # the daily job (close, pulse series, invitations, reminders).
        from charlie.core.navigation import MenuEntry, register
        from charlie.wellbeing import tasks_surveys
        from charlie.wellbeing.permissions import MANAGE_SURVEYS
        from charlie.wellbeing.retention import INVITATIONS
        from charlie.wellbeing.services import surveys

        register(
            MenuEntry(
                key="wellbeing_surveys",
                label=_("Trivselsmålinger"),
                url_name="wellbeing:surveys",
                order=70,
                roles=MANAGE_SURVEYS.roles,
            )
        )
        privacy.register_audit_details(*surveys.AUDIT_DETAILS)
        privacy.register_retention_rule(INVITATIONS)
        surveys.register_send_task(tasks_surveys.send_invitations_task)
