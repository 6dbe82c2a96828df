"""The browser sweeps name every page of their namespaces (no browser needed to check that).

``tests/e2e/test_recruitment_pages.py`` opens each page of recruitment and of the careers site
with axe-core, ``tests/e2e/test_wellbeing_pages.py`` each page of well-being,
``tests/e2e/test_portfolio_pages.py`` each page of the digitalisation portfolio. These tests fail
when a URL of those namespaces is neither a page its sweep opens nor one it names as no page of
its own (with the reason), so a new page cannot ship without an accessibility check.
"""

from __future__ import annotations

from tests.e2e import test_portfolio_pages as portfolio
from tests.e2e import test_recruitment_pages as recruitment
from tests.e2e import test_wellbeing_pages as wellbeing
from tests.test_permissions import all_url_names


def _swept_names(namespaces: tuple[str, ...]) -> set[str]:
    return {n for n in all_url_names() if n.split(":", 1)[0] in namespaces}


def test_the_recruitment_sweep_names_every_url():
    opened = {page.name for page in recruitment.PAGES}
    missing = _swept_names(recruitment.SWEPT_NAMESPACES) - opened - set(recruitment.NOT_PAGES)
    assert not missing, f"URLs the recruitment sweep neither opens nor explains: {missing}"


def test_the_recruitment_sweep_names_only_real_urls_and_each_once():
    opened = {page.name for page in recruitment.PAGES}
    assert not opened & set(recruitment.NOT_PAGES), opened & set(recruitment.NOT_PAGES)
    assert (opened | set(recruitment.NOT_PAGES)) <= _swept_names(recruitment.SWEPT_NAMESPACES)
    assert all(reason.strip() for reason in recruitment.NOT_PAGES.values())


def test_the_wellbeing_sweep_names_every_url():
    opened = {page.name for page in wellbeing.PAGES}
    missing = _swept_names(wellbeing.SWEPT_NAMESPACES) - opened - set(wellbeing.NOT_PAGES)
    assert not missing, f"URLs the wellbeing sweep neither opens nor explains: {missing}"


def test_the_wellbeing_sweep_names_only_real_urls_and_each_once():
    opened = {page.name for page in wellbeing.PAGES}
    assert not opened & set(wellbeing.NOT_PAGES), opened & set(wellbeing.NOT_PAGES)
    assert (opened | set(wellbeing.NOT_PAGES)) <= _swept_names(wellbeing.SWEPT_NAMESPACES)
    assert all(reason.strip() for reason in wellbeing.NOT_PAGES.values())


def test_the_portfolio_sweep_names_every_url():
    opened = {page.name for page in portfolio.PAGES}
    missing = _swept_names(portfolio.SWEPT_NAMESPACES) - opened - set(portfolio.NOT_PAGES)
    assert not missing, f"URLs the portfolio sweep neither opens nor explains: {missing}"


def test_the_portfolio_sweep_names_only_real_urls_and_each_once():
    opened = {page.name for page in portfolio.PAGES}
    assert not opened & set(portfolio.NOT_PAGES), opened & set(portfolio.NOT_PAGES)
    assert (opened | set(portfolio.NOT_PAGES)) <= _swept_names(portfolio.SWEPT_NAMESPACES)
    assert all(reason.strip() for reason in portfolio.NOT_PAGES.values())
