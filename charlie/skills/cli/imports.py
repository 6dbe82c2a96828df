"""``charlie skills import FILE… [--dry-run]``: employees' skills from CSV/XLSX, all or nothing
(docs/import-format.md). Acts as the server's operator with HR's permissions; the audit log
records every person written to (channel import)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from charlie.core.file_imports import add_file_arguments, fail_on_problems, read_files
from charlie.core.roles import Role
from charlie.people.services import operator_access
from charlie.skills.services.imports import MAX_FILE_BYTES, import_skills

HELP = "Indlæs medarbejderes kompetencer fra CSV/XLSX (alt eller intet)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_file_arguments(parser)


def run(options: dict[str, Any], out: TextIO) -> None:
    files = read_files(options["files"], max_bytes=MAX_FILE_BYTES)
    access = operator_access(Role.HR, channel="import")
    result = import_skills(access, files, dry_run=options["dry_run"])
    fail_on_problems(result, out)
    verb = "ville blive gemt" if result.dry_run else "gemt"
    out.write(
        f"{result.rows} rækker læst: {result.created} vurderinger {verb} for {result.people} "
        f"medarbejdere, {result.unchanged} fandtes allerede.\n"
    )
