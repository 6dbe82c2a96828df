"""The retention rule for former employees (docs/retention.md).

A person with no open employment whose last employment ended more than N years ago (default 5)
is anonymised, not deleted: the employments stay, so headcount, attrition and the workforce plan
keep their history. Name, contact details and the link to a user account go (the account is
deactivated and loses name and e-mail; its user name stays for the audit log); the employee
number becomes ``ANON-<id>``; the birth date becomes 1 January of the birth year (age statistics
still work); legal gender stays.

The period is local policy, not law (DOMAIN.md 6.2), and nothing happens until the DPO approves
a batch (6.3). Registered with privacy in ``PeopleConfig.ready``.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import CharField, Count, Max, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from charlie.core.cache import bump
from charlie.people.models import Person
from charlie.privacy.registry import Applied, RetentionRule
from charlie.privacy.retention import count_by_year, cutoff

ANONYMISED_NAME = "Anonymiseret"
ANONYMISED_PREFIX = "ANON-"
CHUNK = 500


def _past(today: date, years: int) -> QuerySet[Person]:
    """Former employees whose last employment ended before the cut-off, not yet anonymised."""
    return (
        Person.objects.exclude(
            first_name=ANONYMISED_NAME, employee_number__startswith=ANONYMISED_PREFIX
        )
        .annotate(
            last_end=Max("employments__end_date"),
            open_employments=Count("employments", filter=Q(employments__end_date__isnull=True)),
        )
        # A person with no employment at all has no last end date (NULL) and is never found.
        .filter(open_employments=0, last_end__lt=cutoff(today, years))
    )


def find_former_employees(today: date, years: int) -> list[int]:
    return list(_past(today, years).values_list("pk", flat=True))


def former_employees_by_year(today: date, years: int) -> dict[int, int]:
    # django-stubs does not see the annotation.
    ends = _past(today, years).values_list("last_end", flat=True)  # type: ignore[misc]
    return count_by_year(ends)


def anonymise(ids: list[int]) -> Applied:
    """Anonymise these people; returns how many, and their ids (for the audit log).

    Set-based updates (a few queries per chunk of ids, not one per person): fast at the scale
    of a first run on years of history.
    """
    done: list[int] = []
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            chunk = Person.objects.filter(pk__in=ids[start : start + CHUNK])
            pks = list(chunk.values_list("pk", flat=True))
            if not pks:
                continue
            done.extend(pks)
            people = Person.objects.filter(pk__in=pks)
            # Their user accounts can no longer log in and lose name and e-mail; the user name
            # stays, since the audit log names actors by it.
            get_user_model().objects.filter(person__in=pks).update(
                is_active=False, first_name="", last_name="", email=""
            )
            for year in set(people.values_list("birth_date__year", flat=True)):
                people.filter(birth_date__year=year).update(birth_date=date(year, 1, 1))
            people.update(
                first_name=ANONYMISED_NAME,
                last_name="",
                email="",
                phone="",
                user=None,
                employee_number=Concat(
                    Value(ANONYMISED_PREFIX), Cast("pk", output_field=CharField())
                ),
            )
        if done:
            bump("people")  # update() sends no signals
    return Applied(count=len(done), person_ids=sorted(done))


FORMER_EMPLOYEES = RetentionRule(
    code="tidligere_medarbejdere",
    category="stamdata",
    label=_("Tidligere medarbejdere"),
    description=_(
        "Stamdata om en person uden aktiv ansættelse anonymiseres, når den sidste ansættelse "
        "sluttede for mere end det valgte antal år siden. Der er ingen fast lovbestemt frist: "
        "oplysningerne må gemmes, så længe der er et administrativt eller retligt behov (fx "
        "løn- og pensionskrav, arbejdsskader, forældelse, skatteregler). 5 år er almindelig "
        "praksis, ikke et krav fra Datatilsynet. Ansættelserne bevares uden navn, så "
        "statistikken holder."
    ),
    default_years=5,
    action="anonymise",
    find=find_former_employees,
    apply=anonymise,
    by_year=former_employees_by_year,
)
