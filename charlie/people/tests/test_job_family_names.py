"""Job family names: the standard KRL families are shown in the reader's language, a kommune's
own names as they are (the rows themselves keep the Danish names)."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from charlie.absence import reference
from charlie.people.job_families import JOB_FAMILIES, display_name
from charlie.people.models import JobFamily

pytestmark = pytest.mark.django_db


def test_a_standard_family_is_the_gettext_of_its_danish_name() -> None:
    family = JobFamily.objects.get(code="laerer")
    with translation.override("en"):
        assert family.display_name == gettext("Lærere")
        assert str(family) == family.display_name
    with translation.override("da"):
        assert family.display_name == "Lærere"
    assert family.name == "Lærere"  # the row is not changed


def test_a_renamed_or_local_family_is_shown_as_it_is() -> None:
    with translation.override("en"):
        assert display_name("laerer", "Lærere og vikarer") == "Lærere og vikarer"
        assert display_name("vores_egen", "Lærere") == "Lærere"


def test_every_standard_name_is_marked_for_translation() -> None:
    # The seeds are the migration's names: each one is the msgid of its translation.
    names = dict(JobFamily.objects.values_list("code", "name"))
    for family in JOB_FAMILIES:
        assert names[family.code] == family.name


def test_the_krl_figure_is_found_under_the_name_shown() -> None:
    with translation.override("en"):
        krl = reference.krl_by_job_family()
        assert krl[display_name("laerer", "Lærere")].days_per_fte == krl["Lærere"].days_per_fte
