"""The workforce plan's use cases — the app's public face to its views, API, command, the demo
and other apps. Every service that shows or changes something takes the caller's ``Access``
first and asks it for a permission (``charlie.workforce.permissions``):

- ``data``: the employment history and today's staff as arrays, and the exit model fitted on
  them (cached; no scope: the other modules narrow and protect what they take from it);
- ``plans``: the projection of a scenario in the caller's scope, disclosure-controlled
  (``READ_PLAN``: HR and analysts the municipality, a manager their units);
- ``exit_model``: how the exit model was fitted and backtested (``READ_PLAN``; aggregates);
- ``scenario_store``: read and choose scenarios (``READ_PLAN``), create, copy, edit and delete them
  (``EDIT_SCENARIOS``: HR and analysts); ``illustrative``: the scenario the demo ships with;
- ``pension_dates``: one person's pension age and dates (``LOOK_UP_PENSION_DATES``: HR only,
  for the registered purpose "arbejdsstyrkeplanlaegning", audited).

The modules take what they share from ``data`` and never import one another otherwise.
"""

from charlie.workforce.services.data import CATEGORY, FIT_YEARS, data_version, fit_years, today
from charlie.workforce.services.exit_model import BacktestYear, ModelReport, model_report
from charlie.workforce.services.illustrative import (
    ILLUSTRATIVE_NAME,
    LEMVIG_POPULATION,
    NATIONAL_GROWTH_PERCENT,
    create_illustrative_scenario,
)
from charlie.workforce.services.pension_dates import (
    PURPOSE,
    PersonPension,
    person_overview_section,
    person_pension,
)
from charlie.workforce.services.plans import (
    DEFAULT_RUNS,
    DEFAULT_SEED,
    DEFAULT_TO_YEAR,
    DIMENSIONS,
    MAX_RUNS,
    MIN_RUNS,
    Band,
    Plan,
    PlanRow,
    YearRow,
    pension_years_of,
    plan,
)
from charlie.workforce.services.scenario_store import (
    GROWTH_LIMIT,
    GrowthField,
    copy_scenario,
    create_scenario,
    delete_driver,
    delete_scenario,
    get_scenario,
    growth_fields,
    growth_problems,
    job_families,
    save_driver,
    save_growth,
    save_rules,
    scenario_drivers,
    scenario_rules,
    scenarios,
    set_growth,
    update_scenario,
)

__all__ = [
    "CATEGORY",
    "DEFAULT_RUNS",
    "DEFAULT_SEED",
    "DEFAULT_TO_YEAR",
    "DIMENSIONS",
    "FIT_YEARS",
    "GROWTH_LIMIT",
    "ILLUSTRATIVE_NAME",
    "LEMVIG_POPULATION",
    "MAX_RUNS",
    "MIN_RUNS",
    "NATIONAL_GROWTH_PERCENT",
    "PURPOSE",
    "BacktestYear",
    "Band",
    "GrowthField",
    "ModelReport",
    "PersonPension",
    "Plan",
    "PlanRow",
    "YearRow",
    "copy_scenario",
    "create_illustrative_scenario",
    "create_scenario",
    "data_version",
    "delete_driver",
    "delete_scenario",
    "fit_years",
    "get_scenario",
    "growth_fields",
    "growth_problems",
    "job_families",
    "model_report",
    "pension_years_of",
    "person_overview_section",
    "person_pension",
    "plan",
    "save_driver",
    "save_growth",
    "save_rules",
    "scenario_drivers",
    "scenario_rules",
    "scenarios",
    "set_growth",
    "today",
    "update_scenario",
]
