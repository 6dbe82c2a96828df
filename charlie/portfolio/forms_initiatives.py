"""The forms of the initiatives part: the list's filter, the project description, the stage
and the owner search (``services.initiatives`` checks the same again)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.core.forms import QuickSelect, with_width
from charlie.portfolio.models import Dpia, Stage, Tag
from charlie.portfolio.services import initiatives as svc


def _text(label: Any, help_text: Any = "", *, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=10_000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _set_choices(form: forms.Form, name: str, choices: list[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - narrows the type for mypy
    field.choices = choices


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class FilterForm(forms.Form):
    """The initiative list's filter (GET); a value that is not a choice is ignored."""

    q = forms.CharField(label=_("Titel eller nummer"), required=False, max_length=100)
    stage = forms.ChoiceField(label=_("Fase"), required=False, widget=QuickSelect())
    beacon = forms.ChoiceField(label=_("Pejlemærke"), required=False, widget=QuickSelect())
    forvaltning = forms.ChoiceField(label=_("Forvaltning"), required=False, widget=QuickSelect())
    tag = forms.ChoiceField(label=_("Mærke"), required=False, widget=QuickSelect())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("Alle"))]
        _set_choices(self, "stage", [*every, *Stage.choices])
        _set_choices(self, "beacon", [*every, *svc.beacon_choices()])
        _set_choices(self, "forvaltning", [*every, *svc.forvaltning_choices()])
        _set_choices(self, "tag", [*every, *Tag.choices])

    def filter(self) -> svc.InitiativeFilter:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return svc.InitiativeFilter(
            q=data.get("q", "").strip(),
            stage=data.get("stage", ""),
            beacon=_int_or_none(data.get("beacon")),
            forvaltning=_int_or_none(data.get("forvaltning")),
            tag=data.get("tag", ""),
        )


class InitiativeForm(forms.Form):
    """The structured project description."""

    title = forms.CharField(label=_("Titel"), max_length=200)
    forvaltning = forms.ChoiceField(
        label=_("Forvaltning"),
        required=False,
        help_text=_("Den forvaltning, der har initiativet."),
    )
    purpose = _text(_("Formål"), _("Hvad skal initiativet opnå, og hvorfor nu?"))
    problem = _text(_("Problem"), _("Hvad er svært, langsomt eller går galt i dag?"))
    target_group = _text(_("Målgruppe"), _("Hvem får gavn af det: medarbejdere, borgere?"))
    scope = _text(_("Afgrænsning"), _("Hvad er med, og hvad er ikke med?"))
    solution = _text(_("Løsning"), _("Hvordan løses problemet, og med hvilken teknologi?"))
    organisation = _text(_("Organisering"), _("Styregruppe, projektleder, deltagere."))
    timeline = _text(_("Tidsplan"), _("Faser og milepæle med datoer."))
    risks = _text(_("Risici"), _("Hvad kan gå galt, og hvad gør I ved det?"))
    dependencies_text = _text(
        _("Afhængigheder"),
        _("Andet, initiativet afhænger af: systemer, aftaler, andre projekter."),
    )
    depends_on = forms.CharField(
        label=_("Forudsætter initiativ nr."),
        required=False,
        max_length=500,
        widget=with_width(forms.TextInput(), "m"),
        help_text=_(
            "Numrene på de initiativer i porteføljen, der skal gennemføres først, adskilt af "
            "komma, fx 3, 12."
        ),
    )
    beacon_ids = forms.MultipleChoiceField(
        label=_("Pejlemærker, initiativet bidrager til"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = forms.MultipleChoiceField(
        label=_("Mærker"),
        required=False,
        choices=Tag.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    it_systems = forms.CharField(
        label=_("It-systemer"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ét system pr. linje, fx KMD Nexus eller SD Løn."),
    )
    dpia = forms.ChoiceField(
        label=_("Konsekvensanalyse (DPIA)"),
        choices=Dpia.choices,
        initial=Dpia.UNKNOWN,
        widget=forms.RadioSelect,
        help_text=_(
            "En konsekvensanalyse er nødvendig, når behandlingen af personoplysninger "
            "sandsynligvis indebærer en høj risiko for de registrerede (GDPR art. 35)."
        ),
    )
    dpia_note = _text(
        _("Begrundelse for vurderingen"),
        _("Skriv, hvorfor en konsekvensanalyse er eller ikke er nødvendig."),
        rows=3,
    )
    must_do = forms.BooleanField(
        label=_("Skal gennemføres (fx et lovkrav)"),
        required=False,
        help_text=_("Prioriteringen vælger altid et initiativ, der skal gennemføres."),
    )
    must_do_reason = forms.CharField(
        label=_("Hvorfor det skal gennemføres"),
        required=False,
        max_length=300,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "forvaltning", [("", _("Ingen valgt")), *svc.forvaltning_choices()])
        _set_choices(self, "beacon_ids", svc.beacon_choices())

    def clean_depends_on(self) -> list[int]:
        text = self.cleaned_data.get("depends_on", "")
        parts = [p for p in re.split(r"[\s,;]+", text) if p]
        bad = [p for p in parts if not p.isdigit()]
        if bad:
            raise forms.ValidationError(
                _("Skriv initiativernes numre adskilt af komma (ikke »%(value)s«).")
                % {"value": bad[0][:20]}
            )
        return sorted({int(p) for p in parts})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("must_do") and not (data.get("must_do_reason") or "").strip():
            self.add_error("must_do_reason", _("Skriv, hvorfor initiativet skal gennemføres."))
        if data.get("dpia") not in (None, "", Dpia.UNKNOWN) and not data.get("dpia_note"):
            self.add_error("dpia_note", _("Skriv, hvorfor en konsekvensanalyse er vurderet sådan."))
        return data

    def data_for_service(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {name: data[name] for name in svc.DESCRIPTION_FIELDS}
        fields.update(
            title=data["title"],
            forvaltning_id=_int_or_none(data["forvaltning"]),
            depends_on=data["depends_on"],
            beacon_ids=[int(pk) for pk in data["beacon_ids"]],
            tags=data["tags"],
            it_systems=data["it_systems"],
            dpia=data["dpia"],
            dpia_note=data["dpia_note"],
            must_do=data["must_do"],
            must_do_reason=data["must_do_reason"],
        )
        return fields

    @staticmethod
    def initial_from(initiative: Any) -> dict[str, Any]:
        initial = {name: getattr(initiative, name) for name in svc.DESCRIPTION_FIELDS}
        initial.update(
            title=initiative.title,
            forvaltning=initiative.forvaltning_id or "",
            depends_on=", ".join(
                str(n)
                for n in initiative.depends_on.order_by("number").values_list("number", flat=True)
            ),
            beacon_ids=[str(pk) for pk in initiative.beacons.values_list("pk", flat=True)],
            tags=list(initiative.tags),
            it_systems="\n".join(initiative.it_systems),
            dpia=initiative.dpia,
            dpia_note=initiative.dpia_note,
            must_do=initiative.must_do,
            must_do_reason=initiative.must_do_reason,
        )
        return initial


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Ny fase"), choices=Stage.choices)
    note = forms.CharField(
        label=_("Note (valgfri)"),
        required=False,
        max_length=300,
        help_text=_("Fx hvor og hvornår det blev besluttet."),
    )


class OwnerSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Navn eller medarbejdernummer"),
        max_length=100,
        help_text=_("Mindst tre bogstaver af navnet, eller hele medarbejdernummeret."),
    )
