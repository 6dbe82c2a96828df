from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Brugernavn"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autofocus": True, "class": "form-input"}
        ),
    )
    password = forms.CharField(
        label=_("Adgangskode"),
        strip=False,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "class": "form-input"}
        ),
    )


class PasswordChangeForm(forms.Form):
    current_password = forms.CharField(
        label=_("Nuværende adgangskode"),
        strip=False,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "class": "form-input"}
        ),
    )
    new_password = forms.CharField(
        label=_("Ny adgangskode"),
        help_text=_(
            "Mindst 12 tegn. Brug ikke en adgangskode, du bruger andre steder, og ikke dit navn."
        ),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "class": "form-input"}),
    )
    new_password_again = forms.CharField(
        label=_("Gentag den nye adgangskode"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "class": "form-input"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _("Udfyld feltet.")


#: (href, text) for ``core/_error_summary.html``; an empty href: a message without a field.
ErrorLink = tuple[str, str]


def error_links(form: forms.Form, prefix: str = "") -> list[ErrorLink]:
    """A form's errors for the error summary, each linked to its field (WCAG 3.3.1)."""
    out: list[ErrorLink] = [("", str(e)) for e in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            out.append((f"#{field.id_for_label}", f"{prefix}{field.label}: {error}"))
    return out
