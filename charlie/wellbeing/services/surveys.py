"""Surveys (issue 16, points 2 and 6; docs/wellbeing-surveys.md): HR creates a survey, checks
the launch preview, launches it (invitations with one-time links by e-mail), reminds those who
have not answered and closes it; pulse series make and launch their surveys on a schedule.

The anonymity rules are in ``bands`` (where answers are recorded and which bands each group
keeps, checked before launch) and in ``close`` (the tallies are kept, every invitation's link
and answered flag are wiped, and the answers are rewritten in the order of their random keys).
docs/wellbeing-anonymity.md says what each role can and cannot learn.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Count, F, Min, Q
from django.tasks import Task
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from charlie.core.calendar import add_months
from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.formats import format_date
from charlie.core.roles import Role
from charlie.core.text import check_text
from charlie.people import services as people
from charlie.people.models import Employment, JobFamily, OrgUnit, Person
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.wellbeing import bands
from charlie.wellbeing.models import (
    Invitation,
    PulseSeries,
    Question,
    QuestionnaireKind,
    QuestionnaireVersion,
    Response,
    Survey,
    SurveyStatus,
    UnitTally,
)
from charlie.wellbeing.permissions import MANAGE_SURVEYS
from charlie.wellbeing.services.answering import link_hash, link_of_key, new_link_key
from charlie.wellbeing.services.common import CATEGORY, for_wellbeing, today

log = logging.getLogger(__name__)

#: The audit details this part writes (registered in apps.py; no personal data in them).
DETAIL_INVITED = gettext_noop("inviteret til måling")
DETAIL_INVITATIONS = gettext_noop("invitationer til måling")
DETAIL_NEW_LINK = gettext_noop("svarlink sendt igen")
DETAIL_INVITATION_SENT = gettext_noop("invitation til måling sendt")
DETAIL_REMINDER = gettext_noop("påmindelse om måling")
DETAIL_CLOSED = gettext_noop("måling lukket: invitationernes link og svarstatus slettet")
AUDIT_DETAILS = (
    DETAIL_INVITED,
    DETAIL_INVITATIONS,
    DETAIL_NEW_LINK,
    DETAIL_INVITATION_SENT,
    DETAIL_REMINDER,
    DETAIL_CLOSED,
)

#: The lowest threshold HR may set (DOMAIN.md 5.3: 4–5 answers by common practice).
LOWEST_MIN_GROUP = 3
MAX_REMINDERS = 5
#: E-mails sent on one connection before it is opened again.
MAIL_BATCH = 200


def default_thresholds() -> tuple[int, int]:
    """The thresholds a new survey copies: ``CHARLIE_WELLBEING_MIN_GROUP`` (5) and
    ``CHARLIE_WELLBEING_MIN_SENSITIVE`` (20)."""
    return (
        int(getattr(settings, "CHARLIE_WELLBEING_MIN_GROUP", 5)),
        int(getattr(settings, "CHARLIE_WELLBEING_MIN_SENSITIVE", 20)),
    )


def _manager(access: Access) -> Access:
    access = for_wellbeing(access)
    access.require(MANAGE_SURVEYS)
    return access


def _base_url() -> str:
    return str(getattr(settings, "CHARLIE_BASE_URL", "")).rstrip("/")


def about_path(survey_id: int) -> str:
    """The public page about a survey — its purpose, who sees what, the anonymity rules
    (``wellbeing:survey_about``, the pulse part's page) — at ``/trivsel/maalinger/<id>/om/``."""
    for kwargs in ({"survey_id": survey_id}, {"pk": survey_id}):
        try:
            return reverse("wellbeing:survey_about", kwargs=kwargs)
        except NoReverseMatch:
            continue
    return f"/trivsel/maalinger/{survey_id}/om/"


def answer_url(token: str) -> str:
    return f"{_base_url()}{reverse('wellbeing:answer', args=[token])}"


# --- Choices for the forms -----------------------------------------------------------------------


def version_choices() -> list[tuple[int, str]]:
    """Every questionnaire version with questions, newest first within each questionnaire."""
    rows = (
        QuestionnaireVersion.objects.annotate(n=Count("questions"))
        .filter(n__gt=0)
        .select_related("questionnaire")
        .order_by("questionnaire__name", "-number")
    )
    return [
        (
            v.pk,
            _("%(name)s, version %(number)d (%(n)d spørgsmål)")
            % {"name": v.questionnaire.name, "number": v.number, "n": v.n},
        )
        for v in rows
    ]


def band_choices() -> list[tuple[str, str]]:
    return [(key, _(band.label)) for key, band in bands.BANDS.items()]


def previous_choices(exclude: int | None = None) -> list[tuple[int, str]]:
    """Surveys that have been sent out, to compare a new round with."""
    rows = Survey.objects.exclude(status=SurveyStatus.DRAFT)
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return [
        (s.pk, f"{s.name} ({format_date(s.opens_on)})")
        for s in rows.order_by("-opens_on", "-pk")[:200]
    ]


def unit_choices(access: Access) -> list[tuple[int, str]]:
    return people.unit_choices(_manager(access))


@dataclass(frozen=True)
class UnitGroup:
    """The units under one unit of the tree's second level (a forvaltning), for the unit
    picker: each (id, label) with the path below the forvaltning in the label."""

    label: str
    units: list[tuple[int, str]]


def unit_groups(access: Access) -> list[UnitGroup]:
    """Today's units in tree order, grouped by their forvaltning (the top unit alone first),
    each labelled with its path below the forvaltning (»Ældreområdet › Plejecenter Nord«; the
    forvaltning itself by its name)."""
    choices = dict(unit_choices(access))
    rows = list(
        OrgUnit.objects.filter(pk__in=list(choices))
        .order_by("path")
        .values_list("pk", "name", "path", "depth")
    )
    names = {pk: name for pk, name, _path, _depth in rows}
    top_depth = min((depth for *_rest, depth in rows), default=0)
    groups: dict[int | None, UnitGroup] = {}
    for pk, _name, path, _depth in rows:
        ids = [int(part) for part in path.strip("/").split("/") if part]
        below = [i for i in ids[top_depth + 1 :] if i in names]
        key = below[0] if below else None
        if key not in groups:
            title = names[key] if key is not None else choices[pk]
            groups[key] = UnitGroup(title, [])
        # Within its forvaltning's group, a unit is named by its path below the forvaltning.
        label = " › ".join(names[i] for i in below[1:]) if len(below) > 1 else choices[pk]
        groups[key].units.append((pk, label))
    return list(groups.values())


# --- Surveys: list, page, create and edit -------------------------------------------------------


def list_surveys(access: Access) -> list[Survey]:
    """Every survey, newest first (HR)."""
    _manager(access)
    return list(
        Survey.objects.select_related("version__questionnaire").order_by("-opens_on", "-pk")
    )


def get_survey(access: Access, survey_id: int) -> Survey:
    _manager(access)
    survey = (
        Survey.objects.filter(pk=survey_id)
        .select_related("version__questionnaire", "previous", "pulse")
        .first()
    )
    if survey is None:
        raise NotFound
    return survey


@dataclass(frozen=True)
class SurveyData:
    """What HR fills in for a survey (the form's cleaned data)."""

    name: str
    kind: str
    version_id: int
    unit_ids: list[int]
    bands: list[str]
    min_group: int
    min_sensitive: int
    opens_on: date
    closes_on: date
    previous_id: int | None = None
    intro: str = ""
    max_reminders: int = 2
    remind_every_days: int = 7


def _top_units(unit_ids: Iterable[int]) -> list[OrgUnit]:
    """The chosen units without those below another chosen unit (each comes with its
    sub-units anyway)."""
    units = list(OrgUnit.objects.filter(pk__in=set(unit_ids)).order_by("path"))
    tops: list[OrgUnit] = []
    for unit in units:
        if not any(unit.path.startswith(top.path) for top in tops):
            tops.append(unit)
    return tops


def _check(data: SurveyData, *, survey_id: int | None) -> tuple[dict[str, Any], list[OrgUnit]]:
    errors: list[tuple[str, str]] = []

    def fail(field_name: str, message: str) -> None:
        errors.append((field_name, message))

    try:
        name = check_text(data.name, what=_("Navnet"), max_length=200, required=True)
    except ValidationFailed as exc:
        name = ""
        fail("name", " ".join(exc.messages))
    try:
        intro = check_text(data.intro, what=_("Indledningen"), max_length=5000, multiline=True)
    except ValidationFailed as exc:
        intro = ""
        fail("intro", " ".join(exc.messages))
    if data.kind not in QuestionnaireKind.values:
        fail("kind", _("Vælg en type."))
    version = QuestionnaireVersion.objects.filter(pk=data.version_id).first()
    if version is None or not Question.objects.filter(version=version).exists():
        fail("version", _("Vælg et spørgeskema med spørgsmål."))
    on = today()
    open_units = OrgUnit.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on), pk__in=set(data.unit_ids)
    )
    tops = _top_units(open_units.values_list("pk", flat=True))
    if not tops or open_units.count() != len(set(data.unit_ids)):
        fail("units", _("Vælg mindst én enhed, der findes i dag."))
    unknown = [b for b in data.bands if b not in bands.BANDS]
    if unknown:
        fail("bands", _("Ukendt baggrundsoplysning: %(b)s.") % {"b": ", ".join(unknown)})
    if data.min_group < LOWEST_MIN_GROUP:
        fail(
            "min_group",
            _("Mindste gruppe skal være mindst %(n)d svar.") % {"n": LOWEST_MIN_GROUP},
        )
    if data.min_sensitive < data.min_group:
        fail(
            "min_sensitive",
            _("Grænsen for krænkende adfærd må ikke være lavere end mindste gruppe (%(n)d).")
            % {"n": data.min_group},
        )
    if data.closes_on < data.opens_on:
        fail("closes_on", _("Sidste svardag skal ligge på eller efter åbningsdagen."))
    elif data.closes_on < on:
        fail("closes_on", _("Sidste svardag er overskredet. Vælg en senere dag."))
    if data.previous_id is not None and (
        data.previous_id == survey_id
        or not Survey.objects.filter(pk=data.previous_id)
        .exclude(status=SurveyStatus.DRAFT)
        .exists()
    ):
        fail("previous", _("Vælg en måling, der er sendt ud."))
    if not 0 <= data.max_reminders <= MAX_REMINDERS:
        fail("max_reminders", _("Højst %(n)d påmindelser.") % {"n": MAX_REMINDERS})
    if not 1 <= data.remind_every_days <= 60:
        fail("remind_every_days", _("Skriv et antal dage fra 1 til 60."))
    if errors:
        raise SurveyInvalid(errors)
    values = {
        "name": name,
        "kind": data.kind,
        "version_id": data.version_id,
        # In the order they are offered, so the launch check keeps them in a stable order.
        "bands": [key for key in bands.BANDS if key in set(data.bands)],
        "min_group": data.min_group,
        "min_sensitive": data.min_sensitive,
        "opens_on": data.opens_on,
        "closes_on": data.closes_on,
        "previous_id": data.previous_id,
        "intro": intro,
        "max_reminders": data.max_reminders,
        "remind_every_days": data.remind_every_days,
    }
    return values, tops


