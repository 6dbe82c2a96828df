"""The use cases of well-being and the working environment, and their public face to other apps
(they import only this package).

Every service takes the caller's ``Access`` first (``people.access_of(request)`` in views,
``people.access_for(user, channel="cli")`` in commands), checks a permission from
``permissions.py`` and the caller's scope, and writes the audit log for every read and write of
personal data. Answering acts for nobody: it reaches one invitation by its one-time link, and
the answer it writes holds no person (docs/wellbeing-anonymity.md).
"""

from __future__ import annotations

from charlie.wellbeing.services.common import CATEGORY, PURPOSE, for_wellbeing
from charlie.wellbeing.services.mine import my_data

__all__ = ["CATEGORY", "PURPOSE", "for_wellbeing", "my_data"]

# --- part results ---
from charlie.wellbeing.services import comments, results
from charlie.wellbeing.services.results import trend, unit_summary

__all__ += ["comments", "results", "trend", "unit_summary"]
