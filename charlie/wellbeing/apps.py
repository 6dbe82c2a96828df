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

        # --- part results ---
        # "Trivselsresultater" for those who read results; the review's audit details.
        from charlie.core.navigation import MenuEntry, register
        from charlie.wellbeing.permissions import READ_RESULTS
        from charlie.wellbeing.services import comments

        register(
            MenuEntry(
                key="wellbeing_results",
                label=_("Trivselsresultater"),
                url_name="wellbeing:results",
                order=60,
                roles=READ_RESULTS.roles,
            )
        )
        privacy.register_audit_details(*comments.AUDIT_DETAILS)
