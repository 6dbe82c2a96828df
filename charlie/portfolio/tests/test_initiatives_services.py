"""The initiatives part's services: numbers, the project description's rules, stages, the
owner, who may do what, and what is written to the audit log."""

from __future__ import annotations

import pytest

from charlie.core.errors import NotFound, PermissionDenied
from charlie.people.services import access_for
from charlie.portfolio.models import Dpia, Initiative, Stage, StageChange, Tag
from charlie.portfolio.services import initiatives as svc
from charlie.portfolio.tests.factories import BeaconFactory, IdeaFactory, InitiativeFactory
from charlie.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr(users):
    return access_for(users["hr"])


def test_numbers_follow_the_highest(hr):
    assert svc.next_number() == 1
    InitiativeFactory(number=7)
    assert svc.next_number() == 8
    created = svc.create_initiative(hr, title="Robot til bilag")
    assert created.number == 8
    assert created.stage == Stage.IDEA
    (change,) = StageChange.objects.filter(initiative=created)
    assert (change.from_stage, change.to_stage, change.changed_by) == ("", Stage.IDEA, hr.user)


def test_create_takes_the_whole_description(hr, org):
    beacon = BeaconFactory()
    first = InitiativeFactory(number=3)
    created = svc.create_initiative(
        hr,
        title="  Digital   vagtplan ",
        stage=Stage.ANALYSIS,
        forvaltning_id=org.social.pk,
        owner_id=org.person_in_syd.pk,
        purpose="Færre opkald",
        dpia=Dpia.NOT_NEEDED,
        dpia_note="Ingen nye personoplysninger.",
        tags=[Tag.TRIAL, Tag.FIRST_MOVER],
        it_systems="KMD Nexus\n\n kmd nexus \nSD Løn",
        must_do=True,
        must_do_reason="Lovkrav fra 2027",
        beacon_ids=[beacon.pk],
        depends_on=[3],
    )
    created.refresh_from_db()
    assert created.title == "Digital vagtplan"
    assert created.stage == Stage.ANALYSIS
    assert created.tags == [Tag.FIRST_MOVER, Tag.TRIAL]  # in the list's order, once
    assert created.it_systems == ["KMD Nexus", "SD Løn"]
    assert list(created.beacons.all()) == [beacon]
    assert list(created.depends_on.all()) == [first]
    # The new owner's data changed: written under "digitalisering".
    entry = AuditEntry.objects.get(subject_person_id=org.person_in_syd.pk)
    assert (entry.action, entry.category, entry.purpose, entry.detail) == (
        "update",
        "digitalisering",
        "digitalisering",
        svc.DETAIL_OWNER_SET,
    )


def test_every_problem_is_listed_at_once(hr, org):
    with pytest.raises(svc.InitiativeInvalid) as caught:
        svc.create_initiative(
            hr,
            title="",
            forvaltning_id=org.nord.pk,  # a department, not a forvaltning
            dpia=Dpia.NEEDED,
            must_do=True,
            tags=["nonsense"],
            depends_on=[41],
            beacon_ids=[999_999],
        )
    fields = {name for name, _message in caught.value.errors}
    assert fields == {
        "title",
        "forvaltning_id",
        "dpia_note",
        "must_do_reason",
        "tags",
        "depends_on",
        "beacon_ids",
    }
    assert not Initiative.objects.exists()


def test_an_unknown_field_is_a_programming_error(hr):
    with pytest.raises(TypeError):
        svc.create_initiative(hr, title="X", numbr=3)
    with pytest.raises(TypeError):
        svc.update_initiative(hr, InitiativeFactory().number, stage=Stage.CLOSED)


def test_dependencies_may_not_go_in_a_ring(hr):
    a, b, c = InitiativeFactory(number=1), InitiativeFactory(number=2), InitiativeFactory(number=3)
    svc.update_initiative(hr, 2, depends_on=[1])
    svc.update_initiative(hr, 3, depends_on=[2])
    with pytest.raises(svc.InitiativeInvalid, match="i ring"):
        svc.update_initiative(hr, 1, depends_on=[3])
    with pytest.raises(svc.InitiativeInvalid, match="sig selv"):
        svc.update_initiative(hr, 1, depends_on=[1])
    assert not a.depends_on.exists()
    # Replacing a dependency is no ring: 3 now needs 1 directly.
    svc.update_initiative(hr, 3, depends_on=[1])
    assert list(c.depends_on.all()) == [a]
    assert list(b.depends_on.all()) == [a]


