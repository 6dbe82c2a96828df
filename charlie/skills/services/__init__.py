"""The use cases of skills, and its public face to other apps (they import only this package).

Every service takes the caller's ``Access`` first, checks a permission from
``permissions.py``, filters by scope through ``people.services`` and writes the audit log for
every read and write of personal data under the purpose ``kompetenceudvikling``
(``common.for_development``). The modules by topic:

- ``common``: the data category and purpose, scope;
- ``profiles``: employees' skill profiles, proposals and confirmations, opt-ins, the import;
- ``mus``, ``plans``, ``mus_figures``, ``mus_queue``: MUS, development plans, coverage figures
  and the front page's MUS items; ``roadmap``: the personal skill road map (part "mus");
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from charlie.skills.models import SkillAssessment
from charlie.skills.services.common import CATEGORY, PURPOSE, for_development, person_in_scope
from charlie.skills.services.profiles import Profile, current_assessments, my_profile, profile_of

# --- Part "mus": MUS, development plans, the road map and its activity providers ---
from charlie.skills.services.roadmap import (
    register_activity_provider,
    unregister_activity_provider,
)

__all__ = [
    "CATEGORY",
    "PURPOSE",
    "Profile",
    "current_assessments",
    "for_development",
    "my_data",
    "my_profile",
    "person_in_scope",
    "profile_of",
    # part "mus"
    "register_activity_provider",
    "unregister_activity_provider",
]


def my_data(person_id: int) -> list[dict[str, Any]]:
    """The person's skill assessments for "Mine data", with Danish labels."""
    return [
        {
            _("Kompetence"): a.skill.name,
            _("Niveau"): a.level,
            _("Dato"): a.assessed_on.isoformat(),
            _("Kilde"): a.get_source_display(),
            _("Status"): a.get_status_display(),
        }
        for a in SkillAssessment.objects.filter(person_id=person_id).select_related("skill")
    ]
