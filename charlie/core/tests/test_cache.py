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
