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

from charlie.recruitment.services import (
    applying,
    careers,
    fairness,
    onboarding,
    pipeline,
    requisitions,
    stories,
    talent,
)
from charlie.recruitment.services.ads import (
    AdPage,
    ad_for_edit,
    ad_page,
    add_committee_member,
    add_criterion,
    approved_requisitions,
    check_ad_text,
    check_draft,
    close_ad,
    committee_candidates,
    facts_of,
    list_ads,
    publish_ad,
    remove_committee_member,
    remove_criterion,
    requisition_initial,
    save_ad,
)
from charlie.recruitment.services.common import CATEGORY, PURPOSE, for_recruitment
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

__all__ = [
    "CATEGORY",
    "PURPOSE",
    "AdPage",
    "Shortage",
    "ad_for_edit",
    "ad_page",
    "add_committee_member",
    "add_criterion",
    "applying",
    "approved_requisitions",
    "careers",
    "check_ad_text",
    "check_draft",
    "close_ad",
    "committee_candidates",
    "decide_requisition",
    "delete_requisition",
    "facts_of",
    "fairness",
    "for_recruitment",
    "list_ads",
    "list_requisitions",
    "onboarding",
    "pipeline",
    "publish_ad",
    "remove_committee_member",
    "remove_criterion",
    "requisition_detail",
    "requisition_for_edit",
    "requisition_initial",
    "requisition_units",
    "requisitions",
    "save_ad",
    "save_requisition",
    "shortage",
    "shortage_years",
    "stories",
    "submit_requisition",
    "talent",
]

# wellbeing (issue 16, point 6): the onboarding check-ins' answers without names, for figures.
from charlie.recruitment.services.onboarding import CheckInAnswers, check_in_answers

__all__ += ["CheckInAnswers", "check_in_answers"]
