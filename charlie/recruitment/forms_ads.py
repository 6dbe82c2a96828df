"""Forms of the job-ad pages: they parse and check the fields; ``services.ads`` decides what may
be stored."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from charlie.people.models import JobFamily, OrgUnit
from charlie.recruitment.models import JobAd

LANGUAGE_CHOICES = [("da", _("Dansk")), ("en", _("Engelsk"))]


class AdForm(forms.ModelForm):
    """The ad editor. The editor's ``<form>`` sends itself to the language check as one types
    or changes a field (htmx), so the report follows the text and the facts alike."""

    lang = forms.ChoiceField(label=_("Sprog"), choices=LANGUAGE_CHOICES, initial="da")
    requisition = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = JobAd
        fields = [
            "title",
            "lang",
            "summary",
            "body",
            "unit",
            "job_family",
            "employment_type",
            "weekly_hours",
            "place",
            "street_address",
            "postal_code",
            "city",
            "salary_text",
            "salary_min",
            "salary_max",
            "start_text",
            "deadline",
            "contact_name",
            "contact_phone",
            "contact_email",
            "anonymised_screening",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 18}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"unit": _("Enhed"), "job_family": _("Stillingskategori")}
        help_texts = {
            "body": _(
                "Sprogtjekket kører, mens du skriver, og viser fund under feltet. Det retter "
                "aldrig teksten: du beslutter."
            ),
            "salary_text": _("Fx »Løn efter overenskomst mellem KL og FOA«."),
            "anonymised_screening": _(
                "Navn, alder, køn, adresse og foto skjules for udvalget, indtil ansøgeren er "
                "udvalgt til samtale."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = cast(forms.ModelChoiceField, self.fields["unit"])
        unit.queryset = OrgUnit.objects.order_by("path")
        family = cast(forms.ModelChoiceField, self.fields["job_family"])
        family.queryset = JobFamily.objects.order_by("sort_order", "name")


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Nyt kriterium"), max_length=200)


class UserChoiceField(forms.ModelChoiceField):
    """A user account by full name (or user name)."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class CommitteeForm(forms.Form):
    user = UserChoiceField(
        label=_("Medlem"), queryset=get_user_model().objects.none(), empty_label=_("Vælg bruger")
    )
    chair = forms.BooleanField(label=_("Forperson for udvalget"), required=False)

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UserChoiceField, self.fields["user"]).queryset = users
