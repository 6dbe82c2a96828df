"""The retention rules of learning (docs/retention.md), registered in ``apps.py``; the DPO
approves each batch, and the texts agree with the register's (migration 0002):

- a quiz attempt (the answers given) is deleted N years after it was submitted (default 2).
  Whether the person passed stays in their completions;
- a completion whose validity has run out is deleted N years after ``valid_until`` (default 5).
  A completion that never expires stays while the person is employed (people's own rule
  anonymises a former employee, after which their learning record names nobody). The
  certificate of a deleted completion goes with it;
- an xAPI statement as received (its raw JSON, with the learner's e-mail address) is deleted N
  years after it arrived (default 1). A statement that became a completion lives on as that
  completion; one about an unknown person or course should have been dealt with by HR by then.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from charlie.learning.models import Attempt, Completion, XapiStatement
from charlie.privacy.registry import Applied, RetentionRule
from charlie.privacy.retention import count_by_year, cutoff


def _attempts(today: date, years: int):  # type: ignore[no-untyped-def]
    return Attempt.objects.filter(submitted_at__date__lt=cutoff(today, years))


def find_attempts(today: date, years: int) -> list[int]:
    return list(_attempts(today, years).values_list("pk", flat=True))


def attempts_by_year(today: date, years: int) -> dict[int, int]:
    return count_by_year(
        moment.date() for moment in _attempts(today, years).values_list("submitted_at", flat=True)
    )


def delete_attempts(ids: list[int]) -> Applied:
    rows = Attempt.objects.filter(pk__in=ids)
    person_ids = sorted(set(rows.values_list("person_id", flat=True)))
    count, _deleted = rows.delete()
    return Applied(count=count, person_ids=person_ids)


QUIZ_ATTEMPTS = RetentionRule(
    code="learning_quiz_attempts",
    category="uddannelse",
    label=_("Uddannelse: svar i e-læringens quiz"),
    description=_(
        "Et forsøg i en e-lærings quiz (de afgivne svar og pointene) slettes det valgte antal år "
        "efter, det blev afleveret. Om medarbejderen bestod, står fortsat i listen over "
        "gennemførte kurser."
    ),
    default_years=2,
    action="delete",
    find=find_attempts,
    apply=delete_attempts,
    by_year=attempts_by_year,
)


def _expired(today: date, years: int):  # type: ignore[no-untyped-def]
    return Completion.objects.filter(
        valid_until__isnull=False, valid_until__lt=cutoff(today, years)
    )


def find_expired(today: date, years: int) -> list[int]:
    return list(_expired(today, years).values_list("pk", flat=True))


def expired_by_year(today: date, years: int) -> dict[int, int]:
    return count_by_year(_expired(today, years).values_list("valid_until", flat=True))


def delete_completions(ids: list[int]) -> Applied:
    rows = Completion.objects.filter(pk__in=ids)
    person_ids = sorted(set(rows.values_list("person_id", flat=True)))
    count, _deleted = rows.delete()
    return Applied(count=count, person_ids=person_ids)


EXPIRED_COMPLETIONS = RetentionRule(
    code="learning_expired_completions",
    category="uddannelse",
    label=_("Uddannelse: gennemførte kurser, hvis gyldighed er udløbet"),
    description=_(
        "Et gennemført kursus, hvis gyldighed er udløbet, slettes det valgte antal år efter "
        "udløbet. Et kursus uden udløb bevares, så længe medarbejderen er ansat."
    ),
    default_years=5,
    action="delete",
    find=find_expired,
    apply=delete_completions,
    by_year=expired_by_year,
)


def _statements(today: date, years: int):  # type: ignore[no-untyped-def]
    return XapiStatement.objects.filter(received_at__date__lt=cutoff(today, years))


def find_statements(today: date, years: int) -> list[int]:
    return list(_statements(today, years).values_list("pk", flat=True))


def statements_by_year(today: date, years: int) -> dict[int, int]:
    return count_by_year(
        moment.date() for moment in _statements(today, years).values_list("received_at", flat=True)
    )


def delete_statements(ids: list[int]) -> Applied:
    """The statements go; a completion one became stays. The people named are those whose
    completion it was (an unknown person's statement names nobody in Charlie)."""
    rows = XapiStatement.objects.filter(pk__in=ids)
    person_ids = sorted(
        {pk for pk in rows.values_list("completion__person_id", flat=True) if pk is not None}
    )
    count, _deleted = rows.delete()
    return Applied(count=count, person_ids=person_ids)


XAPI_STATEMENTS = RetentionRule(
    code="learning_xapi_statements",
    category="uddannelse",
    label=_("Uddannelse: modtagne xAPI-udsagn"),
    description=_(
        "Et xAPI-udsagn fra et læringssystem, som det blev modtaget (med afsenderens "
        "e-mailadresse), slettes det valgte antal år efter, det kom. Er det blevet til et "
        "gennemført kursus, står kurset fortsat i listen."
    ),
    default_years=1,
    action="delete",
    find=find_statements,
    apply=delete_statements,
    by_year=statements_by_year,
)
