"""The retention rule for skill assessments (docs/retention.md): an assessment that a newer one
of the same skill has replaced is deleted N years after its date, once the data protection
officer approves a batch. The current level of each skill stays while the person is employed
(people's own retention deletes the person, and with them their skills). Registered in
``apps.py``."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from charlie.privacy.registry import Applied, RetentionRule
from charlie.privacy.retention import count_by_year, cutoff
from charlie.skills.models import OptIn, SkillAssessment


def _replaced(today: date, years: int):  # type: ignore[no-untyped-def]
    newer = SkillAssessment.objects.filter(
        person_id=OuterRef("person_id"),
        skill_id=OuterRef("skill_id"),
        assessed_on__gt=OuterRef("assessed_on"),
        status="confirmed",
    )
    return SkillAssessment.objects.filter(assessed_on__lt=cutoff(today, years)).filter(
        Exists(newer)
    )


def find_replaced(today: date, years: int) -> list[int]:
    return list(_replaced(today, years).values_list("pk", flat=True))


def replaced_by_year(today: date, years: int) -> dict[int, int]:
    return count_by_year(_replaced(today, years).values_list("assessed_on", flat=True))


def delete_assessments(ids: list[int]) -> Applied:
    rows = SkillAssessment.objects.filter(pk__in=ids)
    person_ids = sorted(set(rows.values_list("person_id", flat=True)))
    count, _deleted = rows.delete()
    return Applied(count=count, person_ids=person_ids)


REPLACED_ASSESSMENTS = RetentionRule(
    code="skills_replaced_assessments",
    category="kompetencer",
    label=_("Kompetencer: erstattede vurderinger"),
    description=_(
        "En vurdering af en kompetence, som en nyere vurdering har erstattet, slettes det valgte "
        "antal år efter sin dato."
    ),
    default_years=5,
    action="delete",
    find=find_replaced,
    apply=delete_assessments,
    by_year=replaced_by_year,
)


# --- profiles: rejected proposals and the history of opt-ins ------------------------------------
# A rejected proposal is no level and nothing builds on it; the employee sees it in their history
# for a while, then it goes. An opt-in row that a newer answer replaced is kept some years, so
# the municipality can show what the employee had said when (GDPR art. 7(1): the controller must
# be able to demonstrate consent); the newest answer stays as long as the person does.


def _rejected(today: date, years: int):  # type: ignore[no-untyped-def]
    return SkillAssessment.objects.filter(status="rejected", assessed_on__lt=cutoff(today, years))


def find_rejected(today: date, years: int) -> list[int]:
    return list(_rejected(today, years).values_list("pk", flat=True))


def rejected_by_year(today: date, years: int) -> dict[int, int]:
    return count_by_year(_rejected(today, years).values_list("assessed_on", flat=True))


REJECTED_PROPOSALS = RetentionRule(
    code="skills_rejected_proposals",
    category="kompetencer",
    label=_("Kompetencer: afviste forslag"),
    description=_(
        "Et forslag til en kompetence, som lederen har afvist, slettes det valgte antal år efter "
        "sin dato. Et afvist forslag er intet niveau, og intet bygger på det."
    ),
    default_years=2,
    action="delete",
    find=find_rejected,
    apply=delete_assessments,
    by_year=rejected_by_year,
)


def _replaced_opt_ins(today: date, years: int):  # type: ignore[no-untyped-def]
    newer = OptIn.objects.filter(
        person_id=OuterRef("person_id"), kind=OuterRef("kind"), at__gt=OuterRef("at")
    )
    return OptIn.objects.filter(at__date__lt=cutoff(today, years)).filter(Exists(newer))


def find_replaced_opt_ins(today: date, years: int) -> list[int]:
    return list(_replaced_opt_ins(today, years).values_list("pk", flat=True))


def replaced_opt_ins_by_year(today: date, years: int) -> dict[int, int]:
    return count_by_year(
        d.date() for d in _replaced_opt_ins(today, years).values_list("at", flat=True)
    )


def delete_opt_ins(ids: list[int]) -> Applied:
    rows = OptIn.objects.filter(pk__in=ids)
    person_ids = sorted(set(rows.values_list("person_id", flat=True)))
    count, _deleted = rows.delete()
    return Applied(count=count, person_ids=person_ids)


REPLACED_OPT_INS = RetentionRule(
    code="skills_replaced_opt_ins",
    category="kompetencer",
    label=_("Kompetencer: tidligere svar om at blive kontaktet"),
    description=_(
        "Et ja eller nej til at høre om nye muligheder eller deltage i projekter, som et nyere "
        "svar har erstattet, slettes det valgte antal år efter, det blev givet. Det nyeste svar "
        "bevares, så længe medarbejderen er ansat."
    ),
    default_years=3,
    action="delete",
    find=find_replaced_opt_ins,
    apply=delete_opt_ins,
    by_year=replaced_opt_ins_by_year,
)
