from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "charlie.core"
    label = "core"
    verbose_name = _("Kerne")

    def ready(self) -> None:
        from django.contrib import admin
        from django.utils import translation

        from charlie.core import language, navigation
        from charlie.core.admin import unregister_foreign_admins

        # Every app's admin module is imported by now (autodiscover is idempotent), so tables
        # that are not Charlie configuration can be taken out (core/admin.py).
        admin.autodiscover()
        unregister_foreign_admins()

        # Cached results read the data versions once per request (core.cache).
        from django.core.signals import request_finished, request_started

        from charlie.core import cache

        request_started.connect(cache.start_request, dispatch_uid="charlie-versions-start")
        request_finished.connect(cache.end_request, dispatch_uid="charlie-versions-end")

        # The pure modules (formats, charts, rules, messages) write in the reader's language.
        language.configure(active=translation.get_language, translate=translation.gettext)

        navigation.register(
            navigation.MenuEntry(key="home", label=_("Forside"), url_name="home", order=0)
        )
        navigation.register(
            navigation.MenuEntry(
                key="tokens", group="data", label=_("API-nøgler"), url_name="core:tokens", order=90
            )
        )
