"""``charlie skills gap --employee N --role CODE --format json``: one employee (by employee
number) against the current version of a role profile: the requirements, what is held and what
is missing, with levels (docs/skills.md). Runs as the server's operator with HR's access; the
read is audited under the purpose kompetenceudvikling on the CLI channel."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from django.core.management.base import CommandError

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.roles import Role
from charlie.people.services import operator_access
from charlie.skills.services import analysis

HELP = "Gab: én medarbejder mod en stillingsprofil (krav, har, mangler)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--employee", required=True, help="Medarbejdernummer.")
    parser.add_argument("--role", required=True, help="Stillingsprofilens kode.")
    parser.add_argument("--format", choices=["json"], default="json")


def run(options: dict[str, Any], out: TextIO) -> None:
    access = operator_access(Role.HR, channel="cli")
    try:
        result = analysis.person_gap_by_number(access, options["employee"], options["role"])
    except NotFound as exc:
        raise CommandError(
            "Medarbejderen eller stillingsprofilen findes ikke: "
            f"{options['employee']}, {options['role']}"
        ) from exc
    except ValidationFailed as exc:
        raise CommandError(" ".join(exc.messages)) from exc
    out.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n")
