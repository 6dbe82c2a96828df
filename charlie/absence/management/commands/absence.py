"""``charlie absence …``: absence figures and follow-up deadlines from the command line
(docs/absence.md).

- ``charlie absence stats --from YYYY-MM-DD --to YYYY-MM-DD --by unit|job_family|month|quarter|
  year|age_band [--format json|csv] [--long-after DAYS]``: the Danmarks Statistik/KRL measures per
  group, disclosure-controlled (a hidden group has empty figures).
- ``charlie absence deadlines --employee NUMBER [--on YYYY-MM-DD] [--format json|text]``: the
  follow-up obligations under sygedagpengeloven of the person's sickness spells.

Runs as the server's operator, not as a user: the services are called with no ``Access``
(``None``, the system itself: the whole municipality), and reads of a person's data are audited
with no actor on channel ``cli``.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from charlie.absence import services
from charlie.core.csv_writer import CsvWriter
from charlie.core.errors import NotFound, ValidationFailed


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"»{text}« er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD.") from exc


class Command(BaseCommand):
    help = "Fravær: statistik og frister for opfølgning på sygefravær."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        stats = commands.add_parser("stats", help="Fraværsstatistik for en periode, grupperet.")
        stats.add_argument("--from", dest="start", required=True, help="Første dag (ÅÅÅÅ-MM-DD)")
        stats.add_argument("--to", dest="end", required=True, help="Sidste dag (ÅÅÅÅ-MM-DD)")
        stats.add_argument("--by", required=True, choices=services.BY_CHOICES)
        stats.add_argument("--format", choices=("json", "csv"), default="json")
        stats.add_argument(
            "--long-after",
            type=int,
            default=28,
            help="Et forløb er langt, når det varer flere kalenderdage end dette (standard 28).",
        )
        deadlines = commands.add_parser(
            "deadlines", help="Frister efter sygedagpengeloven for en medarbejders sygefravær."
        )
        deadlines.add_argument("--employee", required=True, help="Medarbejdernummer")
        deadlines.add_argument("--on", help="Dato (ÅÅÅÅ-MM-DD); i dag, hvis den udelades")
        deadlines.add_argument("--format", choices=("json", "text"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["command"] == "stats":
            self._stats(options)
        elif options["command"] == "deadlines":
            self._deadlines(options)

    def _stats(self, options: dict[str, Any]) -> None:
        try:
            result = services.absence_figures(
                None,  # the system: the whole municipality
                start=_date(options["start"]),
                end=_date(options["end"]),
                by=options["by"],
                long_threshold_days=options["long_after"],
            )
        except ValidationFailed as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        rows = [*result.rows, result.total]
        if options["format"] == "json":
            data = {
                "from": result.start.isoformat(),
                "to": result.end.isoformat(),
                "by": result.by,
                "min_group_size": result.min_size,
                "long_after_days": result.long_threshold_days,
                "groups": [row.as_json() for row in result.rows],
                "total": result.total.as_json(),
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        columns = list(rows[0].as_json()) if rows else []
        writer = CsvWriter(self.stdout, line_end="\n")
        writer.writerow(["gruppe", *[c for c in columns if c not in ("group", "label")]])
        for row in rows:
            values = row.as_json()
            writer.writerow(
                [
                    row.label,
                    *[values[c] for c in columns if c not in ("group", "label")],
                ]
            )

    def _deadlines(self, options: dict[str, Any]) -> None:
        on = _date(options["on"]) if options.get("on") else timezone.localdate()
        try:
            result = services.deadlines(None, on=on, employee_number=options["employee"])
        except NotFound as exc:
            raise CommandError(
                f"Der er ingen medarbejder med nummeret »{options['employee']}«."
            ) from exc
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        if not result.cases:
            self.stdout.write(f"Ingen sygefravær inden for det seneste år før {on}.")
        for case in result.cases:
            last = case.last_day.isoformat() if case.last_day else "i gang"
            self.stdout.write(f"Sygefravær {case.first_day} – {last}:")
            for o in case.obligations:
                due = o.due.isoformat() if o.due else "–"
                status = "" if o.applies else f" (gælder ikke: {o.reason})"
                note = " [information]" if o.information_only else ""
                self.stdout.write(f"  {due}  {o.description}{note}{status}")
