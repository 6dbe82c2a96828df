"""The forms of onboarding: a new plan and its changes, a template and its tasks, finding the
employee, and the new colleague's check-in (its questions are
``services.onboarding.CHECK_IN_QUESTIONS``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.core.forms import DateInput, with_width
from charlie.people.models import JobFamily
from charlie.recruitment.models import Owner, Phase
from charlie.recruitment.services import onboarding


class PlanEditForm(forms.Form):
    """What can be changed on a plan that has started (``services.onboarding.edit_plan``); a
    new plan's form (``PlanForm``) has these fields and more."""

    start_on = forms.DateField(
        label=_("Første arbejdsdag"),
        widget=DateInput(),
        help_text=_(
            "Flyttes dagen, flyttes fristerne for alle åbne opgaver med, og fristerne for "
            "ansættelsesbeviset regnes igen fra den nye dag. Udførte opgaver beholder deres "
            "dato."
        ),
    )
    manager = forms.TypedChoiceField(
        label=_("Leder"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Tom: enhedens leder."),
    )
    mentor_name = forms.CharField(label=_("Mentor"), max_length=200, required=False)
    welcome = forms.CharField(
        label=_("Velkomst og praktisk information om første dag"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Vises på velkomstsiden: mødested, tidspunkt, hvad man skal have med."),
    )

    def __init__(self, *args: Any, managers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["manager"].choices = [  # type: ignore[attr-defined]
            ("", _("Enhedens leder")),
            *managers,
        ]


class PlanForm(PlanEditForm):
    """A new plan: who, where, and the fields a started plan can change."""

    name = forms.CharField(label=_("Navn"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("Linket til velkomstsiden sendes hertil.")
    )
    title = forms.CharField(label=_("Stilling"), max_length=200)
    unit = forms.TypedChoiceField(label=_("Enhed"), coerce=int)
    job_family = forms.ModelChoiceField(
        label=_("Stillingskategori"),
        queryset=JobFamily.objects.order_by("name"),
        help_text=_("Opgaverne kommer fra stillingskategoriens skabelon."),
    )
    employee_number = forms.CharField(
        label=_("Medarbejdernummer"),
        max_length=20,
        required=False,
        widget=with_width(forms.TextInput(), "s"),
        help_text=_("Når lønsystemet har oprettet medarbejderen, knyttes forløbet til hende."),
    )
    application_id = forms.IntegerField(required=False, widget=forms.HiddenInput())

    field_order = (
        "name",
        "email",
        "title",
        "unit",
        "job_family",
        "start_on",
        "manager",
        "mentor_name",
        "employee_number",
        "welcome",
    )

    def __init__(
        self,
        *args: Any,
        units: list[tuple[int, str]],
        managers: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, managers=managers, **kwargs)
        self.fields["unit"].choices = [("", _("Vælg enhed")), *units]  # type: ignore[attr-defined]
        self.fields["start_on"].help_text = ""  # nothing to move yet


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=120)
    job_family = forms.ModelChoiceField(
        label=_("Stillingskategori"),
        queryset=JobFamily.objects.order_by("name"),
        required=False,
        empty_label=_("Alle andre (standardskabelon)"),
    )


class TemplateTaskForm(forms.Form):
    title = forms.CharField(label=_("Opgave"), max_length=200)
    phase = forms.ChoiceField(label=_("Fase"), choices=Phase.choices)
    offset_days = forms.IntegerField(
        label=_("Dage fra første arbejdsdag"),
        required=False,
        min_value=-365,
        max_value=365,
        widget=with_width(forms.NumberInput(), "xs"),
        help_text=_(
            "Negativ før første dag; 0 er første dag. Tom: fasens standard (−7, 0, 4, 30 eller 90)."
        ),
    )
    owner = forms.ChoiceField(label=_("Ansvarlig"), choices=Owner.choices)
    course_code = forms.ChoiceField(
        label=_("Obligatorisk kursus"),
        required=False,
        help_text=_("Et kursus fra kursuskataloget, som den nye medarbejder skal tage."),
    )

    def __init__(self, *args: Any, courses: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course_code"].choices = [  # type: ignore[attr-defined]
            ("", _("Intet kursus")),
            *courses,
        ]


class FindPersonForm(forms.Form):
    employee_number = forms.CharField(
        label=_("Medarbejdernummer"),
        max_length=20,
        widget=with_width(forms.TextInput(), "s"),
    )


class CheckInForm(forms.Form):
    """The short check-in, built from ``CHECK_IN_QUESTIONS``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for q in onboarding.CHECK_IN_QUESTIONS:
            if q.kind == "text":
                self.fields[q.key] = forms.CharField(
                    label=q.text,
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )
            else:
                self.fields[q.key] = forms.ChoiceField(
                    label=q.text,
                    choices=q.choices,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Vælg et svar.")},
                )
