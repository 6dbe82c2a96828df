"""Employee self-service: report sick, report recovered, own history and "Det sker nu".
Dates in the follow-up steps are worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from charlie.absence.forms import SickReportForm
from charlie.absence.models import AbsencePeriod, AbsenceType
from charlie.absence.services import selfservice
from charlie.absence.stats import DEFAULT_CLASSIFICATION, Category
from charlie.core.cache import version
from charlie.people.services import access_for
from charlie.people.services import today as local_today
from charlie.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db

ON = date(2026, 3, 10)  # a Tuesday


@pytest.fixture
def employee(users):
    return users["employee"]


@pytest.fixture
def me(org, users):
    return org.person_in_nord


def periods(person):
    return list(AbsencePeriod.objects.filter(person=person).order_by("start_date"))


def entries(person, action):
    return list(AuditEntry.objects.filter(subject_person_id=person.pk, action=action))


def error_of(exc_info) -> tuple[str, str]:
    return exc_info.value.field, exc_info.value.messages[0]


# --- report sick --------------------------------------------------------------------------


def test_report_sick_opens_a_sickness_period_for_the_own_person(employee, me):
    period = selfservice.report_sick(access_for(employee), first_day=date(2026, 3, 9), on=ON)
    assert period.person == me
    assert period.absence_type == AbsenceType.SICKNESS
    assert period.start_date == date(2026, 3, 9)
    assert period.end_date is None
    assert period.hours_per_day is None
    assert period.employment == me.employments.get()


def test_report_sick_is_audited_as_own_create(employee, me):
    selfservice.report_sick(access_for(employee), first_day=ON, on=ON)
    [entry] = [e for e in entries(me, "create") if e.detail == "sygemelding"]
    assert (entry.category, entry.purpose, entry.channel) == ("fravaer", "egen_indsigt", "ui")
    assert entry.actor == employee
    assert entry.detail == "sygemelding"


def test_report_sick_bumps_the_absence_cache(employee):
    before = version("absence")
    selfservice.report_sick(access_for(employee), first_day=ON, on=ON)
    assert version("absence") > before


def test_partial_sickness_stores_the_hours(employee, me):
    period = selfservice.report_sick(
        access_for(employee), first_day=ON, partial_hours=Decimal("3.5"), on=ON
    )
    assert period.absence_type == AbsenceType.PARTIAL_SICKNESS
    assert period.hours_per_day == Decimal("3.50")


@pytest.mark.parametrize("hours", ["0", "-1", "7.4", "8"])
def test_partial_hours_must_be_between_0_and_the_daily_hours(employee, me, hours):
    with pytest.raises(selfservice.ReportError) as exc:
        selfservice.report_sick(
            access_for(employee), first_day=ON, partial_hours=Decimal(hours), on=ON
        )
    field, message = error_of(exc)
    assert field == "hours"
    assert "mere end 0 og mindre end dine daglige timer (7,40)" in message
    assert periods(me) == []


def test_partial_hours_follow_the_employment_of_the_day(employee, me):
    job = me.employments.get()
    job.weekly_hours = Decimal("20")  # 4 hours a day
    job.save()
    with pytest.raises(selfservice.ReportError, match=r"\(4,00\)"):
        selfservice.report_sick(
            access_for(employee), first_day=ON, partial_hours=Decimal("4"), on=ON
        )
    period = selfservice.report_sick(
        access_for(employee), first_day=ON, partial_hours=Decimal("3.99"), on=ON
    )
    assert period.hours_per_day == Decimal("3.99")


def test_first_day_may_not_be_in_the_future(employee, me):
    with pytest.raises(selfservice.ReportError) as exc:
        selfservice.report_sick(access_for(employee), first_day=ON + timedelta(days=1), on=ON)
    assert error_of(exc) == (
        "first_day",
        "Første sygedag kan ikke ligge i fremtiden. Vælg i dag eller en tidligere dag.",
    )
    assert periods(me) == []


def test_first_day_at_most_14_days_back(employee, me):
    with pytest.raises(selfservice.ReportError) as exc:
        selfservice.report_sick(access_for(employee), first_day=date(2026, 2, 23), on=ON)
    field, message = error_of(exc)
    assert field == "first_day"
    assert "højst ligge 14 dage tilbage (tidligst 24. februar 2026)" in message
    assert "Kontakt din leder eller HR" in message
    # Exactly 14 days back is allowed.
    assert selfservice.report_sick(access_for(employee), first_day=date(2026, 2, 24), on=ON).pk


def test_refused_while_a_sickness_period_is_open(employee, me):
    selfservice.report_sick(access_for(employee), first_day=date(2026, 3, 2), on=ON)
    with pytest.raises(selfservice.ReportError) as exc:
        selfservice.report_sick(access_for(employee), first_day=ON, on=ON)
    assert error_of(exc) == (
        "",
        "Du er allerede meldt syg fra 2. marts 2026. Meld dig rask, før du melder dig syg igen.",
    )
    assert len(periods(me)) == 1


def test_refused_when_it_overlaps_another_period(employee, me):
    AbsencePeriod.objects.create(
        person=me,
        absence_type=AbsenceType.HOLIDAY,
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 6),
    )
    with pytest.raises(selfservice.ReportError) as exc:
        selfservice.report_sick(access_for(employee), first_day=date(2026, 3, 5), on=ON)
    field, message = error_of(exc)
    assert field == "first_day"
    assert "ferie fra 2. marts 2026 til 6. marts 2026" in message
    assert "Vælg en første sygedag efter 6. marts 2026" in message
    # The day after the holiday is fine: adjacent, not overlapping.
    assert selfservice.report_sick(access_for(employee), first_day=date(2026, 3, 7), on=ON).pk


def test_a_closed_sickness_period_also_counts_as_overlap(employee, me):
    AbsencePeriod.objects.create(
        person=me,
        absence_type=AbsenceType.SICKNESS,
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 4),
    )
    with pytest.raises(selfservice.ReportError, match=r"egen sygdom fra 2\. marts 2026"):
        selfservice.report_sick(access_for(employee), first_day=date(2026, 3, 3), on=ON)


def test_a_planned_holiday_later_does_not_stop_a_sick_report(employee, me):
    AbsencePeriod.objects.create(
        person=me,
        absence_type=AbsenceType.HOLIDAY,
        start_date=date(2026, 7, 1),
        end_date=date(2026, 7, 21),
    )
    assert selfservice.report_sick(access_for(employee), first_day=ON, on=ON).pk


def test_refused_without_an_employment_on_the_day(employee, me):
    job = me.employments.get()
    job.start_date = ON
    job.save()
    with pytest.raises(selfservice.ReportError) as exc:
        selfservice.report_sick(access_for(employee), first_day=date(2026, 3, 9), on=ON)
    field, message = error_of(exc)
    assert field == "first_day"
    assert message.startswith("Du har ingen ansættelse den 9. marts 2026")


def test_no_person_cannot_report(users):
    with pytest.raises(selfservice.NoPerson):
        selfservice.report_sick(access_for(users["analyst"]), first_day=ON, on=ON)
    with pytest.raises(selfservice.NoPerson):
        selfservice.report_well(access_for(users["analyst"]), last_day=ON, on=ON)
    with pytest.raises(selfservice.NoPerson):
        selfservice.my_absence(access_for(users["analyst"]), on=ON)


# --- report recovered ---------------------------------------------------------------------


def test_report_well_closes_the_open_period(employee, me):
    selfservice.report_sick(access_for(employee), first_day=date(2026, 3, 2), on=ON)
    period = selfservice.report_well(access_for(employee), last_day=date(2026, 3, 9), on=ON)
    assert period.end_date == date(2026, 3, 9)
    assert periods(me)[0].end_date == date(2026, 3, 9)
    [entry] = entries(me, "update")
    assert (entry.category, entry.purpose, entry.channel) == ("fravaer", "egen_indsigt", "ui")
    assert entry.detail == "raskmelding"


def test_report_well_on_the_first_day_is_allowed(employee):
    selfservice.report_sick(access_for(employee), first_day=ON, on=ON)
    assert selfservice.report_well(access_for(employee), last_day=ON, on=ON).end_date == ON


def test_report_well_without_an_open_period(employee):
    with pytest.raises(selfservice.ReportError) as exc:
        selfservice.report_well(access_for(employee), last_day=ON, on=ON)
    assert error_of(exc) == ("", "Du er ikke meldt syg, så der er intet at melde rask fra.")


def test_last_day_not_in_the_future(employee, me):
    selfservice.report_sick(access_for(employee), first_day=date(2026, 3, 2), on=ON)
    with pytest.raises(selfservice.ReportError) as exc:
        selfservice.report_well(access_for(employee), last_day=ON + timedelta(days=1), on=ON)
    assert error_of(exc)[0] == "last_day"
    assert "fremtiden" in error_of(exc)[1]
    assert periods(me)[0].end_date is None


def test_last_day_not_before_the_first(employee, me):
    selfservice.report_sick(access_for(employee), first_day=date(2026, 3, 2), on=ON)
    with pytest.raises(selfservice.ReportError) as exc:
        selfservice.report_well(access_for(employee), last_day=date(2026, 3, 1), on=ON)
    assert error_of(exc) == (
        "last_day",
        "Sidste sygedag kan ikke ligge før første sygedag (2. marts 2026). Vælg 2. marts 2026 "
        "eller en senere dag.",
    )
    assert periods(me)[0].end_date is None


def test_default_last_day_is_yesterday_but_not_before_the_first_day(employee):
    assert selfservice.default_last_day(None, ON) == date(2026, 3, 9)
    period = selfservice.report_sick(access_for(employee), first_day=ON, on=ON)
    assert selfservice.default_last_day(period, ON) == ON


# --- the form -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "first_day", "Vælg din første sygedag."),
        ({"first_day": "10/3"}, "first_day", "Skriv en dato som ÅÅÅÅ-MM-DD, fx 2026-03-02."),
        (
            {"first_day": "2026-03-10", "partial": "on"},
            "hours",
            "Skriv hvor mange timer om dagen du er syg, eller fjern »Delvis syg«.",
        ),
        (
            {"first_day": "2026-03-10", "partial": "on", "hours": "tre"},
            "hours",
            "Skriv antal timer som et tal, fx 3,5.",
        ),
    ],
)
def test_sick_form_errors(data, field, message):
    form = SickReportForm(data)
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_sick_form_reads_danish_decimals_and_ignores_hours_without_partial():
    form = SickReportForm({"first_day": "2026-03-10", "partial": "on", "hours": "3,5"})
    assert form.is_valid()
    assert form.partial_hours == Decimal("3.5")
    form = SickReportForm({"first_day": "2026-03-10", "hours": "3,5"})
    assert form.is_valid()
    assert form.partial_hours is None


# --- history and "Det sker nu" --------------------------------------------------------------


def test_history_newest_first_with_calendar_days_and_read_audit(employee, me):
    AbsencePeriod.objects.create(
        person=me,
        absence_type=AbsenceType.HOLIDAY,
        start_date=date(2025, 7, 1),
        end_date=date(2025, 7, 21),
    )
    AbsencePeriod.objects.create(
        person=me,
        absence_type=AbsenceType.CHILD_SICK,
        start_date=date(2025, 11, 3),
        end_date=date(2025, 11, 4),
    )
    selfservice.report_sick(access_for(employee), first_day=date(2026, 3, 2), on=ON)
    data = selfservice.my_absence(access_for(employee), on=ON)
    assert [(r.absence_type, r.first_day, r.last_day, r.days) for r in data.history] == [
        ("sickness", date(2026, 3, 2), None, 9),
        ("child_sick", date(2025, 11, 3), date(2025, 11, 4), 2),
        ("holiday", date(2025, 7, 1), date(2025, 7, 21), 21),
    ]
    assert data.history[0].ongoing
    assert data.open_sickness is not None
    reads = AuditEntry.objects.filter(subject_person_id=me.pk, action="read", category="fravaer")
    assert {(e.purpose, e.detail) for e in reads} >= {("egen_indsigt", "mit_fravaer")}
    assert {e.purpose for e in reads} == {"egen_indsigt"}


def test_steps_for_an_ongoing_spell(employee):
    # 1st sick day Monday 2 March 2026; today Tuesday 10 March 2026.
    selfservice.report_sick(access_for(employee), first_day=date(2026, 3, 2), on=ON)
    data = selfservice.my_absence(access_for(employee), on=ON)
    assert data.spell_first_day == date(2026, 3, 2)
    assert data.spell_last_day is None
    steps = {s.code: s for s in data.steps}
    # Contacts on day 1, 5 and 14 (local policy): 2, 6 and 15 March.
    assert steps["contact_day_1"].due == date(2026, 3, 2)
    assert steps["contact_day_1"].done
    assert steps["contact_day_5"].due == date(2026, 3, 6)
    assert steps["contact_day_14"].due == date(2026, 3, 15)
    assert not steps["contact_day_14"].done
    assert "Din leder kontakter dig på din 14. sygedag, 15. marts 2026" in (
        steps["contact_day_14"].text
    )
    # § 7 a: end of week 4 = 2 March + 28 days = 30 March.
    assert steps["sickness_interview"].due == date(2026, 3, 30)
    assert steps["sickness_interview"].text.startswith(
        "Sygefraværssamtale med din leder senest 30. marts 2026."
    )
    # § 7 b: the employee's right, no date.
    assert steps["retention_plan"].due is None
    assert steps["retention_plan"].text.startswith(
        "Du kan bede om en fastholdelsesplan, hvis du forventer at være syg i over 8 uger."
    )
    # § 13 b: the end of week 8 counted from Mon 2 March (day 1) = 2 March + 55 days: 2 Mar + 29
    # = 31 Mar, + 26 = Sun 26 April 2026.
    assert steps["jobcenter_follow_up"].due == date(2026, 4, 26)
    # The employer's payroll duties are not shown to the employee.
    assert set(steps) == {
        "contact_day_1",
        "contact_day_5",
        "contact_day_14",
        "sickness_interview",
        "retention_plan",
        "jobcenter_follow_up",
    }
    assert [s.due or date.max for s in data.steps] == sorted(s.due or date.max for s in data.steps)


def test_steps_after_recovery_drop_what_no_longer_applies(employee):
    selfservice.report_sick(access_for(employee), first_day=date(2026, 3, 2), on=ON)
    selfservice.report_well(access_for(employee), last_day=date(2026, 3, 4), on=ON)
    data = selfservice.my_absence(access_for(employee), on=ON)
    assert data.spell_last_day == date(2026, 3, 4)
    # Sick 2–4 March: only the day-1 contact fell inside the spell.
    assert [s.code for s in data.steps] == ["contact_day_1"]


def test_no_steps_for_an_old_spell_or_other_types(employee, me):
    AbsencePeriod.objects.create(
        person=me,
        absence_type=AbsenceType.SICKNESS,
        start_date=date(2026, 1, 5),
        end_date=date(2026, 1, 9),
    )
    AbsencePeriod.objects.create(
        person=me,
        absence_type=AbsenceType.CHILD_SICK,
        start_date=date(2026, 3, 9),
        end_date=date(2026, 3, 10),
    )
    data = selfservice.my_absence(access_for(employee), on=ON)
    assert data.spell_first_day is None
    assert data.steps == []


def test_every_absence_type_is_explained_in_line_with_the_statistics():
    help_ = {code: str(text) for code, _label, text in selfservice.type_help()}
    assert set(help_) == set(AbsenceType.values)
    for code, category in DEFAULT_CLASSIFICATION.items():
        text = help_[code]
        if category in (Category.OWN_SICKNESS, Category.WORK_INJURY):
            assert "sygefraværsprocenten" in text or "sygefravær i statistikken" in text
            assert "opfølgningen gælder" in text
        elif category is Category.CHILD_SICKNESS:
            assert "barns sygdom" in text.lower()
            assert "ingen sygefraværsopfølgning" in text
        elif category is Category.PARENTAL_LEAVE:
            # Barsel is absence (DOMAIN.md 2.1): counted apart, not outside the statistics.
            assert "fravær for sig" in text and "ikke i sygefraværsprocenten" in text
        elif category is Category.TIME_OFF:
            assert "ikke i sygefraværsstatistikken" in text
        else:
            assert "arbejdstid" in text


# --- the manager's e-mail -----------------------------------------------------------------


@pytest.fixture
def manager_mail(users):
    users["manager"].email = "leder.nord@kommune.dk"
    users["manager"].save()
    return "leder.nord@kommune.dk"


def test_sick_and_well_reports_mail_the_manager_name_and_dates_only(
    employee, me, manager_mail, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        selfservice.report_sick(
            access_for(employee), first_day=date(2026, 3, 2), partial_hours=Decimal(3), on=ON
        )
    # The sick report, and (issue 12) the reminder of the day-1 contact task it created at once.
    [sick] = [m for m in mailoutbox if m.subject.startswith("Sygemelding")]
    assert sick.to == [manager_mail]
    assert sick.subject == f"Sygemelding: {me.full_name}"
    assert "første sygedag 2. marts 2026" in sick.body
    assert me.full_name in sick.body
    assert "delvis" not in sick.body.lower() and "3" not in sick.body.replace("2026", "")
    with django_capture_on_commit_callbacks(execute=True):
        selfservice.report_well(access_for(employee), last_day=date(2026, 3, 9), on=ON)
    [well] = [m for m in mailoutbox if m.subject.startswith("Raskmelding")]
    assert well.to == [manager_mail]
    assert well.subject == f"Raskmelding: {me.full_name}"
    assert "fra 2. marts 2026 til og med 9. marts 2026" in well.body


def test_no_mail_before_the_commit_nor_when_the_report_is_refused(
    employee, manager_mail, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        selfservice.report_sick(access_for(employee), first_day=ON, on=ON)
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert [m.subject for m in mailoutbox if m.subject.startswith("Sygemelding")]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(selfservice.ReportError):
        selfservice.report_sick(access_for(employee), first_day=ON, on=ON)
    assert mailoutbox == []


def test_a_manager_who_is_sick_is_reported_to_the_manager_above(
    org, users, mailoutbox, django_capture_on_commit_callbacks
):
    from charlie.people.tests.factories import EmploymentFactory

    # The employee manages Plejecenter Nord themselves; Ældreområdet's manager is told.
    org.nord.manager = org.person_in_nord
    org.nord.save()
    boss = EmploymentFactory(org_unit=org.social, job_title="Områdechef").person
    boss.email = "chef@kommune.dk"
    boss.save()
    org.aeldre.manager = boss
    org.aeldre.save()
    with django_capture_on_commit_callbacks(execute=True):
        selfservice.report_sick(access_for(users["employee"]), first_day=ON, on=ON)
    assert [m.to for m in mailoutbox] == [["chef@kommune.dk"]]


def test_no_manager_address_sends_nothing(employee, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        selfservice.report_sick(access_for(employee), first_day=ON, on=ON)
    assert mailoutbox == []


# --- the pages ------------------------------------------------------------------------------


def test_page_shows_the_forms_the_no_diagnosis_notice_and_the_type_help(client_as):
    response = client_as("employee").get(reverse("absence:my_absence"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Meld syg" in html
    assert "Skriv ikke, hvad du fejler" in html
    assert "aldrig en diagnose eller årsag" in html
    assert "<summary>Fraværstyper</summary>" in html
    for label in AbsenceType.labels:
        assert str(label) in html
    assert f'value="{local_today().isoformat()}"' in html


def test_page_without_a_person_is_friendly(client_as):
    response = client_as("analyst").get(reverse("absence:my_absence"))
    assert response.status_code == 200
    assert "ikke knyttet til en medarbejder" in response.content.decode()


def test_posting_without_a_person_is_refused(client_as):
    client = client_as("dpo")
    today = local_today().isoformat()
    response = client.post(reverse("absence:report_sick"), {"first_day": today})
    assert response.status_code == 403
    assert "ikke knyttet til en medarbejder" in response.content.decode()
    assert client.post(reverse("absence:report_well"), {"last_day": today}).status_code == 403
    assert not AbsencePeriod.objects.exists()


def test_report_sick_and_well_through_the_pages(client_as, me, org):
    client = client_as("employee")
    today = local_today()
    # A person id in the form is ignored: one can only report for oneself.
    response = client.post(
        reverse("absence:report_sick"),
        {"first_day": today.isoformat(), "person": org.person_in_skole.pk},
        follow=True,
    )
    assert response.redirect_chain == [(reverse("absence:my_absence"), 302)]
    html = response.content.decode()
    assert "Du er meldt syg fra" in html
    assert "Meld rask" in html
    assert "Det sker nu" in html
    assert "Sygefraværssamtale med din leder senest" in html
    assert [p.person for p in AbsencePeriod.objects.all()] == [me]

    response = client.post(
        reverse("absence:report_well"), {"last_day": today.isoformat()}, follow=True
    )
    assert "Du er meldt rask" in response.content.decode()
    assert AbsencePeriod.objects.get().end_date == today


def test_errors_are_shown_at_the_field_with_status_400(client_as):
    client = client_as("employee")
    future = (local_today() + timedelta(days=1)).isoformat()
    response = client.post(reverse("absence:report_sick"), {"first_day": future})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Sygemeldingen blev ikke gemt" in html
    assert "Første sygedag kan ikke ligge i fremtiden" in html
    assert 'aria-invalid="true"' in html
    response = client.post(reverse("absence:report_well"), {"last_day": future})
    assert response.status_code == 400
    assert "Du er ikke meldt syg" in response.content.decode()


def test_get_is_refused_on_the_report_urls(client_as):
    client = client_as("employee")
    assert client.get(reverse("absence:report_sick")).status_code == 405
    assert client.get(reverse("absence:report_well")).status_code == 405


def test_page_without_a_person_writes_no_audit_entry(client_as):
    assert client_as("analyst").get(reverse("absence:my_absence")).status_code == 200
    assert not AuditEntry.objects.exists()


def test_menu_entry_only_for_users_with_a_person(client_as):
    html = client_as("employee").get(reverse("home")).content.decode()
    assert f'href="{reverse("absence:my_absence")}"' in html
    html = client_as("analyst").get(reverse("home")).content.decode()
    assert f'href="{reverse("absence:my_absence")}"' not in html
