"""``charlie portfolio prioritise [--budget N] [--hours N] [--first-year Y] [--years N]
--format json|text``: the exact choice of initiatives under a yearly budget (kroner) and a
yearly limit of own staff hours, with its totals, the greedy heuristic's value beside it and the
reason per initiative (docs/portfolio-priorities.md). ``--budget``/``--hours`` take one number
for every year or one per year separated by commas; left out: no limit. Runs as the server's
operator with HR's access; it reads no personal data and saves nothing."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from django.core.management.base import CommandError

from charlie.core.errors import ValidationFailed
from charlie.core.roles import Role
from charlie.people.services import operator_access, today
from charlie.portfolio.services import priorities

HELP = "Vælg initiativer under et budget og en timegrænse pr. år (eksakt optimering)."


def _amounts(text: str) -> list[float]:
    try:
        return [float(part.strip().replace("_", "")) for part in text.split(",")]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"ikke et tal eller en kommasepareret liste af tal: {text}"
        ) from exc


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--budget", type=_amounts, help="Kr. pr. år (ét tal, eller ét pr. år).")
    parser.add_argument(
        "--hours", type=_amounts, help="Egne timer pr. år (ét tal eller ét pr. år)."
    )
    parser.add_argument("--first-year", type=int, help="Første år (standard: i år).")
    parser.add_argument("--years", type=int, default=5, help="Antal år (standard 5).")
    parser.add_argument("--time-limit", type=float, default=10.0, help="Sekunder (standard 10).")
    parser.add_argument("--format", choices=["json", "text"], default="text")


def run(options: dict[str, Any], out: TextIO) -> None:
    access = operator_access(Role.HR, channel="cli")
    try:
        result = priorities.run(
            access,
            first_year=options.get("first_year") or today().year,
            years=options["years"],
            budget=options.get("budget"),
            hours=options.get("hours"),
            time_limit=options["time_limit"],
        )
    except ValidationFailed as exc:
        raise CommandError(" ".join(str(m) for m in exc.messages)) from exc
    data = priorities.as_dict(result)
    if options["format"] == "json":
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    years = range(data["first_year"], data["first_year"] + data["years"])
    out.write(f"Status: {data['status']} (gap {data['gap']}), {data['seconds']} s\n")
    for text in data["problem_texts"]:
        out.write(f"! {text}\n")
    out.write(
        f"Værdi: {data['value']} (grådig: {data['greedy']['value']}); "
        f"valgt: {', '.join(str(n) for n in data['chosen']) or '-'}\n"
    )
    for t, year in enumerate(years):
        budget = data["budget"][t]
        limit = data["hours_limit"][t]
        out.write(
            f"{year}: {data['costs'][t]} kr. af {budget if budget is not None else '-'}, "
            f"{data['hours'][t]} timer af {limit if limit is not None else '-'}\n"
        )
    for row in data["initiatives"]:
        mark = "x" if row["chosen"] else " "
        out.write(f"[{mark}] {row['number']}. {row['title']}: {row['reason_text']}\n")
