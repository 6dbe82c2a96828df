"""Retention: the rules of people, absence and correction requests, proposed batches, the DPO's
decision, the log.

Today is fixed at 23 November 2026 and the default period is 5 years, so the cut-off is
23 November 2021: a period that ended that day is not yet past; one that ended the day before is.
"""

from __future__ import annotations

from datetime import date

import pytest

from charlie.absence.models import AbsencePeriod, AbsenceType
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.models import Employment, Gender, Person
from charlie.people.retention import FORMER_EMPLOYEES, anonymise, find_former_employees
from charlie.people.services import access_for
from charlie.people.tests.factories import EmploymentFactory, PersonFactory, UserFactory
from charlie.privacy import registry
from charlie.privacy.models import (
    AuditEntry,
    AuditLogIsAppendOnly,
    BatchStatus,
    DeletionLog,
    RetentionBatch,
    RetentionPolicy,
)
from charlie.privacy.services import UnregisteredPurpose
from charlie.privacy.services import retention as services

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)
EXACTLY_FIVE_YEARS = date(2021, 11, 23)
ONE_DAY_MORE = date(2021, 11, 22)
NOT_DPO = ("employee", "manager", "hr", "analyst", "admin")


def former(org, end: date, **person: object) -> Person:
    """A person whose only employment ended on ``end``."""
    return EmploymentFactory(
        person=PersonFactory(**person),
        org_unit=org.nord,
        start_date=date(2010, 1, 1),
        end_date=end,
        end_reason="resignation",
    ).person


def absence(person: Person, start: date, end: date | None) -> AbsencePeriod:
    return AbsencePeriod.objects.create(
        person=person, absence_type=AbsenceType.SICKNESS, start_date=start, end_date=end
    )


def batch_for(code: str) -> RetentionBatch:
    return RetentionBatch.objects.get(rule_code=code, status=BatchStatus.PROPOSED)


# --- The rules of the apps ---


def test_both_rules_are_registered_with_their_defaults():
    rules = registry.retention_rules()
    assert rules["tidligere_medarbejdere"].category == "stamdata"
    assert rules["tidligere_medarbejdere"].action == "anonymise"
    assert rules["tidligere_medarbejdere"].default_years == 5
    assert rules["fravaersperioder"].category == "fravaer"
    assert rules["fravaersperioder"].action == "delete"
    assert rules["fravaersperioder"].default_years == 5


def test_former_employee_ended_exactly_five_years_ago_is_not_yet_found(org):
    person = former(org, EXACTLY_FIVE_YEARS)
    assert person.pk not in find_former_employees(TODAY, 5)


def test_former_employee_one_day_more_is_found(org):
    person = former(org, ONE_DAY_MORE)
    assert find_former_employees(TODAY, 5) == [person.pk]


def test_an_open_employment_is_never_found(org):
    person = former(org, date(2012, 1, 1))
    EmploymentFactory(person=person, org_unit=org.syd, start_date=date(2013, 1, 1), end_date=None)
    assert find_former_employees(TODAY, 1) == []


def test_the_last_employment_counts(org):
    person = former(org, date(2012, 6, 30))
    EmploymentFactory(
        person=person, org_unit=org.syd, start_date=date(2013, 1, 1), end_date=date(2024, 1, 31)
    )
    assert find_former_employees(TODAY, 5) == []
    assert find_former_employees(date(2029, 2, 1), 5) == [person.pk]


def test_a_person_without_employments_is_not_found(org):
    PersonFactory()
    assert find_former_employees(TODAY, 1) == []


