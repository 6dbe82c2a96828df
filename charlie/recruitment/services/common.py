"""What every part of the recruitment services shares: the data category and purpose, and the
caller's access for recruitment."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from charlie.people.services import today
from charlie.privacy import services as privacy
from charlie.privacy.access import Access
from charlie.privacy.models import Action

__all__ = [
    "CATEGORY",
    "PURPOSE",
    "applicant_subject",
    "audit_applicants",
    "for_recruitment",
    "today",
]

#: The data category of the app's personal data (registered in apps.py): applications, their
#: files, scores, notes, letters and interviews; talent-pool profiles; onboarding plans.
CATEGORY = "rekruttering"

#: The purpose in the data-use register (migration 0002): recruitment and onboarding.
PURPOSE = "rekruttering"


def for_recruitment(access: Access) -> Access:
    """The caller acting for recruitment: others' data is read and written under the purpose
    ``rekruttering`` (their own stays "egen indsigt")."""
    return replace(access, purpose=PURPOSE) if access.purpose else access


def applicant_subject(application_id: int) -> str:
    """How the audit log names an applicant, who has no person record: ``ansøgning:<id>``
    (in the entry's account column, which the DPO's search matches)."""
    return f"ansøgning:{application_id}"


def audit_applicants(
    access: Access,
    application_ids: Iterable[int],
    *,
    action: str = Action.READ,
    detail: str = "",
) -> None:
    """Write the audit log for this caller reading or changing these applications: one entry
    per application, under the purpose ``rekruttering`` (``detail``: no personal data)."""
    subjects = [
        privacy.AccountSubject(username=applicant_subject(pk))
        for pk in sorted(set(application_ids))
    ]
    if subjects:
        privacy.record(
            actor=access.user,
            subject_accounts=subjects,
            action=action,
            category=CATEGORY,
            purpose=PURPOSE,
            channel=access.channel,
            detail=detail,
        )