def test_the_cycle_check_follows_long_paths():
    edges = {1: {2}, 2: {3}, 3: {4}, 4: {1}, 5: {1}}
    assert svc.depends_on_cycle(edges, 1)
    assert not svc.depends_on_cycle(edges, 5)
    assert not svc.depends_on_cycle({1: {2}, 2: set()}, 1)


def test_update_changes_only_the_fields_given(hr):
    initiative = InitiativeFactory(purpose="Gammelt formål", must_do=True, must_do_reason="Lov")
    svc.update_initiative(hr, initiative.number, problem="Nyt problem")
    initiative.refresh_from_db()
    assert (initiative.purpose, initiative.problem) == ("Gammelt formål", "Nyt problem")
    # Dropping "must do" drops its reason.
    svc.update_initiative(hr, initiative.number, must_do=False, must_do_reason="Lov")
    initiative.refresh_from_db()
    assert (initiative.must_do, initiative.must_do_reason) == (False, "")


def test_stage_changes_are_kept(hr):
    initiative = InitiativeFactory(stage=Stage.ANALYSIS)
    svc.change_stage(hr, initiative.number, Stage.DECIDED, note="Besluttet i  ØU")
    svc.change_stage(hr, initiative.number, Stage.ANALYSIS)
    initiative.refresh_from_db()
    assert initiative.stage == Stage.ANALYSIS
    trail = list(
        initiative.stage_changes.values_list("from_stage", "to_stage", "note").order_by("pk")
    )
    assert trail == [
        (Stage.ANALYSIS, Stage.DECIDED, "Besluttet i ØU"),
        (Stage.DECIDED, Stage.ANALYSIS, ""),
    ]
    with pytest.raises(svc.ValidationFailed, match="allerede"):
        svc.change_stage(hr, initiative.number, Stage.ANALYSIS)
    with pytest.raises(svc.ValidationFailed):
        svc.change_stage(hr, initiative.number, "launched")
    with pytest.raises(NotFound):
        svc.change_stage(hr, 999, Stage.CLOSED)


@pytest.mark.parametrize("role", ["manager", "analyst", "employee", "dpo", "admin"])
def test_only_the_portfolio_owner_keeps_initiatives(users, role):
    access = access_for(users[role])
    initiative = InitiativeFactory()
    with pytest.raises(PermissionDenied):
        svc.create_initiative(access, title="X")
    with pytest.raises(PermissionDenied):
        svc.update_initiative(access, initiative.number, title="Y")
    with pytest.raises(PermissionDenied):
        svc.change_stage(access, initiative.number, Stage.CLOSED)
    with pytest.raises(PermissionDenied):
        svc.set_owner(access, initiative.number, None)


def test_initiative_of(users):
    initiative = InitiativeFactory(number=5)
    for role in ("hr", "manager", "analyst"):
        assert svc.initiative_of(access_for(users[role]), 5) == initiative
        with pytest.raises(NotFound):
            svc.initiative_of(access_for(users[role]), 6)
    for role in ("employee", "dpo", "admin"):
        with pytest.raises(PermissionDenied):
            svc.initiative_of(access_for(users[role]), 5)


def test_names_for_hr_and_managers_only(users, org):
    InitiativeFactory(owner=org.person_in_skole)
    everything = svc.InitiativeFilter()
    (row,) = svc.list_initiatives(access_for(users["manager"]), everything).rows
    assert row.owner_name == org.person_in_skole.full_name
    entry = AuditEntry.objects.get()
    assert (entry.subject_person_id, entry.purpose) == (org.person_in_skole.pk, "digitalisering")
    (row,) = svc.list_initiatives(access_for(users["analyst"]), everything).rows
    assert row.owner_name is None
    assert AuditEntry.objects.count() == 1  # the analyst saw no name, so nothing was read


def test_the_list_filters(hr, org):
    beacon = BeaconFactory()
    a = InitiativeFactory(title="Robot til bilag", stage=Stage.IDEA, tags=[Tag.AUTOMATION])
    b = InitiativeFactory(title="Digital vagtplan", stage=Stage.RUNNING, forvaltning=org.social)
    b.beacons.add(beacon)
    c = InitiativeFactory(title="Chatbot", stage=Stage.RUNNING, tags=[Tag.TRIAL, Tag.AUTOMATION])

    def numbers(**kw):
        listing = svc.list_initiatives(hr, svc.InitiativeFilter(**kw))
        return [r.initiative.number for r in listing.rows]

    assert numbers() == [a.number, b.number, c.number]
    assert numbers(stage=Stage.RUNNING) == [b.number, c.number]
    assert numbers(beacon=beacon.pk) == [b.number]
    assert numbers(forvaltning=org.social.pk) == [b.number]
    assert numbers(tag=Tag.AUTOMATION) == [a.number, c.number]
    assert numbers(tag=Tag.TRIAL, stage=Stage.RUNNING) == [c.number]
    assert numbers(q="vagt") == [b.number]
    assert numbers(q=str(c.number)) == [c.number]


