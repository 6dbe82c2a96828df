"""The forms of the green part of well-being: HR's initiative (``services.initiatives``
checks the same again)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.core.forms import DateInput
from charlie.wellbeing.models import InitiativeKind


class InitiativeForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=InitiativeKind.choices)
    summary = forms.CharField(
        label=_("Kort beskrivelse"),
        max_length=300,
        required=False,
        help_text=_("Vises i oversigten over initiativer. Højst 300 tegn."),
    )
    body = forms.CharField(
        label=_("Tekst"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Hvad initiativet går ud på, hvordan man deltager, og hvem man kan spørge."),
    )
    starts_on = forms.DateField(label=_("Starter"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Slutter"),
        required=False,
        widget=DateInput(),
        help_text=_("Tom: initiativet kører, til I tager det af."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error(
                "ends_on", _("Slutdatoen skal være samme dag som startdatoen eller senere.")
            )
        return data
