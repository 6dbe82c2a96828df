"""``charlie absence …``: absence figures and follow-up deadlines from the command line
(docs/absence.md).

- ``charlie absence deadlines --employee NUMBER [--on YYYY-MM-DD] [--format json|text]``: the
  follow-up obligations under sygedagpengeloven of the person's sickness spells.

Runs as the server's operator: reads are audited with channel ``cli``.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from charlie.absence import followup
from charlie.core.errors import NotFound


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"»{text}« er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD.") from exc


class Command(BaseCommand):
    help = "Fravær: frister for opfølgning på sygefravær."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        deadlines = commands.add_parser(
            "deadlines", help="Frister efter sygedagpengeloven for en medarbejders sygefravær."
        )
        deadlines.add_argument("--employee", required=True, help="Medarbejdernummer")
        deadlines.add_argument("--on", help="Dato (ÅÅÅÅ-MM-DD); i dag, hvis den udelades")
        deadlines.add_argument("--format", choices=("json", "text"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["command"] == "deadlines":
            self._deadlines(options)

    def _deadlines(self, options: dict[str, Any]) -> None:
        on = _date(options["on"]) if options.get("on") else timezone.localdate()
        try:
            result = followup.deadlines(
                None, on=on, employee_number=options["employee"], channel="cli"
            )
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
