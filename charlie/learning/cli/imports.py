"""``charlie learning import FILE… [--dry-run]``: completed courses from CSV/XLSX, all or
nothing (docs/import-format.md, "Gennemførte kurser"). Acts as the server's operator with HR's
permissions; the audit log records every person written to (channel import)."""

from __future__ import annotations

import argparse
import pathlib
from typing import Any, TextIO

from django.core.management.base import CommandError

from charlie.core.roles import Role
from charlie.learning.services.imports import MAX_FILE_BYTES, import_completions
from charlie.people.services import operator_access

HELP = "Indlæs gennemførte kurser fra CSV/XLSX (alt eller intet)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="CSV- eller XLSX-filer")
    parser.add_argument(
        "--dry-run", action="store_true", help="Kontrollér filerne uden at gemme noget."
    )


def run(options: dict[str, Any], out: TextIO) -> None:
    files = []
    for name in options["files"]:
        path = pathlib.Path(name)
        if not path.is_file():
            raise CommandError(f"Filen findes ikke: {name}")
        with path.open("rb") as handle:
            # At most one byte over the limit is read: the service refuses a file that long.
            files.append((path.name, handle.read(MAX_FILE_BYTES + 1)))
    access = operator_access(Role.HR, channel="import")
    result = import_completions(access, files, dry_run=options["dry_run"])
    if not result.ok:
        for p in result.problems:
            where = (
                p.file
                + (f", række {p.row}" if p.row else "")
                + (f", kolonne {p.column}" if p.column else "")
            )
            out.write(f"{where}: {p.message}\n")
        if result.problem_count > len(result.problems):
            out.write(f"… og {result.problem_count - len(result.problems)} problemer mere.\n")
        raise CommandError(
            f"{result.problem_count} problemer i filerne. Intet er gemt; ret filerne og prøv igen."
        )
    verb = "ville blive gemt" if result.dry_run else "gemt"
    out.write(
        f"{result.rows} rækker læst: {result.created} nye gennemførte kurser {verb}, "
        f"{result.known} kendte i forvejen.\n"
    )
