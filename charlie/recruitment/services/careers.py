"""The public careers site (issue 15, point 3): open jobs with filters, one job with its
schema.org ``JobPosting``, the Atom feed. No log-in and no personal data: an ad and its contact
person's work details are public by design, and nothing about applicants is ever read here.

*Open* means published and the deadline today or later in Copenhagen (``open_on``): an ad
disappears at the end of its deadline day by itself, with no job to close it. Drafts are
unknown (404); an ad that was public and is no longer — closed by HR or past its deadline —
answers "closed" (the page says so, with 410 Gone).

The pages are cached whole (``public_page``): the key holds the data's versions
(``CACHE_AREA``, bumped on every save of an ad or a story, and ``people`` for the unit and
job-family names), the day in Copenhagen and the language, so a publish, a close or an edit shows
at once, and an ad past its deadline leaves the list when the day turns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.cache import cached
from charlie.core.errors import NotFound
from charlie.people import services as people
from charlie.people.models import OrgUnit
from charlie.recruitment import feeds, jsonld, paragraphs
from charlie.recruitment.models import AdStatus, EmploymentType, JobAd

__all__ = [
    "CACHE_AREA",
    "FEED_SIZE",
    "PAGE_SIZE",
    "FilterOptions",
    "JobCard",
    "JobFilter",
    "JobPage",
    "feed_xml",
    "filter_options",
    "job_page",
    "open_on",
    "public_page",
    "search_jobs",
]

#: The cache area of the careers site's data (``core.cache``): ads and stories bump it.
CACHE_AREA = "recruitment_careers"
#: Jobs a page of the list; entries in the feed.
PAGE_SIZE = 20
FEED_SIZE = 50
#: How long a rendered public page may be kept at most, even with no change (seconds).
PAGE_TIMEOUT = 15 * 60

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def _now() -> datetime:
    return timezone.now()


def open_on() -> date:
    """Today in Copenhagen: an ad is open through its whole deadline day there (until
    midnight Copenhagen time, whatever the server's clock zone)."""
    return _now().astimezone(COPENHAGEN).date()


def _open(on: date) -> QuerySet[JobAd]:
    return JobAd.objects.filter(status=AdStatus.PUBLISHED, deadline__gte=on)


def open_ads() -> QuerySet[JobAd]:
    """The ads open today in Copenhagen, soonest deadline first (the careers site's rule; the
    API lists the same)."""
    return _open(open_on()).select_related("unit", "job_family").order_by("deadline", "pk")


def public_page[T](key: str, compute: Callable[[], T]) -> T:
    """A public page (or its parts) from the cache while no ad, story, unit or job family has
    changed and the day in Copenhagen is the same; ``compute`` makes it otherwise."""
    return cached(
        (CACHE_AREA, "people"), f"careers:{open_on()}:{key}", compute, timeout=PAGE_TIMEOUT
    )


# --- The list --------------------------------------------------------------------------------


@dataclass(frozen=True)
class JobFilter:
    q: str = ""
    job_family_id: int | None = None
    area_id: int | None = None
    employment_type: str = ""


@dataclass(frozen=True)
class JobCard:
    slug: str
    title: str
    summary: str
    place: str
    area: str
    job_family: str
    employment_type: str
    weekly_hours: Decimal
    deadline: date


@dataclass(frozen=True)
class FilterOptions:
    job_families: list[tuple[int, str]]
    areas: list[tuple[int, str]]
    employment_types: list[tuple[str, str]]


def _area_id(path: str) -> int | None:
    """The unit's top-level unit below the municipality (its forvaltning), or the
    municipality itself for an ad placed at the top."""
    return people.unit_ancestor_at_depth(path, 1) or people.unit_ancestor_at_depth(path, 0)


def _unit_names(ids: set[int]) -> dict[int, str]:
    labels = people.unit_labels()
    return {
        pk: labels.get(pk, name)
        for pk, name in OrgUnit.objects.filter(pk__in=ids).values_list("pk", "name")
    }


def filter_options(on: date | None = None) -> FilterOptions:
    """The choices of the list's filters: only job families and areas that have open jobs."""
    on = on or open_on()
    rows = list(_open(on).values_list("job_family_id", "unit__path").distinct())
    family_ids = {family for family, _path in rows}
    families = [(pk, label) for pk, label in people.job_family_choices() if pk in family_ids]
    areas = _unit_names({a for _f, path in rows if (a := _area_id(path)) is not None})
    return FilterOptions(
        job_families=families,
        areas=sorted(areas.items(), key=lambda item: item[1]),
        employment_types=[(str(v), str(label)) for v, label in EmploymentType.choices],
    )


def _search(f: JobFilter, on: date) -> QuerySet[JobAd]:
    qs = _open(on)
    if f.q:
        for word in f.q.split()[:8]:
            qs = qs.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(body__icontains=word)
                | Q(place__icontains=word)
                | Q(city__icontains=word)
            )
    if f.job_family_id is not None:
        qs = qs.filter(job_family_id=f.job_family_id)
    if f.area_id is not None:
        area = OrgUnit.objects.filter(pk=f.area_id).values_list("path", flat=True).first()
        qs = qs.filter(unit__path__startswith=area) if area else qs.none()
    if f.employment_type:
        qs = qs.filter(employment_type=f.employment_type)
    return qs.order_by("deadline", "title", "pk")