class SurveyInvalid(ValidationFailed):
    """The survey cannot be saved: ``errors`` are (form field, message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__([message for _field, message in errors])
        self.errors = errors


def save_survey(access: Access, data: SurveyData, *, survey_id: int | None = None) -> Survey:
    """Create a draft survey, or change one that has not been sent out."""
    access = _manager(access)
    values, tops = _check(data, survey_id=survey_id)
    with transaction.atomic():
        if survey_id is None:
            survey = Survey.objects.create(**values, created_by=access.user)
        else:
            found = Survey.objects.select_for_update().filter(pk=survey_id).first()
            if found is None:
                raise NotFound
            survey = found
            if survey.status != SurveyStatus.DRAFT:
                raise ValidationFailed([_("En måling, der er sendt ud, kan ikke ændres.")])
            for key, value in values.items():
                setattr(survey, key, value)
            survey.save()
        survey.units.set(tops)
    return survey


def delete_draft(access: Access, survey_id: int) -> None:
    """Delete a survey that has not been sent out."""
    _manager(access)
    deleted, _rows = Survey.objects.filter(pk=survey_id, status=SurveyStatus.DRAFT).delete()
    if not deleted:
        raise NotFound


# --- Who is invited, and the launch check -------------------------------------------------------


@dataclass(frozen=True)
class Invitee:
    person_id: int
    unit_id: int
    email: str
    facts: bands.PersonFacts


def invitees(unit_paths: Sequence[str], on: date) -> list[Invitee]:
    """The people employed in these units (each with its sub-units) on ``on``, once each, by
    their largest current employment there (most weekly hours, then the oldest), with the facts
    their bands are worked out from."""
    rows = (
        Employment.objects.filter(start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .filter(people.under_units(unit_paths))
        .order_by("person_id", "-weekly_hours", "pk")
        .values_list("person_id", "org_unit_id", "job_family__code", "weekly_hours")
    )
    chosen: dict[int, tuple[int, str, float]] = {}
    for person_id, unit_id, family, weekly in rows:
        chosen.setdefault(person_id, (unit_id, family, float(weekly)))
    if not chosen:
        return []
    ids = list(chosen)
    first_start = dict(
        Employment.objects.filter(person_id__in=ids, start_date__lte=on)
        .values("person_id")
        .annotate(first=Min("start_date"))
        .values_list("person_id", "first")
    )
    out = []
    for person_id, birth, gender, email in Person.objects.filter(pk__in=ids).values_list(
        "pk", "birth_date", "gender", "email"
    ):
        unit_id, family, hours_a_week = chosen[person_id]
        facts = bands.PersonFacts(birth, gender, family, first_start[person_id], hours_a_week)
        out.append(Invitee(person_id, unit_id, email or "", facts))
    out.sort(key=lambda i: i.person_id)
    return out


def _tree(tops: Sequence[OrgUnit]) -> dict[int, int | None]:
    """Every unit below the survey's units with its parent within them (None for a top)."""
    top_ids = {u.pk for u in tops}
    rows = OrgUnit.objects.filter(people.under_units([u.path for u in tops], unit="")).values_list(
        "pk", "parent_id"
    )
    return {pk: (None if pk in top_ids else parent) for pk, parent in rows}


