"""``charlie import [--dry-run] [--snapshot [--yes]] FILE [FILE ...]``: import CSV/XLSX (our
format) and OPUS XML.

Progress goes to stderr, line by line (it reads well in CI logs); the summary, notes, the
employments ended (or that would be) and every problem (``fil:række:kolonne: besked``) to stdout.
Exit status 1 if a file has problems (nothing is written then), 2 if a ``--snapshot`` import
would end more employments than the threshold and ``--yes`` was not given (nothing is written
then either), 0 on success. Runs as the system (no user) and audits with channel ``import``
(writes) and ``cli`` (the list of ended employments it prints).
"""

from __future__ import annotations

import pathlib
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from charlie.core.errors import ValidationFailed
from charlie.core.roles import Role
from charlie.imports import services
from charlie.people.services import operator_access

#: The command runs as the server's operator with HR's permissions; the audit log names no user.
OPERATOR = operator_access(Role.HR, channel="cli")


class Command(BaseCommand):
    help = "Importér enheder, medarbejdere, ansættelser og fravær fra CSV, XLSX eller OPUS XML."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", help="Filer (.csv, .xlsx, .xml)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Kontrollér og vis, hvad der ville ske, uden at gemme noget.",
        )
        parser.add_argument(
            "--snapshot",
            action="store_true",
            help=(
                "Filerne er et komplet øjebliksbillede: afslut alle åbne ansættelser, der ikke "
                "står i dem. Uden flaget afsluttes kun ansættelser, filerne selv afslutter."
            ),
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help=(
                "Bekræft på forhånd, at et øjebliksbillede må afslutte mange ansættelser "
                "(ellers stopper importen uden at gemme og viser listen)."
            ),
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
            OPERATOR,
            sources=sources,
            dry_run=options["dry_run"],
            detail="charlie import " + " ".join(p.name for p in paths),
            progress=progress,
            snapshot=options["snapshot"],
            confirmed=options["yes"],
        )
        out = self.stdout
        for name, rows in result.summary.rows.items():
            out.write(f"{name}: {rows} {'række' if rows == 1 else 'rækker'}")
        for note in result.summary.notes:
            out.write(f"Bemærk: {note}")
        if result.ok:
            if result.needs_confirmation:
                out.write("Intet er gemt: importen ville afslutte mange ansættelser.")
            else:
                heading = "Prøvekørsel (intet er gemt):" if result.dry_run else "Importeret:"
                out.write(heading)
            labels = services.kind_labels()
            out.write(f"{'':<16} {'nye':>9} {'ændret':>9} {'afsluttet':>9} {'uændret':>9}")
            for key, counts in result.summary.kinds():
                out.write(
                    f"{labels[key]:<16} {counts.created:>9} {counts.changed:>9} "
                    f"{counts.ended:>9} {counts.unchanged:>9}"
                )
            self.write_ended(result)
            if result.needs_confirmation:
                out.write(
                    "Tjek listen. Er filerne et komplet øjebliksbillede, så kør importen igen med "
                    "--yes. Er de kun ændringer (en »delta«), så kør den uden --snapshot."
                )
                out.flush()
                sys.exit(2)
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

    def write_ended(self, result: services.ImportResult) -> None:
        """The employments the import ended, or would end, one per line (audited: names)."""
        if not result.summary.employments.ended:
            return
        rows = services.ended_rows(OPERATOR, summary=result.summary.to_json())
        done = result.written
        self.stdout.write(
            f"{'Afsluttede' if done else 'Ansættelser, der ville blive afsluttet'} "
            f"({result.summary.employments.ended}):"
        )
        for row in rows:
            self.stdout.write(
                f"  {row.employee_number}  {row.name}  {row.unit}  {row.job_title}  "
                f"{row.start_date:%d-%m-%Y} → {row.end_date:%d-%m-%Y}"
            )
        hidden = result.summary.employments.ended - len(rows)
        if hidden > 0:
            self.stdout.write(f"  … og {hidden} mere.")
