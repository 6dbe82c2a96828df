"""Privacy forms: the DPO's audit log filter (GET) and register edit; "Mine data"'s request
for correction, and HR's handling of one."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.core.forms import DateInput, with_width
from charlie.privacy.models import CorrectionStatus
from charlie.privacy.registry import categories
from charlie.privacy.services import AuditFilter


class AuditFilterForm(forms.Form):
    employee_number = forms.CharField(
        label=_("Medarbejdernummer"),
        help_text=_("Hvis data blev læst eller ændret."),
        required=False,
        max_length=30,
        widget=with_width(forms.TextInput(attrs={"autocomplete": "off"}), "s"),
    )
    username = forms.CharField(
        label=_("Brugernavn"),
        help_text=_(
            "Hvem der læste eller ændrede data – og hvornår brugerens konto eller rolle blev "
            "set eller ændret."
        ),
        required=False,
        max_length=150,
        widget=with_width(forms.TextInput(attrs={"autocomplete": "off"}), "m"),
    )
    category = forms.ChoiceField(
        label=_("Datakategori"),
        required=False,
        widget=forms.Select(),
    )
    date_from = forms.DateField(
        label=_("Fra og med dato"),
        required=False,
        widget=DateInput(),
    )
    date_to = forms.DateField(
        label=_("Til og med dato"),
        required=False,
        widget=DateInput(),
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
        widget=with_width(forms.TextInput(), "l"),
    )
    description = forms.CharField(
        label=_("Beskrivelse"),
        help_text=_("Hvad oplysningerne bruges til, i et sprog alle medarbejdere forstår."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    legal_basis = forms.CharField(
        label=_("Retsgrundlag"),
        help_text=_("Artikel i databeskyttelsesforordningen og dansk lov eller aftale."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    categories = forms.MultipleChoiceField(
        label=_("Datakategorier"),
        help_text=_("Charlie afviser at bruge oplysninger i andre kategorier til dette formål."),
        widget=forms.CheckboxSelectMultiple,
    )
    who_may_see = forms.CharField(
        label=_("Hvem kan se oplysningerne"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    retention = forms.CharField(
        label=_("Opbevaring og sletning"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    confirm_removal = forms.BooleanField(
        label=_("Jeg forstår konsekvensen"),
        help_text=_(
            "Kun nødvendigt, hvis du fjerner en datakategori, som Charlie bruger til formålet: "
            "de sider, der viser oplysningerne, holder så op med at virke."
        ),
        required=False,
    )
    note = forms.CharField(
        label=_("Note om ændringen"),
        help_text=_("Kort: hvad er ændret og hvorfor. Noten vises i historikken."),
        max_length=200,
        widget=with_width(forms.TextInput(attrs={"autocomplete": "off"}), "xl"),
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


class CorrectionRequestForm(forms.Form):
    """ "Anmod om rettelse" on "Mine data": which data, and what is wrong. The person is always
    the logged-in user's own; the form has no person field."""

    category = forms.ChoiceField(
        label=_("Hvilke oplysninger drejer det sig om?"),
        widget=forms.Select(),
    )
    message = forms.CharField(
        label=_("Hvad er forkert, og hvad er det rigtige?"),
        help_text=_(
            "Beskriv, hvad der er forkert, og hvad det rigtige er. Skriv ikke oplysninger om "
            "helbred eller årsager til sygdom. Højst 2000 tegn."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = cast(forms.ChoiceField, self.fields["category"])
        category.choices = [("", _("Vælg oplysninger")), *choices]
        self.fields["category"].error_messages["required"] = _(
            "Vælg, hvilke oplysninger der er forkerte."
        )
        self.fields["category"].error_messages["invalid_choice"] = _(
            "Vælg, hvilke oplysninger der er forkerte, på listen."
        )
        self.fields["message"].error_messages["required"] = _(
            "Skriv, hvad der er forkert, og hvad der er det rigtige."
        )
        self.fields["message"].error_messages["max_length"] = _(
            "Beskeden må højst være 2000 tegn. Gør den kortere."
        )


class CorrectionHandleForm(forms.Form):
    """HR's decision on a request for correction, with a response to the employee."""

    status = forms.ChoiceField(
        label=_("Afgørelse"),
        choices=[
            (CorrectionStatus.DONE, _("Rettet – oplysningerne er rettet")),
            (CorrectionStatus.REJECTED, _("Afvist – oplysningerne rettes ikke")),
        ],
        widget=forms.RadioSelect,
    )
    response = forms.CharField(
        label=_("Svar til medarbejderen"),
        help_text=_(
            "Medarbejderen ser svaret under »Mine data«. Skal udfyldes, når du afviser: "
            "forklar hvorfor. Skriv ikke oplysninger om helbred. Højst 2000 tegn."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].error_messages["required"] = _(
            "Vælg, om oplysningerne er rettet, eller om anmodningen er afvist."
        )
        self.fields["status"].error_messages["invalid_choice"] = _(
            "Vælg, om oplysningerne er rettet, eller om anmodningen er afvist."
        )
        self.fields["response"].error_messages["max_length"] = _(
            "Svaret må højst være 2000 tegn. Gør det kortere."
        )
