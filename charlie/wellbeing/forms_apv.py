"""The forms of the APV and of action plans (``views_apv``); the services check everything
again (scope, the owner, the survey, the dates)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.core.forms import DateInput, ManyOptionsSelect, QuickSelect, with_width
from charlie.wellbeing.models import ActionStatus, WalkthroughItem, WalkthroughStatus
from charlie.wellbeing.services import actions as action_services
from charlie.wellbeing.services import apv as apv_services

PARTICIPANTS_HELP = _(
    "Arbejdsmiljøorganisationen eller de ansatte skal deltage i hele APV'en: skriv navne og "
    "roller, fx arbejdsmiljørepræsentant."
)


class UnitForm(forms.Form):
    """The first question of a new APV or action: which unit (``?enhed=``)."""

    enhed = forms.IntegerField(label=_("Enhed"), min_value=1, widget=ManyOptionsSelect)

    def __init__(self, *args: Any, units_html: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enhed"].widget = ManyOptionsSelect(units_html, _("Vælg enhed"))


def _survey_field(required: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=_("Måling"),
        coerce=int,
        required=required,
        empty_value=None,
        help_text=_("En trivsels- eller APV-måling, der er sendt ud i enheden (valgfri)."),
    )


class StartForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    walkthrough = forms.BooleanField(
        label=_("Brug runderingens tjekliste (fysisk og psykisk arbejdsmiljø)"),
        required=False,
        initial=True,
        help_text=_("Punkterne kan rettes, fjernes og suppleres bagefter."),
    )
    survey = _survey_field()
    participants = forms.CharField(
        label=_("Deltagere"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=PARTICIPANTS_HELP,
    )

    def __init__(self, *args: Any, surveys: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["survey"].choices = [("", _("Ingen måling")), *surveys]  # type: ignore[attr-defined]


def item_field(item: WalkthroughItem, kind: str) -> str:
    return f"item-{item.pk}-{kind}"


class MappingForm(forms.Form):
    """Step 1: title, participants, survey, the assessment of the sickness absence, and each
    walkthrough point's status and note (fields ``item-<id>-status`` and ``item-<id>-note``)."""

    title = forms.CharField(label=_("Titel"), max_length=200)
    participants = forms.CharField(
        label=_("Deltagere"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=PARTICIPANTS_HELP,
    )
    survey = _survey_field()
    absence_note = forms.CharField(
        label=_("Vurdering af sygefraværet"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Kan forhold i arbejdsmiljøet medvirke til sygefraværet? Skriv ikke om enkelte "
            "personer eller deres helbred."
        ),
    )

    def __init__(
        self,
        *args: Any,
        surveys: list[tuple[int, str]],
        items: list[WalkthroughItem],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["survey"].choices = [("", _("Ingen måling")), *surveys]  # type: ignore[attr-defined]
        self.items = items
        for item in items:
            self.fields[item_field(item, "status")] = forms.ChoiceField(
                label=_("Vurdering: %(point)s") % {"point": item.text},
                required=False,
                choices=[("", _("Ikke vurderet")), *WalkthroughStatus.choices],
                widget=QuickSelect,
                initial=item.status,
            )
            self.fields[item_field(item, "note")] = forms.CharField(
                label=_("Bemærkning: %(point)s") % {"point": item.text},
                required=False,
                max_length=2000,
                initial=item.note,
            )

    def item_rows(self) -> list[tuple[WalkthroughItem, Any, Any]]:
        return [(i, self[item_field(i, "status")], self[item_field(i, "note")]) for i in self.items]

    def item_values(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            i.pk: (data.get(item_field(i, "status")) or "", data.get(item_field(i, "note")) or "")
            for i in self.items
        }


class ItemForm(forms.Form):
    area = forms.CharField(
        label=_("Område"), max_length=100, widget=with_width(forms.TextInput(), "m")
    )
    text = forms.CharField(label=_("Punkt"), max_length=300)


class AssessmentForm(forms.Form):
    assessment = forms.CharField(
        label=_("Beskrivelse og vurdering"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Hvilke arbejdsmiljøproblemer har kortlægningen vist, hvor alvorlige er de, og hvad "
            "er årsagerne?"
        ),
    )


class ProblemForm(forms.Form):
    title = forms.CharField(label=_("Problem"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivelse og vurdering"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    source = forms.CharField(
        label=_("Kilde"),
        required=False,
        max_length=200,
        help_text=_("Hvor problemet er fundet, fx runderingen eller et spørgsmål i målingen."),
    )
    priority = forms.TypedChoiceField(
        label=_("Prioritet"),
        coerce=int,
        choices=apv_services.PRIORITIES,
        initial=2,
        help_text=_("1 løses først."),
    )


class FollowUpForm(forms.Form):
    guidelines = forms.CharField(
        label=_("Retningslinjer for opfølgning"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Hvem har ansvaret for, at handlingsplanen bliver gennemført, og hvornår og hvordan "
            "følger I op på, om handlingerne virker?"
        ),
    )


class NextDueForm(forms.Form):
    due_on = forms.DateField(label=_("Næste APV senest"), widget=DateInput())
    reason = forms.CharField(
        label=_("Grund"),
        required=False,
        max_length=300,
        help_text=_("Hvilke ændringer i arbejdet gør, at APV'en skal laves før (fx flytning)."),
    )


class ActionForm(forms.Form):
    problem = forms.CharField(
        label=_("Problem"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    action = forms.CharField(
        label=_("Handling"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvad gør I, så problemet bliver løst?"),
    )
    owner = forms.TypedChoiceField(label=_("Ansvarlig"), coerce=int, empty_value=None)
    deadline = forms.DateField(label=_("Frist"), widget=DateInput())
    status = forms.ChoiceField(
        label=_("Status"), choices=ActionStatus.choices, initial=ActionStatus.PLANNED
    )
    follow_up = forms.CharField(
        label=_("Opfølgning"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvordan det går, og om handlingen har virket."),
    )
    source = forms.CharField(
        label=_("Udgangspunkt"),
        required=False,
        max_length=300,
        help_text=_("Fx resultatet i målingen eller problemet i APV'en, handlingen kommer fra."),
    )
    survey = forms.IntegerField(required=False, widget=forms.HiddenInput())
    apv_problem = forms.IntegerField(required=False, widget=forms.HiddenInput())

    def __init__(self, *args: Any, owners: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", _("Vælg ansvarlig")), *owners]  # type: ignore[attr-defined]


class OwnerForm(forms.Form):
    """What the owner of an action changes: its status and the follow-up."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    follow_up = forms.CharField(
        label=_("Opfølgning"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvordan det går, og om handlingen har virket."),
    )


class ActionFilterForm(forms.Form):
    enhed = forms.IntegerField(
        label=_("Enhed (med underenheder)"), required=False, min_value=1, widget=ManyOptionsSelect
    )
    status = forms.ChoiceField(label=_("Status"), required=False, widget=QuickSelect)

    def __init__(self, *args: Any, units_html: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enhed"].widget = ManyOptionsSelect(units_html, _("Alle"))
        self.fields["status"].choices = action_services.status_filter_choices()  # type: ignore[attr-defined]


class DueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Vis"), required=False, widget=QuickSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = apv_services.due_filter_choices()  # type: ignore[attr-defined]