def test_anonymise_keeps_what_statistics_need(org):
    user = UserFactory()
    person = former(
        org,
        ONE_DAY_MORE,
        first_name="Birgitte",
        last_name="Sørensen",
        email="bs@kommune.dk",
        phone="12345678",
        birth_date=date(1961, 8, 14),
        gender=Gender.FEMALE,
        user=user,
    )
    employments = list(Employment.objects.filter(person=person).values())

    applied = anonymise([person.pk])

    assert applied.count == 1
    assert applied.person_ids == [person.pk]
    person.refresh_from_db()
    assert person.first_name == "Anonymiseret"
    assert person.last_name == ""
    assert person.email == ""
    assert person.phone == ""
    assert person.user is None
    user.refresh_from_db()
    assert not user.is_active and user.email == "" and user.first_name == ""
    assert person.employee_number == f"ANON-{person.pk}"
    assert person.birth_date == date(1961, 1, 1)
    assert person.gender == Gender.FEMALE
    assert list(Employment.objects.filter(person=person).values()) == employments
    # Already anonymised: not found again.
    assert find_former_employees(TODAY, 5) == []


def test_absence_ended_exactly_five_years_ago_is_not_yet_found_one_day_more_is(org):
    rule = registry.retention_rules()["fravaersperioder"]
    person = org.person_in_nord
    exactly = absence(person, date(2021, 11, 1), EXACTLY_FIVE_YEARS)
    older = absence(person, date(2021, 10, 1), ONE_DAY_MORE)  # one period per first day
    absence(person, date(2010, 1, 1), None)  # not ended: never found
    assert rule.find(TODAY, 5) == [older.pk]
    assert exactly.pk in rule.find(date(2026, 11, 24), 5)


def test_absence_delete_returns_the_count_and_whose(org):
    rule = registry.retention_rules()["fravaersperioder"]
    a = absence(org.person_in_nord, date(2015, 1, 5), date(2015, 1, 9))
    b = absence(org.person_in_nord, date(2016, 3, 1), date(2016, 3, 2))
    c = absence(org.person_in_syd, date(2016, 4, 1), date(2016, 4, 2))
    keep = absence(org.person_in_syd, date(2026, 1, 1), date(2026, 1, 2))
    applied = rule.apply([a.pk, b.pk, c.pk])
    assert applied.count == 3
    assert applied.person_ids == sorted({org.person_in_nord.pk, org.person_in_syd.pk})
    assert list(AbsencePeriod.objects.values_list("pk", flat=True)) == [keep.pk]


# --- The dry run ---


def test_find_expired_counts_by_year_and_changes_nothing(org):
    former(org, date(2019, 3, 31))
    former(org, date(2019, 12, 31))
    former(org, date(2020, 6, 30))
    former(org, date(2024, 6, 30))  # not past
    absence(org.person_in_nord, date(2018, 1, 1), date(2018, 1, 3))
    people_before = list(Person.objects.values_list("pk", "first_name"))

    reports = {r.rule.code: r for r in services.find_expired(TODAY)}

    people = reports["tidligere_medarbejdere"]
    assert (people.years, people.policy_set, people.count) == (5, False, 3)
    assert people.by_year == {2019: 2, 2020: 1}
    assert reports["fravaersperioder"].count == 1
    assert reports["fravaersperioder"].by_year == {2018: 1}
    assert list(Person.objects.values_list("pk", "first_name")) == people_before
    assert AbsencePeriod.objects.count() == 1
    assert not RetentionBatch.objects.exists()


# --- Proposed batches ---


def test_propose_batches_deletes_nothing(org):
    person = former(org, ONE_DAY_MORE, first_name="Karen")
    period = absence(org.person_in_nord, date(2015, 1, 5), date(2015, 1, 9))

    batches = services.propose_batches(TODAY)

    assert {b.rule_code for b in batches} == {"tidligere_medarbejdere", "fravaersperioder"}
    people = batch_for("tidligere_medarbejdere")
    assert people.item_ids == [person.pk]
    assert (people.count, people.years, people.as_of) == (1, 5, TODAY)
    assert people.category == "stamdata"
    assert people.by_year == {"2021": 1}
    assert batch_for("fravaersperioder").item_ids == [period.pk]
    person.refresh_from_db()
    assert person.first_name == "Karen"
    assert AbsencePeriod.objects.filter(pk=period.pk).exists()
    assert not DeletionLog.objects.exists()
    assert not AuditEntry.objects.filter(action__in=["update", "delete"]).exists()


