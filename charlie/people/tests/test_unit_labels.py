"""Units shown with their parent where names repeat ("Afsnit Nord" ×3): the pure rule, the cached
map, the unit picker's choices, and the pages that list units."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from charlie.core.testing.tables import table_rows
from charlie.people import services
from charlie.people.models import OrgUnitKind
from charlie.people.tests.factories import EmploymentFactory, org_unit
from charlie.people.unit_labels import ancestors, qualified_labels

# --- The rule (pure) ---


def test_a_unique_name_is_left_alone_and_a_repeated_one_gets_its_parent():
    units = [
        (1, "Hospital", "/1/"),
        (2, "Medicinsk afdeling", "/1/2/"),
        (3, "Kirurgisk afdeling", "/1/3/"),
        (4, "Afsnit Nord", "/1/2/4/"),
        (5, "Afsnit Nord", "/1/3/5/"),
        (6, "Afsnit Syd", "/1/3/6/"),
    ]
    assert qualified_labels(units) == {
        4: "Afsnit Nord (Medicinsk afdeling)",
        5: "Afsnit Nord (Kirurgisk afdeling)",
    }


def test_parents_that_repeat_too_add_the_next_level_for_the_whole_group():
    units = [
        (1, "Kommune", "/1/"),
        (2, "Hospital Øst", "/1/2/"),
        (3, "Hospital Vest", "/1/3/"),
        (4, "Medicinsk afdeling", "/1/2/4/"),
        (5, "Medicinsk afdeling", "/1/3/5/"),
        (6, "Afsnit Nord", "/1/2/4/6/"),
        (7, "Afsnit Nord", "/1/3/5/7/"),
        (8, "Afsnit Nord", "/1/2/8/"),
    ]
    labels = qualified_labels(units)
    assert labels[6] == "Afsnit Nord (Medicinsk afdeling, Hospital Øst)"
    assert labels[7] == "Afsnit Nord (Medicinsk afdeling, Hospital Vest)"
    assert labels[8] == "Afsnit Nord (Hospital Øst, Kommune)"
    assert labels[4] == "Medicinsk afdeling (Hospital Øst)"


def test_case_and_spaces_do_not_make_a_name_unique():
    labels = qualified_labels([(1, "A", "/1/"), (2, "Køkken", "/1/2/"), (3, "køkken ", "/3/")])
    assert labels == {2: "Køkken (A)", 3: "køkken "}  # a unit at the top has no parent to add


def test_ancestors_are_nearest_first():
    assert ancestors("/1/4/9/") == [4, 1]
    assert ancestors("/1/") == []


_names = st.sampled_from(["Afsnit Nord", "Afsnit Syd", "Køkken", "Administration"])


@st.composite
def trees(draw: st.DrawFn) -> list[tuple[int, str, str]]:
    """A random tree of up to 25 units with few distinct names (so they repeat)."""
    units: list[tuple[int, str, str]] = [(1, "Kommune", "/1/")]
    for pk in range(2, draw(st.integers(2, 25)) + 1):
        parent = units[draw(st.integers(0, len(units) - 1))]
        units.append((pk, draw(_names), f"{parent[2]}{pk}/"))
    return units


@settings(deadline=None)  # a shared machine under load must not make it flaky
@given(trees())
def test_labels_tell_repeated_names_apart_wherever_their_ancestors_differ(units):
    labels = qualified_labels(units)
    names = {pk: name for pk, name, _ in units}
    shown = {pk: labels.get(pk, name) for pk, name in names.items()}
    for pk, label in labels.items():
        assert label.startswith(names[pk])
    # Two units that still read the same have the same names all the way up.
    for a, _name_a, path_a in units:
        for b, _name_b, path_b in units:
            if a < b and shown[a] == shown[b]:
                up_a = [names[x] for x in ancestors(path_a)]
                up_b = [names[x] for x in ancestors(path_b)]
                assert up_a[: len(up_b)] == up_b[: len(up_a)]


# --- The services and the pages ---


@pytest.fixture
def repeated(org):
    """Two "Afsnit Nord": one under Plejecenter Nord, one under Plejecenter Syd."""
    first = org_unit("Afsnit Nord", OrgUnitKind.DEPARTMENT, org.nord)
    second = org_unit("Afsnit Nord", OrgUnitKind.DEPARTMENT, org.syd)
    return first, second


@pytest.mark.django_db
def test_unit_labels_is_one_query_and_then_cached(repeated):
    first, second = repeated
    with CaptureQueriesContext(connection) as queries:
        labels = services.unit_labels()
    assert len([q for q in queries if "people_orgunit" in q["sql"]]) == 1
    assert labels == {
        first.pk: "Afsnit Nord (Plejecenter Nord)",
        second.pk: "Afsnit Nord (Plejecenter Syd)",
    }
    with CaptureQueriesContext(connection) as queries:
        assert services.unit_labels() == labels
    assert not [q for q in queries if "people_orgunit" in q["sql"]]
    assert services.unit_label(first) == "Afsnit Nord (Plejecenter Nord)"


@pytest.mark.django_db
def test_a_renamed_unit_changes_the_labels(repeated):
    first, second = repeated
    assert first.pk in services.unit_labels()
    second.name = "Afsnit Øst"
    second.save()  # the people data version moves on, so the cached map is recomputed
    assert services.unit_labels() == {}


@pytest.mark.django_db
def test_unit_choices_are_labelled_and_scoped(org, users, repeated):
    first, second = repeated
    hr = dict(services.unit_choices(services.access_for(users["hr"])))
    assert hr[first.pk] == "Afsnit Nord (Plejecenter Nord)"
    assert hr[second.pk] == "Afsnit Nord (Plejecenter Syd)"
    assert hr[org.skole.pk] == "Nørre Skole"
    manager = services.unit_choices(services.access_for(users["manager"]))
    # The manager leads Plejecenter Nord: it and its sub-unit, in tree order.
    assert manager == [
        (org.nord.pk, "Plejecenter Nord"),
        (first.pk, "Afsnit Nord (Plejecenter Nord)"),
    ]
    assert services.unit_choices(services.access_for(users["employee"])) == []


@pytest.mark.django_db
def test_the_managers_front_page_and_a_person_page_show_the_parent(org, users, client_as, repeated):
    first, _second = repeated
    person = EmploymentFactory(org_unit=first, job_title="Sygeplejerske").person
    client = client_as("manager")
    home = client.get(reverse("home")).content.decode()
    assert "Afsnit Nord (Plejecenter Nord)" in home
    detail = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    rows = table_rows(detail, caption="Ansættelser")
    assert any("Afsnit Nord (Plejecenter Nord)" in row for row in rows)


@pytest.mark.django_db
def test_a_page_of_many_units_looks_the_labels_up_once(
    org, users, client_as, repeated, monkeypatch
):
    first, _second = repeated
    for _ in range(6):
        EmploymentFactory(org_unit=first)
    calls = []
    original = services.unit_labels

    def counted() -> dict[int, str]:
        calls.append(1)
        return original()

    monkeypatch.setattr(services, "unit_labels", counted)
    home = client_as("manager").get(reverse("home")).content.decode()
    assert home.count("Afsnit Nord (Plejecenter Nord)") == 6  # one per employment
    assert len(calls) == 1
