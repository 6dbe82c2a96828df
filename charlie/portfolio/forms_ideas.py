"""The forms of the portfolio's ideas part: beacons and their measurements, ideas, comments and
the portfolio owner's triage (``services.beacons`` and ``services.ideas`` check the same
again)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.core.forms import DanishDecimalField, DateInput
from charlie.portfolio.models import IdeaKind, IdeaStatus
from charlie.portfolio.services import ideas as idea_services

# --- Beacons -------------------------------------------------------------------------------------


class BeaconForm(forms.Form):
    title = forms.CharField(label=_("Pejlemærke"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hvorfor målet er vigtigt, og hvad kommunen vil opnå."),
    )
    indicator = forms.CharField(
        label=_("Indikator"),
        max_length=200,
        help_text=_("Det, der måles, fx »Andel af ansøgninger, der behandles digitalt«."),
    )
    unit = forms.CharField(
        label=_("Enhed"),
        max_length=40,
        required=False,
        help_text=_("Fx %, timer eller sager."),
    )
    baseline = DanishDecimalField(label=_("Udgangspunkt"), max_digits=14, decimal_places=2)
    baseline_on = forms.DateField(label=_("Udgangspunktet er målt"), widget=DateInput())
    target = DanishDecimalField(
        label=_("Mål"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Må gerne være lavere end udgangspunktet, fx færre timer."),
    )
    deadline = forms.DateField(label=_("Frist"), widget=DateInput())
    order = forms.IntegerField(
        label=_("Rækkefølge"),
        min_value=0,
        max_value=32767,
        initial=0,
        required=False,
        help_text=_("Lavere tal vises først."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("baseline_on"), data.get("deadline")
        if start and end and end <= start:
            self.add_error(
                "deadline", _("Fristen skal ligge efter den dag, udgangspunktet blev målt.")
            )
        return data


class MeasurementForm(forms.Form):
    measured_on = forms.DateField(label=_("Målt den"), widget=DateInput())
    value = DanishDecimalField(label=_("Værdi"), max_digits=14, decimal_places=2)
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("Fx kilden til tallet."),
    )


# --- Ideas ---------------------------------------------------------------------------------------


class IdeaForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Er det en idé eller et behov?"),
        choices=IdeaKind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "En idé er et forslag til en løsning. Et behov er noget, der er besværligt eller går "
            "galt, også selv om du ikke kender løsningen."
        ),
    )
    title = forms.CharField(label=_("Overskrift"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivelse"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Hvad er besværligt eller går galt i dag, og hvad kunne gøre det bedre? Skriv ikke "
            "navne, cpr-numre eller helbredsoplysninger."
        ),
    )
    hours_per_month = DanishDecimalField(
        label=_("Hvor mange timer koster det om måneden?"),
        max_digits=8,
        decimal_places=1,
        min_value=Decimal(0),
        required=False,
        help_text=_(
            "Et skøn for dig og dine kolleger tilsammen. Lad feltet stå tomt, hvis du ikke ved det."
        ),
    )


class IdeaFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Søg"),
        required=False,
        max_length=200,
        help_text=_("Ord i overskrift eller beskrivelse, eller idéens nummer."),
    )
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Alle")), *IdeaKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Alle")),
            (idea_services.STATUS_OPEN, _("Åbne (nye og under vurdering)")),
            *IdeaStatus.choices,
        ],
    )
    sort = forms.ChoiceField(
        label=_("Sortering"),
        required=False,
        choices=[
            (idea_services.SORT_NEWEST, _("Nyeste først")),
            (idea_services.SORT_SUPPORT, _("Mest støttede først")),
        ],
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Din kommentar"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kommentarer vises uden navn. Skriv ikke navne eller helbredsoplysninger."),
    )


class TriageForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Afgørelse"),
        widget=forms.RadioSelect,
        choices=[
            (idea_services.REVIEW, _("Under vurdering")),
            (idea_services.REJECT, _("Afvis (begrundelse skal udfyldes)")),
            (idea_services.MERGE, _("Læg sammen med en anden idé")),
            (idea_services.INITIATIVE, _("Gør til initiativ")),
        ],
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Indsenderen ser begrundelsen under »Mine idéer« og i en e-mail."),
    )
    merge_into = forms.IntegerField(
        label=_("Læg sammen med idé nr."),
        required=False,
        min_value=1,
        help_text=_("Kun ved sammenlægning."),
    )
    title = forms.CharField(
        label=_("Initiativets titel"),
        required=False,
        max_length=200,
        help_text=_("Kun ved initiativ. Tom: idéens overskrift."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decision = data.get("decision")
        if decision == idea_services.REJECT and not (data.get("reason") or "").strip():
            self.add_error(
                "reason", _("Skriv en begrundelse: indsenderen ser den, når idéen er afvist.")
            )
        if decision == idea_services.MERGE and not data.get("merge_into"):
            self.add_error(
                "merge_into", _("Skriv nummeret på den idé, den skal lægges sammen med.")
            )
        return data
