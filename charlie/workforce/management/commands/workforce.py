"""``charlie workforce …``: pension ages, the workforce plan and its backtest from the command line
(the same figures as /api/v1/workforce/, docs/api.md).

Usage::

    charlie workforce pension-age 1971-01-01 [--format text|json]
    charlie workforce project [--scenario NAME] [--to 2040] [--format json|csv] [--runs 1000]
                              [--seed 2030] [--on YYYY-MM-DD]
    charlie workforce backtest [--format text|json] [--on YYYY-MM-DD]

- ``pension-age``: folkepensionsalder and the day it is reached (pensionsloven § 1 a; DOMAIN.md
  3.1–3.2), the day folkepension can first be paid, efterlønsalder (DOMAIN.md 3.3) and the
  tidlig pension and seniorpension windows (DOMAIN.md 3.4–3.5), each with its standing
  (vedtaget or not) and any note. A rule, not a person: no database access, nothing audited.
- ``project``: the projection of a scenario (default: the first non-illustrative one, else the
  illustrative one) to ``--to``, disclosure-controlled like every aggregate (DOMAIN.md 5.3).
  ``--format json`` is ``serialise.plan_as_dict``; ``--format csv`` is ``serialise.plan_csv_rows``,
  semicolon-separated like the other CSV output of Charlie. ``--on`` moves the base date (default
  today). Progress goes to stderr, so stdout can be piped into a file or ``jq``.
- ``backtest``: how the exit model was fitted and how well it predicted the last three complete
  years, next to a naive baseline (``services.model_report``).

Runs as the server's operator with an analyst's permissions (``people.services.operator_access``):
the plan for the whole municipality, aggregates only; no individual's data is printed.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from charlie.core.csv_writer import CsvWriter
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.formats import format_date, format_number, format_share
from charlie.core.roles import Role
from charlie.people import services as people
from charlie.workforce import pension, serialise, services

if TYPE_CHECKING:
    from charlie.workforce.models import Scenario

#: The server's operator: an analyst's permissions over the whole municipality (aggregates only),
#: no user account and nobody's person record.
OPERATOR = people.operator_access(Role.ANALYST)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(
            f"»{text}« er ikke en gyldig dato. Skriv den som ÅÅÅÅ-MM-DD, fx 1971-01-01."
        ) from exc


def _day(day: date) -> str:
    """A date in Danish: 17. maj 2030."""
    return format_date(day)


def _age_text(age: pension.Age) -> str:
    """70 år, 65½ år (``Age.__str__`` already says "år" for other month counts)."""
    return f"{age} år" if age.months in (0, 6) else str(age)


def _percent(value: float) -> str:
    return format_share(value)


class Command(BaseCommand):
    help = "Arbejdsstyrkeplan: pensionsalder, fremskrivning af et scenarie og test af modellen."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        age = commands.add_parser(
            "pension-age",
            help="Folkepensionsalder, efterlønsalder og datoerne for en fødselsdato.",
        )
        age.add_argument("birth_date", help="Fødselsdato (ÅÅÅÅ-MM-DD)")
        age.add_argument("--format", choices=("text", "json"), default="text")

        project = commands.add_parser(
            "project", help="Fremskriv arbejdsstyrken for et scenarie (JSON eller CSV)."
        )
        project.add_argument(
            "--scenario",
            metavar="NAVN",
            help="Scenariets navn; standard er det første efter navn, illustrative til sidst",
        )
        project.add_argument(
            "--to",
            dest="to_year",
            metavar="ÅR",
            type=int,
            default=services.DEFAULT_TO_YEAR,
            help=f"Sidste år (standard {services.DEFAULT_TO_YEAR})",
        )
        project.add_argument("--format", choices=("json", "csv"), default="json")
        project.add_argument(
            "--runs",
            type=int,
            default=services.DEFAULT_RUNS,
            help=(
                f"Antal simulerede forløb, {services.MIN_RUNS}–{services.MAX_RUNS} "
                f"(standard {services.DEFAULT_RUNS})"
            ),
        )
        project.add_argument(
            "--seed",
            type=int,
            default=services.DEFAULT_SEED,
            help=f"Startværdi for tilfældighederne (standard {services.DEFAULT_SEED})",
        )
        project.add_argument("--on", help="Fremskriv fra denne dato (ÅÅÅÅ-MM-DD); standard i dag")

        backtest = commands.add_parser(
            "backtest", help="Hvor godt modellen ramte de seneste tre år, mod en simpel metode."
        )
        backtest.add_argument("--format", choices=("text", "json"), default="text")
        backtest.add_argument("--on", help="Dato (ÅÅÅÅ-MM-DD); i dag, hvis den udelades")

    def handle(self, *args: Any, **options: Any) -> None:
        handlers = {
            "pension-age": self._pension_age,
            "project": self._project,
            "backtest": self._backtest,
        }
        try:
            handlers[options["command"]](options)
        except ValidationFailed as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        except PermissionDenied as exc:  # the operator's access was narrowed in services
            raise CommandError("Kommandoen har ikke adgang til arbejdsstyrkeplanen.") from exc

    # --- pension-age ---

    def _pension_age(self, options: dict[str, Any]) -> None:
        birth = _date(options["birth_date"])
        if not serialise.FIRST_BIRTH <= birth <= serialise.LAST_BIRTH:
            raise CommandError("Fødselsdatoen skal ligge mellem 1800-01-01 og 2099-12-31.")
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(serialise.pension_as_dict(birth), ensure_ascii=False, indent=2)
            )
            return
        folk = pension.folkepension(birth)
        lines = [
            f"Fødselsdato: {_day(birth)}",
            f"Folkepensionsalder: {_age_text(folk.age)}",
            f"Når alderen: {_day(folk.reached_on)}",
            f"Folkepension kan udbetales fra: {_day(pension.folkepension_payable_from(birth))}",
        ]
        notes = [folk.note] if folk.note else []
        early = pension.efterloen(birth)
        if early is not None:
            standing = "" if early.legislated else " (ikke vedtaget)"
            lines.append(f"Efterlønsalder: {_age_text(early.age)}{standing}")
            lines.append(f"Når efterlønsalderen: {_day(early.reached_on)}")
            if early.note:
                notes.append(early.note)
        for title, window in (
            ("Tidlig pension", pension.tidlig_pension_window(birth)),
            ("Seniorpension", pension.seniorpension_window(birth)),
        ):
            if window is None:
                lines.append(f"{title}: ikke relevant for denne årgang")
                continue
            apply = f"; kan søges fra {_day(window.apply_from)}" if window.apply_from else ""
            lines.append(
                f"{title}: tidligst fra {_day(window.earliest)} til {_day(window.ends)}{apply}"
                " (kun til information)"
            )
        lines.extend(f"Bemærk: {note}" for note in notes)
        self.stdout.write("\n".join(lines))

    # --- project ---

    def _scenario(self, name: str | None) -> Scenario:
        try:
            return services.get_scenario(OPERATOR, name=name)
        except NotFound as exc:
            names = [s.name for s in services.scenarios(OPERATOR)]
            if not names:
                raise CommandError(
                    "Der er ingen scenarier. Opret et på siden Arbejdsstyrkeplan → Scenarier "
                    "(eller kør »charlie demo« for et illustrativt scenarie)."
                ) from exc
            known = ", ".join(f"»{n}«" for n in names)
            raise CommandError(
                f"Der er intet scenarie med navnet »{name}«. Kendte scenarier: {known}."
            ) from exc

    def _project(self, options: dict[str, Any]) -> None:
        on = _date(options["on"]) if options.get("on") else services.today()
        scenario = self._scenario(options.get("scenario"))
        self.stderr.write(
            f"Fremskriver »{scenario.name}« fra {on.isoformat()} til {options['to_year']} "
            f"med {options['runs']} kørsler …"
        )
        result = services.plan(
            OPERATOR,
            scenario,
            to_year=options["to_year"],
            runs=options["runs"],
            seed=options["seed"],
            on=on,
        )
        if options["format"] == "json":
            data = serialise.plan_as_dict(result)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            writer = CsvWriter(self.stdout, line_end="\n")
            writer.writerows(serialise.plan_csv_rows(result))
        self.stderr.write("Færdig.")

    # --- backtest ---

    def _backtest(self, options: dict[str, Any]) -> None:
        on = _date(options["on"]) if options.get("on") else services.today()
        report = services.model_report(OPERATOR, on=on)
        if options["format"] == "json":
            data = serialise.model_report_as_dict(report)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        fitted = ", ".join(str(y) for y in report.fitted_on)
        lines = [
            f"Modellen er tilpasset på årene: {fitted}",
            f"Personår: {report.person_years}, pensioneringer: {report.retirements}, "
            f"andre fratrædelser: {report.other_exits}, ansættelser udefra: {report.hires}",
        ]
        test = report.backtest
        if test is None:
            lines.append(f"Test: {report.backtest_problem}")
            self.stdout.write("\n".join(lines))
            return
        lines += [
            f"Test: tilpasset på {', '.join(str(y) for y in test.fitted_on)}, "
            f"fulgt {test.cohort_size} ansatte pr. 1. januar {test.years[0]} "
            f"gennem {test.years[0]}–{test.years[-1]}.",
            "Fejl (vægtet absolut procentfejl, lavere er bedre):",
            f"  pr. jobfamilie og år: model {_percent(test.model_error)}, "
            f"simpel metode {_percent(test.baseline_error)}",
            f"  pr. år i alt:         model {_percent(test.model_total_error)}, "
            f"simpel metode {_percent(test.baseline_total_error)}",
            "År    faktisk  model  simpel metode",
        ]
        for row in report.backtest_years:
            # Counts below the minimum group size are hidden (disclosure control).
            actual = "skjult" if row.actual is None else str(row.actual)
            model, baseline = format_number(row.model, 1), format_number(row.baseline, 1)
            lines.append(f"{row.year}  {actual:>7}  {model:>5}  {baseline:>13}")
        self.stdout.write("\n".join(lines))
