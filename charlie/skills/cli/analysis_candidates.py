"""``charlie skills candidates --role CODE [--top N] --format json|csv``: internal candidates
for re-skilling into a role, ranked by the closeness of their confirmed skills (docs/skills.md,
"Gab, omskoling og hold"). Only employees who have opted in to hear about new opportunities are
named (each audited as proposed for a role); the others are counts per closeness band, through
disclosure control (in the JSON form). Runs as the operator with HR's access."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from django.core.management.base import CommandError

from charlie.core.csv_writer import csv_text
from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.roles import Role
from charlie.people.services import operator_access
from charlie.skills.services import analysis

HELP = "Kandidater til omskoling mod en stillingsprofil (kun dem, der har sagt ja, med navn)."

COLUMNS = ["rank", "employee_number", "name", "unit", "coverage", "hours_to_close", "missing"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--role", required=True, help="Stillingsprofilens kode.")
    parser.add_argument("--top", type=int, default=analysis.DEFAULT_TOP, help="Højst så mange.")
    parser.add_argument("--year", type=int, default=analysis.DEFAULT_BY_YEAR)
    parser.add_argument("--hours-per-year", type=float, default=analysis.DEFAULT_HOURS_PER_YEAR)
    parser.add_argument("--format", choices=["json", "csv"], default="json")


def as_json(result: analysis.Candidates) -> dict[str, Any]:
    return {
        "role": result.profile.code,
        "role_version": result.profile.version,
        "role_name": result.profile.name,
        "by_year": result.by_year,
        "hours_per_year": result.hours_per_year,
        "candidates": result.as_rows(),
        "opted_in": result.named_total,
        "others": {
            "total": result.others_total,
            "bands": [{"coverage": b.label, "count": b.count} for b in result.bands],
        },
        "reskillable_by_year": result.reskillable,
        "reskillable_opted_in": result.reskillable_named,
        "min_group_size": result.min_size,
    }


def run(options: dict[str, Any], out: TextIO) -> None:
    access = operator_access(Role.HR, channel="cli")
    try:
        result = analysis.candidates(
            access,
            options["role"],
            top=options["top"],
            by_year=options["year"],
            hours_per_year=options["hours_per_year"],
        )
    except NotFound as exc:
        raise CommandError(f"Stillingsprofilen findes ikke: {options['role']}") from exc
    except ValidationFailed as exc:
        raise CommandError(" ".join(exc.messages)) from exc
    if options["format"] == "csv":
        rows = result.as_rows()
        out.write(csv_text([COLUMNS, *[[r[c] for c in COLUMNS] for r in rows]], line_end="\n"))
    else:
        out.write(json.dumps(as_json(result), ensure_ascii=False, indent=2) + "\n")
