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

        # --- Part "compliance": mandatory training ---
        from django.utils.translation import gettext_noop

        from charlie.core import workqueue
        from charlie.learning.permissions import READ_LEARNING, READ_LEARNING_FIGURES
        from charlie.learning.services import training_tasks

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
                label=_("Obligatorisk uddannelse i tal"),
                url_name="learning:figures_compliance",
                order=17,
                roles=READ_LEARNING_FIGURES.roles - READ_LEARNING.roles,
            )
        )

        # --- Part "figures": learning figures per unit, job family and year ---
        register(
            MenuEntry(
                key="learning_figures",
                label=_("Læringstal"),
                url_name="learning:figures",
                order=18,
                roles=READ_LEARNING_FIGURES.roles,
            )
        )
