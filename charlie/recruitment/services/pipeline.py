"""The pipeline (issue 15, point 5): a round is a job ad with its applications. HR
(``RUN_ROUNDS``) sees every round; a member of a round's ansættelsesudvalg (``CommitteeMember``)
sees that round only, whatever their role; anyone else gets 404 for it.

On a round the committee screens the applicants — anonymously while they are in "Modtaget" where
the ad chose it (``rules.visible_fields``) — scores them per criterion, writes notes, and HR or
the committee's chair moves them through the stages (each move a ``StageChange``), books
interviews (with an iCal file each), records an external test's result (only with the
applicant's consent) and sends letters from HR's templates. Every read of applicants' data is
written to the audit log, one entry per application shown (``audit_applicants``), and so is
every change.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.formats import format_date, format_time
from charlie.core.models import User
from charlie.core.text import check_text
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.recruitment import rules
from charlie.recruitment.models import (
    Application,
    ApplicationFile,
    CommitteeMember,
    Criterion,
    Interview,
    JobAd,
    Letter,
    LetterKind,
    LetterTemplate,
    Note,
    Score,
    Stage,
    StageChange,
    TestResult,
)
from charlie.recruitment.permissions import MANAGE_ADS, RUN_ROUNDS
from charlie.recruitment.services import onboarding as onboarding_service
from charlie.recruitment.services.common import audit_applicants, today

log = logging.getLogger(__name__)

#: The audit log's details (registered in apps.py, shown translated to the DPO).
DETAIL_ROUND = gettext_noop("ansættelsesforløb")
DETAIL_APPLICANT = gettext_noop("ansøger")
DETAIL_STAGE = gettext_noop("trin ændret")
DETAIL_SCORE = gettext_noop("point givet")
DETAIL_NOTE = gettext_noop("note skrevet")
DETAIL_INTERVIEW = gettext_noop("samtale booket")
DETAIL_ICAL = gettext_noop("samtale i kalender")
DETAIL_LETTER = gettext_noop("brev sendt")
DETAIL_LETTER_PREVIEW = gettext_noop("brev vist")
DETAIL_TEST = gettext_noop("testresultat")
AUDIT_DETAILS = (
    DETAIL_ROUND,
    DETAIL_APPLICANT,
    DETAIL_STAGE,
    DETAIL_SCORE,
    DETAIL_NOTE,
    DETAIL_INTERVIEW,
    DETAIL_ICAL,
    DETAIL_LETTER,
    DETAIL_LETTER_PREVIEW,
    DETAIL_TEST,
)

#: The onboarding part's page that starts a plan from a hired applicant (``?ansoegning=<id>``).
ONBOARDING_NEW_PATH = "/rekruttering/introduktion/ny/"


# --- Whose round ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Round:
    """A round as the caller may use it."""

    ad: JobAd
    hr: bool
    member: CommitteeMember | None

    @property
    def can_move(self) -> bool:
        """Move applicants, book interviews, send letters, record tests: HR and the chair."""
        return self.hr or (self.member is not None and self.member.chair)

    @property
    def can_score(self) -> bool:
        return self.member is not None

    @property
    def can_manage(self) -> bool:
        """Set the committee and the criteria (on the ad's page): HR."""
        return self.hr


def is_hr(access: Access) -> bool:
    """Whether the caller runs every round (HR)."""
    return access.can(RUN_ROUNDS)


def _membership(access: Access, ad_id: int) -> CommitteeMember | None:
    if access.user is None:
        return None
    return CommitteeMember.objects.filter(ad_id=ad_id, user=access.user).first()


def _round(access: Access, ad: JobAd | None) -> Round:
    if ad is None or not access.is_authenticated:
        raise NotFound
    member = _membership(access, ad.pk)
    hr = is_hr(access)
    if not hr and member is None:
        raise NotFound
    return Round(ad, hr, member)


def round_of(access: Access, slug: str) -> Round:
    """The round of the ad ``slug`` for HR or a member of its committee; 404 for anyone else."""
    return _round(access, JobAd.objects.select_related("unit").filter(slug=slug).first())


def applicant_round(access: Access, application_id: int) -> tuple[Round, Application]:
    """The application and its round, for HR or a member of the round's committee; else 404."""
    return _application(access, application_id)


def _application(access: Access, application_id: int) -> tuple[Round, Application]:
    application = (
        Application.objects.select_related("ad", "ad__unit").filter(pk=application_id).first()
    )
    if application is None:
        raise NotFound
    return _round(access, application.ad), application


def sees_rounds(user: User) -> bool:
    """Whether the menu shows "Ansættelsesforløb" to ``user``: HR, who runs every round, and
    anyone of any role who sits on a committee (an analyst or an administrator may be the
    employees' representative). Everyone else would find an empty list there."""
    return user.role in RUN_ROUNDS.roles or CommitteeMember.objects.filter(user=user).exists()


@dataclass(frozen=True)
class RoundLine:
    ad: JobAd
    applications: int
    chair: bool | None  # None: not a member (HR)


def rounds(access: Access) -> list[RoundLine]:
    """The rounds the caller may open: HR every ad; anyone else the ads whose committee they
    sit on ("Mine ansættelsesudvalg"). Counts only, no applicant's data."""
    if not access.is_authenticated:
        raise NotFound
    mine: dict[int, bool] = {}
    if access.user is not None:
        mine = dict(CommitteeMember.objects.filter(user=access.user).values_list("ad_id", "chair"))
    ads: QuerySet[JobAd] = JobAd.objects.select_related("unit")
    if not is_hr(access):
        ads = ads.filter(pk__in=list(mine))
    ads = ads.annotate(n=Count("applications")).order_by("-deadline", "title", "pk")
    return [RoundLine(ad, ad.n, mine.get(ad.pk)) for ad in ads]  # type: ignore[attr-defined]


# --- What the caller sees of an applicant ---------------------------------------------------------


@dataclass(frozen=True)
class FileLine:
    kind: str
    kind_label: str
    name: str | None  # hidden while anonymous
    size: int
    key: uuid.UUID | None = None  # the download's random key; None while anonymous


@dataclass(frozen=True)
class ApplicantView:
    """An application as the stage lets it be shown: a hidden field is ``None``."""

    id: int
    code: str
    stage: str
    stage_label: str
    anonymous: bool
    submitted_at: datetime
    motivation: str
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    birth_year: int | None = None
    gender: str | None = None
    files: list[FileLine] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The code, and the name once it may be shown."""
        return f"{self.code} {self.name}" if self.name else self.code


def _view(application: Application, files: list[ApplicationFile] | None = None) -> ApplicantView:
    fields = rules.visible_fields(
        application.stage, anonymised_screening=application.ad.anonymised_screening
    )
    anonymous = rules.is_anonymous(
        application.stage, anonymised_screening=application.ad.anonymised_screening
    )
    shown = [
        FileLine(
            f.kind,
            f.get_kind_display(),
            f.name if "file_names" in fields else None,
            f.size,
            f.key if "file_names" in fields else None,
        )
        for f in (files or [])
    ]
    return ApplicantView(
        id=application.pk,
        code=application.code,
        stage=application.stage,
        stage_label=str(Stage(application.stage).label),
        anonymous=anonymous,
        submitted_at=application.submitted_at,
        motivation=application.motivation,
        name=application.name if "name" in fields else None,
        email=application.email if "email" in fields else None,
        phone=(application.phone or "") if "phone" in fields else None,
        address=(application.address or "") if "address" in fields else None,
        birth_year=application.birth_year if "birth_year" in fields else None,
        gender=(application.get_gender_display() if application.gender else "")
        if "gender" in fields
        else None,
        files=shown,
    )


@dataclass(frozen=True)
class StageGroup:
    stage: str
    label: str
    applicants: list[ApplicantView]


@dataclass(frozen=True)
class RoundPage:
    round: Round
    counts: list[tuple[str, str, int]]  # (stage, label, count), every stage in order
    groups: list[StageGroup]  # the stages that have applicants
    criteria: list[Criterion]
    committee: list[tuple[CommitteeMember, str]]  # member, display name
    total: int


def _user_label(user: User) -> str:
    return user.get_full_name() or user.username


def round_page(access: Access, slug: str) -> RoundPage:
    """The round's applicants by stage, the count per stage, criteria and committee. Every
    application listed is audited as read."""
    r = round_of(access, slug)
    applications = list(Application.objects.filter(ad=r.ad).select_related("ad").order_by("number"))
    views = [_view(a) for a in applications]
    by_stage: dict[str, list[ApplicantView]] = {}
    for v in views:
        by_stage.setdefault(v.stage, []).append(v)
    counts = [(s, str(Stage(s).label), len(by_stage.get(s, []))) for s in rules.STAGES]
    groups = [StageGroup(s, label, by_stage[s]) for s, label, n in counts if n]
    committee = [
        (m, _user_label(m.user))
        for m in CommitteeMember.objects.filter(ad=r.ad).select_related("user").order_by("pk")
    ]
    audit_applicants(access, [a.pk for a in applications], detail=DETAIL_ROUND)
    return RoundPage(
        round=r,
        counts=counts,
        groups=groups,
        criteria=list(Criterion.objects.filter(ad=r.ad)),
        committee=committee,
        total=len(applications),
    )


def stage_counts(access: Access, slug: str) -> tuple[JobAd, dict[str, int]]:
    """The number of applicants in each stage of the round (HR and its committee; the API).
    Counts only, so nothing is audited."""
    r = round_of(access, slug)
    found = dict(
        Application.objects.filter(ad=r.ad)
        .values("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    return r.ad, {s: int(found.get(s, 0)) for s in rules.STAGES}


@dataclass(frozen=True)
class CriterionScores:
    criterion: Criterion
    mine: int | None
    mean: float | None  # None: not shown yet (or nobody scored)
    count: int  # how many members have scored it
    mean_shown: bool


@dataclass(frozen=True)
class ApplicantPage:
    round: Round
    applicant: ApplicantView
    scores: list[CriterionScores]
    notes: list[tuple[Note, str]]
    interviews: list[Interview]
    letters: list[Letter]
    tests: list[TestResult]
    moves: list[tuple[StageChange, str]]
    stages: list[tuple[str, str]]  # where the applicant may be moved
    onboarding_url: str | None


def _scores(r: Round, application: Application, user: User | None) -> list[CriterionScores]:
    criteria = list(Criterion.objects.filter(ad=r.ad))
    rows = list(Score.objects.filter(application=application).values_list(
        "criterion_id", "member_id", "score"
    ))  # fmt: skip
    out = []
    for c in criteria:
        given = [(member, s) for crit, member, s in rows if crit == c.pk]
        mine = next((s for member, s in given if user is not None and member == user.pk), None)
        visible = rules.committee_mean_visible(scorer=r.can_score, has_scored=mine is not None)
        out.append(
            CriterionScores(
                criterion=c,
                mine=mine,
                mean=rules.mean(s for _m, s in given) if visible else None,
                count=len(given),
                mean_shown=visible,
            )
        )
    return out


def applicant_page(access: Access, application_id: int) -> ApplicantPage:
    """One applicant as the stage lets the caller see them, with the committee's scores (the
    mean only once the caller has scored), notes, interviews, letters, tests and moves.
    Audited as a read."""
    r, application = _application(access, application_id)
    files = list(application.files.only("kind", "name", "size", "application_id", "key"))
    view = _view(application, files)
    notes = [
        (n, _user_label(n.author) if n.author else _("Slettet bruger"))
        for n in Note.objects.filter(application=application).select_related("author")
    ]
    moves = [
        (m, _user_label(m.by) if m.by else "")
        for m in StageChange.objects.filter(application=application).select_related("by")
    ]
    stages = [
        (s, str(Stage(s).label))
        for s in rules.STAGES
        if rules.move_problem(application.stage, s) is None
    ]
    onboarding = (
        f"{ONBOARDING_NEW_PATH}?ansoegning={application.pk}"
        if application.stage == Stage.HIRED
        and onboarding_service.can_start_plan_from(access, application.pk)
        else None
    )
    audit_applicants(access, [application.pk], detail=DETAIL_APPLICANT)
    return ApplicantPage(
        round=r,
        applicant=view,
        scores=_scores(r, application, access.user),
        notes=notes,
        interviews=list(Interview.objects.filter(application=application)),
        letters=list(Letter.objects.filter(application=application)),
        tests=list(TestResult.objects.filter(application=application)),
        moves=moves,
        stages=stages,
        onboarding_url=onboarding,
    )


# --- Changes ------------------------------------------------------------------------------------


def _require_mover(r: Round) -> None:
    if not r.can_move:
        raise PermissionDenied


def move(access: Access, application_id: int, stage: str) -> Application:
    """Move an applicant to ``stage`` (HR or the committee's chair): a ``StageChange`` is kept;
    "Ansat" and "Afslag" set the decision's time, a move back clears it."""
    r, application = _application(access, application_id)
    _require_mover(r)
    problem = rules.move_problem(application.stage, stage)
    if problem == "same":
        raise ValidationFailed([_("Ansøgeren er allerede på det trin.")], field="stage")
    if problem == "withdrawn":
        raise ValidationFailed(
            [
                _(
                    "Kun ansøgeren selv kan trække sin ansøgning tilbage, og en tilbagetrukket "
                    "ansøgning kan ikke flyttes."
                )
            ],
            field="stage",
        )
    if problem is not None:
        raise ValidationFailed([_("Vælg et af trinnene på listen.")], field="stage")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.stage != application.stage:  # someone else moved them meanwhile
            raise ValidationFailed(
                [_("Ansøgeren er lige blevet flyttet af en anden. Se siden igen.")]
            )
        locked.stage = stage
        locked.decided_at = timezone.now() if stage in (Stage.HIRED, Stage.REJECTED) else None
        locked.save(update_fields=["stage", "decided_at"])
        StageChange.objects.create(application=locked, stage=stage, by=access.user)
        audit_applicants(access, [locked.pk], action=Action.UPDATE, detail=DETAIL_STAGE)
    locked.ad = application.ad
    return locked


def score(access: Access, application_id: int, criterion_id: int, value: int) -> Score:
    """The caller's score (1–5) of the applicant on one criterion; a new score replaces the
    caller's earlier one. Only committee members score."""
    r, application = _application(access, application_id)
    if not r.can_score:
        raise PermissionDenied
    criterion = Criterion.objects.filter(pk=criterion_id, ad=r.ad).first()
    if criterion is None:
        raise NotFound
    if not rules.valid_score(value):
        raise ValidationFailed([_("Giv mellem 1 og 5 point.")], field="score")
    if application.stage == Stage.WITHDRAWN:
        raise ValidationFailed([_("Ansøgningen er trukket tilbage.")])
    row, created = Score.objects.update_or_create(
        application=application,
        criterion=criterion,
        member=access.user,
        defaults={"score": value},
    )
    audit_applicants(
        access,
        [application.pk],
        action=Action.CREATE if created else Action.UPDATE,
        detail=DETAIL_SCORE,
    )
    return row


def add_note(access: Access, application_id: int, text: str) -> Note:
    """A note on the applicant (HR and the committee; seen by both)."""
    _r, application = _application(access, application_id)
    text = text.strip()
    if not text:
        raise ValidationFailed([_("Skriv noten.")], field="text")
    check_text(text, what=_("Noten"), max_length=4000, multiline=True)
    note = Note.objects.create(application=application, author=access.user, text=text)
    audit_applicants(access, [application.pk], action=Action.CREATE, detail=DETAIL_NOTE)
    return note


def book_interview(
    access: Access,
    application_id: int,
    *,
    starts_at: datetime,
    ends_at: datetime,
    location: str,
    round_number: int = 1,
) -> Interview:
    """Book an interview (HR or the chair). The interview keeps its iCal UID when moved."""
    r, application = _application(access, application_id)
    _require_mover(r)
    errors = []
    if ends_at <= starts_at:
        errors.append(_("Samtalen skal slutte efter, den begynder."))
    if round_number not in (1, 2):
        errors.append(_("Vælg samtalerunde 1 eller 2."))
    if application.stage in rules.DECIDED:
        errors.append(_("Ansøgeren er ikke længere i forløbet."))
    location = location.strip()
    if not location:
        errors.append(_("Skriv, hvor samtalen holdes."))
    if errors:
        raise ValidationFailed(errors)
    check_text(location, what=_("Stedet"), max_length=200)
    interview = Interview.objects.create(
        application=application,
        round=round_number,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
    )
    audit_applicants(access, [application.pk], action=Action.CREATE, detail=DETAIL_INTERVIEW)
    return interview


def interview_ical(access: Access, interview_id: int, *, url: str = "") -> bytes:
    """The interview as an iCal file (RFC 5545) with its stable UID, times in UTC, the place,
    and the applicant as the stage lets them be shown. Audited as a read."""
    import icalendar

    interview = (
        Interview.objects.select_related("application", "application__ad")
        .filter(pk=interview_id)
        .first()
    )
    if interview is None:
        raise NotFound
    _round(access, interview.application.ad)
    view = _view(interview.application)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Charlie//Rekruttering//DA")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"{interview.uid}@charlie")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", interview.starts_at.astimezone(UTC))
    event.add("dtend", interview.ends_at.astimezone(UTC))
    event.add(
        "summary",
        _("Samtale %(round)s: %(who)s, %(title)s")
        % {"round": interview.round, "who": view.label, "title": interview.application.ad.title},
    )
    event.add("location", interview.location)
    if url:
        event.add("url", url)
    event.add("status", "CONFIRMED")
    event.add("sequence", 0)
    cal.add_component(event)
    audit_applicants(access, [interview.application_id], detail=DETAIL_ICAL)
    return bytes(cal.to_ical())


def record_test(
    access: Access,
    application_id: int,
    *,
    tool: str,
    summary: str,
    link: str,
    consent_on: date | None,
) -> TestResult:
    """The result of an external test tool (HR or the chair): a summary and/or a link, kept
    only with the date the applicant consented (no vendor integration)."""
    r, application = _application(access, application_id)
    _require_mover(r)
    tool, summary, link = tool.strip(), summary.strip(), link.strip()
    errors = []
    if not tool:
        errors.append(_("Skriv testværktøjets navn."))
    if not summary and not link:
        errors.append(_("Skriv et resumé af resultatet, et link til det, eller begge."))
    if consent_on is None:
        errors.append(
            _("Skriv datoen for ansøgerens samtykke. Uden samtykke må resultatet ikke gemmes.")
        )
    elif consent_on > today():
        errors.append(_("Samtykket kan ikke være givet i fremtiden."))
    if link and not link.startswith(("https://", "http://")):
        errors.append(_("Linket skal begynde med https://."))
    if errors or consent_on is None:
        raise ValidationFailed(errors)
    check_text(tool, what=_("Testværktøjet"), max_length=120)
    check_text(summary, what=_("Resuméet"), max_length=4000, multiline=True)
    check_text(link, what=_("Linket"), max_length=200)
    result = TestResult.objects.create(
        application=application,
        tool=tool,
        summary=summary,
        link=link,
        consent_on=consent_on,
        recorded_by=access.user,
    )
    audit_applicants(access, [application.pk], action=Action.CREATE, detail=DETAIL_TEST)
    return result


# --- Letters ------------------------------------------------------------------------------------


def letter_templates(access: Access, kind: str | None = None) -> list[LetterTemplate]:
    """The letter templates (no personal data): HR keeps them; HR and chairs use them."""
    if not (access.can(MANAGE_ADS) or is_hr(access) or _chairs_any(access)):
        raise PermissionDenied
    found = LetterTemplate.objects.all()
    if kind:
        found = found.filter(kind=kind)
    return list(found)


def _chairs_any(access: Access) -> bool:
    return access.user is not None and (
        CommitteeMember.objects.filter(user=access.user, chair=True).exists()
    )


def letter_template(access: Access, template_id: int) -> LetterTemplate:
    access.require(MANAGE_ADS)
    template = LetterTemplate.objects.filter(pk=template_id).first()
    if template is None:
        raise NotFound
    return template


def save_letter_template(
    access: Access,
    *,
    kind: str,
    name: str,
    subject: str,
    body: str,
    template_id: int | None = None,
) -> LetterTemplate:
    """Create or change a letter template (``MANAGE_ADS``). Every ``{…}`` must be one of the
    placeholders Charlie fills (``rules.PLACEHOLDERS``)."""
    access.require(MANAGE_ADS)
    name, subject, body = name.strip(), subject.strip(), body.strip()
    errors = []
    if kind not in LetterKind.values:
        errors.append(_("Vælg brevets type."))
    for what, value in ((_("Navnet"), name), (_("Emnet"), subject), (_("Teksten"), body)):
        if not value:
            errors.append(_("%(what)s mangler.") % {"what": what})
    unknown = rules.unknown_placeholders(subject + "\n" + body)
    if unknown:
        errors.append(
            _("Ukendte felter: %(unknown)s. Brug kun %(known)s.")
            % {
                "unknown": ", ".join("{" + u + "}" for u in unknown),
                "known": ", ".join("{" + p + "}" for p in rules.PLACEHOLDERS),
            }
        )
    if errors:
        raise ValidationFailed(errors)
    check_text(name, what=_("Navnet"), max_length=120)
    check_text(subject, what=_("Emnet"), max_length=200)
    check_text(body, what=_("Teksten"), max_length=10000, multiline=True)
    if template_id is None:
        return LetterTemplate.objects.create(kind=kind, name=name, subject=subject, body=body)
    template = letter_template(access, template_id)
    template.kind, template.name, template.subject, template.body = kind, name, subject, body
    template.save()
    return template


@dataclass(frozen=True)
class LetterDraft:
    application: ApplicantView
    template: LetterTemplate
    subject: str
    body: str
    missing: tuple[str, ...]
    interviews: list[Interview]
    interview_id: int | None


def letter_values(
    application: Application, interview: Interview | None, reply_by: date | None
) -> Mapping[str, str]:
    """What the placeholders are filled with."""
    values = {
        "navn": application.name,
        "stilling": application.ad.title,
        "kommune": str(getattr(settings, "CHARLIE_MUNICIPALITY_NAME", "")),
        "frist": format_date(reply_by) if reply_by else "",
    }
    if interview is not None:
        start = timezone.localtime(interview.starts_at)
        values.update(
            dato=format_date(start.date()), tid=format_time(start), sted=interview.location
        )
    return values


def letter_application(access: Access, application_id: int) -> tuple[Round, Application]:
    r, application = _application(access, application_id)
    _require_mover(r)
    if rules.is_anonymous(application.stage, anonymised_screening=r.ad.anonymised_screening):
        raise ValidationFailed(
            [
                _(
                    "Ansøgeren screenes anonymt. Flyt ansøgeren videre (til samtale eller afslag), "
                    "før der sendes et brev."
                )
            ]
        )
    if application.stage == Stage.WITHDRAWN:
        raise ValidationFailed([_("Ansøgningen er trukket tilbage.")])
    return r, application


def letter_draft(
    access: Access,
    application_id: int,
    template_id: int,
    *,
    interview_id: int | None = None,
    reply_by: date | None = None,
) -> LetterDraft:
    """A template filled for one applicant, to read (and edit) before sending: the interview
    chosen (default: the next, else the latest) gives ``{dato}``, ``{tid}`` and ``{sted}``.
    Audited as a read (the letter shows the name)."""
    _r, application = letter_application(access, application_id)
    template = LetterTemplate.objects.filter(pk=template_id).first()
    if template is None:
        raise NotFound
    interviews = list(Interview.objects.filter(application=application))
    interview = None
    if interview_id is not None:
        interview = next((i for i in interviews if i.pk == interview_id), None)
        if interview is None:
            raise NotFound
    elif interviews:
        now = timezone.now()
        interview = next((i for i in interviews if i.starts_at >= now), interviews[-1])
    filled = rules.fill_letter(
        template.subject, template.body, letter_values(application, interview, reply_by)
    )
    audit_applicants(access, [application.pk], detail=DETAIL_LETTER_PREVIEW)
    return LetterDraft(
        application=_view(application),
        template=template,
        subject=filled.subject,
        body=filled.body,
        missing=filled.missing,
        interviews=interviews,
        interview_id=interview.pk if interview else None,
    )


def send_letter(
    access: Access, application_id: int, *, kind: str, subject: str, body: str
) -> Letter:
    """Send the letter (as read and edited) to the applicant by e-mail and keep it as sent.
    Nothing is kept if the mail could not be sent."""
    _r, application = letter_application(access, application_id)
    subject, body = subject.strip(), body.strip()
    errors = []
    if kind not in LetterKind.values:
        errors.append(_("Vælg brevets type."))
    if not subject:
        errors.append(_("Emnet mangler."))
    if not body:
        errors.append(_("Teksten mangler."))
    left = [p for p in rules.placeholders_in(subject + "\n" + body) if p in rules.PLACEHOLDERS]
    if left:
        errors.append(
            _("Udfyld %(fields)s, før brevet sendes.")
            % {"fields": ", ".join("{" + p + "}" for p in left)}
        )
    if errors:
        raise ValidationFailed(errors)
    check_text(subject, what=_("Emnet"), max_length=200)
    check_text(body, what=_("Teksten"), max_length=10000, multiline=True)
    try:
        send_mail(subject, body, None, [application.email])
    except Exception as exc:
        log.error("recruitment letter to application %s failed (%s)", application.pk, exc)
        raise ValidationFailed([_("Brevet kunne ikke sendes lige nu. Prøv igen om lidt.")]) from exc
    letter = Letter.objects.create(
        application=application, kind=kind, subject=subject, body=body, sent_by=access.user
    )
    audit_applicants(access, [application.pk], action=Action.CREATE, detail=DETAIL_LETTER)
    return letter
