"""The use cases of well-being and the working environment, and their public face to other apps
(they import only this package).

Every service takes the caller's ``Access`` first (``people.access_of(request)`` in views,
``people.access_for(user, channel="cli")`` in commands), checks a permission from
``permissions.py`` and the caller's scope, and writes the audit log for every read and write of
personal data. Answering acts for nobody: it reaches one invitation by its one-time link, and
the answer it writes holds no person (docs/wellbeing-anonymity.md).
"""

from __future__ import annotations

from charlie.wellbeing.services import (
    about,
    actions,
    answering,
    apv,
    checkins,
    comments,
    initiatives,
    questionnaires,
    results,
    surveys,
)
from charlie.wellbeing.services.actions import (
    overdue_for,
)
from charlie.wellbeing.services.answering import (
    record_answers,
)
from charlie.wellbeing.services.common import (
    CATEGORY,
    PURPOSE,
    for_wellbeing,
)
from charlie.wellbeing.services.mine import (
    my_data,
)
from charlie.wellbeing.services.questionnaires import (
    FREE_TEXT_WARNING,
    charlie_bank,
    freeze_version,
    sections,
    version_problems,
)
from charlie.wellbeing.services.results import (
    trend,
    unit_summary,
)
from charlie.wellbeing.services.surveys import (
    close,
    launch,
)

__all__ = [
    "CATEGORY",
    "FREE_TEXT_WARNING",
    "PURPOSE",
    "about",
    "actions",
    "answering",
    "apv",
    "charlie_bank",
    "checkins",
    "close",
    "comments",
    "for_wellbeing",
    "freeze_version",
    "initiatives",
    "launch",
    "my_data",
    "overdue_for",
    "questionnaires",
    "record_answers",
    "results",
    "sections",
    "surveys",
    "trend",
    "unit_summary",
    "version_problems",
]
