"""``charlie learning import FILE… [--dry-run]``: completed courses from CSV/XLSX, all or
nothing (docs/import-format.md, "Gennemførte kurser"). Acts as the server's operator with HR's
permissions; the audit log records every person written to (channel import)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from charlie.core.file_imports import add_file_arguments, fail_on_problems, read_files
from charlie.core.roles import Role
from charlie.learning.services.imports import MAX_FILE_BYTES, import_completions
from charlie.people.services import operator_access

HELP = "Indlæs gennemførte kurser fra CSV/XLSX (alt eller intet)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_file_arguments(parser)


def run(options: dict[str, Any], out: TextIO) -> None:
    files = read_files(options["files"], max_bytes=MAX_FILE_BYTES)
    access = operator_access(Role.HR, channel="import")
    result = import_completions(access, files, dry_run=options["dry_run"])
    fail_on_problems(result, out)
    verb = "ville blive gemt" if result.dry_run else "gemt"
    out.write(
        f"{result.rows} rækker læst: {result.created} nye gennemførte kurser {verb}, "
        f"{result.known} kendte i forvejen.\n"
    )
