"""The APV as a process (issue 16, point 4; arbejdsmiljøloven § 15 a; DOMAIN.md 5.1;
docs/wellbeing-apv.md).

HR or the unit's manager starts an APV for a unit and takes it through the four steps of
§ 15 a, stk. 2 (``ApvStep``): **mapping** — a survey of the unit and/or the walkthrough
checklist (``DEFAULT_CHECKLIST``, editable per APV), and the unit's **sickness absence** from the
absence app (``absence.services.absence_figures``, through its disclosure control), kept on the
APV as it was with its period and assessed; **description, assessment and prioritisation** —
``ApvProblem`` rows with a priority, from the walkthrough's problems and the survey's results;
the **action plan** — ``Action`` rows (``services.actions``); and **follow-up** — the guidelines
and each action's status. Completing it sets the next APV's day (``apv.next_due``: 3 years on);
HR may set it sooner when the work changes (§ 15 a, stk. 1). Who took part is recorded
(§ 15 a, stk. 3). The rules of what each step must hold are ``apv.missing_before``.

**Scope.** ``MANAGE_APV``: HR every unit, a manager the units they manage and below; another
unit's APV is a 404. The **written APV** is read by the unit's employees (those employed in the
unit or below it), its managers and HR (``actions.readable_q``). ``SET_NEXT_DUE`` (HR) sets the
next APV sooner.

**Audit.** An APV holds no one's personal data but its action plan's owners: the pages that show
them record them as read (``actions.audit_owners``).
"""

from __future__ import annotations

import importlib
import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from charlie.absence import services as absence
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.formats import format_date
from charlie.core.text import check_text
from charlie.core.workqueue import QueueItem, QueueRow, Urgency
from charlie.people import services as people
from charlie.people.models import OrgUnit
from charlie.privacy.access import Access
from charlie.wellbeing import apv as rules
from charlie.wellbeing.models import (
    Action,
    Apv,
    ApvProblem,
    ApvStep,
    Survey,
    SurveyStatus,
    WalkthroughItem,
    WalkthroughStatus,
)
from charlie.wellbeing.permissions import MANAGE_APV, SET_NEXT_DUE
from charlie.wellbeing.services import actions
from charlie.wellbeing.services.common import today

log = logging.getLogger(__name__)

DETAIL_APV = gettext_noop("APV")
DETAIL_WRITTEN = gettext_noop("skriftlig APV")
AUDIT_DETAILS = (DETAIL_APV, DETAIL_WRITTEN)

#: The walkthrough checklist a new APV starts with (editable per APV): the physical and the
#: psychosocial working environment, as Arbejdstilsynet's guidance groups them (AT-vejledning
#: 1.3.1; the branch guides). Stored as text in the language of the one who starts the APV.
DEFAULT_CHECKLIST: tuple[tuple[Any, Any], ...] = (
    (gettext_lazy("Indeklima"), gettext_lazy("Temperatur, træk og udluftning")),
    (gettext_lazy("Indeklima"), gettext_lazy("Luftkvalitet: støv, lugt, fugt og skimmel")),
    (gettext_lazy("Lys og lyd"), gettext_lazy("Belysning og dagslys ved arbejdspladserne")),
    (gettext_lazy("Lys og lyd"), gettext_lazy("Støj og akustik")),
    (
        gettext_lazy("Ergonomi"),
        gettext_lazy("Tunge løft, forflytninger af borgere og adgang til hjælpemidler"),
    ),
    (
        gettext_lazy("Ergonomi"),
        gettext_lazy("Arbejdsstillinger, ensidigt gentaget arbejde og skærmarbejde"),
    ),
    (gettext_lazy("Ulykker"), gettext_lazy("Risiko for fald, snublen, stik og snit")),
    (
        gettext_lazy("Kemi og biologi"),
        gettext_lazy("Rengøringsmidler, kemiske produkter og risiko for smitte"),
    ),
    (
        gettext_lazy("Indretning"),
        gettext_lazy("Adgangs- og flugtveje, brandsikkerhed og førstehjælp"),
    ),
    (gettext_lazy("Velfærd"), gettext_lazy("Toiletter, omklædning, pauserum og spisesteder")),
    (gettext_lazy("Psykisk arbejdsmiljø"), gettext_lazy("Arbejdsmængde og tidspres")),
    (gettext_lazy("Psykisk arbejdsmiljø"), gettext_lazy("Indflydelse på eget arbejde")),
    (
        gettext_lazy("Psykisk arbejdsmiljø"),
        gettext_lazy("Klare mål og forventninger, og mening i arbejdet"),
    ),
    (
        gettext_lazy("Psykisk arbejdsmiljø"),
        gettext_lazy("Samarbejde og støtte fra kolleger og leder"),
    ),
    (gettext_lazy("Psykisk arbejdsmiljø"), gettext_lazy("Anerkendelse og retfærdighed")),
    (
        gettext_lazy("Psykisk arbejdsmiljø"),
        gettext_lazy("Følelsesmæssige krav i arbejdet med borgere, elever og pårørende"),
    ),
    (
        gettext_lazy("Krænkende handlinger"),
        gettext_lazy("Vold, trusler, mobning og seksuel chikane"),
    ),
    (
        gettext_lazy("Arbejdstid"),
        gettext_lazy("Alenearbejde, natarbejde og arbejde på skæve tidspunkter"),
    ),
)

