"""``charlie startapp NAME``: a new Charlie app from the project's template (replaces Django's).

See ``charlie.core.new_app`` and docs/architecture.md, "Adding an app". The app is made in
the ``charlie`` package (or ``--directory``); the command then says the two lines to add outside
it: the app in ``INSTALLED_APPS`` and its URLs in ``charlie/urls.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.migrations.loader import MigrationLoader

import charlie
from charlie.core import new_app


class Command(BaseCommand):
    help = "Make a new Charlie app from the template: charlie/NAME/ with everything it registers."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("name", help="The app's name: lower case, e.g. skills.")
        parser.add_argument(
            "--directory",
            type=Path,
            default=None,
            help="Where the charlie package is (default: the one installed).",
        )

    def handle(self, *args: Any, name: str, directory: Path | None, **options: Any) -> None:
        package = directory or Path(charlie.__file__).resolve().parent
        target = package / name
        errors = new_app.check_name(name, target)
        if errors:
            raise CommandError(" ".join(errors))
        graph = MigrationLoader(None, ignore_no_migrations=True).graph
        latest = {app: graph.leaf_nodes(app)[0][1] for app in ("people", "privacy")}
        made = new_app.make_app(name, target, migrations=latest)
        self._tidy(target)
        self.stdout.write(f"Made charlie/{name}/ ({len(made)} files). Now:")
        self.stdout.write(f'  1. charlie/settings.py: add "charlie.{name}" to INSTALLED_APPS.')
        self.stdout.write(
            f'  2. charlie/urls.py: add path("{name}/", include("charlie.{name}.urls")).'
        )
        self.stdout.write("  3. ./dev lint && .venv/bin/pytest tests/test_permissions.py")

    def _tidy(self, target: Path) -> None:
        """Sort the imports (the app's name decides their order) and format, with the project's
        ruff where it is installed (a developer's virtualenv)."""
        ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
        if ruff is None:
            self.stdout.write("ruff not found: run ./dev lint to sort the new app's imports.")
            return
        for args in (["check", "--fix", "--select", "I", "--quiet"], ["format", "--quiet"]):
            subprocess.run([ruff, *args, str(target)], check=False)  # noqa: S603
