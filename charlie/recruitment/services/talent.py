"""The talent pool (issue 15, point 6; docs/recruitment-applying.md): people who want job alerts
and/or to be contacted about future jobs in chosen job families and areas, by a consent that
expires (``CHARLIE_RECRUITMENT_CONSENT_MONTHS``, default 6) unless renewed. Every consent
confirmed, renewed, withdrawn or expired is logged in ``ConsentEvent`` under the SHA-256 of the
e-mail.

**Double opt-in.** A sign-up — on the sign-up page, by an invitation, or by the tick on the
application form — is stored unconfirmed and e-mailed a link to confirm it; anyone can type
anyone's address, and only the owner of the address can follow the link. Until it is confirmed
the profile gets no job alerts, is not in HR's pool, cannot be changed or renewed, and its
consent has not started (``consent_until`` is empty); the confirmation starts it and is logged.
A sign-up nobody confirms within ``CONFIRM_DAYS`` is deleted by the daily consent job, with
nothing logged (nothing was consented to).

The profile is reached by its private link only. HR (``MANAGE_TALENT_POOL``) sees the profiles
that may be contacted and invites unsuccessful applicants: the invitation is an e-mail with a
signed link to a pre-filled sign-up; nothing enters the pool until the person consents.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.paginator import Page, Paginator
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from charlie.core import tokens
from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.text import check_text
from charlie.people import services as people
from charlie.people.models import JobFamily, OrgUnit
from charlie.privacy import services as privacy
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.recruitment.models import (
    AdStatus,
    Application,
    ConsentAction,
    ConsentEvent,
    JobAd,
    Stage,
    TalentProfile,
)
from charlie.recruitment.permissions import MANAGE_TALENT_POOL
from charlie.recruitment.services.common import CATEGORY, PURPOSE, audit_applicants, today

log = logging.getLogger(__name__)

__all__ = [
    "AUDIT_DETAILS",
    "CONFIRM_DAYS",
    "CONSENT_SCOPE_POOL",
    "POOL_CONSENT_VERSION",
    "FieldErrors",
    "PoolJoin",
    "ProfileData",
    "ad_path",
    "add_months",
    "area_choices",
    "confirm",
    "confirm_url",
    "confirmation_of",
    "confirmation_open",
    "consent_months",
    "consent_subject",
    "expire_consents",
    "family_choices",
    "invitable_applications",
    "invitation_prefill",
    "invite",
    "join_from_application",
    "own_profile",
    "pool",
    "profile_url",
    "renew_own",
    "send_alerts",
    "sign_up",
    "until_text",
    "update_own",
    "withdraw_own",
]

#: The version of the talent pool's consent text (shown on the sign-up, kept in the log).
#: "2026-12-2": the text says that the sign-up must be confirmed from the e-mail.
POOL_CONSENT_VERSION = "2026-12-2"
#: ``ConsentEvent.scope`` of the talent pool.
CONSENT_SCOPE_POOL = "talentbank"
#: Days before a consent runs out that the person is e-mailed a link to renew it.
REMIND_DAYS = 14
#: How long an invitation link works.
INVITATION_DAYS = 30
#: Calendar days after the sign-up day that its confirmation link works; the daily job deletes
#: a sign-up still unconfirmed after them.
CONFIRM_DAYS = 7
_INVITATION_SALT = "charlie.recruitment.talent-invitation"

DETAIL_POOL = gettext_noop("talentbanken vist")
DETAIL_INVITABLE = gettext_noop("afviste ansøgere vist til invitation")
DETAIL_INVITED = gettext_noop("inviteret til talentbanken")
AUDIT_DETAILS = (DETAIL_POOL, DETAIL_INVITABLE, DETAIL_INVITED)
#: Profiles per page in HR's list.
PAGE_SIZE = 50


class FieldErrors(ValidationFailed):
    """What is wrong with a form's input, field by field (``errors``: (field, message)); the
    application form uses it too."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__([message for _field, message in errors], field=errors[0][0])
        self.errors = errors


