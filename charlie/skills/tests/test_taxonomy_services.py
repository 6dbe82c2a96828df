"""The taxonomy and role-profile services (issue 13, points 1 and 2): local skills and groups,
merge and retire, DigComp 2.2 as shipped data, job families' ESCO occupations, and versioned
role profiles started from an ESCO occupation."""

from __future__ import annotations

from datetime import date

import pytest

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.models import JobFamily
from charlie.people.services import access_for
from charlie.privacy.models import AuditEntry
from charlie.skills import digcomp, gaps, rules, services
from charlie.skills.models import (
    JobFamilyOccupation,
    Occupation,
    OccupationSkill,
    RoleProfile,
    RoleRequirement,
    Skill,
    SkillAssessment,
    SkillSource,
)
from charlie.skills.services import role_profiles as rp
from charlie.skills.services import taxonomy
from charlie.skills.tests.factories import (
    RoleProfileFactory,
    RoleRequirementFactory,
    SkillAssessmentFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr(users):  # type: ignore[no-untyped-def]
    return access_for(users["hr"])


# --- DigComp 2.2 --------------------------------------------------------------------------------


def test_digcomp_is_shipped_with_its_source_and_eight_levels() -> None:
    assert len(digcomp.AREAS) == 5
    assert len(digcomp.COMPETENCES) == 21
    assert [c.number for c in digcomp.COMPETENCES if c.area == 2] == [
        "2.1", "2.2", "2.3", "2.4", "2.5", "2.6",
    ]  # fmt: skip
    rows = Skill.objects.filter(source=SkillSource.DIGCOMP)  # loaded by migration 0003
    assert rows.count() == 21
    first = rows.get(uri="digcomp:1.1")
    assert first.scale == "digcomp"
    assert "Browsing, searching and filtering data" in first.description
    assert "JRC128415" in first.description
    assert first.area == "1 Informations- og datakompetence"
    assert rules.scale_of(first.scale).top == 8
    assert taxonomy.ensure_digcomp() == 0  # idempotent
    assert rows.count() == 21


# --- Local skills and groups --------------------------------------------------------------------


def test_local_skills_get_a_stable_id_from_the_danish_name(hr) -> None:  # type: ignore[no-untyped-def]
    group = taxonomy.save_group(hr, name="Sundhed og pleje")
    made = taxonomy.create_local_skill(hr, name="Medicinhåndtering", group_id=group.pk)
    assert made.uri == "local:medicinhaandtering"
    assert made.source == SkillSource.LOCAL and made.group == group
    with pytest.raises(ValidationFailed):
        taxonomy.create_local_skill(hr, name="medicinhåndtering")
    renamed = taxonomy.update_skill(hr, made.pk, name="Medicinhåndtering og -dosering")
    assert renamed.uri == "local:medicinhaandtering"  # the id never changes
    assert taxonomy.save_group(hr, name="Pleje", group_id=group.pk).name == "Pleje"
    with pytest.raises(ValidationFailed):
        taxonomy.save_group(hr, name="pleje")


def test_only_hr_changes_the_taxonomy_and_everyone_reads_it(users) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        taxonomy.create_local_skill(access_for(users["manager"]), name="Demens")
    page = taxonomy.search_skills(access_for(users["employee"]), taxonomy.SkillFilter(q="1.1"))
    assert page.paginator.count >= 1
    with pytest.raises(PermissionDenied):
        taxonomy.search_skills(access_for(users["dpo"]), taxonomy.SkillFilter())


def test_search_by_source_group_and_paged(hr) -> None:  # type: ignore[no-untyped-def]
    group = taxonomy.save_group(hr, name="Digitalisering")
    for n in range(60):
        SkillFactory(name=f"Velfærdsteknologi {n:02d}", group=group if n < 3 else None)
    local = taxonomy.search_skills(hr, taxonomy.SkillFilter(q="velfærd", source="local"))
    assert local.paginator.count == 60 and len(local.object_list) == taxonomy.PAGE_SIZE
    assert taxonomy.search_skills(hr, taxonomy.SkillFilter(group=group.pk)).paginator.count == 3
    digi = taxonomy.search_skills(hr, taxonomy.SkillFilter(source="digcomp"))
    assert digi.paginator.count == 21


# --- Merge and retire ---------------------------------------------------------------------------


def test_merge_moves_assessments_and_current_requirements_and_keeps_history(hr, org) -> None:  # type: ignore[no-untyped-def]
    source = SkillFactory(name="Forflytning af borgere")
    target = SkillFactory(name="Forflytning")
    SkillAssessmentFactory(person=org.person_in_nord, skill=source, level=3)
    old = RoleProfileFactory(code="sosu", version=1, is_current=False)
    RoleRequirementFactory(profile=old, skill=source, min_level=2)
    current = RoleProfileFactory(code="sosu", version=2)
    RoleRequirementFactory(profile=current, skill=source, min_level=3, requirement="essential")
    RoleRequirementFactory(profile=current, skill=target, min_level=2, requirement="optional")

    result = taxonomy.merge_skill(hr, source.pk, target.pk)

    assert (result.assessments, result.requirements) == (1, 1)
    assert SkillAssessment.objects.get(person=org.person_in_nord).skill_id == target.pk
    # The current profile: one requirement, the higher level, essential if either was.
    (req,) = RoleRequirement.objects.filter(profile=current)
    assert (req.skill_id, req.min_level, req.requirement) == (target.pk, 3, "essential")
    # The old version keeps the skill it was made with; the merged skill stays.
    assert RoleRequirement.objects.get(profile=old).skill_id == source.pk
    source.refresh_from_db()
    assert source.merged_into_id == target.pk and not source.active
    assert source not in taxonomy.offered_skills()
    # The people whose assessments moved see it in their log.
    assert AuditEntry.objects.filter(
        subject_person_id=org.person_in_nord.pk, category=services.CATEGORY, action="update"
    ).exists()
    # A name or id of a merged skill leads to its target.
    assert taxonomy.resolve_skill(source.uri) == target


def test_merge_refuses_itself_a_merged_skill_and_another_scale(hr) -> None:  # type: ignore[no-untyped-def]
    a, b = SkillFactory(), SkillFactory()
    digital = Skill.objects.get(uri="digcomp:1.1")
    with pytest.raises(ValidationFailed):
        taxonomy.merge_skill(hr, a.pk, a.pk)
    with pytest.raises(ValidationFailed, match="skalaer"):
        taxonomy.merge_skill(hr, a.pk, digital.pk)
    taxonomy.merge_skill(hr, a.pk, b.pk)
    with pytest.raises(ValidationFailed):
        taxonomy.merge_skill(hr, a.pk, b.pk)


def test_retired_skills_stay_on_records_but_are_not_offered(hr) -> None:  # type: ignore[no-untyped-def]
    skill = SkillFactory(name="Journalføring på papir")
    profile = rp.save_profile(
        hr,
        rp.ProfileInput(
            name="Sekretær", requirements=(rp.RequirementInput(skill.pk, "", 2, True),)
        ),
    )
    taxonomy.retire_skill(hr, skill.pk, on=date(2026, 12, 1))
    assert skill not in taxonomy.offered_skills()
    # The profile keeps it in a new version; a new profile may not take it.
    again = rp.save_profile(
        hr,
        rp.ProfileInput(
            name="Sekretær", requirements=(rp.RequirementInput(skill.pk, "", 2, True),)
        ),
        code=profile.code,
    )
    assert rp.profile_needs(again) == [gaps.Need(skill.pk, 2, True)]
    with pytest.raises(ValidationFailed, match="udgået"):
        rp.save_profile(
            hr,
            rp.ProfileInput(name="Ny", requirements=(rp.RequirementInput(skill.pk, "", 2, True),)),
        )
    taxonomy.reinstate_skill(hr, skill.pk)
    assert skill in taxonomy.offered_skills()


# --- Role profiles ------------------------------------------------------------------------------


def test_every_save_is_a_new_version_and_the_old_keeps_its_requirements(hr) -> None:  # type: ignore[no-untyped-def]
    demens = SkillFactory(name="Demens")
    forflytning = SkillFactory(name="Forflytning", uri="local:forflytning")
    family = JobFamily.objects.order_by("pk").first()
    first = rp.save_profile(
        hr,
        rp.ProfileInput(
            name="Social- og sundhedsassistent i det nære sundhedsvæsen",
            job_family_id=family.pk,
            requirements=(rp.RequirementInput(None, "Demens", 2, True),),
        ),
    )
    assert first.code == "social-og-sundhedsassistent-i-det-naere-sundhedsvaesen"
    second = rp.save_profile(
        hr,
        rp.ProfileInput(
            name=first.name,
            job_family_id=family.pk,
            note="Forflytning tilføjet",
            requirements=(
                rp.RequirementInput(demens.pk, "", 3, True),
                rp.RequirementInput(None, "local:forflytning", 1, False),
            ),
        ),
        code=first.code,
    )
    assert second.version == 2
    first.refresh_from_db()
    assert not first.is_current
    assert rp.profile_needs(first) == [gaps.Need(demens.pk, 2, True)]
    assert rp.current_profile(first.code) == second
    assert rp.profile_needs(second) == [
        gaps.Need(demens.pk, 3, True),
        gaps.Need(forflytning.pk, 1, False),
    ]
    assert services.profiles_for_job_family(family.pk) == [second]
    view = rp.profile(hr, first.code)
    assert [p.version for p in view.history] == [2, 1]
    assert rp.profile(hr, first.code, 1).profile == first
    with pytest.raises(NotFound):
        services.current_profile("findes-ikke")


def test_levels_are_checked_on_the_skills_own_scale(hr) -> None:  # type: ignore[no-untyped-def]
    local = SkillFactory()
    digital = Skill.objects.get(uri="digcomp:3.4")
    ok = rp.save_profile(
        hr,
        rp.ProfileInput(
            name="Digital koordinator",
            requirements=(
                rp.RequirementInput(digital.pk, "", 6, True),
                rp.RequirementInput(local.pk, "", 4, False),
            ),
        ),
    )
    assert ok.requirements.count() == 2
    with pytest.raises(ValidationFailed) as exc:
        rp.save_profile(
            hr,
            rp.ProfileInput(
                name="Forkert",
                requirements=(
                    rp.RequirementInput(local.pk, "", 5, True),
                    rp.RequirementInput(None, "findes ikke", 1, True),
                    rp.RequirementInput(digital.pk, "", 9, True),
                ),
            ),
        )
    assert len(exc.value.messages) == 3
    assert not RoleProfile.objects.filter(name="Forkert").exists()
    # A name that is not exact is answered with the nearest names.
    SkillFactory(name="Demens")
    SkillFactory(name="Demensvenlig kommunikation")
    with pytest.raises(ValidationFailed) as exc:
        rp.save_profile(
            hr,
            rp.ProfileInput(
                name="Forkert", requirements=(rp.RequirementInput(None, "demen", 1, True),)
            ),
        )
    assert exc.value.messages == [
        "Krav 1: »demen« findes ikke. Mente du: »Demens«, »Demensvenlig kommunikation«?"
    ]


def test_a_profile_starts_from_an_esco_occupation(hr) -> None:  # type: ignore[no-untyped-def]
    occ = Occupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/x", name="sosu", isco_group="5322"
    )
    essential, optional, retired = (
        SkillFactory(name="A"),
        SkillFactory(name="B"),
        SkillFactory(name="C"),
    )
    retired.retired_on = date(2026, 1, 1)
    retired.save()
    for skill, is_essential in ((essential, True), (optional, False), (retired, True)):
        OccupationSkill.objects.create(occupation=occ, skill=skill, essential=is_essential)
    start = rp.requirements_from_occupation(hr, occ.pk)
    assert [(r.skill_id, r.min_level, r.essential) for r in start] == [
        (essential.pk, 2, True),
        (optional.pk, 1, False),
    ]


def test_job_families_map_to_esco_occupations(hr, users) -> None:  # type: ignore[no-untyped-def]
    occ = Occupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/y", name="sygeplejerske", isco_group="2221"
    )
    family = JobFamily.objects.order_by("pk").first()
    taxonomy.map_job_family(hr, family.pk, occ.pk, mapped=True)
    taxonomy.map_job_family(hr, family.pk, occ.pk, mapped=True)  # twice: once
    assert JobFamilyOccupation.objects.count() == 1
    assert taxonomy.job_family(hr, family.pk).occupations == [occ]
    assert taxonomy.search_occupations(hr, "2221").paginator.count == 1
    with pytest.raises(PermissionDenied):
        taxonomy.map_job_family(access_for(users["manager"]), family.pk, occ.pk, mapped=False)
    taxonomy.map_job_family(hr, family.pk, occ.pk, mapped=False)
    assert not JobFamilyOccupation.objects.exists()
