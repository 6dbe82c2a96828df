"""``charlie recruitment …``: recruitment from the command line (docs/recruitment.md).

- ``check-ad FILE [--lang da|en] [--format text|json]``: the inclusive-language check of a job ad.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

#: Subcommand → the module under ``charlie.recruitment.cli`` that implements it.
SUBCOMMANDS: dict[str, str] = {
    "check-ad": "check_ad",  # part adcheck
}


class Command(BaseCommand):
    help = "Rekruttering: tjek et jobopslags sprog."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        for name, module in SUBCOMMANDS.items():
            mod = importlib.import_module(f"charlie.recruitment.cli.{module}")
            mod.add_arguments(sub.add_parser(name, help=mod.HELP))

    def handle(self, *args: Any, **options: Any) -> None:
        module = SUBCOMMANDS[options["subcommand"]]
        mod = importlib.import_module(f"charlie.recruitment.cli.{module}")
        mod.run(options, self.stdout)
