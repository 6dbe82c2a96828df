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

        # --- part green ---
        # Green and health initiatives for everyone with a person record, HR's list of them,
        # the onboarding check-ins in figures; participation figures are cached until a
        # participation changes.
        from charlie.core.cache import bump_on_save
        from charlie.core.navigation import MenuEntry, register
        from charlie.wellbeing.models import Participation
        from charlie.wellbeing.permissions import MANAGE_INITIATIVES, READ_RESULTS
        from charlie.wellbeing.services import initiatives

        register(
            MenuEntry(
                key="wellbeing_initiatives",
                label=_("Grønne initiativer"),
                url_name="wellbeing:initiatives",
                order=19,
                visible=lambda user: getattr(user, "person", None) is not None,
            )
        )
        register(
            MenuEntry(
                key="wellbeing_initiatives_admin",
                label=_("Initiativer"),
                url_name="wellbeing:initiatives_admin",
                order=56,
                roles=MANAGE_INITIATIVES.roles,
            )
        )
        register(
            MenuEntry(
                key="wellbeing_checkins",
                label=_("Nye medarbejderes svar"),
                url_name="wellbeing:checkins",
                order=54,
                roles=READ_RESULTS.roles,
            )
        )
        privacy.register_audit_details(*initiatives.AUDIT_DETAILS)
        bump_on_save(initiatives.AREA, Participation)
