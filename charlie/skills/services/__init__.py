"""The use cases of skills, and its public face to other apps (they import only this package).

Every service takes the caller's ``Access`` first, checks a permission from
``permissions.py``, filters by scope through ``people.services`` and writes the audit log for
every read and write of personal data under the purpose ``kompetenceudvikling``
(``common.for_development``). The modules by topic:

- ``common``: the data category and purpose, scope;
- ``taxonomy``: local skills and groups, the ESCO import, DigComp, merge and retire, job
  families' ESCO occupations (taxonomy part);
- ``role_profiles``: versioned role profiles and what other parts call on them (taxonomy part);
- ``profiles``: employees' skill profiles, proposals and confirmations, the work-queue item;
- ``optins``: the employee's yes/no to being named (``opted_in_person_ids`` for analysis/teams);
- ``openness``: "Mine data" (``my_data``) and who looked at one's skills;
- ``imports``: employees' skills from CSV/XLSX, all or nothing;
- ``analysis`` (analysis part): gap analysis, the unit × skill heatmap, retiring skill holders,
  re-skilling candidates and shortages, "Sæt det rette hold" (imported as a module);
- ``courses``: the levels completed courses give (the learning app calls it);
- ``mus``, ``plans``, ``mus_figures``, ``mus_queue``: MUS, development plans, coverage figures
  and the front page's MUS items; ``roadmap``: the personal skill road map (part "mus");
"""

from __future__ import annotations

from charlie.skills.roadmap import Option
from charlie.skills.rules import scale_of

# --- Levels that completed courses give (the learning app calls it; issue 14) ---
from charlie.skills.services.certified import certificate_skill, certified_skills
from charlie.skills.services.common import CATEGORY, PURPOSE, for_development, person_in_scope
from charlie.skills.services.courses import CourseLevel, record_course_levels

# --- profiles: opt-ins, Mine data, the import ---
from charlie.skills.services.imports import ImportResult, import_skills
from charlie.skills.services.openness import my_data, who_looked
from charlie.skills.services.optins import opt_in_states, opted_in_person_ids, set_opt_in
from charlie.skills.services.profiles import Profile, current_assessments, my_profile, profile_of

# --- Part "mus": MUS, development plans, the road map and its activity providers ---
from charlie.skills.services.roadmap import (
    register_activity_provider,
    unregister_activity_provider,
)

# --- taxonomy part: the taxonomy, ESCO, DigComp and role profiles ---
from charlie.skills.services.role_profiles import (
    current_profile,
    profile_needs,
    profiles_for_job_family,
)
from charlie.skills.services.taxonomy import offered_skills, resolve_skill, skill_names

__all__ = [
    "CATEGORY",
    "PURPOSE",
    "CourseLevel",
    "Profile",
    "current_assessments",
    "for_development",
    "my_data",
    "my_profile",
    "person_in_scope",
    "profile_of",
    "record_course_levels",
    # part "mus"
    "register_activity_provider",
    "unregister_activity_provider",
]
# --- taxonomy part ---
__all__ += ["current_profile", "offered_skills", "profile_needs", "profiles_for_job_family"]

# --- profiles: opt-ins, Mine data, the import ---
__all__ += [
    "ImportResult",
    "import_skills",
    "opt_in_states",
    "opted_in_person_ids",
    "set_opt_in",
    "who_looked",
]

# --- for learning (issue 14): the catalogue's courses' skills checked against the skill's scale,
# the road map's activities, and skills held with a certificate for mandatory training ---
__all__ += [
    "Option",
    "certificate_skill",
    "certified_skills",
    "resolve_skill",
    "scale_of",
    "skill_names",
]

# --- for the portfolio (issue 17): "Sæt det rette hold" for an initiative, and the person's team
# proposals for the portfolio's "Mine data" rows ---
from charlie.skills.services.analysis import (  # noqa: E402
    TeamNeed,
    TeamView,
    decide_team,
    parse_needs,
    propose_team,
    team_member_ids,
    team_proposal,
    team_proposals,
    team_skill_choices,
)
from charlie.skills.services.openness import PersonTeam, person_team_proposals  # noqa: E402

__all__ += [
    "PersonTeam",
    "TeamNeed",
    "TeamView",
    "decide_team",
    "parse_needs",
    "person_team_proposals",
    "propose_team",
    "team_member_ids",
    "team_proposal",
    "team_proposals",
    "team_skill_choices",
]
