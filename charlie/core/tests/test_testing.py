"""The test-support module: reading DKFDS tables, and the registry of the apps' URL cases."""

from __future__ import annotations

import pytest

from charlie.core.testing.cases import app_test_modules, permission_cases, personal_data_visits
from charlie.core.testing.tables import find_table, table_rows, tables

PAGE = """
<table class="table" id="a"><caption>Fravær pr. enhed</caption>
  <thead><tr><th scope="col">Enhed</th><th scope="col">Antal</th></tr></thead>
  <tbody>
    <tr><th scope="row">Plejecenter
        Nord</th><td data-suppressed>–<span class="sr-only">skjult</span></td></tr>
    <tr><th scope="row">I alt</th><td data-count="12">12</td></tr>
  </tbody>
</table>
<table><caption>Andet</caption><tr><td>1.234</td></tr></table>
"""


def test_table_rows_by_caption_reads_cell_texts():
    assert table_rows(PAGE, caption="pr. enhed") == [
        ["Enhed", "Antal"],
        ["Plejecenter Nord", "–skjult"],
        ["I alt", "12"],
    ]
    assert table_rows(PAGE.encode(), id="a") == table_rows(PAGE, caption="Fravær")
    assert find_table(PAGE, caption="Andet").rows == [["1.234"]]
    assert find_table(PAGE, id="a").by_label()["I alt"] == ["12"]
    assert [t.caption for t in tables(PAGE)] == ["Fravær pr. enhed", "Andet"]


def test_a_missing_or_ambiguous_table_fails_the_assertion():
    with pytest.raises(AssertionError, match="0 tables"):
        table_rows(PAGE, caption="Findes ikke")
    with pytest.raises(AssertionError, match="2 tables"):
        table_rows(PAGE)


def test_every_app_with_urls_declares_its_cases():
    modules = app_test_modules("cases")
    for app in ("core", "people", "privacy", "accounts", "absence", "workforce", "imports"):
        assert f"charlie.{app}.tests.cases" in modules
    assert len(permission_cases()) >= 140
    assert len(personal_data_visits()) >= 40
