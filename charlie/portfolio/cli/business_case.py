"""``charlie portfolio business-case FILE --format json|text``: a business case's figures from a
file (docs/portfolio-business-cases.md, "Fra kommandolinjen") — NPV, payback year, discounted
payback year, early gains, the sensitivity table, the three-point NPVs when the file has low/high
estimates, and the computation year by year.

FILE is JSON (``.json``, or anything starting with ``{``) or CSV (every other file; ``-`` reads
standard input):

- **JSON**: ``{"first_year": 2027, "horizon": 5, "rate": 0.035, "hourly_rate": 450,
  "hours_per_fte": 1628, "lines": [{"kind": "investment", "label": "Licens", "amounts":
  [1000000, 0], "low": [...], "high": [...]}]}`` — ``rate``, the rates, ``label``, ``low`` and
  ``high`` optional.
- **CSV**: optional header rows ``key,value`` (``first_year``, ``horizon``, ``rate``,
  ``hourly_rate``, ``hours_per_fte``), then a row starting ``kind`` (``kind,label,year0,…``),
  then one row per line: ``kind,label,amount0,amount1,…``. A row of kind ``low`` or ``high``
  right below a line holds that line's three-point estimate. A file whose first row holds ``;``
  is Danish style: ``;`` between cells and ``1.000.000,50`` numbers.

Flags (``--first-year``, ``--horizon``, ``--rate``, ``--hourly-rate``, ``--hours-per-fte``)
set what the file leaves out and override what it sets. The rest of the rates (kroner per
hour, hours per FTE, the two discount rates and the year they switch) are the municipality's
saved rates, or the defaults. Reads no personal data; writes nothing.

Every problem in the file is listed with where it is (``række 4, amounts, år 3`` in a CSV file,
``lines[2].amounts, år 3`` in a JSON file),
and the command exits with status 1 without figures."""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import re
import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import CommandError
from django.db import DatabaseError

from charlie.core.formats import format_number
from charlie.portfolio import businesscase as bc
from charlie.portfolio.services import cases

HELP = "Nutidsværdi, tilbagebetalingsår, tidlige gevinster og følsomhed for en business case."

HEADER_KEYS = ("first_year", "horizon", "rate", "hourly_rate", "hours_per_fte")
THREE_POINT_ROWS = ("low", "high")

SENSITIVITY_TEXT = {
    "base": "Grundberegning",
    "benefits_minus_25": "Gevinster −25 %",
    "costs_plus_25": "Omkostninger +25 %",
    "both": "Begge dele",
    "delay_one_year": "Gevinster et år forsinket",
}
THREE_POINT_TEXT = {
    "expected": "Forventet (PERT)",
    "pessimistic": "Pessimistisk",
    "optimistic": "Optimistisk",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="JSON- eller CSV-fil (- for standard input).")
    parser.add_argument("--format", choices=["json", "text"], default="text")
    parser.add_argument("--first-year", type=int, help="År 0 (kalenderår).")
    parser.add_argument("--horizon", type=int, help="Antal år (1–71).")
    parser.add_argument("--rate", type=float, help="Én diskonteringsrente for alle år, fx 0.035.")
    parser.add_argument("--hourly-rate", type=float, help="Kroner pr. time.")
    parser.add_argument("--hours-per-fte", type=float, help="Timer pr. årsværk (netto).")
    parser.add_argument(
        "--default-rates",
        action="store_true",
        help="Standardsatserne (450 kr./t, 1.628 t/årsværk, 3,5 %/2,5 %), ikke kommunens gemte.",
    )


# --- Reading ----------------------------------------------------------------------------------


def _danish_number(text: str) -> str:
    """``1.000.000,50`` → ``1000000.50`` (a ``;`` file's numbers)."""
    return text.replace(".", "").replace(",", ".")


