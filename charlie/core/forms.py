"""Forms shared by every app, and the one way Charlie renders and fills a form.

- **The DKFDS renderer** (``FORM_RENDERER`` in settings): every widget gets its DKFDS class
  from its kind (``form-input``, ``form-select``, ``form-checkbox``, ``form-radio``,
  ``form-file-input``), so no form writes ``attrs={"class": ...}``. A narrower input is asked
  for with ``with_width(widget, "xs")`` (DKFDS ``input-width-xs`` … ``-xl``). Django adds
  ``aria-invalid`` and ``aria-describedby`` (the hint and the error message, by the ids that
  ``core/_field.html`` gives them). ``{{ form.field.as_field_group }}`` renders a whole DKFDS
  form group: label, hint, error message and input (``core/_field.html``; a checkbox
  ``core/_checkbox.html``; radio buttons and check boxes a fieldset, ``core/_choices.html``).
- **Numbers the reader's way**: ``DanishDecimalField`` reads "1.234,5" in Danish and
  "1,234.5" in English (``core.formats``) and shows a stored value the same way;
  ``DateInput`` is the browser's date picker.
- **Service errors on a form**: ``add_service_errors(form, exc)`` puts the messages of a
  service's ``ValidationFailed`` on the form, beside a field or at the top.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import DecimalValidator, MaxValueValidator, MinValueValidator
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from charlie.core.errors import ValidationFailed
from charlie.core.formats import format_number, parse_number

#: DKFDS input widths (``input-width-xs`` … ``input-width-xl``).
WIDTHS = ("xxs", "xs", "s", "m", "l", "xl")


def with_width[W: forms.Widget](widget: W, width: str) -> W:
    """The widget with a DKFDS width: ``with_width(forms.NumberInput(), "xs")``."""
    if width not in WIDTHS:
        raise ValueError(f"unknown DKFDS input width: {width!r}")
    widget.dkfds_width = width  # type: ignore[attr-defined]
    return widget


def dkfds_class(widget: forms.Widget) -> str:
    """The DKFDS class of a widget's input, from its kind ("" for hidden inputs)."""
    if widget.is_hidden:
        return ""
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
        return "form-checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "form-radio"
    if isinstance(widget, forms.Select):  # also SelectMultiple
        return "form-select"
    if isinstance(widget, forms.FileInput):
        return "form-file-input"
    return "form-input"


class BoundField(forms.BoundField):
    """A form field as DKFDS writes it: the class from the widget's kind and width, and a
    checkbox rendered as a DKFDS checkbox group."""

    def build_widget_attrs(
        self, attrs: dict[str, Any], widget: forms.Widget | None = None
    ) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        classes = [dkfds_class(widget)]
        width = getattr(widget, "dkfds_width", None)
        if width:
            classes.append(f"input-width-{width}")
        classes += str(widget.attrs.get("class", "")).split() + str(attrs.get("class", "")).split()
        joined = " ".join(dict.fromkeys(c for c in classes if c))
        if joined:
            attrs["class"] = joined
        return attrs

    @property
    def template_name(self) -> str:
        own: str | None = getattr(self.field, "template_name", None)  # not in django-stubs
        if own:
            return own
        if isinstance(self.field.widget, forms.CheckboxInput):
            return "core/_checkbox.html"
        if self.choice_kind:
            return "core/_choices.html"
        return self.form.renderer.field_template_name

    @property
    def choice_kind(self) -> str:
        """ "checkbox" or "radio" for a field of check boxes or radio buttons, which render as a
        DKFDS fieldset (``core/_choices.html``); "" for any other field."""
        if isinstance(self.field.widget, forms.CheckboxSelectMultiple):
            return "checkbox"
        if isinstance(self.field.widget, forms.RadioSelect):
            return "radio"
        return ""

    def as_field_group(self) -> SafeString:
        """``core/_field.html``, written in Python: every form on every page renders its
        fields this way, and the template engine costs several times the markup. The template
        stays the reference (``test_forms`` renders both and compares them); a field with a
        template of its own (a checkbox, ``template_name``) goes through it."""
        if self.template_name != FormRenderer.field_template_name:
            return super().as_field_group()
        errors = self.errors
        required = (
            format_html('<span class="sr-only"> ({})</span>', gettext("skal udfyldes"))
            if self.field.required
            else ""
        )
        hint = (
            format_html(
                '<span class="form-hint" id="{}_helptext">{}</span>', self.auto_id, self.help_text
            )
            if self.help_text
            else ""
        )
        error = (
            format_html(
                '<span class="form-error-message" id="{}_error"><span class="sr-only">{}: </span>'
                "{}</span>",
                self.auto_id,
                gettext("Fejl"),
                mark_safe(" ".join(conditional_escape(str(e)) for e in errors)),  # noqa: S308
            )
            if errors
            else ""
        )
        return format_html(
            '<div class="form-group{}">\n  <label class="form-label" for="{}">{}{}</label>\n'
            "  {}\n  {}\n  {}\n</div>",
            " form-error" if errors else "",
            self.id_for_label,
            self.label,
            required,
            hint,
            error,
            str(self),
        )


