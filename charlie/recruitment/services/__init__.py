"""The use cases of recruitment and onboarding, and their public face to other apps (they
import only this package).

Every service takes the caller's ``Access`` first (``people.access_of(request)`` in views,
``people.access_for(user, channel="cli")`` in commands), checks a permission from
``permissions.py`` (or, for a committee member, membership of the round), and writes the audit
log for every read and write of personal data. The public pages (careers site, applying, the
talent pool, pre-boarding) act for nobody: they reach one application, profile or plan by its
private link only.
"""

from __future__ import annotations

from charlie.recruitment.services.common import CATEGORY, PURPOSE, for_recruitment

__all__ = ["CATEGORY", "PURPOSE", "for_recruitment"]

# --- part careers: requisitions, the public careers site, employer-branding stories ---------
from charlie.recruitment.services import careers, requisitions, stories
from charlie.recruitment.services.requisitions import (
    Shortage,
    decide_requisition,
    delete_requisition,
    list_requisitions,
    requisition_detail,
    requisition_for_edit,
    requisition_units,
    save_requisition,
    shortage,
    shortage_years,
    submit_requisition,
)

__all__ += [
    "Shortage",
    "careers",
    "decide_requisition",
    "delete_requisition",
    "list_requisitions",
    "requisition_detail",
    "requisition_for_edit",
    "requisition_units",
    "requisitions",
    "save_requisition",
    "shortage",
    "shortage_years",
    "stories",
    "submit_requisition",
]
