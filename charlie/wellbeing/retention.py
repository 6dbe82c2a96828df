"""The retention rules of well-being and the working environment (docs/retention.md), registered
in ``apps.py``. The DPO approves each batch; nothing is deleted before. Each part of the app adds
its rules below."""

from __future__ import annotations

# --- part apv ---
# APVs and their action plans (docs/wellbeing-apv.md, "Opbevaring"). The APV in force must be
# at hand: arbejdsmiljøloven § 15 a, stk. 1 says it is kept available to the management, the
# employees and Arbejdstilsynet, which supervises it and may ask to see it, also after a new one
# has been made (to see what was found, and whether the action plan was followed). So an APV is
# kept until the unit's next APV is completed, and then N years (default 5: Arbejdstilsynet's
# visits look back over years, and two APV rounds of 3 years can be compared). Local policy, not
# law (DOMAIN.md 6.2); the DPO approves each batch (6.3).
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charlie.privacy.registry import Applied, RetentionRule
from charlie.privacy.retention import count_by_year, cutoff
from charlie.wellbeing.models import (
    Action,
    ActionStatus,
    Apv,
    ApvStep,
    Invitation,
    Participation,
    Survey,
    SurveyStatus,
)


def _replaced_apvs() -> list[tuple[int, date]]:
    """(APV id, the day the unit's next APV was completed) for every APV a later APV of the
    same unit (started after it) has replaced by being completed."""
    rows = Apv.objects.order_by("unit_id", "-pk").values_list(
        "pk", "unit_id", "step", "completed_on"
    )
    out: list[tuple[int, date]] = []
    unit, replaced_on = None, None
    for pk, unit_id, step, completed_on in rows:
        if unit_id != unit:
            unit, replaced_on = unit_id, None
        if replaced_on is not None:
            out.append((pk, replaced_on))
        if step == ApvStep.DONE and completed_on is not None:
            # The earliest completion of the APVs started after the ones still to come.
            replaced_on = completed_on if replaced_on is None else min(replaced_on, completed_on)
    return out


def _apvs_past(today: date, years: int) -> list[tuple[int, date]]:
    limit = cutoff(today, years)
    return [(pk, day) for pk, day in _replaced_apvs() if day < limit]


def find_apvs(today: date, years: int) -> list[int]:
    return [pk for pk, _day in _apvs_past(today, years)]


def apvs_by_year(today: date, years: int) -> dict[int, int]:
    return count_by_year(day for _pk, day in _apvs_past(today, years))


def _owners(actions: QuerySet[Action]) -> list[int]:
    from charlie.people.models import Person

    owners = actions.exclude(owner__isnull=True).values("owner_id")
    return list(Person.objects.filter(user_id__in=owners).values_list("pk", flat=True))


def delete_apvs(ids: list[int]) -> Applied:
    """The APVs with their walkthrough, problems and action plan (the action owners' people
    for the audit log)."""
    actions = Action.objects.filter(apv_id__in=ids)
    person_ids = _owners(actions)
    with transaction.atomic():
        actions.delete()
        _total, per_model = Apv.objects.filter(pk__in=ids).delete()
    return Applied(count=per_model.get(Apv._meta.label, 0), person_ids=person_ids)


APV_AND_ACTIONS = RetentionRule(
    code="wellbeing_apv",
    category="trivsel",
    label=_("Trivsel og arbejdsmiljø: APV'er og deres handlingsplaner"),
    description=_(
        "En APV slettes med tjekliste, problemer og handlingsplan det valgte antal år efter, at "
        "enhedens næste APV er afsluttet. APV'en skal være tilgængelig for ledelsen, de ansatte "
        "og Arbejdstilsynet (arbejdsmiljøloven § 15 a), som kan bede om at se den gældende og "
        "den forrige APV og om handlingsplanen blev fulgt. Standard er 5 år: kommunens egen "
        "politik, ikke et lovkrav. Den gældende APV slettes aldrig."
    ),
    default_years=5,
    action="delete",
    find=find_apvs,
    apply=delete_apvs,
    by_year=apvs_by_year,
)


def _survey_actions(today: date, years: int) -> QuerySet[Action]:
    """Actions outside an APV (from a survey's result) closed — done or dropped — more than
    ``years`` years ago."""
    return Action.objects.filter(
        apv__isnull=True,
        status__in=(ActionStatus.DONE, ActionStatus.DROPPED),
        done_on__lt=cutoff(today, years),
    )


def find_survey_actions(today: date, years: int) -> list[int]:
    return list(_survey_actions(today, years).values_list("pk", flat=True))


def survey_actions_by_year(today: date, years: int) -> dict[int, int]:
    days = _survey_actions(today, years).values_list("done_on", flat=True)
    return count_by_year(day for day in days if day is not None)


def delete_survey_actions(ids: list[int]) -> Applied:
    actions = Action.objects.filter(pk__in=ids, apv__isnull=True)
    person_ids = _owners(actions)
    count, _per_model = actions.delete()
    return Applied(count=count, person_ids=person_ids)


