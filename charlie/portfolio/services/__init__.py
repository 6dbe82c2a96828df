"""The use cases of the digitalisation portfolio, and its public face to other apps (they import
only this package). Each part of the app has its module here; this package re-exports what the
views, the CLI, the API and other apps use.

Every service takes the caller's ``Access`` first, checks a permission from ``permissions.py``
and writes the audit log for every read and write of personal data under the purpose
``digitalisering`` (``common.for_portfolio``).
"""

from __future__ import annotations

from typing import Any

from charlie.portfolio.services.common import CATEGORY, PURPOSE, for_portfolio

__all__ = ["CATEGORY", "PURPOSE", "for_portfolio", "my_data"]

#: "Mine data" providers of the parts: each returns rows for one person (``my_data`` joins them).
MY_DATA_PARTS: list[Any] = []


def my_data(person_id: int) -> list[dict[str, Any]]:
    """Everything of the portfolio about one person, for "Mine data" (GDPR art. 15 and 20):
    each part adds its provider to ``MY_DATA_PARTS``."""
    rows: list[dict[str, Any]] = []
    for part in MY_DATA_PARTS:
        rows.extend(part(person_id))
    return rows


# --- part cases ---
from charlie.portfolio.services import cases  # noqa: E402
from charlie.portfolio.services.cases import evaluation_of, evaluations  # noqa: E402

__all__ += ["cases", "evaluation_of", "evaluations"]


# --- part initiatives ---
# Initiatives and their project descriptions: other parts read an initiative with
# ``initiative_of`` (READ_PORTFOLIO, 404 when missing) and the ideas part creates one with
# ``create_initiative`` (the next number from ``next_number``); parts link their pages from the
# initiative's page and the front page with ``register_section`` / ``register_home_link``.
from charlie.portfolio.services.initiatives import (  # noqa: E402
    HomeLink,
    InitiativeInvalid,
    Section,
    create_initiative,
    initiative_of,
    next_number,
    register_home_link,
    register_section,
    sees_names,
)

__all__ += [
    "HomeLink",
    "InitiativeInvalid",
    "Section",
    "create_initiative",
    "initiative_of",
    "next_number",
    "register_home_link",
    "register_section",
    "sees_names",
]


# --- part team ---
from charlie.portfolio.services import team  # noqa: E402

__all__ += ["team"]


# --- part ideas ---
# The published beacons with their progress (the overview and the reports use it).
from charlie.portfolio.services.beacons import published_progress  # noqa: E402

__all__ += ["published_progress"]


# --- part priorities ---
from charlie.portfolio.services import priorities  # noqa: E402

__all__ += ["priorities"]

# --- part benefits ---
from charlie.portfolio.services import automations, benefits, reports  # noqa: E402

__all__ += ["automations", "benefits", "reports"]
