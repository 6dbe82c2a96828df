"""Follow-up pages for managers and HR: task list, task detail with notes, the calendar feed and
HR's local policy. Thin HTTP over ``absence.services``."""

from __future__ import annotations

import base64

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.absence import services as svc
from charlie.absence.permissions import MANAGE_POLICY
from charlie.absence.policy import DEFAULT_POLICY, Policy
from charlie.absence.services.tasks import NOTE_MAX_LENGTH, REASON_MAX_LENGTH
from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.forms import (
    DateInput,
    ManyOptionsSelect,
    QuickSelect,
    add_service_errors,
    with_width,
)
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of


class NoteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Nyt notat"),
        help_text=gettext_lazy(
            "Skriv aldrig diagnoser, årsager til sygdom eller CPR-numre. Skriv kun, hvad der er "
            "aftalt, fx tidspunkt for samtale eller tilbagevenden."
        ),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class NotApplicableForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Hvorfor er opgaven ikke relevant?"),
        help_text=gettext_lazy("Fx »Medarbejderen er raskmeldt«. Aldrig årsag til sygdom."),
        max_length=REASON_MAX_LENGTH,
        widget=forms.TextInput(),
    )


class PolicyForm(forms.Form):
    valid_from = forms.DateField(
        label=gettext_lazy("Gælder fra"),
        help_text=gettext_lazy(
            "Første dag, den nye version gælder. Sager, der begyndte før, beholder deres regel."
        ),
        widget=DateInput(),
    )
    contact_days = forms.CharField(
        label=gettext_lazy("Kontaktdage"),
        help_text=gettext_lazy("Sygedage, hvor lederen kontakter medarbejderen, fx »1, 5, 14«."),
        initial=", ".join(str(d) for d in DEFAULT_POLICY.contact_days),
        widget=with_width(forms.TextInput(), "s"),
    )
    dialogue_min_periods = forms.IntegerField(
        label=gettext_lazy("Fraværssamtale ved antal sygeperioder"),
        min_value=1,
        initial=DEFAULT_POLICY.dialogue_min_periods,
        widget=with_width(forms.NumberInput(), "xs"),
    )
    dialogue_periods_months = forms.IntegerField(
        label=gettext_lazy("Sygeperioderne tælles over antal måneder"),
        min_value=1,
        max_value=60,
        initial=DEFAULT_POLICY.dialogue_periods_months,
        widget=with_width(forms.NumberInput(), "xs"),
    )
    dialogue_min_days = forms.IntegerField(
        label=gettext_lazy("Fraværssamtale ved antal sygedage"),
        min_value=1,
        initial=DEFAULT_POLICY.dialogue_min_days,
        widget=with_width(forms.NumberInput(), "xs"),
    )
    dialogue_days_months = forms.IntegerField(
        label=gettext_lazy("Sygedagene tælles over antal måneder"),
        min_value=1,
        max_value=60,
        initial=DEFAULT_POLICY.dialogue_days_months,
        widget=with_width(forms.NumberInput(), "xs"),
    )
    short_term_max_days = forms.IntegerField(
        label=gettext_lazy("Korttidsfravær er højst (kalenderdage)"),
        min_value=1,
        initial=DEFAULT_POLICY.short_term_max_days,
        widget=with_width(forms.NumberInput(), "xs"),
    )
    section_56_renewal_lead_months = forms.IntegerField(
        label=gettext_lazy("Påmindelse om fornyelse af § 56-aftale (måneder før udløb)"),
        min_value=0,
        max_value=24,
        initial=DEFAULT_POLICY.section_56_renewal_lead_months,
        widget=with_width(forms.NumberInput(), "xs"),
    )
    note = forms.CharField(
        label=gettext_lazy("Begrundelse"),
        help_text=gettext_lazy("Fx henvisning til MED-udvalgets beslutning."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TaskFilterForm(forms.Form):
    """The task list's filters, read from the query string; an invalid value is ignored."""

    q = forms.CharField(
        label=gettext_lazy("Søg efter medarbejder"),
        help_text=gettext_lazy("Navn eller medarbejdernummer."),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    unit = forms.IntegerField(
        label=gettext_lazy("Enhed (med underenheder)"),
        required=False,
        min_value=1,
        widget=ManyOptionsSelect,
    )
    job_family = forms.TypedChoiceField(
        label=gettext_lazy("Stillingskategori"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=QuickSelect,
    )
    kind = forms.ChoiceField(label=gettext_lazy("Opgavetype"), required=False, widget=QuickSelect)
    due = forms.ChoiceField(label=gettext_lazy("Frist"), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sortér efter"), required=False, widget=QuickSelect)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput())

    def __init__(self, data: object, *, units_html: str, families: list[tuple[int, str]]):
        super().__init__(data)  # type: ignore[arg-type]
        everything = [("", _("Alle"))]
        self.fields["unit"].widget = ManyOptionsSelect(units_html, _("Alle"))
        self.fields["job_family"].choices = everything + families  # type: ignore[attr-defined]
        self.fields["kind"].choices = everything + [  # type: ignore[attr-defined]
            (k, svc.tasks.kind_label(k)) for k in svc.tasks.TASK_KINDS
        ]
        self.fields["due"].choices = list(svc.tasks.due_filter_labels().items())  # type: ignore[attr-defined]
        self.fields["sort"].choices = [  # type: ignore[attr-defined]
            ("", _("Frist (afsluttede: seneste først)")),
            ("due", _("Frist, tidligste først")),
            ("-due", _("Frist, seneste først")),
            ("person", _("Medarbejder")),
            ("unit", _("Enhed")),
            ("type", _("Opgavetype")),
        ]

    def query(self) -> svc.tasks.TaskQuery:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return svc.tasks.TaskQuery(
            unit=data.get("unit"),
            job_family=data.get("job_family"),
            kind=data.get("kind") or "",
            due=data.get("due") or "",
            q=(data.get("q") or "").strip(),
            sort=data.get("sort") or "",
            page=data.get("page") or 1,
        )


class DigestForm(forms.Form):
    daily_digest = forms.TypedChoiceField(
        label=gettext_lazy("Påmindelser på mail"),
        choices=[
            (
                "0",
                gettext_lazy(
                    "Én mail pr. opgave, når fristen nærmer sig, og når den er overskredet"
                ),
            ),
            ("1", gettext_lazy("Én samlet mail om dagen med alle opgaver med frist")),
        ],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )


def _task_context(request: AuthenticatedRequest) -> dict[str, object]:
    access = access_of(request)
    units_html, families = svc.tasks.task_filter_choices(access)
    form = TaskFilterForm(request.GET, units_html=units_html, families=families)
    query = form.query()
    page = svc.tasks.task_list(access, query)
    labels = svc.tasks.due_filter_labels()
    return {
        "page": page,
        "rows": page.rows,
        "overdue": page.overdue,
        "escalated": page.escalated,
        "filter_form": form,
        "due_filters": [(key, labels[key], page.counts[key]) for key in svc.tasks.DUE_FILTERS],
        "current_due": query.due if query.due in svc.tasks.DUE_FILTERS else "",
        "filtered": any(request.GET.get(k) for k in ("q", "unit", "job_family", "kind")),
        "feed": svc.feed_status(access),
        "digest_form": DigestForm(
            initial={"daily_digest": "1" if svc.tasks.digest_chosen(access) else "0"}
        ),
        "na_form": NotApplicableForm(),
        "can_manage_policy": access.can(MANAGE_POLICY),
    }


@never_cache
@require_GET
def tasks(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "absence/tasks.html", _task_context(request))


@require_POST
def reminders(request: AuthenticatedRequest) -> HttpResponse:
    """Choose one mail per task or one daily digest (the caller's own setting)."""
    access = access_of(request)
    form = DigestForm(request.POST)
    if form.is_valid():
        svc.tasks.choose_digest(access, daily_digest=form.cleaned_data["daily_digest"])
        messages.success(request, _("Dit valg af påmindelser er gemt."))
    else:
        svc.tasks.digest_chosen(access)  # 403 for those without tasks, before the 400
        messages.error(request, _("Vælg, hvordan du vil have dine påmindelser."))
    return redirect(reverse("absence:tasks") + "#paamindelser")


@never_cache
@require_GET
def task_detail(request: AuthenticatedRequest, task_id: int) -> HttpResponse:
    return _detail(request, task_id, NoteForm(), NotApplicableForm())


def _detail(
    request: AuthenticatedRequest,
    task_id: int,
    note_form: NoteForm,
    na_form: NotApplicableForm,
    status: int = 200,
) -> HttpResponse:
    access = access_of(request)
    row = svc.get_task(access, task_id)
    notes = svc.notes_of(access, task_id)
    context = {"row": row, "notes": notes, "note_form": note_form, "na_form": na_form}
    return render(request, "absence/task_detail.html", context, status=status)


@require_POST
def task_note(request: AuthenticatedRequest, task_id: int) -> HttpResponse:
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            svc.add_note(access_of(request), task_id, form.cleaned_data["text"])
        except ValidationFailed as exc:
            add_service_errors(form, exc, "text")
        else:
            messages.success(request, _("Notatet er gemt."))
            return redirect("absence:task", task_id=task_id)
    return _detail(request, task_id, form, NotApplicableForm(), status=400)


@require_POST
def task_done(request: AuthenticatedRequest, task_id: int) -> HttpResponse:
    try:
        svc.complete(access_of(request), task_id)
    except ValidationFailed as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Opgaven er markeret som udført."))
    return redirect(_back(request, task_id))


@require_POST
def task_not_applicable(request: AuthenticatedRequest, task_id: int) -> HttpResponse:
    form = NotApplicableForm(request.POST)
    if form.is_valid():
        try:
            svc.not_applicable(access_of(request), task_id, form.cleaned_data["reason"])
        except ValidationFailed as exc:
            add_service_errors(form, exc, "reason")
        else:
            messages.success(request, _("Opgaven er markeret som ikke relevant."))
            return redirect(_back(request, task_id))
    return _detail(request, task_id, NoteForm(), form, status=400)


def _back(request: HttpRequest, task_id: int) -> str:
    if request.POST.get("from") == "list":
        return reverse("absence:tasks")
    return reverse("absence:task", kwargs={"task_id": task_id})


@never_cache
@require_POST
def feed_rotate(request: AuthenticatedRequest) -> HttpResponse:
    """Make a new calendar link; it is shown in this one answer only (only its hash is kept)."""
    access = access_of(request)
    plain = svc.rotate_feed_token(access)
    feed_url = request.build_absolute_uri(f"{_feed_path()}?token={plain}")
    context = _task_context(request)
    context.update(
        {
            "feed": svc.feed_status(access),
            "feed_url": feed_url,
            "feed_base_url": request.build_absolute_uri(_feed_path()),
            "feed_token": plain,
        }
    )
    return render(request, "absence/tasks.html", context)


@require_POST
def feed_revoke(request: AuthenticatedRequest) -> HttpResponse:
    """Stop the calendar link at once (e.g. when it may have been shared)."""
    if svc.revoke_feed_token(access_of(request)):
        messages.success(request, _("Kalenderlinket er stoppet. Det virker ikke længere."))
    return redirect(reverse("absence:tasks") + "#kalender")


def _feed_path() -> str:
    return reverse("absence:tasks_ics")


def _basic_password(request: HttpRequest) -> str | None:
    """The password of an ``Authorization: Basic`` header (the user name is ignored), or None.
    Calendar apps that can send a user name and password (Apple Calendar, Thunderbird) may send
    the feed's key that way instead of in the link."""
    scheme, _sep, value = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() != "basic" or not value.strip():
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    return decoded.partition(":")[2]


def _ask_for_the_key() -> HttpResponse:
    response = HttpResponse(
        _(
            "Kalenderlinket mangler sin nøgle. Brug hele linket fra siden Opgaver, eller angiv "
            "nøglen som adgangskode i din kalender."
        ),
        status=401,
        content_type="text/plain; charset=utf-8",
    )
    response["WWW-Authenticate"] = 'Basic realm="Charlie kalender", charset="UTF-8"'
    return response


@login_not_required
@never_cache
@require_GET
def tasks_ics(request: HttpRequest) -> HttpResponse:
    """The personal calendar feed: no session. The key comes in the link (``?token=``) or as
    the password of HTTP Basic auth; none, or a wrong one by Basic auth, is 401 (the calendar
    asks for it), a wrong or expired one in the link is 404. Access logs never hold the key
    (``core.access_log``)."""
    in_link = request.GET.get("token", "")
    by_password = _basic_password(request)
    if not in_link and not by_password:
        return _ask_for_the_key()
    try:
        text = svc.feed(in_link or by_password or "")
    except NotFound:
        if not in_link:
            return _ask_for_the_key()
        raise
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="opfoelgning.ics"'
    return response


@require_http_methods(["GET", "POST"])
def policy(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    versions = svc.policy_history(access)  # 403 unless HR
    form = PolicyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = Policy(
                contact_days=svc.parse_contact_days(data["contact_days"]),
                dialogue_min_periods=data["dialogue_min_periods"],
                dialogue_periods_months=data["dialogue_periods_months"],
                dialogue_min_days=data["dialogue_min_days"],
                dialogue_days_months=data["dialogue_days_months"],
                short_term_max_days=data["short_term_max_days"],
                section_56_renewal_lead_months=data["section_56_renewal_lead_months"],
            )
            svc.add_policy_version(
                access, valid_from=data["valid_from"], policy=new, note=data["note"]
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Den nye version af fraværspolitikken er gemt."))
            return redirect("absence:policy")
    status = 400 if form.is_bound and form.errors else 200
    context = {"versions": versions, "form": form, "current": svc.current_policy()}
    return render(request, "absence/policy.html", context, status=status)
