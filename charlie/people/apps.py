from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "charlie.people"
    label = "people"
    verbose_name = _("Medarbejdere og organisation")

    def ready(self) -> None:
        from charlie.core.navigation import MenuEntry, register
        from charlie.core.roles import Role

        register(
            MenuEntry(key="org", label=_("Organisation"), url_name="people:org_tree", order=20)
        )
        register(
            MenuEntry(
                key="people",
                label=_("Medarbejdere"),
                url_name="people:search",
                order=30,
                roles=frozenset({Role.MANAGER, Role.HR}),
            )
        )
        register(
            MenuEntry(
                key="me",
                label=_("Mine oplysninger"),
                url_name="people:me",
                order=10,
                visible=lambda user: hasattr(user, "person") and user.person is not None,
            )
        )
