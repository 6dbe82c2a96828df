"""Legal follow-up rules (sygedagpengeloven), with every date worked out by hand.

Calendar facts used below (checked against a printed calendar):
Tue 4 Mar 2025; March has 31 days. Sun 1 Jan 2012, Mon 2 Jan 2012. Fri 20 Dec 2024.
Thu 1 Feb 2024 (2024 is a leap year: February has 29 days). Sat 1 Feb 2025 (28 days).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charlie.absence.policy import Policy, add_months
from charlie.absence.rules import (
    Code,
    PlanDecision,
    RetentionPlanRequest,
    Section56Terms,
    SicknessCase,
    employer_period,
    employer_period_days,
    end_of_week,
    jobcenter_follow_up,
    nemrefusion_report,
    obligations,
    refund_claim_dates,
    refund_dispensation_limit,
    retention_plan,
    section_56_renewable,
    section_56_renewal,
    sickness_interview,
    weeks_after,
)

FIRST = date(2025, 3, 4)  # Tuesday
LONG_EMPLOYED = date(2000, 1, 1)


def case(**kwargs) -> SicknessCase:
    kwargs.setdefault("first_day", FIRST)
    kwargs.setdefault("employment_start", LONG_EMPLOYED)
    kwargs.setdefault("hours_last_8_weeks", 296)
    return SicknessCase(**kwargs)


# --- § 7 a sygefraværssamtale -----------------------------------------------------------------


def test_interview_due_four_weeks_after_first_sick_day():
    # 1st sick day Tue 4 Mar 2025. Weeks counted from it: week 1 = Wed 5 – Tue 11 Mar,
    # week 2 ends Tue 18 Mar, week 3 Tue 25 Mar, week 4 ends Tue 1 Apr 2025 (4 Mar + 28 days:
    # 4 Mar + 27 = 31 Mar, + 1 = 1 Apr).
    ob = sickness_interview(case())
    assert ob.due == date(2025, 4, 1)
    assert ob.applies
    assert "§ 7 a" in str(ob.legal_basis)


def test_interview_over_year_end():
    # 1st sick day Fri 20 Dec 2024: 20 Dec + 11 = 31 Dec; 28 − 11 = 17 → Fri 17 Jan 2025.
    assert sickness_interview(case(first_day=date(2024, 12, 20))).due == date(2025, 1, 17)


def test_interview_in_leap_february():
    # 1st sick day Thu 1 Feb 2024: + 28 days = 29 Feb 2024 (leap day).
    assert sickness_interview(case(first_day=date(2024, 2, 1))).due == date(2024, 2, 29)
    # Same in 2025 (no 29 Feb): 1 Feb + 28 = 1 Mar 2025.
    assert sickness_interview(case(first_day=date(2025, 2, 1))).due == date(2025, 3, 1)


def test_interview_not_due_under_notice_leaving_exactly_at_8_weeks():
    # 8 weeks from Tue 4 Mar 2025 end Tue 29 Apr 2025 (4 Mar + 56: +28 = 1 Apr, +28 = 29 Apr).
    # Notice given 20 Mar (before the due date 1 Apr), leaving 29 Apr: within 8 weeks → no duty.
    ob = sickness_interview(case(notice_given_on=date(2025, 3, 20), leave_date=date(2025, 4, 29)))
    assert not ob.applies
    assert "opsagt" in str(ob.reason)


def test_interview_due_under_notice_leaving_one_day_after_8_weeks():
    # Leaving Wed 30 Apr 2025 = 1st sick day + 57 days: outside 8 weeks → the duty stands.
    ob = sickness_interview(case(notice_given_on=date(2025, 3, 20), leave_date=date(2025, 4, 30)))
    assert ob.applies


def test_interview_leave_date_without_notice_does_not_exempt():
    # A leave date known but no notice recorded (e.g. fixed-term end) is not "opsagt".
    assert sickness_interview(case(leave_date=date(2025, 4, 1))).applies


def test_interview_notice_after_due_date_does_not_exempt():
    # Notice on Wed 2 Apr 2025, the day after the due date Tue 1 Apr: the duty had arisen.
    ob = sickness_interview(case(notice_given_on=date(2025, 4, 2), leave_date=date(2025, 4, 29)))
    assert ob.applies


def test_interview_not_due_when_back_before_deadline():
    # Sick Tue 4 – Mon 31 Mar 2025, back before Tue 1 Apr → no interview.
    assert not sickness_interview(case(last_day=date(2025, 3, 31))).applies
    # Still sick on the due day itself → the interview is due.
    assert sickness_interview(case(last_day=date(2025, 4, 1))).applies


def test_interview_rule_starts_4_jan_2010():
    assert not sickness_interview(case(first_day=date(2010, 1, 3))).applies
    assert sickness_interview(case(first_day=date(2010, 1, 4))).applies


# --- § 30 arbejdsgiverperiode -----------------------------------------------------------------


def test_employer_period_30_calendar_days():
    # Day 1 = Tue 4 Mar 2025 … day 28 = Mon 31 Mar, day 29 = Tue 1 Apr, day 30 = Wed 2 Apr.
    # Easter/holidays would not extend it: calendar days.
    period = employer_period(case())
    assert period.applies
    assert period.days == 30
    assert period.last_day == date(2025, 4, 2)


def test_employer_period_2012_boundary():
    # Sickness starting Sun 1 Jan 2012 (before 2 Jan 2012): 21 days, 1 Jan + 20 = Sat 21 Jan.
    old = employer_period(case(first_day=date(2012, 1, 1)))
    assert (old.days, old.last_day) == (21, date(2012, 1, 21))
    # Starting Mon 2 Jan 2012: 30 days, 2 Jan + 29 = Tue 31 Jan 2012.
    new = employer_period(case(first_day=date(2012, 1, 2)))
    assert (new.days, new.last_day) == (30, date(2012, 1, 31))


def test_employer_period_2008_boundary():
    # Before 2 Jun 2008: 15 days (1 Jun + 14 = 15 Jun); from 2 Jun 2008: 21 (2 Jun + 20 = 22 Jun).
    assert employer_period(case(first_day=date(2008, 6, 1))).last_day == date(2008, 6, 15)
    assert employer_period(case(first_day=date(2008, 6, 2))).last_day == date(2008, 6, 22)
    assert employer_period_days(date(2011, 12, 31)) == 21


def test_employer_period_over_year_end_and_leap_year():
    # Fri 20 Dec 2024 + 29: 20 Dec + 11 = 31 Dec, + 18 = Sat 18 Jan 2025.
    assert employer_period(case(first_day=date(2024, 12, 20))).last_day == date(2025, 1, 18)
    # Thu 1 Feb 2024 + 29 = 1 Mar 2024 (Feb has 29 days); in 2025: 1 Feb + 29 = 2 Mar 2025.
    assert employer_period(case(first_day=date(2024, 2, 1))).last_day == date(2024, 3, 1)
    assert employer_period(case(first_day=date(2025, 2, 1))).last_day == date(2025, 3, 2)


def test_employer_period_needs_8_weeks_employment():
    # 8 weeks before Tue 4 Mar 2025: 4 Mar − 4 = 28 Feb, − 28 = 31 Jan, − 24 = Tue 7 Jan 2025.
    assert employer_period(case(employment_start=date(2025, 1, 7))).applies
    short = employer_period(case(employment_start=date(2025, 1, 8)))
    assert not short.applies
    assert short.last_day is None
    assert "8 uger" in str(short.reason)


def test_employer_period_needs_74_hours():
    assert employer_period(case(hours_last_8_weeks=Decimal("74"))).applies
    assert employer_period(case(hours_last_8_weeks=74.0)).applies
    below = employer_period(case(hours_last_8_weeks=Decimal("73.99")))
    assert not below.applies
    assert "74 timer" in str(below.reason)


def test_employer_period_unknown_facts_assumed_met_with_note():
    period = employer_period(SicknessCase(first_day=FIRST))
    assert period.applies
    assert "antaget opfyldt" in str(period.reason)


def test_no_employer_period_in_flexjob():
    assert not employer_period(case(flexjob=True)).applies


def test_no_employer_period_under_valid_section_56_agreement():
    agreement = Section56Terms(approved_on=date(2024, 1, 15))  # valid to 14 Jan 2026
    assert not employer_period(case(section_56=agreement, section_56_related=True)).applies
    # Absence not due to the agreement's condition: the normal rule.
    assert employer_period(case(section_56=agreement, section_56_related=False)).applies
    # Agreement expired before the 1st absence day: approved 1 Mar 2023 → valid to 28 Feb 2025.
    old = Section56Terms(approved_on=date(2023, 3, 1))
    assert employer_period(case(section_56=old, section_56_related=True)).applies


# --- § 40 NemRefusion -------------------------------------------------------------------------


def test_report_5_weeks_when_wages_paid():
    # 4 Mar 2025 + 35 days: + 28 = 1 Apr, + 7 = Tue 8 Apr 2025.
    ob = nemrefusion_report(case(), on=date(2025, 4, 3))
    assert (ob.due, ob.applies) == (date(2025, 4, 8), True)
    assert "§ 40" in str(ob.legal_basis)


def test_report_1_week_after_sygedagpenge_stop():
    # Employer pays sygedagpenge to Wed 2 Apr 2025 (end of employer period) + 7 = Wed 9 Apr.
    ob = nemrefusion_report(case(wages_paid=False), on=date(2025, 4, 3))
    assert ob.due == date(2025, 4, 9)


def test_report_14_days_when_no_duty_to_pay():
    # Employed only since 1 Feb 2025 (under 8 weeks), no wages: 4 Mar + 14 = Tue 18 Mar 2025.
    ob = nemrefusion_report(
        case(employment_start=date(2025, 2, 1), wages_paid=False), on=date(2025, 3, 5)
    )
    assert (ob.due, ob.applies) == (date(2025, 3, 18), True)


def test_report_not_due_when_absence_ends_within_employer_period():
    # Last day Wed 2 Apr 2025 = last day of the employer period → nothing to report.
    ob = nemrefusion_report(case(last_day=date(2025, 4, 2)), on=date(2025, 4, 10))
    assert not ob.applies
    # One day longer (Thu 3 Apr) → report due 8 Apr.
    assert nemrefusion_report(case(last_day=date(2025, 4, 3)), on=date(2025, 4, 10)).applies


def test_report_for_ongoing_absence_inside_employer_period_is_conditional():
    ob = nemrefusion_report(case(), on=date(2025, 3, 10))
    assert ob.applies
    assert "ud over arbejdsgiverperioden" in str(ob.reason)


def test_report_over_year_end():
    # Fri 20 Dec 2024 + 35: + 11 = 31 Dec, + 24 = Fri 24 Jan 2025.
    ob = nemrefusion_report(case(first_day=date(2024, 12, 20)), on=date(2025, 2, 1))
    assert ob.due == date(2025, 1, 24)


# --- § 59 refusion ----------------------------------------------------------------------------


def test_refund_claims_every_three_months():
    # Employer period 4 Mar – 2 Apr 2025, refund from Thu 3 Apr. Claims by 3 Jul, 3 Oct 2025 and
    # 3 Jan 2026; absence ending 1 Dec 2025 is covered by the claim of 3 Jan 2026.
    dates = refund_claim_dates(case(last_day=date(2025, 12, 1)), until=date(2025, 4, 1))
    assert dates == [date(2025, 7, 3), date(2025, 10, 3), date(2026, 1, 3)]


def test_refund_claims_month_end_clamping_in_leap_year():
    # 1st day Tue 31 Oct 2023: employer period to 31 Oct + 29 = Wed 29 Nov; refund from 30 Nov.
    # 30 Nov 2023 + 3 months = 30 Feb → 29 Feb 2024 (leap); then 29 May, 29 Aug 2024.
    # Ongoing, computed on 1 Jun 2024: the list ends with the first claim on/after that day.
    dates = refund_claim_dates(case(first_day=date(2023, 10, 31)), until=date(2024, 6, 1))
    assert dates == [date(2024, 2, 29), date(2024, 5, 29), date(2024, 8, 29)]


def test_refund_claims_from_first_day_under_section_56():
    # No employer period: refund from Tue 4 Mar 2025; 1st claim by 4 Jun 2025.
    agreement = Section56Terms(approved_on=date(2024, 6, 1))
    c = case(section_56=agreement, section_56_related=True, last_day=date(2025, 3, 20))
    assert refund_claim_dates(c, until=date(2025, 3, 20)) == [date(2025, 6, 4)]


def test_no_refund_claims_when_absence_within_employer_period():
    assert refund_claim_dates(case(last_day=date(2025, 3, 10)), until=date(2025, 3, 10)) == []


def test_refund_dispensation_limit_six_months():
    # 4 Mar 2025 + 6 months = 4 Sep 2025; 31 Oct 2023 + 6 months = 30 Apr 2024 (clamped).
    assert refund_dispensation_limit(case(), on=date(2025, 5, 1)).due == date(2025, 9, 4)
    ob = refund_dispensation_limit(case(first_day=date(2023, 10, 31)), on=date(2024, 1, 1))
    assert ob.due == date(2024, 4, 30)
    assert ob.information_only


# --- § 7 b fastholdelsesplan ------------------------------------------------------------------


def test_retention_plan_without_request_is_information():
    ob = retention_plan(case())
    assert ob.information_only
    assert ob.due is None


def test_retention_plan_requested_due_by_first_jobcenter_follow_up():
    # Requested Mon 10 Mar 2025; due by the first follow-up, the end of week 8 counted from the
    # 1st sick day Tue 4 Mar 2025 (day 1): 4 Mar + 55 = Mon 28 Apr 2025.
    ob = retention_plan(case(retention_plan=RetentionPlanRequest(date(2025, 3, 10))))
    assert (ob.applies, ob.due) == (True, date(2025, 4, 28))
    assert not ob.information_only


def test_retention_plan_requested_after_week_8_has_no_statutory_deadline():
    ob = retention_plan(case(retention_plan=RetentionPlanRequest(date(2025, 4, 30))))
    assert ob.applies
    assert ob.due is None
    assert "ingen frist" in str(ob.reason)


def test_retention_plan_refused_is_recorded():
    request = RetentionPlanRequest(
        date(2025, 3, 10), decision=PlanDecision.REFUSED, decided_on=date(2025, 3, 14)
    )
    ob = retention_plan(case(retention_plan=request))
    assert not ob.applies
    assert "afslået" in str(ob.reason)
    assert "14. marts 2025" in str(ob.reason)


def test_retention_plan_no_right_when_not_expected_over_8_weeks():
    request = RetentionPlanRequest(date(2025, 3, 10), expected_over_8_weeks=False)
    assert not retention_plan(case(retention_plan=request)).applies


# --- § 56 -------------------------------------------------------------------------------------


def test_section_56_two_years_and_renewal_reminder():
    # Approved Fri 1 Mar 2024: valid to 28 Feb 2026; reminder 2 months earlier: 28 Dec 2025.
    agreement = Section56Terms(approved_on=date(2024, 3, 1))
    assert agreement.valid_until == date(2026, 2, 28)
    assert section_56_renewal(agreement).due == date(2025, 12, 28)
    # Lead time is local policy: 3 months → 28 Nov 2025.
    lead3 = Policy(section_56_renewal_lead_months=3)
    assert section_56_renewal(agreement, lead3).due == date(2025, 11, 28)


def test_section_56_leap_day_approval():
    # Approved 29 Feb 2024; 2026 has no 29 Feb, the anniversary is 1 Mar → valid to 28 Feb 2026.
    assert Section56Terms(date(2024, 2, 29)).valid_until == date(2026, 2, 28)
    # Approved 1 Mar 2022 → anniversary 1 Mar 2024 → valid to Thu 29 Feb 2024 (leap day).
    agreement = Section56Terms(date(2022, 3, 1))
    assert agreement.valid_until == date(2024, 2, 29)
    assert agreement.is_valid_on(date(2024, 2, 29))
    assert not agreement.is_valid_on(date(2024, 3, 1))


def test_section_56_renewable():
    assert section_56_renewable(10)
    assert not section_56_renewable(9)
    assert section_56_renewable(0, significant_change=True)


# --- § 13 b jobcenter -------------------------------------------------------------------------


def test_jobcenter_first_follow_up_end_of_week_8():
    # The 1st absence day is day 1 of week 1, so week 8 ends on day 56 = 1st day + 55.
    # Tue 4 Mar 2025: week 1 is Tue 4 – Mon 10 Mar; + 55 = Mon 28 Apr 2025 (4 Mar + 27 = 31 Mar,
    # + 28 = 28 Apr). DOMAIN.md 1.8's example: Thu 17 Apr 2025 → Wed 11 Jun 2025 (17 Apr + 13 =
    # 30 Apr, + 31 = 31 May, + 11 = 11 Jun). Over year end: Fri 20 Dec 2024 + 55 = Thu 13 Feb 2025
    # (20 Dec + 11 = 31 Dec, + 31 = 31 Jan, + 13 = 13 Feb).
    ob = jobcenter_follow_up(case())
    assert (ob.due, ob.information_only) == (date(2025, 4, 28), True)
    assert jobcenter_follow_up(case(first_day=date(2025, 4, 17))).due == date(2025, 6, 11)
    assert jobcenter_follow_up(case(first_day=date(2024, 12, 20))).due == date(2025, 2, 13)


def test_end_of_week_counts_the_first_day_as_day_1_and_weeks_after_does_not():
    # § 13 b "udgangen af 8. uge regnet fra første fraværsdag" against § 7 a "4 uger efter".
    assert end_of_week(date(2025, 3, 4), 1) == date(2025, 3, 10)  # Tue → Mon
    assert end_of_week(date(2025, 3, 4), 8) == date(2025, 4, 28)
    assert weeks_after(date(2025, 3, 4), 4) == date(2025, 4, 1)  # Tue → Tue


def test_jobcenter_early_follow_up_two_weeks_after_request():
    # Early follow-up requested Mon 10 Mar 2025 → within 2 weeks: Mon 24 Mar 2025.
    ob = jobcenter_follow_up(case(early_follow_up_requested_on=date(2025, 3, 10)))
    assert ob.due == date(2025, 3, 24)


def test_jobcenter_not_relevant_when_back_before_week_8():
    assert not jobcenter_follow_up(case(last_day=date(2025, 4, 27))).applies
    assert jobcenter_follow_up(case(last_day=date(2025, 4, 28))).applies  # sick on the due day


# --- obligations() ----------------------------------------------------------------------------


def test_obligations_for_an_ongoing_case():
    on = date(2025, 4, 10)
    result = obligations(case(), on)
    by_code = {o.code: o for o in result}
    # Contacts day 1, 5, 14: Tue 4 Mar, Sat 8 Mar, Mon 17 Mar 2025.
    assert by_code["contact_day_1"].due == date(2025, 3, 4)
    assert by_code["contact_day_5"].due == date(2025, 3, 8)
    assert by_code["contact_day_14"].due == date(2025, 3, 17)
    assert by_code[Code.SICKNESS_INTERVIEW].due == date(2025, 4, 1)
    assert by_code[Code.EMPLOYER_PERIOD].due == date(2025, 4, 2)
    assert by_code[Code.NEMREFUSION_REPORT].due == date(2025, 4, 8)
    assert by_code[Code.JOBCENTER_FOLLOW_UP].due == date(2025, 4, 28)
    assert by_code[Code.REFUND_CLAIM].due == date(2025, 7, 3)
    assert by_code[Code.REFUND_DISPENSATION_LIMIT].due == date(2025, 9, 4)
    dated = [o.due for o in result if o.due is not None]
    assert dated == sorted(dated)
    assert all(o.legal_basis for o in result)
    assert all(o.description for o in result)


def test_obligations_short_absence():
    # Sick Tue 4 – Thu 6 Mar 2025: only the day-1 contact applies; the rest does not arise.
    result = obligations(case(last_day=date(2025, 3, 6)), on=date(2025, 3, 7))
    applying = {o.code for o in result if o.applies and not o.information_only}
    assert applying == {"contact_day_1"}


def test_obligations_use_given_policy_contact_days():
    result = obligations(case(), date(2025, 3, 4), Policy(contact_days=(2, 6, 14)))
    codes = {o.code for o in result if o.code.startswith("contact")}
    assert codes == {"contact_day_2", "contact_day_6", "contact_day_14"}


def test_obligations_include_section_56_renewal():
    agreement = Section56Terms(approved_on=date(2024, 3, 1))
    result = obligations(case(section_56=agreement), date(2025, 3, 4))
    assert any(o.code == Code.SECTION_56_RENEWAL for o in result)


def test_last_day_before_first_day_is_rejected():
    with pytest.raises(ValueError, match="ret datoerne"):
        SicknessCase(first_day=FIRST, last_day=FIRST - timedelta(days=1))


# --- properties -------------------------------------------------------------------------------

days = st.dates(min_value=date(2005, 1, 1), max_value=date(2040, 12, 31))


@st.composite
def cases(draw) -> SicknessCase:
    first = draw(days)
    length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=800)))
    last = None if length is None else first + timedelta(days=length)
    start = draw(st.one_of(st.none(), st.dates(max_value=first)))
    notice = draw(st.one_of(st.none(), st.dates(min_value=first - timedelta(days=90))))
    leave = draw(st.one_of(st.none(), st.dates(min_value=first)))
    request = draw(
        st.one_of(
            st.none(),
            st.builds(
                RetentionPlanRequest,
                requested_on=st.dates(min_value=first, max_value=first + timedelta(days=200)),
                expected_over_8_weeks=st.booleans(),
                decision=st.one_of(st.none(), st.sampled_from(PlanDecision)),
            ),
        )
    )
    early = draw(st.one_of(st.none(), st.dates(min_value=first, max_value=date(2041, 12, 31))))
    return SicknessCase(
        first_day=first,
        last_day=last,
        employment_start=start,
        hours_last_8_weeks=draw(st.one_of(st.none(), st.integers(0, 400))),
        notice_given_on=notice,
        leave_date=leave,
        wages_paid=draw(st.booleans()),
        flexjob=draw(st.booleans()),
        retention_plan=request,
        early_follow_up_requested_on=early,
    )


@given(cases(), st.integers(min_value=0, max_value=1000))
def test_every_due_date_on_or_after_first_sick_day(c, offset):
    on = c.first_day + timedelta(days=offset)
    for ob in obligations(c, on):
        assert ob.due is None or ob.due >= c.first_day, ob


@given(cases())
def test_employer_period_length_matches_rule(c):
    period = employer_period(c)
    if period.applies:
        assert period.last_day is not None
        assert (period.last_day - c.first_day).days + 1 == employer_period_days(c.first_day)
        assert period.days in (15, 21, 30)


@given(cases())
def test_interview_before_jobcenter_and_report_within_five_weeks(c):
    interview, jobcenter = sickness_interview(c).due, jobcenter_follow_up(c).due
    assert interview is not None and jobcenter is not None
    assert interview < jobcenter or c.early_follow_up_requested_on is not None
    report = nemrefusion_report(c, c.first_day)
    assert report.due is not None
    assert report.due <= c.first_day + timedelta(days=37)


@given(cases(), st.integers(min_value=0, max_value=2000))
def test_refund_claims_leave_no_gap(c, offset):
    """Each claim reaches back (3 months) to the day after the previous one's cover."""
    until = c.first_day + timedelta(days=offset)
    dates = refund_claim_dates(c, until)
    covered_from = c.first_day if not employer_period(c).applies else None
    if covered_from is None:
        last = employer_period(c).last_day
        assert last is not None
        covered_from = last + timedelta(days=1)
    for claim in dates:
        assert claim > covered_from
        assert add_months(claim, -3) <= covered_from
        covered_from = claim
    if dates and c.last_day is None:
        assert dates[-1] >= until
    if dates and c.last_day is not None:
        assert dates[-1] >= c.last_day
