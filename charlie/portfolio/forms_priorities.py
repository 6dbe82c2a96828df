"""Forms of the prioritisation pages: the run's limits, a criterion, a scenario's name."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.core.formats import parse_number
from charlie.portfolio.models import CriterionSource


def _amounts(text: str) -> list[Decimal] | None:
    """One amount, or one per year separated by semicolons; empty: no limit."""
    text = (text or "").strip()
    if not text:
        return None
    amounts = []
    for part in text.split(";"):
        try:
            amount = parse_number(part)
        except (ValueError, ArithmeticError) as exc:
            raise forms.ValidationError(
                _("Skriv et beløb, fx 2.000.000, eller ét pr. år adskilt af semikolon.")
            ) from exc
        if amount < 0:
            raise forms.ValidationError(_("Et beløb kan ikke være negativt."))
        amounts.append(amount)
    return amounts


class RunForm(forms.Form):
    forste_aar = forms.IntegerField(label=_("Første år"), min_value=1901, max_value=2999)
    antal_aar = forms.IntegerField(label=_("Antal år"), min_value=1, max_value=10, initial=5)
    budget = forms.CharField(
        label=_("Budget pr. år (kr.)"),
        required=False,
        help_text=_(
            "Ét beløb for hvert år, eller ét pr. år adskilt af semikolon. Tomt: ingen grænse."
        ),
    )
    timer = forms.CharField(
        label=_("Egne timer pr. år"),
        required=False,
        help_text=_(
            "Kommunens egne timer i projekterne. Ét tal for hvert år, eller ét pr. år adskilt "
            "af semikolon. Tomt: ingen grænse."
        ),
    )

    def clean_budget(self) -> list[Decimal] | None:
        return _amounts(self.cleaned_data.get("budget", ""))

    def clean_timer(self) -> list[Decimal] | None:
        return _amounts(self.cleaned_data.get("timer", ""))


class ScenarioForm(forms.Form):
    navn = forms.CharField(label=_("Navn på scenariet"), max_length=200)


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Kriterium"), max_length=100)
    source = forms.ChoiceField(
        label=_("Grundlag"), choices=CriterionSource.choices, widget=forms.RadioSelect
    )
    weight = forms.DecimalField(
        label=_("Vægt"), min_value=Decimal(0), max_digits=5, decimal_places=2, initial=1
    )
    higher_is_better = forms.BooleanField(
        label=_("Højere er bedre"),
        required=False,
        initial=True,
        help_text=_("Fjern krydset for fx risiko, hvor en høj score er dårlig."),
    )
    active = forms.BooleanField(label=_("I brug"), required=False, initial=True)
