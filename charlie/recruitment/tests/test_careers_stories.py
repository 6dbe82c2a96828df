"""HR writes employer-branding stories and publishes them on the careers site."""

from __future__ import annotations

import pytest
from django.urls import reverse

from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.people.services import access_for
from charlie.recruitment import services
from charlie.recruitment.models import Story

STORY = {
    "title": "Grøn pendling i Lemvig",
    "slug": "groen-pendling",
    "theme": "green",
    "summary": "Tre kolleger cykler på arbejde.",
    "body": "Vi cykler.\n\n- Cykelparkering\n- Bad og omklædning",
}


def test_hr_writes_publishes_and_takes_down_a_story(client_as, client, org, users):
    hr = client_as("hr")
    response = hr.post(reverse("recruitment:story_new"), STORY)
    assert response.status_code == 302
    story = Story.objects.get()
    assert not story.published
    client.logout()
    assert client.get("/job/historier/groen-pendling/").status_code == 404
    hr = client_as("hr")
    hr.post(reverse("recruitment:story_publish", args=[story.pk]), {"publish": "1"})
    client.logout()
    page = client.get("/job/historier/groen-pendling/")
    assert page.status_code == 200
    assert "<ul><li>Cykelparkering</li><li>Bad og omklædning</li></ul>" in page.content.decode()
    story.refresh_from_db()
    first = story.published_at
    hr = client_as("hr")
    hr.post(reverse("recruitment:story_publish", args=[story.pk]), {"publish": "0"})
    client.logout()
    assert client.get("/job/historier/groen-pendling/").status_code == 404
    services.stories.set_published(access_for(users["hr"]), story.pk, published=True)
    story.refresh_from_db()
    assert story.published_at == first  # keeps its place


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"slug": "Med Store"}, "slug"),
        ({"slug": "ny"}, "slug"),
        ({"theme": "andet"}, "theme"),
        ({"title": ""}, None),
        ({"body": "Ring på 0101901234"}, None),
    ],
)
def test_what_a_story_must_hold(org, users, change, field):
    with pytest.raises(ValidationFailed) as error:
        services.stories.save_story(access_for(users["hr"]), {**STORY, **change})
    assert error.value.field == field


def test_the_address_is_unique_and_only_hr_writes(org, users):
    services.stories.save_story(access_for(users["hr"]), STORY)
    with pytest.raises(ValidationFailed):
        services.stories.save_story(access_for(users["hr"]), STORY)
    with pytest.raises(PermissionDenied):
        services.stories.save_story(access_for(users["manager"]), STORY)
