"""The use cases of learning, and its public face to other apps (they import only this package).

Every service takes the caller's ``Access`` first, checks a permission from ``permissions.py``,
filters by scope through ``people.services`` and writes the audit log for every read and write
of personal data under the purpose ``uddannelse`` (``common.for_learning``). The modules by
topic:

- ``common``: the data category and purpose, scope;
- ``completions``: the one record of completions, which raises the skills a course teaches
  (``skills.services.record_course_levels``);
- ``mine``: "Min læring" and one person's learning record;
"""

from __future__ import annotations

# Part "elearning": the module editor (modules) and taking a module (taking).
from charlie.learning.services import modules, taking
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
    "modules",
    "my_learning",
    "person_in_scope",
    "record_completions",
    "taking",
]

# --- catalogue part: the course catalogue, sessions, enrolment, waiting list, attendance ------
from charlie.learning.services.catalogue import (
    CourseDetail,
    CourseFilter,
    course_detail,
    course_for_edit,
    job_family_id,
    remove_course_skill,
    roadmap_options,
    save_course,
    save_session,
    search_courses,
    session_for_edit,
    session_ical,
    session_of,
    set_course_skill,
)
from charlie.learning.services.enrolments import (
    approve,
    cancel_enrolment,
    cancel_session,
    enrol_by_number,
    enrol_person,
    enrolments_of,
    mark_attendance,
    participants,
    pending_approvals,
    reject,
    request_enrolment,
    send_reminders,
)

__all__ += [
    "CourseDetail",
    "CourseFilter",
    "approve",
    "cancel_enrolment",
    "cancel_session",
    "course_detail",
    "course_for_edit",
    "enrol_by_number",
    "enrol_person",
    "enrolments_of",
    "job_family_id",
    "mark_attendance",
    "participants",
    "pending_approvals",
    "reject",
    "remove_course_skill",
    "request_enrolment",
    "roadmap_options",
    "save_course",
    "save_session",
    "search_courses",
    "send_reminders",
    "session_for_edit",
    "session_ical",
    "session_of",
    "set_course_skill",
]
