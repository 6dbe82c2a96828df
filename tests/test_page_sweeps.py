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


def test_the_wellbeing_surveys_sweep_names_every_url_of_its_part():
    """The surveys part's browser sweep (``tests/e2e/test_wellbeing_surveys.py``) opens every
    page of surveys, pulse series, answering and invitations; the rest are form actions."""
    from tests.e2e.test_wellbeing_surveys import PAGES as SURVEY_PAGES
    from tests.e2e.test_wellbeing_surveys import SURVEY_ACTIONS

    mine = {
        name
        for name in all_url_names()
        if name.startswith("wellbeing:")
        and name.split(":")[1].startswith(("survey", "pulse_series", "answer", "invitation"))
    }
    # The about page is the green part's, swept in tests/e2e/test_wellbeing_green.py.
    theirs = {"wellbeing:survey_about"}
    assert mine - SURVEY_ACTIONS - theirs == {page.name for page in SURVEY_PAGES}