def search_jobs(f: JobFilter, page_number: Any = 1, *, on: date | None = None) -> Page[Any]:
    """The open jobs matching ``f``, the nearest deadline first, a page at a time, as
    ``JobCard`` rows."""
    on = on or open_on()
    page = Paginator(_search(f, on), PAGE_SIZE).get_page(page_number)
    rows = list(
        page.object_list.values(  # type: ignore[attr-defined]
            "slug",
            "title",
            "summary",
            "place",
            "unit__path",
            "job_family_id",
            "employment_type",
            "weekly_hours",
            "deadline",
        )
    )
    families = dict(people.job_family_choices())
    areas = _unit_names({a for r in rows if (a := _area_id(r["unit__path"])) is not None})
    types = dict(EmploymentType.choices)
    cards: list[Any] = [
        JobCard(
            slug=r["slug"],
            title=r["title"],
            summary=r["summary"],
            place=r["place"],
            area=areas.get(_area_id(r["unit__path"]) or 0, ""),
            job_family=families.get(r["job_family_id"], ""),
            employment_type=str(types.get(r["employment_type"], "")),
            weekly_hours=r["weekly_hours"],
            deadline=r["deadline"],
        )
        for r in rows
    ]
    page.object_list = cards
    return page


# --- One job ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class JobPage:
    ad: JobAd
    open: bool
    body_html: str  # escaped (``paragraphs.to_html``)
    area: str
    job_family: str
    jsonld: str  # safe inside a script element (``jsonld.script_text``); "" when closed


def _posted(ad: JobAd) -> date:
    stamp = ad.published_at or ad.created_at
    return stamp.astimezone(COPENHAGEN).date() if stamp else open_on()


def job_page(slug: str, *, site: str, on: date | None = None) -> JobPage:
    """The job ``slug`` for the public: open, or closed (``open`` False: it was public but is
    closed or past its deadline). 404 for a draft or an unknown address. ``site`` is the
    scheme and host the page is served at, for the addresses in the JSON-LD."""
    on = on or open_on()
    ad = (
        JobAd.objects.select_related("unit", "job_family")
        .filter(slug=slug)
        .exclude(status=AdStatus.DRAFT)
        .first()
    )
    if ad is None or (ad.published_at is None and ad.status != AdStatus.PUBLISHED):
        raise NotFound
    is_open = ad.status == AdStatus.PUBLISHED and ad.deadline >= on
    body_html = paragraphs.to_html(ad.body)
    area_id = _area_id(ad.unit.path)
    area = _unit_names({area_id}).get(area_id, "") if area_id else ""
    script = ""
    if is_open:
        script = jsonld.script_text(
            jsonld.job_posting(
                jsonld.JobFacts(
                    url=site + reverse("careers:job", kwargs={"slug": ad.slug}),
                    title=ad.title,
                    description_html=body_html,
                    date_posted=_posted(ad),
                    deadline=ad.deadline,
                    employment_type=ad.employment_type,
                    organisation=settings.CHARLIE_MUNICIPALITY_NAME,
                    organisation_url=site + reverse("careers:jobs"),
                    place=ad.place,
                    street_address=ad.street_address,
                    postal_code=ad.postal_code,
                    city=ad.city,
                    salary_min=ad.salary_min,
                    salary_max=ad.salary_max,
                    identifier=ad.slug,
                )
            )
        )
    return JobPage(
        ad=ad,
        open=is_open,
        body_html=body_html,
        area=area,
        job_family=str(ad.job_family.display_name),
        jsonld=script,
    )


# --- The feed --------------------------------------------------------------------------------


def feed_xml(*, site: str, on: date | None = None) -> bytes:
    """The Atom feed of the open jobs, the newest first (at most ``FEED_SIZE``)."""
    on = on or open_on()
    ads = list(
        _open(on)
        .select_related("job_family")
        .order_by("-published_at", "-pk")
        .only(
            "slug",
            "title",
            "summary",
            "body",
            "deadline",
            "published_at",
            "updated_at",
            "job_family__code",
            "job_family__name",
        )[:FEED_SIZE]
    )
    home = site + reverse("careers:jobs")
    entries = [
        feeds.Entry(
            id=site + reverse("careers:job", kwargs={"slug": ad.slug}),
            title=ad.title,
            link=site + reverse("careers:job", kwargs={"slug": ad.slug}),
            updated=ad.updated_at,
            published=ad.published_at,
            summary=ad.summary or paragraphs.plain(ad.body, limit=300),
            category=str(ad.job_family.display_name),
        )
        for ad in ads
    ]
    name = settings.CHARLIE_MUNICIPALITY_NAME
    return feeds.atom(
        feeds.Feed(
            id=site + reverse("careers:feed"),
            title=_("Ledige job – %(name)s") % {"name": name},
            subtitle=_("Ledige stillinger i %(name)s") % {"name": name},
            link=home,
            self_link=site + reverse("careers:feed"),
            author=name,
            updated=datetime.combine(on, time.min, tzinfo=COPENHAGEN),
        ),
        entries,
    )
