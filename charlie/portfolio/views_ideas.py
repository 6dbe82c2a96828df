"""The pages of the portfolio's ideas part: beacons (everyone reads the published ones; the
portfolio owner keeps them and their measurements) and ideas from the front line (submit,
support, comment, "Mine idéer"; the portfolio owner triages). Thin HTTP over
``services.beacons`` and ``services.ideas``, which check permissions and write the audit log."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core import charts
from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of
from charlie.portfolio.forms_ideas import (
    BeaconForm,
    CommentForm,
    IdeaFilterForm,
    IdeaForm,
    MeasurementForm,
    TriageForm,
)
from charlie.portfolio.permissions import MANAGE_PORTFOLIO
from charlie.portfolio.services import beacons as beacon_services
from charlie.portfolio.services import ideas as idea_services


def _initiative_url(number: int) -> str | None:
    """The initiative's page, once the initiatives part provides it."""
    try:
        return reverse("portfolio:initiative", kwargs={"number": number})
    except NoReverseMatch:
        return None


# --- Beacons -------------------------------------------------------------------------------------


@require_GET
def beacons(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    cards = beacon_services.beacon_cards(access)
    return render(
        request,
        "portfolio/beacons/list.html",
        {"cards": cards, "can_manage": access.can(MANAGE_PORTFOLIO)},
    )


def _beacon_page(
    request: AuthenticatedRequest, beacon_id: int, form: MeasurementForm | None = None
) -> HttpResponse:
    detail = beacon_services.beacon_detail(access_of(request), beacon_id)
    beacon = detail.card.beacon
    chart = ""
    if detail.measurements:
        points = [(_("Udgangspunkt"), float(beacon.baseline))]
        points += [
            (m.measured_on.strftime("%d-%m-%Y"), float(m.value)) for m in detail.measurements
        ]
        chart = charts.line_chart(
            f"pejlemaerke-{beacon.pk}",
            _("%(indicator)s over tid") % {"indicator": beacon.indicator},
            _(
                "Kurve over indikatorens målte værdier fra udgangspunktet og frem. Målet er "
                "%(target)s. Tallene står i tabellen under diagrammet."
            )
            % {"target": beacon.target},
            points,
            digits=2,
        )
    initiatives = [(i, _initiative_url(i.number)) for i in detail.initiatives]
    status = 400 if form is not None and form.errors else 200
    if form is None and detail.can_manage:
        form = MeasurementForm()
    return render(
        request,
        "portfolio/beacons/detail.html",
        {
            "detail": detail,
            "beacon": beacon,
            "card": detail.card,
            "chart": chart,
            "initiatives": initiatives,
            "form": form,
            "errors": error_links(form) if form is not None else [],
        },
        status=status,
    )


@require_GET
def beacon(request: AuthenticatedRequest, beacon_id: int) -> HttpResponse:
    return _beacon_page(request, beacon_id)


def _beacon_data(form: BeaconForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "description": data["description"],
        "indicator": data["indicator"],
        "unit": data["unit"],
        "baseline": data["baseline"],
        "baseline_on": data["baseline_on"],
        "target": data["target"],
        "deadline": data["deadline"],
        "order": data.get("order") or 0,
    }


def _beacon_form(request: AuthenticatedRequest, beacon_id: int | None) -> HttpResponse:
    access = access_of(request)
    found = None
    initial: dict[str, Any] = {}
    if beacon_id is not None:
        found = beacon_services.beacon_for_owner(access, beacon_id)
        initial = {
            name: getattr(found, name)
            for name in (
                "title",
                "description",
                "indicator",
                "unit",
                "baseline",
                "baseline_on",
                "target",
                "deadline",
                "order",
            )
        }
    else:
        beacon_services.require_manage(access)
    form = BeaconForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = beacon_services.save_beacon(access, beacon_id=beacon_id, **_beacon_data(form))
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Pejlemærket er gemt.")
                if saved.published
                else _("Pejlemærket er gemt. Det er ikke offentliggjort endnu."),
            )
            return redirect("portfolio:beacon", beacon_id=saved.pk)
    return render(
        request,
        "portfolio/beacons/form.html",
        {"form": form, "errors": error_links(form), "beacon": found},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def beacon_new(request: AuthenticatedRequest) -> HttpResponse:
    return _beacon_form(request, None)


@require_http_methods(["GET", "POST"])
def beacon_edit(request: AuthenticatedRequest, beacon_id: int) -> HttpResponse:
    return _beacon_form(request, beacon_id)


@require_POST
def beacon_publish(request: AuthenticatedRequest, beacon_id: int) -> HttpResponse:
    """``publish=1`` publishes, ``publish=0`` takes it down."""
    publish = request.POST.get("publish") == "1"
    found = beacon_services.set_published(access_of(request), beacon_id, published=publish)
    messages.success(
        request,
        (
            _("»%(title)s« er offentliggjort. Alle medarbejdere kan se det.")
            if publish
            else _("»%(title)s« er taget af. Kun porteføljeejeren kan se det.")
        )
        % {"title": found.title},
    )
    return redirect("portfolio:beacon", beacon_id=beacon_id)


@require_POST
def beacon_measure(request: AuthenticatedRequest, beacon_id: int) -> HttpResponse:
    access = access_of(request)
    beacon_services.beacon_for_owner(access, beacon_id)
    form = MeasurementForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            _row, created = beacon_services.add_measurement(
                access,
                beacon_id,
                measured_on=data["measured_on"],
                value=data["value"],
                note=data["note"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Målingen er gemt.") if created else _("Målingen for den dag er rettet."),
            )
            return redirect("portfolio:beacon", beacon_id=beacon_id)
    return _beacon_page(request, beacon_id, form)


@require_POST
def beacon_measurement_delete(
    request: AuthenticatedRequest, beacon_id: int, measurement_id: int
) -> HttpResponse:
    beacon_services.delete_measurement(access_of(request), beacon_id, measurement_id)
    messages.success(request, _("Målingen er slettet."))
    return redirect("portfolio:beacon", beacon_id=beacon_id)


# --- Ideas: the list, submitting, one's own ----------------------------------------------------


@require_GET
def ideas(request: AuthenticatedRequest) -> HttpResponse:
    """Every idea and need, searchable and filtered, a page at a time; no names."""
    access = access_of(request)
    form = IdeaFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    f = idea_services.IdeaFilter(
        q=data.get("q") or "",
        kind=data.get("kind") or "",
        status=data.get("status") or "",
        sort=data.get("sort") or idea_services.SORT_NEWEST,
    )
    page = idea_services.ideas_page(access, f, request.GET.get("side", 1))
    query = {k: str(v) for k, v in request.GET.items() if k != "side" and v}
    return render(
        request,
        "portfolio/ideas/list.html",
        {
            "form": form,
            "page": page,
            "query": urlencode(query),
            "has_person": access.person_id is not None,
            "can_manage": access.can(MANAGE_PORTFOLIO),
        },
    )


@require_http_methods(["GET", "POST"])
def idea_new(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    if access.person_id is None:
        raise PermissionDenied
    form = IdeaForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            idea = idea_services.submit_idea(
                access,
                kind=data["kind"],
                title=data["title"],
                description=data["description"],
                hours_per_month=data["hours_per_month"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Tak for din idé. Den har nr. %(number)s. Du kan følge den under »Mine idéer«.")
                % {"number": idea.pk},
            )
            return redirect("portfolio:idea", idea_id=idea.pk)
    return render(
        request,
        "portfolio/ideas/form.html",
        {"form": form, "errors": error_links(form)},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_GET
def my_ideas(request: AuthenticatedRequest) -> HttpResponse:
    mine = idea_services.my_ideas(access_of(request))
    rows = [
        (idea, _initiative_url(idea.initiative.number) if idea.initiative else None)
        for idea in mine.ideas
    ]
    return render(request, "portfolio/ideas/mine.html", {"mine": mine, "rows": rows})


# --- Ideas: one idea, support, comment, triage -------------------------------------------------


def _idea_page(
    request: AuthenticatedRequest,
    idea_id: int,
    *,
    comment_form: CommentForm | None = None,
    triage_form: TriageForm | None = None,
) -> HttpResponse:
    detail = idea_services.idea_detail(access_of(request), idea_id)
    bad = (comment_form is not None and comment_form.errors) or (
        triage_form is not None and triage_form.errors
    )
    idea = detail.idea
    if comment_form is None:
        comment_form = CommentForm()
    if triage_form is None:
        triage_form = TriageForm(initial={"title": idea.title})
    initiative_url = _initiative_url(idea.initiative.number) if idea.initiative else None
    return render(
        request,
        "portfolio/ideas/detail.html",
        {
            "detail": detail,
            "idea": idea,
            "comment_form": comment_form,
            "comment_errors": error_links(comment_form),
            "triage_form": triage_form,
            "triage_errors": error_links(triage_form),
            "initiative_url": initiative_url,
        },
        status=400 if bad else 200,
    )


@require_GET
def idea(request: AuthenticatedRequest, idea_id: int) -> HttpResponse:
    return _idea_page(request, idea_id)


@require_POST
def idea_support(request: AuthenticatedRequest, idea_id: int) -> HttpResponse:
    """``stoet=1`` supports, ``stoet=0`` withdraws the support."""
    access = access_of(request)
    try:
        if request.POST.get("stoet") == "0":
            done = idea_services.withdraw_support(access, idea_id)
            text = _("Din støtte er trukket tilbage.") if done else _("Du støttede ikke idéen.")
        else:
            done = idea_services.support(access, idea_id)
            text = _("Du støtter nu idéen.") if done else _("Du støttede allerede idéen.")
    except ValidationFailed as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, text)
    return redirect("portfolio:idea", idea_id=idea_id)


@require_POST
def idea_comment(request: AuthenticatedRequest, idea_id: int) -> HttpResponse:
    access = access_of(request)
    if access.person_id is None:
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            idea_services.add_comment(access, idea_id, text=form.cleaned_data["text"])
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Din kommentar er tilføjet."))
            return redirect("portfolio:idea", idea_id=idea_id)
    return _idea_page(request, idea_id, comment_form=form)


@require_POST
def idea_comment_hide(request: AuthenticatedRequest, idea_id: int, comment_id: int) -> HttpResponse:
    """``skjul=1`` hides the comment, ``skjul=0`` shows it again."""
    hidden = request.POST.get("skjul") != "0"
    idea_services.hide_comment(access_of(request), idea_id, comment_id, hidden=hidden)
    messages.success(
        request, _("Kommentaren er skjult.") if hidden else _("Kommentaren vises igen.")
    )
    return redirect("portfolio:idea", idea_id=idea_id)


@require_POST
def idea_triage(request: AuthenticatedRequest, idea_id: int) -> HttpResponse:
    access = access_of(request)
    idea_services.require_manage(access)
    form = TriageForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        decision = data["decision"]
        try:
            if decision == idea_services.REVIEW:
                idea_services.mark_review(access, idea_id)
                text = _("Idéen er markeret som under vurdering.")
            elif decision == idea_services.REJECT:
                idea_services.reject(access, idea_id, reason=data["reason"])
                text = _("Idéen er afvist. Indsenderen får besked.")
            elif decision == idea_services.MERGE:
                idea_services.merge(
                    access, idea_id, into_id=data["merge_into"], reason=data["reason"]
                )
                text = _("Idéen er lagt sammen med idé nr. %(number)s. Indsenderen får besked.") % {
                    "number": data["merge_into"]
                }
            else:
                initiative = idea_services.make_initiative(
                    access, idea_id, title=data["title"], reason=data["reason"]
                )
                text = _(
                    "Idéen er blevet til initiativ nr. %(number)s. Indsenderen får besked."
                ) % {"number": initiative.number}
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, text)
            return redirect("portfolio:idea", idea_id=idea_id)
    return _idea_page(request, idea_id, triage_form=form)
