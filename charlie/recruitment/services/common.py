"""What every part of the recruitment services shares: the data category and purpose, and the
caller's access for recruitment."""

from __future__ import annotations

from dataclasses import replace

from charlie.people.services import today
from charlie.privacy.access import Access

__all__ = ["CATEGORY", "PURPOSE", "for_recruitment", "today"]

#: The data category of the app's personal data (registered in apps.py): applications, their
#: files, scores, notes, letters and interviews; talent-pool profiles; onboarding plans.
CATEGORY = "rekruttering"

#: The purpose in the data-use register (migration 0002): recruitment and onboarding.
PURPOSE = "rekruttering"


def for_recruitment(access: Access) -> Access:
    """The caller acting for recruitment: others' data is read and written under the purpose
    ``rekruttering`` (their own stays "egen indsigt")."""
    return replace(access, purpose=PURPOSE) if access.purpose else access
