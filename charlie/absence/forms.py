"""Absence forms. The employee's sick and recovery reports parse input only; the rules (how far
back, overlaps, hours) live in ``absence.services.selfservice`` so every channel applies them alike.

There is deliberately no free-text field: Charlie stores dates and type only, never a
diagnosis or cause (DESIGN.md principle 7)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from charlie.absence.services.selfservice import ReportError, parse_hours
from charlie.core.forms import DateInput, with_width

DATE_INVALID = _("Skriv en dato som ÅÅÅÅ-MM-DD, fx 2026-03-02.")


class SickReportForm(forms.Form):
    first_day = forms.DateField(
        label=_("Første sygedag"),
        help_text=_("I dag eller en af de seneste 14 dage."),
        widget=DateInput(),
        error_messages={
            "required": _("Vælg din første sygedag."),
            "invalid": DATE_INVALID,
        },
    )
    partial = forms.BooleanField(
        label=_("Delvis syg – jeg arbejder en del af dagen"),
        required=False,
        widget=forms.CheckboxInput(),
    )
    hours = forms.CharField(
        label=_("Timer med sygefravær pr. dag (kun ved delvis syg)"),
        help_text=_(
            "Fx 3,5. Mere end 0 og mindre end dine daglige timer (37 timer om ugen er 7,4 "
            "timer om dagen)."
        ),
        required=False,
        max_length=10,
        widget=with_width(forms.TextInput(attrs={"inputmode": "decimal"}), "xs"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["partial_hours"] = None
        if data.get("partial"):
            text = (data.get("hours") or "").strip()
            if not text:
                self.add_error(
                    "hours",
                    _("Skriv hvor mange timer om dagen du er syg, eller fjern »Delvis syg«."),
                )
            else:
                try:
                    data["partial_hours"] = parse_hours(text)
                except ReportError as exc:
                    self.add_error("hours", exc.messages[0])
        return data

    @property
    def partial_hours(self) -> Decimal | None:
        return self.cleaned_data.get("partial_hours")  # type: ignore[no-any-return]


class WellReportForm(forms.Form):
    last_day = forms.DateField(
        label=_("Sidste sygedag"),
        help_text=_("Den sidste dag, du var syg. Er du rask fra i dag, er det i går."),
        widget=DateInput(),
        error_messages={
            "required": _("Vælg din sidste sygedag."),
            "invalid": DATE_INVALID,
        },
    )


class UnitSelect(forms.Select):
    """The unit filter's ``<select>``: every unit of Copenhagen is about 2,400 options, which
    Django's per-option templates render in a few hundred milliseconds. The options come as one
    cached HTML string (``options_html``, every label escaped by ``unit_options_html``); the
    chosen one is marked here."""

    options_html = ""
    empty_label: Any = ""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        options = self.options_html
        if value not in (None, ""):
            mark = f'<option value="{escape(str(value))}">'
            options = options.replace(mark, mark[:-1] + " selected>", 1)
        return format_html(
            '<select{}><option value="">{}</option>{}</select>',
            flatatt(final),
            self.empty_label,
            mark_safe(options),  # noqa: S308 - built by unit_options_html, every label escaped
        )


def unit_options_html(choices: list[tuple[int, str]]) -> str:
    """``<option>`` elements for (unit id, label) pairs, labels escaped."""
    return "".join(f'<option value="{pk}">{escape(label)}</option>' for pk, label in choices)