@dataclass(frozen=True)
class UnitLine:
    """One unit of the preview: its people, and where their answers are recorded."""

    unit_id: int
    label: str
    depth: int
    invited: int
    recorded_in: int | None
    recorded_label: str


@dataclass(frozen=True)
class DroppedBand:
    group_label: str
    band_label: str
    cell: str
    count: int


@dataclass(frozen=True)
class LaunchPreview:
    """What launching would do today: who is invited per unit, where each unit's answers are
    counted, the bands each group keeps, and what stops or needs HR's consent."""

    survey: Survey
    on: date
    invited: int
    without_email: int
    lines: list[UnitLine]
    plan: bands.LaunchPlan
    dropped: list[DroppedBand]
    too_small: list[tuple[str, int]]
    problems: list[str] = field(default_factory=list)

    @property
    def can_launch(self) -> bool:
        return not self.problems and self.plan.can_launch

    @property
    def needs_consent(self) -> bool:
        return self.plan.bands_dropped


def _band_value_label(key: str, value: str, families: Mapping[str, str]) -> str:
    band = bands.BANDS[key]
    label = band.value_label(value, families)
    return _(label) if band.values else label


def _family_names() -> dict[str, str]:
    return {f.code: f.display_name for f in JobFamily.objects.all()}


def _preview(survey: Survey, on: date) -> tuple[LaunchPreview, list[Invitee]]:
    tops = list(survey.units.all())
    problems = []
    if survey.status != SurveyStatus.DRAFT:
        problems.append(_("Målingen er allerede sendt ud."))
    if survey.closes_on < on:
        problems.append(_("Sidste svardag er overskredet. Ret målingens datoer først."))
    if survey.opens_on > on:
        problems.append(
            _("Målingen åbner først %(day)s. Den kan sendes ud den dag.")
            % {"day": format_date(survey.opens_on)}
        )
    if not Question.objects.filter(version_id=survey.version_id).exists():
        problems.append(_("Spørgeskemaet har ingen spørgsmål."))
    parents = _tree(tops)
    found = invitees([u.path for u in tops], on)
    people_bands = [(i.unit_id, bands.band_values(i.facts, on, survey.bands)) for i in found]
    plan = bands.launch_plan(parents, people_bands, survey.bands, survey.min_group)
    if not found:
        problems.append(_("Ingen er ansat i de valgte enheder i dag."))
    labels = people.unit_labels()
    units = {
        u.pk: u
        for u in OrgUnit.objects.filter(pk__in=list(parents)).only("pk", "name", "depth", "path")
    }

    def label(pk: int) -> str:
        return labels.get(pk, units[pk].name) if pk in units else str(pk)

    counts = Counter(i.unit_id for i in found)
    top_depth = min((units[u.pk].depth for u in tops if u.pk in units), default=0)
    lines = [
        UnitLine(
            pk,
            label(pk),
            units[pk].depth - top_depth,
            counts.get(pk, 0),
            plan.recorded.get(pk),
            label(plan.recorded[pk]) if pk in plan.recorded else "",
        )
        for pk in sorted(parents, key=lambda p: units[p].path if p in units else "")
        if counts.get(pk, 0)
    ]
    families = _family_names()
    dropped = [
        DroppedBand(
            label(group.unit),
            _(bands.BANDS[cell.band].label),
            ", ".join(_band_value_label(k, v, families) for k, v in cell.values),
            cell.count,
        )
        for group in plan.groups.values()
        for cell in group.dropped
    ]
    too_small = [(label(unit), n) for unit, n in plan.too_small.items()]
    preview = LaunchPreview(
        survey=survey,
        on=on,
        invited=len(found),
        without_email=sum(1 for i in found if not i.email),
        lines=lines,
        plan=plan,
        dropped=sorted(dropped, key=lambda d: (d.group_label, d.band_label)),
        too_small=too_small,
        problems=problems,
    )
    return preview, found


