"""Forms of the scenario pages. They parse input only: the scenario rules are enforced again by
``services`` (``save_rules``, ``save_driver``), which is the one place that decides what may be
stored. The checks here give each error a place on the page (WCAG 2.1 SC 3.3.1 and 3.3.3: the
error is named at the field and says how to fix it; DOMAIN.md 9.1).

Numbers are written the Danish way (``core.formats``: decimal comma, thousands point):
"1.234,5" is one thousand two hundred and thirty-four and a half. A point is read as a
thousands point only in groups of three ("19.722"); "12.5" is refused with a hint to use the
comma, rather than guessed (``core.forms.DanishDecimalField``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from charlie.core.formats import format_number
from charlie.core.forms import DanishDecimalField, read_number, with_width
from charlie.people.models import JobFamily
from charlie.workforce.models import Driver, RuleKind
from charlie.workforce.services import DEFAULT_TO_YEAR

#: The years a rule or a driver value may name (the same bounds as ``models.YEAR_VALIDATORS``).
FIRST_YEAR, LAST_YEAR = 2000, 2100
#: ``Rule.rate_percent`` and ``Rule.ratio`` as stored (max_digits, decimal_places).
RATE_DIGITS, RATE_PLACES = 6, 2
RATIO_DIGITS, RATIO_PLACES = 12, 6
NAME_MAX = 120

#: A driver line: a four-digit year, a separator (spaces, tab, ";", ":" or "="), a value.
_LINE = re.compile(r"(\d{4})\s*[\s;:=]\s*(.+)")


def parse_driver_values(text: str) -> dict[int, float]:
    """The lines of a driver textarea, one "år værdi" per line ("2025 1.234,5"), as
    {year: value}. Blank lines are skipped. Raises ``forms.ValidationError`` naming every bad
    line as "Linje N: …" (N counts every line, blank ones too, as an editor shows them)."""
    values: dict[int, float] = {}
    seen: dict[int, int] = {}
    problems: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            problems.append(
                _("Linje %(n)s: skriv et år og en værdi, fx »2025 1234,5«.") % {"n": number}
            )
            continue
        year = int(match.group(1))
        try:
            value = read_number(match.group(2))
        except ValueError as exc:
            problems.append(_("Linje %(n)s: %(why)s") % {"n": number, "why": exc})
            continue
        if not FIRST_YEAR <= year <= LAST_YEAR:
            problems.append(
                _("Linje %(n)s: året skal ligge mellem %(a)s og %(b)s.")
                % {"n": number, "a": FIRST_YEAR, "b": LAST_YEAR}
            )
        elif year in seen:
            problems.append(
                _("Linje %(n)s: år %(year)s står også i linje %(m)s.")
                % {"n": number, "year": year, "m": seen[year]}
            )
        elif value < 0:
            problems.append(_("Linje %(n)s: værdien kan ikke være negativ.") % {"n": number})
        else:
            seen[year] = number
            values[year] = float(value)
    if problems:
        raise forms.ValidationError(problems)
    if not values:
        raise forms.ValidationError(
            _("Skriv mindst ét år med en værdi, fx »2025 1234,5«."), code="required"
        )
    return values


def driver_text(values: dict[str, float]) -> str:
    """A driver's stored values as the textarea shows them, one "år værdi" per line."""
    return "\n".join(
        f"{year} {format_number(value)}"
        for year, value in sorted(values.items(), key=lambda i: int(i[0]))
    )


class ScenarioForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Navn"),
        max_length=NAME_MAX,
        widget=forms.TextInput(),
        error_messages={"required": gettext_lazy("Giv scenariet et navn.")},
    )
    description = forms.CharField(
        label=gettext_lazy("Beskrivelse og antagelser"),
        help_text=gettext_lazy(
            "Skriv, hvad scenariet antager, og hvor hvert tal kommer fra, så andre kan følge det."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class CreateScenarioForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Navn på det nye scenarie"),
        max_length=NAME_MAX,
        widget=forms.TextInput(),
        error_messages={"required": gettext_lazy("Giv scenariet et navn.")},
    )


class CopyScenarioForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Navn på kopien"),
        max_length=NAME_MAX,
        widget=forms.TextInput(),
        error_messages={"required": gettext_lazy("Giv kopien et navn.")},
    )

    @staticmethod
    def default_name(name: str) -> str:
        return (_("Kopi af %(name)s") % {"name": name})[:NAME_MAX]


class ConfirmDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Ja, slet scenariet"),
        error_messages={
            "required": gettext_lazy("Sæt flueben i »Ja, slet scenariet«, hvis det skal slettes.")
        },
    )


class ConfirmDriverDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Ja, slet driveren og de regler, der bruger den"),
        error_messages={
            "required": gettext_lazy("Sæt flueben, hvis driveren og dens regler skal slettes.")
        },
    )


class RuleForm(forms.Form):
    """One rule of a scenario (``models.Rule``); see ``scenario.py`` for what the fields mean."""

    job_family = forms.ModelChoiceField(
        label=gettext_lazy("Jobfamilie"),
        queryset=JobFamily.objects.order_by("sort_order", "name"),
        required=False,
        empty_label=gettext_lazy("Alle jobfamilier"),
        widget=forms.Select(),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Type"),
        choices=RuleKind.choices,
        initial=RuleKind.GROWTH,
        widget=forms.Select(),
    )
    first_year = forms.IntegerField(
        label=gettext_lazy("Fra år"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=with_width(forms.NumberInput(), "xs"),
        error_messages={"required": gettext_lazy("Skriv det første år, reglen gælder.")},
    )
    last_year = forms.IntegerField(
        label=gettext_lazy("Til år"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=with_width(forms.NumberInput(), "xs"),
        error_messages={"required": gettext_lazy("Skriv det sidste år, reglen gælder.")},
    )
    rate_percent = DanishDecimalField(
        label=gettext_lazy("Vækst pr. år (%)"),
        help_text=gettext_lazy("Kun vækstregler. Fx 1,5 eller -2."),
        required=False,
        max_digits=RATE_DIGITS,
        decimal_places=RATE_PLACES,
        min_value=Decimal(-50),
        max_value=Decimal(50),
        widget=with_width(forms.TextInput(), "xs"),
    )
    driver = forms.ModelChoiceField(
        label=gettext_lazy("Driver"),
        help_text=gettext_lazy("Kun driverregler."),
        queryset=Driver.objects.none(),
        required=False,
        empty_label=gettext_lazy("Ingen driver"),
        widget=forms.Select(),
    )
    ratio = DanishDecimalField(
        label=gettext_lazy("Ansatte pr. enhed af driveren"),
        help_text=gettext_lazy("Kun driverregler. Tom: dagens forhold bevares."),
        required=False,
        max_digits=RATIO_DIGITS,
        decimal_places=RATIO_PLACES,
        min_value=Decimal(0),
        widget=with_width(forms.TextInput(), "s"),
    )
    note = forms.CharField(
        label=gettext_lazy("Begrundelse og kilde"),
        max_length=500,
        required=False,
        widget=forms.TextInput(),
    )

    def __init__(self, *args: Any, drivers: QuerySet[Driver], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["driver"].queryset = drivers  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_year"), data.get("last_year")
        if first is not None and last is not None and last < first:
            self.add_error("last_year", _("»Til år« må ikke være før »fra år«."))
        kind = data.get("kind")
        if kind == RuleKind.GROWTH:
            if data.get("rate_percent") is None and "rate_percent" not in self.errors:
                self.add_error("rate_percent", _("Skriv en vækstrate, fx 1,5."))
            if data.get("driver") is not None or data.get("ratio") is not None:
                self.add_error(
                    "kind",
                    _(
                        "En vækstregel bruger ikke driver og forhold. Vælg typen Driver, eller "
                        "tøm felterne."
                    ),
                )
        elif kind == RuleKind.DRIVER:
            if data.get("driver") is None and "driver" not in self.errors:
                self.add_error("driver", _("Vælg en driver."))
            if data.get("job_family") is None and "job_family" not in self.errors:
                self.add_error("job_family", _("En driverregel gælder én jobfamilie. Vælg den."))
            if data.get("rate_percent") is not None:
                self.add_error(
                    "kind",
                    _(
                        "En driverregel bruger ikke en vækstrate. Vælg typen Vækstrate, eller "
                        "tøm feltet."
                    ),
                )
        return data

    def rule(self) -> dict[str, Any]:
        """The rule as ``services.save_rules`` takes it."""
        data = self.cleaned_data
        return {
            "job_family": data["job_family"],
            "kind": data["kind"],
            "first_year": data["first_year"],
            "last_year": data["last_year"],
            "rate_percent": data["rate_percent"],
            "driver": data["driver"],
            "ratio": data["ratio"],
            "note": data["note"],
        }


class BaseRuleFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Slet reglen")


#: Two empty rows for new rules; rows left empty are not rules (``formset`` skips them).
RuleFormSet = forms.formset_factory(RuleForm, formset=BaseRuleFormSet, extra=2, can_delete=True)


def rule_initial(rule: Any) -> dict[str, Any]:
    """A stored ``Rule`` as a form's initial data."""
    return {
        "job_family": rule.job_family_id,
        "kind": rule.kind,
        "first_year": rule.first_year,
        "last_year": rule.last_year,
        "rate_percent": rule.rate_percent,
        "driver": rule.driver_id,
        "ratio": rule.ratio,
        "note": rule.note,
    }


class DriverForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Navn"),
        max_length=NAME_MAX,
        widget=forms.TextInput(),
        error_messages={"required": gettext_lazy("Giv driveren et navn.")},
    )
    source = forms.CharField(
        label=gettext_lazy("Kilde"),
        help_text=gettext_lazy("Hvor tallene kommer fra, fx en befolkningsprognose med link."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    values = forms.CharField(
        label=gettext_lazy("Værdier pr. år"),
        help_text=gettext_lazy(
            "Ét år og én værdi pr. linje, fx »2025 1.234,5«. Brug komma før decimaler. År "
            "imellem beregnes lineært; før det første og efter det sidste år holdes værdien."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": gettext_lazy("Skriv mindst ét år med en værdi, fx »2025 1234,5«.")
        },
    )

    def clean_values(self) -> dict[int, float]:
        return parse_driver_values(self.cleaned_data["values"])


class CompareForm(forms.Form):
    a = forms.TypedChoiceField(
        label=gettext_lazy("Scenarie A"),
        coerce=int,
        widget=forms.Select(),
        error_messages={"required": gettext_lazy("Vælg scenarie A.")},
    )
    b = forms.TypedChoiceField(
        label=gettext_lazy("Scenarie B"),
        coerce=int,
        widget=forms.Select(),
        error_messages={"required": gettext_lazy("Vælg scenarie B.")},
    )
    to = forms.IntegerField(
        label=gettext_lazy("Til og med år"),
        required=False,
        max_value=LAST_YEAR,
        widget=with_width(forms.NumberInput(), "xs"),
    )

    def __init__(self, *args: Any, scenarios: list[Any], first_year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(s.pk, s.name) for s in scenarios]
        self.fields["a"].choices = choices  # type: ignore[attr-defined]
        self.fields["b"].choices = choices  # type: ignore[attr-defined]
        to = self.fields["to"]
        to.min_value = first_year  # type: ignore[attr-defined]
        to.validators.append(MinValueValidator(first_year))
        to.help_text = _("Fra %(a)s til %(b)s. Tom: %(default)s.") % {
            "a": first_year,
            "b": LAST_YEAR,
            "default": DEFAULT_TO_YEAR,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("a") is not None and data.get("a") == data.get("b"):
            self.add_error("b", _("Vælg to forskellige scenarier."))
        return data
