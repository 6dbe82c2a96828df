"""The forms of the portfolio's benefits part: a benefit, its periods' values, and an automation
(the services check the same again)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.core.forms import DanishDecimalField, DateInput
from charlie.portfolio.models import AutomationKind, AutomationStatus, BenefitKind

PERIOD_CHOICES = [("quarter", _("Kvartal")), ("year", _("År"))]

_OWNER_HELP = _("Medarbejdernummeret på den, der er ansvarlig. Tom: ingen ejer endnu.")


class BenefitForm(forms.Form):
    description = forms.CharField(label=_("Gevinst"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Måles i"), choices=BenefitKind.choices, widget=forms.RadioSelect
    )
    measure = forms.CharField(
        label=_("Egen enhed"),
        max_length=60,
        required=False,
        help_text=_("Kun når gevinsten måles i en anden enhed, fx »sager« eller »kørte km«."),
    )
    owner = forms.CharField(
        label=_("Gevinstejer (medarbejdernummer)"),
        max_length=40,
        required=False,
        help_text=_OWNER_HELP,
    )
    start = forms.DateField(label=_("Fra"), widget=DateInput())
    end = forms.DateField(label=_("Til"), widget=DateInput())
    period = forms.ChoiceField(
        label=_("Følges op pr."), choices=PERIOD_CHOICES, widget=forms.RadioSelect
    )
    planned_per_period = DanishDecimalField(
        label=_("Planlagt pr. periode"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        help_text=_("Samme plan for hver periode; du kan rette hver periode bagefter."),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            field = self.fields["planned_per_period"]
            field.required = False
            field.help_text = _(
                "Tom: perioderne beholder deres plan. Et tal: hver periode planlægges med det."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("Slutdatoen skal være efter startdatoen."))
        return data


class PeriodsForm(forms.Form):
    """One row per period: the plan (portfolio owner only), the realised value and a note.
    Fields are named ``planned_<id>``, ``realised_<id>`` and ``note_<id>``."""

    def __init__(self, *args: Any, periods: list[Any], can_plan: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows: list[dict[str, Any]] = []
        for line in periods:
            p = line.period
            label = f"{p.period_start:%d.%m.%Y}–{p.period_end:%d.%m.%Y}"
            row: dict[str, Any] = {"line": line}
            if can_plan:
                self.fields[f"planned_{p.pk}"] = DanishDecimalField(
                    label=_("Planlagt %(period)s") % {"period": label},
                    max_digits=14,
                    decimal_places=2,
                    min_value=Decimal(0),
                    initial=p.planned,
                )
                row["planned"] = f"planned_{p.pk}"
            self.fields[f"realised_{p.pk}"] = DanishDecimalField(
                label=_("Realiseret %(period)s") % {"period": label},
                max_digits=14,
                decimal_places=2,
                min_value=Decimal(0),
                required=False,
                initial=p.realised,
            )
            self.fields[f"note_{p.pk}"] = forms.CharField(
                label=_("Note %(period)s") % {"period": label},
                max_length=300,
                required=False,
                initial=p.note,
            )
            row["realised"] = f"realised_{p.pk}"
            row["note"] = f"note_{p.pk}"
            self.rows.append(row)

    def bound_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "line": row["line"],
                **{key: self[row[key]] for key in ("planned", "realised", "note") if key in row},
            }
            for row in self.rows
        ]


class AutomationForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Type"), choices=AutomationKind.choices, widget=forms.RadioSelect
    )
    process = forms.CharField(
        label=_("Proces"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hvad den gør, i hvilken arbejdsgang, og hvad der kommer ud af den."),
    )
    owner = forms.CharField(
        label=_("Ejer (medarbejdernummer)"), max_length=40, required=False, help_text=_OWNER_HELP
    )
    unit = forms.TypedChoiceField(
        label=_("Enhed"), coerce=int, required=False, empty_value=None, choices=()
    )
    initiative = forms.IntegerField(
        label=_("Initiativ (nummer)"),
        min_value=1,
        required=False,
        help_text=_("Det initiativ, automatiseringen kom fra, hvis den kom fra et."),
    )
    hours_saved_per_month = DanishDecimalField(
        label=_("Sparede timer pr. måned"), max_digits=8, decimal_places=1, min_value=Decimal(0)
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=AutomationStatus.choices, widget=forms.RadioSelect
    )
    started_on = forms.DateField(label=_("I drift fra"), required=False, widget=DateInput())
    data_touched = forms.CharField(
        label=_("Data den bruger"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Systemer og oplysninger, den læser og skriver."),
    )
    personal_data = forms.BooleanField(label=_("Behandler personoplysninger"), required=False)
    human_review = forms.BooleanField(label=_("En person gennemser resultatet"), required=False)
    review_note = forms.CharField(
        label=_("Hvordan resultatet gennemses"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvem, hvor ofte, og hvad de ser efter."),
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = cast(forms.TypedChoiceField, self.fields["unit"])
        unit_field.choices = [("", _("Ingen bestemt enhed")), *units]


class AutomationFilterForm(forms.Form):
    q = forms.CharField(label=_("Søg"), required=False, max_length=100)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Alle")), *AutomationKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *AutomationStatus.choices]
    )
    personoplysninger = forms.ChoiceField(
        label=_("Personoplysninger"),
        required=False,
        choices=[("", _("Alle")), ("ja", _("Ja")), ("nej", _("Nej"))],
    )
