"""``charlie learning …``: learning from the command line (docs/learning.md).

- ``import FILE…``: completions from CSV/XLSX, all or nothing (``cli/imports.py``);
- ``compliance [--unit CODE] [--on YYYY-MM-DD] --format json|csv``: mandatory training per
  person (``cli/compliance.py``).
"""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

#: Subcommand → the module under ``charlie.learning.cli`` that implements it.
SUBCOMMANDS: dict[str, str] = {}
# --- Part "compliance" ---
SUBCOMMANDS["compliance"] = "compliance"
# --- records ---
SUBCOMMANDS["import"] = "imports"


class Command(BaseCommand):
    help = "Læring: indlæs gennemførte kurser, og se status for obligatorisk uddannelse."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        for name, module in SUBCOMMANDS.items():
            mod = importlib.import_module(f"charlie.learning.cli.{module}")
            mod.add_arguments(sub.add_parser(name, help=mod.HELP))

    def handle(self, *args: Any, **options: Any) -> None:
        mod = importlib.import_module(f"charlie.learning.cli.{SUBCOMMANDS[options['subcommand']]}")
        mod.run(options, self.stdout)
