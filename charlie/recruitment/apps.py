from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "charlie.recruitment"
    label = "recruitment"
    verbose_name = _("Rekruttering og introduktion")

    def ready(self) -> None:
        """Register with core and privacy, which never import the app."""
        from charlie.privacy import registry as privacy
        from charlie.recruitment import services

        # The data category this app holds and its purpose (migration 0002 adds both to the
        # register: "rekruttering", and the category to "egen indsigt" and "hr_administration").
        privacy.register_category(services.CATEGORY, _("Rekruttering og introduktion"))
        privacy.register_purpose(services.PURPOSE, _("Rekruttering og introduktion"))

        # --- part applying ---
        # The retention rules (applicants not hired: 1 year after the round closed; the consent
        # log: 2 years after each event), the audit details, and HR's talent pool in the menu.
        from charlie.core.navigation import MenuEntry, register
        from charlie.recruitment.permissions import MANAGE_TALENT_POOL
        from charlie.recruitment.retention import APPLICANTS_NOT_HIRED, CONSENT_LOG
        from charlie.recruitment.services import applying, talent

        privacy.register_retention_rule(APPLICANTS_NOT_HIRED)
        privacy.register_retention_rule(CONSENT_LOG)
        privacy.register_audit_details(*applying.AUDIT_DETAILS, *talent.AUDIT_DETAILS)
        register(
            MenuEntry(
                key="recruitment_talent_pool",
                label=_("Talentbank"),
                url_name="recruitment:talent_pool",
                order=62,
                roles=MANAGE_TALENT_POOL.roles,
            )
        )