def consent_subject(email: str) -> str:
    """How the consent log names a person (talent pool and applications): the SHA-256 of the
    lower-cased e-mail address (never the name), so a later question "did I consent?" can be
    answered."""
    return hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()


def ad_path(ad: JobAd) -> str:
    """The ad's page on the careers site (``/job/<slug>/``, the careers part): the apply form's
    address without its last step."""
    return reverse("careers:apply", kwargs={"slug": ad.slug}).removesuffix("ansoeg/")


def consent_months() -> int:
    return int(settings.CHARLIE_RECRUITMENT_CONSENT_MONTHS)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the last day of the month where that month is shorter
    (31 August + 6 months = 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _base_url() -> str:
    return str(getattr(settings, "CHARLIE_BASE_URL", "")).rstrip("/")


def profile_url(token: str) -> str:
    return reverse("careers:talent_profile", kwargs={"token": token})


def confirm_url(token: str) -> str:
    return reverse("careers:talent_confirm", kwargs={"token": token})


def confirmation_open(signed_up: date, on: date) -> bool:
    """Whether a sign-up made on ``signed_up`` (a Copenhagen date) can still be confirmed on
    ``on``: through the ``CONFIRM_DAYS``-th calendar day after it (signed up 25 February 2028:
    until 3 March 2028, the leap day counted). The daily job deletes it from the day after."""
    return on <= signed_up + timedelta(days=CONFIRM_DAYS)


def _confirmed() -> QuerySet[TalentProfile]:
    """The profiles whose owner has confirmed the sign-up (the only ones that are in the pool)."""
    return TalentProfile.objects.filter(confirmed_at__isnull=False)


def _mail(to: str, subject: str, lines: list[str]) -> bool:
    try:
        send_mail(subject, "\n".join(lines), None, [to])
    except Exception as exc:
        log.error("talent pool mail failed (%s)", type(exc).__name__)
        return False
    return True


def _log(email: str, action: str, until: date | None) -> None:
    ConsentEvent.objects.create(
        subject=consent_subject(email),
        scope=CONSENT_SCOPE_POOL,
        action=action,
        text_version=POOL_CONSENT_VERSION,
        until=until,
    )


# --- Choices --------------------------------------------------------------------------------------


def family_choices() -> list[tuple[int, str]]:
    return people.job_family_choices()


def _areas(on: date) -> QuerySet[OrgUnit]:
    """The areas one can choose: the units right under the municipality (forvaltninger)."""
    return (
        OrgUnit.objects.filter(depth=1, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("name", "pk")
    )


def area_choices() -> list[tuple[int, str]]:
    return [(unit.pk, unit.name) for unit in _areas(today())]


def _area_of(unit: OrgUnit) -> int | None:
    return people.unit_ancestor_at_depth(unit.path, 1)


# --- Sign-up and the profile by private link -----------------------------------------------------


@dataclass(frozen=True)
class ProfileData:
    name: str
    email: str
    job_family_ids: list[int]
    area_ids: list[int]
    alerts: bool
    contact: bool
    accepted_terms: bool = True


def _clean(data: ProfileData) -> dict[str, Any]:
    errors: list[tuple[str, str]] = []
    values: dict[str, Any] = {}
    for field, value, what, limit in (
        ("name", data.name, _("Navnet"), 200),
        ("email", data.email, _("E-mailadressen"), 254),
    ):
        try:
            values[field] = check_text(value, what=what, max_length=limit, required=True)
        except ValidationFailed as exc:
            errors.extend((field, message) for message in exc.messages)
    if values.get("email"):
        try:
            validate_email(values["email"])
        except ValidationError:
            errors.append(("email", _("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.")))
    families = set(
        JobFamily.objects.filter(pk__in=data.job_family_ids).values_list("pk", flat=True)
    )
    areas = set(_areas(today()).filter(pk__in=data.area_ids).values_list("pk", flat=True))
    if families != set(data.job_family_ids):
        errors.append(("job_families", _("Vælg blandt de viste stillingskategorier.")))
    if areas != set(data.area_ids):
        errors.append(("areas", _("Vælg blandt de viste områder.")))
    if not data.alerts and not data.contact:
        errors.append(
            (
                "alerts",
                _(
                    "Vælg jobagent, at vi må kontakte dig, eller begge dele – ellers er der "
                    "ingen grund til at gemme din profil."
                ),
            )
        )
    if not data.accepted_terms:
        errors.append(("accepted_terms", _("Sæt kryds for at give dit samtykke.")))
    if errors:
        raise FieldErrors(errors)
    return {**values, "families": sorted(families), "areas": sorted(areas)}


def _pending(
    email: str, *, name: str, alerts: bool, contact: bool, application: Application | None
) -> tuple[TalentProfile, str]:
    """The unconfirmed sign-up for ``email``: a new one, or the one already waiting, made
    afresh (its data, a new link, and its ``CONFIRM_DAYS`` counted from now). Run inside a
    transaction that has locked the address's rows."""
    new = tokens.generate_token()
    profile = (
        TalentProfile.objects.select_for_update()
        .filter(email__iexact=email, confirmed_at__isnull=True)
        .first()
    ) or TalentProfile(email=email)
    profile.name, profile.alerts, profile.contact = name, alerts, contact
    profile.from_application = application or profile.from_application
    profile.token_hash = new.key_hash
    profile.consent_version = POOL_CONSENT_VERSION
    profile.consent_until = None
    profile.created_at = timezone.now()
    profile.save()
    return profile, new.plain


def sign_up(data: ProfileData, *, invitation: str = "") -> None:
    """A sign-up with the person's consent, stored unconfirmed, and an e-mail with the link to
    confirm it (double opt-in). An address already confirmed in the pool gets a fresh link to
    its profile instead; one already waiting for confirmation is made afresh and gets a new
    confirmation link. The page says the same in every case, so it reveals nobody."""
    values = _clean(data)
    invited = _invited_application(invitation) if invitation else None
    with transaction.atomic():
        existing = _confirmed().select_for_update().filter(email__iexact=values["email"]).first()
        if existing is not None:
            new = tokens.generate_token()
            existing.token_hash = new.key_hash
            existing.save(update_fields=["token_hash"])
            email = existing.email
            transaction.on_commit(lambda: _send_existing(email, new.plain))
            return
        profile, token = _pending(
            values["email"],
            name=values["name"],
            alerts=data.alerts,
            contact=data.contact,
            application=invited,
        )
        profile.job_families.set(values["families"])
        profile.areas.set(values["areas"])
        transaction.on_commit(lambda: _send_confirmation(profile, token))


@dataclass(frozen=True)
class PoolJoin:
    """What ticking "talentbank" on the application form did: ``token`` opens the sign-up's
    confirmation (``already`` False) or, for an address already confirmed in the pool, its
    profile by a new link (``already`` True)."""

    token: str
    already: bool


def join_from_application(application: Application) -> PoolJoin:
    """An applicant ticked "join the talent pool" on the form: an unconfirmed sign-up with the
    ad's job family and area, alerts and contact, which the applicant confirms from the link in
    the receipt like any other sign-up (the application form proves nothing about the address:
    anyone can type anyone's). An address already confirmed in the pool is left as it is — the
    job's family and area would widen what it consented to — and gets a new link to its
    profile, where its owner can add them."""
    ad = application.ad
    area = _area_of(ad.unit)
    with transaction.atomic():
        existing = _confirmed().select_for_update().filter(email__iexact=application.email).first()
        if existing is not None:
            new = tokens.generate_token()
            existing.token_hash = new.key_hash
            existing.save(update_fields=["token_hash"])
            return PoolJoin(new.plain, already=True)
        profile, token = _pending(
            application.email,
            name=application.name,
            alerts=True,
            contact=True,
            application=application,
        )
        profile.job_families.add(ad.job_family_id)
        if area is not None:
            profile.areas.add(area)
    return PoolJoin(token, already=False)


def _awaiting(token: str, *, lock: bool = False) -> TalentProfile | None:
    """The sign-up this link confirms, while it can still be confirmed; else None."""
    if not tokens.looks_like_token(token):
        return None
    rows = TalentProfile.objects.filter(
        token_hash=tokens.hash_token(token), confirmed_at__isnull=True
    )
    profile = (rows.select_for_update() if lock else rows).first()
    if profile is None or not confirmation_open(timezone.localdate(profile.created_at), today()):
        return None
    return profile


def confirmation_of(token: str) -> TalentProfile:
    """The profile a confirmation link is for: a sign-up still waiting (``confirmed_at`` empty)
    or, when the link is followed again, the confirmed profile whose consent holds. Anything
    else — a wrong link, a sign-up older than ``CONFIRM_DAYS`` — is a 404."""
    profile = _awaiting(token)
    if profile is not None:
        return profile
    return _by_token(token)


def confirm(token: str) -> TalentProfile:
    """Confirm a sign-up: the consent starts now and holds ``consent_months()`` from today; the
    confirmation is logged, and the welcome e-mail goes with the link to the profile (the same
    link). Confirming a profile that is already confirmed changes nothing."""
    with transaction.atomic():
        profile = _awaiting(token, lock=True)
        if profile is None:
            return _by_token(token)
        profile.confirmed_at = timezone.now()
        profile.consent_until = add_months(today(), consent_months())
        profile.save(update_fields=["confirmed_at", "consent_until"])
        _log(profile.email, ConsentAction.CONFIRMED, profile.consent_until)
        transaction.on_commit(lambda: _send_welcome(profile, token))
    return profile


def _by_token(token: str, *, lock: bool = False) -> TalentProfile:
    """The confirmed profile of a private link whose consent still holds, or 404 (looked up by
    the token's hash)."""
    if not tokens.looks_like_token(token):
        raise NotFound
    rows = _confirmed().filter(token_hash=tokens.hash_token(token), consent_until__gte=today())
    profile = (rows.select_for_update() if lock else rows).first()
    if profile is None:
        raise NotFound
    return profile


def own_profile(token: str) -> TalentProfile:
    return _by_token(token)


def update_own(token: str, data: ProfileData) -> TalentProfile:
    """Change one's name, job families, areas and what one wants (alerts, contact). Not the
    e-mail address: it is the one its owner confirmed, and a new one would be in the pool
    unconfirmed (double opt-in); a new address signs up again."""
    values = _clean(data)
    with transaction.atomic():
        profile = _by_token(token, lock=True)
        if values["email"].casefold() != profile.email.casefold():
            raise FieldErrors(
                [
                    (
                        "email",
                        _(
                            "E-mailadressen kan ikke ændres her. Meld dig ud, og skriv dig op "
                            "igen med den nye adresse; den skal også bekræftes."
                        ),
                    )
                ]
            )
        profile.name = values["name"]
        profile.alerts = data.alerts
        profile.contact = data.contact
        profile.save(update_fields=["name", "alerts", "contact"])
        profile.job_families.set(values["families"])
        profile.areas.set(values["areas"])
    return profile


def renew_own(token: str) -> TalentProfile:
    """Renew the consent: it now holds for the period from today (logged as renewed)."""
    with transaction.atomic():
        profile = _by_token(token, lock=True)
        profile.consent_until = add_months(today(), consent_months())
        profile.consent_version = POOL_CONSENT_VERSION
        profile.save(update_fields=["consent_until", "consent_version"])
        _log(profile.email, ConsentAction.RENEWED, profile.consent_until)
    return profile


def withdraw_own(token: str) -> None:
    """Withdraw the consent: the profile is deleted now (logged as withdrawn)."""
    with transaction.atomic():
        profile = _by_token(token, lock=True)
        _log(profile.email, ConsentAction.WITHDRAWN, None)
        profile.delete()


def until_text(profile: TalentProfile) -> str:
    """The last day of a confirmed profile's consent, as Danish dates are written."""
    return profile.consent_until.strftime("%d.%m.%Y") if profile.consent_until else ""


def _consent_lines(profile: TalentProfile, token: str) -> list[str]:
    return [
        _(
            "Dit samtykke gælder til og med %(until)s. Du kan ændre, forny eller slette din "
            "profil her:"
        )
        % {"until": until_text(profile)},
        f"{_base_url()}{profile_url(token)}",
        "",
        _("Del ikke linket med andre: alle med linket kan se og ændre din profil."),
    ]


def _send_welcome(profile: TalentProfile, token: str) -> bool:
    return _mail(
        profile.email,
        _("Velkommen i talentbanken"),
        [
            _("Kære %(name)s") % {"name": profile.name},
            "",
            _("Tak, fordi du har bekræftet din tilmelding. Du er nu i kommunens talentbank."),
            *_consent_lines(profile, token),
        ],
    )


def _send_confirmation(profile: TalentProfile, token: str) -> bool:
    last = timezone.localdate(profile.created_at) + timedelta(days=CONFIRM_DAYS)
    return _mail(
        profile.email,
        _("Bekræft din tilmelding til talentbanken"),
        [
            _("Kære %(name)s") % {"name": profile.name},
            "",
            _(
                "Tak, fordi du vil høre fra os. Bekræft, at det er dig, og at du vil være i "
                "kommunens talentbank, på dette link (det virker til og med %(day)s):"
            )
            % {"day": last.strftime("%d.%m.%Y")},
            f"{_base_url()}{confirm_url(token)}",
            "",
            _(
                "Først når du har bekræftet, kommer du i talentbanken og får jobagent. "
                "Bekræfter du ikke, sletter vi tilmeldingen efter %(days)d dage."
            )
            % {"days": CONFIRM_DAYS},
            _("Har du ikke selv skrevet dig op, kan du se bort fra denne e-mail."),
        ],
    )


def _send_existing(email: str, token: str) -> bool:
    return _mail(
        email,
        _("Din profil i talentbanken"),
        [
            _(
                "Nogen har skrevet sig op til talentbanken med din e-mailadresse, men du er "
                "der allerede. Her er et nyt link til din profil (det gamle virker ikke mere):"
            ),
            f"{_base_url()}{profile_url(token)}",
            "",
            _("Har du ikke selv gjort det, kan du se bort fra denne e-mail."),
        ],
    )


# --- HR: the pool, and invitations --------------------------------------------------------------


def _audit_profiles(access: Access, profile_ids: Iterable[int], detail: str) -> None:
    """Talent profiles have no person record either: one audit entry per profile, named
    ``talentprofil:<id>`` (like ``common.audit_applicants``)."""
    subjects = [
        privacy.AccountSubject(username=f"talentprofil:{pk}") for pk in sorted(set(profile_ids))
    ]
    if subjects:
        privacy.record(
            actor=access.user,
            subject_accounts=subjects,
            action=Action.READ,
            category=CATEGORY,
            purpose=PURPOSE,
            channel=access.channel,
            detail=detail,
        )


@dataclass(frozen=True)
class PoolRow:
    profile: TalentProfile
    families: list[str]
    areas: list[str]


def pool(
    access: Access,
    *,
    job_family_id: int | None = None,
    area_id: int | None = None,
    page: Any = 1,
) -> tuple[Page[Any], list[PoolRow]]:
    """The profiles HR may contact: confirmed, valid consent and ``contact`` ticked, newest first,
    filtered by job family and area; the page's rows are audited."""
    access.require(MANAGE_TALENT_POOL)
    rows = _confirmed().filter(contact=True, consent_until__gte=today())
    if job_family_id:
        rows = rows.filter(job_families=job_family_id)
    if area_id:
        rows = rows.filter(areas=area_id)
    rows = rows.distinct().order_by("-created_at", "-pk").prefetch_related("job_families", "areas")
    shown = Paginator(rows, PAGE_SIZE).get_page(page)
    out = [
        PoolRow(
            profile=p,
            families=[str(f.display_name) for f in p.job_families.all()],
            areas=[a.name for a in p.areas.all()],
        )
        for p in shown.object_list
    ]
    _audit_profiles(access, [row.profile.pk for row in out], DETAIL_POOL)
    return shown, out


def _invitable() -> QuerySet[Application]:
    return (
        Application.objects.filter(stage=Stage.REJECTED, pool_invited_at__isnull=True)
        .select_related("ad")
        .order_by("-decided_at", "-pk")
    )


def invitable_applications(access: Access) -> list[Application]:
    """Unsuccessful applicants not yet invited to the pool (at most 200), audited."""
    access.require(MANAGE_TALENT_POOL)
    rows = list(_invitable()[:200])
    audit_applicants(access, [a.pk for a in rows], detail=DETAIL_INVITABLE)
    return rows


def invite(access: Access, application_id: int) -> Application:
    """E-mail an unsuccessful applicant an invitation to the pool: a signed link (valid
    ``INVITATION_DAYS``) to the sign-up, pre-filled with their name, e-mail, the ad's job
    family and area. Nothing is stored in the pool until they consent."""
    access.require(MANAGE_TALENT_POOL)
    with transaction.atomic():
        application = Application.objects.select_for_update().filter(pk=application_id).first()
        if application is None:
            raise NotFound
        if application.stage != Stage.REJECTED:
            raise ValidationFailed(
                [_("Kun ansøgere, der har fået afslag, kan inviteres til talentbanken.")]
            )
        if application.pool_invited_at is not None:
            raise ValidationFailed([_("Ansøgeren er allerede inviteret.")])
        application.pool_invited_at = timezone.now()
        application.save(update_fields=["pool_invited_at"])
        audit_applicants(access, [application.pk], action=Action.UPDATE, detail=DETAIL_INVITED)
    link = signing.dumps({"a": application.pk}, salt=_INVITATION_SALT)
    url = f"{_base_url()}{reverse('careers:talent_signup')}?invitation={link}"
    ad = JobAd.objects.only("title").get(pk=application.ad_id)
    _mail(
        application.email,
        _("Vil du være i vores talentbank?"),
        [
            _("Kære %(name)s") % {"name": application.name},
            "",
            _(
                "Tak for din ansøgning til stillingen »%(title)s«. Du fik ikke jobbet denne "
                "gang, men vi vil gerne kunne kontakte dig om andre stillinger. Vil du det "
                "også, kan du skrive dig op i vores talentbank her (linket virker i %(days)d "
                "dage):"
            )
            % {"title": ad.title, "days": INVITATION_DAYS},
            url,
            "",
            _(
                "Vi gemmer intet om dig i talentbanken, før du selv har givet dit samtykke. "
                "Gør du ingenting, sker der ingenting."
            ),
        ],
    )
    return application


def _invited_application(invitation: str) -> Application | None:
    try:
        payload = signing.loads(
            invitation, salt=_INVITATION_SALT, max_age=timedelta(days=INVITATION_DAYS)
        )
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("a"), int):
        return None
    return Application.objects.filter(pk=payload["a"]).select_related("ad__unit").first()


def invitation_prefill(invitation: str) -> dict[str, Any] | None:
    """The sign-up's initial values from an invitation link, or None when the link is wrong,
    too old, or its application has been deleted."""
    application = _invited_application(invitation)
    if application is None:
        return None
    area = _area_of(application.ad.unit)
    return {
        "name": application.name,
        "email": application.email,
        "job_families": [application.ad.job_family_id],
        "areas": [area] if area is not None else [],
        "alerts": True,
        "contact": True,
    }


# --- Daily jobs -----------------------------------------------------------------------------------


def _matching_ads(profile: TalentProfile, since: datetime, on: date) -> list[JobAd]:
    ads = JobAd.objects.filter(
        status=AdStatus.PUBLISHED, published_at__gt=since, deadline__gte=on
    ).select_related("unit")
    families = [f.pk for f in profile.job_families.all()]
    if families:
        ads = ads.filter(job_family_id__in=families)
    areas = [a.path for a in profile.areas.all()]
    matched = list(ads.order_by("deadline", "pk"))
    if areas:
        matched = [ad for ad in matched if any(ad.unit.path.startswith(p) for p in areas)]
    return matched


def send_alerts(now: datetime | None = None) -> int:
    """E-mail every confirmed profile with alerts on and a valid consent the ads published since
    its last alert (or since it was confirmed) in its job families and areas (none chosen:
    all). Returns the
    e-mails sent; a profile's ``last_alert_at`` moves on only when its e-mail went."""
    now = now or timezone.now()
    on = timezone.localdate(now)
    profiles = (
        _confirmed()
        .filter(alerts=True, consent_until__gte=on)
        .prefetch_related("job_families", "areas")
    )
    sent = 0
    for profile in profiles.iterator(chunk_size=500):
        since = profile.last_alert_at or profile.confirmed_at or profile.created_at
        ads = _matching_ads(profile, since, on)
        if not ads:
            continue
        base = _base_url()
        lines = [
            _("Kære %(name)s") % {"name": profile.name},
            "",
            _("Nye job, der passer til din jobagent:"),
            "",
        ]
        for ad in ads:
            lines += [
                f"- {ad.title}, {ad.place} "
                + _("(frist %(deadline)s)") % {"deadline": ad.deadline.strftime("%d.%m.%Y")},
                f"  {base}{ad_path(ad)}",
            ]
        lines += [""]
        token = tokens.generate_token()
        TalentProfile.objects.filter(pk=profile.pk).update(token_hash=token.key_hash)
        lines += _consent_lines(profile, token.plain)
        if _mail(profile.email, _("Nye job fra din jobagent"), lines):
            TalentProfile.objects.filter(pk=profile.pk).update(last_alert_at=now)
            sent += 1
    return sent


def expire_consents(on: date | None = None) -> dict[str, int]:
    """Delete the profiles whose consent has run out (logged as expired) and the sign-ups nobody
    confirmed within ``CONFIRM_DAYS`` (``confirmation_open``; nothing to log: no consent was
    given), and e-mail those whose consent runs out in ``REMIND_DAYS`` days a link to renew
    it."""
    on = on or today()
    _total, per_model = TalentProfile.objects.filter(
        confirmed_at__isnull=True, created_at__date__lt=on - timedelta(days=CONFIRM_DAYS)
    ).delete()
    unconfirmed = per_model.get(TalentProfile._meta.label, 0)
    expired = 0
    for profile in _confirmed().filter(consent_until__lt=on).iterator(chunk_size=500):
        with transaction.atomic():
            _log(profile.email, ConsentAction.EXPIRED, profile.consent_until)
            profile.delete()
        expired += 1
    reminded = 0
    due = _confirmed().filter(consent_until=on + timedelta(days=REMIND_DAYS))
    for profile in due.iterator(chunk_size=500):
        token = tokens.generate_token()
        TalentProfile.objects.filter(pk=profile.pk).update(token_hash=token.key_hash)
        lines = [
            _("Kære %(name)s") % {"name": profile.name},
            "",
            _(
                "Dit samtykke til at være i kommunens talentbank udløber snart. Vil du "
                "fortsat være med, så forny det på din profil; ellers sletter vi profilen, "
                "når samtykket udløber."
            ),
            "",
            *_consent_lines(profile, token.plain),
        ]
        if _mail(profile.email, _("Forny dit samtykke til talentbanken"), lines):
            reminded += 1
    return {"expired": expired, "reminded": reminded, "unconfirmed": unconfirmed}
