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

        # --- part questionnaires ---
        # HR's question banks (trivsel, APV, pulse, onboarding and the municipality's own).
        from charlie.core.navigation import MenuEntry, register
        from charlie.wellbeing.permissions import MANAGE_SURVEYS

        register(
            MenuEntry(
                key="wellbeing_questionnaires",
                group="wellbeing",
                label=_("Spørgeskemaer"),
                url_name="wellbeing:questionnaires",
                order=66,
                roles=MANAGE_SURVEYS.roles,
            )
        )

        # --- part apv ---
        from charlie.core import workqueue
        from charlie.core.navigation import MenuEntry, register
        from charlie.wellbeing import tasks_apv  # noqa: F401 (registers daily jobs)
        from charlie.wellbeing.permissions import MANAGE_APV
        from charlie.wellbeing.retention import APV_AND_ACTIONS, SURVEY_ACTIONS
        from charlie.wellbeing.services import actions as apv_actions
        from charlie.wellbeing.services import apv as apv_process

        register(
            MenuEntry(
                key="wellbeing_apv",
                group="wellbeing",
                label=_("APV"),
                url_name="wellbeing:apvs",
                order=70,
                roles=MANAGE_APV.roles,
            )
        )
        register(
            MenuEntry(
                key="wellbeing_actions",
                group="wellbeing",
                label=_("Handlingsplaner"),
                url_name="wellbeing:actions",
                order=71,
                roles=MANAGE_APV.roles,
            )
        )
        # Every employee: their own unit's action plan and written APV.
        register(
            MenuEntry(
                key="wellbeing_my_plan",
                group="mine",
                label=_("Handlingsplan og APV"),
                url_name="wellbeing:my_plan",
                order=72,
                visible=lambda user: getattr(user, "person", None) is not None,
            )
        )
        workqueue.register("wellbeing_actions", apv_actions.queue_items, order=55)
        workqueue.register("wellbeing_apv_due", apv_process.queue_items, order=57)
        privacy.register_audit_details(*apv_actions.AUDIT_DETAILS, *apv_process.AUDIT_DETAILS)
        privacy.register_retention_rule(APV_AND_ACTIONS)
        privacy.register_retention_rule(SURVEY_ACTIONS)
        from charlie.wellbeing.retention import PARTICIPATIONS

        privacy.register_retention_rule(PARTICIPATIONS)

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
                group="wellbeing",
                label=_("Grønne initiativer"),
                url_name="wellbeing:initiatives",
                order=19,
                visible=lambda user: getattr(user, "person", None) is not None,
            )
        )
        register(
            MenuEntry(
                key="wellbeing_initiatives_admin",
                group="wellbeing",
                label=_("Initiativer"),
                url_name="wellbeing:initiatives_admin",
                order=56,
                roles=MANAGE_INITIATIVES.roles,
            )
        )
        register(
            MenuEntry(
                key="wellbeing_checkins",
                group="recruitment",
                label=_("Introduktion i tal"),
                url_name="wellbeing:checkins",
                order=54,
                roles=READ_RESULTS.roles,
            )
        )
        privacy.register_audit_details(*initiatives.AUDIT_DETAILS)
        bump_on_save(initiatives.AREA, Participation)

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
                group="wellbeing",
                label=_("Trivselsmålinger"),
                url_name="wellbeing:surveys",
                order=70,
                roles=MANAGE_SURVEYS.roles,
            )
        )
        privacy.register_audit_details(*surveys.AUDIT_DETAILS)
        privacy.register_retention_rule(INVITATIONS)
        surveys.register_send_task(tasks_surveys.send_invitations_task)

        # --- part results ---
        # "Trivselsresultater" for those who read results; the review's audit details.
        from charlie.core.navigation import MenuEntry, register
        from charlie.wellbeing.permissions import READ_RESULTS
        from charlie.wellbeing.services import comments

        register(
            MenuEntry(
                key="wellbeing_results",
                group="wellbeing",
                label=_("Trivselsresultater"),
                url_name="wellbeing:results",
                order=60,
                roles=READ_RESULTS.roles,
            )
        )
        privacy.register_audit_details(*comments.AUDIT_DETAILS)
