from django.apps import AppConfig
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


def _corrections_label() -> str:
    """HR's menu entry for requests for correction, with the number still open."""
    from charlie.privacy.services import open_corrections_count

    count = open_corrections_count()
    if not count:
        return str(_("Rettelser"))
    return ngettext("Rettelser (%(n)d åben)", "Rettelser (%(n)d åbne)", count) % {"n": count}


class PrivacyConfig(AppConfig):
    name = "charlie.privacy"
    label = "privacy"
    verbose_name = _("Databeskyttelse")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from charlie.core.language import register_standard_texts
        from charlie.core.navigation import MenuEntry, register
        from charlie.core.roles import Role
        from charlie.privacy.batch import forget_register
        from charlie.privacy.correction_retention import HANDLED_CORRECTION_REQUESTS
        from charlie.privacy.models import Purpose
        from charlie.privacy.standard_texts import STANDARD_TEXTS

        # The register's seeded texts, shown in the reader's language until the DPO edits them.
        register_standard_texts(*STANDARD_TEXTS)
        from charlie.privacy.registry import (
            register_category,
            register_purpose,
            register_retention_rule,
        )

        # The DPO's reads of the audit log are logged too (services.audit_page, export).
        register_category("logning", _("Logning (hvem har set eller ændret oplysningerne)"))
        register_purpose("tilsyn", _("Tilsyn med databeskyttelsen"))

        # Handled requests for correction: kept as documentation, then deleted (docs/retention.md)
        register_retention_rule(HANDLED_CORRECTION_REQUESTS)
        # HR's menu counts the open requests for correction, cached until a request changes.
        from charlie.core.cache import bump_on_save
        from charlie.privacy.models import CorrectionRequest

        bump_on_save("corrections", CorrectionRequest)

        # The audit batch keeps a copy of the register; any change here drops it at once.
        post_save.connect(forget_register, sender=Purpose, dispatch_uid="forget-register")
        post_delete.connect(forget_register, sender=Purpose, dispatch_uid="forget-register-d")

        # The front page's work queue: corrections (HR, DPO), retention proposals (DPO).
        from charlie.core import workqueue
        from charlie.privacy.services.queue import queue_items

        workqueue.register("privacy", queue_items, order=30)

        register(
            MenuEntry(
                key="audit",
                group="data",
                label=_("Logning"),
                url_name="privacy:audit",
                order=60,
                roles=frozenset({Role.DPO}),
            )
        )
        register(
            MenuEntry(
                key="retention",
                group="data",
                label=_("Opbevaring og sletning"),
                url_name="privacy:retention",
                order=65,
                roles=frozenset({Role.DPO}),
            )
        )
        register(
            MenuEntry(
                key="my_data",
                group="mine",
                label=_("Mine data"),
                url_name="privacy:my_data",
                order=15,
                # Only users with a person record (privacy imports no app: no people import).
                visible=lambda user: hasattr(user, "person") and user.person is not None,
            )
        )
        register(
            MenuEntry(
                key="corrections",
                group="people",
                # Lazy: the count of open requests is taken each time the menu is drawn.
                label=lazy(_corrections_label, str)(),
                url_name="privacy:corrections",
                order=70,
                roles=frozenset({Role.HR}),
            )
        )
        register(
            MenuEntry(
                key="hr_data",
                group="data",
                label=_("Sådan bruger vi HR-data"),
                url_name="privacy:register",
                order=80,
            )
        )
