"""Forms of the people pages: the people list's filters and HR's correction of a person."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.core.forms import ManyOptionsSelect, QuickSelect
from charlie.people.models import Person
from charlie.people.services import PeopleFilter, PeopleStatus

STATUS_CHOICES = [
    (PeopleStatus.CURRENT.value, _("Ansat i dag")),
    (PeopleStatus.FORMER.value, _("Tidligere ansat")),
    (PeopleStatus.ALL.value, _("Alle")),
]
SORT_CHOICES = [
    ("navn", _("Navn (A–Å)")),
    ("-navn", _("Navn (Å–A)")),
    ("nummer", _("Medarbejdernummer (stigende)")),
    ("-nummer", _("Medarbejdernummer (faldende)")),
]


class PeopleFilterForm(forms.Form):
    """The people list's query string. A value that is not a choice is an error shown on the
    page; the list then shows the defaults (``filters``)."""

    q = forms.CharField(
        label=_("Søg på navn eller medarbejdernummer"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    enhed = forms.IntegerField(label=_("Enhed"), required=False)
    kategori = forms.TypedChoiceField(
        label=_("Stillingskategori"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=QuickSelect,
    )
    status = forms.ChoiceField(
        label=_("Ansættelse"), required=False, choices=STATUS_CHOICES, widget=QuickSelect
    )
    sortering = forms.ChoiceField(
        label=_("Sortér efter"), required=False, choices=SORT_CHOICES, widget=QuickSelect
    )

    def __init__(
        self,
        data: Any,
        *,
        units: list[tuple[int, str]],
        units_html: str,
        families: list[tuple[int, str]],
        show_status: bool,
    ) -> None:
        super().__init__(data)
        # The units are checked against the caller's (a set), not made Django choices: those
        # are normalised one by one on every request, 2,400 of them in Copenhagen.
        self.unit_ids = {pk for pk, _label in units}
        self.fields["enhed"].widget = ManyOptionsSelect(units_html, _("Alle enheder"))
        cast(forms.ChoiceField, self.fields["kategori"]).choices = [
            ("", _("Alle stillingskategorier")),
            *families,
        ]
        if not show_status:
            # A manager sees the people employed in their units today, no former ones.
            del self.fields["status"]

    def clean_enhed(self) -> int | None:
        unit_id: int | None = self.cleaned_data.get("enhed")
        if unit_id is not None and unit_id not in self.unit_ids:
            raise forms.ValidationError(
                forms.ChoiceField.default_error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": unit_id},
            )
        return unit_id

    def clean_q(self) -> str:
        value = self.cleaned_data.get("q") or ""
        return "".join(ch for ch in value if ch.isprintable()).strip()

    def filters(self) -> PeopleFilter:
        """The filters asked for; a field with an error falls back to its default."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return PeopleFilter(
            query=data.get("q") or "",
            unit_id=data.get("enhed"),
            job_family_id=data.get("kategori"),
            status=PeopleStatus(data.get("status") or PeopleStatus.CURRENT),
            sort=data.get("sortering") or "navn",
        )


class PersonCorrectionForm(forms.ModelForm):
    """What HR may correct in Charlie: name and contact details. Not the employee number (the
    key the payroll import finds the person by), birth date and legal gender (from the CPR
    number at import), or anything else the payroll system owns."""

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "email", "phone"]
