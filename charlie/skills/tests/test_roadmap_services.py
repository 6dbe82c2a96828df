"""The road map service: gap → proposed path → adopted into the plan; the provider registry;
hand-entered activities; the one-page PDF."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.services import access_for
from charlie.skills import services
from charlie.skills.models import ActivityKind, LearningActivity, PlanActivity, PlanStatus
from charlie.skills.roadmap import Option
from charlie.skills.services import plans
from charlie.skills.services import roadmap as roadmaps
from charlie.skills.tests.factories import (
    RoleProfileFactory,
    RoleRequirementFactory,
    SkillAssessmentFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

START = date(2027, 1, 4)


@pytest.fixture
def target(org):
    """ "Social- og sundhedsassistent i det nære sundhedsvæsen": three skills; the person in
    Nord holds Forflytning 2 (needs 3), nothing of Medicinhåndtering (needs 2, essential) and
    Velfærdsteknologi 3 (needs 2: met)."""
    profile = RoleProfileFactory(
        code="sosu-naere", name="Social- og sundhedsassistent i det nære sundhedsvæsen"
    )
    skills = {
        name: SkillFactory(name=name)
        for name in ("Forflytning", "Medicinhåndtering", "Velfærdsteknologi")
    }
    RoleRequirementFactory(profile=profile, skill=skills["Forflytning"], min_level=3)
    RoleRequirementFactory(profile=profile, skill=skills["Medicinhåndtering"], min_level=2)
    RoleRequirementFactory(
        profile=profile, skill=skills["Velfærdsteknologi"], min_level=2, requirement="optional"
    )
    SkillAssessmentFactory(person=org.person_in_nord, skill=skills["Forflytning"], level=2)
    SkillAssessmentFactory(person=org.person_in_nord, skill=skills["Velfærdsteknologi"], level=3)
    for skill, title, hours, level, weeks in [
        ("Forflytning", "Forflytning for øvede", 14, 3, 2),
        ("Forflytning", "Forflytningsvejleder", 37, 4, 6),
        ("Medicinhåndtering", "Medicinhåndtering i hjemmeplejen", 30, 2, 4),
    ]:
        LearningActivity.objects.create(
            skill=skills[skill],
            kind=ActivityKind.COURSE,
            title=title,
            hours=Decimal(hours),
            raises_to=level,
            weeks=weeks,
        )
    return profile, skills


def test_the_employee_sees_an_ordered_path_with_hours_and_dates(org, users, target):
    view = roadmaps.roadmap_for(
        access_for(users["employee"]), code="sosu-naere", start=START, weekly_hours=5
    )
    assert view.is_self
    steps = [(name, s.option.title, s.starts_on, s.ends_on) for s, name in view.named_steps]
    # Both essential; Medicinhåndtering misses 2 levels, Forflytning 1: Medicin first.
    # 30 h at 5 h/week = 6 weeks (4 Jan – 14 Feb); then 14 h → 3 weeks > 2 (15 Feb – 7 Mar).
    assert steps == [
        ("Medicinhåndtering", "Medicinhåndtering i hjemmeplejen", START, date(2027, 2, 14)),
        ("Forflytning", "Forflytning for øvede", date(2027, 2, 15), date(2027, 3, 7)),
    ]
    assert view.roadmap.total_hours == 44
    assert [name for _line, name in view.named_met] == ["Velfærdsteknologi"]


def test_a_registered_provider_offers_activities_without_skills_importing_it(org, users, target):
    _profile, skills = target
    medicin = skills["Medicinhåndtering"].pk

    def catalogue(skill_ids):
        return [Option("kursus:7", medicin, "E-læring: medicin", "course", 8, 2, 2, "learning")]

    services.register_activity_provider(catalogue)
    try:
        view = roadmaps.roadmap_for(access_for(users["employee"]), code="sosu-naere", start=START)
        assert view.roadmap.steps[0].option.key == "kursus:7"
    finally:
        services.unregister_activity_provider(catalogue)


def test_adjust_and_adopt_into_the_development_plan(org, users, target):
    employee = access_for(users["employee"])
    view = roadmaps.roadmap_for(employee, code="sosu-naere", start=START, weekly_hours=5)
    medicin, forflytning = (s.option.key for s in view.roadmap.steps)
    # Forflytning first, from 1 March; Medicin after it.
    plan_id = roadmaps.adopt(
        employee,
        None,
        code="sosu-naere",
        start=START,
        weekly_hours=5,
        choices=[
            roadmaps.Choice(medicin, keep=True, position=2),
            roadmaps.Choice(forflytning, keep=True, position=1, starts_on=date(2027, 3, 1)),
        ],
    )
    rows = list(PlanActivity.objects.filter(plan_id=plan_id).order_by("position"))
    assert [(r.title, r.starts_on, r.ends_on, r.hours) for r in rows] == [
        ("Forflytning for øvede", date(2027, 3, 1), date(2027, 3, 21), Decimal("14.0")),
        ("Medicinhåndtering i hjemmeplejen", date(2027, 3, 22), date(2027, 5, 2), Decimal("30.0")),
    ]
    plan = plans.plan_detail(employee, plan_id).plan
    assert plan.status == PlanStatus.DRAFT and plan.target_profile.code == "sosu-naere"
    # Dropping everything is refused; a stale key too.
    with pytest.raises(ValidationFailed):
        roadmaps.adopt(employee, None, code="sosu-naere", choices=[])
    with pytest.raises(ValidationFailed):
        roadmaps.adopt(
            employee, None, code="sosu-naere", choices=[roadmaps.Choice("local:999", True, 1)]
        )


def test_the_manager_adopts_within_scope_and_only_there(org, users, target):
    manager = access_for(users["manager"])
    view = roadmaps.roadmap_for(manager, org.person_in_nord.pk, code="sosu-naere")
    assert not view.is_self
    with pytest.raises(NotFound):
        roadmaps.roadmap_for(manager, org.person_in_skole.pk, code="sosu-naere")
    with pytest.raises(PermissionDenied):
        roadmaps.roadmap_for(access_for(users["employee"]), org.person_in_skole.pk)
    with pytest.raises(NotFound):
        roadmaps.roadmap_for(manager, org.person_in_nord.pk, code="findes-ikke")


def test_the_default_target_is_the_job_familys_profile(org, users, target):
    profile, _skills = target
    profile.job_family = org.person_in_nord.employments.get().job_family
    profile.save()
    view = roadmaps.roadmap_for(access_for(users["employee"]))
    assert view.profile == profile


def test_hr_adds_learning_activities(org, users, target):
    _profile, skills = target
    hr = access_for(users["hr"])
    activity = roadmaps.add_learning_activity(
        hr,
        skill_id=skills["Forflytning"].pk,
        kind="mentoring",
        title="Sidemandsoplæring",
        hours="7,5",
        raises_to="3",
        weeks="2",
    )
    assert activity.hours == Decimal("7.5")
    with pytest.raises(ValidationFailed):
        roadmaps.add_learning_activity(
            hr, skill_id=skills["Forflytning"].pk, kind="course", title="X", hours=1,
            raises_to=9, weeks=1,
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        roadmaps.add_learning_activity(
            access_for(users["manager"]), skill_id=1, kind="course", title="X", hours=1,
            raises_to=1, weeks=1,
        )  # fmt: skip


def test_the_pdf_is_one_page(org, users, target, rf):
    import weasyprint

    from charlie.privacy.services import pdf_url_fetcher

    view = roadmaps.roadmap_for(access_for(users["employee"]), code="sosu-naere", start=START)
    request = rf.get("/")
    request.user = users["employee"]
    html = render_to_string(
        "skills/mus/roadmap_pdf.html", {"view": view, "printed": START}, request=request
    )
    document = weasyprint.HTML(string=html, url_fetcher=pdf_url_fetcher()).render()
    assert len(document.pages) == 1


def test_the_pages_render(client, org, users, target):
    client.force_login(users["employee"])
    page = client.get(reverse("skills:roadmap_mine"), {"maal": "sosu-naere"})
    assert "Medicinhåndtering i hjemmeplejen" in page.content.decode()
    pdf = client.get(reverse("skills:roadmap_pdf_mine"), {"maal": "sosu-naere"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    keys = [s.option.key for s in roadmaps.roadmap_for(
        access_for(users["employee"]), code="sosu-naere").roadmap.steps]  # fmt: skip
    response = client.post(
        reverse("skills:roadmap_mine"),
        {"maal": "sosu-naere", "step": keys, "keep-1": "1", "position-1": "1"},
    )
    assert response.status_code == 302
    assert PlanActivity.objects.count() == 1


def test_a_long_road_map_still_prints_on_one_page(org, users, rf):
    profile = RoleProfileFactory(code="lang", name="En lang vej")
    for i in range(30):
        skill = SkillFactory(name=f"Kompetence med et ret langt navn nummer {i}")
        RoleRequirementFactory(profile=profile, skill=skill, min_level=4)
        LearningActivity.objects.create(
            skill=skill,
            kind=ActivityKind.COURSE,
            title=f"Et kursus med en lang titel om kompetence nummer {i}",
            hours=Decimal(20),
            raises_to=4,
            weeks=3,
        )
    view = roadmaps.roadmap_for(access_for(users["employee"]), code="lang", start=START)
    assert len(view.roadmap.steps) == 30
    assert view.pdf_more == 30 - roadmaps.PDF_ROWS
    import weasyprint

    from charlie.privacy.services import pdf_url_fetcher

    request = rf.get("/")
    request.user = users["employee"]
    html = render_to_string(
        "skills/mus/roadmap_pdf.html", {"view": view, "printed": START}, request=request
    )
    document = weasyprint.HTML(string=html, url_fetcher=pdf_url_fetcher()).render()
    assert len(document.pages) == 1