def test_proposing_again_keeps_an_identical_batch(org):
    former(org, ONE_DAY_MORE)
    first = services.propose_batches(TODAY)
    second = services.propose_batches(TODAY)
    assert [b.pk for b in first] == [b.pk for b in second]
    assert RetentionBatch.objects.count() == 1


def test_a_changed_finding_supersedes_the_older_proposal(org):
    former(org, ONE_DAY_MORE)
    old = services.propose_batches(TODAY)[0]
    former(org, date(2020, 1, 1))

    new = services.propose_batches(TODAY)[0]

    old.refresh_from_db()
    assert old.status == BatchStatus.SUPERSEDED
    assert old.item_ids == []  # the ids go; the count stays
    assert old.count == 1
    assert new.pk != old.pk and new.count == 2


def test_a_rule_that_finds_nothing_has_no_proposal(org):
    person = former(org, ONE_DAY_MORE)
    old = services.propose_batches(TODAY)[0]
    EmploymentFactory(person=person, org_unit=org.syd, start_date=date(2026, 1, 1))

    assert services.propose_batches(TODAY) == []

    old.refresh_from_db()
    assert old.status == BatchStatus.SUPERSEDED


# --- Approve ---


def test_only_the_dpo_may_decide(org, users):
    former(org, ONE_DAY_MORE)
    batch = services.propose_batches(TODAY)[0]
    for role in NOT_DPO:
        with pytest.raises(PermissionDenied):
            services.approve(access_for(users[role]), batch.pk, today=TODAY)
        with pytest.raises(PermissionDenied):
            services.reject(access_for(users[role]), batch.pk, "nej")
        with pytest.raises(PermissionDenied):
            services.update_policy(access_for(users[role]), "fravaersperioder", 3)
        with pytest.raises(PermissionDenied):
            services.propose_now(access_for(users[role]), TODAY)
    assert batch_for("tidligere_medarbejdere").pk == batch.pk


def test_approve_anonymises_logs_counts_only_and_audits(org, users):
    a = former(org, ONE_DAY_MORE, first_name="Ingrid", last_name="Holm")
    b = former(org, date(2018, 5, 31), first_name="Poul", last_name="Dahl")
    services.propose_batches(TODAY)
    batch_for_people = batch_for("tidligere_medarbejdere")

    log = services.approve(access_for(users["dpo"]), batch_for_people.pk, today=TODAY)

    for person in (a, b):
        person.refresh_from_db()
        assert person.first_name == "Anonymiseret"
    assert (log.rule_code, log.category, log.action) == (
        "tidligere_medarbejdere",
        "stamdata",
        "anonymise",
    )
    assert (log.count, log.years, log.unit, log.as_of) == (2, 5, "years", TODAY)
    assert (log.approver_username, log.approver_role) == ("test-dpo", "dpo")
    assert log.batch_id == batch_for_people.pk
    # The deletion log holds no ids or names of people: these are all its fields.
    fields = {f.name for f in DeletionLog._meta.get_fields()}
    assert fields == {
        "id",
        "at",
        "rule_code",
        "category",
        "action",
        "count",
        "years",
        "unit",
        "as_of",
        "approver_username",
        "approver_role",
        "batch",
    }
    row = " ".join(str(v) for v in DeletionLog.objects.values().get())
    for text in ("Ingrid", "Holm", "Poul", "Dahl", a.employee_number, b.employee_number):
        assert text not in row
    batch = RetentionBatch.objects.get(pk=batch_for_people.pk)
    assert batch.status == BatchStatus.EXECUTED
    assert batch.item_ids == []
    assert batch.approved_by == users["dpo"]
    assert batch.approved_at is not None and batch.executed_at is not None
    assert batch.executed_count == 2
    entries = AuditEntry.objects.filter(action="update", category="stamdata")
    assert {e.subject_person_id for e in entries} == {a.pk, b.pk}
    assert {(e.actor_username, e.purpose, e.channel) for e in entries} == {
        ("test-dpo", "hr_administration", "ui")
    }