class FormRenderer(DjangoTemplates):
    """Django's template renderer with DKFDS fields (``FORM_RENDERER`` in settings)."""

    field_template_name = "core/_field.html"
    bound_field_class = BoundField


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as ``åååå-mm-dd``."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def read_number(text: str) -> Decimal:
    """A number the user typed, the reader's way (``core.formats.parse_number``: "1.234,5" in
    Danish, "1,234.5" in English); ``ValueError`` with a message for the user, e.g. for "12.5"
    in Danish or "1,2,3", whose examples are written the reader's way too."""
    try:
        return parse_number(text)
    except ValueError as exc:
        raise ValueError(
            gettext("»%(text)s« er ikke et tal. Skriv fx %(plain)s eller %(grouped)s.")
            % {
                "text": text.strip(),
                "plain": format_number(Decimal("1234.5")).replace(format_number(1000)[1], ""),
                "grouped": format_number(Decimal("1234.5")),
            }
        ) from exc


class DanishDecimalField(forms.Field):
    """A decimal written the reader's way ("1.234,5"; "1,234.5" in English), shown the same
    way. (The name is older than the English interface.)"""

    widget = forms.TextInput

    def __init__(
        self,
        *,
        max_digits: int,
        decimal_places: int,
        min_value: Decimal | None = None,
        max_value: Decimal | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.validators.append(DecimalValidator(max_digits, decimal_places))
        if min_value is not None:
            self.validators.append(MinValueValidator(min_value))
        if max_value is not None:
            self.validators.append(MaxValueValidator(max_value))

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "inputmode": "decimal"}

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return read_number(str(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
            return format_number(value)
        return value


def add_service_errors(
    form: forms.BaseForm, exc: ValidationFailed, field: str | None = None
) -> None:
    """Put a service's ``ValidationFailed`` messages on ``form``: beside ``field`` (by default
    the field the service named, ``exc.field``), or at the top of the form when neither names
    one, where the error summary lists them."""
    target = field or exc.field or None
    for message in exc.messages:
        form.add_error(target, message)


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Brugernavn"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Adgangskode"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PasswordChangeForm(forms.Form):
    current_password = forms.CharField(
        label=_("Nuværende adgangskode"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label=_("Ny adgangskode"),
        help_text=_(
            "Mindst 12 tegn. Brug ikke en adgangskode, du bruger andre steder, og ikke dit navn."
        ),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password_again = forms.CharField(
        label=_("Gentag den nye adgangskode"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _("Udfyld feltet.")


#: (href, text) for ``core/_error_summary.html``; an empty href: a message without a field.
ErrorLink = tuple[str, str]


def error_links(form: forms.BaseForm, prefix: str = "") -> list[ErrorLink]:
    """A form's errors for the error summary, each linked to its field (WCAG 3.3.1); none for a
    form that has not been sent (an unbound form has no errors)."""
    out: list[ErrorLink] = [("", str(e)) for e in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            out.append((f"#{field.id_for_label}", f"{prefix}{field.label}: {error}"))
    return out


class QuickSelect(forms.Select):
    """A select of a few plain choices written in Python, not through a template per option:
    for the filter forms every list page renders on every request (Django's option templates
    cost more than the page's query there). No option groups; the value "" is the empty choice."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        chosen = {str(v) for v in self.format_value(value)}
        options = []
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                raise TypeError("QuickSelect takes no option groups")
            key = "" if option_value is None else str(option_value)
            selected = mark_safe(" selected") if key in chosen else ""
            options.append(format_html('<option value="{}"{}>{}</option>', key, selected, label))
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(final),
            mark_safe("".join(options)),  # noqa: S308 - each option built by format_html
        )


class ManyOptionsSelect(forms.Select):
    """A select of possibly thousands of options (Copenhagen has 2,400 units) whose options are
    rendered once, as one cached string (``people.services.unit_options_html``, every label
    escaped): Django renders each option through a template, which takes seconds at that size.
    ``empty_label`` is the first option (value ""); the chosen option is marked by replacing its
    one ``<option value="…">``."""

    def __init__(self, options_html: str = "", empty_label: Any = "") -> None:
        super().__init__()
        self.options_html, self.empty_label = options_html, empty_label

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        options = self.options_html
        chosen = value[0] if isinstance(value, list | tuple) and value else value
        if chosen not in (None, ""):
            key = f'<option value="{escape(str(chosen))}">'
            options = options.replace(key, key[:-1] + " selected>", 1)
        return format_html(
            '<select name="{}"{}><option value="">{}</option>{}</select>',
            name,
            flatatt(final),
            self.empty_label,
            mark_safe(options),  # noqa: S308 - every label escaped where the options are built
        )
