"""Settings read from the environment (docs/operations.md lists them).

Each case imports ``charlie.settings`` in a fresh interpreter with a controlled environment, since
the module reads the environment once, at import, and pytest itself switches test mode on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from charlie.settings import env_bool, env_list

PROBE = """
import json
import charlie.settings as s
db = s.DATABASES["default"]
print(json.dumps({
    "DEBUG": s.DEBUG,
    "DEMO": s.DEMO,
    "TESTING": s.TESTING,
    "ENGINE": db["ENGINE"],
    "NAME": str(db["NAME"]),
    "OPTIONS": db.get("OPTIONS", {}),
    "ALLOWED_HOSTS": s.ALLOWED_HOSTS,
    "CSRF_TRUSTED_ORIGINS": s.CSRF_TRUSTED_ORIGINS,
    "SESSION_COOKIE_SECURE": getattr(s, "SESSION_COOKIE_SECURE", False),
    "CSRF_COOKIE_SECURE": getattr(s, "CSRF_COOKIE_SECURE", False),
    "EMAIL_BACKEND": s.MAILERS["default"]["BACKEND"],
    "LOCKOUT": [s.CHARLIE_LOCKOUT_MAX_FAILURES, s.CHARLIE_LOCKOUT_MINUTES],
    "MIN_GROUP": [s.CHARLIE_MIN_GROUP_SIZE, s.CHARLIE_MIN_GROUP_SIZE_BY_CATEGORY],
    "STATICFILES": s.STORAGES["staticfiles"]["BACKEND"],
    "HSTS": getattr(s, "SECURE_HSTS_SECONDS", 0),
    "FEED_DAYS": s.CHARLIE_CALENDAR_FEED_DAYS,
}))
"""

#: Variables the settings read; cleared so the developer's own environment cannot leak in.
SETTINGS_VARIABLES = (
    "DATABASE_URL",
    "DATABASE_POOL",
    "SECRET_KEY",
    "DEBUG",
    "CHARLIE_DEMO",
    "CHARLIE_TESTING",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "CHARLIE_CALENDAR_FEED_DAYS",
    "EMAIL_BACKEND",
    "CHARLIE_LOCKOUT_MAX_FAILURES",
    "CHARLIE_LOCKOUT_MINUTES",
    "CHARLIE_MIN_GROUP_SIZE",
    "CHARLIE_MIN_GROUP_SIZES",
    "DJANGO_SETTINGS_MODULE",
)


def load_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    clean.update(CHARLIE_VAR_DIR=str(tmp_path / "var"), **env)
    return subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", PROBE],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parents[3],
    )


def settings_with(tmp_path: Path, **env: str) -> dict:
    proc = load_settings(tmp_path, **env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), (" Yes ", True), ("on", True), ("0", False), ("no", False)],
)
def test_env_bool(monkeypatch, value, expected):
    monkeypatch.setenv("CHARLIE_X", value)
    assert env_bool("CHARLIE_X", not expected) is expected


def test_env_bool_default_when_unset(monkeypatch):
    monkeypatch.delenv("CHARLIE_X", raising=False)
    assert env_bool("CHARLIE_X", True) is True


def test_env_list_drops_blanks(monkeypatch):
    monkeypatch.setenv("CHARLIE_X", " hr.kommune.dk, ,localhost ")
    assert env_list("CHARLIE_X", "") == ["hr.kommune.dk", "localhost"]


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    proc = load_settings(tmp_path)
    assert proc.returncode != 0
    assert "SECRET_KEY is not set" in proc.stderr
    assert "docs/operations.md" in proc.stderr


def test_production_settings(tmp_path):
    s = settings_with(
        tmp_path,
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://charlie@db.internal:5432/charlie",
        ALLOWED_HOSTS="hr.kommune.dk",
        CSRF_TRUSTED_ORIGINS="https://hr.kommune.dk",
    )
    assert s["DEBUG"] is False
    assert s["DEMO"] is False
    assert s["TESTING"] is False
    assert s["ENGINE"] == "django.db.backends.postgresql"
    assert s["NAME"] == "charlie"
    assert s["OPTIONS"] == {"pool": True}
    assert s["ALLOWED_HOSTS"] == ["hr.kommune.dk"]
    assert s["CSRF_TRUSTED_ORIGINS"] == ["https://hr.kommune.dk"]
    assert s["SESSION_COOKIE_SECURE"] is True
    assert s["CSRF_COOKIE_SECURE"] is True
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert s["STATICFILES"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert s["HSTS"] == 31536000  # one year, on by default outside DEBUG
    assert s["FEED_DAYS"] == 180


def test_hsts_can_be_changed_or_switched_off_and_is_off_in_debug(tmp_path):
    assert settings_with(tmp_path, CHARLIE_DEMO="1", SECURE_HSTS_SECONDS="0")["HSTS"] == 0
    assert settings_with(tmp_path, CHARLIE_DEMO="1", SECURE_HSTS_SECONDS="600")["HSTS"] == 600
    assert settings_with(tmp_path, DEBUG="1")["HSTS"] == 0


def test_calendar_feed_lifetime_from_the_environment(tmp_path):
    assert settings_with(tmp_path, DEBUG="1", CHARLIE_CALENDAR_FEED_DAYS="30")["FEED_DAYS"] == 30


@pytest.mark.django_db
def test_hsts_is_sent_over_https_only_so_plain_http_on_127_0_0_1_keeps_working(client, settings):
    """``./dev run`` serves plain HTTP with DEBUG off: a browser ignores HSTS over HTTP anyway,
    and Django sends it only on HTTPS answers."""
    settings.SECURE_HSTS_SECONDS = 31536000
    plain = client.get("/healthz")
    assert plain.status_code == 200
    assert "Strict-Transport-Security" not in plain
    secure = client.get("/healthz", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000"


def test_pool_can_be_switched_off(tmp_path):
    s = settings_with(
        tmp_path, SECRET_KEY="x" * 50, DATABASE_URL="postgres://c@h/charlie", DATABASE_POOL="0"
    )
    assert s["OPTIONS"] == {}


def test_demo_defaults_to_sqlite_in_the_var_directory(tmp_path):
    s = settings_with(tmp_path, CHARLIE_DEMO="1", SECURE_COOKIES="0")
    assert s["DEMO"] is True
    assert s["ENGINE"] == "django.db.backends.sqlite3"
    assert s["NAME"] == str(tmp_path / "var" / "charlie.sqlite3")
    # A separate worker process writes too: writers wait instead of failing (STACK.md).
    assert s["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert s["OPTIONS"]["timeout"] >= 20
    # ./dev run serves plain HTTP on 127.0.0.1, so it switches secure cookies off.
    assert s["SESSION_COOKIE_SECURE"] is False
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_lockout_settings_come_from_the_environment(tmp_path):
    s = settings_with(
        tmp_path, DEBUG="1", CHARLIE_LOCKOUT_MAX_FAILURES="3", CHARLIE_LOCKOUT_MINUTES="60"
    )
    assert s["LOCKOUT"] == [3, 60]
    assert s["STATICFILES"] == "django.contrib.staticfiles.storage.StaticFilesStorage"


def test_minimum_group_sizes_default_to_5_and_20_for_harassment(tmp_path):
    s = settings_with(tmp_path, CHARLIE_TESTING="1")
    assert s["MIN_GROUP"] == [5, {"chikane": 20}]


def test_minimum_group_sizes_from_the_environment(tmp_path):
    s = settings_with(
        tmp_path,
        CHARLIE_TESTING="1",
        CHARLIE_MIN_GROUP_SIZE="10",
        CHARLIE_MIN_GROUP_SIZES="chikane=25, trivsel=8",
    )
    assert s["MIN_GROUP"] == [10, {"chikane": 25, "trivsel": 8}]
