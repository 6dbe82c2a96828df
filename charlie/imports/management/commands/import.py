"""``charlie import [--dry-run] FILE [FILE ...]``: import CSV/XLSX (our format) and OPUS XML.

Progress goes to stderr, line by line (it reads well in CI logs); the summary and every problem
(``fil:række:kolonne: besked``) to stdout. Exit status 1 if a file has problems (nothing is
written then), 0 on success. Runs as the system (no user) and audits with channel ``import``.
"""

from __future__ import annotations

import pathlib
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from charlie.core.errors import ValidationFailed
from charlie.imports import services


class Command(BaseCommand):
    help = "Importér enheder, medarbejdere, ansættelser og fravær fra CSV, XLSX eller OPUS XML."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", help="Filer (.csv, .xlsx, .xml)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Kontrollér og vis, hvad der ville ske, uden at gemme noget.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths = [pathlib.Path(name) for name in options["files"]]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise CommandError(f"Filen findes ikke: {', '.join(missing)}")
        try:
            sources = services.sources_for(paths)
        except ValidationFailed as exc:
            raise CommandError("\n".join(exc.messages)) from exc

        def progress(line: str) -> None:
            self.stderr.write(line)
            self.stderr.flush()

        result = services.run_import(
            actor=None,
            sources=sources,
            dry_run=options["dry_run"],
            detail="charlie import " + " ".join(p.name for p in paths),
            progress=progress,
        )
        out = self.stdout
        for name, rows in result.summary.rows.items():
            out.write(f"{name}: {rows} {'række' if rows == 1 else 'rækker'}")
        if result.ok:
            heading = "Prøvekørsel (intet er gemt):" if result.dry_run else "Importeret:"
            out.write(heading)
            labels = services.kind_labels()
            out.write(f"{'':<16} {'nye':>9} {'ændret':>9} {'afsluttet':>9} {'uændret':>9}")
            for key, counts in result.summary.kinds():
                out.write(
                    f"{labels[key]:<16} {counts.created:>9} {counts.changed:>9} "
                    f"{counts.ended:>9} {counts.unchanged:>9}"
                )
            return
        for p in result.problems:
            row = "" if p.row is None else p.row
            out.write(f"{p.file}:{row}:{p.column or ''}: {p.message}")
        hidden = result.problem_count - len(result.problems)
        if hidden > 0:
            out.write(f"… og {hidden} problemer mere (de første {len(result.problems)} er vist).")
        noun = "problem" if result.problem_count == 1 else "problemer"
        out.write(f"{result.problem_count} {noun}. Intet er gemt; ret filerne og prøv igen.")
        out.flush()
        sys.exit(1)
