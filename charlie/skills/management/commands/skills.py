"""``charlie skills …``: the competence data from the command line (docs/skills.md).

- ``import-esco DIR [--dry-run]``: the official ESCO CSV download (``cli/esco.py``);
- ``import FILE…``: employees' skills from CSV/XLSX, all or nothing (``cli/imports.py``);
- ``gap --employee N --role CODE --format json``: one person against a role profile
  (``cli/analysis.py``);
- ``candidates --role CODE [--top N] --format json|csv``: re-skilling candidates
  (``cli/analysis.py``).
"""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

#: Subcommand → the module under ``charlie.skills.cli`` that implements it.
SUBCOMMANDS: dict[str, str] = {}
# --- taxonomy part ---
SUBCOMMANDS["import-esco"] = "esco"
# --- profiles: the employees' skills import ---
SUBCOMMANDS["import"] = "imports"
# --- analysis part (issue 13, point 11) ---
SUBCOMMANDS["gap"] = "analysis_gap"
SUBCOMMANDS["candidates"] = "analysis_candidates"


class Command(BaseCommand):
    help = "Kompetencer: ESCO, import af medarbejderes kompetencer, gab og kandidater."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        for name, module in SUBCOMMANDS.items():
            mod = importlib.import_module(f"charlie.skills.cli.{module}")
            mod.add_arguments(sub.add_parser(name, help=mod.HELP))

    def handle(self, *args: Any, **options: Any) -> None:
        mod = importlib.import_module(f"charlie.skills.cli.{SUBCOMMANDS[options['subcommand']]}")
        mod.run(options, self.stdout)
