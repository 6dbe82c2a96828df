"""Applying for a job, the applicant's own page by private link, and HR's and the committee's
download of an applicant's files (issue 15, point 4; docs/recruitment-applying.md).

The public side acts for nobody: an application is reached only by its private link, whose
token is known to the applicant alone (only its SHA-256 is stored, ``core.tokens``). A wrong
token is looked up by its hash like a right one and answers 404, so a guess learns nothing.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from charlie.core import tokens
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.text import check_text
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.recruitment import files
from charlie.recruitment.models import (
    AdStatus,
    Application,
    ApplicationFile,
    CommitteeMember,
    ConsentAction,
    ConsentEvent,
    FileKind,
    Gender,
    JobAd,
    Stage,
    StageChange,
)
from charlie.recruitment.permissions import RUN_ROUNDS
from charlie.recruitment.services import talent
from charlie.recruitment.services.common import audit_applicants, today
from charlie.recruitment.services.talent import FieldErrors, ad_path, consent_subject

log = logging.getLogger(__name__)

__all__ = [
    "APPLICATION_CONSENT_VERSION",
    "AUDIT_DETAILS",
    "CONSENT_SCOPE_APPLICATION",
    "CheckedFile",
    "FieldErrors",
    "OwnApplication",
    "Submission",
    "Submitted",
    "ad_path",
    "apply_url",
    "check_upload",
    "consent_subject",
    "delete_own",
    "file_for_download",
    "is_open",
    "max_file_bytes",
    "open_ad",
    "own_application",
    "private_url",
    "submit_application",
    "withdraw_own",
]

#: The version of the text on how an application is handled (shown on the form, kept with each
#: application and in the consent log). A new text gets a new version.
APPLICATION_CONSENT_VERSION = "2026-12"
#: ``ConsentEvent.scope`` of an application's acknowledgement.
CONSENT_SCOPE_APPLICATION = "ansoegning"

DETAIL_RECEIVED = gettext_noop("ansøgning modtaget")
DETAIL_WITHDRAWN = gettext_noop("ansøgning trukket tilbage af ansøgeren")
DETAIL_DELETED = gettext_noop("ansøgning slettet af ansøgeren")
DETAIL_FILE = gettext_noop("ansøgers fil hentet")
AUDIT_DETAILS = (DETAIL_RECEIVED, DETAIL_WITHDRAWN, DETAIL_DELETED, DETAIL_FILE)

#: The longest motivation (characters).
MOTIVATION_MAX = 3000
#: Stages at which the applicant may still withdraw.
OPEN_STAGES = frozenset(
    {
        Stage.RECEIVED,
        Stage.SHORTLISTED,
        Stage.INTERVIEW_1,
        Stage.INTERVIEW_2,
        Stage.TEST,
        Stage.REFERENCE,
        Stage.OFFER,
    }
)
#: Stages that mean the applicant was shortlisted (or got further).
_SHORTLISTED_OR_LATER = OPEN_STAGES - {Stage.RECEIVED} | {Stage.HIRED}

#: A system's access: the public pages act for nobody (the audit log names no actor).
_NOBODY = Access(user=None, role=None, channel="ui")


def max_file_bytes() -> int:
    return int(settings.CHARLIE_RECRUITMENT_MAX_FILE_BYTES)


def _base_url() -> str:
    return str(getattr(settings, "CHARLIE_BASE_URL", "")).rstrip("/")


# --- The ad ---------------------------------------------------------------------------------------


def is_open(ad: JobAd, on: date) -> bool:
    """An ad takes applications while published and until the end of its deadline, Copenhagen
    time (``on`` is the local date)."""
    return ad.status == AdStatus.PUBLISHED and ad.deadline >= on


def open_ad(slug: str) -> JobAd:
    """The published ad that still takes applications, or 404 (a draft, a closed ad and one
    past its deadline alike)."""
    ad = JobAd.objects.filter(slug=slug).select_related("unit", "job_family").first()
    if ad is None or not is_open(ad, today()):
        raise NotFound
    return ad


def apply_url(ad: JobAd) -> str:
    return reverse("careers:apply", kwargs={"slug": ad.slug})


def private_url(token: str) -> str:
    return reverse("careers:my_application", kwargs={"token": token})


# --- Files ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    data: bytes


def _file_problem(problem: files.Problem, label: str) -> str:
    limit_mb = max_file_bytes() / (1024 * 1024)
    messages = {
        files.Problem.EMPTY: _("%(file)s er tom. Vælg filen igen."),
        files.Problem.TOO_LARGE: _(
            "%(file)s er for stor. Den må højst fylde %(mb)s MB. Gem den fx som PDF med mindre "
            "billeder, og prøv igen."
        ),
        files.Problem.UNKNOWN_TYPE: _(
            "%(file)s er ikke en PDF-, Word- (DOCX) eller OpenDocument-fil (ODT). Gem den i et "
            "af de formater, og prøv igen."
        ),
        files.Problem.BROKEN: _("%(file)s kan ikke læses; den ser ud til at være ødelagt."),
        files.Problem.ENCRYPTED: _(
            "%(file)s er beskyttet med adgangskode. Send den uden adgangskode."
        ),
        files.Problem.MACROS: _(
            "%(file)s indeholder makroer. Gem den som almindelig DOCX eller som PDF."
        ),
        files.Problem.ZIP_BOMB: _(
            "%(file)s pakker ud til langt mere, end et dokument gør, og kan ikke modtages."
        ),
    }
    mb = f"{limit_mb:.0f}" if limit_mb >= 1 else f"{limit_mb:.1f}"
    return messages[problem] % {"file": label, "mb": mb}


def check_upload(name: str, data: bytes, *, label: str, field: str = "") -> CheckedFile:
    """The file if its content is a PDF, DOCX or ODT within the size limit, with a clean name;
    otherwise ``ValidationFailed`` saying what was wrong and how to fix it."""
    try:
        file_type = files.sniff(data, max_bytes=max_file_bytes())
    except files.Rejected as exc:
        raise ValidationFailed([_file_problem(exc.problem, label)], field=field or None) from exc
    return CheckedFile(
        name=files.safe_filename(name, file_type),
        content_type=file_type.content_type,
        data=data,
    )


# --- Applying -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    name: str
    email: str
    phone: str
    address: str
    birth_year: int | None
    gender: str
    motivation: str
    submission_key: uuid.UUID
    accepted_terms: bool
    join_pool: bool = False


@dataclass(frozen=True)
class Submitted:
    application: Application
    #: The private link's token, to show once; None when the form had been sent before.
    token: str | None
    #: What ticking "talentbank" did (None: not ticked): a sign-up to confirm from the receipt,
    #: or a new link to the profile of an address already in the pool.
    pool: talent.PoolJoin | None = None

    @property
    def duplicate(self) -> bool:
        return self.token is None


def _clean(submission: Submission) -> dict[str, Any]:
    errors: list[tuple[str, str]] = []

    def text(field: str, value: str, what: str, max_length: int, **kw: Any) -> str:
        try:
            return check_text(value, what=what, max_length=max_length, **kw)
        except ValidationFailed as exc:
            errors.extend((field, message) for message in exc.messages)
            return ""

    data: dict[str, Any] = {
        "name": text("name", submission.name, _("Navnet"), 200, required=True),
        "email": text("email", submission.email, _("E-mailadressen"), 254, required=True),
        "phone": text("phone", submission.phone, _("Telefonnummeret"), 30, required=True),
        "address": text("address", submission.address, _("Adressen"), 300),
        "motivation": text(
            "motivation",
            submission.motivation,
            _("Motivationen"),
            MOTIVATION_MAX,
            multiline=True,
        ),
    }
    if data["email"]:
        try:
            validate_email(data["email"])
        except ValidationError:
            errors.append(("email", _("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.")))
    year = submission.birth_year
    this_year = today().year
    if year is not None and not this_year - 100 <= year <= this_year - 13:
        errors.append(
            (
                "birth_year",
                _("Skriv fødselsåret med fire cifre, fx 1985, eller lad feltet stå tomt."),
            )
        )
    if submission.gender not in Gender.values:
        errors.append(("gender", _("Vælg en af mulighederne.")))
    if not submission.accepted_terms:
        errors.append(("accepted_terms", _("Sæt kryds for at bekræfte, at du har læst teksten.")))
    if errors:
        raise FieldErrors(errors)
    return {**data, "birth_year": year, "gender": submission.gender}


def submit_application(
    ad: JobAd,
    submission: Submission,
    *,
    cv: tuple[str, bytes],
    letter: tuple[str, bytes] | None = None,
) -> Submitted:
    """Make the application: the next number of the ad (safe when two arrive at once: the ad's
    row is locked, and a clash on the number is tried again), its files, the stage change
    "received", the consent log entry and, if asked, a talent-pool profile; then the receipt by
    e-mail with the private link. The same form sent twice (``submission_key``) makes one
    application: the second answer says so and sends nothing."""
    existing = _by_key(submission.submission_key)
    if existing is not None:
        return Submitted(existing, None)
    if not is_open(ad, today()):
        raise ValidationFailed([_("Ansøgningsfristen er overskredet, eller stillingen er lukket.")])
    data = _clean(submission)
    checked: list[tuple[str, CheckedFile]] = [
        (FileKind.CV, check_upload(*cv, label=_("CV'et"), field="cv"))
    ]
    if letter is not None:
        checked.append(
            (FileKind.APPLICATION, check_upload(*letter, label=_("Ansøgningen"), field="letter"))
        )
    elif not data["motivation"]:
        raise ValidationFailed(
            [_("Vedlæg en ansøgning som fil, eller skriv din motivation i feltet.")],
            field="letter",
        )
    token = tokens.generate_token()
    for attempt in range(5):
        try:
            with transaction.atomic():
                application = _create(ad, data, submission, token.key_hash, checked)
            break
        except IntegrityError:
            existing = _by_key(submission.submission_key)
            if existing is not None:
                return Submitted(existing, None)
            if attempt == 4:
                raise
    pool = talent.join_from_application(application) if submission.join_pool else None
    audit_applicants(_NOBODY, [application.pk], action=Action.CREATE, detail=DETAIL_RECEIVED)
    transaction.on_commit(lambda: _send_receipt(application, token.plain, pool))
    return Submitted(application, token.plain, pool)


def _by_key(key: uuid.UUID) -> Application | None:
    return Application.objects.filter(submission_key=key).select_related("ad").first()


def _create(
    ad: JobAd,
    data: dict[str, Any],
    submission: Submission,
    token_hash: str,
    checked: list[tuple[str, CheckedFile]],
) -> Application:
    JobAd.objects.select_for_update().filter(pk=ad.pk).values_list("pk", flat=True).first()
    last = Application.objects.filter(ad=ad).aggregate(last=Max("number"))["last"] or 0
    application = Application.objects.create(
        ad=ad,
        number=last + 1,
        token_hash=token_hash,
        consent_version=APPLICATION_CONSENT_VERSION,
        submission_key=submission.submission_key,
        **data,
    )
    ApplicationFile.objects.bulk_create(
        ApplicationFile(
            application=application,
            kind=kind,
            name=item.name,
            content_type=item.content_type,
            size=len(item.data),
            data=item.data,
        )
        for kind, item in checked
    )
    StageChange.objects.create(application=application, stage=Stage.RECEIVED, by=None)
    ConsentEvent.objects.create(
        subject=consent_subject(application.email),
        scope=CONSENT_SCOPE_APPLICATION,
        action=ConsentAction.GIVEN,
        text_version=APPLICATION_CONSENT_VERSION,
    )
    return application


def _send_receipt(application: Application, token: str, pool: talent.PoolJoin | None) -> bool:
    base = _base_url()
    lines = [
        _("Kære %(name)s") % {"name": application.name},
        "",
        _(
            "Tak for din ansøgning til stillingen »%(title)s«. Vi har modtaget den som "
            "nummer %(code)s."
        )
        % {"title": application.ad.title, "code": application.code},
        "",
        _(
            "På dit personlige link kan du se, hvor din ansøgning er i forløbet, trække den "
            "tilbage eller slette den:"
        ),
        f"{base}{private_url(token)}",
        "",
        _("Del ikke linket med andre: alle med linket kan se og slette din ansøgning."),
    ]
    if pool is not None and pool.already:
        lines += [
            "",
            _(
                "Du er allerede i talentbanken. Her er et nyt link til din profil, hvor du kan "
                "tilføje stillingens kategori og område (det gamle link virker ikke mere):"
            ),
            f"{base}{talent.profile_url(pool.token)}",
        ]
    elif pool is not None:
        lines += [
            "",
            _(
                "Du har bedt om at komme i talentbanken. Bekræft det på dette link inden for "
                "%(days)d dage; først da kommer du med, og ellers sletter vi tilmeldingen:"
            )
            % {"days": talent.CONFIRM_DAYS},
            f"{base}{talent.confirm_url(pool.token)}",
        ]
    try:
        send_mail(
            _("Kvittering: din ansøgning til %(title)s") % {"title": application.ad.title},
            "\n".join(lines),
            None,
            [application.email],
        )
    except Exception as exc:
        log.error("receipt for application %s failed (%s)", application.pk, type(exc).__name__)
        return False
    return True


# --- The applicant's own page --------------------------------------------------------------------


@dataclass(frozen=True)
class OwnApplication:
    application: Application
    status: str
    explanation: str
    files: list[ApplicationFile]
    can_withdraw: bool


def _status(application: Application, on: date) -> tuple[str, str]:
    """The stage as the applicant sees it: in plain Danish, never a score or a note."""
    stage = application.stage
    if stage == Stage.RECEIVED and application.ad.deadline >= on:
        return _("Modtaget"), _(
            "Vi har modtaget din ansøgning. Vi går i gang med at vurdere ansøgningerne efter "
            "ansøgningsfristen."
        )
    if stage in OPEN_STAGES - {Stage.OFFER}:
        return _("Under vurdering"), _(
            "Ansøgningerne bliver vurderet. Du hører fra os, når der er nyt."
        )
    if stage == Stage.OFFER:
        return _("Tilbud om ansættelse"), _("Vi har sendt dig et tilbud om ansættelse.")
    if stage == Stage.HIRED:
        return _("Ansat"), _("Velkommen! Du er ansat i stillingen.")
    if stage == Stage.WITHDRAWN:
        return _("Trukket tilbage"), _(
            "Du har trukket din ansøgning tilbage. Den indgår ikke længere i forløbet."
        )
    return _("Afsluttet"), _(
        "Forløbet er afsluttet for din ansøgning. Du har fået eller får besked fra os."
    )


def _by_token(token: str, *, lock: bool = False) -> Application:
    """The application of a private link, or 404. The lookup is by the token's hash, so a wrong
    token costs the same as a right one."""
    if not tokens.looks_like_token(token):
        raise NotFound
    rows = Application.objects.filter(token_hash=tokens.hash_token(token)).select_related("ad")
    application = (rows.select_for_update() if lock else rows).first()
    if application is None:
        raise NotFound
    return application


def own_application(token: str) -> OwnApplication:
    application = _by_token(token)
    status, explanation = _status(application, today())
    rows = list(
        ApplicationFile.objects.filter(application=application).defer("data").order_by("kind", "pk")
    )
    return OwnApplication(
        application=application,
        status=status,
        explanation=explanation,
        files=rows,
        can_withdraw=application.stage in OPEN_STAGES,
    )


def withdraw_own(token: str) -> Application:
    """The applicant withdraws: the stage becomes "withdrawn" (with the time); the data stay
    until the retention rule or the applicant deletes them. Withdrawn or decided: refused."""
    with transaction.atomic():
        application = _by_token(token, lock=True)
        if application.stage not in OPEN_STAGES:
            raise ValidationFailed([_("Ansøgningen kan ikke længere trækkes tilbage.")])
        application.stage = Stage.WITHDRAWN
        application.withdrawn_at = timezone.now()
        application.save(update_fields=["stage", "withdrawn_at"])
        StageChange.objects.create(application=application, stage=Stage.WITHDRAWN, by=None)
        audit_applicants(_NOBODY, [application.pk], action=Action.UPDATE, detail=DETAIL_WITHDRAWN)
    return application


def delete_own(token: str) -> str:
    """The applicant deletes the application now: it and everything about it (files, stage
    changes, scores, notes, interviews, letters, test results) go; nothing personal is kept, so
    it no longer counts in the round's fairness figures either. A hired applicant's application
    belongs to the employment and is refused (HR deletes by the HR rules). The consent log
    notes the withdrawal under the hash of the e-mail. Returns the ad's title."""
    with transaction.atomic():
        application = _by_token(token, lock=True)
        if application.stage == Stage.HIRED:
            raise ValidationFailed(
                [
                    _(
                        "Du er ansat i stillingen, så ansøgningen er en del af din "
                        "personalesag. Kontakt HR, hvis du vil have den slettet."
                    )
                ]
            )
        title = application.ad.title
        audit_applicants(_NOBODY, [application.pk], action=Action.DELETE, detail=DETAIL_DELETED)
        ConsentEvent.objects.create(
            subject=consent_subject(application.email),
            scope=CONSENT_SCOPE_APPLICATION,
            action=ConsentAction.WITHDRAWN,
            text_version=application.consent_version,
        )
        application.delete()
    return title


