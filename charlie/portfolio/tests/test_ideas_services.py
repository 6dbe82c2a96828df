"""Beacons and ideas from the front line (issue 17, points 1 and 2): services and pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people import services as people
from charlie.people.tests.factories import PersonFactory
from charlie.portfolio.models import Idea, IdeaStatus, IdeaSupport, Initiative, Stage
from charlie.portfolio.services import beacons as beacon_svc
from charlie.portfolio.services import ideas as svc
from charlie.portfolio.services import my_data
from charlie.portfolio.tests.factories import BeaconFactory, IdeaFactory, InitiativeFactory
from charlie.privacy.models import AuditEntry

D = dt.date


def _access(users, role):
    return people.access_for(users[role])


# --- Beacons -------------------------------------------------------------------------------------


def test_employees_see_published_beacons_with_progress_from_the_latest_measurement(users, org):
    hr, employee = _access(users, "hr"), _access(users, "employee")
    beacon = beacon_svc.save_beacon(
        hr,
        title="Digital selvbetjening",
        description="",
        indicator="Andel digitale ansøgninger",
        unit="%",
        baseline=Decimal(40),
        baseline_on=D(2025, 1, 1),
        target=Decimal(80),
        deadline=D(2029, 1, 1),
    )
    assert beacon_svc.beacon_cards(employee) == []
    with pytest.raises(NotFound):
        beacon_svc.beacon_detail(employee, beacon.pk)
    beacon_svc.set_published(hr, beacon.pk, published=True)
    beacon_svc.add_measurement(hr, beacon.pk, measured_on=D(2025, 6, 1), value=Decimal(50))
    _row, created = beacon_svc.add_measurement(
        hr, beacon.pk, measured_on=D(2026, 1, 1), value=Decimal(70), on=D(2026, 2, 1)
    )
    assert created
    # The same day again corrects the value.
    _row, created = beacon_svc.add_measurement(
        hr, beacon.pk, measured_on=D(2026, 1, 1), value=Decimal(60), on=D(2026, 2, 1)
    )
    assert not created
    [card] = beacon_svc.beacon_cards(employee, on=D(2026, 2, 1))
    assert card.progress.latest == Decimal(60) and card.progress.share == 0.5
    assert card.progress.status == "on_track"
    InitiativeFactory().beacons.add(beacon)
    detail = beacon_svc.beacon_detail(employee, beacon.pk)
    assert [m.value for m in detail.measurements] == [Decimal(50), Decimal(60)]
    assert len(detail.initiatives) == 1 and not detail.can_manage
    assert not AuditEntry.objects.exists()  # beacons name no one


def test_only_the_portfolio_owner_keeps_beacons(users, org):
    beacon = BeaconFactory()
    for role in ("employee", "manager", "analyst", "dpo", "admin"):
        access = _access(users, role)
        with pytest.raises(PermissionDenied):
            beacon_svc.set_published(access, beacon.pk, published=False)
        with pytest.raises(PermissionDenied):
            beacon_svc.add_measurement(
                access, beacon.pk, measured_on=D(2025, 2, 1), value=Decimal(1)
            )


def test_a_beacon_needs_a_target_other_than_its_baseline_and_a_later_deadline(users, org):
    hr = _access(users, "hr")
    kw = {
        "title": "Mål",
        "description": "",
        "indicator": "Timer",
        "unit": "",
        "baseline": Decimal(10),
        "baseline_on": D(2025, 1, 1),
    }
    with pytest.raises(ValidationFailed) as exc:
        beacon_svc.save_beacon(hr, target=Decimal(10), deadline=D(2026, 1, 1), **kw)
    assert exc.value.field == "target"
    with pytest.raises(ValidationFailed) as exc:
        beacon_svc.save_beacon(hr, target=Decimal(5), deadline=D(2025, 1, 1), **kw)
    assert exc.value.field == "deadline"


def test_a_measurement_cannot_lie_in_the_future_or_before_the_baseline(users, org):
    hr, beacon = _access(users, "hr"), BeaconFactory()
    with pytest.raises(ValidationFailed):
        beacon_svc.add_measurement(
            hr, beacon.pk, measured_on=D(2026, 1, 2), value=Decimal(1), on=D(2026, 1, 1)
        )
    with pytest.raises(ValidationFailed):
        beacon_svc.add_measurement(
            hr, beacon.pk, measured_on=D(2024, 12, 31), value=Decimal(1), on=D(2026, 1, 1)
        )


# --- Ideas: submit, list, support, comment --------------------------------------------------------


def test_an_employee_submits_an_idea_as_themselves_in_their_unit(users, org):
    employee = _access(users, "employee")
    idea = svc.submit_idea(
        employee,
        kind="need",
        title="  Fravær tastes to gange ",
        description="Vi taster fravær i to systemer.",
        hours_per_month=Decimal("12.34"),
    )
    assert idea.submitted_by == org.person_in_nord and idea.unit == org.nord
    assert idea.title == "Fravær tastes to gange" and idea.status == IdeaStatus.NEW
    assert idea.hours_per_month == Decimal("12.3")
    entry = AuditEntry.objects.get()
    assert entry.subject_person_id == org.person_in_nord.pk and entry.purpose == "egen_indsigt"
    assert entry.category == "digitalisering" and entry.action == "create"


@pytest.mark.parametrize("role", ["analyst", "dpo", "admin"])
def test_without_a_person_record_one_cannot_submit_support_or_comment(users, org, role):
    access, idea = _access(users, role), IdeaFactory()
    with pytest.raises(PermissionDenied):
        svc.submit_idea(access, kind="idea", title="x", description="y")
    with pytest.raises(PermissionDenied):
        svc.support(access, idea.pk)
    with pytest.raises(PermissionDenied):
        svc.add_comment(access, idea.pk, text="z")


def test_an_idea_needs_a_kind_a_title_and_a_description(users, org):
    employee = _access(users, "employee")
    for kind, title, description, field in [
        ("wish", "T", "D", "kind"),
        ("idea", " ", "D", "title"),
        ("idea", "T", "", "description"),
    ]:
        with pytest.raises(ValidationFailed) as exc:
            svc.submit_idea(employee, kind=kind, title=title, description=description)
        assert exc.value.field == field
    assert not Idea.objects.exists()


def test_support_once_never_ones_own_and_only_while_open(users, org):
    employee, manager = _access(users, "employee"), _access(users, "manager")
    idea = IdeaFactory(submitted_by=org.person_in_nord)
    with pytest.raises(ValidationFailed):
        svc.support(employee, idea.pk)  # one's own
    assert svc.support(manager, idea.pk) is True
    assert svc.support(manager, idea.pk) is False
    assert IdeaSupport.objects.filter(idea=idea).count() == 1
    assert svc.withdraw_support(manager, idea.pk) is True
    assert svc.withdraw_support(manager, idea.pk) is False
    idea.status = IdeaStatus.REJECTED
    idea.save()
    with pytest.raises(ValidationFailed):
        svc.support(manager, idea.pk)
    with pytest.raises(ValidationFailed):
        svc.add_comment(manager, idea.pk, text="For sent")


def test_the_list_searches_filters_sorts_and_pages(users, org):
    employee = _access(users, "employee")
    popular = IdeaFactory(title="Robot til bilag")
    for _ in range(3):
        IdeaSupport.objects.create(idea=popular, person=PersonFactory())
    IdeaFactory(title="Digital vagtplan", kind="need", status=IdeaStatus.REJECTED)
    for n in range(svc.PER_PAGE):
        IdeaFactory(title=f"Andet {n}")

    def titles(**kw):
        page = svc.ideas_page(employee, svc.IdeaFilter(**kw))
        return [i.title for i in page.object_list]

    assert titles(q="robot") == ["Robot til bilag"]
    assert titles(q=f"#{popular.pk}") == ["Robot til bilag"]
    assert titles(kind="need") == ["Digital vagtplan"]
    assert "Digital vagtplan" not in titles(status=svc.STATUS_OPEN, q="digital")
    assert titles(sort=svc.SORT_SUPPORT)[0] == "Robot til bilag"
    page = svc.ideas_page(employee, svc.IdeaFilter(), 2)
    assert page.paginator.count == svc.PER_PAGE + 2 and len(page.object_list) == 2
    assert page.object_list[0].support_count == 0
    assert not AuditEntry.objects.exists()  # the list names no one


def test_comments_are_shown_without_names_except_to_the_portfolio_owner(users, org):
    employee, hr, manager = (
        _access(users, "employee"),
        _access(users, "hr"),
        _access(users, "manager"),
    )
    idea = IdeaFactory(submitted_by=org.person_in_skole)
    svc.add_comment(employee, idea.pk, text="Også hos os.")
    svc.add_comment(manager, idea.pk, text="Enig.")
    seen = svc.idea_detail(employee, idea.pk)
    assert [(c.mine, c.author) for c in seen.comments] == [(True, None), (False, None)]
    assert seen.submitter is None
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    owner = svc.idea_detail(hr, idea.pk)
    assert owner.submitter == org.person_in_skole.full_name
    assert owner.comments[0].author == org.person_in_nord.full_name
    read = set(
        AuditEntry.objects.exclude(pk__in=before)
        .filter(purpose="digitalisering", action="read")
        .values_list("subject_person_id", flat=True)
    )
    assert read == {org.person_in_skole.pk, org.person_in_nord.pk, manager.person_id}


def test_the_owner_hides_a_comment(users, org):
    employee, hr = _access(users, "employee"), _access(users, "hr")
    idea = IdeaFactory()
    comment = svc.add_comment(employee, idea.pk, text="Upassende")
    with pytest.raises(PermissionDenied):
        svc.hide_comment(employee, idea.pk, comment.pk)
    svc.hide_comment(hr, idea.pk, comment.pk)
    comment.refresh_from_db()
    assert comment.hidden_by == users["hr"]
    assert svc.idea_detail(employee, idea.pk).comments[0].hidden


# --- Triage -----------------------------------------------------------------------------------


def test_rejecting_needs_a_reason_and_mails_the_submitter(
    users, org, mailoutbox, django_capture_on_commit_callbacks
):
    hr = _access(users, "hr")
    org.person_in_skole.email = "lærer@example.dk"
    org.person_in_skole.save()
    idea = IdeaFactory(submitted_by=org.person_in_skole, title="Tablets")
    with pytest.raises(ValidationFailed) as exc:
        svc.reject(hr, idea.pk, reason="  ")
    assert exc.value.field == "reason"
    with django_capture_on_commit_callbacks(execute=True):
        svc.reject(hr, idea.pk, reason="Der er allerede indkøbt tablets.")
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.REJECTED and idea.decided_by == users["hr"]
    [mail] = mailoutbox
    assert mail.to == ["lærer@example.dk"] and "Tablets" in mail.subject
    assert "Der er allerede indkøbt tablets." in mail.body
    assert reverse("portfolio:my_ideas") in mail.body
    with pytest.raises(ValidationFailed):  # decided once
        svc.reject(hr, idea.pk, reason="Igen")


def test_only_the_owner_triages(users, org):
    idea = IdeaFactory()
    for role in ("employee", "manager", "analyst"):
        with pytest.raises(PermissionDenied):
            svc.mark_review(_access(users, role), idea.pk)


def test_merging_moves_the_supporters_and_the_submitter_to_the_other_idea(
    users, org, mailoutbox, django_capture_on_commit_callbacks
):
    hr = _access(users, "hr")
    target = IdeaFactory(submitted_by=org.person_in_syd)
    idea = IdeaFactory(submitted_by=org.person_in_skole)
    fan, both = PersonFactory(), PersonFactory()
    IdeaSupport.objects.create(idea=idea, person=fan)
    IdeaSupport.objects.create(idea=idea, person=both)
    IdeaSupport.objects.create(idea=idea, person=org.person_in_syd)  # the target's submitter
    IdeaSupport.objects.create(idea=target, person=both)
    with pytest.raises(ValidationFailed):
        svc.merge(hr, idea.pk, into_id=idea.pk)
    with pytest.raises(ValidationFailed):
        svc.merge(hr, idea.pk, into_id=999_999)
    with django_capture_on_commit_callbacks(execute=True):
        svc.merge(hr, idea.pk, into_id=target.pk, reason="Samme problem.")
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.MERGED and idea.merged_into == target
    supporters = set(IdeaSupport.objects.filter(idea=target).values_list("person_id", flat=True))
    assert supporters == {fan.pk, both.pk, org.person_in_skole.pk}
    # Not into an idea that is itself merged.
    other = IdeaFactory()
    with pytest.raises(ValidationFailed):
        svc.merge(hr, other.pk, into_id=idea.pk)


def test_turning_an_idea_into_an_initiative(
    users, org, mailoutbox, django_capture_on_commit_callbacks
):
    hr = _access(users, "hr")
    InitiativeFactory(number=41)
    org.person_in_nord.email = "nord@example.dk"
    org.person_in_nord.save()
    idea = IdeaFactory(
        submitted_by=org.person_in_nord,
        unit=org.nord,
        title="Robot til bilag",
        description="Bilag flyttes i hånden.",
        hours_per_month=Decimal("30"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        initiative = svc.make_initiative(hr, idea.pk, title="", reason="Passer med pejlemærket.")
    assert initiative.number == 42 and initiative.stage == Stage.IDEA
    assert initiative.title == "Robot til bilag"
    assert initiative.problem.startswith("Bilag flyttes i hånden.")
    assert "30" in initiative.problem and f"{idea.pk}" in initiative.problem
    assert initiative.forvaltning == org.social and initiative.created_by == users["hr"]
    # Made through the initiatives part's service: the stage trail starts with "idé".
    assert [(c.from_stage, c.to_stage) for c in initiative.stage_changes.all()] == [
        ("", Stage.IDEA)
    ]
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.INITIATIVE and idea.initiative == initiative
    [mail] = mailoutbox
    assert "initiativ nr. 42" in mail.body and mail.to == ["nord@example.dk"]
    assert Initiative.objects.count() == 2
    # The submitter sees it on "Mine idéer".
    mine = svc.my_ideas(_access(users, "employee"))
    assert [i.status for i in mine.ideas] == [IdeaStatus.INITIATIVE]


def test_review_sends_no_mail(users, org, mailoutbox, django_capture_on_commit_callbacks):
    idea = IdeaFactory()
    with django_capture_on_commit_callbacks(execute=True):
        svc.mark_review(_access(users, "hr"), idea.pk)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.REVIEW and mailoutbox == []


def test_mine_data_lists_ideas_supports_and_comments(users, org):
    employee, manager = _access(users, "employee"), _access(users, "manager")
    mine = svc.submit_idea(employee, kind="idea", title="Min idé", description="Beskrivelse")
    other = IdeaFactory(title="Andens idé")
    svc.support(employee, other.pk)
    svc.add_comment(employee, other.pk, text="Godt forslag")
    svc.support(manager, mine.pk)
    rows = my_data(org.person_in_nord.pk)
    kinds = [row["Hvad"] for row in rows]
    assert kinds == ["Indsendt idé eller behov", "Støtter idé", "Kommentar til idé"]
    assert rows[0]["Emne"] == f"{mine.pk}. Min idé" and rows[2]["Detaljer"] == "Godt forslag"
    # One table on the page: every row of the category has the same columns, in order.
    assert {tuple(row) for row in rows} == {("Hvad", "Emne", "Dato", "Status", "Detaljer")}


# --- Pages --------------------------------------------------------------------------------------


def test_submitting_through_the_page_and_errors_beside_the_fields(client_as, org):
    client = client_as("employee")
    bad = client.post(
        reverse("portfolio:idea_new"), {"kind": "idea", "title": "", "description": ""}
    )
    assert bad.status_code == 400
    assert "Idéen blev ikke sendt" in bad.content.decode()
    response = client.post(
        reverse("portfolio:idea_new"),
        {"kind": "need", "title": "Vagtplan", "description": "Papir", "hours_per_month": "7,5"},
    )
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "portfolio:idea", kwargs={"idea_id": idea.pk}
    )
    assert idea.hours_per_month == Decimal("7.5")
    # The idea's page, where the submitter lands, leads to all of their ideas; others' do not.
    landed = client.get(response["Location"]).content.decode()
    assert f'href="{reverse("portfolio:my_ideas")}">Se alle dine idéer' in landed
    others = client.get(reverse("portfolio:idea", kwargs={"idea_id": IdeaFactory().pk}))
    assert "Se alle dine idéer" not in others.content.decode()
    page = client.get(reverse("portfolio:my_ideas")).content.decode()
    assert "Vagtplan" in page and "Ny" in page


def test_the_triage_form_rejects_without_a_reason_on_the_page(client_as, org):
    idea = IdeaFactory()
    client = client_as("hr")
    url = reverse("portfolio:idea_triage", kwargs={"idea_id": idea.pk})
    bad = client.post(url, {"decision": "reject", "reason": ""})
    assert bad.status_code == 400 and "Afgørelsen blev ikke gemt" in bad.content.decode()
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.NEW
    assert client.post(url, {"decision": "initiative", "title": "Nyt"}).status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.INITIATIVE and idea.initiative.title == "Nyt"


def test_a_beacon_page_shows_the_chart_with_its_table(client_as, org, users):
    beacon = BeaconFactory(title="Færre genindtastninger")
    beacon_svc.add_measurement(
        _access(users, "hr"), beacon.pk, measured_on=D(2025, 6, 1), value=Decimal(55)
    )
    page = client_as("employee").get(reverse("portfolio:beacon", kwargs={"beacon_id": beacon.pk}))
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "<table" in html
    assert "Tilføj en måling" not in html
    bad = client_as("hr").post(
        reverse("portfolio:beacon_measure", kwargs={"beacon_id": beacon.pk}),
        {"measured_on": "2020-01-01", "value": "abc"},
    )
    assert bad.status_code == 400 and "Målingen blev ikke gemt" in bad.content.decode()
