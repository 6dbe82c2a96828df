"""Forms of the records part: the completions file and a new xAPI client."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    upload = forms.FileField(label=_("Fil (CSV eller Excel)"))
    dry_run = forms.BooleanField(label=_("Kontrollér kun filen, gem intet"), required=False)


class ClientForm(forms.Form):
    name = forms.CharField(
        label=_("Læringssystemets navn"),
        max_length=120,
        help_text=_("Fx navnet på kommunens e-læringsplatform."),
    )
