"""The talent pool (issue 15, point 6; docs/recruitment-applying.md): people who want job alerts
and/or to be contacted about future jobs in chosen job families and areas, by a consent that
expires (``CHARLIE_RECRUITMENT_CONSENT_MONTHS``, default 6) unless renewed. Every consent given,
renewed, withdrawn or expired is logged in ``ConsentEvent`` under the SHA-256 of the e-mail.

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
    "CONSENT_SCOPE_POOL",
    "POOL_CONSENT_VERSION",
    "FieldErrors",
    "ProfileData",
    "ad_path",
    "add_months",
    "area_choices",
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
    "update_own",
    "withdraw_own",
]

#: The version of the talent pool's consent text (shown on the sign-up, kept in the log).
POOL_CONSENT_VERSION = "2026-12"
#: ``ConsentEvent.scope`` of the talent pool.
CONSENT_SCOPE_POOL = "talentbank"
#: Days before a consent runs out that the person is e-mailed a link to renew it.
REMIND_DAYS = 14
#: How long an invitation link works.
INVITATION_DAYS = 30
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


def sign_up(data: ProfileData, *, invitation: str = "") -> None:
    """Put a person in the pool with their consent, and e-mail them the private link to their
    profile. An e-mail address already in the pool gets a fresh link to its profile instead
    (the page says the same either way, so it reveals nobody)."""
    values = _clean(data)
    invited = _invited_application(invitation) if invitation else None
    new = tokens.generate_token()
    with transaction.atomic():
        existing = (
            TalentProfile.objects.select_for_update().filter(email__iexact=values["email"]).first()
        )
        if existing is not None:
            existing.token_hash = new.key_hash
            existing.save(update_fields=["token_hash"])
            email = existing.email
            transaction.on_commit(lambda: _send_existing(email, new.plain))
            return
        until = add_months(today(), consent_months())
        profile = TalentProfile.objects.create(
            name=values["name"],
            email=values["email"],
            alerts=data.alerts,
            contact=data.contact,
            from_application=invited,
            token_hash=new.key_hash,
            consent_version=POOL_CONSENT_VERSION,
            consent_until=until,
        )
        profile.job_families.set(values["families"])
        profile.areas.set(values["areas"])
        _log(profile.email, ConsentAction.GIVEN, until)
        transaction.on_commit(lambda: _send_welcome(profile, new.plain))


def join_from_application(application: Application) -> str:
    """An applicant ticked "join the talent pool" on the form: a profile with the ad's job
    family and area, alerts and contact, by the consent just given. Returns the profile's
    token (for the receipt). An address already in the pool gets the family and area added
    and its consent renewed."""
    ad = application.ad
    area = _area_of(ad.unit)
    new = tokens.generate_token()
    until = add_months(today(), consent_months())
    with transaction.atomic():
        profile = (
            TalentProfile.objects.select_for_update()
            .filter(email__iexact=application.email)
            .first()
        )
        action = ConsentAction.RENEWED
        if profile is None:
            action = ConsentAction.GIVEN
            profile = TalentProfile.objects.create(
                name=application.name,
                email=application.email,
                alerts=True,
                contact=True,
                from_application=application,
                token_hash=new.key_hash,
                consent_version=POOL_CONSENT_VERSION,
                consent_until=until,
            )
        else:
            profile.token_hash = new.key_hash
            profile.consent_until = max(until, profile.consent_until)
            profile.consent_version = POOL_CONSENT_VERSION
            profile.save(update_fields=["token_hash", "consent_until", "consent_version"])
        profile.job_families.add(ad.job_family_id)
        if area is not None:
            profile.areas.add(area)
        _log(profile.email, action, profile.consent_until)
    return new.plain


def _by_token(token: str, *, lock: bool = False) -> TalentProfile:
    """The profile of a private link whose consent still holds, or 404 (looked up by the
    token's hash)."""
    if not tokens.looks_like_token(token):
        raise NotFound
    rows = TalentProfile.objects.filter(
        token_hash=tokens.hash_token(token), consent_until__gte=today()
    )
    profile = (rows.select_for_update() if lock else rows).first()
    if profile is None:
        raise NotFound
    return profile


def own_profile(token: str) -> TalentProfile:
    return _by_token(token)


def update_own(token: str, data: ProfileData) -> TalentProfile:
    """Change one's name, e-mail, job families, areas and what one wants (alerts, contact)."""
    values = _clean(data)
    with transaction.atomic():
        profile = _by_token(token, lock=True)
        profile.name = values["name"]
        profile.email = values["email"]
        profile.alerts = data.alerts
        profile.contact = data.contact
        profile.save(update_fields=["name", "email", "alerts", "contact"])
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


def _consent_lines(profile: TalentProfile, token: str) -> list[str]:
    return [
        _(
            "Dit samtykke gælder til og med %(until)s. Du kan ændre, forny eller slette din "
            "profil her:"
        )
        % {"until": profile.consent_until.strftime("%d.%m.%Y")},
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
            _("Tak, fordi du vil høre fra os. Du er nu i kommunens talentbank."),
            *_consent_lines(profile, token),
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
    """The profiles HR may contact: valid consent and ``contact`` ticked, newest first,
    filtered by job family and area; the page's rows are audited."""
    access.require(MANAGE_TALENT_POOL)
    rows = TalentProfile.objects.filter(contact=True, consent_until__gte=today())
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
    """E-mail every profile with alerts on and a valid consent the ads published since its last
    alert (or since it joined) in its job families and areas (none chosen: all). Returns the
    e-mails sent; a profile's ``last_alert_at`` moves on only when its e-mail went."""
    now = now or timezone.now()
    on = timezone.localdate(now)
    profiles = TalentProfile.objects.filter(alerts=True, consent_until__gte=on).prefetch_related(
        "job_families", "areas"
    )
    sent = 0
    for profile in profiles.iterator(chunk_size=500):
        ads = _matching_ads(profile, profile.last_alert_at or profile.created_at, on)
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
    """Delete the profiles whose consent has run out (logged as expired), and e-mail those
    whose consent runs out in ``REMIND_DAYS`` days a link to renew it."""
    on = on or today()
    expired = 0
    for profile in TalentProfile.objects.filter(consent_until__lt=on).iterator(chunk_size=500):
        with transaction.atomic():
            _log(profile.email, ConsentAction.EXPIRED, profile.consent_until)
            profile.delete()
        expired += 1
    reminded = 0
    due = TalentProfile.objects.filter(consent_until=on + timedelta(days=REMIND_DAYS))
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
    return {"expired": expired, "reminded": reminded}
