"""What each role's pages show (who gets in at all is tests/test_permissions.py)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_employee_front_page_shows_own_information(client_as, org):
    page = client_as("employee").get(reverse("home")).text
    assert "Mine oplysninger" in page
    assert "Plejecenter Nord" in page
    assert "Organisationen i tal" not in page


def test_manager_front_page_lists_people_in_own_units_only(client_as, org):
    page = client_as("manager").get(reverse("home")).text
    assert "Mine enheder og medarbejdere" in page
    assert org.person_in_nord.full_name in page
    assert reverse("people:detail", args=[org.person_in_syd.pk]) not in page
    assert reverse("people:detail", args=[org.person_in_skole.pk]) not in page


def test_hr_front_page_shows_suppressed_headcount_table(client_as, org):
    page = client_as("hr").get(reverse("home")).text
    assert "Organisationen i tal" in page
    # The test organisation has fewer than five people per cell: everything is hidden.
    assert "betyder, at tallet er skjult" in page


def test_analyst_sees_aggregates_but_no_names(client_as, org):
    page = client_as("analyst").get(reverse("home")).text
    assert "Organisationen i tal" in page
    assert org.person_in_nord.last_name not in page


def test_search_partial_for_htmx(client_as, org):
    client = client_as("hr")
    response = client.get(
        reverse("people:search"),
        {"q": org.person_in_skole.employee_number},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert f"{org.person_in_skole.last_name}, {org.person_in_skole.first_name}" in response.text
    assert "1 medarbejder fundet" in response.text


def test_manager_search_is_scoped(client_as, org):
    response = client_as("manager").get(reverse("people:search"), {"q": ""})
    assert reverse("people:detail", args=[org.person_in_nord.pk]) in response.text
    assert reverse("people:detail", args=[org.person_in_skole.pk]) not in response.text


def test_org_tree_hides_small_headcounts(client_as, org):
    page = client_as("employee").get(reverse("people:org_tree")).text
    assert "Testkommune" in page and "Plejecenter Syd" in page
    # Ældreområdet: Nord (1) + Syd (1) + the manager employed in Ældreområdet itself (1) = 3,
    # below the minimum group size of 5.
    assert (
        'Ældreområdet</strong> <span class="form-hint d-inline">· Område · '
        '<span data-suppressed="headcount">under 5 medarbejdere</span>' in page
    )


def test_org_tree_rolls_up_headcount(client_as, org):
    from charlie.people.tests.factories import EmploymentFactory

    for unit in (org.nord, org.syd):
        for _ in range(6):
            EmploymentFactory(org_unit=unit)
    for _ in range(8):  # so Børn og Kultur can be hidden beside HR, the kommune's own person
        EmploymentFactory(org_unit=org.skole)
    page = client_as("employee").get(reverse("people:org_tree")).text
    # Nord 7 + Syd 7 + the manager employed in Ældreområdet itself (1).
    assert 'Ældreområdet</strong> <span class="form-hint d-inline">· Område · ' in page
    assert '<span data-count="15" data-min-size="5">15 medarbejdere</span>' in page
    # 15 − 7 − 7 would be the manager alone: one of the plejecentre is hidden.
    assert page.count('<span data-count="7" data-min-size="5">7 medarbejdere</span>') == 1


def test_person_page_shows_employments(client_as, org):
    page = client_as("hr").get(reverse("people:detail", args=[org.person_in_skole.pk])).text
    assert "Nørre Skole" in page and "Lærer" in page


def test_front_page_headcount_follows_data_changes(client_as, org):
    from charlie.people import services
    from charlie.people.tests.factories import EmploymentFactory

    before = services.headcount_overview_table()
    for _ in range(6):
        EmploymentFactory(org_unit=org.skole)
    after = services.headcount_overview_table()
    assert before.rows != after.rows


def test_search_ignores_control_characters(client_as, org):
    response = client_as("hr").get(reverse("people:search"), {"q": "Jen\x00sen"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("role", "links", "absent"),
    [
        ("dpo", ["privacy:audit", "privacy:register", "privacy:retention"], ["accounts:users"]),
        ("admin", ["accounts:users", "admin:index"], ["privacy:audit"]),
        ("hr", [], ["privacy:retention", "accounts:users"]),
    ],
)
def test_front_page_leads_the_dpo_and_the_administrator_to_their_pages(
    client_as, org, role, links, absent
):
    page = client_as(role).get(reverse("home")).text
    for name in links:
        assert f'href="{reverse(name)}"' in page
    for name in absent:
        assert f'href="{reverse(name)}"' not in page.split('id="main"')[-1]
    assert "kommer i de næste versioner" not in page


def test_search_counts_are_written_with_a_thousands_point(client_as, org, monkeypatch):
    from charlie.people import services

    monkeypatch.setattr(services, "PEOPLE_PAGE_SIZE", 25)

    def cached(area, key, compute):
        if key.startswith("people_list_count"):  # the list's count
            return 18252
        if key.startswith("people_list_ids"):  # a search's matches, in order
            return (list(range(1, 18253)),)
        return compute()

    monkeypatch.setattr(services, "cached", cached)
    for query in ({}, {"q": "a"}):
        page = client_as("hr").get(reverse("people:search"), query).text
        assert "af 18.252 medarbejdere" in page
        assert "18252" not in page
