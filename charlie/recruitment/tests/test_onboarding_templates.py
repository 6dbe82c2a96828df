"""HR's template editor: templates per job family, tasks in their phases, courses from the
learning catalogue."""

from __future__ import annotations

import pytest
from django.urls import reverse

from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.learning.tests.factories import CourseFactory
from charlie.people import services as people
from charlie.people.models import JobFamily
from charlie.recruitment.models import OnboardingTemplate, TemplateTask
from charlie.recruitment.services import onboarding as svc
from charlie.recruitment.tests.factories import OnboardingTemplateFactory


@pytest.mark.django_db
def test_one_template_per_job_family_and_one_default(users):
    hr = people.access_for(users["hr"])
    sosu = JobFamily.objects.get(code="sosu")
    svc.save_template(hr, name="SOSU", job_family=sosu)
    svc.save_template(hr, name="Standard", job_family=None)
    with pytest.raises(ValidationFailed) as exc:
        svc.save_template(hr, name="SOSU igen", job_family=sosu)
    assert exc.value.field == "job_family"
    with pytest.raises(ValidationFailed):
        svc.save_template(hr, name="Standard 2", job_family=None)
    with pytest.raises(PermissionDenied):
        svc.templates(people.access_for(users["manager"]))


@pytest.mark.django_db
def test_a_task_must_fit_its_phase_and_name_a_real_course(users):
    hr = people.access_for(users["hr"])
    template = OnboardingTemplateFactory()
    task = svc.save_template_task(
        hr, template.pk, title="Uniform", phase="week_1", offset_days=None, owner="manager"
    )
    assert task.offset_days == 4  # the phase's default
    with pytest.raises(ValidationFailed) as exc:
        svc.save_template_task(
            hr, template.pk, title="Uniform", phase="before", offset_days=3, owner="manager"
        )
    assert exc.value.field == "offset_days"
    with pytest.raises(ValidationFailed) as exc:
        svc.save_template_task(
            hr,
            template.pk,
            title="Kursus",
            phase="day_30",
            offset_days=30,
            owner="newcomer",
            course_code="findes-ikke",
        )
    assert exc.value.field == "course_code"
    CourseFactory(code="forflytning", title="Forflytning")
    saved = svc.save_template_task(
        hr,
        template.pk,
        title="Forflytningskursus",
        phase="day_30",
        offset_days=30,
        owner="newcomer",
        course_code="forflytning",
    )
    assert saved.course_code == "forflytning"
    assert ("forflytning", "Forflytning (forflytning)") in svc.course_choices(hr)


@pytest.mark.django_db
def test_the_editor_pages(client_as):
    client = client_as("hr")
    CourseFactory(code="hygiejne", title="Hygiejne")
    response = client.post(
        reverse("recruitment:onboarding_template_new"),
        {"name": "Pædagoger", "job_family": JobFamily.objects.get(code="sosu").pk},
    )
    template = OnboardingTemplate.objects.get(name="Pædagoger")
    page_url = reverse("recruitment:onboarding_template", args=[template.pk])
    assert response["Location"] == page_url
    new_task = reverse("recruitment:onboarding_template_task_new", args=[template.pk])
    bad = client.post(
        new_task,
        {
            "task-title": "Nøgler",
            "task-phase": "day_1",
            "task-offset_days": "5",
            "task-owner": "manager",
        },
    )
    assert bad.status_code == 400
    assert "Dagene passer ikke til fasen" in bad.content.decode()
    client.post(
        new_task,
        {
            "task-title": "Hygiejne",
            "task-phase": "day_30",
            "task-owner": "newcomer",
            "task-course_code": "hygiejne",
        },
    )
    task = TemplateTask.objects.get(template=template)
    assert (task.offset_days, task.course_code) == (30, "hygiejne")
    assert "Hygiejne (hygiejne)" in client.get(page_url).content.decode()
    edit = reverse("recruitment:onboarding_template_task", args=[template.pk, task.pk])
    client.post(
        edit,
        {
            "task-title": "Hygiejne",
            "task-phase": "day_90",
            "task-owner": "newcomer",
            "task-course_code": "hygiejne",
        },
    )
    task.refresh_from_db()
    assert (task.phase, task.offset_days) == ("day_90", 90)
    client.post(reverse("recruitment:onboarding_template_task_remove", args=[template.pk, task.pk]))
    assert not TemplateTask.objects.filter(template=template).exists()
