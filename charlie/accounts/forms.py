"""Forms of the user and role pages. They only parse; ``accounts.services`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from charlie.accounts.services import NAME_MAX_LENGTH, REASON_MAX_LENGTH
from charlie.core.forms import with_width
from charlie.core.roles import Role

ROLE_HELP = _(
    "HR og databeskyttelsesrådgiver ser personoplysninger om alle eller loggen. De roller "
    "gives først, når en anden med samme rolle har godkendt det."
)


def _role_choices(*, blank: Any = None) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [(str(r.value), r.label) for r in Role]
    return [("", blank), *choices] if blank is not None else choices


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _("Udfyld feltet.")
            field.error_messages.setdefault("invalid_choice", _("Vælg en af mulighederne."))


class UserFilterForm(_Form):
    q = forms.CharField(
        label=_("Søg på brugernavn eller navn"),
        required=False,
        max_length=150,
        widget=with_width(forms.TextInput(attrs={"autocomplete": "off"}), "m"),
    )
    role = forms.ChoiceField(
        label=_("Rolle"),
        required=False,
        widget=forms.Select(),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(blank=_("Alle roller"))  # type: ignore[attr-defined]


def _password_field(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


def _reason_field(required: bool, help_text: Any) -> forms.CharField:
    return forms.CharField(
        label=_("Begrundelse"),
        help_text=help_text,
        required=required,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class _PasswordPair(_Form):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password_again") != data.get("password"):
            self.add_error(
                "password_again", _("De to adgangskoder er ikke ens. Skriv den samme to gange.")
            )
        return data


class CreateUserForm(_PasswordPair):
    username = forms.CharField(
        label=_("Brugernavn"),
        help_text=_("Små bogstaver, tal og tegnene @ . + - _, fx »anje« eller »anje@kommune.dk«."),
        max_length=NAME_MAX_LENGTH,
        widget=with_width(forms.TextInput(attrs={"autocomplete": "off"}), "m"),
    )
    first_name = forms.CharField(
        label=_("Fornavn"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    last_name = forms.CharField(
        label=_("Efternavn"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = forms.CharField(
        label=_("E-mail (valgfri)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Rolle"), help_text=ROLE_HELP, widget=forms.Select())
    reason = _reason_field(
        False,
        _("Hvorfor skal brugeren have rollen? Skal udfyldes for alle roller end medarbejder."),
    )
    password = _password_field(
        _("Første adgangskode"),
        _(
            "Mindst 12 tegn. Giv den til brugeren på en sikker måde; brugeren skal selv vælge "
            "en ny under »Skift adgangskode«."
        ),
    )
    password_again = _password_field(_("Gentag adgangskoden"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices()  # type: ignore[attr-defined]
        self.fields["role"].initial = Role.EMPLOYEE
        if not settings.CHARLIE_LOCAL_LOGIN:  # the user logs in with the municipality's account
            del self.fields["password"]
            del self.fields["password_again"]


class RoleForm(_Form):
    role = forms.ChoiceField(
        label=_("Ny rolle"),
        help_text=ROLE_HELP,
        widget=forms.Select(),
    )
    reason = _reason_field(
        True, _("Hvorfor skal brugeren have den nye rolle? Den, der godkender, ser begrundelsen.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices()  # type: ignore[attr-defined]


class PasswordForm(_PasswordPair):
    password = _password_field(
        _("Ny adgangskode"),
        _("Mindst 12 tegn. Brugeren skal selv vælge en ny under »Skift adgangskode«."),
    )
    password_again = _password_field(_("Gentag adgangskoden"))


class DecisionForm(_Form):
    """One pending request's form: the button pressed is the decision."""

    decision = forms.ChoiceField(
        label=_("Afgørelse"),
        choices=[
            ("approve", _("Godkend")),
            ("reject", _("Afvis")),
            ("withdraw", _("Træk tilbage")),
        ],
        widget=forms.HiddenInput,
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("Skal udfyldes, hvis du afviser anmodningen."),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PersonSearchForm(_Form):
    q = forms.CharField(
        label=_("Søg på navn eller medarbejdernummer"),
        help_text=_("Mindst 3 tegn af for- eller efternavn, eller hele medarbejdernummeret."),
        required=False,
        max_length=100,
        widget=with_width(forms.TextInput(attrs={"autocomplete": "off"}), "m"),
    )


class ManagedUnitForm(_Form):
    unit = forms.TypedChoiceField(
        label=_("Enhed"),
        help_text=_("Lederen ser medarbejderne i enheden og enhederne under den."),
        coerce=int,
        widget=forms.Select(),
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Vælg en enhed")), *units]  # type: ignore[attr-defined]
