from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class AccountsConfig(AppConfig):
    """Users and roles (decision 0014): after ``people`` in the app order, so its services may
    record to the audit log and name the person an account belongs to."""

    name = "charlie.accounts"
    label = "accounts"
    verbose_name = _("Brugere og roller")

    def ready(self) -> None:
        from charlie.accounts import services, sso
        from charlie.accounts.models import RoleChange
        from charlie.core.cache import bump_on_save

        # The menu's count of pending role requests is cached until a request changes.
        bump_on_save("role_changes", RoleChange)
        from charlie.core.navigation import MenuEntry, register
        from charlie.core.roles import Role
        from charlie.people.services import access_for
        from charlie.privacy import registry as privacy

        sso.config()  # a wrong CHARLIE_OIDC_GROUP_ROLES stops the start, not a log-in

        privacy.register_category(services.CATEGORY_ACCOUNTS, _("Brugeradgang og roller"))
        privacy.register_purpose(services.PURPOSE_ACCOUNTS, _("Brugeradministration"))
        # The fixed details this app writes in the audit log, shown in the reader's language.
        privacy.register_audit_details(
            gettext_noop("konto genaktiveret"),
            gettext_noop("konto deaktiveret"),
            gettext_noop("ny adgangskode sat af administrator"),
            gettext_noop("konto oprettet (rolle employee)"),
            gettext_noop("konto oprettet (charlie bootstrap-role)"),
        )

        register(
            MenuEntry(
                key="accounts",
                group="data",
                label=_("Brugere og roller"),
                url_name="accounts:users",
                order=85,
                roles=frozenset({Role.ADMIN}),
            )
        )
        register(
            MenuEntry(
                key="role_requests",
                group="data",
                label=_("Rolleanmodninger"),
                url_name="accounts:requests",
                order=86,
                roles=frozenset({Role.HR, Role.DPO}),
                # Shown to HR and the DPO only while a request waits for their decision.
                visible=lambda user: services.pending_count_for(access_for(user)) > 0,
            )
        )
