"""``charlie bootstrap-role USERNAME --role admin|hr|dpo``: the first holder of a role.

A new installation has no user who could approve the first HR user or data protection officer
in Charlie, and no administrator to create them. This command, run on the server, gives the
role to one account — creating it when it does not exist — but only while no active user holds
the role; after that roles are given under "Brugere og roller" in Charlie. It writes the audit
log on the channel ``cli`` (no user as actor), so the DPO sees it like every other role change.

Let the person who gets the account type the password themselves (it is asked for twice, and
never taken from the command line). ``--password-stdin`` reads it from standard input instead,
for automated installs.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from charlie.accounts import services
from charlie.core.errors import ValidationFailed
from charlie.core.models import User


class Command(BaseCommand):
    help = (
        "Giv den første bruger rollen admin, hr eller dpo på en ny installation (kun mens "
        "ingen aktiv bruger har rollen). Skrives i loggen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Brugernavnet (oprettes, hvis det ikke findes).")
        parser.add_argument(
            "--role", required=True, choices=[str(r) for r in services.BOOTSTRAP_ROLES]
        )
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Læs adgangskoden fra standard input (én linje) i stedet for at spørge.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"].strip().lower()
        password = None
        if not User.objects.filter(username__iexact=username).exists():
            password = self._password(options["password_stdin"])
        try:
            user = services.bootstrap_role(
                username=username,
                role=options["role"],
                password=password,
                first_name=options["first_name"],
                last_name=options["last_name"],
                email=options["email"],
            )
        except ValidationFailed as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"{user.username} har nu rollen {user.get_role_display()}. Det er skrevet i loggen."
        )

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            return sys.stdin.readline().rstrip("\n")
        if not sys.stdin.isatty():
            raise CommandError(
                "Adgangskoden skal skrives i en terminal, eller gives med --password-stdin."
            )
        first = getpass.getpass("Adgangskode til den nye bruger: ")
        again = getpass.getpass("Gentag adgangskoden: ")
        if first != again:
            raise CommandError("De to adgangskoder er ikke ens.")
        return first
