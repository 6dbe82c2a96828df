"""The DPO's filter form for the audit log (GET)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.privacy.registry import categories
from charlie.privacy.services import AuditFilter


class AuditFilterForm(forms.Form):
    employee_number = forms.CharField(
        label=_("Medarbejdernummer"),
        help_text=_("Hvis data blev læst eller ændret."),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"class": "form-input input-width-s", "autocomplete": "off"}),
    )
    username = forms.CharField(
        label=_("Brugernavn"),
        help_text=_("Hvem der læste eller ændrede data."),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"class": "form-input input-width-m", "autocomplete": "off"}),
    )
    category = forms.ChoiceField(
        label=_("Datakategori"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    date_from = forms.DateField(
        label=_("Fra og med dato"),
        required=False,
        widget=forms.DateInput(attrs={"class": "form-input", "type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("Til og med dato"),
        required=False,
        widget=forms.DateInput(attrs={"class": "form-input", "type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = cast(forms.ChoiceField, self.fields["category"])
        category.choices = [("", _("Alle kategorier"))] + [
            (code, label) for code, label in sorted(categories().items())
        ]
        for field in self.fields.values():
            field.error_messages.setdefault("invalid", _("Ugyldig værdi."))
        self.fields["date_from"].error_messages["invalid"] = _("Skriv en dato som ÅÅÅÅ-MM-DD.")
        self.fields["date_to"].error_messages["invalid"] = _("Skriv en dato som ÅÅÅÅ-MM-DD.")
        self.fields["category"].error_messages["invalid_choice"] = _(
            "Vælg en af kategorierne på listen."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Til-datoen skal ligge efter fra-datoen."))
        # Control characters (NUL is refused by PostgreSQL) can only be typos.
        for name in ("employee_number", "username"):
            value = data.get(name)
            if value and not value.isprintable():
                self.add_error(name, _("Feltet indeholder ugyldige tegn."))
        return data

    def to_filter(self) -> AuditFilter:
        data = self.cleaned_data
        return AuditFilter(
            employee_number=(data.get("employee_number") or "").strip(),
            username=(data.get("username") or "").strip(),
            category=data.get("category") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class PurposeForm(forms.Form):
    """The DPO's edit of one purpose in the data-use register, with a note on the change."""

    name = forms.CharField(
        label=_("Navn"),
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-input input-width-l"}),
    )
    description = forms.CharField(
        label=_("Beskrivelse"),
        help_text=_("Hvad oplysningerne bruges til, i et sprog alle medarbejdere forstår."),
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 5}),
    )
    legal_basis = forms.CharField(
        label=_("Retsgrundlag"),
        help_text=_("Artikel i databeskyttelsesforordningen og dansk lov eller aftale."),
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 3}),
    )
    categories = forms.MultipleChoiceField(
        label=_("Datakategorier"),
        help_text=_("Charlie afviser at bruge oplysninger i andre kategorier til dette formål."),
        widget=forms.CheckboxSelectMultiple,
    )
    who_may_see = forms.CharField(
        label=_("Hvem kan se oplysningerne"),
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 3}),
    )
    retention = forms.CharField(
        label=_("Opbevaring og sletning"),
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 5}),
    )
    note = forms.CharField(
        label=_("Note om ændringen"),
        help_text=_("Kort: hvad er ændret og hvorfor. Noten vises i historikken."),
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-input input-width-xl", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.MultipleChoiceField, self.fields["categories"])
        field.choices = [(code, label) for code, label in sorted(categories().items())]
        for f in self.fields.values():
            f.error_messages["required"] = _("Feltet skal udfyldes.")
            f.error_messages.setdefault("invalid", _("Ugyldig værdi."))
        self.fields["categories"].error_messages["required"] = _("Vælg mindst én datakategori.")
        self.fields["categories"].error_messages["invalid_choice"] = _(
            "Vælg kategorierne på listen."
        )
        self.fields["name"].error_messages["max_length"] = _("Navnet må højst være 100 tegn.")
        self.fields["note"].error_messages["max_length"] = _("Noten må højst være 200 tegn.")
