"""The browser sweeps name every page of their namespaces (no browser needed to check that).

``tests/e2e/test_recruitment_pages.py`` opens each page of recruitment and of the careers site
with axe-core. This test fails when a URL of those namespaces is neither a page it opens nor
one it names as no page of its own (with the reason), so a new page cannot ship without an
accessibility check.
"""

from __future__ import annotations

from tests.e2e.test_recruitment_pages import NOT_PAGES, PAGES, SWEPT_NAMESPACES
from tests.test_permissions import all_url_names


def _swept_names() -> set[str]:
    return {n for n in all_url_names() if n.split(":", 1)[0] in SWEPT_NAMESPACES}


def test_the_recruitment_sweep_names_every_url():
    opened = {page.name for page in PAGES}
    missing = _swept_names() - opened - set(NOT_PAGES)
    assert not missing, f"URLs the recruitment sweep neither opens nor explains: {missing}"


def test_the_recruitment_sweep_names_only_real_urls_and_each_once():
    opened = {page.name for page in PAGES}
    assert not opened & set(NOT_PAGES), opened & set(NOT_PAGES)
    assert (opened | set(NOT_PAGES)) <= _swept_names()
    assert all(reason.strip() for reason in NOT_PAGES.values())
