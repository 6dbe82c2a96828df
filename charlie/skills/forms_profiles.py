"""Forms of the skill-profile pages: they parse input only; ``services.profiles`` checks the
rules (the level on the skill's scale, the dates, free text) and raises ``ValidationFailed``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.skills.models import AssessmentSource, OptInKind


class LevelForm(forms.Form):
    skill = forms.CharField(label=_("Kompetence"), max_length=255)
    level = forms.IntegerField(label=_("Niveau"), min_value=1, max_value=8)
    assessed_on = forms.DateField(label=_("Dato"))
    source = forms.ChoiceField(label=_("Kilde"), choices=AssessmentSource.choices)
    evidence = forms.CharField(label=_("Dokumentation"), required=False, max_length=300)
    expires_on = forms.DateField(label=_("Udløber"), required=False)


class OptInForm(forms.Form):
    kind = forms.ChoiceField(choices=OptInKind.choices)
    answer = forms.ChoiceField(choices=(("ja", "ja"), ("nej", "nej")))


class ImportForm(forms.Form):
    upload = forms.FileField(label=_("Fil (CSV eller Excel)"))
    dry_run = forms.BooleanField(label=_("Kontrollér kun filen, gem intet"), required=False)
