"""The compliance service: scope, filters, audit, the rules HR keeps, "Min læring"."""

from __future__ import annotations

import datetime as dt

import pytest

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.roles import Role
from charlie.learning.models import MandatoryRule
from charlie.learning.services import compliance, rules_admin
from charlie.learning.tests.factories import CompletionFactory, CourseFactory
from charlie.people.services import access_for, operator_access
from charlie.people.tests.factories import EmploymentFactory, job_family
from charlie.privacy.models import AuditEntry

ON = dt.date(2026, 6, 1)


def rule_for(course, *units, renew=12, grace=90, families=()):
    rule = MandatoryRule.objects.create(
        name=f"Krav: {course.title}", course=course, renew_months=renew, grace_days=grace
    )
    rule.units.set(units)
    rule.job_families.set(families)
    return rule


@pytest.fixture
def first_aid(org):
    return CourseFactory(title="Førstehjælp", valid_months=None)


def statuses(rows):
    return {(r.employee_number, r.rule): r.status for r in rows}


def test_manager_sees_only_own_units(org, users, first_aid):
    rule_for(first_aid)  # everyone
    manager = access_for(users["manager"])
    rows = compliance.compliance_rows(manager, compliance.Filter(on=ON))
    # The manager manages Plejecenter Nord: only the person employed there (the manager's own
    # employment is in Ældreområdet, above Nord).
    assert {r.person_id for r in rows} == {org.person_in_nord.pk}
    with pytest.raises(NotFound):
        compliance.compliance_rows(manager, compliance.Filter(unit_id=org.skole.pk, on=ON))


@pytest.mark.parametrize("role", ["employee", "analyst", "dpo", "admin"])
def test_others_may_not_list_people(users, role, first_aid):
    with pytest.raises(PermissionDenied):
        compliance.compliance_list(access_for(users[role]), compliance.Filter(on=ON))


def test_statuses_and_audit(org, users, first_aid):
    rule_for(first_aid, org.nord, org.syd)
    # Nord: took it 2025-06-10, renewed every 12 months → valid to 2026-06-09: 8 days left
    # on 2026-06-01 → due (band 30).
    CompletionFactory(
        person=org.person_in_nord, course=first_aid, completed_on=dt.date(2025, 6, 10)
    )
    # Syd: took it 2025-05-01 → valid to 2026-04-30, passed on 2026-06-01 → overdue.
    CompletionFactory(person=org.person_in_syd, course=first_aid, completed_on=dt.date(2025, 5, 1))
    # Skole and the manager (employed in Ældreområdet itself) are not covered.
    hr = access_for(users["hr"])
    before = AuditEntry.objects.count()
    data = compliance.compliance_list(hr, compliance.Filter(on=ON))
    assert [r.person_id for r in data.rows] == [org.person_in_syd.pk, org.person_in_nord.pk]
    assert [r.status for r in data.rows] == ["overdue", "due"]
    assert data.rows[1].valid_until == dt.date(2026, 6, 9)
    assert data.rows[1].band == 30
    assert data.counts["overdue"] == 1
    subjects = set(
        AuditEntry.objects.order_by("pk")[before:].values_list("subject_person_id", flat=True)
    )
    assert {org.person_in_syd.pk, org.person_in_nord.pk} <= subjects
    only = compliance.compliance_rows(hr, compliance.Filter(on=ON, status="overdue"))
    assert [r.person_id for r in only] == [org.person_in_syd.pk]
    due30 = compliance.compliance_rows(hr, compliance.Filter(on=ON, status="due30"))
    assert [r.person_id for r in due30] == [org.person_in_nord.pk]
    named = compliance.compliance_rows(
        hr, compliance.Filter(on=ON, query=org.person_in_nord.employee_number)
    )
    assert [r.person_id for r in named] == [org.person_in_nord.pk]


def test_failed_and_later_completions_do_not_count(org, users, first_aid):
    rule_for(first_aid, org.nord)
    CompletionFactory(
        person=org.person_in_nord,
        course=first_aid,
        completed_on=dt.date(2026, 5, 1),
        result="failed",
    )
    # Taken after the day asked about: does not count on 2026-06-01.
    CompletionFactory(person=org.person_in_nord, course=first_aid, completed_on=dt.date(2026, 7, 1))
    rows = compliance.compliance_rows(operator_access(Role.HR), compliance.Filter(on=ON))
    # Employed since 2015-03-01 (the factory), grace 90 days long over → overdue.
    assert statuses(rows) == {(org.person_in_nord.employee_number, "Krav: Førstehjælp"): "overdue"}
    assert rows[0].due_on == dt.date(2015, 5, 30)  # 2015-03-01 + 90 days: 30 + 30 + 30 → 05-30


def test_grace_period_for_new_employee(org, users, first_aid):
    rule_for(first_aid, org.syd, grace=30)
    new = EmploymentFactory(org_unit=org.syd, start_date=dt.date(2026, 5, 15)).person
    rows = compliance.compliance_rows(operator_access(Role.HR), compliance.Filter(on=ON))
    mine = next(r for r in rows if r.person_id == new.pk)
    # 2026-05-15 + 30 days = 2026-06-14 (16 days left in May + 14): never, within the grace.
    assert (mine.status, mine.due_on) == ("never", dt.date(2026, 6, 14))


def test_job_family_and_unit_both_must_match(org, users, first_aid):
    rule_for(first_aid, org.kommune, families=[job_family("laerer")])
    rows = compliance.compliance_rows(operator_access(Role.HR), compliance.Filter(on=ON))
    assert {r.person_id for r in rows} == {org.person_in_skole.pk}


def test_rules_admin(org, users, first_aid):
    hr = access_for(users["hr"])
    with pytest.raises(PermissionDenied):
        rules_admin.rule_list(access_for(users["manager"]))
    with pytest.raises(ValidationFailed):
        rules_admin.save_rule(hr, None, {"name": "Intet", "grace_days": 90, "active": True})
    rule = rules_admin.save_rule(
        hr,
        None,
        {
            "name": "Førstehjælp hvert andet år",
            "course": first_aid.pk,
            "units": [org.nord.pk],
            "renew_months": 24,
            "grace_days": None,
            "active": True,
        },
    )
    assert rule.grace_days == 90
    assert [line.name for line in rules_admin.rule_list(hr)] == ["Førstehjælp hvert andet år"]
    rules_admin.save_rule(
        hr, rule.pk, {**rules_admin.initial(rule), "course": first_aid.pk, "active": False}
    )
    rule.refresh_from_db()
    assert not rule.active
    rows = compliance.compliance_rows(hr, compliance.Filter(on=ON))
    assert rows == []  # an inactive rule covers no one


def test_my_learning_shows_mandatory_training(org, users, first_aid):
    from charlie.learning.services import my_learning

    rule_for(first_aid, org.nord)
    result = my_learning(access_for(users["employee"]))
    assert [r.status for r in result.sections["mandatory"]] == ["overdue"]