#: An ApvProblem's priority: 1 is solved first.
PRIORITIES = (
    (1, gettext_lazy("1 – høj")),
    (2, gettext_lazy("2 – middel")),
    (3, gettext_lazy("3 – lav")),
)


def warn_days() -> int:
    """Days before the next APV is due that the unit's manager is reminded and the overview
    says "soon" (local policy; default 90)."""
    return max(int(getattr(settings, "CHARLIE_WELLBEING_APV_REMINDER_DAYS", 90)), 1)


def repeat_days() -> int:
    """Days between reminders while the next APV is overdue (default 30)."""
    return max(int(getattr(settings, "CHARLIE_WELLBEING_APV_REPEAT_DAYS", 30)), 1)


def _base_url() -> str:
    return str(getattr(settings, "CHARLIE_BASE_URL", "")).rstrip("/")


# --- Scope ---------------------------------------------------------------------------------------


def _apvs(access: Access) -> QuerySet[Apv]:
    return Apv.objects.filter(actions.managed_q(access))


def _apv(access: Access, apv_id: int) -> Apv:
    """An APV the caller keeps (404 outside the scope)."""
    found = _apvs(access).filter(pk=apv_id).select_related("unit", "survey").first()
    if found is None:
        raise NotFound
    return found


def _open_apv(access: Access, apv_id: int) -> Apv:
    """An APV the caller keeps and may still change: a completed APV stays as it was
    written (the next one is a new APV)."""
    found = _apv(access, apv_id)
    if found.step == ApvStep.DONE:
        raise ValidationFailed(
            [_("APV'en er afsluttet og kan ikke ændres. Start en ny APV for enheden.")]
        )
    return found


# --- Messages for what an APV lacks --------------------------------------------------------------


def missing_text(missing: rules.Missing) -> str:
    return {
        rules.Missing.PARTICIPANTS: _(
            "Skriv, hvem der har deltaget: arbejdsmiljøorganisationen eller de ansatte skal "
            "inddrages i hele processen (arbejdsmiljøloven § 15 a, stk. 3)."
        ),
        rules.Missing.MAPPING: _(
            "Kortlæg arbejdsmiljøet: vælg en måling, eller brug runderingens tjekliste."
        ),
        rules.Missing.WALKTHROUGH_UNASSESSED: _(
            "Vurdér alle punkter i runderingen: i orden, problem eller ikke relevant."
        ),
        rules.Missing.ABSENCE: _("Hent enhedens sygefravær fra fraværsstatistikken."),
        rules.Missing.ABSENCE_ASSESSMENT: _(
            "Skriv jeres vurdering af sygefraværet: kan forhold i arbejdsmiljøet medvirke til det?"
        ),
        rules.Missing.ASSESSMENT: _(
            "Skriv beskrivelsen og vurderingen af arbejdsmiljøproblemerne og deres årsager."
        ),
        rules.Missing.PROBLEM_WITHOUT_ACTION: _(
            "Hvert problem skal have mindst én handling i handlingsplanen."
        ),
        rules.Missing.FOLLOW_UP: _(
            "Skriv retningslinjerne for opfølgning: hvem følger op på handlingsplanen, hvornår "
            "og hvordan."
        ),
    }[missing]


