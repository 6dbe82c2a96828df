"""The use cases of learning, and its public face to other apps (they import only this package).

Every service takes the caller's ``Access`` first, checks a permission from ``permissions.py``,
filters by scope through ``people.services`` and writes the audit log for every read and write
of personal data under the purpose ``uddannelse`` (``common.for_learning``). The modules by
topic:

- ``common``: the data category and purpose, scope;
- ``completions``: the one record of completions, which raises the skills a course teaches
  (``skills.services.record_course_levels``);
- ``mine``: "Min læring" and one person's learning record;
- ``catalogue``, ``enrolments``, ``seats``: the course catalogue, sessions, enrolment with the
  manager's approval, the waiting list, attendance, iCal, reminders, the road map's courses;
- ``modules`` (HR's editor) and ``taking`` (progress, attempts, certificates): e-learning;
- ``compliance``, ``rules_admin``, ``training_tasks``: mandatory training — the rules,
  compliance per person, managers' tasks and reminders; ``compliance_figures``: its counts;
- ``figures``: "Læringstal" — hours and cost per FTE, the share with learning, module rates;
- ``imports`` (files of completions), ``xapi`` (the statements endpoint and its clients),
  ``records`` (one person's completions for the API), ``openness`` ("Mine data");
"""

from __future__ import annotations

from charlie.learning.services import (
    compliance,
    figures,
    modules,
    rules_admin,
    taking,
    training_tasks,
)
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
    taught_skills,
)
from charlie.learning.services.common import CATEGORY, PURPOSE, for_learning, person_in_scope
from charlie.learning.services.completions import NewCompletion, Recorded, record_completions
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
from charlie.learning.services.imports import ImportResult, import_completions
from charlie.learning.services.mine import Learning, learning_of, my_learning
from charlie.learning.services.openness import my_data
from charlie.learning.services.records import PersonCompletions, completions_of

__all__ = [
    "CATEGORY",
    "PURPOSE",
    "CourseDetail",
    "CourseFilter",
    "ImportResult",
    "Learning",
    "NewCompletion",
    "PersonCompletions",
    "Recorded",
    "approve",
    "cancel_enrolment",
    "cancel_session",
    "completions_of",
    "compliance",
    "course_detail",
    "course_for_edit",
    "enrol_by_number",
    "enrol_person",
    "enrolments_of",
    "figures",
    "for_learning",
    "import_completions",
    "job_family_id",
    "learning_of",
    "mark_attendance",
    "modules",
    "my_data",
    "my_learning",
    "participants",
    "pending_approvals",
    "person_in_scope",
    "record_completions",
    "reject",
    "remove_course_skill",
    "request_enrolment",
    "roadmap_options",
    "rules_admin",
    "save_course",
    "save_session",
    "search_courses",
    "send_reminders",
    "session_for_edit",
    "session_ical",
    "session_of",
    "set_course_skill",
    "taking",
    "taught_skills",
    "training_tasks",
]

# --- for the portfolio (issue 17): the courses that teach a team's missing skills ---
from charlie.learning.services.catalogue import TeachingCourse, courses_teaching

__all__ += ["TeachingCourse", "courses_teaching"]