def read_csv(text: str) -> tuple[dict[str, Any], dict[int, int]]:
    """The documented CSV shape as the JSON shape's dict, and each line's row number (1-based,
    by line number as ``case_from_dict`` counts them) for the problems' "where"."""
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    danish = ";" in first
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";" if danish else ","))
    data: dict[str, Any] = {"lines": []}
    rows_of: dict[int, int] = {}
    problems: list[str] = []
    in_lines = False
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        while cells and cells[-1] == "":
            cells.pop()
        if not cells or cells[0].startswith("#"):
            continue
        key = cells[0].lower()
        if not in_lines:
            if key == "kind":
                in_lines = True
            elif key in HEADER_KEYS:
                value = cells[1] if len(cells) > 1 else ""
                data[key] = _danish_number(value) if danish else value
            else:
                problems.append(
                    f"række {number}: {cells[0]!r} er hverken {', '.join(HEADER_KEYS)} "
                    "eller kolonnerækken (kind,label,år 0,…)"
                )
            continue
        amounts = [_danish_number(c) if danish else c for c in cells[2:]]
        if key in THREE_POINT_ROWS:
            if not data["lines"]:
                problems.append(
                    f"række {number}: {key} skal stå lige under den linje, den hører til"
                )
            else:
                data["lines"][-1][key] = amounts
            continue
        data["lines"].append(
            {"kind": cells[0], "label": cells[1] if len(cells) > 1 else "", "amounts": amounts}
        )
        rows_of[len(data["lines"])] = number
    if not in_lines:
        problems.append("kolonnerækken mangler: en række, der starter med kind,label,…")
    if problems:
        raise bc.CaseError(problems)
    for key in ("first_year", "horizon"):
        if isinstance(data.get(key), str):
            with contextlib.suppress(ValueError):  # case_from_dict reports it
                data[key] = int(data[key])
    return data, rows_of