def launch_preview(access: Access, survey_id: int, *, on: date | None = None) -> LaunchPreview:
    """What launching the survey today would do (nothing is written): HR checks it, and the
    launch refuses what it refuses."""
    survey = get_survey(access, survey_id)
    preview, _found = _preview(survey, on or today())
    return preview


# --- Launch ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Launched:
    """A launched survey: how many were invited, how many have no e-mail address (they are
    invited, but must get a paper form or the link another way), and the bands left out."""

    survey: Survey
    invited: int
    without_email: int
    bands_dropped: int


def _freeze(version: QuestionnaireVersion) -> None:
    """Lock the version the survey asks (``services.questionnaires.freeze_version`` where the
    questionnaires part provides it; otherwise its ``frozen_at`` is set here)."""
    import importlib

    try:
        module = importlib.import_module("charlie.wellbeing.services.questionnaires")
    except ModuleNotFoundError:
        module = None
    freeze = getattr(module, "freeze_version", None)
    if callable(freeze):
        freeze(version)
    elif version.frozen_at is None:
        QuestionnaireVersion.objects.filter(pk=version.pk, frozen_at__isnull=True).update(
            frozen_at=timezone.now()
        )


#: The task that sends a launched survey's invitations (``tasks_surveys``), handed over by
#: ``apps.py`` so that these services need not import the task module.
_send_task: Task[Any, int] | None = None


def register_send_task(send_task: Task[Any, int]) -> None:
    global _send_task
    _send_task = send_task


def launch(
    access: Access, survey_id: int, *, drop_small_bands: bool = False, on: date | None = None
) -> Launched:
    """Send the survey out today: lock its questionnaire version, invite the people employed in
    its units today (each with the unit and bands their answers will carry, from the launch
    check), and queue the e-mails with their one-time links. Refused while the launch check
    finds a unit too small; a band left out of some group needs HR's consent
    (``drop_small_bands``)."""
    access = _manager(access)
    return _launch(access, survey_id, drop_small_bands=drop_small_bands, on=on or today())


def _launch(access: Access, survey_id: int, *, drop_small_bands: bool, on: date) -> Launched:
    with transaction.atomic():
        survey = Survey.objects.select_for_update().filter(pk=survey_id).first()
        if survey is None:
            raise NotFound
        preview, found = _preview(survey, on)
        if preview.problems:
            raise ValidationFailed(preview.problems)
        if preview.too_small:
            raise ValidationFailed(
                [
                    _(
                        "%(unit)s har kun %(n)d inviterede, færre end mindste gruppe på %(min)d. "
                        "Vælg en større enhed, eller vælg enheden fra."
                    )
                    % {"unit": unit, "n": n, "min": survey.min_group}
                    for unit, n in preview.too_small
                ]
            )
        if preview.needs_consent and not drop_small_bands:
            raise ValidationFailed(
                [
                    _(
                        "Nogle baggrundsoplysninger ville give for små grupper. Bekræft, at de "
                        "udelades i de viste enheder, eller fravælg dem."
                    )
                ]
            )
        plan = preview.plan
        _freeze(survey.version)
        invitations = []
        for i in found:
            key = new_link_key()
            invitations.append(
                Invitation(
                    survey=survey,
                    person_id=i.person_id,
                    unit_id=plan.recorded[i.unit_id],
                    band_values={
                        k: v
                        for k, v in bands.band_values(i.facts, on, survey.bands).items()
                        if k in plan.bands_of(i.unit_id)
                    },
                    link_key=key,
                    token_hash=link_hash(link_of_key(survey.pk, key)),
                    answered=False,
                )
            )
        Invitation.objects.bulk_create(invitations, batch_size=2000)
        survey.plan = {
            "units": {str(u): g for u, g in plan.recorded.items()},
            "bands": {str(g): list(p.kept) for g, p in plan.groups.items()},
        }
        survey.status = SurveyStatus.OPEN
        survey.opens_on = on
        survey.launched_at = timezone.now()
        survey.save(update_fields=["plan", "status", "opens_on", "launched_at"])
        access.record(
            [i.person_id for i in found],
            action=Action.CREATE,
            category=CATEGORY,
            detail=DETAIL_INVITED,
        )
        if _send_task is not None:
            transaction.on_commit(lambda: _enqueue_send(survey.pk))
    return Launched(
        survey,
        len(found),
        preview.without_email,
        sum(len(g.dropped) for g in plan.groups.values()),
    )


