from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "charlie.skills"
    label = "skills"
    verbose_name = _("Kompetencer")

    def ready(self) -> None:
        """Register with core and privacy, which never import the app."""
        from charlie.core.navigation import MenuEntry, register
        from charlie.privacy import registry as privacy
        from charlie.skills import services
        from charlie.skills.retention import REPLACED_ASSESSMENTS

        # The data category this app holds and its purpose (migration 0002 adds both to the
        # register: "kompetenceudvikling", and the category to "egen indsigt").
        privacy.register_category(services.CATEGORY, _("Kompetencer og udvikling"))
        privacy.register_purpose(services.PURPOSE, _("Kompetenceudvikling"))
        # What "Mine data" shows of it (GDPR art. 15 and 20).
        privacy.register_data_provider(services.CATEGORY, services.my_data)
        # Replaced assessments are deleted after N years (the DPO approves each batch).
        privacy.register_retention_rule(REPLACED_ASSESSMENTS)

        # --- Skill profiles -------------------------------------------------------------------
        register(
            MenuEntry(
                key="my_skills",
                label=_("Mine kompetencer"),
                url_name="skills:mine",
                order=14,
                visible=lambda user: getattr(user, "person", None) is not None,
            )
        )

        # --- MUS, development plans and the road map (part "mus") -------------------------------
        from charlie.core import workqueue
        from charlie.skills.permissions import MANAGE_MUS, READ_SKILL_FIGURES
        from charlie.skills.services.mus_queue import queue_items as mus_queue_items

        register(
            MenuEntry(
                key="my_mus",
                label=_("Min MUS og udvikling"),
                url_name="skills:mus_mine",
                order=15,
                visible=lambda user: getattr(user, "person", None) is not None,
            )
        )
        register(
            MenuEntry(
                key="skills_mus",
                label=_("MUS"),
                url_name="skills:mus_list",
                order=38,
                roles=MANAGE_MUS.roles,
            )
        )
        register(
            MenuEntry(
                key="skills_mus_figures",
                label=_("MUS-tal"),
                url_name="skills:mus_figures",
                order=39,
                roles=READ_SKILL_FIGURES.roles,
            )
        )
        # The coverage figures (services.mus_figures) are cached until a MUS or a plan changes.
        from charlie.core.cache import bump_on_save
        from charlie.skills.models import DevelopmentPlan, MusMeeting
        from charlie.skills.services.mus_figures import AREA as MUS_FIGURES

        bump_on_save(MUS_FIGURES, MusMeeting, DevelopmentPlan)
        # The person page: MUS state, latest talks and plans (services.mus.person_section).
        from charlie.people.overview import OverviewSection
        from charlie.people.overview import register_section as register_overview
        from charlie.skills.services.mus import person_section as mus_person_section

        register_overview(
            OverviewSection(
                key="mus",
                template="skills/mus/_person_overview.html",
                build=mus_person_section,
                order=40,
                permission=MANAGE_MUS,
            )
        )
        # The front page: MUS due or overdue (managers, HR) and one's own next MUS.
        workqueue.register("skills_mus", mus_queue_items, order=40)
