from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "charlie.privacy"
    label = "privacy"
    verbose_name = _("Databeskyttelse")

    def ready(self) -> None:
        from charlie.core.navigation import MenuEntry, register
        from charlie.core.roles import Role

        register(
            MenuEntry(
                key="audit",
                label=_("Logning"),
                url_name="privacy:audit",
                order=60,
                roles=frozenset({Role.DPO}),
            )
        )
        register(
            MenuEntry(
                key="my_data",
                label=_("Mine data"),
                url_name="privacy:my_data",
                order=15,
                # Only users with a person record (privacy imports no app: no people import).
                visible=lambda user: hasattr(user, "person") and user.person is not None,
            )
        )
        register(
            MenuEntry(
                key="hr_data",
                label=_("Sådan bruger vi HR-data"),
                url_name="privacy:register",
                order=80,
            )
        )
