from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class ImportsConfig(AppConfig):
    name = "charlie.imports"
    label = "imports"
    verbose_name = _("Import")

    def ready(self) -> None:
        from charlie.core.navigation import MenuEntry, register
        from charlie.core.roles import Role
        from charlie.core.tasks import register_recovery
        from charlie.imports import services, tasks

        # The worker's task for an upload: the services enqueue it, the task calls them.
        services.register_run_task(tasks.run_import_task)
        # An import whose worker died is marked failed and its files deleted.
        register_recovery("imports", services.recover_runs)
        # The audit detail of the import's read of the employments it ended.
        from charlie.privacy import registry as privacy

        privacy.register_audit_details(gettext_noop("import: afsluttede ansættelser"))

        # HR's work queue: the last import and its warnings.
        from charlie.core import workqueue
        from charlie.imports.services.queue import queue_items

        workqueue.register("imports", queue_items, order=40)

        register(
            MenuEntry(
                key="import",
                group="people",
                label=_("Import"),
                url_name="imports:upload",
                order=75,
                roles=frozenset({Role.HR}),
            )
        )
