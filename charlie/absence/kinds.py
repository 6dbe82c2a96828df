"""The kinds of absence and of absence data. Pure: the standard library only, never Django.

- The absence type codes, once: ``models.AbsenceType`` gives them their Danish labels,
  ``stats`` classifies them, the follow-up acts on the :data:`SICKNESS_TYPES`.
- The data categories of the app (``privacy`` registers them in ``AbsenceConfig.ready``):
  :data:`CATEGORY_ABSENCE` (absence periods, and the reads and writes of sickness follow-up,
  which rest on them) and :data:`CATEGORY_FOLLOWUP` (what "Mine data" shows of the follow-up:
  tasks, notes, § 56 agreements and retention plans).
"""

from __future__ import annotations

SICKNESS = "sickness"
PARTIAL_SICKNESS = "partial_sickness"
WORK_INJURY = "work_injury"
CHILD_SICK = "child_sick"
CHILD_HOSPITAL = "child_hospital"
CARE_DAY = "care_day"
SENIOR_DAY = "senior_day"
HOLIDAY = "holiday"
SIXTH_HOLIDAY_WEEK = "sixth_week"
PARENTAL_LEAVE = "parental_leave"
UNPAID_LEAVE = "unpaid_leave"
COURSE = "course"

#: Every absence type code, in the order ``models.AbsenceType`` lists them.
ABSENCE_TYPES: tuple[str, ...] = (
    SICKNESS,
    PARTIAL_SICKNESS,
    WORK_INJURY,
    CHILD_SICK,
    CHILD_HOSPITAL,
    CARE_DAY,
    SENIOR_DAY,
    HOLIDAY,
    SIXTH_HOLIDAY_WEEK,
    PARENTAL_LEAVE,
    UNPAID_LEAVE,
    COURSE,
)

#: The absence types the sickness follow-up applies to (sygedagpengeloven: own sickness, also
#: partial, and a work injury, which is sickness for sygedagpenge purposes).
SICKNESS_TYPES: tuple[str, ...] = (SICKNESS, PARTIAL_SICKNESS, WORK_INJURY)

#: Data category of absence periods: dates and types only, never a cause or diagnosis.
CATEGORY_ABSENCE = "fravaer"
#: Data category of the sickness follow-up held about a person (for "Mine data").
CATEGORY_FOLLOWUP = "opfoelgning"