SURVEY_ACTIONS = RetentionRule(
    code="wellbeing_survey_actions",
    category="trivsel",
    label=_("Trivsel og arbejdsmiljø: handlinger fra målinger"),
    description=_(
        "En handling, der ikke hører til en APV (fx fra en trivselsmålings resultat), slettes "
        "det valgte antal år efter, at den blev gennemført eller opgivet. Åbne handlinger "
        "slettes ikke. Standard er 5 år, så to trivselsmålinger (mindst hvert 3. år) og deres "
        "opfølgning kan sammenlignes: kommunens egen politik, ikke et lovkrav."
    ),
    default_years=5,
    action="delete",
    find=find_survey_actions,
    apply=delete_survey_actions,
    by_year=survey_actions_by_year,
)


# --- green initiatives ---
# Who joined a green or health initiative is of use while it runs and for the figures of the
# year after; then it goes (default 2 years after the initiative ended, or after it started when
# it has no end). Local policy, not law; the DPO approves each batch.


def _participations_past(today: date, years: int) -> list[tuple[int, date]]:
    limit = cutoff(today, years)
    rows = Participation.objects.values_list("pk", "initiative__ends_on", "initiative__starts_on")
    return [(pk, ended or started) for pk, ended, started in rows if (ended or started) < limit]


def find_participations(today: date, years: int) -> list[int]:
    return [pk for pk, _day in _participations_past(today, years)]


def participations_by_year(today: date, years: int) -> dict[int, int]:
    return count_by_year(day for _pk, day in _participations_past(today, years))


def delete_participations(ids: list[int]) -> Applied:
    rows = Participation.objects.filter(pk__in=ids)
    person_ids = sorted(set(rows.values_list("person_id", flat=True)))
    count, _deleted = rows.delete()
    return Applied(count=count, person_ids=person_ids)


PARTICIPATIONS = RetentionRule(
    code="wellbeing_participations",
    category="trivsel",
    label=_("Trivsel: tilmeldinger til grønne initiativer og sundhedstilbud"),
    description=_(
        "Hvem der har tilmeldt sig et grønt initiativ eller et sundhedstilbud, slettes det "
        "valgte antal år efter, at initiativet sluttede (eller startede, hvis det ikke har en "
        "slutdato). Standard er 2 år: kommunens egen politik, ikke et lovkrav. Tallene for "
        "grupper ændres ikke bagud: de regnes af tilmeldingerne, mens de findes."
    ),
    default_years=2,
    action="delete",
    find=find_participations,
    apply=delete_participations,
    by_year=participations_by_year,
)

# --- part surveys ---
# Invitations (who was invited to a survey; after the close nothing else is left on them) are
# deleted N years after their survey closed (default 5, as the data-use register's text of
# migration 0002 says: long enough to compare a round with the next two). The answers hold no
# person and are no rule's here: they are kept with the survey.


def _closed_surveys(today: date, years: int) -> dict[int, date]:
    """Survey id → the day it closed, for the surveys closed before the rule's cut-off."""
    limit = cutoff(today, years)
    closed = Survey.objects.filter(status=SurveyStatus.CLOSED, closed_at__isnull=False)
    return {
        pk: day
        for pk, day in (
            (pk, timezone.localdate(moment)) for pk, moment in closed.values_list("pk", "closed_at")
        )
        if day < limit
    }


def find_invitations(today: date, years: int) -> list[int]:
    surveys = _closed_surveys(today, years)
    return list(Invitation.objects.filter(survey_id__in=list(surveys)).values_list("pk", flat=True))


def invitations_by_year(today: date, years: int) -> dict[int, int]:
    surveys = _closed_surveys(today, years)
    rows = Invitation.objects.filter(survey_id__in=list(surveys)).values_list(
        "survey_id", flat=True
    )
    return count_by_year(surveys[survey_id] for survey_id in rows)


def delete_invitations(ids: list[int]) -> Applied:
    """The invitations, and only those of closed surveys (an open survey still needs them)."""
    rows = Invitation.objects.filter(pk__in=ids, survey__status=SurveyStatus.CLOSED)
    person_ids = sorted(set(rows.values_list("person_id", flat=True)))
    count, _deleted = rows.delete()
    return Applied(count=count, person_ids=person_ids)


INVITATIONS = RetentionRule(
    code="wellbeing_invitations",
    category="trivsel",
    label=_("Trivsel: invitationer til målinger"),
    description=_(
        "Hvem der blev inviteret til en trivsels-, APV- eller pulsmåling, slettes det valgte "
        "antal år efter, at målingen blev lukket. Standard er 5 år, så en måling kan "
        "sammenlignes med de næste to runder. Allerede ved lukningen slettes invitationens "
        "link og oplysningen om, hvorvidt personen svarede; svarene er aldrig knyttet til "
        "nogen og hører til målingen."
    ),
    default_years=5,
    action="delete",
    find=find_invitations,
    apply=delete_invitations,
    by_year=invitations_by_year,
)
