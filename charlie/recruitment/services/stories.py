"""Employer-branding stories ("livet som ansat i kommunen", issue 15, point 3): HR writes and
publishes them (``MANAGE_ADS``), the public reads the published ones on the careers site. A
story is an article, not a record about a person: it holds no personal data beyond what its
writer chooses to publish (a quoted colleague agrees to it outside Charlie)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.text import check_text
from charlie.privacy.access import Access
from charlie.recruitment import paragraphs
from charlie.recruitment.models import Story, StoryTheme
from charlie.recruitment.permissions import MANAGE_ADS

__all__ = [
    "RESERVED_SLUGS",
    "STORIES_PAGE_SIZE",
    "PublicStory",
    "delete_story",
    "latest_stories",
    "public_stories",
    "public_story",
    "save_story",
    "set_published",
    "stories_for_hr",
    "story_for_edit",
]

STORIES_PAGE_SIZE = 12
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Addresses the story pages use themselves.
RESERVED_SLUGS = frozenset({"ny"})


@dataclass(frozen=True)
class PublicStory:
    story: Story
    body_html: str  # escaped (``paragraphs.to_html``)


# --- The public ---------------------------------------------------------------------------------


def _published() -> Any:
    return Story.objects.filter(published=True)


def public_stories(theme: str = "", page_number: Any = 1) -> Page[Any]:
    """The published stories, the newest first, optionally of one theme."""
    qs = _published().defer("body")
    if theme:
        qs = qs.filter(theme=theme)
    return Paginator(qs.order_by("-published_at", "-pk"), STORIES_PAGE_SIZE).get_page(page_number)


def latest_stories(count: int = 3) -> list[Story]:
    """The newest published stories, for the careers front page."""
    return list(_published().defer("body").order_by("-published_at", "-pk")[:count])


def public_story(slug: str) -> PublicStory:
    """A published story by its address; 404 for a draft or an unknown address."""
    story = _published().filter(slug=slug).first()
    if story is None:
        raise NotFound
    return PublicStory(story, paragraphs.to_html(story.body))


# --- HR writes them -----------------------------------------------------------------------------


def stories_for_hr(access: Access, page_number: Any = 1) -> Page[Any]:
    """Every story, drafts first, then the newest."""
    access.require(MANAGE_ADS)
    qs = Story.objects.defer("body").order_by("published", "-published_at", "-updated_at", "-pk")
    return Paginator(qs, 25).get_page(page_number)


def story_for_edit(access: Access, story_id: int) -> Story:
    access.require(MANAGE_ADS)
    story = Story.objects.filter(pk=story_id).first()
    if story is None:
        raise NotFound
    return story


def save_story(access: Access, data: dict[str, Any], *, story_id: int | None = None) -> Story:
    """Create (``story_id`` None) or change a story from a form's cleaned data (slug, title,
    theme, summary, body). A published story stays published (the change shows at once)."""
    access.require(MANAGE_ADS)
    story = Story() if story_id is None else story_for_edit(access, story_id)
    slug = (data.get("slug") or "").strip().lower()
    if not _SLUG.match(slug) or slug in RESERVED_SLUGS:
        raise ValidationFailed(
            [
                _(
                    "Adressen må kun have små bogstaver a–z, tal og bindestreger, "
                    "fx »groen-pendling«."
                )
            ],
            field="slug",
        )
    if Story.objects.filter(slug=slug).exclude(pk=story.pk).exists():
        raise ValidationFailed(
            [_("Der findes allerede en historie med den adresse.")], field="slug"
        )
    if data.get("theme") not in StoryTheme.values:
        raise ValidationFailed([_("Vælg et tema.")], field="theme")
    story.slug = slug
    story.title = check_text(data.get("title"), what=_("Titlen"), max_length=200, required=True)
    story.theme = data["theme"]
    story.summary = check_text(
        data.get("summary"), what=_("Den korte beskrivelse"), max_length=300, required=True
    )
    story.body = check_text(
        data.get("body"), what=_("Teksten"), max_length=20_000, multiline=True, required=True
    )
    story.save()
    return story


def set_published(access: Access, story_id: int, *, published: bool) -> Story:
    """Publish a story on the careers site, or take it down again (its first publishing
    time is kept, so it keeps its place among the others)."""
    access.require(MANAGE_ADS)
    with transaction.atomic():
        story = Story.objects.select_for_update().filter(pk=story_id).first()
        if story is None:
            raise NotFound
        story.published = published
        if published and story.published_at is None:
            story.published_at = timezone.now()
        story.save(update_fields=["published", "published_at", "updated_at"])
    return story


def delete_story(access: Access, story_id: int) -> None:
    story = story_for_edit(access, story_id)
    story.delete()
