"""What the file imports of the feature apps share around their own columns (skills' employee
skills, learning's completions): the problems as a user reads them, and the command line's
reading of the files and report of what is wrong. The rows themselves are read by
``core.sheets``."""

from __future__ import annotations

import argparse
import pathlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TextIO

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from charlie.core.sheets import Problem

#: Problems shown at most (the rest are counted): a wrong file can have thousands.
MAX_PROBLEMS = 500


@dataclass(frozen=True)
class ShownProblem:
    """A problem with its message in the reader's language."""

    file: str
    row: int | None
    column: str | None
    message: str


def shown(problems: Iterable[Problem]) -> list[ShownProblem]:
    """The first ``MAX_PROBLEMS`` of these problems by file, row and column, translated."""
    ordered = sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or ""))
    return [
        ShownProblem(p.file, p.row, p.column, _(p.message) % p.params if p.params else _(p.message))
        for p in ordered[:MAX_PROBLEMS]
    ]


# --- The command line -------------------------------------------------------------------------


class _Result(Protocol):
    @property
    def problems(self) -> Sequence[ShownProblem]: ...

    @property
    def problem_count(self) -> int: ...


def add_file_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="CSV- eller XLSX-filer")
    parser.add_argument(
        "--dry-run", action="store_true", help="Kontrollér filerne uden at gemme noget."
    )


def read_files(names: Iterable[str], *, max_bytes: int) -> list[tuple[str, bytes]]:
    """Each file's name and content; at most one byte over ``max_bytes`` is read (the service
    refuses a file that long). A missing file is a clear error."""
    files = []
    for name in names:
        path = pathlib.Path(name)
        if not path.is_file():
            raise CommandError(f"Filen findes ikke: {name}")
        with path.open("rb") as handle:
            files.append((path.name, handle.read(max_bytes + 1)))
    return files


def fail_on_problems(result: _Result, out: TextIO) -> None:
    """Write every problem shown with its file, row and column, and stop with a non-zero exit;
    nothing when there is none."""
    if not result.problem_count:
        return
    for p in result.problems:
        where = (
            p.file
            + (f", række {p.row}" if p.row else "")
            + (f", kolonne {p.column}" if p.column else "")
        )
        out.write(f"{where}: {p.message}\n")
    if result.problem_count > len(result.problems):
        out.write(f"… og {result.problem_count - len(result.problems)} problemer mere.\n")
    raise CommandError(
        f"{result.problem_count} problemer i filerne. Intet er gemt; ret filerne og prøv igen."
    )
