"""The registry of URL cases: each app lists its own, the central tests collect them.

An app's ``tests/cases.py`` may define:

- ``PERMISSION_CASES``: a list of :class:`Case`, one or more for every named URL of the app (who
  gets in, as every role). ``tests/test_permissions.py`` visits each as every role and fails
  when a URL of the project has no case.
- ``PERSONAL_DATA_VISITS``: a list of :class:`Visit`, one for every URL that shows a person's
  data (the visit must write the audit log with the right subjects, category and purpose).
- ``PERSONAL_DATA_URL_NAMES``: the app's URL names that show personal data; each must have a
  visit (so a visit cannot be dropped by mistake).

Nothing registers by hand: :func:`permission_cases` and friends import ``<app>.tests.cases`` for
every installed app whose name starts with ``charlie.``, in ``INSTALLED_APPS`` order. An app
without URLs needs no ``cases.py``.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from types import ModuleType
from typing import Any

from django.apps import apps
from django.utils import timezone

#: Every role, and the visitor who is not logged in.
ROLES = ("anonymous", "employee", "manager", "hr", "analyst", "dpo", "admin")

#: Anonymous users are sent to the log-in page.
LOGIN_REQUIRED = 302


def expect(default: int, **overrides: int) -> dict[str, int]:
    """The expected status for every role: ``default``, except the roles named."""
    result = dict.fromkeys(ROLES, default)
    result.update(overrides)
    return result


@dataclass(frozen=True)
class Case:
    """One request to a named URL, made as every role, with the status each role must get.

    ``kwargs`` builds the URL's arguments from the test organisation (``org`` fixture) and may
    create the objects it names; it is called once per test (and once per role by the
    disclosure walk), so it must be idempotent where a case is visited repeatedly.
    """

    url_name: str
    expected: dict[str, int]
    method: str = "get"
    kwargs: Callable[[Any], dict[str, Any]] = field(default=lambda org: {})
    data: dict[str, Any] | None = None
    label: str = ""


@dataclass(frozen=True)
class Visit:
    """One visit to a URL that shows personal data, and the audit entries it must write."""

    url_name: str
    role: str
    #: The people whose data the answer shows: (org, users) → person ids.
    subjects: Callable[[Any, Any], set[int]]
    category: str
    purpose: str
    channel: str = "ui"
    kwargs: Callable[[Any], dict[str, Any]] = field(default=lambda org: {})
    params: Callable[[Any], dict[str, Any]] = field(default=lambda org: {})
    headers: dict[str, str] = field(default_factory=dict)
    label: str = ""
    #: The user accounts whose data the answer shows (pages about accounts and roles), by user
    #: name: (org, users) → user names. An account need not have a person.
    accounts: Callable[[Any, Any], set[str]] = field(default=lambda org, users: set())


# --- Subjects of a visit ----------------------------------------------------------------------


def own(role: str) -> Callable[[Any, Any], set[int]]:
    """The visitor's own person."""
    return lambda org, users: {users[role].person.pk}


def nord(org: Any, users: Any) -> set[int]:
    """The person employed in Plejecenter Nord (the employee, in the manager's unit)."""
    return {org.person_in_nord.pk}


def skole(org: Any, users: Any) -> set[int]:
    """The person employed in Nørre Skole (outside the manager's unit)."""
    return {org.person_in_skole.pk}


#: URL kwargs: the person in Plejecenter Nord.
NORD = {"person_id": lambda org: {"person_id": org.person_in_nord.pk}}
#: Search parameters that find the person in Nørre Skole by employee number.
SKOLE_NUMBER = lambda org: {"q": org.person_in_skole.employee_number}  # noqa: E731


def days_ago(days: int) -> str:
    """An ISO date ``days`` before today, for form data."""
    return (timezone.localdate() - timedelta(days=days)).isoformat()


# --- Collecting the apps' declarations --------------------------------------------------------


def charlie_app_names() -> list[str]:
    """The installed Charlie apps' module names, in ``INSTALLED_APPS`` order."""
    return [config.name for config in apps.get_app_configs() if config.name.startswith("charlie.")]


def _has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # the app has no tests package
        return False


def app_test_modules(module: str) -> list[str]:
    """``<app>.tests.<module>`` for every installed Charlie app that has one."""
    names = (f"{app}.tests.{module}" for app in charlie_app_names())
    return [name for name in names if _has_module(name)]


def _cases_modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in app_test_modules("cases")]


def permission_cases() -> list[Case]:
    """Every app's ``PERMISSION_CASES``."""
    return [case for m in _cases_modules() for case in getattr(m, "PERMISSION_CASES", [])]


def personal_data_visits() -> list[Visit]:
    """Every app's ``PERSONAL_DATA_VISITS``."""
    return [visit for m in _cases_modules() for visit in getattr(m, "PERSONAL_DATA_VISITS", [])]


def personal_data_url_names() -> set[str]:
    """Every app's ``PERSONAL_DATA_URL_NAMES``."""
    return {name for m in _cases_modules() for name in getattr(m, "PERSONAL_DATA_URL_NAMES", ())}


def factory_plugins() -> list[str]:
    """The apps' ``tests/factories.py`` modules, for ``pytest_plugins`` in the root conftest."""
    return app_test_modules("factories")
