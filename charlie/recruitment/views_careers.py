"""The public careers site at ``/job/`` (issue 15, point 3): open jobs, one job with its
JSON-LD, the Atom feed and the employer-branding stories. No log-in (``login_not_required``),
no personal data, and fast: each page is rendered once and kept whole in the cache
(``services.careers.public_page``), keyed by the data's versions, the day in Copenhagen, the
language, the site's address and the page's own filters.

A cached page is the same for every visitor: it holds nothing of a session (no CSRF token —
the language is chosen by a link to ``language``, not by the signed-in pages' POST form — and no
CSP nonce, as the pages use no inline script). So a hit costs no more than reading the data
versions, and the answer may be kept by the browser or a proxy for a minute.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from charlie.core.query import query_text
from charlie.recruitment import services
from charlie.recruitment.models import EmploymentType, StoryTheme

TEMPLATES = "recruitment/careers/"

#: How long a browser or a proxy may keep a public page (seconds): an ad past its deadline may
#: show that much longer there, never in Charlie's own answers.
MAX_AGE = 60

#: The most pages of the list one may ask for (a bigger number shows the last page anyway).
MAX_PAGE = 1000


def _site(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _int(text: str | None, *, low: int = 1, high: int = 2**31 - 1) -> int | None:
    try:
        value = int(text or "")
    except ValueError:
        return None
    return value if low <= value <= high else None


def _render(template: str, context: dict[str, Any], next_path: str) -> str:
    base = {
        "municipality_name": settings.CHARLIE_MUNICIPALITY_NAME,
        "next_path": next_path,
        "demo_mode": settings.DEMO,
    }
    return render_to_string(TEMPLATES + template, {**base, **context})


def _serve(
    request: HttpRequest,
    key: str,
    make: Callable[[], tuple[str, int]],
    *,
    content_type: str = "text/html; charset=utf-8",
) -> HttpResponse:
    body, status = services.careers.public_page(f"{_site(request)}:{key}", make)
    response = HttpResponse(body, status=status, content_type=content_type)
    if status == 200:
        response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


# --- The list of open jobs --------------------------------------------------------------------


@login_not_required
@require_safe
def jobs(request: HttpRequest) -> HttpResponse:
    """Open jobs with filters (text, job family, area, employment type), a page at a time; on
    the first page without filters also the newest stories."""
    types = set(EmploymentType.values)
    chosen = {
        "q": query_text(request, "q"),
        "fag": _int(request.GET.get("fag")),
        "omraade": _int(request.GET.get("omraade")),
        "type": t if (t := request.GET.get("type", "")) in types else "",
    }
    page_number = _int(request.GET.get("side"), high=MAX_PAGE) or 1
    query = urlencode({k: v for k, v in chosen.items() if v})
    filtered = bool(query)
    path = reverse("careers:jobs") + (
        f"?{query}&side={page_number}" if query else f"?side={page_number}"
    )

    def make() -> tuple[str, int]:
        f = services.careers.JobFilter(
            q=str(chosen["q"]),
            job_family_id=chosen["fag"],  # type: ignore[arg-type]
            area_id=chosen["omraade"],  # type: ignore[arg-type]
            employment_type=str(chosen["type"]),
        )
        page = services.careers.search_jobs(f, page_number)
        context = {
            "page": page,
            "options": services.careers.filter_options(),
            "chosen": chosen,
            "query": query,
            "filtered": filtered,
            "section": "jobs",
            "stories": [] if filtered or page.number > 1 else services.stories.latest_stories(3),
        }
        return _render("list.html", context, path), 200

    return _serve(request, f"jobs:{query}:{page_number}", make)


# --- One job ----------------------------------------------------------------------------------


@login_not_required
@require_safe
def job(request: HttpRequest, slug: str) -> HttpResponse:
    """The ad, its facts and the way to apply, with its ``JobPosting`` JSON-LD; a closed ad
    answers 410 with a page saying so; a draft or an unknown address 404."""
    site = _site(request)

    def make() -> tuple[str, int]:
        found = services.careers.job_page(slug, site=site)
        path = reverse("careers:job", kwargs={"slug": slug})
        context = {
            "section": "jobs",
            "j": found,
            "ad": found.ad,
            "body_html": mark_safe(found.body_html),  # noqa: S308 - every character escaped
            "jsonld": mark_safe(found.jsonld),  # noqa: S308 - jsonld.script_text escapes < > &
        }
        if found.open:
            return _render("job.html", context, path), 200
        return _render("closed.html", context, path), 410

    return _serve(request, f"job:{slug}", make)


# --- The feed ---------------------------------------------------------------------------------


@login_not_required
@require_safe
def feed(request: HttpRequest) -> HttpResponse:
    """The open jobs as an Atom 1.0 feed."""
    site = _site(request)

    def make() -> tuple[str, int]:
        return services.careers.feed_xml(site=site).decode("utf-8"), 200

    return _serve(request, "feed", make, content_type="application/atom+xml; charset=utf-8")


# --- Stories ----------------------------------------------------------------------------------


@login_not_required
@require_safe
def stories(request: HttpRequest) -> HttpResponse:
    """The published stories ("Livet som ansat"), optionally of one theme."""
    theme = t if (t := request.GET.get("tema", "")) in StoryTheme.values else ""
    page_number = _int(request.GET.get("side"), high=MAX_PAGE) or 1
    query = urlencode({"tema": theme}) if theme else ""
    path = reverse("careers:stories") + (f"?{query}" if query else "")

    def make() -> tuple[str, int]:
        context = {
            "page": services.stories.public_stories(theme, page_number),
            "section": "stories",
            "themes": StoryTheme.choices,
            "theme": theme,
            "query": query,
        }
        return _render("stories.html", context, path), 200

    return _serve(request, f"stories:{theme}:{page_number}", make)


@login_not_required
@require_safe
def story(request: HttpRequest, slug: str) -> HttpResponse:
    def make() -> tuple[str, int]:
        found = services.stories.public_story(slug)
        context = {
            "section": "stories",
            "story": found.story,
            "body_html": mark_safe(found.body_html),  # noqa: S308 - every character escaped
        }
        return _render("story.html", context, reverse("careers:story", kwargs={"slug": slug})), 200

    return _serve(request, f"story:{slug}", make)


# --- The language ------------------------------------------------------------------------------


@login_not_required
@require_safe
def language(request: HttpRequest) -> HttpResponse:
    """Choose the careers site's language by a link (``?sprog=en&next=/job/…``): the same
    cookie Django's ``set_language`` sets, and back to the page (only a careers page: any other
    ``next`` leads to the list). A link, not a form, so the cached pages hold no CSRF token;
    the language is a preference of no consequence, so a forged link can do no harm."""
    code = request.GET.get("sprog", "")
    target = request.GET.get("next", "")
    home = reverse("careers:jobs")
    if not (
        target.startswith(home)
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        target = home
    response = HttpResponseRedirect(target)
    if code in {c for c, _name in settings.LANGUAGES}:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