def test_approve_deletes_absence_and_audits_whose(org, users):
    a = absence(org.person_in_nord, date(2015, 1, 5), date(2015, 1, 9))
    absence(org.person_in_syd, date(2016, 1, 5), date(2016, 1, 9))
    keep = absence(org.person_in_syd, date(2026, 1, 5), date(2026, 1, 9))
    services.propose_batches(TODAY)

    log = services.approve(access_for(users["dpo"]), batch_for("fravaersperioder").pk, today=TODAY)

    assert (log.count, log.action, log.category) == (2, "delete", "fravaer")
    assert list(AbsencePeriod.objects.values_list("pk", flat=True)) == [keep.pk]
    entries = AuditEntry.objects.filter(action="delete", category="fravaer")
    assert {e.subject_person_id for e in entries} == {org.person_in_nord.pk, org.person_in_syd.pk}
    assert a.pk not in AbsencePeriod.objects.values_list("pk", flat=True)


def test_approve_rechecks_the_items_as_of_today(org, users):
    back = former(org, ONE_DAY_MORE, first_name="Tove")
    gone = former(org, ONE_DAY_MORE, first_name="Erik")
    services.propose_batches(TODAY)
    # Tove is hired again before the DPO decides: she no longer matches the rule.
    EmploymentFactory(person=back, org_unit=org.syd, start_date=date(2026, 11, 1))

    log = services.approve(
        access_for(users["dpo"]), batch_for("tidligere_medarbejdere").pk, today=TODAY
    )

    back.refresh_from_db()
    gone.refresh_from_db()
    assert back.first_name == "Tove"
    assert gone.first_name == "Anonymiseret"
    assert log.count == 1


def test_approve_uses_the_period_in_force_today(org, users):
    person = former(org, ONE_DAY_MORE, first_name="Lone")
    services.propose_batches(TODAY)
    batch = batch_for("tidligere_medarbejdere")
    # The period is lengthened behind the proposal's back (not through the service).
    RetentionPolicy.objects.create(rule_code="tidligere_medarbejdere", years=10)

    log = services.approve(access_for(users["dpo"]), batch.pk, today=TODAY)

    person.refresh_from_db()
    assert person.first_name == "Lone"
    assert (log.count, log.years) == (0, 10)


def test_a_batch_is_decided_once(org, users):
    former(org, ONE_DAY_MORE)
    services.propose_batches(TODAY)
    batch = batch_for("tidligere_medarbejdere")
    services.approve(access_for(users["dpo"]), batch.pk, today=TODAY)
    with pytest.raises(ValidationFailed, match="allerede behandlet"):
        services.approve(access_for(users["dpo"]), batch.pk, today=TODAY)
    with pytest.raises(ValidationFailed, match="allerede behandlet"):
        services.reject(access_for(users["dpo"]), batch.pk, "for sent")
    assert DeletionLog.objects.count() == 1


def test_unknown_batch_is_not_found(users):
    with pytest.raises(NotFound):
        services.approve(access_for(users["dpo"]), 987654, today=TODAY)
    with pytest.raises(NotFound):
        services.reject(access_for(users["dpo"]), 987654, "x")


def test_approve_changes_nothing_when_the_register_does_not_allow_the_audit(
    org, users, monkeypatch
):
    applied: list[list[int]] = []
    rule = registry.RetentionRule(
        code="testregel",
        category="ukendt_kategori",
        label="Test",
        description="Test",
        default_years=1,
        action="delete",
        find=lambda today, years: [1, 2],
        apply=lambda ids: applied.append(ids) or registry.Applied(len(ids), [1]),
    )
    monkeypatch.setattr(registry, "_retention_rules", {"testregel": rule})
    batch = services.propose_batches(TODAY)[0]

    with pytest.raises(UnregisteredPurpose):
        services.approve(access_for(users["dpo"]), batch.pk, today=TODAY)

    assert applied == []
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PROPOSED
    assert not DeletionLog.objects.exists()


