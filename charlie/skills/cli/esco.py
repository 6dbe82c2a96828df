"""``charlie skills import-esco DIR [--dry-run]``: the official ESCO CSV download, in any
language (docs/skills.md). Checks the whole package first; writes nothing if anything is
wrong (exit status 1, every problem listed with file, row and column)."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser, OutputWrapper

from charlie.core.roles import Role
from charlie.people.services import operator_access
from charlie.skills.services import taxonomy

HELP = "Indlæs ESCO's officielle CSV-pakke (erhverv, kompetencer og relationer) fra en mappe."

#: At most this many problems are printed (the count says how many there were).
SHOWN_PROBLEMS = 200


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("folder", metavar="DIR", help="mappen med ESCO's CSV-filer")
    parser.add_argument("--dry-run", action="store_true", help="kontrollér og tæl, men gem intet")


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    started = time.perf_counter()

    def progress(line: str) -> None:
        print(f"{time.perf_counter() - started:6.1f} s  {line}", file=sys.stderr, flush=True)

    result = taxonomy.import_esco(
        operator_access(Role.HR),
        Path(options["folder"]),
        dry_run=options["dry_run"],
        progress=progress,
    )
    if not result.ok:
        for problem in result.problems[:SHOWN_PROBLEMS]:
            out.write(str(problem))
        raise CommandError(f"ESCO-pakken har {len(result.problems)} fejl; intet er gemt.")
    c = result.counts
    verb = "ville blive" if result.dry_run else "er"
    out.write(
        f"{', '.join(result.files.values())}: "
        f"{c['occupations']} erhverv ({c['occupations_new']} nye, "
        f"{c['occupations_changed']} ændrede), {c['skills']} kompetencer ({c['skills_new']} nye, "
        f"{c['skills_changed']} ændrede), {c['relations']} relationer ({c['relations_new']} nye, "
        f"{c['relations_changed']} ændrede, {c['relations_removed']} fjernet) {verb} "
        f"indlæst på {time.perf_counter() - started:.1f} s."
        + (" Tørkørsel: intet er gemt." if result.dry_run else "")
    )
