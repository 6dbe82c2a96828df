"""What every part of the portfolio services shares: the data category and purpose, and the
caller's access for the digitalisation portfolio."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.utils.translation import gettext as _

from charlie.people.services import today
from charlie.privacy.access import Access

__all__ = ["CATEGORY", "PURPOSE", "for_portfolio", "mine_row", "today"]

#: The data category of the app's personal data (registered in apps.py): who submitted,
#: supported and commented on ideas, and who owns initiatives, benefits and automations.
CATEGORY = "digitalisering"

#: The purpose in the data-use register (migration 0002).
PURPOSE = "digitalisering"


def for_portfolio(access: Access) -> Access:
    """The caller acting for the portfolio: others' data is read and written under the purpose
    ``digitalisering`` (their own stays "egen indsigt")."""
    return replace(access, purpose=PURPOSE) if access.purpose else access


def mine_row(
    what: str, subject: str, day: date | None, status: str = "", details: str = ""
) -> dict[str, str]:
    """One row of the portfolio's "Mine data" table. Every part's rows share these columns (the
    page takes the table's headings from the first row): what it is, which idea, initiative or
    team, the date (ISO, which the page shows as a Danish date), its status, and details."""
    return {
        _("Hvad"): what,
        _("Emne"): subject,
        _("Dato"): day.isoformat() if day else "",
        _("Status"): status,
        _("Detaljer"): details,
    }
