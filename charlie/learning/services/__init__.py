"""The use cases of learning, and its public face to other apps (they import only this package).

Every service takes the caller's ``Access`` first, checks a permission from ``permissions.py``,
filters by scope through ``people.services`` and writes the audit log for every read and write
of personal data under the purpose ``uddannelse`` (``common.for_learning``). The modules by
topic:

- ``common``: the data category and purpose, scope;
- ``completions``: the one record of completions, which raises the skills a course teaches
  (``skills.services.record_course_levels``);
- ``mine``: "Min læring" and one person's learning record;
- ``compliance``, ``rules_admin``, ``training_tasks`` (part "compliance"): mandatory training —
  the rules, compliance per person, managers' tasks and reminders;
"""

from __future__ import annotations

from charlie.learning.services.common import CATEGORY, PURPOSE, for_learning, person_in_scope
from charlie.learning.services.completions import NewCompletion, Recorded, record_completions
from charlie.learning.services.mine import Learning, learning_of, my_learning

__all__ = [
    "CATEGORY",
    "PURPOSE",
    "Learning",
    "NewCompletion",
    "Recorded",
    "for_learning",
    "learning_of",
    "my_learning",
    "person_in_scope",
    "record_completions",
]

# --- Part "compliance": mandatory training, compliance, tasks and reminders ---
from charlie.learning.services import compliance, rules_admin, training_tasks

__all__ += ["compliance", "rules_admin", "training_tasks"]

# --- Part "figures": learning figures per unit, job family and year ---
from charlie.learning.services import figures  # noqa: E402

__all__ += ["figures"]