def _enqueue_send(survey_id: int) -> None:
    if _send_task is None:
        return
    try:
        _send_task.enqueue(survey_id=survey_id)
    except Exception as exc:  # the daily job sends them instead
        log.error("queueing the invitations of survey %s failed (%s)", survey_id, exc)


# --- E-mails: invitations, reminders, a new link ------------------------------------------------


def _lines_invitation(survey: Survey, person_name: str, link: str, *, reminder: bool) -> list[str]:
    about = f"{_base_url()}{about_path(survey.pk)}"
    day = format_date(survey.closes_on)
    lines = [_("Kære %(name)s") % {"name": person_name}, ""]
    if reminder:
        lines.append(
            _(
                "Du har endnu ikke svaret på »%(survey)s«. Der er stadig tid: du kan svare til "
                "og med %(day)s. Linket er det samme som i invitationen."
            )
            % {"survey": survey.name, "day": day}
        )
    else:
        lines.append(
            _("Du er inviteret til at svare på »%(survey)s«. Du kan svare til og med %(day)s.")
            % {"survey": survey.name, "day": day}
        )
    lines += [
        "",
        _("Svar her (linket er personligt og kan bruges én gang):"),
        answer_url(link),
        "",
        _(
            "Dine svar gemmes uden dit navn: kun med din enhed og de baggrundsoplysninger, "
            "målingen spørger om. Ingen – heller ikke HR – kan se, hvad du har svaret. "
            "Resultater vises kun for grupper på mindst %(n)d."
        )
        % {"n": survey.min_group},
        _("Læs mere om målingen, og hvordan vi passer på dine svar:"),
        about,
        "",
        "English: you are invited to answer a survey. Open the link above and choose English "
        "at the bottom of the page. Your answers are stored without your name.",
    ]
    return lines


def _send(messages: list[tuple[int, EmailMessage]]) -> list[int]:
    """Send these messages on one connection; the ids of those that went."""
    sent: list[int] = []
    if not messages:
        return sent
    conn = mailers.default
    try:
        conn.open()
        for key, message in messages:
            try:
                if conn.send_messages([message]):
                    sent.append(key)
            except Exception as exc:
                log.error("survey e-mail failed (%s)", type(exc).__name__)
    finally:
        conn.close()
    return sent


def _open_surveys(on: date) -> Any:
    return Survey.objects.filter(status=SurveyStatus.OPEN, opens_on__lte=on, closes_on__gte=on)


#: An invitation as the e-mails need it.
_MAIL_FIELDS = (
    "pk",
    "person_id",
    "person__first_name",
    "person__last_name",
    "person__email",
    "link_key",
    "token_hash",
)


class _Mailable(NamedTuple):
    pk: int
    person_id: int
    first_name: str
    last_name: str
    email: str
    link_key: str
    token_hash: str | None


def _mail_invitations(
    survey: Survey, rows: Iterable[Sequence[Any]], *, reminder: bool
) -> list[int]:
    """E-mail each invitation its one-time link (the same link every time: it is made from
    the invitation's key, so nothing is stored to send it); the ids of those sent.

    A link whose hash no longer matches — the server's ``SECRET_KEY`` was changed while the
    survey was open — gets its new hash first, if the invitation is still unanswered; an
    answered one gets no mail."""
    subject = (_("Påmindelse: %(survey)s") if reminder else _("Invitation: %(survey)s")) % {
        "survey": survey.name
    }
    messages = []
    person_of = {}
    for row in map(_Mailable._make, rows):
        link = link_of_key(survey.pk, row.link_key)
        digest = link_hash(link)
        if digest != row.token_hash and not Invitation.objects.filter(
            pk=row.pk, answered=False
        ).update(token_hash=digest):
            continue
        person_of[row.pk] = row.person_id
        body = "\n".join(
            _lines_invitation(survey, f"{row.first_name} {row.last_name}", link, reminder=reminder)
        )
        messages.append((row.pk, EmailMessage(subject, body, None, [row.email])))
    sent = _send(messages)
    _audit_task(
        [person_of[pk] for pk in sent], DETAIL_REMINDER if reminder else DETAIL_INVITATION_SENT
    )
    return sent


def send_invitations(survey_id: int | None = None, *, on: date | None = None) -> int:
    """E-mail every invitation of the open surveys (or of one) that has not been sent, and has
    an e-mail address, its one-time link. Returns how many went. The launch queues it; the
    daily job sends what is left (a failed e-mail, a worker that was down)."""
    on = on or today()
    surveys = _open_surveys(on)
    if survey_id is not None:
        surveys = surveys.filter(pk=survey_id)
    total = 0
    for survey in surveys:
        pending = (
            Invitation.objects.filter(
                survey=survey, sent_at__isnull=True, answered=False, link_key__isnull=False
            )
            .exclude(person__email="")
            .order_by("pk")
            .values_list(*_MAIL_FIELDS)
        )
        last = 0
        while batch := list(pending.filter(pk__gt=last)[:MAIL_BATCH]):
            last = batch[-1][0]
            sent = _mail_invitations(survey, batch, reminder=False)
            Invitation.objects.filter(pk__in=sent).update(sent_at=timezone.now())
            total += len(sent)
    return total


def _audit_task(person_ids: Iterable[int], detail: str) -> None:
    """A background job's use of people's names and e-mail addresses (no actor)."""
    ids = list(person_ids)
    if ids:
        task_access = for_wellbeing(people.operator_access(Role.HR, channel="task"))
        task_access.record(ids, action=Action.READ, category=CATEGORY, detail=detail)


