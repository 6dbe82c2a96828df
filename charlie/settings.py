"""Django settings for Charlie.

Everything that differs between machines comes from the environment (see docs/operations.md).
The defaults give a working developer/demo setup: SQLite under ``var/``, DEBUG on, Danish UI.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("CHARLIE_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The test suite (pytest) and CHARLIE_TESTING=1 get test-friendly settings.
TESTING = "pytest" in sys.modules or env_bool("CHARLIE_TESTING", False)
# Demo mode creates the demo logins. Their passwords are public (README) and are refused by the
# login service whenever CHARLIE_DEMO is off, so they can never work on a real installation.
DEMO = env_bool("CHARLIE_DEMO", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or DEMO or TESTING:
        # Development/demo only: a fixed key is fine because nothing real is signed with it.
        SECRET_KEY = "charlie-insecure-development-key-never-use-in-production"  # noqa: S105
    else:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (see docs/operations.md), "
            "or set DEBUG=1 / CHARLIE_DEMO=1 for a local demo."
        )

# The secret of the keyed hash that recognises one person across payroll files without storing
# the CPR number (charlie.imports.person_key; docs/operations.md). Rotation: put the old secret
# in CHARLIE_PERSON_KEY_OLD_SECRETS (comma-separated) until every person has been re-keyed.
CHARLIE_PERSON_KEY_SECRET = os.environ.get("CHARLIE_PERSON_KEY_SECRET", "")
CHARLIE_PERSON_KEY_OLD_SECRETS = env_list("CHARLIE_PERSON_KEY_OLD_SECRETS", "")
if not CHARLIE_PERSON_KEY_SECRET and (DEBUG or DEMO or TESTING):
    # Development/demo only, like SECRET_KEY above: the demo's CPR numbers are made up. Without
    # the setting a real installation refuses OPUS files (they need it to join employments).
    CHARLIE_PERSON_KEY_SECRET = "charlie-insecure-development-person-key"  # noqa: S105
# A complete-snapshot import that would end more than this many employments AND more than this
# share (per cent) of the open ones waits for a person to confirm it (imports.services).
CHARLIE_IMPORT_CONFIRM_ENDINGS = int(os.environ.get("CHARLIE_IMPORT_CONFIRM_ENDINGS", "20"))
CHARLIE_IMPORT_CONFIRM_SHARE = float(os.environ.get("CHARLIE_IMPORT_CONFIRM_SHARE", "5"))
# Learning (docs/learning.md): the address in front of links in e-mails, days before a session
# its reminder goes, days before a mandatory training's deadline the manager's task opens, the
# grace period of a new rule, and the largest image a lesson may hold.
CHARLIE_BASE_URL = os.environ.get("CHARLIE_BASE_URL", "").strip()
CHARLIE_LEARNING_REMINDER_DAYS = int(os.environ.get("CHARLIE_LEARNING_REMINDER_DAYS", "3"))
CHARLIE_LEARNING_TASK_DAYS = int(os.environ.get("CHARLIE_LEARNING_TASK_DAYS", "30"))
CHARLIE_LEARNING_GRACE_DAYS = int(os.environ.get("CHARLIE_LEARNING_GRACE_DAYS", "90"))
# Public pages (Cache-Control: public, the careers site) served from each process's memory for
# this many seconds before the request cycle (core/public_cache.py); 0 turns it off. Off in tests.
CHARLIE_PUBLIC_CACHE_SECONDS = float(
    os.environ.get("CHARLIE_PUBLIC_CACHE_SECONDS", "0" if TESTING else "5")
)
CHARLIE_LEARNING_MAX_IMAGE_BYTES = int(
    os.environ.get("CHARLIE_LEARNING_MAX_IMAGE_BYTES", str(2 * 1024 * 1024))
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    # Before django.contrib.auth, so that Charlie's ``createsuperuser`` (which refuses and points
    # to ``charlie bootstrap-role``) wins over Django's (decision 0014).
    "charlie.core",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "ninja",
    "charlie.privacy",
    "charlie.people",
    "charlie.accounts",
    "charlie.absence",
    "charlie.workforce",
    "charlie.skills",
    "charlie.learning",
    "charlie.recruitment",
    "charlie.wellbeing",
    "charlie.portfolio",
    "charlie.imports",
    "charlie.demo",
]

MIDDLEWARE = [
    # First: public pages (the careers site) from memory for a few seconds (core/public_cache.py).
    "charlie.core.public_cache.PublicPageCache",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "charlie.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "charlie.privacy.batch.AuditBatchMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "charlie.urls"
WSGI_APPLICATION = "charlie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "charlie.core.context_processors.shell",
            ],
            # The Danish date and number filters (core.formats) and {% id_url %} for the rows
            # of long lists (core.templatetags.links) in every template.
            "builtins": ["charlie.core.templatetags.formats", "charlie.core.templatetags.links"],
        },
    },
]
# Every form field with its DKFDS classes and form group (core/forms.py).
FORM_RENDERER = "charlie.core.forms.FormRenderer"

# --- Database ---
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'charlie.sqlite3'}"),
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A separate worker process writes too: writers wait for the lock instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_POOL", not DEBUG
):
    DATABASES["default"]["OPTIONS"] = {"pool": True}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth ---
AUTH_USER_MODEL = "core.User"
# One backend, which checks passwords only for core.services.log_in (lock-out, demo rule) and
# ends sessions of inactive users and, outside demo mode, of demo logins (decision 0015).
AUTHENTICATION_BACKENDS = ["charlie.core.backends.CharlieBackend"]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "core:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Local passwords (Charlie's own log-in form). Small installations keep them; one that logs in
# through the municipality's identity provider may switch them off with CHARLIE_LOCAL_LOGIN=0:
# the form is not shown and every password log-in is refused — except the public demo logins
# while CHARLIE_DEMO is on (docs/operations.md).
CHARLIE_LOCAL_LOGIN = env_bool("CHARLIE_LOCAL_LOGIN", True)

# --- Log-in with the municipality's identity provider (OpenID Connect, mozilla-django-oidc) ---
# On when the issuer, the four endpoints, the client id and the client secret are all set
# (docs/operations.md; `charlie oidc-discover ISSUER` prints the endpoints); off otherwise.
# The secret comes from the environment only, never from a file in the repository.
CHARLIE_OIDC_ISSUER = os.environ.get("CHARLIE_OIDC_ISSUER", "").strip()
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("CHARLIE_OIDC_AUTHORIZATION_ENDPOINT", "").strip()
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("CHARLIE_OIDC_TOKEN_ENDPOINT", "").strip()
OIDC_OP_USER_ENDPOINT = os.environ.get("CHARLIE_OIDC_USERINFO_ENDPOINT", "").strip()
OIDC_OP_JWKS_ENDPOINT = os.environ.get("CHARLIE_OIDC_JWKS_ENDPOINT", "").strip()
OIDC_RP_CLIENT_ID = os.environ.get("CHARLIE_OIDC_CLIENT_ID", "").strip()
OIDC_RP_CLIENT_SECRET = os.environ.get("CHARLIE_OIDC_CLIENT_SECRET", "")
_oidc_required = {
    "CHARLIE_OIDC_ISSUER": CHARLIE_OIDC_ISSUER,
    "CHARLIE_OIDC_AUTHORIZATION_ENDPOINT": OIDC_OP_AUTHORIZATION_ENDPOINT,
    "CHARLIE_OIDC_TOKEN_ENDPOINT": OIDC_OP_TOKEN_ENDPOINT,
    "CHARLIE_OIDC_USERINFO_ENDPOINT": OIDC_OP_USER_ENDPOINT,
    "CHARLIE_OIDC_JWKS_ENDPOINT": OIDC_OP_JWKS_ENDPOINT,
    "CHARLIE_OIDC_CLIENT_ID": OIDC_RP_CLIENT_ID,
    "CHARLIE_OIDC_CLIENT_SECRET": OIDC_RP_CLIENT_SECRET,
}
CHARLIE_OIDC_ENABLED = all(_oidc_required.values())
if any(_oidc_required.values()) and not CHARLIE_OIDC_ENABLED:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "Log-in with the identity provider is half configured; also set "
        + ", ".join(name for name, value in _oidc_required.items() if not value)
        + " (docs/operations.md)."
    )
if not CHARLIE_LOCAL_LOGIN and not CHARLIE_OIDC_ENABLED and not (DEMO or TESTING):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "CHARLIE_LOCAL_LOGIN=0 with no identity provider configured: no one could log in."
    )
OIDC_RP_SIGN_ALGO = os.environ.get("CHARLIE_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("CHARLIE_OIDC_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = int(os.environ.get("CHARLIE_OIDC_TIMEOUT", "10"))
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
# Claims: the IdP groups (a list, or one string) and, when set, the employee number
# (people.Person.employee_number) that links the account to its person.
CHARLIE_OIDC_GROUPS_CLAIM = os.environ.get("CHARLIE_OIDC_GROUPS_CLAIM", "groups").strip()
CHARLIE_OIDC_EMPLOYEE_NUMBER_CLAIM = os.environ.get(
    "CHARLIE_OIDC_EMPLOYEE_NUMBER_CLAIM", ""
).strip()
# Roles from IdP groups, first match wins, e.g. "hr-gruppe=hr,ledere=manager" (decision 0020).
# Empty: the IdP only says who the user is; roles are given under "Brugere og roller".
CHARLIE_OIDC_GROUP_ROLES = os.environ.get("CHARLIE_OIDC_GROUP_ROLES", "")
# Whether a user the IdP knows but Charlie does not gets an account at the first log-in (only
# when the employee number names a person, or a group gives a role; decision 0020).
CHARLIE_OIDC_CREATE_USERS = env_bool("CHARLIE_OIDC_CREATE_USERS", True)
if CHARLIE_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("charlie.accounts.oidc.OIDCBackend")

# Lock-out after repeated failed log-ins (charlie.core.lockout).
CHARLIE_LOCKOUT_MAX_FAILURES = int(os.environ.get("CHARLIE_LOCKOUT_MAX_FAILURES", "5"))
CHARLIE_LOCKOUT_MINUTES = int(os.environ.get("CHARLIE_LOCKOUT_MINUTES", "15"))

# Disclosure control (charlie.core.disclosure; DOMAIN.md 5.3): the smallest group an aggregate
# may show, and higher floors per data category, e.g. CHARLIE_MIN_GROUP_SIZES="chikane=20".
CHARLIE_MIN_GROUP_SIZE = int(os.environ.get("CHARLIE_MIN_GROUP_SIZE", "5"))
CHARLIE_MIN_GROUP_SIZE_BY_CATEGORY = {
    name.strip(): int(size)
    for name, _, size in (
        item.partition("=") for item in env_list("CHARLIE_MIN_GROUP_SIZES", "chikane=20")
    )
}
# Absence figures are published for whole periods of this many calendar months (1, 3, 6 or 12):
# a window is widened to whole periods, so no two windows differ by a day (docs/absence.md).
CHARLIE_ABSENCE_PERIOD_MONTHS = int(os.environ.get("CHARLIE_ABSENCE_PERIOD_MONTHS", "1"))
# The KRL year the absence statistics page compares with, everywhere on the page (the summary,
# the table by job family, the chart, the Excel file). Empty: the newest year Charlie has
# figures for (charlie/absence/reference.py).
CHARLIE_ABSENCE_KRL_YEAR = (
    int(os.environ["CHARLIE_ABSENCE_KRL_YEAR"])
    if os.environ.get("CHARLIE_ABSENCE_KRL_YEAR")
    else None
)
# Follow-up tasks (docs/absence.md): a task overdue by more than this many days goes to HR
# ("eskaleret"); a deadline further back than the backfill when Charlie first runs gets no task,
# so a year of old deadlines does not flood the managers' lists.
CHARLIE_ABSENCE_ESCALATE_AFTER_DAYS = int(
    os.environ.get("CHARLIE_ABSENCE_ESCALATE_AFTER_DAYS", "3")
)
CHARLIE_ABSENCE_TASK_BACKFILL_DAYS = int(os.environ.get("CHARLIE_ABSENCE_TASK_BACKFILL_DAYS", "14"))

# The managers' personal calendar feed of follow-up tasks: a link stops working this many days
# after it was made (its owner makes a new one on the task page; decision 0016).
CHARLIE_CALENDAR_FEED_DAYS = int(os.environ.get("CHARLIE_CALENDAR_FEED_DAYS", "180"))

# --- Security ---
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8  # one working day
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)  # usually done by the proxy
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # HSTS: browsers that reached Charlie over HTTPS keep to HTTPS for a year. Sent only on
    # HTTPS answers, so plain HTTP on 127.0.0.1 (./dev run) is unaffected; 0 turns it off.
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))

# Content Security Policy: no inline script without a nonce, and never 'unsafe-eval'
# (htmx runs with allowEval = false).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- Internationalisation ---
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- Static files ---
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# DKFDS is served straight from the npm package (npm ci installs it; see package.json).
STATICFILES_DIRS = [("vendor/dkfds", PROJECT_DIR / "node_modules" / "dkfds" / "dist")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# --- Mail ---
# Django 6.1 MAILERS. Outside DEBUG/demo mail goes by SMTP; set EMAIL_BACKEND to override.
_email_backend = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG or DEMO
    else "django.core.mail.backends.smtp.EmailBackend",
)
_email_options: dict[str, object] = {}
if _email_backend.endswith("smtp.EmailBackend"):
    _email_options = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": 20,
    }
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "charlie@localhost")

# --- Background work ---
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Logging ---
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Query values (a calendar feed's token, a searched name) never reach a log: runserver's
    # request lines go through this filter, gunicorn's through charlie.core.access_log.
    "filters": {"redact_query": {"()": "charlie.core.access_log.RedactQueryFilter"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {
            "handlers": ["django.server"],
            "filters": ["redact_query"],
            "level": "INFO",
            "propagate": False,
        },
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Charlie ---
CHARLIE_MUNICIPALITY_NAME = os.environ.get("CHARLIE_MUNICIPALITY_NAME", "Demo Kommune")
# Contact details for the accessibility statement (webtilgængelighedsloven § 4).
CHARLIE_ACCESSIBILITY_EMAIL = os.environ.get(
    "CHARLIE_ACCESSIBILITY_EMAIL", "digitalisering@demo.dk"
)
CHARLIE_ACCESSIBILITY_PHONE = os.environ.get("CHARLIE_ACCESSIBILITY_PHONE", "+45 99 99 99 99")
CHARLIE_ACCESSIBILITY_STATEMENT_URL = os.environ.get("CHARLIE_ACCESSIBILITY_STATEMENT_URL", "")

if TESTING:
    # Fast hashing for the test suite only; real installations keep Django's PBKDF2 default.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Recruitment, part onboarding (docs/recruitment-onboarding.md): days before a task's due date
# its owner is reminded, where IT's tasks are e-mailed, and how many days after the first
# working day the new colleague's pre-boarding link works (at least 90: the last check-in).
CHARLIE_RECRUITMENT_REMINDER_DAYS = int(os.environ.get("CHARLIE_RECRUITMENT_REMINDER_DAYS", "3"))
CHARLIE_RECRUITMENT_IT_EMAIL = os.environ.get("CHARLIE_RECRUITMENT_IT_EMAIL", "").strip()
CHARLIE_RECRUITMENT_WELCOME_DAYS = int(os.environ.get("CHARLIE_RECRUITMENT_WELCOME_DAYS", "120"))
# Recruitment, part "applying" (docs/recruitment-applying.md): the largest file an applicant may
# send (bytes, default 5 MB), and how many months a talent-pool consent lasts before it must be
# renewed (default 6).
CHARLIE_RECRUITMENT_MAX_FILE_BYTES = int(
    os.environ.get("CHARLIE_RECRUITMENT_MAX_FILE_BYTES", str(5 * 1024 * 1024))
)
CHARLIE_RECRUITMENT_CONSENT_MONTHS = int(os.environ.get("CHARLIE_RECRUITMENT_CONSENT_MONTHS", "6"))
# Well-being, part "apv" (docs/wellbeing-apv.md): how many days before a unit's next APV is due
# its manager is reminded (default 90), how often the reminder repeats while it is not started
# (default every 30 days), and how often an overdue action's owner is reminded (default 7).
CHARLIE_WELLBEING_APV_REMINDER_DAYS = int(
    os.environ.get("CHARLIE_WELLBEING_APV_REMINDER_DAYS", "90")
)
CHARLIE_WELLBEING_APV_REPEAT_DAYS = int(os.environ.get("CHARLIE_WELLBEING_APV_REPEAT_DAYS", "30"))
CHARLIE_WELLBEING_ACTION_REMINDER_DAYS = int(
    os.environ.get("CHARLIE_WELLBEING_ACTION_REMINDER_DAYS", "7")
)

# Well-being (docs/wellbeing-surveys.md, docs/wellbeing-anonymity.md): the smallest group a
# survey's figures are shown for (default 5), and for offensive-behaviour questions (default 20;
# DOMAIN.md 5.3). A survey copies both when it is created; HR may raise them, never go below 3.
CHARLIE_WELLBEING_MIN_GROUP = max(3, int(os.environ.get("CHARLIE_WELLBEING_MIN_GROUP", "5")))
CHARLIE_WELLBEING_MIN_SENSITIVE = max(
    CHARLIE_WELLBEING_MIN_GROUP, int(os.environ.get("CHARLIE_WELLBEING_MIN_SENSITIVE", "20"))
)
