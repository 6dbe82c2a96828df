"""The employer's duties in a sickness period under the sygedagpengelov (DOMAIN.md section 1).

Pure module: the standard library only, never Django. Each rule is a plain function over a
:class:`SicknessCase` that returns an :class:`Obligation`: a code, a due date, the legal basis,
a description, and whether it applies (and, if not, why) — the texts as messages
(``core.messages``) that are written in the reader's language when shown.
:func:`obligations` gives them all for one case, with the local policy's contact days
(``policy.py``).

Law: lov om sygedagpenge, LBK nr. 994 af 22.08.2024 (earlier consolidation seen:
LBK nr. 1179 af 21.09.2023). The texts were read through elov.dk and the Personaleadministrativ
Vejledning; check them against retsinformation.dk before release (DOMAIN.md, "unconfirmed").

How dates are counted (one rule for the whole module):

- **"n weeks after a day"** ("senest 4 uger efter første sygedag", § 7 a): the day + 7·n
  days, the same weekday n weeks later — the day it runs from is not counted. 1st sick day
  Tuesday 4 Mar 2025: 4 weeks after is Tuesday 1 Apr 2025 (:func:`weeks_after`).
- **"the end of week n counted from the 1st absence day"** (§ 13 b, and the § 7 b plan that is
  due by that follow-up) is one day earlier: the 1st absence day is day 1 of week 1, so week n
  ends on the day + 7·n − 1. 1st sick day Tuesday 4 Mar 2025: week 1 is Tue 4 – Mon 10 Mar,
  week 8 ends Monday 28 Apr 2025 (:func:`end_of_week`; DOMAIN.md 1.8). Calendar weeks
  (Monday–Sunday) are not used.
- **"n days from the 1st absence day"** for the employer period counts the 1st absence day as
  day 1: 30 calendar days from Tue 4 Mar 2025 end on Wed 2 Apr 2025 (4 Mar + 29 days).
- **months** move by calendar month; a day that does not exist becomes the month's last day
  (:func:`charlie.absence.policy.add_months`), which gives the earlier, safe date.
- Every due date is inclusive: the duty is met if it is done on that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from charlie.absence.policy import DEFAULT_POLICY, Policy, add_months, add_years, contact_dates
from charlie.core.language import gettext_noop as _
from charlie.core.messages import Message, text

LAW = "sygedagpengeloven (LBK nr. 994 af 22.08.2024)"

# The texts of the obligations: messages (``core.messages``), rendered when they are shown, in
# the reader's language, with the dates written their way. Their codes are stored on the tasks.
BASIS = text("absence.basis", _("%(section)s, sygedagpengeloven (LBK nr. 994 af 22.08.2024)"))
LOCAL_POLICY = text("absence.local_policy", _("Lokal fraværspolitik"))
INTERVIEW = text(
    "absence.interview",
    _("Hold sygefraværssamtale med medarbejderen (personligt eller telefonisk)."),
)
INTERVIEW_BEFORE_RULE = text(
    "absence.interview.before_rule",
    _("Sygdommen begyndte før %(day)s, hvor § 7 a trådte i kraft."),
)
INTERVIEW_LEAVES = text(
    "absence.interview.leaves",
    _("Medarbejderen er opsagt og fratræder senest 8 uger efter første sygedag (%(day)s)."),
)
INTERVIEW_BACK = text("absence.interview.back", _("Medarbejderen var rask igen før fristen."))
NO_PERIOD_FLEXJOB = text("absence.employer.flexjob", _("Ingen arbejdsgiverperiode i fleksjob."))
NO_PERIOD_S56 = text(
    "absence.employer.s56",
    _("Fraværet er omfattet af en godkendt § 56-aftale: refusion fra første dag."),
)
NO_PERIOD_SHORT = text(
    "absence.employer.short",
    _(
        "Medarbejderen har ikke været ansat i de 8 uger før første fraværsdag (skulle være "
        "ansat senest %(day)s)."
    ),
)
NO_PERIOD_HOURS = text(
    "absence.employer.hours",
    _("Medarbejderen har arbejdet under 74 timer i de 8 uger før første fraværsdag."),
)
ASSUMED_START = text(
    "absence.employer.assumed_start",
    _("Ukendt ansættelsesstart: betingelserne i § 30 er antaget opfyldt."),
)
ASSUMED_HOURS = text(
    "absence.employer.assumed_hours",
    _("Ukendt timetal: betingelserne i § 30 er antaget opfyldt."),
)
ASSUMED_BOTH = text(
    "absence.employer.assumed_both",
    _("Ukendt ansættelsesstart og timetal: betingelserne i § 30 er antaget opfyldt."),
)
EMPLOYER_PERIOD_TEXT = text(
    "absence.employer",
    _(
        "Arbejdsgiverperiode: arbejdsgiveren betaler de første %(days)s kalenderdage; "
        "refusion fra dagen efter."
    ),
)
ENDED_IN_PERIOD = text(
    "absence.beyond.ended", _("Fraværet sluttede inden for arbejdsgiverperioden.")
)
ONLY_BEYOND = text(
    "absence.beyond.only_if",
    _("Gælder kun hvis fraværet varer ud over arbejdsgiverperioden."),
)
NEMREFUSION = text("absence.nemrefusion", _("Anmeld sygefraværet til kommunen i NemRefusion."))
REFUND = text("absence.refund", _("Søg refusion af sygedagpenge i NemRefusion."))
REFUND_NTH = text(
    "absence.refund.nth",
    _("Søg refusion i NemRefusion (%(n)s. anmodning); refusion gives højst 3 måneder bagud."),
)
DISPENSATION = text(
    "absence.refund.dispensation",
    _("Sidste frist for dispensation ved for sen anmodning om refusion."),
)
PLAN_RIGHT = text(
    "absence.plan.right",
    _(
        "Medarbejderen kan anmode om en fastholdelsesplan, hvis fraværet forventes at vare "
        "over 8 uger."
    ),
)
PLAN_SHORT = text("absence.plan.short", _("Fraværet varede ikke over 8 uger."))
PLAN_ANSWER = text(
    "absence.plan.answer",
    _("Svar på anmodningen om fastholdelsesplan og udarbejd planen sammen med medarbejderen."),
)
PLAN_NOT_EXPECTED = text(
    "absence.plan.not_expected",
    _("Fraværet forventes ikke at vare over 8 uger; der er ingen ret til en plan."),
)
PLAN_REFUSED = text("absence.plan.refused", _("Arbejdsgiveren har afslået at udarbejde en plan."))
PLAN_REFUSED_ON = text(
    "absence.plan.refused_on", _("Arbejdsgiveren har afslået at udarbejde en plan %(day)s.")
)
PLAN_NO_DEADLINE = text(
    "absence.plan.no_deadline",
    _("Loven giver ingen frist; udarbejd planen hurtigst muligt."),
)
S56_RENEWAL = text(
    "absence.s56.renewal",
    _("§ 56-aftalen udløber %(day)s; søg om fornyelse i tide."),
)
JOBCENTER = text(
    "absence.jobcenter",
    _("Jobcentret holder første opfølgningssamtale med medarbejderen."),
)
JOBCENTER_BACK = text(
    "absence.jobcenter.back",
    _("Medarbejderen var rask igen før jobcentrets opfølgning."),
)
CONTACT = text("absence.contact", _("Kontakt medarbejderen på %(n)s. sygedag."))
CONTACT_BACK = text("absence.contact.back", _("Medarbejderen var rask igen."))

#: § 7 a came in with LOV nr. 480 af 12.06.2009 for sickness starting on or after this day.
INTERVIEW_RULE_FROM = date(2010, 1, 4)
#: The employer period became 30 days for sickness starting on or after this day (§ 30).
EMPLOYER_PERIOD_30_FROM = date(2012, 1, 2)
#: ... and 21 days (from 15) for sickness starting on or after this day.
EMPLOYER_PERIOD_21_FROM = date(2008, 6, 2)
EMPLOYER_PERIOD_MIN_HOURS = Decimal(74)
EMPLOYER_PERIOD_MIN_WEEKS = 8
SECTION_56_YEARS = 2
SECTION_56_MIN_DAYS_PER_YEAR = 10


def weeks_after(day: date, weeks: int) -> date:
    """``weeks`` weeks after ``day``: the same weekday ``weeks`` weeks later (``day`` is not
    counted), as in § 7 a's "senest 4 uger efter første sygedag"."""
    return day + timedelta(weeks=weeks)


