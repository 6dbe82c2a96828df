"""Employee self-service for absence: report sick, report recovered, own history and the
follow-up steps that concern the employee.

Every function here acts on the *caller's own* person record (``Access.person_id``): there is no
person id to pass, so nobody can report for someone else. A caller without a person record gets
``NoPerson`` (the page shows a friendly text).

Audit (``Access.record``): a report is a ``create`` (sick) or ``update`` (recovered) of category
``fravaer`` with purpose ``egen_indsigt`` on the caller's channel; the history page is a
``read`` of the same category and purpose. Writes bump
the cache area ``absence`` and, after the commit, e-mail the person's manager(s) name and dates
only (:func:`notify_managers`).

Only dates and the type are stored; never a diagnosis or cause (DESIGN.md principle 7).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from charlie.absence.kinds import CATEGORY_ABSENCE, SICKNESS_TYPES
from charlie.absence.models import AbsencePeriod, AbsenceType
from charlie.absence.permissions import MANAGE_TASKS
from charlie.absence.rules import Code, Obligation
from charlie.absence.services.followup import deadlines
from charlie.absence.services.tasks import refresh_now
from charlie.core.cache import bump
from charlie.core.errors import ValidationFailed
from charlie.core.formats import format_date, format_number, parse_number
from charlie.core.messages import Message
from charlie.people import services as people
from charlie.people.models import Employment, OrgUnit, Person
from charlie.privacy.access import Access
from charlie.privacy.models import Action

logger = logging.getLogger(__name__)

#: How far back a sick report may start (the employee reports on the day, or soon after).
MAX_DAYS_BACK = 14
#: "Det sker nu" also shows a sickness spell that ended at most this many days ago.
RECENT_DAYS = 14
#: Full time is 37 hours over 5 days: the daily hours of an employment are weekly hours ÷ 5.
WORKING_DAYS_PER_WEEK = 5

#: What each absence type means for the statistics and the follow-up, in plain Danish. Kept in
#: line with ``stats.DEFAULT_CLASSIFICATION`` (sickness / child's sickness / leave / work) and
#: ``kinds.SICKNESS_TYPES`` (the types the sygedagpengelov follow-up applies to).
ABSENCE_TYPE_HELP: dict[str, Any] = {
    AbsenceType.SICKNESS: gettext_lazy(
        "Du er syg hele dagen. Tæller med i sygefraværsprocenten, og "
        "sygefraværsopfølgningen gælder (kontakt fra din leder, sygefraværssamtale)."
    ),
    AbsenceType.PARTIAL_SICKNESS: gettext_lazy(
        "Du er syg en del af dagen og arbejder resten. Kun timerne med fravær tæller med i "
        "sygefraværsprocenten; sygefraværsopfølgningen gælder som ved egen sygdom."
    ),
    AbsenceType.WORK_INJURY: gettext_lazy(
        "Fravær på grund af en arbejdsskade. Tælles som arbejdsskade for sig og indgår "
        "sammen med egen sygdom i sygefravær i statistikken, og sygefraværsopfølgningen gælder."
    ),
    AbsenceType.CHILD_SICK: gettext_lazy(
        "Fri med løn på dit barns 1. og 2. sygedag. Tælles som fravær for sig (barns sygdom), "
        "ikke i din egen sygefraværsprocent, og der er ingen sygefraværsopfølgning."
    ),
    AbsenceType.CHILD_HOSPITAL: gettext_lazy(
        "Fravær, mens dit barn er indlagt på hospitalet. Tælles som barns sygdom, ikke i din "
        "egen sygefraværsprocent, og der er ingen sygefraværsopfølgning."
    ),
    AbsenceType.CARE_DAY: gettext_lazy(
        "Aftalte frie dage med løn til samvær med børn. Tæller som fri ligesom ferie: ikke i "
        "sygefraværsstatistikken."
    ),
    AbsenceType.SENIOR_DAY: gettext_lazy(
        "Aftalte frie dage for seniorer. Tæller som fri ligesom ferie: ikke i "
        "sygefraværsstatistikken."
    ),
    AbsenceType.HOLIDAY: gettext_lazy(
        "Ferie. Tæller som fri: ikke i sygefraværsstatistikken (dagene tælles hverken som "
        "arbejde eller sygdom)."
    ),
    AbsenceType.SIXTH_HOLIDAY_WEEK: gettext_lazy(
        "Den 6. ferieuge. Tæller som ferie: ikke i sygefraværsstatistikken."
    ),
    AbsenceType.PARENTAL_LEAVE: gettext_lazy(
        "Barsels- og forældreorlov. Tælles som fravær for sig (barsel), som Danmarks Statistik "
        "gør, men ikke i sygefraværsprocenten, og der er ingen sygefraværsopfølgning."
    ),
    AbsenceType.UNPAID_LEAVE: gettext_lazy(
        "Orlov uden løn. Tæller som orlov: ikke i sygefraværsstatistikken."
    ),
    AbsenceType.COURSE: gettext_lazy(
        "Kursus eller uddannelse i arbejdstiden. Tæller som arbejdstid, ikke som fravær."
    ),
}

#: The follow-up obligations (``rules.Code``) shown to the employee under "Det sker nu": those
#: the employee takes part in or may act on. Left out: the employer period (§ 30), the
#: NemRefusion report (§ 40), refund claims and their limit (§ 59) and the § 56 renewal —
#: the employer's payroll administration, which asks nothing of the employee.
EMPLOYEE_CODES = (
    Code.CONTACT,  # the manager's contacts on the policy's days ("contact_day_N")
    Code.SICKNESS_INTERVIEW,  # § 7 a
    Code.RETENTION_PLAN,  # § 7 b: the employee's right to ask for a plan
    Code.JOBCENTER_FOLLOW_UP,  # § 13 b: the jobcenter's first follow-up, information
)


class NoPerson(Exception):
    """The user is not linked to a person record: there is no own absence to show or report."""


class ReportError(ValidationFailed):
    """A report that cannot be saved; ``field`` names the form field it concerns (or "")."""

    def __init__(self, message: str, field: str = ""):
        super().__init__([message])
        self.field = field


@dataclass(frozen=True)
class HistoryRow:
    absence_type: str
    label: str
    explanation: str
    first_day: date
    last_day: date | None
    hours_per_day: Decimal | None
    #: Calendar days, first and last day included; for an ongoing period, up to today.
    days: int

    @property
    def ongoing(self) -> bool:
        return self.last_day is None


@dataclass(frozen=True)
class Step:
    """One follow-up step as the employee reads it."""

    code: str
    due: date | None
    text: str
    legal_basis: Message | str
    information_only: bool
    done: bool  # the date has passed


@dataclass(frozen=True)
class MyAbsence:
    person: Person
    today: date
    open_sickness: AbsencePeriod | None
    history: list[HistoryRow]
    #: The current or most recent sickness spell shown under "Det sker nu" (None: nothing).
    spell_first_day: date | None = None
    spell_last_day: date | None = None
    steps: list[Step] = field(default_factory=list)


def _own(access: Access) -> Person:
    person = (
        Person.objects.filter(pk=access.person_id).first() if access.person_id is not None else None
    )
    if person is None:
        raise NoPerson
    return person


def _subject(access: Access, person_id: int | None) -> tuple[Person, bool]:
    """The person a report is about, and whether it is the caller's own: without
    ``person_id`` (or with their own) the caller's person; otherwise someone a manager or HR
    follows up on (``MANAGE_TASKS``; 403 without it, 404 outside the caller's scope). An
    employee who calls in sick to their manager is reported by the manager."""
    if person_id is None or person_id == access.person_id:
        return _own(access), True
    access.require(MANAGE_TASKS)
    return people.get_person(access, person_id), False


def _fmt(day: date) -> str:
    return format_date(day, get_language())


def type_help() -> list[tuple[str, Any, Any]]:
    """Every absence type: (code, label, explanation), in the model's order."""
    return [(code, label, ABSENCE_TYPE_HELP[code]) for code, label in AbsenceType.choices]


def open_sickness(person: Person) -> AbsencePeriod | None:
    """The person's newest sickness period without an end date (None when well)."""
    return (
        AbsencePeriod.objects.filter(
            person=person, absence_type__in=SICKNESS_TYPES, end_date__isnull=True
        )
        .order_by("-start_date", "-pk")
        .first()
    )


def _employment_on(person: Person, day: date) -> Employment | None:
    """The employment covering ``day``; with several, the one with the most hours, then the
    oldest (the main job)."""
    return (
        Employment.objects.filter(person=person, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .order_by("-weekly_hours", "start_date", "pk")
        .first()
    )


def daily_hours(employment: Employment) -> Decimal:
    return (employment.weekly_hours / WORKING_DAYS_PER_WEEK).quantize(Decimal("0.01"))


def parse_hours(text: str) -> Decimal:
    """Hours as the employee writes them: "3,5" or "3.5". Raises ``ReportError``."""
    try:
        return parse_number(text, lenient=True)
    except ValueError:
        raise ReportError(_("Skriv antal timer som et tal, fx 3,5."), "hours") from None


@transaction.atomic
def report_sick(
    access: Access,
    *,
    first_day: date,
    partial_hours: Decimal | None = None,
    on: date | None = None,
    person_id: int | None = None,
) -> AbsencePeriod:
    """Sygemelding: open a sickness period from ``first_day`` for the caller's own person, or
    (``person_id``) for an employee a manager or HR follows up on (``_subject``) — the employee
    who calls their manager in sick; both make the follow-up tasks at once.

    ``partial_hours`` (hours of absence per day) makes it partial sickness; it must be more than
    0 and less than the daily hours of the employment that covers ``first_day``. ``first_day``
    may lie at most ``MAX_DAYS_BACK`` days back and not in the future. Refused when a sickness
    period is already open, or when another absence period overlaps the new one as far as it is
    known (``first_day`` to today: a planned holiday later on does not stop a sick report).
    """
    person, own = _subject(access, person_id)
    today = on or people.today()
    if first_day > today:
        raise ReportError(
            _("Første sygedag kan ikke ligge i fremtiden. Vælg i dag eller en tidligere dag."),
            "first_day",
        )
    earliest = today - timedelta(days=MAX_DAYS_BACK)
    if first_day < earliest:
        raise ReportError(
            (
                _(
                    "Første sygedag kan højst ligge %(days)s dage tilbage (tidligst %(date)s). "
                    "Kontakt din leder eller HR for at registrere ældre sygdom."
                )
                if own
                else _(
                    "Første sygedag kan højst ligge %(days)s dage tilbage (tidligst %(date)s). "
                    "Ældre sygdom kommer med lønsystemets import."
                )
            )
            % {"days": MAX_DAYS_BACK, "date": _fmt(earliest)},
            "first_day",
        )
    # Lock the person's row so two reports at once cannot both pass the checks below.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    current = open_sickness(person)
    if current is not None:
        raise ReportError(
            (
                _(
                    "Du er allerede meldt syg fra %(date)s. Meld dig rask, før du melder dig syg "
                    "igen."
                )
                if own
                else _("%(name)s er allerede meldt syg fra %(date)s.")
            )
            % {"date": _fmt(current.start_date), "name": person.full_name}
        )
    clash = (
        AbsencePeriod.objects.filter(person=person, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first_day))
        .order_by("start_date")
        .first()
    )
    if clash is not None:
        end = _fmt(clash.end_date) if clash.end_date else _("i gang")
        raise ReportError(
            _(
                "Der er allerede registreret %(type)s fra %(start)s til %(end)s, som overlapper "
                "den nye sygemelding. Vælg en første sygedag efter %(end)s, eller kontakt din "
                "leder, hvis registreringen er forkert."
            )
            % {
                "type": clash.get_absence_type_display().lower(),
                "start": _fmt(clash.start_date),
                "end": end,
            },
            "first_day",
        )
    employment = _employment_on(person, first_day)
    if employment is None:
        raise ReportError(
            (
                _(
                    "Du har ingen ansættelse den %(date)s, så der kan ikke registreres sygdom den "
                    "dag. Kontakt HR, hvis det er forkert."
                )
                if own
                else _(
                    "%(name)s har ingen ansættelse den %(date)s, så der kan ikke registreres "
                    "sygdom den dag."
                )
            )
            % {"date": _fmt(first_day), "name": person.full_name},
            "first_day",
        )
    kind = AbsenceType.SICKNESS
    if partial_hours is not None:
        limit = daily_hours(employment)
        if not Decimal(0) < partial_hours < limit:
            raise ReportError(
                _(
                    "Antal timer skal være mere end 0 og mindre end dine daglige timer "
                    "(%(hours)s). Er du syg hele dagen, så fjern markeringen ved »Delvis syg«."
                )
                % {"hours": format_number(limit, 2)},
                "hours",
            )
        kind = AbsenceType.PARTIAL_SICKNESS
        partial_hours = partial_hours.quantize(Decimal("0.01"))
    period = AbsencePeriod.objects.create(
        person=person,
        employment=employment,
        absence_type=kind,
        start_date=first_day,
        end_date=None,
        hours_per_day=partial_hours,
    )
    access.record(
        [person.pk], action=Action.CREATE, category=CATEGORY_ABSENCE, detail="sygemelding"
    )
    bump("absence")
    # The manager's tasks (the day-1 contact is due today) exist from this request on.
    refresh_now([person.pk], on)
    _notify_on_commit(person, first_day=first_day, last_day=None)
    return period


@transaction.atomic
def report_well(
    access: Access, *, last_day: date, on: date | None = None, person_id: int | None = None
) -> AbsencePeriod:
    """Raskmelding: close the open sickness period with ``last_day`` (the last sick day, not
    before the first, not in the future) — the caller's own, or (``person_id``) that of an
    employee a manager or HR follows up on (``_subject``)."""
    person, own = _subject(access, person_id)
    today = on or people.today()
    Person.objects.select_for_update().filter(pk=person.pk).first()
    period = open_sickness(person)
    if period is None:
        raise ReportError(
            _("Du er ikke meldt syg, så der er intet at melde rask fra.")
            if own
            else _("%(name)s er ikke meldt syg, så der er intet at melde rask fra.")
            % {"name": person.full_name}
        )
    if last_day > today:
        raise ReportError(
            _("Sidste sygedag kan ikke ligge i fremtiden. Meld dig rask, når du er rask.")
            if own
            else _("Sidste sygedag kan ikke ligge i fremtiden."),
            "last_day",
        )
    if last_day < period.start_date:
        raise ReportError(
            _(
                "Sidste sygedag kan ikke ligge før første sygedag (%(date)s). Vælg %(date)s "
                "eller en senere dag."
            )
            % {"date": _fmt(period.start_date)},
            "last_day",
        )
    period.end_date = last_day
    period.save(update_fields=["end_date"])
    access.record(
        [person.pk], action=Action.UPDATE, category=CATEGORY_ABSENCE, detail="raskmelding"
    )
    bump("absence")
    refresh_now([person.pk], on)  # tasks after the last sick day are no longer needed
    _notify_on_commit(person, first_day=period.start_date, last_day=last_day)
    return period


def default_last_day(period: AbsencePeriod | None, today: date) -> date:
    """Yesterday, but never before the period's first day."""
    yesterday = today - timedelta(days=1)
    if period is not None and yesterday < period.start_date:
        return min(period.start_date, today)
    return yesterday


# --- the page -------------------------------------------------------------------------------


def my_absence(access: Access, *, on: date | None = None) -> MyAbsence:
    """The caller's own absence history (newest first) and "Det sker nu". Audited as own
    access. Raises ``NoPerson`` for a caller without a person record."""
    person = _own(access)
    today = on or people.today()
    periods = list(AbsencePeriod.objects.filter(person=person).order_by("-start_date", "-pk"))
    access.record_read([person.pk], category=CATEGORY_ABSENCE, detail="mit_fravaer")
    history = [
        HistoryRow(
            absence_type=p.absence_type,
            label=str(p.get_absence_type_display()),
            explanation=str(ABSENCE_TYPE_HELP.get(p.absence_type, "")),
            first_day=p.start_date,
            last_day=p.end_date,
            hours_per_day=p.hours_per_day,
            days=max(0, ((p.end_date or max(today, p.start_date)) - p.start_date).days + 1),
        )
        for p in periods
    ]
    current = next(
        (p for p in periods if p.absence_type in SICKNESS_TYPES and p.end_date is None), None
    )
    result = MyAbsence(person=person, today=today, open_sickness=current, history=history)
    recent = today - timedelta(days=RECENT_DAYS)
    if not any(
        p.absence_type in SICKNESS_TYPES
        and p.start_date <= today
        and (p.end_date is None or p.end_date >= recent)
        for p in periods
    ):
        return result
    cases = deadlines(access, on=today, person_id=person.pk).cases
    shown = [c for c in cases if c.last_day is None or c.last_day >= recent]
    if not shown:
        return result
    case = shown[-1]
    return MyAbsence(
        person=person,
        today=today,
        open_sickness=current,
        history=history,
        spell_first_day=case.first_day,
        spell_last_day=case.last_day,
        steps=employee_steps(case.obligations, today),
    )


def employee_steps(obligations: list[Obligation], today: date) -> list[Step]:
    """The obligations that concern the employee (``EMPLOYEE_CODES``), in plain Danish."""
    steps = []
    for o in obligations:
        if not o.applies or not any(o.code.startswith(str(code)) for code in EMPLOYEE_CODES):
            continue
        text = _step_text(o)
        if text:
            steps.append(
                Step(
                    code=o.code,
                    due=o.due,
                    text=text,
                    legal_basis=o.legal_basis,
                    information_only=o.information_only,
                    done=o.due is not None and o.due < today,
                )
            )
    return steps


def _step_text(o: Obligation) -> str:
    due = _fmt(o.due) if o.due else ""
    if o.code.startswith(Code.CONTACT):
        n = o.code.rsplit("_", 1)[-1]
        return _(
            "Din leder kontakter dig på din %(n)s. sygedag, %(date)s, for at høre, hvordan det "
            "går, og hvornår du regner med at komme tilbage. Du skal ikke fortælle, hvad du "
            "fejler."
        ) % {"n": n, "date": due}
    if o.code == Code.SICKNESS_INTERVIEW:
        return _(
            "Sygefraværssamtale med din leder senest %(date)s. Samtalen handler om, hvordan og "
            "hvornår du kan vende tilbage – ikke om din sygdom. Den kan holdes over telefonen."
        ) % {"date": due}
    if o.code == Code.RETENTION_PLAN:
        return _(
            "Du kan bede om en fastholdelsesplan, hvis du forventer at være syg i over 8 uger. "
            "Planen laver du sammen med din leder; den beskriver, hvordan du kan vende tilbage "
            "til arbejdet."
        )
    if o.code == Code.JOBCENTER_FOLLOW_UP:
        return _(
            "Er du stadig syg, indkalder jobcentret dig til den første opfølgningssamtale "
            "senest %(date)s."
        ) % {"date": due}
    return ""


# --- the manager's e-mail -------------------------------------------------------------------


def manager_addresses(person: Person, *, on: date) -> list[str]:
    """E-mail addresses of the managers of the units of the person's current employments.

    A unit's manager is ``OrgUnit.manager``; where a unit has none, or the manager is the person
    themselves, the nearest unit above with another manager is used. The address is the
    manager's user account's e-mail, else the person record's; managers without one are skipped.
    """
    units = OrgUnit.objects.filter(
        employments__in=Employment.objects.filter(person=person, start_date__lte=on).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )
    ).distinct()
    managers: dict[int, Person] = {}
    for unit in units:
        current: OrgUnit | None = unit
        while current is not None:
            manager = current.manager
            if manager is not None and manager.pk != person.pk:
                managers[manager.pk] = manager
                break
            current = current.parent
    addresses: list[str] = []
    for manager in managers.values():
        user = getattr(manager, "user", None)
        address = (user.email if user is not None else "") or manager.email
        if address and address not in addresses:
            addresses.append(address)
    return sorted(addresses)


