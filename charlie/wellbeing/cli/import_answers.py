"""``charlie wellbeing import-answers SURVEY FILE``: answers collected on paper or in another
tool, from CSV or XLSX, all or nothing (docs/wellbeing-surveys.md, "Indlæsning af svar"). One
row per respondent: the unit's code, the survey's background bands and one column per question
code. Every problem is reported with its row and column, and then nothing is stored. Acts as
the server's operator with HR's permissions."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from charlie.core.file_imports import fail_on_problems, read_files
from charlie.core.roles import Role
from charlie.people.services import operator_access
from charlie.wellbeing.services import answering

HELP = "Indlæs svar fra papirskemaer eller et andet værktøj (CSV/XLSX, alt eller intet)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("survey", type=int, metavar="SURVEY", help="Målingens id (se dens side).")
    parser.add_argument("file", metavar="FILE", help="CSV- eller XLSX-fil med én række pr. svar.")


def run(options: dict[str, Any], out: TextIO) -> None:
    [(name, data)] = read_files([options["file"]], max_bytes=answering.MAX_FILE_BYTES)
    access = operator_access(Role.HR, channel="import")
    result = answering.import_answers(access, options["survey"], name, data)
    fail_on_problems(result, out)
    out.write(f"{result.created} besvarelser indlæst i måling {options['survey']}.\n")
    if result.dropped_bands:
        out.write(
            f"{result.dropped_bands} baggrundsoplysninger er udeladt, fordi de ikke gemmes for "
            "enheden (grupperne ville blive for små).\n"
        )