def missing_link(apv_id: int, missing: rules.Missing) -> str:
    """Where a lack is put right (the page and its field)."""
    mapping = reverse("wellbeing:apv_mapping", args=[apv_id])
    return {
        rules.Missing.PARTICIPANTS: f"{mapping}#id_participants",
        rules.Missing.MAPPING: f"{mapping}#id_survey",
        rules.Missing.WALKTHROUGH_UNASSESSED: f"{mapping}#rundering",
        rules.Missing.ABSENCE: f"{mapping}#sygefravaer",
        rules.Missing.ABSENCE_ASSESSMENT: f"{mapping}#id_absence_note",
        rules.Missing.ASSESSMENT: reverse("wellbeing:apv_assessment", args=[apv_id])
        + "#id_assessment",
        rules.Missing.PROBLEM_WITHOUT_ACTION: reverse("wellbeing:apv", args=[apv_id])
        + "#handlingsplan",
        rules.Missing.FOLLOW_UP: reverse("wellbeing:apv_follow_up", args=[apv_id])
        + "#id_guidelines",
    }[missing]


# --- Reading one APV -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProblemLine:
    problem: ApvProblem
    priority: str
    actions: int


@dataclass(frozen=True)
class Absence:
    """The sickness absence kept on the APV."""

    start: date | None
    end: date | None
    percent: Decimal | None
    days_per_fte: Decimal | None
    note: str

    @property
    def fetched(self) -> bool:
        return self.start is not None

    @property
    def hidden(self) -> bool:
        """Fetched, but without figures: the group was too small to show (or had no one)."""
        return self.fetched and self.percent is None


@dataclass(frozen=True)
class ApvDetail:
    apv: Apv
    unit: str
    items: list[WalkthroughItem]
    problems: list[ProblemLine]
    lines: list[actions.ActionLine]
    absence: Absence
    facts: rules.ApvFacts
    #: What the APV lacks before the next step, as (link, text) for an error summary.
    missing_next: list[tuple[str, str]]
    next_step: str | None
    previous_steps: list[tuple[str, str]]
    can_set_due: bool
    #: The next APV's day by the law (3 years after completion), where it was completed.
    law_due: date | None

    @property
    def step_number(self) -> int:
        return rules.STEPS.index(self.apv.step) + 1

    @property
    def done(self) -> bool:
        return self.apv.step == ApvStep.DONE

    @property
    def next_step_label(self) -> str:
        if self.next_step == ApvStep.DONE:
            return _("Afslut APV'en")
        return str(ApvStep(self.next_step).label) if self.next_step else ""

    @property
    def open_actions(self) -> int:
        return sum(1 for line in self.lines if not line.closed)


def _facts(apv: Apv, items: list[WalkthroughItem], problems: list[ProblemLine]) -> rules.ApvFacts:
    return rules.ApvFacts(
        participants=bool(apv.participants.strip()),
        survey=apv.survey_id is not None,
        walkthrough_items=len(items),
        walkthrough_assessed=sum(1 for i in items if i.status),
        absence_fetched=bool(rules.parse_period(apv.absence_period)),
        absence_assessed=bool(apv.absence_note.strip()),
        assessment=bool(apv.assessment.strip()),
        problems=len(problems),
        problems_without_action=sum(1 for p in problems if not p.actions),
        follow_up_guidelines=bool(apv.follow_up_guidelines.strip()),
    )


def _detail(access: Access, apv: Apv, *, detail: str, with_actions: bool = True) -> ApvDetail:
    """The APV with its walkthrough, problems and (``with_actions``) its action plan, whose
    owners are then recorded as read."""
    items = list(apv.items.order_by("order", "pk"))
    priorities = dict(PRIORITIES)
    problems = [
        ProblemLine(p, str(priorities.get(p.priority, p.priority)), p.n_actions)
        for p in apv.problems.annotate(n_actions=Count("actions")).order_by("priority", "pk")
    ]
    found: list[Action] = []
    if with_actions:
        found = list(
            Action.objects.filter(apv=apv)
            .select_related("owner", "unit", "survey", "apv", "problem_ref")
            .order_by("problem_ref__priority", "deadline", "pk")
        )
        actions.audit_owners(access, found, detail=detail)
    facts = _facts(apv, items, problems)
    next_step = None
    missing: list[tuple[str, str]] = []
    if apv.step != ApvStep.DONE:
        next_step = rules.STEPS[rules.STEPS.index(apv.step) + 1]
        missing = [
            (missing_link(apv.pk, m), missing_text(m))
            for m in rules.missing_before(next_step, facts)
        ]
    period = rules.parse_period(apv.absence_period)
    here = rules.STEPS.index(apv.step)
    previous = (
        [(s, str(ApvStep(s).label)) for s in rules.STEPS[:here]] if apv.step != ApvStep.DONE else []
    )
    return ApvDetail(
        apv=apv,
        unit=people.unit_label(apv.unit),
        items=items,
        problems=problems,
        lines=actions.lines_of(found),
        absence=Absence(
            start=period[0] if period else None,
            end=period[1] if period else None,
            percent=apv.absence_percent,
            days_per_fte=apv.absence_days_per_fte,
            note=apv.absence_note,
        ),
        facts=facts,
        missing_next=missing,
        next_step=next_step,
        previous_steps=previous,
        can_set_due=access.can(SET_NEXT_DUE) and apv.step == ApvStep.DONE,
        law_due=rules.next_due(apv.completed_on) if apv.completed_on else None,
    )


