"""``charlie oidc-discover ISSUER``: read the identity provider's discovery document and print
the environment lines Charlie needs (docs/operations.md). The endpoints are then fixed in the
environment, so Charlie never depends on the discovery document at run time."""

from __future__ import annotations

from typing import Any

import requests
from django.core.management.base import BaseCommand, CommandError, CommandParser

FIELDS = (
    ("CHARLIE_OIDC_ISSUER", "issuer"),
    ("CHARLIE_OIDC_AUTHORIZATION_ENDPOINT", "authorization_endpoint"),
    ("CHARLIE_OIDC_TOKEN_ENDPOINT", "token_endpoint"),
    ("CHARLIE_OIDC_USERINFO_ENDPOINT", "userinfo_endpoint"),
    ("CHARLIE_OIDC_JWKS_ENDPOINT", "jwks_uri"),
)


class Command(BaseCommand):
    help = "Print the CHARLIE_OIDC_* endpoint settings from an identity provider's discovery."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("issuer", help="the issuer URL, e.g. https://login.kommune.dk/realm")

    def handle(self, *args: Any, **options: Any) -> None:
        issuer = options["issuer"].rstrip("/")
        url = f"{issuer}/.well-known/openid-configuration"
        try:
            response = requests.get(url, timeout=10)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise CommandError(f"Could not read {url}: {exc}") from None
        missing = [key for _name, key in FIELDS if not document.get(key)]
        if missing:
            raise CommandError(f"{url} lacks {', '.join(missing)}")
        if document["issuer"].rstrip("/") != issuer:
            raise CommandError(f"{url} names another issuer: {document['issuer']}")
        algorithms = document.get("id_token_signing_alg_values_supported") or []
        for name, key in FIELDS:
            self.stdout.write(f"{name}={document[key]}")
        if algorithms and "RS256" not in algorithms:
            self.stdout.write(f"CHARLIE_OIDC_SIGN_ALGO={algorithms[0]}")
        self.stdout.write("CHARLIE_OIDC_CLIENT_ID=…  # from the IdP's registration of Charlie")
        self.stdout.write("CHARLIE_OIDC_CLIENT_SECRET=…  # ditto; keep it out of any file in git")
