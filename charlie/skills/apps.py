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
                group="mine",
                label=_("Mine kompetencer"),
                url_name="skills:mine",
                order=14,
                visible=lambda user: getattr(user, "person", None) is not None,
            )
        )

        # --- taxonomy part: the taxonomy and role profiles (employees reach the profiles
        # through their own pages; the menu entry is for those who plan) ---
        from charlie.core.roles import Role
        from charlie.skills.permissions import READ_TAXONOMY

        register(
            MenuEntry(
                key="skills_taxonomy",
                group="learning",
                label=_("Kompetencer og stillingsprofiler"),
                url_name="skills:taxonomy",
                order=45,
                roles=READ_TAXONOMY.roles - {Role.EMPLOYEE},
            )
        )

        # --- profiles: work queue, person overview, audit details, menu ---------------------
        from django.utils.translation import gettext_noop

        from charlie.core import workqueue
        from charlie.people.overview import OverviewSection, register_section
        from charlie.skills.permissions import CONFIRM_SKILLS, IMPORT_SKILLS, READ_SKILLS
        from charlie.skills.retention import REJECTED_PROPOSALS, REPLACED_OPT_INS
        from charlie.skills.services.common import DETAIL_CANDIDATE, DETAIL_TEAM
        from charlie.skills.services.profiles import person_section, queue_items

        # Rejected proposals and replaced opt-in answers go after a while (retention.py).
        privacy.register_retention_rule(REJECTED_PROPOSALS)
        privacy.register_retention_rule(REPLACED_OPT_INS)
        # The proposals waiting for a manager or HR, on the front page.
        workqueue.register("skills_proposals", queue_items, order=40)
        # The person overview's skills summary (scoped and audited by person_section).
        register_section(
            OverviewSection(
                key="kompetencer",
                template="skills/profiles/_person_overview.html",
                build=person_section,
                order=30,
                permission=READ_SKILLS,
            )
        )
        # The details the profile services write, read plainly in the reader's language; the
        # candidate and team details tell an employee they were proposed (issue 13, point 9).
        privacy.register_audit_details(
            DETAIL_CANDIDATE,
            DETAIL_TEAM,
            gettext_noop("mine"),
            gettext_noop("person"),
            gettext_noop("forslag"),
            gettext_noop("forslag trukket"),
            gettext_noop("niveau"),
            gettext_noop("bekræftet"),
            gettext_noop("afvist"),
            gettext_noop("oversigt"),
            gettext_noop("forside:forslag"),
            gettext_noop("tilsagn"),
            gettext_noop("tilsagn: ja"),
            gettext_noop("tilsagn: nej"),
            gettext_noop("import"),
            gettext_noop("kursus"),
        )
        register(
            MenuEntry(
                key="skills_pending",
                group="learning",
                label=_("Kompetencer til bekræftelse"),
                url_name="skills:pending",
                order=36,
                roles=CONFIRM_SKILLS.roles,
            )
        )

        # --- MUS, development plans and the road map (part "mus") -------------------------------
        from charlie.core import workqueue
        from charlie.skills.permissions import MANAGE_MUS, READ_SKILL_FIGURES
        from charlie.skills.services.mus_queue import queue_items as mus_queue_items

        register(
            MenuEntry(
                key="my_mus",
                group="mine",
                label=_("Min MUS og udvikling"),
                url_name="skills:mus_mine",
                order=15,
                visible=lambda user: getattr(user, "person", None) is not None,
            )
        )
        register(
            MenuEntry(
                key="skills_import",
                group="learning",
                label=_("Indlæs kompetencer"),
                url_name="skills:import",
                order=90,
                roles=IMPORT_SKILLS.roles,
            )
        )

        # --- analysis part: gap, coverage, candidates and teams (issue 13, points 6–8) ------

        register(
            MenuEntry(
                key="skills_analysis",
                group="learning",
                label=_("Kompetenceanalyse"),
                url_name="skills:heatmap",
                order=38,
                roles=READ_SKILL_FIGURES.roles,
            )
        )

        register(
            MenuEntry(
                key="skills_mus",
                group="learning",
                label=_("MUS"),
                url_name="skills:mus_list",
                order=38,
                roles=MANAGE_MUS.roles,
            )
        )
        register(
            MenuEntry(
                key="skills_mus_figures",
                group="learning",
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
