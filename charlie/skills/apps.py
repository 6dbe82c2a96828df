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

        # --- analysis part: gap, coverage, candidates and teams (issue 13, points 6–8) ------
        from charlie.skills.permissions import READ_SKILL_FIGURES

        register(
            MenuEntry(
                key="skills_analysis",
                label=_("Kompetenceanalyse"),
                url_name="skills:heatmap",
                order=38,
                roles=READ_SKILL_FIGURES.roles,
            )
        )
