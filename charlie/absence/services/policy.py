"""The versioned local absence policy as stored: load the versions, and let HR add one.

The rules of a version are the pure ``absence.policy.Policy``; a stored version is an
``AbsencePolicyVersion`` row. A sickness spell is judged by the version in force on its first
day (``absence.policy.policy_for``), so a new version never rewrites past cases.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from charlie.absence.models import AbsencePolicyVersion
from charlie.absence.permissions import MANAGE_POLICY
from charlie.absence.policy import DEFAULT_POLICY, Policy, PolicyVersion, policy_for
from charlie.core.errors import ValidationFailed
from charlie.core.formats import format_date
from charlie.core.text import check_text
from charlie.people import services as people
from charlie.privacy.access import Access


def _to_policy(row: AbsencePolicyVersion) -> Policy:
    return Policy(
        contact_days=tuple(int(d) for d in row.contact_days),
        dialogue_min_periods=row.dialogue_min_periods,
        dialogue_periods_months=row.dialogue_periods_months,
        dialogue_min_days=row.dialogue_min_days,
        dialogue_days_months=row.dialogue_days_months,
        short_term_max_days=row.short_term_max_days,
        section_56_renewal_lead_months=row.section_56_renewal_lead_months,
    )


def policy_versions() -> list[PolicyVersion]:
    """Every version of the local policy, oldest first (pure dataclasses from ``policy.py``)."""
    return [
        PolicyVersion(row.valid_from, _to_policy(row))
        for row in AbsencePolicyVersion.objects.order_by("valid_from")
    ]


def current_policy(on: date | None = None) -> Policy:
    """The policy in force on ``on`` (today by default)."""
    return policy_for(on or people.today(), policy_versions())


def renewal_policy(approved_on: date, versions: Sequence[PolicyVersion] | None) -> Policy:
    """The local policy in force on a § 56 agreement's approval day (its renewal lead time
    applies)."""
    if not versions:
        return DEFAULT_POLICY
    return policy_for(approved_on, versions)


def policy_history(access: Access) -> list[AbsencePolicyVersion]:
    """The versions for HR's policy page, newest first."""
    access.require(MANAGE_POLICY)
    return list(AbsencePolicyVersion.objects.select_related("changed_by").order_by("-valid_from"))


def parse_contact_days(text: str) -> tuple[int, ...]:
    """ "1, 5, 14" → (1, 5, 14); a clear Danish error otherwise."""
    parts = [p for p in re.split(r"[,;\s]+", text.strip()) if p]
    try:
        days = tuple(sorted({int(p) for p in parts}))
    except ValueError:
        raise ValidationFailed(
            [_("Skriv kontaktdagene som hele tal adskilt af komma, fx »1, 5, 14«.")]
        ) from None
    if any(d < 1 or d > 365 for d in days):
        raise ValidationFailed([_("Kontaktdage skal ligge mellem 1 (første sygedag) og 365.")])
    return days


def add_policy_version(
    access: Access, *, valid_from: date, policy: Policy, note: str = "", on: date | None = None
) -> AbsencePolicyVersion:
    """Add a version of the local policy in force from ``valid_from``. HR only.

    A version never changes the past: ``valid_from`` must be today or later, and no version may
    already exist from that date (make a new one from another date instead).
    """
    access.require(MANAGE_POLICY)
    on = on or people.today()
    errors = []
    if valid_from < on:
        errors.append(
            _(
                "En ny version kan tidligst gælde fra i dag (%(day)s). Tidligere sager beholder "
                "den regel, de blev behandlet efter; vælg en dato fra i dag og frem."
            )
            % {"day": format_date(on, get_language())}
        )
    if AbsencePolicyVersion.objects.filter(valid_from=valid_from).exists():
        errors.append(
            _("Der findes allerede en version fra %(day)s. Vælg en anden dato.")
            % {"day": format_date(valid_from, get_language())}
        )
    if errors:
        raise ValidationFailed(errors)
    return AbsencePolicyVersion.objects.create(
        valid_from=valid_from,
        contact_days=list(policy.contact_days),
        dialogue_min_periods=policy.dialogue_min_periods,
        dialogue_periods_months=policy.dialogue_periods_months,
        dialogue_min_days=policy.dialogue_min_days,
        dialogue_days_months=policy.dialogue_days_months,
        short_term_max_days=policy.short_term_max_days,
        section_56_renewal_lead_months=policy.section_56_renewal_lead_months,
        changed_by=access.user,
        note=check_text(note, what=_("Begrundelsen"), max_length=2000, multiline=True),
    )
