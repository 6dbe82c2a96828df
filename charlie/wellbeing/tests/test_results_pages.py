"""The results part's browser sweep (``tests/e2e/test_wellbeing_results.py``) names every URL of
the part, as a page it opens with axe-core or as no page of its own with the reason (no browser
needed to check that): a new page cannot ship without an accessibility check."""

from __future__ import annotations

from charlie.wellbeing import urls_results
from tests.e2e.test_wellbeing_results import NOT_PAGES, PAGES


def _part_names() -> set[str]:
    return {f"wellbeing:{pattern.name}" for pattern in urls_results.urlpatterns}


def test_the_sweep_names_every_url_of_the_part():
    opened = {page.name for page in PAGES}
    missing = _part_names() - opened - set(NOT_PAGES)
    assert not missing, f"URLs the results sweep neither opens nor explains: {missing}"


def test_the_sweep_names_only_the_parts_urls_and_each_once():
    opened = {page.name for page in PAGES}
    assert not opened & set(NOT_PAGES)
    assert (opened | set(NOT_PAGES)) <= _part_names()
    assert all(reason.strip() for reason in NOT_PAGES.values())
