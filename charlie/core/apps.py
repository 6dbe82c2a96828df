from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "charlie.core"
    label = "core"
    verbose_name = _("Kerne")

    def ready(self) -> None:
        from charlie.core import navigation

        navigation.register(
            navigation.MenuEntry(key="home", label=_("Forside"), url_name="home", order=0)
        )
        navigation.register(
            navigation.MenuEntry(
                key="tokens", label=_("API-nøgler"), url_name="core:tokens", order=90
            )
        )