def _where_in_csv(problems: list[str], rows_of: dict[int, int]) -> list[str]:
    """``lines[3].amounts, år 1: …`` → ``række 7, amounts, år 1: …`` (the row in the file)."""

    def row(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if n not in rows_of:
            return match.group(0)
        return f"række {rows_of[n]}" + (f", {match.group(2)}" if match.group(2) else "")

    return [re.sub(r"lines\[(\d+)\](?:\.(\w+))?", row, p) for p in problems]


#: Flag → the key it sets in the file's data.
FLAGS = {
    "first_year": "first_year",
    "horizon": "horizon",
    "rate": "rate",
    "hourly_rate": "hourly_rate",
    "hours_per_fte": "hours_per_fte",
}


def _text_of(name: str, stdin: TextIO | None = None) -> str:
    if name == "-":
        return (stdin or sys.stdin).read()
    try:
        return Path(name).read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise bc.CaseError([f"{name}: filen findes ikke"]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise bc.CaseError([f"{name}: kan ikke læses som UTF-8-tekst ({exc})"]) from exc


def _json_data(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise bc.CaseError(
            [f"linje {exc.lineno}, kolonne {exc.colno}: ugyldig JSON ({exc.msg})"]
        ) from exc
    if not isinstance(data, dict):
        raise bc.CaseError(["filen skal indeholde ét JSON-objekt"])
    return data


def read_file(
    name: str, flags: dict[str, Any] | None = None, stdin: TextIO | None = None
) -> tuple[bc.Case, dict[str, float]]:
    """A case and the rates it sets from a JSON or CSV file, with ``flags`` (``FLAGS``' keys)
    setting or overriding the file's settings; ``CaseError`` lists every problem."""
    text = _text_of(name, stdin)
    rows_of: dict[int, int]
    if name.lower().endswith(".json") or text.lstrip().startswith("{"):
        data, rows_of = _json_data(text), {}
    else:
        data, rows_of = read_csv(text)
    for flag, key in FLAGS.items():
        if (flags or {}).get(flag) is not None:
            data[key] = flags[flag]  # type: ignore[index]
    try:
        return bc.case_from_dict(data)
    except bc.CaseError as exc:
        raise bc.CaseError(_where_in_csv(exc.problems, rows_of)) from exc


# --- Output ----------------------------------------------------------------------------------


def _n(value: float, digits: int | None = None) -> str:
    return format_number(value, digits, language="da")


def _kr(value: float) -> str:
    return f"{_n(round(value))} kr."


def _year(value: int | None) -> str:
    return str(value) if value is not None else "ikke inden for horisonten"


def as_text(evaluation: bc.Evaluation) -> str:
    """The figures in Danish for a terminal."""
    case = evaluation.case
    rates = evaluation.rates
    if case.rate is not None:
        rate = f"{_n(case.rate * 100, 2)} % alle år (sagens egen)"
    else:
        rate = (
            f"{_n(rates.rate_early * 100, 2)} % år 0–{rates.switch_year}, "
            f"{_n(rates.rate_late * 100, 2)} % derefter"
        )
    out = [
        f"Business case {case.first_year}–{case.first_year + case.horizon - 1} ({case.horizon} år)",
        f"Diskonteringsrente: {rate}",
        f"Timepris: {_kr(rates.hourly_rate)}; timer pr. årsværk: {_n(rates.hours_per_fte, 1)}",
        "",
        f"Nutidsværdi (NPV):           {_kr(evaluation.npv)}",
        f"Tilbagebetalingsår:          {_year(evaluation.payback_year)}",
        f"Tilbagebetalt, diskonteret:  {_year(evaluation.discounted_payback_year)}",
        f"Tidlige gevinster (år 0):    {_kr(evaluation.early_gains)}",
        f"Omkostninger i alt:          {_kr(evaluation.total_costs)}",
        f"Gevinster i alt:             {_kr(evaluation.total_benefits)}",
        f"Sparede årsværk pr. år:      {_n(evaluation.fte_saved_per_year, 2)}",
        "",
        "Følsomhed",
    ]
    for outcome in evaluation.sensitivity:
        out.append(
            f"  {SENSITIVITY_TEXT[outcome.key]:<28}{_kr(outcome.npv):>18}   "
            f"tilbagebetalt {_year(outcome.payback_year)}"
        )
    if evaluation.three_point is not None:
        out += ["", "Tre-punkts-skøn (nutidsværdi)"]
        for key, value in evaluation.three_point.items():
            out.append(f"  {THREE_POINT_TEXT[key]:<28}{_kr(value):>18}")
    out += [
        "",
        "År     Omkostninger      Gevinster         Netto   Faktor   Diskonteret    Akkumuleret",
    ]
    for y in evaluation.years:
        out.append(
            f"{y.year}  {_n(round(y.costs)):>13}  {_n(round(y.benefits)):>13}"
            f"  {_n(round(y.net)):>12}  {_n(y.factor, 4):>7}"
            f"  {_n(round(y.discounted)):>12}  {_n(round(y.cumulative)):>13}"
        )
    return "\n".join(out) + "\n"


def _evaluate(
    case: bc.Case, file_rates: dict[str, float], options: dict[str, Any]
) -> bc.Evaluation:
    if options.get("default_rates"):
        return cases.evaluate_file(case, file_rates, use_saved_rates=False)
    try:
        return cases.evaluate_file(case, file_rates)
    except DatabaseError:
        # A calculator needs no database: before ``charlie migrate`` the defaults are the rates.
        sys.stderr.write("Ingen database med gemte satser; standardsatserne bruges.\n")
        return cases.evaluate_file(case, file_rates, use_saved_rates=False)


def run(options: dict[str, Any], out: TextIO) -> None:
    try:
        case, file_rates = read_file(options["file"], options)
        evaluation = _evaluate(case, file_rates, options)
    except bc.CaseError as exc:
        raise CommandError(
            "Business casen kan ikke beregnes:\n" + "\n".join(f"- {p}" for p in exc.problems)
        ) from exc
    if options["format"] == "json":
        out.write(json.dumps(bc.as_dict(evaluation), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(as_text(evaluation))
