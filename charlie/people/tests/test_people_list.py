"""The people list (``/people/``): search by name prefix or number, filters, sorting, paging."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from charlie.core.errors import PermissionDenied
from charlie.people import services
from charlie.people.services import PeopleFilter, PeopleStatus, access_for, list_people
from charlie.people.tests.factories import EmploymentFactory, PersonFactory, job_family
from charlie.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


def names(result):
    return [row.person.last_name for row in result.rows]


def test_search_finds_name_prefixes_in_any_case_and_later_name_parts(org, users):
    hr = access_for(users["hr"])
    skov = EmploymentFactory(
        org_unit=org.nord, person=PersonFactory(first_name="Anne Marie", last_name="Skov Hansen")
    ).person
    oerum = EmploymentFactory(
        org_unit=org.nord, person=PersonFactory(first_name="Åse", last_name="Ørum")
    ).person
    assert skov in services.find_people(hr, "hans")  # "Skov Hansen"
    assert skov in services.find_people(hr, "MARIE")  # "Anne Marie"
    assert skov in services.find_people(hr, "anne skov")  # every word must match
    assert skov not in services.find_people(hr, "anne nielsen")
    assert oerum in services.find_people(hr, "ørum")  # not ASCII: SQLite's LOWER keeps Ø
    assert oerum in services.find_people(hr, "ØRU")
    assert oerum in services.find_people(hr, "åse")
    assert skov not in services.find_people(hr, "ansen")  # a prefix, not any substring


def test_search_by_employee_number_is_exact(org, users):
    hr = access_for(users["hr"])
    number = org.person_in_skole.employee_number
    assert list(services.find_people(hr, number)) == [org.person_in_skole]
    assert list(services.find_people(hr, number.lower())) == [org.person_in_skole]
    assert list(services.find_people(hr, number[:-1])) == []


def test_search_keys_follow_set_based_updates(org, users):
    from charlie.people.models import Person

    Person.objects.filter(pk=org.person_in_syd.pk).update(last_name="Bærentsen")
    assert list(services.find_people(access_for(users["hr"]), "bæren")) == [org.person_in_syd]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_search_uses_the_name_indexes_on_sqlite(org, users):
    qs = services.find_people(access_for(users["hr"]), "han")
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "person_last_name_key_idx" in plan and "SCAN people_person" not in plan


def test_unit_filter_includes_sub_units_and_job_family_filter(org, users):
    hr = access_for(users["hr"])
    aeldre = list_people(hr, PeopleFilter(unit_id=org.aeldre.pk))
    seen = {row.person for row in aeldre.rows}
    assert {org.person_in_nord, org.person_in_syd, users["manager"].person} == seen
    teachers = list_people(hr, PeopleFilter(job_family_id=job_family("laerer").pk))
    assert [row.person for row in teachers.rows] == [org.person_in_skole]


def test_current_and_former(org, users):
    hr = access_for(users["hr"])
    former = EmploymentFactory(
        org_unit=org.syd, start_date=dt.date(2010, 1, 1), end_date=dt.date(2020, 1, 1)
    ).person
    current = {row.person for row in list_people(hr, PeopleFilter()).rows}
    assert former not in current and org.person_in_syd in current
    gone = list_people(hr, PeopleFilter(status=PeopleStatus.FORMER))
    assert [row.person for row in gone.rows] == [former]
    assert gone.rows[0].employment.end_date == dt.date(2020, 1, 1)
    everyone = list_people(hr, PeopleFilter(status=PeopleStatus.ALL))
    assert everyone.total == 6


def test_paging_sorting_and_counts(org, users, django_assert_max_num_queries):
    hr = access_for(users["hr"])
    for i in range(30):
        EmploymentFactory(org_unit=org.nord, person=PersonFactory(last_name=f"Aaa{i:02d}"))
    first = list_people(hr, PeopleFilter(), page=1)
    assert first.total == 35 and len(first.rows) == 25 and first.page.has_next()
    second = list_people(hr, PeopleFilter(), page=2)
    assert len(second.rows) == 10 and (second.first, second.last) == (26, 35)
    assert names(first)[:2] == ["Aaa00", "Aaa01"]
    backwards = list_people(hr, PeopleFilter(sort="-navn"))
    assert names(backwards)[-1] == "Aaa10" and names(backwards)[0] != "Aaa00"
    # A page is a few queries whatever its size: the people, their employments, the audit.
    with django_assert_max_num_queries(12):
        list_people(hr, PeopleFilter(), page=2)


def test_count_is_cached_until_people_change(org, users):
    hr = access_for(users["hr"])
    assert list_people(hr, PeopleFilter()).total == 5
    with CaptureQueriesContext(connection) as queries:
        list_people(hr, PeopleFilter())
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    EmploymentFactory(org_unit=org.nord)
    assert list_people(hr, PeopleFilter()).total == 6


def test_a_search_is_found_once_and_paged_until_people_change(org, users):
    hr = access_for(users["hr"])
    for i in range(30):
        EmploymentFactory(org_unit=org.nord, person=PersonFactory(last_name=f"Zzq{i:02d}"))
    search = PeopleFilter(query="zzq")
    first = list_people(hr, search, page=1)
    assert first.total == 30 and names(first) == [f"Zzq{i:02d}" for i in range(25)]
    with CaptureQueriesContext(connection) as queries:
        second = list_people(hr, search, page=2)
    # The matches are kept in order: the next page asks for its people by id, not the search.
    assert not any("LIKE" in q["sql"].upper() for q in queries.captured_queries)
    assert names(second) == [f"Zzq{i:02d}" for i in range(25, 30)]
    assert (second.first, second.last) == (26, 30)
    EmploymentFactory(org_unit=org.nord, person=PersonFactory(last_name="Zzq99"))
    assert names(list_people(hr, search, page=2))[-1] == "Zzq99"
    backwards = list_people(hr, PeopleFilter(query="zzq", sort="-navn"))
    assert names(backwards)[0] == "Zzq99"


def test_a_search_too_wide_to_keep_is_paged_by_the_database(org, users, monkeypatch):
    monkeypatch.setattr(services, "SEARCH_IDS_KEPT", 3)
    hr = access_for(users["hr"])
    for i in range(5):
        EmploymentFactory(org_unit=org.nord, person=PersonFactory(last_name=f"Zzq{i:02d}"))
    result = list_people(hr, PeopleFilter(query="zzq"), page=2, per_page=2)
    assert result.total == 5 and names(result) == ["Zzq02", "Zzq03"]


def test_manager_lists_only_their_units_and_units_to_choose(org, users):
    manager = access_for(users["manager"])
    result = list_people(manager, PeopleFilter(status=PeopleStatus.ALL))
    seen = {row.person for row in result.rows}
    assert org.person_in_nord in seen and org.person_in_skole not in seen
    assert org.person_in_syd not in seen
    assert [pk for pk, _label in services.unit_choices(manager)] == [org.nord.pk]
    # Asking for another unit shows no one from it.
    other = list_people(manager, PeopleFilter(unit_id=org.skole.pk))
    assert other.total == 0


@pytest.mark.parametrize("role", ["employee", "analyst", "dpo", "admin"])
def test_other_roles_cannot_list(users, role):
    with pytest.raises(PermissionDenied):
        list_people(access_for(users[role]), PeopleFilter())


def test_page_is_audited_people_and_employments(org, users):
    list_people(access_for(users["hr"]), PeopleFilter(query=org.person_in_skole.employee_number))
    rows = AuditEntry.objects.filter(subject_person_id=org.person_in_skole.pk)
    assert {r.category for r in rows} == {"stamdata", "ansaettelse"}
    assert all(r.action == "read" and r.purpose == "hr_administration" for r in rows)
    assert not AuditEntry.objects.filter(subject_person_id=org.person_in_nord.pk).exists()


def test_page_filters_paging_and_bad_values(client_as, org):
    client = client_as("hr")
    page = client.get(
        reverse("people:search"),
        {"enhed": org.skole.pk, "kategori": "", "status": "current", "sortering": "-navn"},
    ).text
    assert "1 medarbejder fundet" in page and "Nørre Skole" in page
    assert "table--responsive-scroll" in page
    bad = client.get(reverse("people:search"), {"enhed": "x", "sortering": "hemmelig"})
    assert bad.status_code == 200 and "Filteret kunne ikke bruges" in bad.text
    assert "5 medarbejdere fundet" in bad.text


def test_page_links_to_the_next_page(client_as, org):
    for i in range(30):
        EmploymentFactory(org_unit=org.nord, person=PersonFactory(last_name=f"Aaa{i:02d}"))
    page = client_as("hr").get(reverse("people:search"), {"q": "aaa"}).text
    assert "Viser 1–25 af 30 medarbejdere" in page
    assert "q=aaa&amp;side=2" in page


def test_manager_sees_no_status_filter(client_as, org):
    page = client_as("manager").get(reverse("people:search")).text
    assert 'name="status"' not in page
    assert 'name="status"' in client_as("hr").get(reverse("people:search")).text


def test_a_row_shows_the_person_escaped_with_the_employment(client_as, org):
    """The rows (``{% people_rows %}``): name linked and escaped, number, job title, unit and
    job family; an ended employment says until when."""
    person = org.person_in_nord
    person.first_name = "Ann <b>"
    person.save()
    ended = EmploymentFactory(
        org_unit=org.skole,
        person=PersonFactory(last_name="Zzqtidligere"),
        start_date=dt.date(2020, 1, 1),
        end_date=dt.date(2024, 6, 30),
    )
    html = client_as("hr").get(reverse("people:search"), {"status": "all"}).text
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    assert f'<a href="/people/{person.pk}/">{person.last_name}, Ann &lt;b&gt;</a>' in body
    assert "<b>" not in body
    assert f"<td>{person.employee_number}</td>" in body
    assert "<td>Plejecenter Nord</td>" in body
    page = client_as("hr").get(reverse("people:search"), {"status": "all", "q": "zzqtid"}).text
    assert f"{ended.job_title} <span" in page and "(til 30. juni 2024)" in page
