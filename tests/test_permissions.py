"""Every URL, visited as every role: who gets in ("Roles and scopes").

Each app lists its URLs' cases in ``charlie/<app>/tests/cases.py`` (``PERMISSION_CASES``);
``CASES`` collects them from every installed app (``charlie.core.testing.cases``).
``test_every_url_has_a_case`` walks the URL resolver and fails when a URL has no case, so a new
page cannot ship without a decision on who may see it. Admin pages are covered by
``admin:index`` (Django's admin guards them all alike).

Expected answers: 200 ok, 302 redirect (to log in, or onwards), 403 the role may never do this,
404 not found in the caller's scope (existence itself is private), 405 wrong method, 401 API
without credentials.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from charlie.core.testing.cases import ROLES, Case, permission_cases

#: Every app's permission cases, in INSTALLED_APPS order.
CASES: list[Case] = permission_cases()


#: URL names that are not pages and need no case (namespaces covered by one case above).
COVERED_NAMESPACES = ("admin:",)


def _walk(resolver: URLResolver, namespace: str | None = None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            child = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(pattern, child)
        elif isinstance(pattern, URLPattern):
            name = pattern.name
            full = f"{namespace}:{name}" if namespace and name else name
            yield namespace, full, str(pattern.pattern)


def all_url_names() -> set[str]:
    names = set()
    for namespace, name, route in _walk(get_resolver()):
        if namespace and f"{namespace}:".startswith(COVERED_NAMESPACES):
            continue
        if name is None:
            raise AssertionError(f"URL {route!r} has no name; every URL needs one")
        names.add(name)
    return names


def test_every_url_has_a_case():
    missing = all_url_names() - {case.url_name for case in CASES}
    assert not missing, f"URLs without a permission case in their app's tests/cases.py: {missing}"


def _case_id(case: Case) -> str:
    return f"{case.method.upper()} {case.url_name}" + (f" ({case.label})" if case.label else "")


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_who_gets_in(case: Case, client, org, users):
    url = reverse(case.url_name, kwargs=case.kwargs(org))
    got = {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        response = getattr(client, case.method)(url, data=case.data or {})
        got[role] = response.status_code
    assert got == case.expected
