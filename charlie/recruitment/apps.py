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

        # --- part adcheck ---
        from charlie.core.navigation import MenuEntry, register
        from charlie.recruitment.permissions import MANAGE_ADS

        register(
            MenuEntry(
                key="recruitment_ads",
                group="recruitment",
                label=_("Jobopslag"),
                url_name="recruitment:ads",
                order=50,
                roles=MANAGE_ADS.roles,
            )
        )

        # --- part onboarding ---
        from charlie.core import workqueue
        from charlie.core.navigation import MenuEntry, register
        from charlie.people.overview import OverviewSection, register_section
        from charlie.recruitment import tasks_onboarding  # noqa: F401 (registers daily jobs)
        from charlie.recruitment.permissions import (
            MANAGE_ONBOARDING,
            MANAGE_ONBOARDING_TEMPLATES,
        )
        from charlie.recruitment.services import onboarding

        register(
            MenuEntry(
                key="recruitment_onboarding",
                group="recruitment",
                label=_("Introduktionsforløb"),
                url_name="recruitment:onboarding",
                order=52,
                roles=MANAGE_ONBOARDING.roles,
            )
        )
        register(
            MenuEntry(
                key="recruitment_onboarding_templates",
                group="recruitment",
                label=_("Introduktionsskabeloner"),
                url_name="recruitment:onboarding_templates",
                order=53,
                roles=MANAGE_ONBOARDING_TEMPLATES.roles,
            )
        )
        workqueue.register("recruitment_onboarding", onboarding.queue_items, order=50)
        privacy.register_audit_details(*onboarding.AUDIT_DETAILS)
        # "Mine data": the person's own onboarding plan and check-ins (one provider per
        # category: another part that holds a person's data under "rekruttering" adds to it).
        privacy.register_data_provider(services.CATEGORY, onboarding.my_data)
        register_section(
            OverviewSection(
                key="recruitment_onboarding",
                template="recruitment/onboarding/_person_section.html",
                build=onboarding.person_overview_section,
                order=60,
                permission=MANAGE_ONBOARDING,
            )
        )

        # --- part pipeline ---
        from charlie.core.cache import bump_on_save
        from charlie.core.navigation import MenuEntry, register
        from charlie.recruitment.models import Application, StageChange
        from charlie.recruitment.permissions import MANAGE_ADS, READ_FAIRNESS
        from charlie.recruitment.services import fairness as fairness_services
        from charlie.recruitment.services import pipeline

        privacy.register_audit_details(*pipeline.AUDIT_DETAILS)
        # HR sees every round; anyone of any role who sits on a committee sees theirs ("Mine
        # ansættelsesudvalg"), so the entry is for every role and asks who the user is.
        register(
            MenuEntry(
                key="recruitment_rounds",
                group="recruitment",
                label=_("Ansættelsesforløb"),
                url_name="recruitment:rounds",
                order=30,
                visible=pipeline.sees_rounds,
            )
        )
        register(
            MenuEntry(
                key="recruitment_letter_templates",
                group="recruitment",
                label=_("Brevskabeloner"),
                url_name="recruitment:letter_templates",
                order=31,
                roles=MANAGE_ADS.roles,
            )
        )
        register(
            MenuEntry(
                key="recruitment_fairness",
                group="recruitment",
                label=_("Ligestilling i rekruttering"),
                url_name="recruitment:fairness",
                order=32,
                roles=READ_FAIRNESS.roles,
            )
        )
        # The fairness figures are cached until an application or a move changes.
        bump_on_save(fairness_services.AREA, Application, StageChange)

        # --- part applying ---
        # The retention rules (applicants not hired: 6 months after the round closed; the consent
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
                group="recruitment",
                label=_("Talentbank"),
                url_name="recruitment:talent_pool",
                order=62,
                roles=MANAGE_TALENT_POOL.roles,
            )
        )

        # --- part careers ---
        from charlie.core import workqueue
        from charlie.core.cache import bump_on_save
        from charlie.core.navigation import MenuEntry, register
        from charlie.recruitment.models import JobAd, Story
        from charlie.recruitment.permissions import (
            APPROVE_REQUISITIONS,
            MANAGE_ADS,
            REQUEST_POSITIONS,
        )
        from charlie.recruitment.services import careers, requisitions

        # The careers site's cached pages change with every saved ad and story (a bulk
        # ``update()`` sends no signal: its writer calls ``core.cache.bump`` itself).
        bump_on_save(careers.CACHE_AREA, JobAd, Story)
        register(
            MenuEntry(
                key="recruitment_requisitions",
                group="recruitment",
                label=_("Stillingsønsker"),
                url_name="recruitment:requisitions",
                order=30,
                roles=REQUEST_POSITIONS.roles | APPROVE_REQUISITIONS.roles,
            )
        )
        register(
            MenuEntry(
                key="recruitment_stories",
                group="recruitment",
                label=_("Historier til karrieresiden"),
                url_name="recruitment:stories",
                order=32,
                roles=MANAGE_ADS.roles,
            )
        )
        workqueue.register("recruitment_requisitions", requisitions.queue_items, order=50)

        # --- part gaps ---
        # Onboarding plans' retention rule: 12 months after the plan ended.
        from charlie.recruitment.retention import ONBOARDING_PLANS

        privacy.register_retention_rule(ONBOARDING_PLANS)
