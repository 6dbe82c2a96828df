"""``charlie wellbeing import-questionnaire FILE [--code KODE --name NAVN --kind TYPE …]
[--dry-run]``: a municipality's own questionnaire from a JSON file, or from a CSV/Excel file
with its code, name and kind given as options — all or nothing, every problem with its row and
column (docs/wellbeing-questionnaires.md). Acts as the server's operator with HR's permissions;
questionnaires are not personal data, so nothing is written to the audit log."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from charlie.core.file_imports import fail_on_problems, read_files
from charlie.core.roles import Role
from charlie.people.services import operator_access
from charlie.wellbeing import bank
from charlie.wellbeing.services import questionnaires

HELP = "Indlæs kommunens eget spørgeskema fra JSON eller CSV (alt eller intet)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="JSON-, CSV- eller XLSX-fil")
    parser.add_argument("--code", default="", help="Kode (kun CSV), fx apv-skoler")
    parser.add_argument("--name", default="", help="Navn (kun CSV)")
    parser.add_argument("--name-en", default="", help="Navn på engelsk (kun CSV)")
    parser.add_argument(
        "--kind",
        default="",
        help="Type (kun CSV): " + ", ".join(bank.KINDS),
    )
    parser.add_argument("--description", default="", help="Beskrivelse (kun CSV)")
    parser.add_argument(
        "--dry-run", action="store_true", help="Kontrollér filen uden at gemme noget."
    )


def run(options: dict[str, Any], out: TextIO) -> None:
    [(name, data)] = read_files([options["file"]], max_bytes=questionnaires.MAX_FILE_BYTES)
    meta = bank.Meta(
        code=options["code"],
        name=options["name"],
        name_en=options["name_en"],
        kind=options["kind"],
        description=options["description"],
    )
    access = operator_access(Role.HR, channel="import")
    result = questionnaires.import_questionnaire(
        access, name, data, meta=meta, dry_run=options["dry_run"]
    )
    fail_on_problems(result, out)
    found = f"{result.questions} spørgsmål i {result.dimensions} dimensioner"
    if result.dry_run:
        what = "et nyt spørgeskema" if result.new_questionnaire else "en ny version"
        out.write(f"Filen er i orden: {found}. Den ville give {what}. Intet er gemt.\n")
        return
    assert result.version is not None and result.questionnaire is not None  # noqa: S101
    out.write(f"Indlæst: {result.questionnaire.code} version {result.version.number}, {found}.\n")
