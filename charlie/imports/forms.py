"""The upload form: one or more files, "kun prøvekørsel" and "komplet øjebliksbillede"."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    #: Not ``files``: a form's ``files`` attribute holds the uploaded data.
    upload = MultipleFileField(
        label=_("Filer"),
        help_text=_(
            "CSV- eller Excel-filer i Charlies format (.csv, .xlsx) eller KMD OPUS-filer (.xml). "
            "Du kan vælge flere filer på én gang."
        ),
        error_messages={"required": _("Vælg mindst én fil.")},
    )
    dry_run = forms.BooleanField(
        label=_("Kun prøvekørsel"),
        required=False,
        help_text=_("Kontrollér filerne og se, hvad der ville ske, uden at gemme noget."),
        widget=forms.CheckboxInput(),
    )
    snapshot = forms.BooleanField(
        label=_("Komplet øjebliksbillede"),
        required=False,
        help_text=_(
            "Afslut alle åbne ansættelser, der ikke står i filerne. Lad feltet stå tomt for en "
            "OPUS-fil med ændringer (»delta«): så afsluttes kun de ansættelser, filen selv "
            'afslutter (fratrædelsesdato eller action="leave").'
        ),
        widget=forms.CheckboxInput(),
    )
