"""The forms of business cases and the rates (``services.cases`` validates the whole case)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from charlie.core.formats import format_number
from charlie.core.forms import DanishDecimalField, read_number, with_width
from charlie.portfolio.businesscase import MAX_HORIZON
from charlie.portfolio.models import LineKind

#: Lines the editor shows beyond the case's own (more: save and edit again).
EXTRA_LINES = 3

_SEPARATORS = re.compile(r"[;\n]+")


class CaseForm(forms.Form):
    first_year = forms.IntegerField(
        label=gettext_lazy("År 0 (kalenderår)"),
        min_value=1900,
        max_value=2200,
        widget=with_width(forms.NumberInput(), "xs"),
    )
    horizon = forms.IntegerField(
        label=gettext_lazy("Horisont (antal år)"),
        help_text=gettext_lazy("År 0 og de følgende år; højst 71 år (til og med år 70)."),
        min_value=1,
        max_value=MAX_HORIZON,
        widget=with_width(forms.NumberInput(), "xs"),
    )
    rate_percent = DanishDecimalField(
        label=gettext_lazy("Egen diskonteringsrente i procent (valgfri)"),
        help_text=gettext_lazy(
            "Tom: kommunens satser (Finansministeriets 3,5 % for år 0–35 og 2,5 % derefter). "
            "Udfyldt: én rente for alle år, fx 4."
        ),
        max_digits=6,
        decimal_places=3,
        min_value=Decimal(0),
        max_value=Decimal("99.999"),
        required=False,
        widget=with_width(forms.TextInput(), "xs"),
    )
    staff_affected = forms.IntegerField(
        label=gettext_lazy("Berørte medarbejdere (antal)"),
        min_value=0,
        required=False,
        widget=with_width(forms.NumberInput(), "xs"),
    )
    staff_note = forms.CharField(
        label=gettext_lazy("Hvordan medarbejderne berøres"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    non_financial = forms.CharField(
        label=gettext_lazy("Ikke-økonomiske gevinster"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def read_amounts(text: str, empty: Decimal | None = Decimal(0)) -> list[Decimal | None]:
    """Amounts per year separated by ``;`` or new lines: "1.000.000; 0; 350.000". An empty
    place is ``empty`` (0, or ``None`` in a low or high estimate: the likely amount);
    ``ValueError`` with a message for the user."""
    if not text.strip():
        return []
    return [read_number(part) if part.strip() else empty for part in _SEPARATORS.split(text)]


def amounts_text(values: list[Any] | None) -> str:
    """Stored amounts (decimal strings) as the editor shows them: "1.000.000; 0; 350.000"."""
    if not values:
        return ""
    return "; ".join(format_number(Decimal(str(v))) for v in values)


class AmountsField(forms.CharField):
    def __init__(self, *args: Any, empty: Decimal | None = Decimal(0), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.empty = empty

    def to_python(self, value: Any) -> list[Decimal | None] | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return read_amounts(text, self.empty)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc


class LineForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Art"), choices=LineKind.choices)
    label = forms.CharField(
        label=gettext_lazy("Tekst"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Tom tekst og tomme beløb: linjen fjernes."),
    )
    amounts = AmountsField(
        label=gettext_lazy("Beløb pr. år (mest sandsynligt)"),
        help_text=gettext_lazy(
            "Kroner, eller timer for timearterne; år 0 først, adskilt af semikolon: "
            "1.000.000; 0; 350.000. Manglende år tæller som 0."
        ),
        required=False,
    )
    low = AmountsField(
        label=gettext_lazy("Lavt skøn pr. år (valgfrit)"),
        help_text=gettext_lazy("Tomme og manglende år: det mest sandsynlige beløb."),
        required=False,
        empty=None,
    )
    high = AmountsField(
        label=gettext_lazy("Højt skøn pr. år (valgfrit)"),
        help_text=gettext_lazy("Tomme og manglende år: det mest sandsynlige beløb."),
        required=False,
        empty=None,
    )

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not (data.get("label") or data.get("amounts") or data.get("low") or data.get("high"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not self.is_blank() and not data.get("label"):
            self.add_error("label", _("Skriv en tekst til linjen."))
        return data


LineFormSet = forms.formset_factory(LineForm, extra=0)


class RatesForm(forms.Form):
    hourly_rate = DanishDecimalField(
        label=gettext_lazy("Kroner pr. time"),
        help_text=gettext_lazy("Hvad en times arbejde koster kommunen, med løn og overhead."),
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=with_width(forms.TextInput(), "xs"),
    )
    hours_per_fte = DanishDecimalField(
        label=gettext_lazy("Timer pr. årsværk (netto)"),
        help_text=gettext_lazy(
            "1.628 af 37 × 52 = 1.924 timer, når ferie og fridage er trukket fra."
        ),
        max_digits=7,
        decimal_places=1,
        min_value=Decimal("1"),
        widget=with_width(forms.TextInput(), "xs"),
    )
    rate_early_percent = DanishDecimalField(
        label=gettext_lazy("Diskonteringsrente til og med skifteåret (procent)"),
        help_text=gettext_lazy("Finansministeriet: 3,5 (notat af 7. januar 2021)."),
        max_digits=6,
        decimal_places=3,
        min_value=Decimal(0),
        max_value=Decimal("99.999"),
        widget=with_width(forms.TextInput(), "xs"),
    )
    rate_late_percent = DanishDecimalField(
        label=gettext_lazy("Diskonteringsrente efter skifteåret (procent)"),
        help_text=gettext_lazy("Finansministeriet: 2,5 fra år 36 til år 70."),
        max_digits=6,
        decimal_places=3,
        min_value=Decimal(0),
        max_value=Decimal("99.999"),
        widget=with_width(forms.TextInput(), "xs"),
    )
    switch_year = forms.IntegerField(
        label=gettext_lazy("Skifteår (sidste år med den første rente)"),
        help_text=gettext_lazy("Finansministeriet: 35."),
        min_value=0,
        max_value=MAX_HORIZON - 1,
        widget=with_width(forms.NumberInput(), "xs"),
    )
