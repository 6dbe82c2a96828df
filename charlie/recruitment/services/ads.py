"""Job ads (issue 15, point 2): HR writes an ad — from scratch or from an approved requisition —
with the inclusive-language check (``charlie.recruitment.adcheck``) running as they type,
publishes it (the check's report is kept with the ad), closes it, and sets the criteria the
committee scores on and who sits on the committee.

Ads hold no personal data: the contact person's name, phone and e-mail are work contact details
published with the ad, and the committee is a list of user accounts. No audit log is written
here (the applicants' data, which is audited, lives in ``services.applying`` and
``services.pipeline``). The check never changes the text: it reports, the person decides.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.text import check_text, danish_slug
from charlie.people.models import JobFamily, OrgUnit
from charlie.people.services import today
from charlie.privacy.access import Access
from charlie.recruitment import adcheck
from charlie.recruitment.models import (
    AdStatus,
    CommitteeMember,
    Criterion,
    EmploymentType,
    JobAd,
    Requisition,
    RequisitionStatus,
)
from charlie.recruitment.permissions import MANAGE_ADS

__all__ = [
    "AdPage",
    "ad_for_edit",
    "ad_page",
    "add_committee_member",
    "add_criterion",
    "approved_requisitions",
    "check_ad_text",
    "check_draft",
    "close_ad",
    "committee_candidates",
    "facts_of",
    "list_ads",
    "publish_ad",
    "remove_committee_member",
    "remove_criterion",
    "requisition_initial",
    "save_ad",
]

#: The longest ad text kept (about 10 pages).
MAX_BODY = 30_000
#: Slugs the careers site's own URLs use (``/job/<slug>/``): never an ad's.
RESERVED_SLUGS = frozenset(
    {"feed", "atom", "rss", "historier", "talentbank", "jobagent", "ansoeg", "ansoegning",
     "velkommen", "min-ansoegning", "soeg", "filer", "sprog"}
)  # fmt: skip
#: How applicants apply to every ad Charlie publishes: the careers site's form.
HOW_TO_APPLY = "Ansøgningsformularen på karrieresiden"

_POSTAL_CODE = re.compile(r"^\d{4}$")


# --- Reading ---------------------------------------------------------------------------------


def list_ads(access: Access, *, status: str = "") -> list[JobAd]:
    """Every ad (or those of one ``status``), newest deadline first, with their unit and the
    number of criteria and committee members."""
    access.require(MANAGE_ADS)
    qs = JobAd.objects.select_related("unit", "job_family").annotate(
        criteria_count=Count("criteria", distinct=True),
        committee_count=Count("committee", distinct=True),
    )
    if status in AdStatus.values:
        qs = qs.filter(status=status)
    return list(qs.order_by("-deadline", "-pk"))


def approved_requisitions(access: Access) -> list[Requisition]:
    """The requisitions HR has approved, newest first: an ad can start from one of them."""
    access.require(MANAGE_ADS)
    return list(
        Requisition.objects.filter(status=RequisitionStatus.APPROVED)
        .select_related("unit", "job_family")
        .order_by("-decided_at", "-pk")
    )


def requisition_initial(access: Access, requisition_id: int) -> dict[str, Any]:
    """The ad form's fields filled in from an approved requisition: unit, job family, hours,
    title, employment type and start. 404 for one that is not approved."""
    access.require(MANAGE_ADS)
    req = Requisition.objects.filter(pk=requisition_id, status=RequisitionStatus.APPROVED).first()
    if req is None:
        raise NotFound
    if req.temporary_until is not None:
        kind = EmploymentType.TEMPORARY
    elif req.weekly_hours >= Decimal(37):
        kind = EmploymentType.FULL_TIME
    else:
        kind = EmploymentType.PART_TIME
    return {
        "title": req.title,
        "unit": req.unit_id,
        "job_family": req.job_family_id,
        "weekly_hours": req.weekly_hours,
        "employment_type": kind,
        "start_text": req.start_on.strftime("%d.%m.%Y"),
        "place": req.unit.name,
    }


@dataclass(frozen=True)
class AdPage:
    """An ad's admin page: the ad, its criteria and committee, and the check's report — the
    one kept at publication (``ad.report``) or, for a draft, of the text as it stands."""

    ad: JobAd
    criteria: list[Criterion]
    committee: list[CommitteeMember]
    report: dict[str, Any]
    report_is_stored: bool

    @property
    def checked_at(self) -> datetime | None:
        """When the kept report was made (publication, or the last correction after it)."""
        value = self.report.get("checked_at") if self.report_is_stored else None
        return datetime.fromisoformat(value) if value else None


def _ad(ad_id: int) -> JobAd:
    ad = JobAd.objects.select_related("unit", "job_family", "requisition").filter(pk=ad_id).first()
    if ad is None:
        raise NotFound
    return ad


def ad_for_edit(access: Access, ad_id: int) -> JobAd:
    access.require(MANAGE_ADS)
    return _ad(ad_id)


def ad_page(access: Access, ad_id: int) -> AdPage:
    access.require(MANAGE_ADS)
    ad = _ad(ad_id)
    stored = ad.report if ad.status != AdStatus.DRAFT and ad.report else None
    return AdPage(
        ad=ad,
        criteria=list(ad.criteria.order_by("order", "pk")),
        committee=list(
            ad.committee.select_related("user").order_by(
                "-chair", "user__first_name", "user__last_name", "pk"
            )
        ),
        report=stored or _report_of(ad),
        report_is_stored=stored is not None,
    )


def committee_candidates(access: Access) -> QuerySet[Any]:
    """The user accounts that may sit on a committee (every active account)."""
    access.require(MANAGE_ADS)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .order_by("first_name", "last_name", "username")
    )


# --- The check ---------------------------------------------------------------------------------


def facts_of(data: Mapping[str, Any]) -> adcheck.AdFacts:
    """The facts an ad's fields give (form data or an ad's own fields), for the check."""

    def text(key: str) -> str:
        value = data.get(key)
        return "" if value is None else str(value).strip()

    salary = text("salary_text")
    if not salary and (text("salary_min") or text("salary_max")):
        salary = f"{text('salary_min')}–{text('salary_max')} kr."
    place = ", ".join(
        p for p in (text("place"), text("street_address"), text("postal_code"), text("city")) if p
    )
    contact = ", ".join(
        p for p in (text("contact_name"), text("contact_phone"), text("contact_email")) if p
    )
    return adcheck.AdFacts(
        salary=salary,
        weekly_hours=text("weekly_hours"),
        place=place,
        deadline=text("deadline"),
        contact=contact,
        how_to_apply=HOW_TO_APPLY,
    )


def check_ad_text(text: str, *, lang: str = "da") -> adcheck.Report:
    """The check of a bare text (the CLI's; no fields, no user)."""
    return adcheck.check(text, lang=lang)


def _lang(value: Any) -> str:
    return value if value in adcheck.LANGUAGES else "da"


def check_draft(access: Access, data: Mapping[str, Any]) -> dict[str, Any]:
    """The report of an ad being written (the editor's form data, valid or not): what the
    editor shows as one types. Changes nothing."""
    access.require(MANAGE_ADS)
    body = str(data.get("body") or "")[:MAX_BODY]
    report = adcheck.check(body, lang=_lang(data.get("lang")), facts=facts_of(data))
    return report.as_dict()


def _ad_fields(ad: JobAd) -> dict[str, Any]:
    return {
        "salary_text": ad.salary_text,
        "salary_min": ad.salary_min,
        "salary_max": ad.salary_max,
        "weekly_hours": ad.weekly_hours,
        "place": ad.place,
        "street_address": ad.street_address,
        "postal_code": ad.postal_code,
        "city": ad.city,
        "deadline": ad.deadline,
        "contact_name": ad.contact_name,
        "contact_phone": ad.contact_phone,
        "contact_email": ad.contact_email,
    }


def _report_of(ad: JobAd) -> dict[str, Any]:
    report = adcheck.check(ad.body, lang=_lang(ad.lang), facts=facts_of(_ad_fields(ad)))
    return {**report.as_dict(), "checked_at": timezone.now().isoformat(timespec="seconds")}


# --- Writing -----------------------------------------------------------------------------------


def _slug_for(title: str) -> str:
    """A new ad's address: the title in ASCII (æ → ae, ø → oe, å → aa), made unique with -2,
    -3 …, never one of the careers site's own words."""
    base = danish_slug(title, fallback="job", max_length=70)
    if base in RESERVED_SLUGS:
        base = f"{base}-job"
    taken = set(JobAd.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


def save_ad(
    access: Access,
    data: Mapping[str, Any],
    *,
    ad_id: int | None = None,
    requisition_id: int | None = None,
) -> JobAd:
    """Create (``ad_id`` None) or update an ad from validated form data. The address (slug) is
    made from the title once, unique, and kept. A published ad may still be corrected; its
    kept report is then made again, so it always belongs to the text applicants see. A closed
    ad is not changed."""
    access.require(MANAGE_ADS)
    if ad_id is None:
        ad = JobAd(created_by=access.user)
        if requisition_id is not None:
            ad.requisition = Requisition.objects.filter(
                pk=requisition_id, status=RequisitionStatus.APPROVED
            ).first()
            if ad.requisition is None:
                raise ValidationFailed(
                    [_("Stillingsønsket er ikke godkendt, eller det findes ikke.")]
                )
    else:
        ad = _ad(ad_id)
        if ad.status == AdStatus.CLOSED:
            raise ValidationFailed([_("Opslaget er lukket og kan ikke ændres.")])
    ad.title = check_text(data.get("title"), what=_("Titlen"), max_length=200, required=True)
    ad.summary = check_text(data.get("summary"), what=_("Den korte beskrivelse"), max_length=300)
    ad.body = check_text(
        data.get("body"), what=_("Annonceteksten"), max_length=MAX_BODY, multiline=True,
        required=True,
    )  # fmt: skip
    ad.lang = _lang(data.get("lang"))
    unit = data.get("unit")
    family = data.get("job_family")
    if not isinstance(unit, OrgUnit):
        raise ValidationFailed([_("Vælg en enhed.")], field="unit")
    if not isinstance(family, JobFamily):
        raise ValidationFailed([_("Vælg en stillingskategori.")], field="job_family")
    ad.unit, ad.job_family = unit, family
    ad.employment_type = data["employment_type"]
    ad.weekly_hours = data["weekly_hours"]
    ad.place = check_text(data.get("place"), what=_("Arbejdsstedet"), max_length=200, required=True)
    ad.street_address = check_text(data.get("street_address"), what=_("Adressen"), max_length=200)
    postal_code = (data.get("postal_code") or "").strip()
    if postal_code and not _POSTAL_CODE.match(postal_code):
        raise ValidationFailed([_("Postnummeret skal være fire cifre.")], field="postal_code")
    ad.postal_code = postal_code
    ad.city = check_text(data.get("city"), what=_("Byen"), max_length=100)
    ad.salary_text = check_text(
        data.get("salary_text"), what=_("Løn og overenskomst"), max_length=300
    )
    ad.salary_min, ad.salary_max = data.get("salary_min"), data.get("salary_max")
    if ad.salary_min is not None and ad.salary_max is not None and ad.salary_min > ad.salary_max:
        raise ValidationFailed(
            [_("»Løn fra« skal være mindre end eller lig med »løn til«.")], field="salary_max"
        )
    ad.start_text = check_text(data.get("start_text"), what=_("Tiltrædelsen"), max_length=100)
    ad.deadline = data["deadline"]
    ad.contact_name = check_text(
        data.get("contact_name"), what=_("Kontaktpersonen"), max_length=200
    )
    ad.contact_phone = check_text(data.get("contact_phone"), what=_("Telefonen"), max_length=30)
    ad.contact_email = (data.get("contact_email") or "").strip()
    ad.anonymised_screening = bool(data.get("anonymised_screening"))
    if ad.status == AdStatus.PUBLISHED:
        ad.report = _report_of(ad)
    if ad.pk is not None:
        ad.save()
        return ad
    for attempt in range(3):
        ad.slug = _slug_for(ad.title)
        try:
            with transaction.atomic():
                ad.save(force_insert=True)
        except IntegrityError:  # another ad took the same address at the same moment
            ad.pk = None
            if attempt == 2:
                raise
        else:
            break
    return ad


def publish_ad(access: Access, ad_id: int) -> JobAd:
    """Publish a draft: public on the careers site until the end of its deadline. The check's
    report of the text as published is kept with the ad (``report``). Findings never stop
    publication — the person has read them and decided."""
    access.require(MANAGE_ADS)
    with transaction.atomic():
        ad = JobAd.objects.select_for_update().filter(pk=ad_id).first()
        if ad is None:
            raise NotFound
        if ad.status != AdStatus.DRAFT:
            raise ValidationFailed([_("Kun en kladde kan slås op.")])
        if ad.deadline < today():
            raise ValidationFailed(
                [_("Ansøgningsfristen er overskredet. Ret fristen, før opslaget slås op.")],
                field="deadline",
            )
        ad.status = AdStatus.PUBLISHED
        ad.published_at = timezone.now()
        ad.report = _report_of(ad)
        ad.save(update_fields=["status", "published_at", "report", "updated_at"])
    return ad


def close_ad(access: Access, ad_id: int) -> JobAd:
    """Close a published ad before its deadline (it leaves the careers site at once)."""
    access.require(MANAGE_ADS)
    with transaction.atomic():
        ad = JobAd.objects.select_for_update().filter(pk=ad_id).first()
        if ad is None:
            raise NotFound
        if ad.status != AdStatus.PUBLISHED:
            raise ValidationFailed([_("Kun et opslag, der er slået op, kan lukkes.")])
        ad.status = AdStatus.CLOSED
        ad.closed_at = timezone.now()
        ad.save(update_fields=["status", "closed_at", "updated_at"])
    return ad


def add_criterion(access: Access, ad_id: int, name: str) -> Criterion:
    """Add a criterion the committee scores applicants on (last in the order)."""
    access.require(MANAGE_ADS)
    ad = _ad(ad_id)
    name = check_text(name, what=_("Kriteriet"), max_length=200, required=True)
    if ad.criteria.filter(name__iexact=name).exists():
        raise ValidationFailed([_("Opslaget har allerede det kriterium.")], field="name")
    last = ad.criteria.aggregate(m=Max("order"))["m"]
    try:
        with transaction.atomic():
            return Criterion.objects.create(ad=ad, name=name, order=0 if last is None else last + 1)
    except IntegrityError as exc:  # the same name added at the same moment
        raise ValidationFailed([_("Opslaget har allerede det kriterium.")], field="name") from exc


def remove_criterion(access: Access, ad_id: int, criterion_id: int) -> None:
    """Remove a criterion — not once the committee has scored on it (the scores would go)."""
    access.require(MANAGE_ADS)
    criterion = Criterion.objects.filter(pk=criterion_id, ad_id=ad_id).first()
    if criterion is None:
        raise NotFound
    if criterion.scores.exists():
        raise ValidationFailed(
            [_("Udvalget har allerede givet point på kriteriet, så det kan ikke fjernes.")]
        )
    criterion.delete()


def add_committee_member(access: Access, ad_id: int, user_id: int, *, chair: bool = False) -> None:
    """Put a user on the ad's committee (ansættelsesudvalg); ``chair`` makes them its chair
    (one at a time). Adding someone already on it only changes the chair."""
    access.require(MANAGE_ADS)
    ad = _ad(ad_id)
    if not get_user_model().objects.filter(pk=user_id, is_active=True).exists():
        raise ValidationFailed([_("Vælg en aktiv bruger.")], field="user")
    with transaction.atomic():
        if chair:
            CommitteeMember.objects.filter(ad=ad, chair=True).update(chair=False)
        CommitteeMember.objects.update_or_create(ad=ad, user_id=user_id, defaults={"chair": chair})


def remove_committee_member(access: Access, ad_id: int, member_id: int) -> None:
    access.require(MANAGE_ADS)
    deleted, _rows = CommitteeMember.objects.filter(pk=member_id, ad_id=ad_id).delete()
    if not deleted:
        raise NotFound
