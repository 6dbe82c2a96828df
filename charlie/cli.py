"""The ``charlie`` console command: Django's management commands under one name.

``charlie migrate``, ``charlie runserver``, ``charlie demo``, ``charlie seed-demo``,
``charlie worker``, ``charlie daily``, … A hyphen in a command name is read as an underscore,
so ``charlie seed-demo`` runs the ``seed_demo`` command.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "charlie.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "charlie"
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
