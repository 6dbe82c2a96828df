from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "charlie.people"
    label = "people"
    verbose_name = _("Medarbejdere og organisation")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from charlie.core.cache import bump
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

        def people_changed(**kwargs: object) -> None:
            bump("people")

        for model in (Person, Employment, OrgUnit, JobFamily):
            # weak=False: the receiver is a local function and would be garbage-collected.
            post_save.connect(
                people_changed, sender=model, weak=False, dispatch_uid=f"bump-{model.__name__}"
            )
            post_delete.connect(
                people_changed, sender=model, weak=False, dispatch_uid=f"bump-d-{model.__name__}"
            )

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
        # One's own data has one menu item, privacy's "Mine data" (everything held, why, and who
        # looked); the front page links to one's own person page ("Mine oplysninger").
