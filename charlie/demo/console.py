"""Console output for ``charlie demo`` and ``charlie seed-demo``, in Danish."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from charlie.core.formats import format_count
from charlie.demo.services import DEMO_LOGINS, STAGES, DemoSummary, DemoUser

DEMO_NOTE = (
    "Demo-logins virker kun, når Charlie kører med CHARLIE_DEMO=1 "
    "(det gør ./dev run).\n"
    "Adgangskoden er offentlig: brug aldrig en demodatabase til rigtige data."
)


class Stream(Protocol):
    def write(
        self,
        msg: str = "",
        style_func: Callable[[str], str] | None = None,
        ending: str | None = None,
    ) -> None:
        """Django's ``OutputWrapper.write``."""

    def isatty(self) -> bool:
        """Whether the stream is a terminal."""

    def flush(self) -> None:
        """Flush."""


def _number(n: int) -> str:
    return format_count(n)


def logins_table(users: Sequence[DemoUser] = ()) -> str:
    """The demo logins as a plain-text table, with who each one is in the demo when known."""
    who = {u.login.username: u for u in users}
    rows = [("Brugernavn", "Rolle", "Adgangskode", "Hvem")]
    for login in DEMO_LOGINS:
        user = who.get(login.username)
        person = (
            f"{user.person_name} – {user.job_title}, {user.unit}"
            if user is not None and user.person_id
            else ""
        )
        rows.append((login.username, login.role_label, login.password, person))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def summary_text(summary: DemoSummary) -> str:
    """Counts and elapsed time of a ``create_demo`` run."""
    return "\n".join(
        [
            f"Demo Kommune: {_number(summary.employees)} nuværende medarbejdere pr. "
            f"{summary.reference_date:%d.%m.%Y} (historik fra "
            f"{summary.history_start:%d.%m.%Y}, frø {summary.seed}).",
            f"  Organisationsenheder: {_number(summary.org_units):>12}",
            f"  Personer:             {_number(summary.people):>12}",
            f"  Ansættelser:          {_number(summary.employments):>12}",
            f"  Fraværsperioder:      {_number(summary.absence_periods):>12}",
            f"  Tid i alt:            {summary.seconds:>10.1f} s",
        ]
    )


class ProgressPrinter:
    """``progress`` callback that writes "stage: NN %" to a stream (stderr).

    On a terminal one line per stage is rewritten in place; otherwise (a log file) a line is
    written at 0, 25, 50, 75 and 100 %.
    """

    def __init__(self, stream: Stream) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.stage = ""
        self.step = -1

    def __call__(self, stage: str, done: int, total: int) -> None:
        pct = 100 if total <= 0 else min(100, 100 * done // total)
        label = STAGES.get(stage, stage)
        if stage != self.stage:
            self.finish()
            self.stage, self.step = stage, -1
        if self.tty:
            self.stream.write(f"\r{label}: {pct:3d} %", ending="")
            self.stream.flush()
        elif pct // 25 > self.step:
            self.step = pct // 25
            self.stream.write(f"{label}: {pct:3d} %")

    def finish(self) -> None:
        """End the current line on a terminal."""
        if self.tty and self.stage:
            self.stream.write("")