def apv_detail(access: Access, apv_id: int, *, with_actions: bool = True) -> ApvDetail:
    """The APV as the one who runs it sees it; with its action plan (``with_actions``), whose
    owners are recorded as read."""
    return _detail(access, _apv(access, apv_id), detail=DETAIL_APV, with_actions=with_actions)


def written(access: Access, apv_id: int) -> ApvDetail:
    """The written APV (§ 15 a, stk. 1: available to the management, the employees and
    Arbejdstilsynet): for the unit's employees, its managers and HR; a 404 for anyone else."""
    found = (
        Apv.objects.filter(actions.readable_q(access), pk=apv_id)
        .select_related("unit", "survey")
        .first()
    )
    if found is None:
        raise NotFound
    return _detail(access, found, detail=DETAIL_WRITTEN)


def can_manage(access: Access, apv_id: int) -> bool:
    """Whether the caller runs this APV (the written page links to the process then)."""
    return access.can(MANAGE_APV) and _apvs(access).filter(pk=apv_id).exists()


# --- The overview: every unit's last APV and the next one's day ----------------------------------


@dataclass(frozen=True)
class UnitDue:
    unit_id: int
    label: str
    latest: Apv | None  # the latest APV, completed or not
    completed: Apv | None  # the latest completed APV
    status: rules.DueStatus

    @property
    def next_due_on(self) -> date | None:
        return self.completed.next_due_on if self.completed else None


DUE_FILTERS = ("all", "overdue", "soon", "missing", "in_progress")


def due_filter_choices() -> list[tuple[str, str]]:
    return [
        ("all", _("Alle enheder")),
        ("overdue", _("Overskredet")),
        ("soon", _("Forfalder snart")),
        ("in_progress", _("I gang")),
        ("missing", _("Ingen APV")),
    ]


def due_overview(access: Access, *, status: str = "all", on: date | None = None) -> list[UnitDue]:
    """Every open unit the caller keeps (HR: all; a manager: theirs and below), with its latest
    APV, its latest completed one and the next APV's status (``apv.due_status``)."""
    if status not in DUE_FILTERS:
        raise ValidationFailed([_("Ukendt status.")], field="status")
    on = on or today()
    units = actions.unit_choices(access)
    latest: dict[int, Apv] = {}
    completed: dict[int, Apv] = {}
    for row in _apvs(access).order_by("pk"):
        latest[row.unit_id] = row
        if row.step == ApvStep.DONE:
            completed[row.unit_id] = row
    out = []
    for pk, label in units:
        last, done = latest.get(pk), completed.get(pk)
        due = rules.due_status(
            done.next_due_on if done else None,
            on,
            warn_days=warn_days(),
            in_progress=last is not None and last.step != ApvStep.DONE,
        )
        if status == "all" or due == status:
            out.append(UnitDue(pk, label, last, done, due))
    return out


# --- Starting an APV, and the mapping ------------------------------------------------------------


def survey_choices(access: Access, unit_id: int) -> list[tuple[int, str]]:
    """The surveys asked in the unit (in it or a unit above it) that have been sent out."""
    unit = actions.managed_unit(access, unit_id)
    above = [int(p) for p in unit.path.strip("/").split("/") if p.isdigit()]
    surveys = (
        Survey.objects.filter(units__in=above)
        .exclude(status=SurveyStatus.DRAFT)
        .distinct()
        .order_by("-opens_on", "-pk")
    )
    return [(s.pk, s.name) for s in surveys]


def _check_survey(access: Access, unit: OrgUnit, survey_id: int | None) -> Survey | None:
    if survey_id is None:
        return None
    if survey_id not in {pk for pk, _name in survey_choices(access, unit.pk)}:
        raise ValidationFailed([_("Målingen er ikke sendt ud i enheden.")], field="survey")
    return Survey.objects.get(pk=survey_id)


