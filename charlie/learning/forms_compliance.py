"""Forms of mandatory training. They parse input only; ``services.rules_admin`` decides what may
be stored (a course or a skill, the units and families that exist)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.learning.services import rules_admin


class RuleForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    course = forms.TypedChoiceField(
        label=_("Kursus"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Vælg et kursus eller skriv en kompetence med certifikat."),
    )
    skill = forms.CharField(
        label=_("Kompetence med certifikat"),
        required=False,
        max_length=255,
        help_text=_(
            "Kompetencens navn eller id. Den tæller, når medarbejderen har den bekræftet "
            "med en udløbsdato, der ikke er passeret."
        ),
    )
    job_families = forms.TypedMultipleChoiceField(
        label=_("Stillingskategorier"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ingen valgt: alle stillingskategorier."),
    )
    units = forms.TypedMultipleChoiceField(
        label=_("Enheder"),
        required=False,
        coerce=int,
        help_text=_("Enheden tæller med sine underenheder. Ingen valgt: alle enheder."),
    )
    renew_months = forms.IntegerField(
        label=_("Fornyes hver (måneder)"),
        required=False,
        min_value=1,
        max_value=240,
        help_text=_("Tomt: det er nok at have taget det én gang."),
    )
    grace_days = forms.IntegerField(
        label=_("Frist for nyansatte (dage)"), min_value=0, max_value=3650, initial=90
    )
    active = forms.BooleanField(label=_("Aktivt krav"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = rules_admin.choices()
        self.fields["course"].choices = [("", _("Intet kursus")), *choices.courses]  # type: ignore[attr-defined]
        self.fields["job_families"].choices = choices.job_families  # type: ignore[attr-defined]
        self.fields["units"].choices = choices.units  # type: ignore[attr-defined]
