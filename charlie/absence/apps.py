from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class AbsenceConfig(AppConfig):
    name = "charlie.absence"
    label = "absence"
    verbose_name = _("Fravær")

    def ready(self) -> None:
        from charlie.absence.kinds import CATEGORY_ABSENCE, CATEGORY_FOLLOWUP
        from charlie.absence.my_data import my_data_absence, my_data_followup
        from charlie.absence.permissions import MANAGE_TASKS, READ_ABSENCE_FIGURES
        from charlie.absence.retention import ABSENCE_PERIODS
        from charlie.privacy import registry as privacy

        # Absence periods: dates and types only, never a cause or diagnosis (DOMAIN.md 6.4).
        privacy.register_category(CATEGORY_ABSENCE, _("Fravær"))
        # Retention: absence periods are deleted N years after they ended, once the DPO approves.
        privacy.register_retention_rule(ABSENCE_PERIODS)
        # What "Mine data" shows for absence (GDPR art. 15 and 20).
        privacy.register_data_provider(CATEGORY_ABSENCE, my_data_absence)
        # Sickness follow-up (tasks, notes, § 56 agreements, retention plans) is a category of
        # its own, so "Mine data" shows everything held (migration 0007 adds it to the register).
        privacy.register_category(CATEGORY_FOLLOWUP, _("Opfølgning på sygefravær"))
        privacy.register_data_provider(CATEGORY_FOLLOWUP, my_data_followup)
        # The note of the policy version migration 0005 seeds, shown in the reader's language
        # (an HR note written later is shown as written).
        from charlie.core.language import register_standard_texts

        register_standard_texts(
            gettext_noop(
                "Standardpolitik: kontakt 1., 5. og 14. sygedag; fraværssamtale ved 3 perioder "
                "på 6 måneder eller 15 sygedage på 12 måneder."
            )
        )
        # The details this app writes in the audit log, shown in the reader's language.
        privacy.register_audit_details(
            gettext_noop("opgaver"),
            gettext_noop("opgave"),
            gettext_noop("opgave udført"),
            gettext_noop("opgave ikke relevant"),
            gettext_noop("opfølgningsnotat"),
            gettext_noop("opfølgningsnotater"),
            gettext_noop("opfølgningsopgaver"),
            gettext_noop("påmindelse"),
            gettext_noop("§ 56-aftale"),
            gettext_noop("aftaler"),
            gettext_noop("fastholdelsesplan"),
            gettext_noop("frister"),
            gettext_noop("sygemelding"),
            gettext_noop("raskmelding"),
        )

        # The person overview (people.overview): absence, follow-up tasks, § 56 agreements and
        # retention plans, scoped and audited by absence.services.person.
        from charlie.absence.services.person import person_section
        from charlie.people.overview import OverviewSection, register_section

        register_section(
            OverviewSection(
                key="fravaer",
                template="absence/_person_overview.html",
                build=person_section,
                order=20,
                permission=MANAGE_TASKS,
            )
        )

        # Cached figures (absence.services.figures) are recomputed after any saved or deleted
        # period; bulk writers (the import, retention) bump the version themselves.
        from charlie.absence.models import AbsencePeriod, FollowUpTask
        from charlie.core.cache import bump_on_save

        bump_on_save("absence", AbsencePeriod)
        # The task list's cached counts (services.tasks.task_list): after a task is saved (done,
        # not relevant); bulk writers bump "tasks" themselves. No delete signal, which would
        # make every cascade delete tasks one by one: tasks go only with their person
        # ("people") or their absence ("absence"), and the counts follow those versions too.
        bump_on_save("tasks", FollowUpTask, deletes=False)

        # The employee's own absence page (report sick / recovered): users with a person record.
        from charlie.core.navigation import MenuEntry, register

        register(
            MenuEntry(
                key="my_absence",
                group="mine",
                label=_("Mit fravær"),
                url_name="absence:my_absence",
                order=12,
                visible=lambda user: getattr(user, "person", None) is not None,
            )
        )

        # Managers' and HR's follow-up tasks (absence.views_tasks).
        register(
            MenuEntry(
                key="absence_tasks",
                group="absence",
                label=_("Opfølgning"),
                url_name="absence:tasks",
                order=35,
                roles=MANAGE_TASKS.roles,
            )
        )

        # The front page's work queue: today's and overdue tasks, who is sick, own sick report.
        from charlie.absence.services.queue import queue_items
        from charlie.core import workqueue

        workqueue.register("absence", queue_items, order=10)

        # Fraværsstatistik (absence.views_dashboard): figures only, scoped by the service.
        register(
            MenuEntry(
                key="absence_dashboard",
                group="absence",
                label=_("Fraværsstatistik"),
                url_name="absence:dashboard",
                order=37,
                roles=READ_ABSENCE_FIGURES.roles,
            )
        )
