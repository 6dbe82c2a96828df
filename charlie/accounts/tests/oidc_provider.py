"""A small OpenID Connect provider for the tests: a real HTTP server in a thread.

It serves discovery, JWKS, authorize (redirects back with a code), token (an RS256-signed
id_token, signed with pyjwt + cryptography, which mozilla-django-oidc already needs) and
userinfo. The test sets ``provider.user`` to the claims of whoever "logs in" at the IdP, and may
spoil one thing (``provider.spoil``) to check that Charlie refuses it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "charlie-test"
CLIENT_SECRET = "test-hemmelighed-kun-til-test"
KID = "test-key-1"

_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _b64(n: int) -> str:
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@dataclass
class Provider:
    url: str = ""
    #: The claims of the user who logs in at the IdP next (``sub`` at least).
    user: dict[str, Any] = field(default_factory=dict)
    #: One thing to get wrong: "nonce", "issuer", "audience", "expired", "signature",
    #: "userinfo_sub".
    spoil: str = ""
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def settings(self, **extra: Any) -> dict[str, Any]:
        """Charlie's settings for this provider (what the environment would give)."""
        from django.conf import settings

        backends = list(settings.AUTHENTICATION_BACKENDS)
        if "charlie.accounts.oidc.OIDCBackend" not in backends:
            backends.append("charlie.accounts.oidc.OIDCBackend")
        return {
            "CHARLIE_OIDC_ENABLED": True,
            "CHARLIE_OIDC_ISSUER": self.url,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "AUTHENTICATION_BACKENDS": backends,
            **extra,
        }

    def id_token(self, *, nonce: str) -> str:
        now = int(time.time())
        claims = {
            **self.user,
            "iss": "https://andet.example" if self.spoil == "issuer" else self.url,
            "aud": "en-anden-klient" if self.spoil == "audience" else CLIENT_ID,
            "iat": now - (7200 if self.spoil == "expired" else 0),
            "exp": now + (-3600 if self.spoil == "expired" else 300),
            "nonce": "forkert-nonce" if self.spoil == "nonce" else nonce,
        }
        key: Any = _KEY
        if self.spoil == "signature":
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KID})


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _json(self, data: Any, status: int = 200) -> None:
            body = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            provider.requests.append(url.path)
            if url.path == "/.well-known/openid-configuration":
                self._json(
                    {
                        "issuer": provider.url,
                        "authorization_endpoint": f"{provider.url}/authorize",
                        "token_endpoint": f"{provider.url}/token",
                        "userinfo_endpoint": f"{provider.url}/userinfo",
                        "jwks_uri": f"{provider.url}/jwks",
                        "response_types_supported": ["code"],
                        "subject_types_supported": ["public"],
                        "id_token_signing_alg_values_supported": ["RS256"],
                        "code_challenge_methods_supported": ["S256"],
                    }
                )
            elif url.path == "/jwks":
                public = _KEY.public_key().public_numbers()
                key = {"kty": "RSA", "kid": KID, "alg": "RS256", "use": "sig"}
                self._json({"keys": [{**key, "n": _b64(public.n), "e": _b64(public.e)}]})
            elif url.path == "/authorize":
                if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                    self._json({"error": "invalid_request"}, 400)
                    return
                code = secrets.token_urlsafe(16)
                provider.codes[code] = {
                    "user": dict(provider.user),
                    "nonce": query.get("nonce", ""),
                    "redirect_uri": query.get("redirect_uri", ""),
                    "challenge": query.get("code_challenge", ""),
                }
                back = {"code": code, "state": query.get("state", "")}
                self.send_response(302)
                self.send_header("Location", f"{query['redirect_uri']}?{urlencode(back)}")
                self.end_headers()
            elif url.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if token not in provider.tokens:
                    self._json({"error": "invalid_token"}, 401)
                    return
                claims = dict(provider.tokens[token])
                if provider.spoil == "userinfo_sub":
                    claims["sub"] = "en-anden"
                self._json(claims)
            else:
                self._json({"error": "not_found"}, 404)

        def do_POST(self) -> None:
            provider.requests.append(self.path)
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if self.path != "/token":
                self._json({"error": "not_found"}, 404)
                return
            grant = provider.codes.pop(form.get("code", ""), None)
            verifier = form.get("code_verifier", "")
            challenge = (
                base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                .rstrip(b"=")
                .decode()
            )
            if (
                grant is None
                or form.get("client_id") != CLIENT_ID
                or form.get("client_secret") != CLIENT_SECRET
                or form.get("redirect_uri") != grant["redirect_uri"]
                or challenge != grant["challenge"]
            ):
                self._json({"error": "invalid_grant"}, 400)
                return
            access = secrets.token_urlsafe(16)
            provider.tokens[access] = grant["user"]
            saved, provider.user = provider.user, grant["user"]
            try:
                id_token = provider.id_token(nonce=grant["nonce"])
            finally:
                provider.user = saved
            self._json({"access_token": access, "token_type": "Bearer", "id_token": id_token})

    return Handler


@contextmanager
def running_provider() -> Iterator[Provider]:
    provider = Provider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(provider))
    provider.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