# --- HR and the committee: an applicant's files -------------------------------------------------


def _committee_may_see(application: Application) -> bool:
    """A committee member gets an applicant's files when screening is not anonymous, or once
    the applicant has been shortlisted (their files name them: DOMAIN.md 6.7)."""
    if not application.ad.anonymised_screening:
        return True
    if application.stage in _SHORTLISTED_OR_LATER:
        return True
    return StageChange.objects.filter(
        application=application, stage__in=_SHORTLISTED_OR_LATER
    ).exists()


def file_for_download(access: Access, key: uuid.UUID) -> ApplicationFile:
    """One applicant's file, for HR (``RUN_ROUNDS``) always and for a member of the round's
    committee once anonymity allows (``_committee_may_see``); audited per application. Anyone
    else: 404, whether the file exists or not; a member too early: 403."""
    row = ApplicationFile.objects.filter(key=key).select_related("application__ad").first()
    if row is None or access.user is None:
        raise NotFound
    application = row.application
    if not access.can(RUN_ROUNDS):
        member = CommitteeMember.objects.filter(ad=application.ad, user=access.user).exists()
        if not member:
            raise NotFound
        if not _committee_may_see(application):
            raise PermissionDenied(
                _(
                    "Screeningen er anonym: udvalget ser ansøgerens filer, når ansøgeren er "
                    "udvalgt til samtale."
                )
            )
    audit_applicants(access, [application.pk], detail=DETAIL_FILE)
    return row
