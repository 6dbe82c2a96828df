"""Forms of the analysis pages (gap, coverage, retiring holders, candidates, shortages and
teams): they parse input only; the rules are in ``services.analysis``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.skills.services import analysis, role_profiles


def _role_field(required: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Stillingsprofil"), required=required, choices=())


class RoleForm(forms.Form):
    """A role profile, by its code."""

    rolle = _role_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["rolle"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - narrows the type for mypy
        field.choices = [
            ("", _("Vælg en stillingsprofil")),
            *role_profiles.profile_choices(),
        ]


class HeatmapForm(RoleForm):
    enhed = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RetiringForm(RoleForm):
    aar = forms.IntegerField(
        label=_("Når folkepensionsalderen senest i år"),
        initial=analysis.DEFAULT_BY_YEAR,
        required=False,
        min_value=2000,
        max_value=2100,
    )


class CandidatesForm(RoleForm):
    top = forms.IntegerField(
        label=_("Vis højst"),
        initial=analysis.DEFAULT_TOP,
        min_value=1,
        max_value=analysis.MAX_TOP,
        required=False,
    )
    aar = forms.IntegerField(
        label=_("Omskolet senest i år"),
        initial=analysis.DEFAULT_BY_YEAR,
        required=False,
        min_value=2000,
        max_value=2100,
    )
    timer = forms.FloatField(
        label=_("Timers læring om året pr. medarbejder"),
        initial=analysis.DEFAULT_HOURS_PER_YEAR,
        min_value=1,
        max_value=2000,
        required=False,
    )


class ShortagesForm(forms.Form):
    aar = CandidatesForm.base_fields["aar"]
    timer = CandidatesForm.base_fields["timer"]


NEED_ROWS = 6


class TeamForm(forms.Form):
    """A project: its name and up to six skills with the level and hours it needs."""

    name = forms.CharField(label=_("Projektets navn"), max_length=200)
    timer_pr_person = forms.FloatField(
        label=_("Timer hver deltager kan give (tom: ubegrænset)"),
        min_value=1,
        max_value=2000,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        skills = [("", _("Vælg en kompetence")), *analysis.team_skill_choices()]
        for i in range(1, NEED_ROWS + 1):
            self.fields[f"skill_{i}"] = forms.ChoiceField(
                label=_("Kompetence %(n)s") % {"n": i}, choices=skills, required=False
            )
            self.fields[f"level_{i}"] = forms.IntegerField(
                label=_("Niveau %(n)s") % {"n": i}, min_value=1, max_value=8, required=False
            )
            self.fields[f"hours_{i}"] = forms.FloatField(
                label=_("Timer %(n)s") % {"n": i}, min_value=1, max_value=10000, required=False
            )

    def need_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (
                self.cleaned_data.get(f"skill_{i}"),
                self.cleaned_data.get(f"level_{i}"),
                self.cleaned_data.get(f"hours_{i}"),
            )
            for i in range(1, NEED_ROWS + 1)
        ]

    def need_fields(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"skill_{i}"], self[f"level_{i}"], self[f"hours_{i}"])
            for i in range(1, NEED_ROWS + 1)
        ]
