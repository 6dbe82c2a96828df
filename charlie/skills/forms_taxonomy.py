"""Forms of the taxonomy and role-profile pages. They parse input only; the services decide
what may be stored (names unique, levels on the skill's scale, retired skills not offered)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.core.forms import QuickSelect
from charlie.people.models import JobFamily, OrgUnit
from charlie.skills.models import Scale, SkillGroup, SkillSource


def _group_choices() -> list[tuple[str, Any]]:
    return [("", _("Ingen gruppe")), *((str(g.pk), g.name) for g in SkillGroup.objects.all())]


class SkillFilterForm(forms.Form):
    q = forms.CharField(label=_("Søg på navn eller id"), required=False, max_length=255)
    source = forms.ChoiceField(
        label=_("Kilde"),
        required=False,
        choices=[("", _("Alle kilder")), *SkillSource.choices],
        widget=QuickSelect,
    )
    group = forms.TypedChoiceField(
        label=_("Gruppe"), required=False, coerce=int, empty_value=None, widget=QuickSelect
    )
    retired = forms.BooleanField(label=_("Vis også udgåede og sammenlagte"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = _group_choices()
        choices[0] = ("", _("Alle grupper"))
        self.fields["group"].choices = choices  # type: ignore[attr-defined]


class SkillForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=255)
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    group = forms.TypedChoiceField(label=_("Gruppe"), required=False, coerce=int, empty_value=None)
    scale = forms.ChoiceField(
        label=_("Skala"),
        choices=Scale.choices,
        initial=Scale.DEFAULT,
        help_text=_("Kan ikke ændres senere: niveauerne skal betyde det samme over tid."),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = _group_choices()  # type: ignore[attr-defined]
        if editing:
            del self.fields["scale"]


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Navn på gruppen"), max_length=120)


class MergeForm(forms.Form):
    target = forms.CharField(
        label=_("Læg sammen med"),
        max_length=255,
        help_text=_(
            "Id (fx local:forflytning) eller præcist navn på den kompetence, der bliver tilbage."
        ),
    )


class OccupationSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Søg i ESCO-erhverv (navn, ESCO-kode eller ISCO-08-gruppe)"),
        required=False,
        max_length=120,
    )


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    job_family = forms.ModelChoiceField(
        label=_("Stillingskategori"),
        queryset=JobFamily.objects.all(),
        required=False,
        empty_label=_("Ingen"),
    )
    org_unit = forms.ModelChoiceField(
        label=_("Enhed"),
        queryset=OrgUnit.objects.order_by("path"),
        required=False,
        empty_label=_("Ingen"),
        help_text=_("Kun for en rolle i én enhed."),
    )
    job_title = forms.CharField(label=_("Stilling"), required=False, max_length=150)
    note = forms.CharField(
        label=_("Ændringsnote"),
        required=False,
        max_length=300,
        help_text=_("Hvad er nyt i denne version? Vises i historikken."),
    )