def send_reminders(*, on: date | None = None) -> int:
    """E-mail a reminder with the same one-time link to everyone invited to an open survey who
    has not answered, at most the survey's ``max_reminders`` times, each ``remind_every_days``
    days after the last e-mail. Returns how many went."""
    on = on or today()
    total = 0
    for survey in _open_surveys(on).filter(max_reminders__gt=0):
        latest = timezone.make_aware(
            datetime.combine(on - timedelta(days=survey.remind_every_days), datetime.max.time())
        )
        due = (
            Invitation.objects.filter(
                survey=survey,
                answered=False,
                sent_at__isnull=False,
                link_key__isnull=False,
                reminders__lt=survey.max_reminders,
            )
            .filter(
                Q(reminded_at__isnull=True, sent_at__lte=latest)
                | Q(reminded_at__isnull=False, reminded_at__lte=latest)
            )
            .exclude(person__email="")
            .order_by("pk")
            .values_list(*_MAIL_FIELDS)
        )
        last = 0
        while batch := list(due.filter(pk__gt=last)[:MAIL_BATCH]):
            last = batch[-1][0]
            sent = _mail_invitations(survey, batch, reminder=True)
            Invitation.objects.filter(pk__in=sent).update(
                reminded_at=timezone.now(), reminders=F("reminders") + 1
            )
            total += len(sent)
    return total


def send_link_again(access: Access, survey_id: int, invitation_id: int) -> None:
    """E-mail one invited person their link again, when the first e-mail was lost or went to
    an old address (fixed in the people data since). Someone who has answered gets nothing,
    and HR is told the same in both cases: whether a person has answered is not HR's to see."""
    access = _manager(access)
    survey = get_survey(access, survey_id)
    row = (
        Invitation.objects.filter(survey=survey, pk=invitation_id)
        .values_list(*_MAIL_FIELDS, "answered")
        .first()
    )
    if row is None:
        raise NotFound
    invitation = _Mailable._make(row[:-1])
    if not _is_answerable(survey):
        raise ValidationFailed([_("Målingen er ikke åben.")])
    if not invitation.email:
        raise ValidationFailed([_("Personen har ingen e-mailadresse i Charlie.")])
    access.record(
        [invitation.person_id], action=Action.UPDATE, category=CATEGORY, detail=DETAIL_NEW_LINK
    )
    if row[-1] or not invitation.link_key:
        return
    sent = _mail_invitations(survey, [invitation], reminder=False)
    if sent:
        Invitation.objects.filter(pk__in=sent, sent_at__isnull=True).update(sent_at=timezone.now())


def _is_answerable(survey: Survey, on: date | None = None) -> bool:
    on = on or today()
    return survey.status == SurveyStatus.OPEN and survey.opens_on <= on <= survey.closes_on


# --- The survey's page: counts, and the invitations ---------------------------------------------


@dataclass(frozen=True)
class GroupCount:
    """A recorded group's invited and answered; ``answered`` None where it is under the
    survey's threshold (a response rate is shown only above it)."""

    unit_id: int
    label: str
    invited: int
    answered: int | None

    @property
    def rate(self) -> int | None:
        if self.answered is None or not self.invited:
            return None
        return round(100 * self.answered / self.invited)


@dataclass(frozen=True)
class SurveyPage:
    survey: Survey
    units: list[str]
    band_labels: list[str]
    invited: int
    without_email: int
    sent: int
    answered: int | None
    groups: list[GroupCount]
    about_path: str

    @property
    def rate(self) -> int | None:
        if self.answered is None or not self.invited:
            return None
        return round(100 * self.answered / self.invited)


def _shown(count: int, minimum: int) -> int | None:
    return count if count >= minimum else None


def survey_page(access: Access, survey_id: int) -> SurveyPage:
    """The survey for HR: its set-up and, once sent out, invited and answered per recorded
    group (answered only where at least ``min_group`` answered; after the close from the
    tallies). No person is shown here, and whether one person has answered is never shown."""
    survey = get_survey(access, survey_id)
    labels = people.unit_labels()
    units = [labels.get(u.pk, u.name) for u in survey.units.order_by("path")]
    band_labels = [_(bands.BANDS[b].label) for b in survey.bands if b in bands.BANDS]
    invited = without_email = sent = 0
    answered_total = 0
    groups: list[GroupCount] = []
    names = dict(OrgUnit.objects.values_list("pk", "name"))
    if survey.status == SurveyStatus.OPEN:
        rows = (
            Invitation.objects.filter(survey=survey)
            .values("unit_id")
            .annotate(
                n=Count("pk"),
                answered_n=Count("pk", filter=Q(answered=True)),
                sent_n=Count("pk", filter=Q(sent_at__isnull=False)),
                no_email=Count("pk", filter=Q(person__email="")),
            )
        )
        extra = dict(
            Response.objects.filter(survey=survey, source="import")
            .values("unit_id")
            .annotate(n=Count("pk"))
            .values_list("unit_id", "n")
        )
        for row in rows:
            invited += row["n"]
            sent += row["sent_n"]
            without_email += row["no_email"]
            count = row["answered_n"] + extra.get(row["unit_id"], 0)
            answered_total += count
            groups.append(
                GroupCount(
                    row["unit_id"],
                    labels.get(row["unit_id"], names.get(row["unit_id"], "")),
                    row["n"],
                    _shown(count, survey.min_group),
                )
            )
    elif survey.status == SurveyStatus.CLOSED:
        for tally in UnitTally.objects.filter(survey=survey):
            invited += tally.invited
            answered_total += tally.answered
            groups.append(
                GroupCount(
                    tally.unit_id,
                    labels.get(tally.unit_id, names.get(tally.unit_id, "")),
                    tally.invited,
                    _shown(tally.answered, survey.min_group),
                )
            )
        sent = Invitation.objects.filter(survey=survey, sent_at__isnull=False).count()
    groups.sort(key=lambda g: g.label)
    return SurveyPage(
        survey,
        units,
        band_labels,
        invited,
        without_email,
        sent,
        _shown(answered_total, survey.min_group) if survey.status != SurveyStatus.DRAFT else None,
        groups,
        about_path(survey.pk),
    )


