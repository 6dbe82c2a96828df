"""``charlie learning compliance [--unit CODE] [--on YYYY-MM-DD] [--status S] --format json|csv``:
mandatory training per person and rule — employee number, name, unit, rule, last completion,
valid until, due date and status ``ok|due|overdue|never`` (docs/learning.md). Runs as the
server's operator with HR's access; every person listed is recorded as read under the purpose
uddannelse on the CLI channel."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any, TextIO

from django.core.management.base import CommandError

from charlie.core.csv_writer import csv_text
from charlie.core.errors import ValidationFailed
from charlie.core.roles import Role
from charlie.learning import compliance as engine
from charlie.learning.services import compliance
from charlie.people.services import operator_access

HELP = "Status for obligatorisk uddannelse pr. medarbejder og krav."

HEADER = [
    "employee_number",
    "name",
    "unit",
    "rule",
    "last_completion",
    "valid_until",
    "due_on",
    "status",
]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"ikke en dato (ÅÅÅÅ-MM-DD): {text}") from exc


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unit", default="", help="Enhedskode (med underenheder).")
    parser.add_argument("--on", type=_day, default=None, help="Dato (ÅÅÅÅ-MM-DD); i dag.")
    parser.add_argument("--status", choices=list(engine.STATUS_NAMES), default="")
    parser.add_argument("--format", choices=["json", "csv"], required=True)


def run(options: dict[str, Any], out: TextIO) -> None:
    access = operator_access(Role.HR, channel="cli")
    try:
        unit_id = compliance.unit_by_code(options["unit"]) if options.get("unit") else None
        rows = compliance.compliance_rows(
            access,
            compliance.Filter(unit_id=unit_id, on=options.get("on"), status=options["status"]),
            detail="krav",
        )
    except ValidationFailed as exc:
        raise CommandError(" ".join(str(m) for m in exc.messages)) from exc
    if options["format"] == "json":
        out.write(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2) + "\n")
        return
    out.write(
        csv_text([HEADER, *([r.as_dict()[key] for key in HEADER] for r in rows)], line_end="\n")
    )
