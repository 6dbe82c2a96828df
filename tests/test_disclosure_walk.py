"""Every page and API answer, as every role: no aggregate shows a group below the threshold
(DESIGN.md, "Disclosure control").

The walk reuses ``tests/test_permissions.CASES`` (which must list every URL): each GET that a
role may open is fetched, and every count it publishes is checked.

- HTML: aggregates are rendered through ``core/_count_table.html`` or carry the same markup:
  a shown count has ``data-count`` (and ``data-min-size`` on it or on its table), a hidden one
  ``data-suppressed``. Each shown count must be 0 or at least the minimum; in a count table, the
  hidden cells of a line whose total is shown must together hold 0 or at least the minimum (the
  total minus the shown cells), or subtraction would give them away.
- JSON: every ``headcount``/``count`` value must be null, 0 or at least the minimum (except the
  ``count`` of a page of individual rows the caller may see anyway).

The data mixes small and large groups, and the walk asserts that it saw both shown and hidden
counts, so it cannot pass by finding nothing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from tests.test_permissions import CASES, ROLES

MIN_SIZE = 5
AGGREGATE_KEYS = {"headcount", "count"}


class CountParser(HTMLParser):
    """Collects published counts and the cells of each disclosure-controlled table."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: list[tuple[int, int]] = []  # (value, min size)
        self.suppressed = 0
        self.tables: list[list[list[tuple[str, int | None]]]] = []
        self._min_sizes: list[tuple[str, int]] = []
        self._row: list[tuple[str, int | None]] | None = None

    def _current_min(self, attrs: dict[str, str | None]) -> int:
        if attrs.get("data-min-size"):
            return int(attrs["data-min-size"] or MIN_SIZE)
        return self._min_sizes[-1][1] if self._min_sizes else MIN_SIZE

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attr_list)
        if tag == "table" and "data-disclosure-table" in attrs:
            self._min_sizes.append((tag, int(attrs["data-min-size"] or MIN_SIZE)))
            self.tables.append([])
        elif tag == "tr" and self._min_sizes:
            self._row = []
        if "data-count" in attrs:
            value = int(attrs["data-count"] or "0")
            self.counts.append((value, self._current_min(attrs)))
            if self._row is not None and tag == "td":
                self._row.append((attrs.get("data-kind") or "cell", value))
        if "data-suppressed" in attrs:
            self.suppressed += 1
            if self._row is not None and tag == "td":
                self._row.append((attrs.get("data-kind") or "cell", None))

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self._row is not None:
            if self._row:
                self.tables[-1].append(self._row)
            self._row = None
        elif tag == "table" and self._min_sizes:
            self._min_sizes.pop()


def check_difference_rule(
    table: list[list[tuple[str, int | None]]], where: str, min_size: int = MIN_SIZE
) -> None:
    """Under a shown total, the hidden values together are 0 or at least the minimum (rows,
    columns and margins): the total minus the shown values is what subtraction gives."""
    body = [row for row in table if row[0][0] == "cell"]
    footer = [row for row in table if row[0][0] == "column-total"]
    lines: list[tuple[int | None, list[int | None]]] = []
    for row in body:
        cells = [v for kind, v in row if kind == "cell"]
        total = next(v for kind, v in row if kind == "row-total")
        lines.append((total, cells))
    if footer:
        column_totals = [v for kind, v in footer[0] if kind == "column-total"]
        grand = next(v for kind, v in footer[0] if kind == "total")
        for j, total in enumerate(column_totals):
            lines.append((total, [[v for k, v in row if k == "cell"][j] for row in body]))
        lines.append((grand, column_totals))
        lines.append((grand, [next(v for k, v in row if k == "row-total") for row in body]))
    for total, cells in lines:
        if total is not None and any(v is None for v in cells):
            rest = total - sum(v for v in cells if v is not None)
            assert rest == 0 or rest >= min_size, f"{where}: {rest} hidden under {total}"


def check_json(value: Any, where: str) -> int:
    """Checks every aggregate number in a JSON answer; returns how many it saw."""
    seen = 0
    if isinstance(value, dict):
        for key, item in value.items():
            # A page of individual rows ({"items": [...], "count": n}) the caller may see one
            # by one is not an aggregate; its count is the length of the caller's own list.
            paging = key == "count" and "items" in value
            number = isinstance(item, int) and not isinstance(item, bool)
            if key in AGGREGATE_KEYS and number and not paging:
                assert item == 0 or item >= MIN_SIZE, f"{where}: {key}={item}"
                seen += 1
            else:
                seen += check_json(item, where)
    elif isinstance(value, list):
        seen += sum(check_json(item, where) for item in value)
    return seen


@pytest.fixture
def mixed_org(org):
    """The test organisation with some units above the threshold and some below."""
    from charlie.people.tests.factories import EmploymentFactory

    for _ in range(7):
        EmploymentFactory(org_unit=org.syd)
    for _ in range(12):
        EmploymentFactory(org_unit=org.skole)
    return org


@pytest.mark.django_db
def test_no_page_or_answer_shows_a_group_below_the_threshold(client, mixed_org, users):
    shown = suppressed = json_counts = 0
    pages: dict[str, set[str]] = defaultdict(set)
    for role in ROLES[1:]:
        client.force_login(users[role])
        for case in CASES:
            if case.method != "get" or case.expected[role] != 200:
                continue
            url = reverse(case.url_name, kwargs=case.kwargs(mixed_org))
            response = client.get(url, data=case.data or {})
            assert response.status_code == 200, (role, url)
            where = f"{role} {url}"
            content_type = response.headers.get("Content-Type", "")
            if content_type.startswith("application/json"):
                json_counts += check_json(json.loads(response.content), where)
            elif content_type.startswith("text/html"):
                parser = CountParser()
                parser.feed(response.content.decode())
                for value, min_size in parser.counts:
                    assert min_size >= MIN_SIZE, f"{where}: declares a minimum of {min_size}"
                    assert value == 0 or value >= min_size, f"{where}: shows {value}"
                for table in parser.tables:
                    check_difference_rule(table, where)
                shown += len(parser.counts)
                suppressed += parser.suppressed
                if parser.counts or parser.suppressed:
                    pages[role].add(case.url_name)
    # The walk saw aggregates both shown and hidden, in HTML and in the API.
    assert shown and suppressed and json_counts
    assert {"home", "people:org_tree"} <= pages["analyst"]