@dataclass(frozen=True)
class InvitationLine:
    invitation_id: int
    name: str
    employee_number: str
    unit: str
    email: bool
    sent: bool


def invitation_page(
    access: Access, survey_id: int, *, page_number: Any = 1, missing_email: bool = False
) -> tuple[Survey, Page]:
    """The people invited to a survey (name, the unit their answers count in, whether the
    e-mail went), 50 a page, recorded as read. Never whether they have answered."""
    access = _manager(access)
    survey = get_survey(access, survey_id)
    invited = Invitation.objects.filter(survey=survey)
    if missing_email:
        invited = invited.filter(Q(person__email="") | Q(sent_at__isnull=True))
    rows = invited.order_by("person__last_name", "person__first_name", "pk").values_list(
        "pk",
        "person_id",
        "person__first_name",
        "person__last_name",
        "person__employee_number",
        "unit_id",
        "person__email",
        "sent_at",
    )
    page: Page[Any] = Paginator(rows, 50).get_page(page_number)
    shown_rows = list(page.object_list)
    labels = people.unit_labels()
    names = dict(
        OrgUnit.objects.filter(pk__in={r[5] for r in shown_rows}).values_list("pk", "name")
    )
    lines = [
        InvitationLine(
            pk,
            f"{first} {last}",
            number,
            labels.get(unit, names.get(unit, "")),
            bool(email),
            sent is not None,
        )
        for pk, _person, first, last, number, unit, email, sent in shown_rows
    ]
    access.record_read([r[1] for r in shown_rows], category=CATEGORY, detail=DETAIL_INVITATIONS)
    page.object_list = lines
    return survey, page


# --- Close ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Closed:
    survey: Survey
    invited: int
    answered: int


def close(access: Access, survey_id: int) -> Closed:
    """Close an open survey now (HR; the daily job closes it after its last day)."""
    access = _manager(access)
    closed = _close(survey_id)
    access.record([], action=Action.UPDATE, category=CATEGORY, detail=DETAIL_CLOSED)
    return closed


def _close(survey_id: int) -> Closed:
    """Close: keep invited and answered per recorded unit (``UnitTally``), wipe every
    invitation's link, answered flag and reminders, and rewrite the answers and invitations in
    the order of their keys (``rewrite_in_key_order``; docs/wellbeing-anonymity.md). One
    transaction."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().filter(pk=survey_id).first()
        if survey is None:
            raise NotFound
        if survey.status != SurveyStatus.OPEN:
            raise ValidationFailed([_("Målingen er ikke åben.")])
        invited = dict(
            Invitation.objects.filter(survey=survey)
            .values("unit_id")
            .annotate(n=Count("pk"))
            .values_list("unit_id", "n")
        )
        answered = dict(
            Response.objects.filter(survey=survey)
            .values("unit_id")
            .annotate(n=Count("pk"))
            .values_list("unit_id", "n")
        )
        UnitTally.objects.bulk_create(
            [
                UnitTally(
                    survey=survey,
                    unit_id=unit,
                    invited=invited.get(unit, 0),
                    answered=answered.get(unit, 0),
                )
                for unit in sorted(set(invited) | set(answered))
            ]
        )
        Invitation.objects.filter(survey=survey).update(
            answered=None, token_hash=None, link_key=None, reminded_at=None, reminders=0
        )
        rewrite_in_key_order(survey.pk)
        survey.status = SurveyStatus.CLOSED
        survey.closed_at = timezone.now()
        survey.save(update_fields=["status", "closed_at"])
    return Closed(survey, sum(invited.values()), sum(answered.values()))


#: The tables rewritten at the close, children after parents, with what ties a row to the
#: survey: its answers, and its invitations (which nothing references).
_REWRITTEN_TABLES = (
    ("wellbeing_response", "survey_id = %s"),
    ("wellbeing_answer", "response_id IN (SELECT id FROM wellbeing_response WHERE survey_id = %s)"),
    (
        "wellbeing_comment",
        "response_id IN (SELECT id FROM wellbeing_response WHERE survey_id = %s)",
    ),
    ("wellbeing_invitation", "survey_id = %s"),
)


def rewrite_in_key_order(survey_id: int) -> None:
    """Rewrite a survey's responses, answers, comments and (already wiped) invitations in the
    order of their keys.

    A table's physical order (SQLite's hidden ``rowid``, PostgreSQL's ``ctid``) is the order
    the rows were written in: the responses lie in the order people answered, although their
    keys are random, and on PostgreSQL an invitation that was marked answered has moved to
    where it was rewritten, so the invitations' order tells who answered, and when, long after
    the flag is gone. PostgreSQL also stamps each row with the transaction that wrote it
    (``xmin``), the same on an answered invitation and its response. Copied out and written
    back ordered by key — random for the answers, the launch's order for the invitations — in
    the close's transaction, every row holds nothing of that any more. (The old rows' space is
    freed, not overwritten: see docs/wellbeing-anonymity.md on VACUUM, WAL and backups.) Must
    run inside the close's transaction, after the invitations are wiped."""
    with connection.cursor() as cursor:
        for table, where in _REWRITTEN_TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS tmp_{table}")
            cursor.execute(
                f"CREATE TEMP TABLE tmp_{table} AS SELECT * FROM {table} WHERE {where}",  # noqa: S608
                [survey_id],
            )
        for table, _where in reversed(_REWRITTEN_TABLES):
            cursor.execute(
                f"DELETE FROM {table} WHERE id IN (SELECT id FROM tmp_{table})"  # noqa: S608
            )
        for table, _where in _REWRITTEN_TABLES:
            cursor.execute(
                f"INSERT INTO {table} SELECT * FROM tmp_{table} ORDER BY id"  # noqa: S608
            )
            cursor.execute(f"DROP TABLE tmp_{table}")


