import pytest
from django.db import transaction

from charlie.core import cache

pytestmark = pytest.mark.django_db


def test_cached_result_is_reused_until_the_data_change():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cache.cached("area", "k", compute) == 1
    assert cache.cached("area", "k", compute) == 1
    cache.bump("area")
    assert cache.cached("area", "k", compute) == 2


def test_bump_counts_up_and_again_on_commit():
    before = cache.version("x")
    with transaction.atomic():
        cache.bump("x")
    assert cache.version("x") > before


def test_a_result_of_several_areas_is_recomputed_when_any_of_them_changes():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cache.cached(("a", "b"), "k", compute) == 1
    assert cache.cached(("a", "b"), "k", compute) == 1
    cache.bump("b")
    assert cache.cached(("a", "b"), "k", compute) == 2
    cache.bump("a")
    assert cache.cached(("a", "b"), "k", compute) == 3
    cache.bump("c")
    assert cache.cached(("a", "b"), "k", compute) == 3


def test_a_request_reads_the_versions_once_and_again_after_its_own_change(
    django_assert_num_queries,
):
    cache.bump("p")
    cache.start_request()
    try:
        with django_assert_num_queries(1):
            first = cache.version("p")
            assert cache.version("q") == 0
            assert cache.versions(("p", "q")) == f"{first}.0"
        cache.bump("p")
        assert cache.version("p") > first
    finally:
        cache.end_request()
    with django_assert_num_queries(2):  # outside a request: each read asks
        cache.version("p")
        cache.version("p")


def test_saving_or_deleting_a_registered_model_bumps_its_area():
    """``bump_on_save`` as the apps register it (people: ``JobFamily`` among others)."""
    from charlie.people.models import JobFamily

    before = cache.version("people")
    family = JobFamily.objects.create(code="bump_test", name="Prøve")
    after_save = cache.version("people")
    assert after_save > before
    family.delete()
    assert cache.version("people") > after_save