def add_checklist(apv: Apv) -> int:
    """Put the default checklist on the APV after its own points; returns how many."""
    start = (apv.items.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    WalkthroughItem.objects.bulk_create(
        WalkthroughItem(apv=apv, area=str(area), text=str(text), order=start + i)
        for i, (area, text) in enumerate(DEFAULT_CHECKLIST)
    )
    return len(DEFAULT_CHECKLIST)


def under_way(access: Access, unit_id: int) -> Apv | None:
    """The unit's APV under way, if any (a unit has one at a time)."""
    unit = actions.managed_unit(access, unit_id)
    return Apv.objects.filter(unit=unit).exclude(step=ApvStep.DONE).order_by("-pk").first()


def start_apv(
    access: Access,
    *,
    unit_id: int,
    title: str,
    walkthrough: bool,
    survey_id: int | None = None,
    participants: str = "",
) -> Apv:
    """Start an APV for a unit the caller keeps, at step 1 (mapping), with the default
    walkthrough checklist if asked for and the unit's sickness absence of the last 12 months
    (``fetch_absence``). A unit has one APV under way at a time."""
    unit = actions.managed_unit(access, unit_id)
    if Apv.objects.filter(unit=unit).exclude(step=ApvStep.DONE).exists():
        raise ValidationFailed(
            [
                _(
                    "Enheden har allerede en APV i gang. Gør den færdig, før en ny startes: "
                    "den findes under APV."
                )
            ]
        )
    title = check_text(title, what=_("Titel"), max_length=200, required=True)
    participants = check_text(participants, what=_("Deltagere"), max_length=5000, multiline=True)
    survey = _check_survey(access, unit, survey_id)
    with transaction.atomic():
        row = Apv.objects.create(
            unit=unit,
            title=title,
            survey=survey,
            participants=participants,
            started_on=today(),
            created_by=access.user,
        )
        if walkthrough:
            add_checklist(row)
    _store_absence(access, row)
    return row


def _store_absence(access: Access, row: Apv) -> None:
    """The unit's sickness absence for ``apv.absence_window`` (the unit with its sub-units),
    through the absence app's disclosure control: a group too small to show keeps its period
    and no figures."""
    start, end = rules.absence_window(today(), absence.figures.period_months())
    figures = absence.absence_figures(access, start=start, end=end, by="unit")
    found = next((r for r in figures.rows if r.key.get("unit") == str(row.unit_id)), None)
    rate = found.absence_rate if found is not None else None
    days = found.days_per_fte if found is not None else None
    row.absence_period = rules.format_period(figures.start, figures.end)
    row.absence_percent = Decimal(str(round(rate * 100, 2))) if rate is not None else None
    row.absence_days_per_fte = Decimal(str(round(days, 2))) if days is not None else None
    row.save(update_fields=["absence_period", "absence_percent", "absence_days_per_fte"])


def fetch_absence(access: Access, apv_id: int) -> Apv:
    """Fetch the unit's sickness absence again (the last 12 whole months before today)."""
    row = _open_apv(access, apv_id)
    _store_absence(access, row)
    return row


def absence_min_group() -> int:
    """The least group the absence figures show (for the page's explanation)."""
    from charlie.core.services import min_group_size

    return min_group_size(absence.CATEGORY_ABSENCE)


def save_mapping(
    access: Access,
    apv_id: int,
    *,
    title: str,
    participants: str,
    survey_id: int | None,
    absence_note: str,
    items: dict[int, tuple[str, str]],
) -> Apv:
    """Step 1: the title, who takes part, the survey, the assessment of the sickness absence,
    and each walkthrough point's status (``WalkthroughStatus``; "" not yet) and note."""
    row = _open_apv(access, apv_id)
    row.title = check_text(title, what=_("Titel"), max_length=200, required=True)
    row.participants = check_text(
        participants, what=_("Deltagere"), max_length=5000, multiline=True
    )
    row.survey = _check_survey(access, row.unit, survey_id)
    row.absence_note = check_text(
        absence_note, what=_("Vurdering af sygefraværet"), max_length=5000, multiline=True
    )
    known = {i.pk: i for i in row.items.all()}
    changed = []
    for pk, (status, note) in items.items():
        item = known.get(pk)
        if item is None:
            continue
        if status not in ("", *WalkthroughStatus.values):
            raise ValidationFailed([_("Vælg en vurdering for hvert punkt.")], field=f"item-{pk}")
        item.status = status
        item.note = check_text(note, what=item.text, max_length=2000, multiline=True)
        changed.append(item)
    with transaction.atomic():
        row.save(update_fields=["title", "participants", "survey", "absence_note"])
        WalkthroughItem.objects.bulk_update(changed, ["status", "note"])
    return row


def add_item(access: Access, apv_id: int, *, area: str, text: str) -> WalkthroughItem:
    """A point of the APV's own on its walkthrough checklist."""
    row = _open_apv(access, apv_id)
    area = check_text(area, what=_("Område"), max_length=100, required=True)
    text = check_text(text, what=_("Punkt"), max_length=300, required=True)
    last = row.items.order_by("-order").values_list("order", flat=True).first() or 0
    return WalkthroughItem.objects.create(apv=row, area=area, text=text, order=last + 1)


def add_default_checklist(access: Access, apv_id: int) -> int:
    return add_checklist(_open_apv(access, apv_id))


def remove_item(access: Access, apv_id: int, item_id: int) -> None:
    row = _open_apv(access, apv_id)
    deleted, _per_model = WalkthroughItem.objects.filter(apv=row, pk=item_id).delete()
    if not deleted:
        raise NotFound


# --- Step 2: description, assessment and prioritisation ------------------------------------------


def save_assessment(access: Access, apv_id: int, *, assessment: str) -> Apv:
    row = _open_apv(access, apv_id)
    row.assessment = check_text(
        assessment, what=_("Beskrivelse og vurdering"), max_length=20000, multiline=True
    )
    row.save(update_fields=["assessment"])
    return row


def _priority(value: int | None) -> int:
    if value is None or value not in dict(PRIORITIES):
        raise ValidationFailed([_("Vælg en prioritet.")], field="priority")
    return value


@dataclass(frozen=True)
class Finding:
    """One dimension of the mapping survey's result for the unit, as the results part gives
    it (``services.results.unit_summary``: a score 0–100, ``None`` where disclosure control
    hides it), with the source text a problem made from it gets."""

    label: str
    score: float | None
    shown: bool
    source: str


def survey_findings(access: Access, apv_id: int) -> list[Finding]:
    """The mapping survey's dimension scores for the APV's unit (its sub-units included), from
    the results part — which owns every figure and its disclosure control — weakest first;
    empty without a survey, while it is open, or where the caller may not see its results."""
    row = _apv(access, apv_id)
    if row.survey is None:
        return []
    try:
        # Looked up when called: the results part is built beside this one (its contract:
        # ``unit_summary(access, survey_id, unit_id)``).
        results: Any = importlib.import_module("charlie.wellbeing.services.results")
    except ImportError:
        return []
    try:
        scores = list(results.unit_summary(access, row.survey_id, row.unit_id))
    except (NotFound, PermissionDenied):
        return []
    out = []
    for dim in scores:
        shown = bool(dim.shown) and dim.score is not None
        text = (
            _("%(survey)s: %(dimension)s (%(score)s af 100)")
            % {"survey": row.survey.name, "dimension": dim.label, "score": round(dim.score)}
            if shown
            else _("%(survey)s: %(dimension)s")
            % {"survey": row.survey.name, "dimension": dim.label}
        )
        out.append(Finding(str(dim.label), dim.score if shown else None, shown, text[:200]))
    return sorted(out, key=lambda f: (not f.shown, f.score if f.score is not None else 0))


def problem_of(access: Access, apv_id: int, problem_id: int) -> ApvProblem:
    row = _apv(access, apv_id)
    found = ApvProblem.objects.filter(apv=row, pk=problem_id).first()
    if found is None:
        raise NotFound
    return found


def save_problem(
    access: Access,
    apv_id: int,
    *,
    title: str,
    description: str,
    source: str,
    priority: int | None,
    problem_id: int | None = None,
) -> ApvProblem:
    """Describe, assess and prioritise a problem (1 is solved first)."""
    row = _open_apv(access, apv_id)
    found = problem_of(access, apv_id, problem_id) if problem_id else ApvProblem(apv=row)
    found.title = check_text(title, what=_("Problem"), max_length=200, required=True)
    found.description = check_text(
        description, what=_("Beskrivelse og vurdering"), max_length=5000, multiline=True
    )
    found.source = check_text(source, what=_("Kilde"), max_length=200)
    found.priority = _priority(priority)
    found.save()
    return found


def remove_problem(access: Access, apv_id: int, problem_id: int) -> None:
    """Remove a problem; its actions stay in the unit's plan (without the problem)."""
    _open_apv(access, apv_id)
    problem_of(access, apv_id, problem_id).delete()


def problems_from_walkthrough(access: Access, apv_id: int) -> int:
    """A problem (priority 2) for every walkthrough point marked "problem" that has none yet;
    returns how many were made."""
    row = _open_apv(access, apv_id)
    made = 0
    with transaction.atomic():
        for item in row.items.filter(status=WalkthroughStatus.PROBLEM).order_by("order", "pk"):
            if item.problems.exists():
                continue
            ApvProblem.objects.create(
                apv=row,
                item=item,
                title=item.text[:200],
                description=item.note,
                source=(_("Rundering: %(area)s") % {"area": item.area})[:200],
                priority=2,
            )
            made += 1
    return made


# --- Step 4: follow-up, moving between steps, completing -----------------------------------------


def save_follow_up(access: Access, apv_id: int, *, guidelines: str) -> Apv:
    row = _open_apv(access, apv_id)
    row.follow_up_guidelines = check_text(
        guidelines, what=_("Retningslinjer for opfølgning"), max_length=10000, multiline=True
    )
    row.save(update_fields=["follow_up_guidelines"])
    return row


def move_to(access: Access, apv_id: int, target: str) -> Apv:
    """Move the APV one step on (when the steps before hold what they must:
    ``apv.missing_before``) or back to an earlier step. Moving on to "done" completes it:
    ``completed_on`` is today and the next APV is due 3 years on (``apv.next_due``)."""
    row = _open_apv(access, apv_id)
    if not rules.may_move(row.step, target):
        raise ValidationFailed([_("APV'en kan kun gå ét trin frem ad gangen.")])
    detail = _detail(access, row, detail=DETAIL_APV, with_actions=False)
    if rules.STEPS.index(target) > rules.STEPS.index(row.step):
        missing = rules.missing_before(target, detail.facts)
        if missing:
            raise ValidationFailed([missing_text(m) for m in missing])
    row.step = target
    fields = ["step"]
    if target == ApvStep.DONE:
        row.completed_on = today()
        row.next_due_on = rules.next_due(row.completed_on)
        row.next_due_reason = ""
        fields += ["completed_on", "next_due_on", "next_due_reason"]
    row.save(update_fields=fields)
    return row


def set_next_due(access: Access, apv_id: int, *, due_on: date | None, reason: str) -> Apv:
    """HR sets the next APV sooner than 3 years after this one, because the work changes
    (arbejdsmiljøloven § 15 a, stk. 1; ``apv.check_earlier_due``), with the reason."""
    access.require(SET_NEXT_DUE)
    row = _apv(access, apv_id)
    if row.step != ApvStep.DONE or row.completed_on is None:
        raise ValidationFailed([_("Næste APV kan først fastsættes, når APV'en er afsluttet.")])
    if due_on is None:
        raise ValidationFailed([_("Dato skal udfyldes.")], field="due_on")
    problem = rules.check_earlier_due(row.completed_on, due_on)
    if problem == rules.DueDateProblem.LATER_THAN_LAW:
        raise ValidationFailed(
            [
                _(
                    "Næste APV skal laves senest %(date)s: 3 år efter, at denne blev afsluttet "
                    "(arbejdsmiljøloven § 15 a, stk. 1). Vælg den dag eller en tidligere."
                )
                % {"date": format_date(rules.next_due(row.completed_on))}
            ],
            field="due_on",
        )
    if problem == rules.DueDateProblem.BEFORE_COMPLETION:
        raise ValidationFailed(
            [_("Datoen ligger før, APV'en blev afsluttet. Vælg en senere dag.")], field="due_on"
        )
    earlier = due_on < rules.next_due(row.completed_on)
    reason = check_text(reason, what=_("Grund"), max_length=300, required=earlier)
    row.next_due_on = due_on
    row.next_due_reason = reason if earlier else ""
    row.due_reminded_on = None
    row.save(update_fields=["next_due_on", "next_due_reason", "due_reminded_on"])
    return row


# --- Reminders and the front page ----------------------------------------------------------------


def _current_completed(on_units: Q | None = None) -> QuerySet[Apv]:
    """The latest APV of each unit where that APV is completed (no newer one started)."""
    newer = Apv.objects.filter(unit=OuterRef("unit"), pk__gt=OuterRef("pk"))
    rows = Apv.objects.filter(step=ApvStep.DONE, next_due_on__isnull=False).filter(~Exists(newer))
    return rows.filter(on_units) if on_units is not None else rows


def _manager_address(unit: OrgUnit) -> str:
    """The e-mail of the nearest manager of the unit or a unit above it (their account's,
    else their person record's)."""
    ids = [int(p) for p in unit.path.strip("/").split("/") if p.isdigit()]
    units = {
        u.pk: u
        for u in OrgUnit.objects.filter(pk__in=ids).select_related("manager", "manager__user")
    }
    for pk in reversed(ids):
        found = units.get(pk)
        manager = found.manager if found is not None else None
        if manager is None:
            continue
        user = getattr(manager, "user", None)
        address = (user.email if user is not None and user.is_active else "") or manager.email
        if address:
            return str(address)
    return ""


def send_due_reminders(*, on: date | None = None) -> int:
    """E-mail the manager of each unit whose next APV is due within ``warn_days()`` days or
    overdue (``apv.apv_reminder``), one mail per manager listing the units; a unit with a new
    APV under way is not reminded. Returns the number of units reminded."""
    on = on or today()
    days, again = warn_days(), repeat_days()
    horizon = on + timedelta(days=days)
    mails: dict[str, list[tuple[Apv, rules.Reminder]]] = defaultdict(list)
    for row in _current_completed().filter(next_due_on__lte=horizon).select_related("unit"):
        if row.next_due_on is None:  # excluded by the query
            continue
        why = rules.apv_reminder(
            row.next_due_on,
            on,
            days_before=days,
            repeat_days=again,
            reminded_on=row.due_reminded_on,
        )
        if why is None:
            continue
        address = _manager_address(row.unit)
        if not address:
            log.warning("no manager to remind of the APV of unit %s", row.unit_id)
            continue
        mails[address].append((row, why))
    sent = 0
    for address, lines in mails.items():
        if not _mail_due(address, lines):
            continue
        Apv.objects.filter(pk__in=[r.pk for r, _w in lines]).update(due_reminded_on=on)
        sent += len(lines)
    return sent


def _mail_due(to: str, lines: list[tuple[Apv, rules.Reminder]]) -> bool:
    late = any(why == rules.Reminder.OVERDUE for _r, why in lines)
    subject = _("APV'en skal revideres") if late else _("Næste APV nærmer sig")
    labels = people.unit_labels()
    body = [
        _(
            "APV'en skal revideres mindst hvert 3. år, og før når arbejdet ændres "
            "(arbejdsmiljøloven § 15 a). Disse enheder skal have en ny APV:"
        ),
        "",
    ]
    for row, why in lines:
        state = _("overskredet") if why == rules.Reminder.OVERDUE else _("snart")
        unit = labels.get(row.unit_id, row.unit.name)
        due = row.next_due_on.strftime("%d-%m-%Y") if row.next_due_on else ""
        body.append(f"- {unit}: {_('senest')} {due} ({state})")
    body += [
        "",
        _("Start den nye APV her:"),
        f"{_base_url()}{reverse('wellbeing:apvs')}",
    ]
    try:
        send_mail(subject, "\n".join(body), None, [to])
    except Exception as exc:
        log.error("APV reminder failed (%s)", type(exc).__name__)
        return False
    return True


def queue_items(access: Access) -> list[QueueItem]:
    """The front page, for a manager: the units in their scope whose next APV is overdue or
    due within ``warn_days()`` days, with no new APV started. No personal data."""
    if not access.can(MANAGE_APV) or access.everyone or not access.units:
        return []
    on = today()
    due = (
        _current_completed(actions.managed_q(access))
        .filter(next_due_on__lte=on + timedelta(days=warn_days()))
        .select_related("unit")
        .order_by("next_due_on", "pk")
    )
    rows = list(due[: actions.ROWS])
    if not rows:
        return []
    labels = people.unit_labels()
    late = any(r.next_due_on is not None and r.next_due_on < on for r in rows)
    return [
        QueueItem(
            key="wellbeing_apv_due",
            title=gettext_lazy("APV"),
            count=due.count(),
            urgency=Urgency.OVERDUE if late else Urgency.SOON,
            url=reverse("wellbeing:apvs"),
            link_label=gettext_lazy("Se alle enheders APV"),
            rows=[
                QueueRow(
                    text=labels.get(r.unit_id, r.unit.name),
                    url=reverse("wellbeing:apv_new") + f"?enhed={r.unit_id}",
                    detail=r.next_due_on.strftime("%d-%m-%Y") if r.next_due_on else "",
                    urgency=Urgency.OVERDUE
                    if r.next_due_on is not None and r.next_due_on < on
                    else Urgency.SOON,
                )
                for r in rows
            ],
            text=gettext_lazy("Enheder, hvis næste APV snart skal laves eller er overskredet."),
            order=57,
        )
    ]