def close_due(*, on: date | None = None) -> int:
    """Close every open survey whose last day has passed. Returns how many."""
    on = on or today()
    closed = 0
    for survey_id in Survey.objects.filter(status=SurveyStatus.OPEN, closes_on__lt=on).values_list(
        "pk", flat=True
    ):
        try:
            _close(survey_id)
        except ValidationFailed:
            continue  # closed meanwhile by HR
        closed += 1
    return closed


# --- Pulse series ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesData:
    name: str
    version_id: int
    unit_ids: list[int]
    every_months: int
    open_days: int
    next_on: date


def list_series(access: Access) -> list[tuple[PulseSeries, int]]:
    """Every pulse series with the number of surveys it has made."""
    _manager(access)
    rows = PulseSeries.objects.select_related("version__questionnaire").annotate(
        made=Count("surveys")
    )
    return [(s, s.made) for s in rows.order_by("name", "pk")]


def save_series(access: Access, data: SeriesData) -> PulseSeries:
    """Create a pulse series: its first survey is made and sent out on ``next_on`` by the
    daily job, then every ``every_months`` months, open ``open_days`` days."""
    access = _manager(access)
    errors: list[tuple[str, str]] = []
    try:
        name = check_text(data.name, what=_("Navnet"), max_length=200, required=True)
    except ValidationFailed as exc:
        name = ""
        errors.append(("name", " ".join(exc.messages)))
    if not Question.objects.filter(version_id=data.version_id).exists():
        errors.append(("version", _("Vælg et spørgeskema med spørgsmål.")))
    tops = _top_units(data.unit_ids)
    if not tops:
        errors.append(("units", _("Vælg mindst én enhed.")))
    if not 1 <= data.every_months <= 12:
        errors.append(("every_months", _("Skriv et antal måneder fra 1 til 12.")))
    if not 1 <= data.open_days <= 60:
        errors.append(("open_days", _("Skriv et antal dage fra 1 til 60.")))
    if data.next_on < today():
        errors.append(("next_on", _("Den første måling kan tidligst være i dag.")))
    if errors:
        raise SurveyInvalid(errors)
    with transaction.atomic():
        series = PulseSeries.objects.create(
            name=name,
            version_id=data.version_id,
            every_months=data.every_months,
            open_days=data.open_days,
            next_on=data.next_on,
            created_by=access.user,
        )
        series.units.set(tops)
    return series


def set_series_active(access: Access, series_id: int, active: bool) -> PulseSeries:
    """Pause a series (no more surveys) or take it up again (its next survey on the first
    scheduled day from today)."""
    _manager(access)
    series = PulseSeries.objects.filter(pk=series_id).first()
    if series is None:
        raise NotFound
    series.active = active
    if active:
        on = today()
        while series.next_on < on:
            series.next_on = add_months(series.next_on, series.every_months)
    series.save(update_fields=["active", "next_on"])
    return series


def run_pulse_series(*, on: date | None = None) -> int:
    """The daily job: for every active series whose day has come, make its survey (the
    series' questionnaire and units, no bands, the thresholds of the settings, compared with
    the series' previous survey) and send it out, and move the series to its next day.
    Returns how many surveys were launched. A survey that cannot be launched (a unit too
    small) stays a draft for HR to see."""
    on = on or today()
    launched = 0
    task_access = for_wellbeing(people.operator_access(Role.HR, channel="task"))
    for series in PulseSeries.objects.filter(active=True, next_on__lte=on).order_by("pk"):
        min_group, min_sensitive = default_thresholds()
        previous = series.surveys.exclude(status=SurveyStatus.DRAFT).order_by("-opens_on").first()
        with transaction.atomic():
            survey = Survey.objects.create(
                name=f"{series.name} {format_date(on)}",
                kind=QuestionnaireKind.PULSE,
                version=series.version,
                bands=[],
                min_group=min_group,
                min_sensitive=min_sensitive,
                opens_on=on,
                closes_on=on + timedelta(days=series.open_days - 1),
                previous=previous,
                pulse=series,
                max_reminders=1 if series.open_days >= 3 else 0,
                remind_every_days=max(1, series.open_days // 2),
            )
            survey.units.set(series.units.all())
            next_on = series.next_on
            while next_on <= on:
                next_on = add_months(next_on, series.every_months)
            PulseSeries.objects.filter(pk=series.pk).update(next_on=next_on)
        try:
            _launch(task_access, survey.pk, drop_small_bands=True, on=on)
        except ValidationFailed as exc:
            log.warning("pulse survey %s not launched: %s", survey.pk, "; ".join(exc.messages))
            continue
        launched += 1
    return launched


def daily(*, on: date | None = None) -> dict[str, int]:
    """Everything the surveys part does each day, in order: close the surveys whose last day
    has passed, make and launch the pulse surveys due, send the invitations not yet sent, and
    remind those who have not answered."""
    on = on or today()
    return {
        "closed": close_due(on=on),
        "pulse_launched": run_pulse_series(on=on),
        "invitations": send_invitations(on=on),
        "reminders": send_reminders(on=on),
    }
