from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "charlie.people"
    label = "people"
    verbose_name = _("Medarbejdere og organisation")

    def ready(self) -> None:
        from charlie.core.cache import bump_on_save
        from charlie.core.navigation import MenuEntry, register
        from charlie.core.roles import Role
        from charlie.people.models import Employment, JobFamily, OrgUnit, Person
        from charlie.people.retention import FORMER_EMPLOYEES
        from charlie.people.services import (
            access_of,
            correction_url,
            my_data_employments,
            my_data_stamdata,
            own_person_id,
            person_id_by_employee_number,
            person_labels,
        )
        from charlie.privacy import registry as privacy

        # What the audit log records for the people core, and how it finds names (privacy
        # imports no app; see charlie/privacy/registry.py).
        privacy.register_category("stamdata", _("Stamdata"))
        privacy.register_category("ansaettelse", _("Ansættelse"))
        privacy.register_purpose("hr_administration", _("HR-administration"))
        privacy.register_purpose("personaleledelse", _("Personaleledelse"))
        privacy.register_purpose("egen_indsigt", _("Egen indsigt"))
        privacy.register_person_resolver(
            privacy.PersonResolver(
                by_employee_number=person_id_by_employee_number,
                labels=person_labels,
                own_person_id=own_person_id,
                correction_url=correction_url,
            )
        )
        # Privacy's own views get the request's caller from people.
        privacy.register_access_provider(access_of)
        # What "Mine data" shows for each category (GDPR art. 15 and 20).
        privacy.register_data_provider("stamdata", my_data_stamdata)
        privacy.register_data_provider("ansaettelse", my_data_employments)
        # Retention: former employees are anonymised N years on, once the DPO approves.
        privacy.register_retention_rule(FORMER_EMPLOYEES)

        bump_on_save("people", Person, Employment, OrgUnit, JobFamily)

        register(
            MenuEntry(
                key="org",
                group="people",
                label=_("Organisation"),
                url_name="people:org_tree",
                order=20,
            )
        )
        register(
            MenuEntry(
                key="people",
                group="people",
                label=_("Medarbejdere"),
                url_name="people:search",
                order=30,
                roles=frozenset({Role.MANAGER, Role.HR}),
            )
        )
        # One's own data has one menu item, privacy's "Mine data" (everything held, why, and who
        # looked); the front page links to one's own person page ("Mine oplysninger").
