"""``charlie portfolio …``: the digitalisation portfolio from the command line
(docs/portfolio.md). Each part of the app adds its subcommand to ``SUBCOMMANDS``."""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

#: Subcommand → the module under ``charlie.portfolio.cli`` that implements it.
SUBCOMMANDS: dict[str, str] = {}

# --- part priorities ---
SUBCOMMANDS["prioritise"] = "prioritise"


class Command(BaseCommand):
    help = "Digitaliseringsportefølje: business cases og prioritering."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        for name, module in SUBCOMMANDS.items():
            mod = importlib.import_module(f"charlie.portfolio.cli.{module}")
            mod.add_arguments(sub.add_parser(name, help=mod.HELP))

    def handle(self, *args: Any, **options: Any) -> None:
        module = SUBCOMMANDS[options["subcommand"]]
        mod = importlib.import_module(f"charlie.portfolio.cli.{module}")
        mod.run(options, self.stdout)


# --- part cases ---
SUBCOMMANDS["business-case"] = "business_case"
