"""The absence app's use cases: its public face for views, the API, commands and other apps.

Every service that acts for someone takes ``access: Access`` first (``charlie.privacy.access``);
background jobs that act for nobody take none. The topics, lowest first (each imports only
those above it):

- ``policy``: the versioned local absence policy as stored (HR adds a version);
- ``periods``: writing absence periods in bulk (the payroll import);
- ``figures``: disclosure-controlled absence figures (the dashboard, the API, the CLI);
- ``followup``: the follow-up deadlines of a person's sickness spells, and the loaders the
  task refresh shares;
- ``tasks``: managers' follow-up tasks, reminders and the calendar feed;
- ``agreements``: § 56 agreements and retention plans;
- ``person``: one person's absence and follow-up for the person overview (``people.overview``);
- ``selfservice``: an employee's own absence (report sick or recovered, history, next steps).

The pure rules they use live beside them: ``kinds`` (absence types, data categories),
``policy`` (the local policy's rules), ``rules`` (the law's deadlines), ``spells`` (sickness
spells and cases) and ``stats`` (the figures' arithmetic).
"""

from __future__ import annotations

from charlie.absence.kinds import ABSENCE_TYPES, CATEGORY_ABSENCE, CATEGORY_FOLLOWUP
from charlie.absence.services import (
    agreements,
    figures,
    followup,
    periods,
    person,
    policy,
    selfservice,
    tasks,
)
from charlie.absence.services.agreements import (
    overview,
    record_agreement,
    record_retention_plan,
    spell_choices,
)
from charlie.absence.services.figures import (
    BY_CHOICES,
    FigureRow,
    Figures,
    absence_figures,
    published_window,
)
from charlie.absence.services.followup import CaseDeadlines, PersonDeadlines, deadlines
from charlie.absence.services.periods import (
    AbsenceRow,
    ExistingAbsence,
    bulk_load,
    existing_absences,
    insert_absences,
    move_absences,
    person_ids_with_absence,
    update_absences,
)
from charlie.absence.services.policy import (
    add_policy_version,
    current_policy,
    parse_contact_days,
    policy_history,
    policy_versions,
)
from charlie.absence.services.selfservice import (
    NoPerson,
    ReportError,
    my_absence,
    report_sick,
    report_well,
)
from charlie.absence.services.tasks import (
    RefreshResult,
    TaskRow,
    add_note,
    complete,
    escalate_overdue,
    feed,
    feed_status,
    get_task,
    not_applicable,
    notes_of,
    refresh_now,
    refresh_tasks,
    revoke_feed_token,
    rotate_feed_token,
    send_reminders,
    tasks_for,
)

__all__ = [
    "ABSENCE_TYPES",
    "BY_CHOICES",
    "CATEGORY_ABSENCE",
    "CATEGORY_FOLLOWUP",
    "AbsenceRow",
    "CaseDeadlines",
    "ExistingAbsence",
    "FigureRow",
    "Figures",
    "NoPerson",
    "PersonDeadlines",
    "RefreshResult",
    "ReportError",
    "TaskRow",
    "absence_figures",
    "add_note",
    "add_policy_version",
    "agreements",
    "bulk_load",
    "complete",
    "current_policy",
    "deadlines",
    "escalate_overdue",
    "existing_absences",
    "feed",
    "feed_status",
    "figures",
    "followup",
    "get_task",
    "insert_absences",
    "move_absences",
    "my_absence",
    "not_applicable",
    "notes_of",
    "overview",
    "parse_contact_days",
    "periods",
    "person",
    "person_ids_with_absence",
    "policy",
    "policy_history",
    "policy_versions",
    "published_window",
    "record_agreement",
    "record_retention_plan",
    "refresh_now",
    "refresh_tasks",
    "report_sick",
    "report_well",
    "revoke_feed_token",
    "rotate_feed_token",
    "selfservice",
    "send_reminders",
    "spell_choices",
    "tasks",
    "tasks_for",
    "update_absences",
]
