"""The retention rules of recruitment (docs/recruitment-applying.md, docs/retention.md),
registered in ``apps.py``. The DPO approves each batch; nothing is deleted before (DOMAIN.md
6.3: a kommune discards only under the archive rules).

- **Applicants not hired** are deleted N calendar months after their round closed (default 6;
  the rule counts months, ``default_months``). A round closes when the ad is closed or its
  deadline has passed *and* every application in it has been decided (hired, rejected or
  withdrawn); the day it closed is the latest of the day the ad was closed (or, if it was never
  closed by hand, its deadline) and the last decision or withdrawal. Datatilsynet accepts up to
  3 years (36 months) after the process ends when the employer can justify it; "6 months" is
  local policy, not law (DOMAIN.md 6.1). Everything about the application goes: its files,
  stage changes, scores, notes, interviews, letters and test results.
- **Hired applicants' applications are kept**: they belong to the employment (onboarding and
  the personnel file, by the HR rules), so no rule here deletes them.
- **The consent log** (``ConsentEvent``: the hash of an e-mail, what was consented to, when,
  and the text's version) is kept N years after each event (default 2), as proof of consent
  after the profile itself is gone. Talent-pool profiles are not a rule here: they are deleted
  the day their consent runs out (``services.talent.expire_consents``, a daily job), because
  without consent there is no ground to keep them; a sign-up nobody confirmed goes after 7
  days by the same job.
- **Onboarding plans** are deleted N calendar months after the plan ended (default 12,
  ``default_months``), with their tasks and the new colleague's check-in answers. A plan ended
  on the later of its 90-day mark (the first working day + 90 calendar days, when the last
  check-in opens) and its last task's due date (``onboarding.plan_ended``). The employment
  itself, and the application the person was hired from, are not touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charlie.privacy.registry import Applied, RetentionRule
from charlie.privacy.retention import count_by_year, cutoff, cutoff_months
from charlie.recruitment import onboarding
from charlie.recruitment.models import (
    AdStatus,
    Application,
    ConsentEvent,
    JobAd,
    OnboardingPlan,
    Stage,
)

#: Stages that decide an application.
DECIDED = (Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN)


def _closed_rounds(today: date) -> Iterator[tuple[int, date]]:
    """(ad id, the day its round closed) for every round closed on or before ``today``."""
    ads = (
        JobAd.objects.filter(Q(status=AdStatus.CLOSED) | Q(deadline__lt=today))
        .exclude(status=AdStatus.DRAFT)
        .annotate(
            undecided=Count("applications", filter=~Q(applications__stage__in=DECIDED)),
            last_decided=Max("applications__decided_at"),
            last_withdrawn=Max("applications__withdrawn_at"),
        )
        .filter(undecided=0)
        .values_list("pk", "deadline", "closed_at", "last_decided", "last_withdrawn")
    )
    for pk, deadline, closed_at, last_decided, last_withdrawn in ads:
        # An ad HR closed before its deadline ended then; otherwise at the deadline.
        ended = timezone.localdate(closed_at) if closed_at is not None else deadline
        days = [ended] + [
            timezone.localdate(moment)
            for moment in (last_decided, last_withdrawn)
            if moment is not None
        ]
        yield pk, max(days)


def _not_hired(today: date, months: int) -> list[tuple[int, date]]:
    """(application id, the day its round closed) of the applications past the rule: closed
    more than ``months`` calendar months ago."""
    limit = cutoff_months(today, months)
    closed = {pk: day for pk, day in _closed_rounds(today) if day < limit}
    if not closed:
        return []
    rows = (
        Application.objects.filter(ad_id__in=list(closed))
        .exclude(stage=Stage.HIRED)
        .values_list("pk", "ad_id")
    )
    return [(pk, closed[ad_id]) for pk, ad_id in rows]


def find_not_hired(today: date, months: int) -> list[int]:
    return [pk for pk, _day in _not_hired(today, months)]


def not_hired_by_year(today: date, months: int) -> dict[int, int]:
    return count_by_year(day for _pk, day in _not_hired(today, months))


def delete_applications(ids: list[int]) -> Applied:
    """The applications and everything about them (cascade). Applicants have no person
    record, so the audit entries name no person."""
    _total, per_model = Application.objects.filter(pk__in=ids).exclude(stage=Stage.HIRED).delete()
    return Applied(count=per_model.get(Application._meta.label, 0), person_ids=[])


APPLICANTS_NOT_HIRED = RetentionRule(
    code="recruitment_applicants_not_hired",
    category="rekruttering",
    label=_("Rekruttering: ansøgere, der ikke blev ansat"),
    description=_(
        "En ansøgning, der ikke førte til ansættelse, slettes med filer, vurderinger, noter, "
        "samtaler og breve det valgte antal måneder efter, at ansættelsesforløbet blev "
        "afsluttet (stillingen er lukket eller fristen er overskredet, og alle ansøgninger er "
        "afgjort). Standard er 6 måneder, kommunens egen politik; Datatilsynet accepterer op "
        "til 3 år (36 måneder), hvis perioden kan begrundes. Ansøgere kan selv slette deres "
        "ansøgning når som helst. Ansattes ansøgninger hører til ansættelsen og slettes ikke her."
    ),
    default_months=6,
    action="delete",
    find=find_not_hired,
    apply=delete_applications,
    by_year=not_hired_by_year,
)


def _events(today: date, years: int):  # type: ignore[no-untyped-def]
    return ConsentEvent.objects.filter(at__date__lt=cutoff(today, years))


def find_consent_events(today: date, years: int) -> list[int]:
    return list(_events(today, years).values_list("pk", flat=True))


def consent_events_by_year(today: date, years: int) -> dict[int, int]:
    return count_by_year(
        moment.date() for moment in _events(today, years).values_list("at", flat=True)
    )


def delete_consent_events(ids: list[int]) -> Applied:
    count, _deleted = ConsentEvent.objects.filter(pk__in=ids).delete()
    return Applied(count=count, person_ids=[])


CONSENT_LOG = RetentionRule(
    code="recruitment_consent_log",
    category="rekruttering",
    label=_("Rekruttering: loggen over samtykker"),
    description=_(
        "Loggen over samtykker (talentbank og ansøgninger: hvornår et samtykke blev givet, "
        "fornyet, trukket tilbage eller udløb, og hvilken tekst det gjaldt – uden navn, kun en "
        "kode for e-mailadressen) slettes det valgte antal år efter hver hændelse. Den "
        "dokumenterer samtykket, også efter at profilen er slettet."
    ),
    default_years=2,
    action="delete",
    find=find_consent_events,
    apply=delete_consent_events,
    by_year=consent_events_by_year,
)


# --- Onboarding plans -----------------------------------------------------------------------

#: Plans deleted per query (SQLite limits a query's parameters).
CHUNK = 500


def _ended_plans(today: date, months: int) -> list[tuple[int, int | None, date]]:
    """(plan id, person id, the day the plan ended) of the plans past the rule: ended more than
    ``months`` calendar months before ``today`` (``onboarding.plan_ended``). A plan ended before
    the cutoff exactly when both its 90-day mark and its last task's due date lie before it,
    so the database does the finding."""
    limit = cutoff_months(today, months)
    rows = (
        OnboardingPlan.objects.filter(start_on__lt=limit - timedelta(days=onboarding.PLAN_DAYS))
        .annotate(last_due=Max("tasks__due_on"))
        .filter(Q(last_due__isnull=True) | Q(last_due__lt=limit))
        .values_list("pk", "person_id", "start_on", "last_due")
    )
    return [
        (pk, person_id, onboarding.plan_ended(start, last_due))
        for pk, person_id, start, last_due in rows
    ]


def find_ended_plans(today: date, months: int) -> list[int]:
    return [pk for pk, _person, _day in _ended_plans(today, months)]


def ended_plans_by_year(today: date, months: int) -> dict[int, int]:
    return count_by_year(day for _pk, _person, day in _ended_plans(today, months))


def delete_plans(ids: list[int]) -> Applied:
    """The plans with their tasks and check-ins (cascade), a few hundred at a time. The people
    the linked plans belonged to get an audit entry each (the engine writes them)."""
    count = 0
    people: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        plans = OnboardingPlan.objects.filter(pk__in=ids[start : start + CHUNK])
        people.update(pk for pk in plans.values_list("person_id", flat=True) if pk is not None)
        _total, per_model = plans.delete()
        count += per_model.get(OnboardingPlan._meta.label, 0)
    return Applied(count=count, person_ids=sorted(people))


ONBOARDING_PLANS = RetentionRule(
    code="recruitment_onboarding_plans",
    category="rekruttering",
    label=_("Introduktion: forløb, opgaver og svar på opfølgningen"),
    description=_(
        "Et introduktionsforløb slettes det valgte antal måneder efter, at det sluttede: den "
        "seneste af 90-dagesdagen (første arbejdsdag + 90 kalenderdage, hvor den sidste "
        "opfølgning åbner) og fristen for forløbets sidste opgave. Med forløbet går den nye "
        "medarbejders navn og e-mail, stilling, enhed, første arbejdsdag, leder, mentor og "
        "velkomsttekst, alle opgaverne med frister og hvem der udførte dem hvornår, og den nye "
        "medarbejders svar på opfølgningsspørgsmålene efter 30 og 90 dage. Svarene er en "
        "navngiven persons egne meninger om sin modtagelse, sin leder og sin introduktion; de "
        "skal bruges til at gøre starten bedre, ikke gemmes i personalesagen. Standard er 12 "
        "måneder: nok til at lederen og HR kan følge op på svarene og sammenligne med næste års "
        "nye kolleger. Ansættelsen selv, selve ansættelsesbeviset (i personalesagen) og den "
        "ansøgning, personen blev ansat fra, slettes ikke her."
    ),
    default_months=12,
    action="delete",
    find=find_ended_plans,
    apply=delete_plans,
    by_year=ended_plans_by_year,
)