def test_the_list_is_paged(hr):
    for number in range(1, svc.PAGE_SIZE + 3):
        InitiativeFactory(number=number)
    second = svc.list_initiatives(hr, svc.InitiativeFilter(), 2)
    assert [r.initiative.number for r in second.rows] == [svc.PAGE_SIZE + 1, svc.PAGE_SIZE + 2]


def test_the_owner_is_found_and_set(hr, org):
    initiative = InitiativeFactory(owner=org.person_in_nord)
    found = svc.find_owner_candidates(hr, initiative.number, org.person_in_skole.employee_number)
    assert [c.person_id for c in found] == [org.person_in_skole.pk]
    assert found[0].units == ("Nørre Skole",)
    assert AuditEntry.objects.filter(
        subject_person_id=org.person_in_skole.pk, detail=svc.DETAIL_OWNER_SEARCH
    ).exists()
    # Two letters of a name are not enough.
    assert svc.find_owner_candidates(hr, initiative.number, org.person_in_skole.last_name[:2]) == []

    svc.set_owner(hr, initiative.number, org.person_in_skole.pk)
    initiative.refresh_from_db()
    assert initiative.owner == org.person_in_skole
    changed = dict(
        AuditEntry.objects.filter(action="update").values_list("subject_person_id", "detail")
    )
    assert changed == {
        org.person_in_nord.pk: svc.DETAIL_OWNER_REMOVED,
        org.person_in_skole.pk: svc.DETAIL_OWNER_SET,
    }


def test_a_manager_cannot_choose_owners(users, org):
    initiative = InitiativeFactory()
    with pytest.raises(PermissionDenied):
        svc.find_owner_candidates(access_for(users["manager"]), initiative.number, "Jensen")


def test_home_for_an_employee_and_for_readers(users, org):
    BeaconFactory(title="Hidden", published=False)
    shown = BeaconFactory(title="Digital først")
    IdeaFactory(submitted_by=org.person_in_nord, title="Min idé")
    IdeaFactory(title="En andens idé")
    InitiativeFactory(stage=Stage.RUNNING)
    InitiativeFactory(stage=Stage.RUNNING)
    InitiativeFactory(stage=Stage.IDEA)

    employee = svc.home(access_for(users["employee"]))
    assert [card.beacon for card in employee.beacons] == [shown]
    assert [idea.title for idea in employee.my_ideas or []] == ["Min idé"]
    assert employee.stages is None
    entry = AuditEntry.objects.get()
    assert (entry.subject_person_id, entry.purpose) == (org.person_in_nord.pk, "egen_indsigt")

    analyst = svc.home(access_for(users["analyst"]))
    assert analyst.my_ideas is None  # no person record
    counts = {row.stage: row.count for row in analyst.stages or []}
    assert counts[Stage.RUNNING] == 2 and counts[Stage.IDEA] == 1 and counts[Stage.CLOSED] == 0
    assert analyst.total == 3


def test_section_links_only_where_the_url_exists(users):
    initiative = InitiativeFactory(number=4)
    svc.register_section(svc.Section("test-real", "Siden selv", "portfolio:initiative", order=1))
    svc.register_section(svc.Section("test-missing", "Findes ikke", "portfolio:does_not_exist"))
    try:
        links = svc.sections_for(access_for(users["analyst"]), initiative.number)
        assert links[0] == svc.Link("Siden selv", "/digitalisering/initiativer/4/")
        assert "Findes ikke" not in [link.label for link in links]
    finally:
        svc._sections.pop("test-real")
        svc._sections.pop("test-missing")


def test_my_data_lists_ownerships(org):
    InitiativeFactory(number=9, title="Robot", owner=org.person_in_nord)
    (row,) = svc.my_data(org.person_in_nord.pk)
    assert "9. Robot" in row.values()
    assert svc.my_data(org.person_in_syd.pk) == []
