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
                label=_("Stillingsønsker"),
                url_name="recruitment:requisitions",
                order=30,
                roles=REQUEST_POSITIONS.roles | APPROVE_REQUISITIONS.roles,
            )
        )
        register(
            MenuEntry(
                key="recruitment_stories",
                label=_("Historier til karrieresiden"),
                url_name="recruitment:stories",
                order=32,
                roles=MANAGE_ADS.roles,
            )
        )
        workqueue.register("recruitment_requisitions", requisitions.queue_items, order=50)
