"""Green and health initiatives (issue 16, point 7): HR publishes, employees join and leave for
themselves, the audit log has it as their own action, and participation is shown only in figures
— per initiative and per unit, through disclosure control — never as names, not even to HR."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people import services as people
from charlie.people.tests.factories import EmploymentFactory, PersonFactory
from charlie.privacy.models import AuditEntry
from charlie.wellbeing.models import Initiative, Participation
from charlie.wellbeing.services import initiatives as svc
from charlie.wellbeing.services import my_data
from charlie.wellbeing.tests.factories import InitiativeFactory, ParticipationFactory

D = dt.date
MAY = D(2027, 5, 10)


def _access(users, role):
    return people.access_for(users[role])


def _staff(unit, n):
    """``n`` people employed in ``unit`` today."""
    return [EmploymentFactory(org_unit=unit).person for _ in range(n)]


# --- HR publishes ------------------------------------------------------------------------------


def test_hr_creates_an_initiative_that_employees_see_once_it_is_published(users, org):
    hr, employee = _access(users, "hr"), _access(users, "employee")
    made = svc.save_initiative(
        hr,
        title="Cykel til arbejde",
        kind="cycling",
        summary="Hele maj.",
        body="Registrér dine ture.",
        starts_on=D(2027, 5, 1),
        ends_on=D(2027, 5, 31),
    )
    assert not made.published and made.created_by == users["hr"]
    assert svc.for_employee(employee, on=MAY).current == []
    with pytest.raises(NotFound):
        svc.published_initiative(employee, made.pk, on=MAY)
    svc.set_published(hr, made.pk, published=True)
    view = svc.for_employee(employee, on=MAY)
    assert [c.initiative.title for c in view.current] == ["Cykel til arbejde"]
    assert view.current[0].phase == svc.RUNNING and view.current[0].can_join


def test_only_hr_publishes(users, org):
    initiative = InitiativeFactory(published=False)
    for role in ("employee", "manager", "analyst", "dpo", "admin"):
        with pytest.raises(PermissionDenied):
            svc.set_published(_access(users, role), initiative.pk, published=True)
        with pytest.raises(PermissionDenied):
            svc.initiatives_for_hr(_access(users, role))
        with pytest.raises(PermissionDenied):
            svc.participation_of(_access(users, role), initiative.pk)


def test_an_initiative_cannot_end_before_it_starts(users, org):
    with pytest.raises(ValidationFailed) as caught:
        svc.save_initiative(
            _access(users, "hr"),
            title="Sundhedstjek",
            kind="health",
            summary="",
            body="",
            starts_on=D(2027, 5, 10),
            ends_on=D(2027, 5, 9),
        )
    assert caught.value.field == "ends_on"
    with pytest.raises(ValidationFailed) as caught:
        svc.save_initiative(
            _access(users, "hr"),
            title=" ",
            kind="health",
            summary="",
            body="",
            starts_on=D(2027, 5, 10),
            ends_on=None,
        )
    assert caught.value.field == "title"


def test_the_phase_runs_from_the_first_to_the_last_day_both_included():
    initiative = Initiative(starts_on=D(2027, 5, 1), ends_on=D(2027, 5, 31))
    assert svc.phase_of(initiative, D(2027, 4, 30)) == svc.UPCOMING
    assert svc.phase_of(initiative, D(2027, 5, 1)) == svc.RUNNING
    assert svc.phase_of(initiative, D(2027, 5, 31)) == svc.RUNNING
    assert svc.phase_of(initiative, D(2027, 6, 1)) == svc.ENDED
    assert svc.phase_of(Initiative(starts_on=D(2027, 5, 1)), D(2030, 1, 1)) == svc.RUNNING


# --- Employees join and leave ----------------------------------------------------------------


def test_an_employee_joins_and_leaves_as_themselves_and_the_log_says_so(users, org):
    initiative = InitiativeFactory()
    access = _access(users, "employee")
    person = org.person_in_nord
    assert svc.join(access, initiative.pk, on=MAY) is True
    assert svc.join(access, initiative.pk, on=MAY) is False  # already joined: nothing new
    joined = Participation.objects.get()
    assert (joined.person_id, joined.joined_on) == (person.pk, MAY)
    entry = AuditEntry.objects.get(detail=svc.DETAIL_JOINED)
    assert (entry.subject_person_id, entry.action) == (person.pk, "create")
    assert (entry.category, entry.purpose) == ("trivsel", "egen_indsigt")
    assert entry.actor_id == users["employee"].pk

    assert svc.leave(access, initiative.pk) is True
    assert svc.leave(access, initiative.pk) is False
    assert not Participation.objects.exists()
    entry = AuditEntry.objects.get(detail=svc.DETAIL_LEFT)
    assert (entry.subject_person_id, entry.action, entry.purpose) == (
        person.pk,
        "delete",
        "egen_indsigt",
    )


def test_leaving_touches_only_ones_own_participation(users, org):
    initiative = InitiativeFactory()
    other = ParticipationFactory(initiative=initiative, person=org.person_in_skole)
    assert svc.leave(_access(users, "employee"), initiative.pk) is False
    assert Participation.objects.filter(pk=other.pk).exists()


def test_without_a_person_record_one_cannot_join(users, org):
    initiative = InitiativeFactory()
    for role in ("analyst", "dpo", "admin"):
        with pytest.raises(PermissionDenied):
            svc.join(_access(users, role), initiative.pk, on=MAY)
        view = svc.for_employee(_access(users, role), on=MAY)
        assert not view.has_person and not view.current[0].can_join


def test_an_ended_or_unpublished_initiative_cannot_be_joined(users, org):
    access = _access(users, "employee")
    ended = InitiativeFactory(starts_on=D(2027, 4, 1), ends_on=D(2027, 4, 30))
    with pytest.raises(ValidationFailed):
        svc.join(access, ended.pk, on=MAY)
    draft = InitiativeFactory(published=False)
    with pytest.raises(NotFound):
        svc.join(access, draft.pk, on=MAY)
    assert not Participation.objects.exists()


def test_the_list_shows_running_and_coming_and_the_ended_ones_one_joined(users, org):
    access = _access(users, "employee")
    InitiativeFactory(title="Løb", starts_on=D(2027, 6, 1), ends_on=None)
    InitiativeFactory(title="Cykel")
    was = InitiativeFactory(title="Vinterbadning", starts_on=D(2027, 1, 1), ends_on=D(2027, 2, 28))
    InitiativeFactory(title="Gammel", starts_on=D(2026, 1, 1), ends_on=D(2026, 2, 28))
    ParticipationFactory(initiative=was, person=org.person_in_nord)
    view = svc.for_employee(access, on=MAY)
    assert [c.initiative.title for c in view.current] == ["Cykel", "Løb"]
    assert [c.phase for c in view.current] == [svc.RUNNING, svc.UPCOMING]
    assert [(c.initiative.title, c.joined, c.can_join) for c in view.ended] == [
        ("Vinterbadning", True, False)
    ]
    # Showing one's own participation is recorded as one's own read.
    entry = AuditEntry.objects.get(detail=svc.DETAIL_OWN)
    assert (entry.subject_person_id, entry.purpose) == (org.person_in_nord.pk, "egen_indsigt")


def test_mine_data_lists_the_initiatives_one_joined(users, org):
    ParticipationFactory(
        initiative=InitiativeFactory(title="Cykel til arbejde"), person=org.person_in_nord
    )
    rows = my_data(org.person_in_nord.pk)
    assert [r["Initiativ"] for r in rows if "Initiativ" in r] == ["Cykel til arbejde"]
    assert my_data(org.person_in_skole.pk) == []


# --- Figures, never names -------------------------------------------------------------------------


def test_participation_is_counted_per_unit_and_hidden_below_the_threshold(users, org):
    on = timezone.localdate()
    initiative = InitiativeFactory(starts_on=on, ends_on=None)
    # Syd: 20 people, 9 joined. Nord: its 1 person + 6 more, 2 joined. Skole: 1 + 10, 0 joined.
    syd = _staff(org.syd, 19)
    nord = _staff(org.nord, 6)
    _staff(org.skole, 10)
    for person in syd[:9]:
        ParticipationFactory(initiative=initiative, person=person)
    for person in nord[:2]:
        ParticipationFactory(initiative=initiative, person=person)
    hr = _access(users, "hr")
    view = svc.participation_of(hr, initiative.pk, on=on)
    assert view.total == 11
    # The top and two levels: Børn og Kultur has no one (left out); Ældreområdet goes deeper.
    assert [(line.label, line.depth, line.deeper, line.participants) for line in view.lines] == [
        ("Testkommune", 0, False, 11),
        ("Social og Sundhed", 1, False, 11),
        ("Ældreområdet", 2, True, 11),
    ]
    view = svc.participation_of(hr, initiative.pk, unit_id=org.aeldre.pk, on=on)
    figures = {line.label: line.participants for line in view.lines}
    # Nord's 2 are hidden; Ældreområdet (11) minus Syd (9) would give them away: Syd hidden too.
    assert figures == {"Ældreområdet": 11, "Plejecenter Nord": None, "Plejecenter Syd": None}
    # The HR list has the same total.
    line = next(x for x in svc.initiatives_for_hr(_access(users, "hr"), on=on))
    assert line.participants == 11


def test_participants_who_no_longer_work_here_are_not_counted(users, org):
    on = timezone.localdate()
    initiative = InitiativeFactory(starts_on=on, ends_on=None)
    for person in _staff(org.syd, 6):
        ParticipationFactory(initiative=initiative, person=person)
    ParticipationFactory(initiative=initiative, person=PersonFactory())  # no employment
    assert svc.participation_of(_access(users, "hr"), initiative.pk, on=on).total == 6


def test_the_participation_page_shows_figures_and_never_a_name(client_as, org):
    on = timezone.localdate()
    initiative = InitiativeFactory(starts_on=on, ends_on=None, title="Rygestop")
    staff = _staff(org.syd, 19)
    for person in staff[:8]:
        ParticipationFactory(initiative=initiative, person=person)
    client = client_as("hr")
    page = client.get(reverse("wellbeing:initiative_participation", args=[initiative.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-count="8"' in html
    for person in staff[:8]:
        assert f"{person.first_name} {person.last_name}" not in html
        assert person.employee_number not in html
    # A unit outside the tree is a 404.
    missing = client.get(
        reverse("wellbeing:initiative_participation", args=[initiative.pk]), {"enhed": 999999}
    )
    assert missing.status_code == 404


def test_the_figures_follow_a_join_at_once(users, org):
    on = timezone.localdate()
    initiative = InitiativeFactory(starts_on=on, ends_on=None)
    staff = _staff(org.skole, 19)
    for person in staff[:5]:
        ParticipationFactory(initiative=initiative, person=person)
    hr = _access(users, "hr")
    assert svc.participation_of(hr, initiative.pk, on=on).total == 5
    ParticipationFactory(initiative=initiative, person=staff[5])
    assert svc.participation_of(hr, initiative.pk, on=on).total == 6


# --- The pages ------------------------------------------------------------------------------


def test_an_employee_joins_on_the_page_and_sees_it(client_as, org):
    today = timezone.localdate()
    initiative = InitiativeFactory(starts_on=today, ends_on=today + dt.timedelta(days=10))
    client = client_as("employee")
    page = client.get(reverse("wellbeing:initiatives"))
    assert "Vi cykler til arbejde" in page.content.decode()
    done = client.post(reverse("wellbeing:initiative_join", args=[initiative.pk]), follow=True)
    assert "Du er tilmeldt." in done.content.decode()
    assert Participation.objects.filter(person=org.person_in_nord).count() == 1
    done = client.post(
        reverse("wellbeing:initiative_leave", args=[initiative.pk]),
        {"tilbage": "oversigt"},
    )
    assert done.status_code == 302 and done["Location"] == reverse("wellbeing:initiatives")
    assert not Participation.objects.exists()


def test_hr_makes_and_publishes_on_the_pages(client_as):
    client = client_as("hr")
    bad = client.post(
        reverse("wellbeing:initiative_new"),
        {
            "title": "Sundhedstjek",
            "kind": "health",
            "starts_on": "2027-05-10",
            "ends_on": "2027-05-01",
        },
    )
    assert bad.status_code == 400
    assert "Slutdatoen skal være samme dag" in bad.content.decode()
    made = client.post(
        reverse("wellbeing:initiative_new"),
        {"title": "Sundhedstjek", "kind": "health", "starts_on": "2027-05-10", "ends_on": ""},
    )
    assert made.status_code == 302
    initiative = Initiative.objects.get()
    assert not initiative.published
    client.post(reverse("wellbeing:initiative_publish", args=[initiative.pk]), {"publish": "1"})
    initiative.refresh_from_db()
    assert initiative.published
    edited = client.post(
        reverse("wellbeing:initiative_edit", args=[initiative.pk]),
        {"title": "Sundhedstjek 2027", "kind": "health", "starts_on": "2027-05-10"},
    )
    assert edited.status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "Sundhedstjek 2027"
    listing = client.get(reverse("wellbeing:initiatives_admin")).content.decode()
    assert "Sundhedstjek 2027" in listing and "Tag af" in listing