def test_the_deletion_log_is_append_only(org, users):
    former(org, ONE_DAY_MORE)
    services.propose_batches(TODAY)
    log = services.approve(
        access_for(users["dpo"]), batch_for("tidligere_medarbejdere").pk, today=TODAY
    )
    log.count = 99
    with pytest.raises(AuditLogIsAppendOnly):
        log.save()
    with pytest.raises(AuditLogIsAppendOnly):
        log.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        DeletionLog.objects.all().delete()


# --- Reject ---


def test_reject_keeps_everything_and_the_reason(org, users):
    person = former(org, ONE_DAY_MORE, first_name="Hanne")
    services.propose_batches(TODAY)
    batch = batch_for("tidligere_medarbejdere")

    with pytest.raises(ValidationFailed, match="begrundelse"):
        services.reject(access_for(users["dpo"]), batch.pk, "  ")
    rejected = services.reject(
        access_for(users["dpo"]), batch.pk, "Kassation ikke godkendt af arkivet."
    )

    assert rejected.status == BatchStatus.REJECTED
    assert rejected.note == "Kassation ikke godkendt af arkivet."
    assert rejected.rejected_by == users["dpo"]
    assert rejected.item_ids == []
    person.refresh_from_db()
    assert person.first_name == "Hanne"
    assert not DeletionLog.objects.exists()
    # The rule finds the person again the next day: a new proposal.
    assert services.propose_batches(date(2026, 11, 24))[0].pk != batch.pk


# --- The kommune's periods ---


def test_update_policy_validates_and_replaces_the_proposal(org, users):
    former(org, date(2018, 1, 31))
    former(org, date(2022, 6, 30))
    services.propose_batches(TODAY)
    old = batch_for("tidligere_medarbejdere")
    assert old.count == 1

    for years in (0, 51, -3):
        with pytest.raises(ValidationFailed, match="mellem 1 og 50"):
            services.update_policy(
                access_for(users["dpo"]), "tidligere_medarbejdere", years, today=TODAY
            )
    policy = services.update_policy(
        access_for(users["dpo"]), "tidligere_medarbejdere", 3, today=TODAY
    )

    assert (policy.years, policy.changed_by, policy.changed_by_username) == (
        3,
        users["dpo"],
        "test-dpo",
    )
    old.refresh_from_db()
    assert old.status == BatchStatus.SUPERSEDED
    new = batch_for("tidligere_medarbejdere")
    assert (new.years, new.count) == (3, 2)
    report = {r.rule.code: r for r in services.find_expired(TODAY)}["tidligere_medarbejdere"]
    assert (report.years, report.policy_set, report.count) == (3, True, 2)


def test_update_policy_for_an_unknown_rule_is_not_found(users):
    with pytest.raises(NotFound):
        services.update_policy(access_for(users["dpo"]), "findes_ikke", 5)


def test_rule_definitions_are_checked():
    with pytest.raises(ValueError, match="action"):
        registry.RetentionRule(
            code="x",
            category="x",
            label="x",
            description="x",
            default_years=5,
            action="shred",
            find=lambda today, years: [],
            apply=lambda ids: registry.Applied(0, []),
        )
    assert FORMER_EMPLOYEES.by_year is not None


