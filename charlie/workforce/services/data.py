"""The data every workforce figure starts from: the employment history and today's staff as
arrays, and the exit model fitted on them. Both are cached until the people data change.

No scope and no audit here: these are the municipality's aggregates, which the plan and the
model report narrow to the caller's scope and pass through disclosure control.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from charlie.core.cache import cached, version
from charlie.people import services as people
from charlie.people.job_families import display_name
from charlie.people.models import Employment, EndReason, JobFamily, OrgUnit
from charlie.workforce import history, model, pension

#: The data category the plan is computed from (its minimum group size, and the audit category
#: of a pension look-up).
CATEGORY = people.CATEGORY_MASTER_DATA
#: How many complete years before this one the exit model is fitted on.
FIT_YEARS = 6


def today() -> date:
    return people.today()


def data_version() -> int:
    return version("people")


@dataclasses.dataclass(frozen=True)
class StaffData:
    """History and today's staff as arrays (no names: ids, dates and codes only)."""

    spells: history.Spells
    stay_start: np.ndarray  # per spell: the first day of the person's stay (seniority)
    unit_path: list[str]  # per spell: the org unit's path (scope checks)
    family_codes: list[str]
    family_names: list[str]
    unit_ids: list[int]  # forvaltning ids (0: staff placed at the top of the tree)
    unit_names: list[str]


def _load() -> StaffData:
    families = list(
        JobFamily.objects.order_by("sort_order", "name").values_list("pk", "code", "name")
    )
    family_index = {pk: i for i, (pk, _code, _name) in enumerate(families)}
    units = {
        pk: (path, depth, name)
        for pk, path, depth, name in OrgUnit.objects.values_list("pk", "path", "depth", "name")
    }
    top_ids = sorted({top_unit(path) for path, _depth, _name in units.values()})
    top_index = {pk: i for i, pk in enumerate(top_ids)}
    labels = people.unit_labels()  # a repeated name is shown with its parent
    top_names = [
        labels.get(pk, units[pk][2]) if pk in units and units[pk][1] == 1 else _("Øverste niveau")
        for pk in top_ids
    ]
    rows = Employment.objects.values_list(
        "person_id",
        "person__birth_date",
        "job_family_id",
        "org_unit_id",
        "weekly_hours",
        "start_date",
        "end_date",
        "end_reason",
    ).order_by("pk")  # the oldest employment wins a tie for a person's largest (as in people)
    columns = list(zip(*rows, strict=True)) or [()] * 8
    person, birth, family, unit, hours, start, end, reason = columns
    births = np.array(birth, dtype="datetime64[D]")
    pension_years = pension.folkepension_years(births) if len(births) else np.zeros(0, np.int64)
    epoch = np.datetime64("1970-01-01", "D")
    ends = np.array(
        [
            history.OPEN if e is None else (np.datetime64(e, "D") - epoch).astype(np.int64)
            for e in end
        ],
        dtype=np.int64,
    )
    spells = history.Spells(
        person=np.array(person, dtype=np.int64),
        birth_year=births.astype("datetime64[Y]").astype(np.int64) + 1970,
        pension_year=np.asarray(pension_years, dtype=np.int64),
        family=np.array([family_index[f] for f in family], dtype=np.int64),
        unit=np.array([top_index[top_unit(units[u][0])] for u in unit], dtype=np.int64),
        fte=np.array([float(h) / 37 for h in hours], dtype=np.float64),
        start=(np.array(start, dtype="datetime64[D]") - epoch).astype(np.int64),
        end=ends,
        retirement=np.array([r == EndReason.RETIREMENT for r in reason], dtype=bool),
    )
    return StaffData(
        spells=spells,
        stay_start=history.stay_starts(spells),
        unit_path=[units[u][0] for u in unit],
        family_codes=[code for _pk, code, _name in families],
        family_names=[display_name(code, name) for _pk, code, name in families],
        unit_ids=top_ids,
        unit_names=top_names,
    )


def top_unit(path: str) -> int:
    """The forvaltning (depth-1 unit) id of a unit path such as ``/1/4/17/``; 0 at the top."""
    parts = [p for p in path.split("/") if p]
    return int(parts[1]) if len(parts) > 1 else 0


def staff_data() -> StaffData:
    """The history and today's staff, cached until the people data change."""
    return cached("people", "workforce:data", _load)


def fit_years(on: date) -> range:
    return range(on.year - FIT_YEARS, on.year)


def fitted_model(on: date) -> tuple[model.ExitModel, history.Panel]:
    """The exit model fitted on the ``FIT_YEARS`` complete years before ``on``, and its panel."""

    def compute() -> tuple[model.ExitModel, history.Panel]:
        data = staff_data()
        years = fit_years(on)
        panel = history.panel(data.spells, years)
        fitted = model.fit(panel, len(data.family_codes), years, **hires(data, years))
        return fitted, panel

    return cached("people", f"workforce:model:{on.year}", compute)


def hires(data: StaffData, years: range) -> dict[str, Any]:
    """The hires from outside in ``years``: ``hire_family`` and ``hire_age``, as the model's
    ``fit`` and ``backtest`` take them."""
    _person, day, family, age = history.entries(data.spells)
    year = history.year_of(day)
    keep = (year >= years.start) & (year < years.stop)
    return {"hire_family": family[keep], "hire_age": age[keep]}
