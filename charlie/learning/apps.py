from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "charlie.learning"
    label = "learning"
    verbose_name = _("Læring")

    def ready(self) -> None:
        """Register with core, privacy and skills, which never import the app."""
        from django.utils.translation import gettext_noop

        from charlie.core import workqueue
        from charlie.core.navigation import MenuEntry, register
        from charlie.core.roles import Role
        from charlie.learning import services
        from charlie.learning.permissions import (
            APPROVE_ENROLMENTS,
            IMPORT_COMPLETIONS,
            MANAGE_CATALOGUE,
            MANAGE_XAPI_CLIENTS,
            READ_CATALOGUE,
            READ_LEARNING,
            READ_LEARNING_FIGURES,
        )
        from charlie.learning.retention import EXPIRED_COMPLETIONS, QUIZ_ATTEMPTS, XAPI_STATEMENTS
        from charlie.learning.services import enrolments, training_tasks
        from charlie.learning.services import imports as completion_imports
        from charlie.learning.services import xapi as statements
        from charlie.learning.services.openness import my_data
        from charlie.privacy import registry as privacy
        from charlie.skills import services as skills_services

        # The data category this app holds and its purpose (migration 0002 adds both to the
        # register: "uddannelse", and the category to "egen indsigt" and "hr_administration").
        privacy.register_category(services.CATEGORY, _("Kurser og uddannelse"))
        privacy.register_purpose(services.PURPOSE, _("Kurser og uddannelse"))
        # What "Mine data" shows of it (GDPR art. 15 and 20), and when it goes (the DPO approves
        # each deletion): quiz attempts after 2 years, completions 5 years after they expired,
        # received xAPI statements after 1 year.
        privacy.register_data_provider(services.CATEGORY, my_data)
        privacy.register_retention_rule(QUIZ_ATTEMPTS)
        privacy.register_retention_rule(EXPIRED_COMPLETIONS)
        privacy.register_retention_rule(XAPI_STATEMENTS)
        register(
            MenuEntry(
                key="my_learning",
                group="mine",
                label=_("Min læring"),
                url_name="learning:mine",
                order=16,
                visible=lambda user: getattr(user, "person", None) is not None,
            )
        )

        # --- The catalogue: menu, approvals on the front page, the road map's courses -----------
        register(
            MenuEntry(
                key="learning_catalogue",
                group="learning",
                label=_("Kursuskatalog"),
                url_name="learning:catalogue",
                order=17,
                roles=READ_CATALOGUE.roles,
            )
        )
        register(
            MenuEntry(
                key="learning_approvals",
                group="learning",
                label=_("Tilmeldinger til godkendelse"),
                url_name="learning:enrolment_approvals",
                order=18,
                roles=APPROVE_ENROLMENTS.roles - {Role.EMPLOYEE},
            )
        )
        workqueue.register("learning_enrolments", enrolments.queue_items, order=45)
        privacy.register_audit_details(*enrolments.AUDIT_DETAILS)
        skills_services.register_activity_provider(services.roadmap_options)

        # --- E-learning: HR's module editor ------------------------------------------------------
        register(
            MenuEntry(
                key="learning_modules_editor",
                group="learning",
                label=_("E-læring"),
                url_name="learning:module_editor",
                order=17,
                roles=MANAGE_CATALOGUE.roles,
            )
        )
        privacy.register_audit_details(
            gettext_noop("e-læring"),
            gettext_noop("lektion læst"),
            gettext_noop("quiz afleveret"),
            gettext_noop("quiz-resultat"),
            gettext_noop("e-læring bestået"),
            gettext_noop("kursusbevis"),
        )

        # --- Mandatory training: managers' tasks on the front page, the compliance pages -------
        privacy.register_audit_details(
            gettext_noop("krav-oversigt"),
            gettext_noop("krav-eksport"),
            gettext_noop("krav"),
            gettext_noop("opgave"),
            gettext_noop("opgave lukket"),
            gettext_noop("opgaver"),
            gettext_noop("påmindelse"),
        )
        workqueue.register("learning_tasks", training_tasks.queue_items, order=45)
        register(
            MenuEntry(
                key="learning_compliance",
                group="learning",
                label=_("Obligatorisk uddannelse"),
                url_name="learning:compliance",
                order=17,
                roles=READ_LEARNING.roles,
            )
        )
        # Analysts read the figures only (HR and managers reach them from the list).
        register(
            MenuEntry(
                key="learning_compliance_figures",
                group="learning",
                label=_("Obligatorisk uddannelse i tal"),
                url_name="learning:figures_compliance",
                order=17,
                roles=READ_LEARNING_FIGURES.roles - READ_LEARNING.roles,
            )
        )

        # --- Completions from other systems: the file import and xAPI -----------------------
        privacy.register_audit_details(completion_imports.DETAIL, statements.DETAIL)
        register(
            MenuEntry(
                key="learning_import",
                group="learning",
                label=_("Indlæs gennemførte kurser"),
                url_name="learning:import_completions",
                order=47,
                roles=IMPORT_COMPLETIONS.roles,
            )
        )
        register(
            MenuEntry(
                key="learning_xapi_clients",
                group="learning",
                label=_("Læringssystemer (xAPI)"),
                url_name="learning:xapi_clients",
                order=48,
                roles=MANAGE_XAPI_CLIENTS.roles,
            )
        )

        # --- Læringstal: learning figures per unit, job family and year ---------------------
        register(
            MenuEntry(
                key="learning_figures",
                group="learning",
                label=_("Læringstal"),
                url_name="learning:figures",
                order=18,
                roles=READ_LEARNING_FIGURES.roles,
            )
        )
