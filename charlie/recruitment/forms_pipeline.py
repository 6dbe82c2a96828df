"""Forms of the pipeline pages: they parse input; the services in ``services.pipeline`` check
it against the round and keep it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.core.forms import DateInput, with_width
from charlie.recruitment import rules
from charlie.recruitment.models import LetterKind, Stage


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Flyt til trin"), choices=Stage.choices)


class ScoreForm(forms.Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    score = forms.TypedChoiceField(
        label=_("Point"),
        coerce=int,
        choices=[(n, str(n)) for n in range(rules.SCORE_MIN, rules.SCORE_MAX + 1)],
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Ny note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Noten ses af HR og ansættelsesudvalget. Skriv aldrig CPR-numre."),
    )


class InterviewForm(forms.Form):
    round_number = forms.TypedChoiceField(
        label=_("Samtalerunde"), coerce=int, choices=[(1, "1"), (2, "2")], initial=1
    )
    day = forms.DateField(label=_("Dato for samtalen"), widget=DateInput())
    starts = forms.TimeField(
        label=_("Fra kl."), widget=with_width(forms.TimeInput(attrs={"type": "time"}), "xs")
    )
    ends = forms.TimeField(
        label=_("Til kl."), widget=with_width(forms.TimeInput(attrs={"type": "time"}), "xs")
    )
    location = forms.CharField(label=_("Sted"), max_length=200)


class TestResultForm(forms.Form):
    tool = forms.CharField(label=_("Testværktøj"), max_length=120)
    summary = forms.CharField(
        label=_("Resumé af resultatet"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    link = forms.URLField(
        label=_("Link til resultatet"), required=False, max_length=200, assume_scheme="https"
    )
    consent_on = forms.DateField(
        label=_("Dato for ansøgerens samtykke"),
        widget=DateInput(),
        help_text=_("Resultatet må kun gemmes, når ansøgeren har givet samtykke."),
    )


class LetterChoiceForm(forms.Form):
    """Which template (and interview, reply date) the preview fills in."""

    skabelon = forms.TypedChoiceField(label=_("Skabelon"), coerce=int)
    samtale = forms.TypedChoiceField(
        label=_("Samtale"), coerce=int, required=False, empty_value=None
    )
    frist = forms.DateField(label=_("Svarfrist ({frist})"), required=False, widget=DateInput())

    def __init__(
        self,
        *args: Any,
        templates: list[tuple[int, str]],
        interviews: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skabelon"].choices = templates  # type: ignore[attr-defined]
        self.fields["samtale"].choices = [("", _("Ingen samtale")), *interviews]  # type: ignore[attr-defined]


class LetterForm(forms.Form):
    kind = forms.ChoiceField(widget=forms.HiddenInput, choices=LetterKind.choices)
    subject = forms.CharField(label=_("Emne"), max_length=200)
    body = forms.CharField(
        label=_("Tekst"), max_length=10000, widget=forms.Textarea(attrs={"rows": 14})
    )


class LetterTemplateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=LetterKind.choices)
    name = forms.CharField(label=_("Navn"), max_length=120)
    subject = forms.CharField(label=_("Emne"), max_length=200)
    body = forms.CharField(
        label=_("Tekst"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Felter, der udfyldes: {navn} {stilling} {dato} {tid} {sted} {frist} {kommune}."
        ),
    )
