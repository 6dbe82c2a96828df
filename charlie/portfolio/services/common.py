"""What every part of the portfolio services shares: the data category and purpose, and the
caller's access for the digitalisation portfolio."""

from __future__ import annotations

from dataclasses import replace

from charlie.people.services import today
from charlie.privacy.access import Access

__all__ = ["CATEGORY", "PURPOSE", "for_portfolio", "today"]

#: The data category of the app's personal data (registered in apps.py): who submitted,
#: supported and commented on ideas, and who owns initiatives, benefits and automations.
CATEGORY = "digitalisering"

#: The purpose in the data-use register (migration 0002).
PURPOSE = "digitalisering"


def for_portfolio(access: Access) -> Access:
    """The caller acting for the portfolio: others' data is read and written under the purpose
    ``digitalisering`` (their own stays "egen indsigt")."""
    return replace(access, purpose=PURPOSE) if access.purpose else access