def notify_managers(person_id: int, *, first_day: date, last_day: date | None) -> int:
    """Send the sick (``last_day`` None) or recovery report to the person's manager(s): name and
    dates only. Returns the number of messages sent."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        return 0
    addresses = manager_addresses(person, on=last_day or first_day)
    if not addresses:
        return 0
    name = person.full_name
    if last_day is None:
        subject = _("Sygemelding: %(name)s") % {"name": name}
        body = _(
            "%(name)s har meldt sig syg i Charlie med første sygedag %(first)s.\n\n"
            "Se dine opgaver med sygefraværsopfølgningen i Charlie."
        ) % {"name": name, "first": _fmt(first_day)}
    else:
        subject = _("Raskmelding: %(name)s") % {"name": name}
        body = _(
            "%(name)s har meldt sig rask i Charlie. Sygeperioden gik fra %(first)s til og med "
            "%(last)s."
        ) % {"name": name, "first": _fmt(first_day), "last": _fmt(last_day)}
    sent = 0
    for address in addresses:  # one message each: managers do not see each other's address
        try:
            sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        except Exception as exc:  # the report is saved; a failed mail must not undo it
            logger.warning("Absence report e-mail to a manager failed: %s", type(exc).__name__)
    return sent


def _notify_on_commit(person: Person, *, first_day: date, last_day: date | None) -> None:
    person_id = person.pk
    transaction.on_commit(
        lambda: notify_managers(person_id, first_day=first_day, last_day=last_day)
    )
