"""``charlie wellbeing results SURVEY --by unit|dimension|question [--unit CODE] --format F``:
(F: json or csv) a closed survey's figures through disclosure control (docs/wellbeing-results.md).

- ``--by unit``: every unit (under ``--unit`` when given; else the whole survey first): the
  number of responses (``count``), the score 0–100 and favourable share over every scale
  answer, invited, answered and the response rate.
- ``--by dimension`` / ``--by question``: the dimensions or questions of ``--unit`` (default:
  the whole survey), with the whole survey's and the previous round's figure.

A hidden group has empty figures and ``"suppressed": true``. Runs as the server's operator with
an analyst's access (aggregates only, every unit); no personal data is read, so nothing is
written to the audit log."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from django.core.management.base import CommandError

from charlie.core.csv_writer import csv_text
from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.roles import Role
from charlie.people.services import operator_access
from charlie.wellbeing.services import results

HELP = "Resultater af en lukket måling pr. enhed, dimension eller spørgsmål (JSON eller CSV)."

#: The CSV columns of each ``--by`` (the JSON rows hold the same, and a question's
#: distribution as an object: option value → answers).
HEADERS = {
    "unit": [
        "unit_id",
        "unit_code",
        "unit",
        "parent_id",
        "level",
        "suppressed",
        "min_group",
        "count",
        "score",
        "favourable",
        "invited",
        "answered",
        "response_rate",
    ],
    "dimension": [
        "unit_id",
        "unit_code",
        "unit",
        "dimension",
        "dimension_name",
        "sensitive",
        "min_group",
        "suppressed",
        "count",
        "score",
        "favourable",
        "municipality_score",
        "previous_score",
    ],
    "question": [
        "unit_id",
        "unit_code",
        "unit",
        "question",
        "question_text",
        "dimension",
        "kind",
        "sensitive",
        "min_group",
        "suppressed",
        "count",
        "score",
        "favourable",
        "exposed",
        "mean",
        "municipality",
        "previous",
    ],
}


def _survey_id(text: str) -> int:
    try:
        return int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"ikke et målings-id (et tal): {text}") from exc


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("survey", metavar="SURVEY", type=_survey_id, help="Målingens id.")
    parser.add_argument("--by", choices=list(results.BY_CHOICES), required=True)
    parser.add_argument("--unit", default="", help="Enhedskode (med underenheder).")
    parser.add_argument("--format", choices=["json", "csv"], required=True)


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def run(options: dict[str, Any], out: TextIO) -> None:
    access = operator_access(Role.ANALYST, channel="cli")
    try:
        unit_id = results.unit_by_code(options["unit"]) if options.get("unit") else None
        rows = results.result_rows(access, options["survey"], by=options["by"], unit_id=unit_id)
    except ValidationFailed as exc:
        raise CommandError(" ".join(str(m) for m in exc.messages)) from exc
    except NotFound as exc:
        raise CommandError(
            f"Målingen {options['survey']} findes ikke, eller enheden er ikke med i den."
        ) from exc
    if options["format"] == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    header = HEADERS[options["by"]]
    out.write(
        csv_text([header, *([_cell(r.get(key)) for key in header] for r in rows)], line_end="\n")
    )
