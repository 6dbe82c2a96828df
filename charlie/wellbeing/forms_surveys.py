"""Forms of surveys and pulse series: they parse the fields; the services decide what may be
stored (``services.surveys``). The answering page has no form class: its questions come from
the questionnaire, and ``services.answering`` reads and checks what was sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.core.forms import DateInput, with_width
from charlie.wellbeing.models import QuestionnaireKind
from charlie.wellbeing.services import surveys as svc


def _required(form: forms.Form, *names: str) -> None:
    for name in names:
        form.fields[name].error_messages["required"] = _("Udfyld feltet.")


class SurveyForm(forms.Form):
    name = forms.CharField(
        label=_("Navn"), max_length=200, help_text=_("Fx »Trivselsmåling 2027«.")
    )
    kind = forms.ChoiceField(label=_("Type"), choices=QuestionnaireKind.choices)
    version = forms.TypedChoiceField(label=_("Spørgeskema"), coerce=int)
    units = forms.TypedMultipleChoiceField(
        label=_("Enheder"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Hver enhed med alle sine underenheder. Alle, der er ansat i enhederne den dag, "
            "målingen sendes ud, inviteres."
        ),
    )
    bands = forms.MultipleChoiceField(
        label=_("Baggrundsoplysninger"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Gemmes med svarene i stedet for navnet, så resultaterne kan deles op. Vælg kun "
            "dem, I vil bruge: før målingen sendes ud, tjekker Charlie, at ingen gruppe bliver "
            "for lille."
        ),
    )
    min_group = forms.IntegerField(
        label=_("Mindste gruppe (svar)"),
        min_value=3,
        max_value=100,
        widget=with_width(forms.NumberInput(), "xs"),
        help_text=_("Ingen tal vises for en gruppe med færre svar. Standard fra indstillingerne."),
    )
    min_sensitive = forms.IntegerField(
        label=_("Mindste gruppe for krænkende adfærd (svar)"),
        min_value=3,
        max_value=500,
        widget=with_width(forms.NumberInput(), "xs"),
        help_text=_("For spørgsmål om mobning, chikane, vold og trusler. Standard 20."),
    )
    opens_on = forms.DateField(label=_("Åbner"), widget=DateInput())
    closes_on = forms.DateField(
        label=_("Sidste svardag"),
        widget=DateInput(),
        help_text=_("Målingen lukker, når dagen er gået."),
    )
    previous = forms.TypedChoiceField(
        label=_("Sammenlign med"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Den tidligere måling, resultaterne sammenlignes med."),
    )
    intro = forms.CharField(
        label=_("Indledning"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Vises øverst på svarsiden."),
    )
    max_reminders = forms.IntegerField(
        label=_("Højst antal påmindelser"),
        min_value=0,
        max_value=svc.MAX_REMINDERS,
        widget=with_width(forms.NumberInput(), "xs"),
        help_text=_("Til dem, der ikke har svaret. 0: ingen påmindelser."),
    )
    remind_every_days = forms.IntegerField(
        label=_("Dage mellem påmindelser"),
        min_value=1,
        max_value=60,
        widget=with_width(forms.NumberInput(), "xs"),
        help_text=_("Dage efter invitationen eller den seneste påmindelse."),
    )

    def __init__(self, *args: Any, access: Any, exclude: int | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [  # type: ignore[attr-defined]
            ("", _("Vælg spørgeskema")),
            *svc.version_choices(),
        ]
        self.fields["units"].choices = svc.unit_choices(access)  # type: ignore[attr-defined]
        self.fields["bands"].choices = svc.band_choices()  # type: ignore[attr-defined]
        self.fields["previous"].choices = [  # type: ignore[attr-defined]
            ("", _("Ingen")),
            *svc.previous_choices(exclude),
        ]
        _required(self, "name", "version", "units", "opens_on", "closes_on")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("Sidste svardag skal ligge på eller efter åbningsdagen."))
        return data

    def data_for_service(self) -> svc.SurveyData:
        d = self.cleaned_data
        return svc.SurveyData(
            name=d["name"],
            kind=d["kind"],
            version_id=d["version"],
            unit_ids=list(d["units"]),
            bands=list(d["bands"]),
            min_group=d["min_group"],
            min_sensitive=d["min_sensitive"],
            opens_on=d["opens_on"],
            closes_on=d["closes_on"],
            previous_id=d["previous"],
            intro=d["intro"],
            max_reminders=d["max_reminders"],
            remind_every_days=d["remind_every_days"],
        )


class LaunchForm(forms.Form):
    drop_small_bands = forms.BooleanField(
        label=_(
            "Udelad baggrundsoplysningerne i de viste grupper, så ingen gruppe bliver for lille"
        ),
        required=False,
    )


class SeriesForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200, help_text=_("Fx »Månedspuls«."))
    version = forms.TypedChoiceField(label=_("Spørgeskema"), coerce=int)
    units = forms.TypedMultipleChoiceField(
        label=_("Enheder"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Hver enhed med alle sine underenheder."),
    )
    every_months = forms.IntegerField(
        label=_("Hver N. måned"),
        min_value=1,
        max_value=12,
        initial=1,
        widget=with_width(forms.NumberInput(), "xs"),
    )
    open_days = forms.IntegerField(
        label=_("Åben i dage"),
        min_value=1,
        max_value=60,
        initial=7,
        widget=with_width(forms.NumberInput(), "xs"),
    )
    next_on = forms.DateField(
        label=_("Første måling"),
        widget=DateInput(),
        help_text=_("Målingen sendes ud om morgenen den dag."),
    )

    def __init__(self, *args: Any, access: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [  # type: ignore[attr-defined]
            ("", _("Vælg spørgeskema")),
            *svc.version_choices(),
        ]
        self.fields["units"].choices = svc.unit_choices(access)  # type: ignore[attr-defined]
        _required(self, "name", "version", "units", "next_on")

    def data_for_service(self) -> svc.SeriesData:
        d = self.cleaned_data
        return svc.SeriesData(
            name=d["name"],
            version_id=d["version"],
            unit_ids=list(d["units"]),
            every_months=d["every_months"],
            open_days=d["open_days"],
            next_on=d["next_on"],
        )


@dataclass(frozen=True)
class Choice:
    """One checkbox of a hand-written DKFDS checkbox group (``_checkboxes.html``)."""

    input_id: str
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class ChoiceGroup:
    label: str
    choices: list[Choice]

    @property
    def open(self) -> bool:
        return any(c.checked for c in self.choices)


def checkbox_groups(
    field: forms.BoundField, groups: list[tuple[str, list[tuple[Any, str]]]]
) -> list[ChoiceGroup]:
    """A multiple choice field's checkboxes in groups (the first input's id is the field's
    ``id_for_label``, where the error summary links)."""
    chosen = {str(v) for v in (field.value() or [])}
    out = []
    first = True
    for label, options in groups:
        choices = []
        for value, text in options:
            input_id = f"{field.auto_id}_0" if first else f"{field.auto_id}_v{value}"
            first = False
            choices.append(Choice(input_id, str(value), text, str(value) in chosen))
        out.append(ChoiceGroup(label, choices))
    return out


def unit_groups(form: forms.Form, access: Any) -> list[ChoiceGroup]:
    return checkbox_groups(form["units"], [(g.label, g.units) for g in svc.unit_groups(access)])


def band_groups(form: forms.Form) -> list[ChoiceGroup]:
    return checkbox_groups(form["bands"], [("", list(svc.band_choices()))])
