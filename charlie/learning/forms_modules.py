"""Forms of the e-learning editor (part "elearning"). They parse input only; the services in
``services.modules`` decide what may be stored."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _("Udfyld feltet.")


class ModuleForm(_Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(
        label=_("Kort beskrivelse"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vises i listen over moduler og i kursuskataloget."),
    )
    pass_mark = forms.IntegerField(
        label=_("Bestået ved (procent rigtige)"),
        min_value=1,
        max_value=100,
        initial=80,
        help_text=_("Hvert spørgsmål er rigtigt eller forkert; fx 80 betyder 4 af 5."),
    )
    valid_months = forms.IntegerField(
        label=_("Gyldig i måneder"),
        required=False,
        min_value=1,
        max_value=240,
        help_text=_("Tom: beviset udløber ikke. Fx 24 for GDPR, 12 for forflytning."),
    )
    published = forms.BooleanField(
        label=_("Udgivet (medarbejderne kan tage modulet)"), required=False
    )


class LessonForm(_Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    body = forms.CharField(
        label=_("Tekst (Markdown)"),
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Overskrifter med #, **fed**, *kursiv*, lister med - eller 1., links som "
            "[tekst](https://…), billeder som ![alternativ tekst](billede:ID). HTML vises "
            "som tekst."
        ),
    )


class QuestionForm(_Form):
    text = forms.CharField(
        label=_("Spørgsmål"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    choices = forms.CharField(
        label=_("Svarmuligheder"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Én svarmulighed pr. linje; sæt * først på linjen ved de rigtige svar. "
            "Flere rigtige svar giver afkrydsningsfelter."
        ),
    )
    explanation = forms.CharField(
        label=_("Forklaring"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vises efter bestået quiz ved de spørgsmål, man svarede forkert på."),
    )


class ImageForm(_Form):
    image = forms.FileField(
        label=_("Billede"),
        help_text=_("PNG, JPEG, GIF eller WebP, højst 2 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}
        ),
    )
    alt = forms.CharField(
        label=_("Alternativ tekst"),
        max_length=200,
        help_text=_("Hvad billedet viser, for dem der ikke kan se det."),
    )
