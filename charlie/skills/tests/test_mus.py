"""MUS, development plans, coverage figures and the front page (part "mus")."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.workqueue import items_for
from charlie.people.models import Employment, Person
from charlie.people.services import access_for
from charlie.people.tests.factories import EmploymentFactory, PersonFactory
from charlie.privacy.models import AuditEntry
from charlie.skills.models import (
    ActivityStatus,
    DevelopmentPlan,
    MusMeeting,
    MusStatus,
    PlanStatus,
)
from charlie.skills.mus_rules import MusState
from charlie.skills.services import mus, mus_figures, plans

pytestmark = pytest.mark.django_db

SECRET = "Jeg overvejer at søge væk"


def _today() -> date:
    return mus.today()


def _meeting(person: Person, **kw: object) -> MusMeeting:
    return MusMeeting.objects.create(person=person, due_on=kw.pop("due_on", _today()), **kw)


# --- The employee's preparation is private until shared ---------------------------------------


def test_the_manager_never_sees_the_employees_preparation_before_it_is_shared(org, users, client):
    meeting = _meeting(org.person_in_nord)
    employee, manager, hr = (access_for(users[r]) for r in ("employee", "manager", "hr"))
    mus.save_employee_preparation(employee, meeting.pk, SECRET)
    assert mus.mus_detail(employee, meeting.pk).employee_preparation == SECRET
    assert mus.mus_detail(manager, meeting.pk).employee_preparation is None
    assert mus.mus_detail(hr, meeting.pk).employee_preparation is None
    url = reverse("skills:mus_detail", args=[meeting.pk])
    for role in ("manager", "hr"):
        client.force_login(users[role])
        page = client.get(url).content.decode()
        assert SECRET not in page
        assert "ikke delt sin forberedelse" in page
    # The employee presses "Del med min leder".
    mus.save_employee_preparation(employee, meeting.pk, SECRET, share=True)
    assert mus.mus_detail(manager, meeting.pk).employee_preparation == SECRET
    client.force_login(users["manager"])
    assert SECRET in client.get(url).content.decode()


def test_only_the_employee_writes_their_preparation_and_only_the_manager_theirs(org, users):
    meeting = _meeting(org.person_in_nord)
    employee, manager = access_for(users["employee"]), access_for(users["manager"])
    with pytest.raises(PermissionDenied):
        mus.save_employee_preparation(manager, meeting.pk, "Skrevet af lederen")
    with pytest.raises(PermissionDenied):
        mus.save_manager_preparation(employee, meeting.pk, "Skrevet af medarbejderen")
    mus.save_manager_preparation(manager, meeting.pk, "Lederens noter")
    assert mus.mus_detail(employee, meeting.pk).manager_preparation is None
    assert mus.mus_detail(manager, meeting.pk).manager_preparation == "Lederens noter"


def test_a_mus_outside_the_scope_is_not_found_and_other_roles_are_refused(org, users):
    meeting = _meeting(org.person_in_skole)
    with pytest.raises(NotFound):
        mus.mus_detail(access_for(users["manager"]), meeting.pk)
    with pytest.raises(PermissionDenied):
        mus.mus_detail(access_for(users["employee"]), meeting.pk)
    with pytest.raises(PermissionDenied):
        mus.mus_detail(access_for(users["analyst"]), meeting.pk)


def test_mark_held_and_not_in_the_future(org, users):
    meeting = _meeting(org.person_in_nord)
    manager = access_for(users["manager"])
    with pytest.raises(ValidationFailed):
        mus.mark_held(manager, meeting.pk, held_on=_today() + timedelta(days=1))
    view = mus.mark_held(manager, meeting.pk, held_on=_today(), summary="God samtale")
    assert view.status == MusStatus.HELD and view.held_on == _today()


# --- The list, the overdue people per unit, planning ---------------------------------------------


def test_the_list_shows_each_persons_due_date_and_state_within_the_managers_units(org, users):
    manager = access_for(users["manager"])
    # The person in Nord started 2015 and never had a MUS: due 2016, overdue.
    data = mus.mus_list(manager)
    assert [(r.line.person_id, r.line.state) for r in data.rows] == [
        (org.person_in_nord.pk, MusState.OVERDUE)
    ]
    assert data.overdue == 1
    assert [(u.unit_id, u.overdue) for u in data.per_unit] == [(org.nord.pk, 1)]
    # Held last month: the next is due in 11 months.
    _meeting(
        org.person_in_nord,
        due_on=_today() - timedelta(days=40),
        held_on=_today() - timedelta(days=30),
        status=MusStatus.HELD,
    )
    line = mus.mus_list(manager).rows[0].line
    assert line.state == MusState.HELD
    assert line.last_held == _today() - timedelta(days=30)
    # Read only by those shown, under competence development.
    entry = AuditEntry.objects.filter(detail="mus-oversigt").last()
    assert entry.subject_person_id == org.person_in_nord.pk
    assert entry.purpose == "kompetenceudvikling"


def test_the_interval_is_configurable(org, users, settings):
    _meeting(
        org.person_in_nord,
        due_on=_today() - timedelta(days=100),
        held_on=_today() - timedelta(days=100),
        status=MusStatus.HELD,
    )
    manager = access_for(users["manager"])
    assert mus.mus_list(manager).rows[0].line.state == MusState.HELD
    settings.CHARLIE_MUS_INTERVAL_MONTHS = 3
    assert mus.mus_list(manager).rows[0].line.state == MusState.OVERDUE


def test_plan_for_everyone_due_and_one_by_one(org, users):
    hr, manager = access_for(users["hr"]), access_for(users["manager"])
    assert mus.schedule_all_due(manager) == 1  # the person in Nord
    assert mus.schedule_all_due(manager) == 0  # planned now
    assert MusMeeting.objects.filter(person=org.person_in_nord).count() == 1
    with pytest.raises(NotFound):
        mus.schedule(manager, org.person_in_skole.pk, due_on=_today())
    with pytest.raises(PermissionDenied):
        mus.schedule(access_for(users["employee"]), org.person_in_nord.pk, due_on=_today())
    moved = mus.schedule(hr, org.person_in_nord.pk, due_on=_today() + timedelta(days=9))
    assert MusMeeting.objects.get().due_on == moved.due_on


def test_the_overdue_list_of_5000_people_is_paged_in_a_few_queries(
    org, users, django_assert_max_num_queries
):
    persons = Person.objects.bulk_create(PersonFactory.build() for _ in range(5000))
    Employment.objects.bulk_create(
        EmploymentFactory.build(person=p, org_unit=org.nord, start_date=date(2020, 1, 1))
        for p in persons
    )
    manager = access_for(users["manager"])
    with django_assert_max_num_queries(25):
        data = mus.mus_list(manager, only_overdue=True, page=3)
    assert data.page.paginator.count == 5001
    assert len(data.rows) == mus.PER_PAGE
    assert data.per_unit[0].overdue == 5001
    assert mus.schedule_all_due(manager) == 5001


# --- Development plans: signed by both; a change clears the signatures --------------------------


def test_a_plan_is_signed_by_both_and_a_change_clears_the_signatures(org, users):
    employee, manager = access_for(users["employee"]), access_for(users["manager"])
    meeting = _meeting(org.person_in_nord, held_on=_today(), status=MusStatus.HELD)
    plan = plans.create_plan(manager, org.person_in_nord.pk, mus_id=meeting.pk)
    assert plan.valid_from == _today()
    view = plans.add_activity(manager, plan.pk, kind="course", title="Demens, modul 1", hours="7,5")
    assert view.total_hours == Decimal("7.5")
    plans.sign(employee, plan.pk)
    view = plans.sign(manager, plan.pk)
    assert view.plan.status == PlanStatus.SIGNED and view.signed_by_both
    # Progress keeps the signatures; a new goal clears both.
    activity = view.activities[0]
    view = plans.set_activity_status(employee, plan.pk, activity.pk, ActivityStatus.STARTED)
    assert view.plan.status == PlanStatus.SIGNED
    view = plans.update_goals(employee, plan.pk, "Blive tryg i demensomsorg")
    assert view.plan.status == PlanStatus.DRAFT
    assert view.plan.employee_signed_at is None and view.plan.manager_signed_at is None
    assert plans.is_current(DevelopmentPlan.objects.get(), _today()) is False


def test_plans_outside_the_scope(org, users):
    plan = plans.create_plan(access_for(users["hr"]), org.person_in_skole.pk)
    with pytest.raises(NotFound):
        plans.plan_detail(access_for(users["manager"]), plan.pk)
    with pytest.raises(PermissionDenied):
        plans.sign(access_for(users["employee"]), plan.pk)


# --- Coverage figures, disclosure-controlled --------------------------------------------------


def test_coverage_hides_small_groups_and_shows_shares_for_large_ones(org, users):
    # 11 in Syd (6 with a signed plan and a MUS this year), 11 in Nord, 6 placed in
    # Ældreområdet itself (its manager and 5 more): every region of the tree holds 5 or more.
    syd = [EmploymentFactory(org_unit=org.syd).person for _ in range(10)]
    for _ in range(10):
        EmploymentFactory(org_unit=org.nord)
    for _ in range(5):
        EmploymentFactory(org_unit=org.aeldre)
    for person in syd[:6]:
        _meeting(person, held_on=_today() - timedelta(days=10), status=MusStatus.HELD)
        DevelopmentPlan.objects.create(
            person=person,
            valid_from=_today() - timedelta(days=10),
            valid_to=_today() + timedelta(days=300),
            status=PlanStatus.SIGNED,
        )
    hr = access_for(users["hr"])
    # The whole municipality, two levels deep: Nord and Syd count in Ældreområdet.
    top = {r.unit_id: r for r in mus_figures.coverage(hr).rows}
    assert org.syd.pk not in top and org.nord.pk not in top
    # Social og Sundhed and Ældreområdet hold the same 28 of the 30: showing either gives
    # away HR's own person and Nørre Skole's one, so only the whole municipality is shown.
    assert (top[org.kommune.pk].people, top[org.kommune.pk].with_plan) == (30, 6)
    assert top[org.aeldre.pk].people is None and top[org.social.pk].people is None
    assert org.aeldre.pk in mus_figures.coverage(hr).parents
    # Ældreområdet's own view: it and its two departments.
    data = mus_figures.coverage(hr, unit_id=org.aeldre.pk)
    rows = {r.unit_id: r for r in data.rows}
    assert set(rows) == {None, org.aeldre.pk, org.nord.pk, org.syd.pk}
    assert (rows[org.syd.pk].people, rows[org.syd.pk].with_plan) == (11, 6)
    assert rows[org.syd.pk].plan_share == pytest.approx(54.5)
    assert rows[org.syd.pk].mus_share == pytest.approx(54.5)
    assert (rows[org.nord.pk].people, rows[org.nord.pk].plan_share) == (11, 0)
    assert top[org.skole.pk].people is None  # one person
    # Kommune − Social og Sundhed would give away HR's own person and Nørre Skole's one.
    assert top[org.kommune.pk].people is None or top[org.social.pk].people is None
    with pytest.raises(NotFound):
        mus_figures.coverage(access_for(users["manager"]), unit_id=org.syd.pk)
    # Without people placed in Ældreområdet itself, Nord + Syd = Ældreområdet − its manager:
    # one of the three is hidden.
    Employment.objects.filter(org_unit=org.aeldre).exclude(job_title="Plejecenterleder").delete()
    rows = {r.unit_id: r for r in mus_figures.coverage(hr, unit_id=org.aeldre.pk).rows}
    shown = [rows[u.pk].people is not None for u in (org.aeldre, org.nord, org.syd)]
    assert not all(shown)
    with pytest.raises(PermissionDenied):
        mus_figures.coverage(access_for(users["employee"]))
    assert not AuditEntry.objects.exists()  # figures only: nobody's data was read


# --- The front page ----------------------------------------------------------------------------


def test_the_work_queue_shows_the_manager_who_is_overdue_and_the_employee_their_mus(org, users):
    items = {i.key: i for i in items_for(access_for(users["manager"]))}
    assert items["skills_mus"].count == 1
    assert items["skills_mus"].rows[0].text == org.person_in_nord.full_name
    meeting = _meeting(org.person_in_nord, due_on=_today() + timedelta(days=20))
    mine = {i.key: i for i in items_for(access_for(users["employee"]))}
    assert mine["skills_my_mus"].url == reverse("skills:mus_detail", args=[meeting.pk])
    assert "skills_mus" not in {i.key for i in items_for(access_for(users["analyst"]))}


def test_the_person_page_shows_the_mus_section_to_the_manager(org, users, client):
    _meeting(org.person_in_nord, due_on=_today() - timedelta(days=3))
    client.force_login(users["manager"])
    page = client.get(reverse("people:detail", args=[org.person_in_nord.pk])).content.decode()
    assert "MUS og udvikling" in page and "Planlæg MUS" in page
    assert AuditEntry.objects.filter(detail="person:overblik", category="kompetencer").exists()
    client.force_login(users["analyst"])
    assert (
        "MUS og udvikling"
        not in client.get(reverse("people:detail", args=[org.person_in_nord.pk])).content.decode()
    )