def test_a_rule_has_one_default_in_its_unit_and_range():
    def rule(**period: int) -> registry.RetentionRule:
        return registry.RetentionRule(
            code="x",
            category="x",
            label="x",
            description="x",
            action="delete",
            find=lambda today, period: [],
            apply=lambda ids: registry.Applied(0, []),
            **period,
        )

    assert (rule(default_years=5).unit, rule(default_years=5).default_period) == ("years", 5)
    assert (rule(default_months=6).unit, rule(default_months=6).default_period) == ("months", 6)
    assert rule(default_months=600).default_period == 600
    for bad in ({}, {"default_years": 1, "default_months": 6}):
        with pytest.raises(ValueError, match="one"):
            rule(**bad)
    for bad in ({"default_years": 51}, {"default_months": 0}, {"default_months": 601}):
        with pytest.raises(ValueError, match="must be"):
            rule(**bad)


def test_a_month_rule_gets_its_period_in_months_and_the_rows_say_so(org, users, monkeypatch):
    """A rule of 6 months finds with 6; the batch, the policy and the deletion log store the
    unit; the DPO may choose 1–600 months."""
    seen: list[int] = []

    def find(today: date, months: int) -> list[int]:
        seen.append(months)
        return [7]

    rule = registry.RetentionRule(
        code="maanedsregel",
        category="stamdata",
        label="Månedsregel",
        description="Test",
        default_months=6,
        action="delete",
        find=find,
        apply=lambda ids: registry.Applied(len(ids), []),
    )
    monkeypatch.setattr(registry, "_retention_rules", {rule.code: rule})
    report = services.find_expired(TODAY)[0]
    assert (report.years, report.unit, report.period_label) == (6, "months", "6 måneder")
    batch = services.propose_batches(TODAY)[0]
    assert (batch.years, batch.unit) == (6, "months") and seen == [6, 6]

    dpo = access_for(users["dpo"])
    for months in (0, 601):
        with pytest.raises(ValidationFailed, match="måneder mellem 1 og 600"):
            services.update_policy(dpo, rule.code, months, today=TODAY)
    policy = services.update_policy(dpo, rule.code, 1, today=TODAY)
    assert (policy.years, policy.unit, policy.period_label) == (1, "months", "1 måned")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.SUPERSEDED
    new = batch_for("maanedsregel")
    assert (new.years, new.unit) == (1, "months")
    log = services.approve(dpo, new.pk, today=TODAY)
    assert (log.count, log.years, log.unit, log.period_label) == (1, 1, "months", "1 måned")


# --- Handled requests for correction (privacy's own rule, 2 years by default) ---


def _request(person: Person, status: str, handled: date | None):
    from datetime import datetime, time

    from django.utils import timezone

    from charlie.privacy.models import CorrectionRequest

    return CorrectionRequest.objects.create(
        subject_person_id=person.pk,
        category="stamdata",
        message="Mit efternavn er stavet forkert.",
        status=status,
        handled_at=(timezone.make_aware(datetime.combine(handled, time(12))) if handled else None),
    )


def test_handled_requests_older_than_the_period_are_found_open_ones_never(org):
    from charlie.privacy.correction_retention import (
        HANDLED_CORRECTION_REQUESTS,
        delete_handled_requests,
        find_handled_requests,
        handled_requests_by_year,
    )

    assert registry.retention_rules()["anmodninger_om_rettelse"] is HANDLED_CORRECTION_REQUESTS
    assert HANDLED_CORRECTION_REQUESTS.default_years == 2
    person = org.person_in_nord
    # 2 years before 23 Nov 2026 is 23 Nov 2024: handled that day is not yet past.
    exactly = _request(person, "done", date(2024, 11, 23))
    day_before = _request(person, "rejected", date(2024, 11, 22))
    still_open = _request(person, "open", None)
    found = find_handled_requests(TODAY, 2)
    assert found == [day_before.pk]
    assert handled_requests_by_year(TODAY, 2) == {2024: 1}
    applied = delete_handled_requests(found)
    assert (applied.count, applied.person_ids) == (1, [person.pk])
    from charlie.privacy.models import CorrectionRequest

    assert set(CorrectionRequest.objects.values_list("pk", flat=True)) == {
        exactly.pk,
        still_open.pk,
    }
