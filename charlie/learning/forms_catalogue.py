"""Forms of the course catalogue: they parse and check the fields; the services decide what may
be stored (``services.catalogue``, ``services.enrolments``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from charlie.learning.models import Course, CourseFormat, Session
from charlie.people.models import JobFamily


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Søg"), required=False, max_length=100)
    skill = forms.TypedChoiceField(
        label=_("Kompetence"), required=False, coerce=int, empty_value=None
    )
    job_family = forms.ModelChoiceField(
        label=_("Målgruppe"),
        queryset=JobFamily.objects.order_by("sort_order", "name"),
        required=False,
        empty_label=_("Alle"),
    )
    format = forms.ChoiceField(
        label=_("Form"), choices=[("", _("Alle")), *CourseFormat.choices], required=False
    )
    starts_from = forms.DateField(
        label=_("Starter fra"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    starts_to = forms.DateField(
        label=_("Starter til"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, skills: Sequence[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = [("", _("Alle")), *skills]  # type: ignore[attr-defined]


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "code",
            "title",
            "description",
            "format",
            "provider",
            "hours",
            "price",
            "job_families",
            "valid_months",
            "requires_approval",
            "activity_id",
            "active",
        ]
        widgets = {"job_families": forms.CheckboxSelectMultiple}
        help_texts = {
            "code": _("Fast nøgle for filer og xAPI, fx »foerstehjaelp«. Kan ikke ændres."),
            "valid_months": _("Tomt: gennemførelsen udløber ikke."),
            "requires_approval": _(
                "Uden godkendelse og med prisen 0 kr. tilmeldes medarbejderen med det samme."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True
        families = cast(forms.ModelMultipleChoiceField, self.fields["job_families"])
        families.queryset = JobFamily.objects.order_by("sort_order", "name")

    def validate_unique(self) -> None:
        """The service checks the code (with a Danish message)."""


class CourseSkillForm(forms.Form):
    skill = forms.CharField(
        label=_("Kompetence"),
        max_length=200,
        help_text=_("Kompetencens navn eller id, fx »Forflytning« eller »local:forflytning«."),
    )
    level = forms.IntegerField(label=_("Niveau"), min_value=1, max_value=10)


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["starts_at", "ends_at", "place", "seats", "registration_deadline", "organiser"]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "registration_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    organiser = forms.CharField(
        label=_("Arrangør (brugernavn)"),
        required=False,
        max_length=150,
        help_text=_("Arrangøren ser deltagerlisten og registrerer fremmøde."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seats"].widget.attrs["min"] = 1
        if self.instance.pk and self.instance.organiser is not None and not self.is_bound:
            self.initial["organiser"] = self.instance.organiser.get_username()
        for name in ("starts_at", "ends_at"):
            cast(forms.DateTimeField, self.fields[name]).input_formats = [
                "%Y-%m-%dT%H:%M",
                "%Y-%m-%d %H:%M",
            ]

    def clean_organiser(self) -> Any:
        name = (self.cleaned_data.get("organiser") or "").strip()
        if not name:
            return None
        user = get_user_model().objects.filter(username=name, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Der er ingen aktiv bruger med det brugernavn."))
        return user

    def clean_seats(self) -> int:
        seats = self.cleaned_data["seats"]
        if seats < 1:
            raise forms.ValidationError(_("Der skal være mindst én plads."))
        return int(seats)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Begrundelse"), max_length=300)