def end_of_week(first_day: date, week: int) -> date:
    """The last day of week ``week`` counted from ``first_day``, which is day 1 of week 1:
    ``first_day`` + 7·week − 1 (sygedagpengeloven § 13 b, "senest ved udgangen af 8. uge
    regnet fra første fraværsdag"; DOMAIN.md 1.8). Thu 17 Apr 2025, week 8 → Wed 11 Jun 2025."""
    return first_day + timedelta(days=7 * week - 1)


class Code(StrEnum):
    SICKNESS_INTERVIEW = "sickness_interview"
    EMPLOYER_PERIOD = "employer_period"
    NEMREFUSION_REPORT = "nemrefusion_report"
    REFUND_CLAIM = "refund_claim"
    REFUND_DISPENSATION_LIMIT = "refund_dispensation_limit"
    RETENTION_PLAN = "retention_plan"
    SECTION_56_RENEWAL = "section_56_renewal"
    JOBCENTER_FOLLOW_UP = "jobcenter_follow_up"
    CONTACT = "contact"


@dataclass(frozen=True)
class Obligation:
    """One dated duty (or piece of information) for a sickness period.

    ``applies`` False means the duty does not arise; ``reason`` says why ("" when there is
    nothing to say). Where it applies, ``reason`` may state a condition that is not settled yet
    (an ongoing absence). ``description``, ``legal_basis`` and ``reason`` are messages
    (``core.messages``): ``str()`` writes them in the reader's language.
    ``information_only`` marks dates that are someone else's duty (the jobcenter's) or a limit,
    not a task for the manager.
    """

    code: str
    due: date | None
    legal_basis: Message
    description: Message
    applies: bool = True
    reason: Message | str = ""
    information_only: bool = False


