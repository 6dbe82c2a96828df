"""Forms of requisitions and of HR's stories: they parse the fields; the services decide what
may be stored (``services.requisitions``, ``services.stories``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.core.forms import DanishDecimalField, DateInput, QuickSelect, with_width
from charlie.recruitment.models import RequisitionReason, RequisitionStatus, Story


def _choices(empty: Any, options: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [("", empty), *options]


class RequisitionForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Enhed"), coerce=int)
    job_family = forms.TypedChoiceField(label=_("Stillingskategori"), coerce=int)
    title = forms.CharField(
        label=_("Stillingsbetegnelse"),
        max_length=200,
        help_text=_("Fx »Social- og sundhedsassistent, aftenvagt«."),
    )
    weekly_hours = DanishDecimalField(
        label=_("Timer om ugen"),
        max_digits=4,
        decimal_places=2,
        help_text=_("37 timer er fuld tid."),
        widget=with_width(forms.TextInput(), "xs"),
    )
    positions = forms.IntegerField(
        label=_("Antal stillinger"),
        min_value=1,
        max_value=50,
        initial=1,
        widget=with_width(forms.NumberInput(), "xs"),
    )
    start_on = forms.DateField(label=_("Ønsket tiltrædelse"), widget=DateInput())
    temporary_until = forms.DateField(
        label=_("Tidsbegrænset til"),
        required=False,
        widget=DateInput(),
        help_text=_("Tomt: en fast stilling."),
    )
    reason = forms.ChoiceField(label=_("Begrundelse"), widget=forms.Select)
    shortage_year = forms.TypedChoiceField(
        label=_("År i personaleplanen"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Kun ved mangel: det år, personaleplanens rekrutteringsbehov gælder."),
    )
    reason_text = forms.CharField(
        label=_("Uddybning"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hvem genbesættes, hvad vækst skyldes, eller andet HR bør vide."),
    )

    def __init__(
        self,
        *args: Any,
        units: list[tuple[int, str]],
        job_families: list[tuple[int, str]],
        years: list[int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = _choices(_("Vælg enhed"), units)  # type: ignore[attr-defined]
        self.fields["job_family"].choices = _choices(  # type: ignore[attr-defined]
            _("Vælg stillingskategori"), job_families
        )
        self.fields["reason"].choices = _choices(  # type: ignore[attr-defined]
            _("Vælg begrundelse"), list(RequisitionReason.choices)
        )
        self.fields["shortage_year"].choices = _choices(  # type: ignore[attr-defined]
            _("Vælg år"), [(y, str(y)) for y in years]
        )
        for name in ("unit", "job_family", "title", "weekly_hours", "start_on", "reason"):
            self.fields[name].error_messages["required"] = _("Udfyld feltet.")

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["unit_id"] = data.pop("unit")
        data["job_family_id"] = data.pop("job_family")
        return data


class RequisitionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), *RequisitionStatus.choices],
        widget=QuickSelect,
    )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Bemærkning til lederen"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skal udfyldes ved afvisning."),
    )


class StoryForm(forms.ModelForm):
    class Meta:
        model = Story
        fields = ["title", "slug", "theme", "summary", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}
        help_texts = {
            "slug": _("Sidens adresse: /job/historier/<adresse>/. Små bogstaver, tal og -."),
            "summary": _("Vises på karrieresidens forside og i oversigten."),
            "body": _(
                "Almindelig tekst: en tom linje giver et nyt afsnit, og linjer, der begynder "
                "med »- «, bliver en punktopstilling."
            ),
        }

    def validate_unique(self) -> None:
        """The service checks the address (with a Danish message)."""
