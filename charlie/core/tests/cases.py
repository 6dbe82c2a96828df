"""Who may open each URL of core, and which of its URLs must write the audit log:
core's pages (log-in, password, API keys) and the project's own URLs (language,
admin, the API's root and schema).

Collected by ``charlie.core.testing.cases`` for ``tests/test_permissions.py`` and
``charlie/privacy/tests/test_every_personal_data_url.py``.
"""

from __future__ import annotations

from charlie.core.testing.cases import (
    LOGIN_REQUIRED,
    Case,
    expect,
)


def hr_token_id() -> int:
    from charlie.core.models import User
    from charlie.core.token_services import create_token

    token, _plain = create_token(user=User.objects.get(username="test-hr"), name="perm-test")
    return token.pk


PERMISSION_CASES: list[Case] = [
    Case("core:login", expect(200)),
    Case(
        "core:login",
        expect(400),
        method="post",
        data={"username": "x", "password": "y"},
        label="wrong password",
    ),
    Case("core:logout", expect(405, anonymous=LOGIN_REQUIRED), label="GET is refused"),
    Case("core:logout", expect(302), method="post"),
    Case("core:accessibility", expect(200)),
    Case("core:healthz", expect(200)),
    Case("set_language", expect(302), method="post", data={"language": "en", "next": "/"}),
    Case("admin:index", expect(302, admin=200)),
    # "Skift adgangskode": everyone changes their own (the current one is checked by log_in).
    Case("core:password_change", expect(200, anonymous=LOGIN_REQUIRED)),
    Case(
        "core:password_change",
        expect(400, anonymous=LOGIN_REQUIRED),
        method="post",
        data={},
        label="empty form",
    ),
    Case(
        "core:password_change",
        expect(302),
        method="post",
        data={
            "current_password": "korrekt-hest-batteri-42",
            "new_password": "et-helt-andet-kodeord-77",
            "new_password_again": "et-helt-andet-kodeord-77",
        },
        label="change",
    ),
    # Personal API tokens: everyone manages their own; another user's token does not exist.
    Case("core:tokens", expect(200, anonymous=LOGIN_REQUIRED)),
    Case(
        "core:tokens",
        expect(200, anonymous=LOGIN_REQUIRED),
        method="post",
        data={"name": "x"},
        label="create",
    ),
    Case(
        "core:tokens",
        expect(400, anonymous=LOGIN_REQUIRED),
        method="post",
        data={},
        label="create without a name",
    ),
    Case(
        "core:token_revoke",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=lambda org: {"token_id": hr_token_id()},
        label="HR's own token",
    ),
    Case(
        "core:token_revoke",
        expect(404, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        kwargs=lambda org: {"token_id": hr_token_id()},
        label="revoke HR's own token",
    ),
    # The API (session log-in here; tokens are tested in charlie/core/tests/test_api.py).
    Case("api:api-root", expect(404)),
    Case("api:me", expect(200, anonymous=401)),
    Case("api:openapi-json", expect(200)),
    Case("api:openapi-view", expect(200)),
]