@dataclass(frozen=True)
class Section56Terms:
    """The terms of an approved § 56 agreement (chronic or long-term illness) as the rules see
    them: the approval day and the validity that follows. No condition is stored. (The recorded
    agreement is ``models.Section56Agreement``.)"""

    approved_on: date

    @property
    def valid_until(self) -> date:
        """Last day of validity: the day before the 2-year anniversary of the approval.

        Approved 1 Mar 2024 → valid to 28 Feb 2026; approved 29 Feb 2024 → the anniversary in
        2026 is taken as 1 Mar, so valid to 28 Feb 2026.
        """
        return add_years(self.approved_on, SECTION_56_YEARS) - timedelta(days=1)

    def is_valid_on(self, day: date) -> bool:
        return self.approved_on <= day <= self.valid_until


class PlanDecision(StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"


@dataclass(frozen=True)
class RetentionPlanRequest:
    """The employee's request for a fastholdelsesplan (§ 7 b) and the employer's answer."""

    requested_on: date
    expected_over_8_weeks: bool = True
    decision: PlanDecision | None = None
    decided_on: date | None = None


@dataclass(frozen=True)
class SicknessCase:
    """One sickness period with the facts the rules need. Dates and flags only; no cause.

    ``first_day`` is the 1st sick (absence) day; ``last_day`` None means ongoing. The § 30
    conditions use ``employment_start`` — the start of the *uninterrupted employment with the
    employer* (the kommune), not of one unit's employment row — and ``hours_last_8_weeks``, the
    hours with the employer in the 8 weeks before, earlier employments included;
    ``earlier_employment`` says the person worked for the employer before this uninterrupted
    employment (§ 30, stk. 4). None means unknown and is treated as met (with a note).
    ``notice_given_on``/``leave_date`` describe a notice (opsigelse) and the last day of
    employment. ``wages_paid`` is True when the employer pays full
    wages during sickness (the usual case in a kommune). ``section_56_related`` says that the
    absence is due to the condition covered by ``section_56`` (the employee's own statement; the
    condition itself is never stored). ``early_follow_up_requested_on`` is a request to the
    kommune for early follow-up (§§ 7 c / 7 e).
    """

    first_day: date
    last_day: date | None = None
    employment_start: date | None = None
    hours_last_8_weeks: Decimal | float | int | None = None
    earlier_employment: bool = False
    notice_given_on: date | None = None
    leave_date: date | None = None
    wages_paid: bool = True
    flexjob: bool = False
    section_56: Section56Terms | None = None
    section_56_related: bool = False
    retention_plan: RetentionPlanRequest | None = None
    early_follow_up_requested_on: date | None = None

    def __post_init__(self) -> None:
        if self.last_day is not None and self.last_day < self.first_day:
            raise ValueError("Sidste sygedag ligger før første sygedag; ret datoerne.")

    def sick_on(self, day: date) -> bool:
        """Whether the person is (or, if ongoing, may still be) sick on ``day``."""
        return self.first_day <= day and (self.last_day is None or day <= self.last_day)


def _basis(section: str) -> Message:
    return BASIS(section=section)


# --- § 7 a: sygefraværssamtale ---------------------------------------------------------------


def sickness_interview(case: SicknessCase) -> Obligation:
    """The sickness interview (sygefraværssamtale), sygedagpengeloven § 7 a, LBK 994 af 22.08.2024.

    The employer must hold a personal interview (by phone if the employee cannot attend) no
    later than 4 weeks after the 1st sick day: due = 1st sick day + 28 days (end of week 4, see
    the module docstring). 1st sick day Tue 4 Mar 2025 → due Tue 1 Apr 2025.

    It does not arise:

    - when the employee is under notice and leaves within 8 weeks of the 1st sick day: notice
      given no later than the due date and last day of employment ≤ 1st sick day + 56 days;
    - when the employee is back before the due date (the interview is about how and when to
      return; a period that ended before the deadline needs none);
    - for sickness that started before 4 Jan 2010 (LOV nr. 480 af 12.06.2009).
    """
    due = weeks_after(case.first_day, 4)
    basis = _basis("§ 7 a")
    desc = INTERVIEW()
    if case.first_day < INTERVIEW_RULE_FROM:
        reason = INTERVIEW_BEFORE_RULE(day=INTERVIEW_RULE_FROM)
        return Obligation(Code.SICKNESS_INTERVIEW, due, basis, desc, False, reason)
    leaves_by = weeks_after(case.first_day, 8)
    if (
        case.notice_given_on is not None
        and case.notice_given_on <= due
        and case.leave_date is not None
        and case.leave_date <= leaves_by
    ):
        reason = INTERVIEW_LEAVES(day=leaves_by)
        return Obligation(Code.SICKNESS_INTERVIEW, due, basis, desc, False, reason)
    if case.last_day is not None and case.last_day < due:
        reason = INTERVIEW_BACK()
        return Obligation(Code.SICKNESS_INTERVIEW, due, basis, desc, False, reason)
    return Obligation(Code.SICKNESS_INTERVIEW, due, basis, desc)


# --- § 30: arbejdsgiverperiode ---------------------------------------------------------------


def employer_period_days(first_day: date) -> int:
    """Length of the employer period in calendar days, sygedagpengeloven § 30.

    30 days for sickness starting on or after 2 Jan 2012; 21 days for sickness starting from
    2 Jun 2008 to 1 Jan 2012; 15 days before that (DOMAIN.md 1.4).
    """
    if first_day >= EMPLOYER_PERIOD_30_FROM:
        return 30
    if first_day >= EMPLOYER_PERIOD_21_FROM:
        return 21
    return 15


@dataclass(frozen=True)
class EmployerPeriod:
    """Outcome of § 30 for one case: the dates if it applies, else why not (a message)."""

    applies: bool
    first_day: date
    last_day: date | None
    days: int
    reason: Message | str = ""


def employer_period(case: SicknessCase) -> EmployerPeriod:
    """The employer period (arbejdsgiverperiode), sygedagpengeloven § 30, LBK 994 af 22.08.2024.

    The employer pays wages or sygedagpenge for the first 30 *calendar* days counted from the 1st
    absence day, which is day 1 (21 days for sickness starting before 2 Jan 2012); holidays and
    days off do not extend it. Last day = 1st absence day + 29 days (+ 20 under the old rule).

    Conditions on the 1st absence day (§ 30, stk. 2): employed by the employer without a break
    for the 8 weeks immediately before (start of the uninterrupted employment ≤ 1st absence day
    − 56 days: a move to another unit or a new contract does not break it) and at least 74 hours
    worked for the employer in that time. § 30, stk. 4: someone who worked for the employer
    before and has at least 74 hours with them within the last 8 weeks need not meet the 8 weeks
    (DOMAIN.md 1.4).
    There is no employer period in flexjob, or when the absence is due to the condition of a § 56
    agreement valid on the 1st absence day (DOMAIN.md 1.4, 1.7).
    """
    days = employer_period_days(case.first_day)
    first = case.first_day

    def none(reason: Message) -> EmployerPeriod:
        return EmployerPeriod(False, first, None, days, reason)

    if case.flexjob:
        return none(NO_PERIOD_FLEXJOB())
    if (
        case.section_56 is not None
        and case.section_56_related
        and case.section_56.is_valid_on(first)
    ):
        return none(NO_PERIOD_S56())
    eight_weeks_before = first - timedelta(weeks=EMPLOYER_PERIOD_MIN_WEEKS)
    enough_hours = case.hours_last_8_weeks is None or (
        Decimal(str(case.hours_last_8_weeks)) >= EMPLOYER_PERIOD_MIN_HOURS
    )
    if (
        case.employment_start is not None
        and case.employment_start > eight_weeks_before
        and not (case.earlier_employment and enough_hours)  # § 30, stk. 4
    ):
        return none(NO_PERIOD_SHORT(day=eight_weeks_before))
    if (
        case.hours_last_8_weeks is not None
        and Decimal(str(case.hours_last_8_weeks)) < EMPLOYER_PERIOD_MIN_HOURS
    ):
        return none(NO_PERIOD_HOURS())
    reason: Message | str = ""
    if case.employment_start is None and case.hours_last_8_weeks is None:
        reason = ASSUMED_BOTH()
    elif case.employment_start is None:
        reason = ASSUMED_START()
    elif case.hours_last_8_weeks is None:
        reason = ASSUMED_HOURS()
    return EmployerPeriod(True, first, first + timedelta(days=days - 1), days, reason)


def employer_period_obligation(case: SicknessCase) -> Obligation:
    """The employer period as an obligation, sygedagpengeloven § 30 (see :func:`employer_period`).

    Due is the period's last day: the last day the employer pays without refund.
    """
    period = employer_period(case)
    desc = EMPLOYER_PERIOD_TEXT(days=period.days)
    return Obligation(
        Code.EMPLOYER_PERIOD,
        period.last_day,
        _basis("§ 30"),
        desc,
        period.applies,
        period.reason,
        information_only=True,
    )


def _beyond(case: SicknessCase, last_covered: date | None, on: date) -> tuple[bool, Message | str]:
    """Whether the absence runs past ``last_covered`` (None: there is no employer period)."""
    if last_covered is None:
        return True, ""
    if case.last_day is not None:
        if case.last_day > last_covered:
            return True, ""
        return False, ENDED_IN_PERIOD()
    if on > last_covered:
        return True, ""
    return True, ONLY_BEYOND()


# --- § 40: anmeldelse i NemRefusion ----------------------------------------------------------


def nemrefusion_report(case: SicknessCase, on: date) -> Obligation:
    """The report to the kommune through NemRefusion, sygedagpengeloven § 40, LBK 994/2024.

    - Employer pays **wages**, absence beyond the employer period: report no later than 5 weeks
      after the 1st absence day (1st absence day + 35 days).
    - Employer pays **sygedagpenge** in the employer period: within 1 week after the duty to pay
      stops (last day of the employer period + 7 days).
    - Employer pays neither and has **no duty to pay** (no employer period, wages not paid):
      within 14 days of the 1st absence day (+ 14 days).

    With no employer period and wages paid (a § 56 case, flexjob, short employment), the 5-week
    rule is used. Not due when the absence ended within the employer period. ``on`` is the date
    of the calculation: for an ongoing absence still inside the employer period the report is
    shown as due if the absence continues.
    """
    period = employer_period(case)
    basis = _basis("§ 40")
    desc = NEMREFUSION()
    if case.wages_paid:
        due = weeks_after(case.first_day, 5)
    elif period.last_day is not None:  # an employer period paid as sygedagpenge
        due = period.last_day + timedelta(weeks=1)
    else:
        due = case.first_day + timedelta(days=14)
    applies, reason = _beyond(case, period.last_day if period.applies else None, on)
    return Obligation(Code.NEMREFUSION_REPORT, due, basis, desc, applies, reason)


# --- § 59: refusion --------------------------------------------------------------------------


def refund_start(case: SicknessCase) -> date:
    """First day with refund: the day after the employer period, or the 1st day without one."""
    period = employer_period(case)
    if period.applies and period.last_day is not None:
        return period.last_day + timedelta(days=1)
    return case.first_day


def refund_claim_dates(case: SicknessCase, until: date) -> list[date]:
    """Latest dates for successive refund claims, sygedagpengeloven § 59, LBK 994/2024.

    Refund is paid for at most 3 months before the claim, so each claim must be made within
    3 months of the first day not yet claimed: claim 1 by refund start + 3 months, claim n+1
    by claim n + 3 months (assuming each claim is made on its last day; clamped month ends make
    the chain drift earlier, never later). Claims continue while the absence lasts: the list
    ends with the first date on or after ``until`` for an ongoing absence, or with the claim
    that covers the last absence day. Empty when the absence ended within the employer period.
    """
    start = refund_start(case)
    if case.last_day is not None and case.last_day < start:
        return []
    dates: list[date] = []
    covered_from = start
    while True:
        claim = add_months(covered_from, 3)
        dates.append(claim)
        if case.last_day is not None and case.last_day <= claim:
            break
        if case.last_day is None and claim >= until:
            break
        covered_from = claim
    return dates


def refund_claims(case: SicknessCase, on: date) -> list[Obligation]:
    """Refund claims as obligations, sygedagpengeloven § 59 (see :func:`refund_claim_dates`)."""
    period = employer_period(case)
    applies, reason = _beyond(case, period.last_day if period.applies else None, on)
    if not applies:
        return [
            Obligation(
                Code.REFUND_CLAIM,
                None,
                _basis("§ 59"),
                REFUND(),
                False,
                reason,
            )
        ]
    return [
        Obligation(
            Code.REFUND_CLAIM,
            claim,
            _basis("§ 59"),
            REFUND_NTH(n=n),
            True,
            reason,
        )
        for n, claim in enumerate(refund_claim_dates(case, on), start=1)
    ]


def refund_dispensation_limit(case: SicknessCase, on: date) -> Obligation:
    """Last day a late claim can get dispensation: 6 months after the 1st absence day, § 59.

    sygedagpengeloven § 59 (DOMAIN.md 1.6): no dispensation for claims made more than 6 months
    after the 1st absence day. Information: a limit, not a task.
    """
    period = employer_period(case)
    applies, reason = _beyond(case, period.last_day if period.applies else None, on)
    return Obligation(
        Code.REFUND_DISPENSATION_LIMIT,
        add_months(case.first_day, 6),
        _basis("§ 59"),
        DISPENSATION(),
        applies,
        reason,
        information_only=True,
    )


# --- § 7 b: fastholdelsesplan ----------------------------------------------------------------


def retention_plan(case: SicknessCase) -> Obligation:
    """Fastholdelsesplan, sygedagpengeloven § 7 b, LBK nr. 994 af 22.08.2024.

    Not automatic: the *employee* may request a plan at any time during the sickness when not
    expected back within 8 weeks of the 1st sick day; employer and employee write it together and
    the employer may refuse (the answer is recorded in :class:`RetentionPlanRequest`). The Act
    gives no deadline for the answer; the employee must bring the plan to the kommune's first
    follow-up, so the due date shown is that follow-up (end of week 8,
    :func:`jobcenter_follow_up`) when the request came before it, otherwise none.

    Without a request this is information to the manager (the employee's right), not a task.
    """
    basis = _basis("§ 7 b")
    week_8 = end_of_week(case.first_day, 8)  # the first follow-up; "over 8 weeks" is after it
    request = case.retention_plan
    if request is None:
        return Obligation(
            Code.RETENTION_PLAN,
            None,
            basis,
            PLAN_RIGHT(),
            case.last_day is None or case.last_day > week_8,
            "" if case.last_day is None or case.last_day > week_8 else PLAN_SHORT(),
            information_only=True,
        )
    desc = PLAN_ANSWER()
    if not request.expected_over_8_weeks:
        reason = PLAN_NOT_EXPECTED()
        return Obligation(Code.RETENTION_PLAN, None, basis, desc, False, reason)
    if request.decision is PlanDecision.REFUSED:
        reason = PLAN_REFUSED_ON(day=request.decided_on) if request.decided_on else PLAN_REFUSED()
        return Obligation(Code.RETENTION_PLAN, None, basis, desc, False, reason)
    due = week_8 if request.requested_on <= week_8 else None
    no_deadline: Message | str = "" if due else PLAN_NO_DEADLINE()
    return Obligation(Code.RETENTION_PLAN, due, basis, desc, True, no_deadline)


# --- § 56-aftale -----------------------------------------------------------------------------


def section_56_renewal(agreement: Section56Terms, policy: Policy = DEFAULT_POLICY) -> Obligation:
    """Renewal reminder for a § 56 agreement, sygedagpengeloven § 56, LBK 994 af 22.08.2024.

    An agreement approved by the kommune is valid for 2 years at a time (from approval; last
    day :attr:`Section56Terms.valid_until`). The reminder is due
    ``policy.section_56_renewal_lead_months`` months (local policy, default 2) before the
    last valid day. Renewal needs at least 10 absence days due to the condition in the past year
    unless circumstances have changed significantly (:func:`section_56_renewable`).
    """
    due = add_months(agreement.valid_until, -policy.section_56_renewal_lead_months)
    return Obligation(
        Code.SECTION_56_RENEWAL,
        due,
        _basis("§ 56"),
        S56_RENEWAL(day=agreement.valid_until),
    )


def section_56_renewable(related_days_past_year: int, significant_change: bool = False) -> bool:
    """Whether a § 56 agreement can be renewed, sygedagpengeloven § 56 (DOMAIN.md 1.7).

    Not if the past year had fewer than 10 absence days due to the condition, unless the
    circumstances have changed significantly.
    """
    return related_days_past_year >= SECTION_56_MIN_DAYS_PER_YEAR or significant_change


# --- § 13 b: jobcentrets første opfølgning ---------------------------------------------------


def jobcenter_follow_up(case: SicknessCase) -> Obligation:
    """The kommune's first follow-up, sygedagpengeloven § 13 b, LBK 994 af 22.08.2024.

    The jobcenter's duty, shown as information: the first follow-up (an individual interview)
    no later than the end of week 8 counted from the 1st absence day (+ 55 days, the 1st absence
    day being day 1: :func:`end_of_week`); when the
    employer or employee asked for early follow-up (§§ 7 c / 7 e), within 2 weeks of the request
    (§ 13 b, stk. 2), whichever is earlier. Not relevant if the absence ended before that date.
    """
    due = end_of_week(case.first_day, 8)
    if case.early_follow_up_requested_on is not None:
        due = min(due, weeks_after(case.early_follow_up_requested_on, 2))
    applies = case.last_day is None or case.last_day >= due
    return Obligation(
        Code.JOBCENTER_FOLLOW_UP,
        due,
        _basis("§ 13 b"),
        JOBCENTER(),
        applies,
        "" if applies else JOBCENTER_BACK(),
        information_only=True,
    )


# --- lokal politik: kontakt ------------------------------------------------------------------


def contacts(case: SicknessCase, policy: Policy = DEFAULT_POLICY) -> list[Obligation]:
    """The manager's contacts on the policy's days (local policy, not law; DOMAIN.md 1.9)."""
    result = []
    for n, day in contact_dates(case.first_day, policy):
        applies = case.sick_on(day)
        result.append(
            Obligation(
                f"{Code.CONTACT}_day_{n}",
                day,
                LOCAL_POLICY(),
                CONTACT(n=n),
                applies,
                "" if applies else CONTACT_BACK(),
            )
        )
    return result


def obligations(case: SicknessCase, on: date, policy: Policy = DEFAULT_POLICY) -> list[Obligation]:
    """Every obligation and information date for ``case`` as known on ``on``, by due date.

    ``policy`` should be the version in force on the 1st sick day
    (:func:`charlie.absence.policy.policy_for`). Obligations without a due date come last.
    """
    items = [
        *contacts(case, policy),
        sickness_interview(case),
        employer_period_obligation(case),
        nemrefusion_report(case, on),
        *refund_claims(case, on),
        refund_dispensation_limit(case, on),
        retention_plan(case),
        jobcenter_follow_up(case),
    ]
    if case.section_56 is not None:
        items.append(section_56_renewal(case.section_56, policy))
    return sorted(items, key=lambda o: (o.due is None, o.due or date.max))
