"""Forms of the team pages: they parse input only; the rules (a known skill, a level on its
scale, hours, each skill once; the team's limits) are in ``services.team`` and skills."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.core.forms import with_width

#: Empty rows the needs form offers below the needs already entered.
SPARE_ROWS = 3
#: The fewest rows the needs form shows.
MIN_ROWS = 6


class NeedsForm(forms.Form):
    """The initiative's skill needs: a row per skill with the level and hours it needs. The
    rows already saved come first; a few empty rows follow for new skills."""

    def __init__(
        self,
        *args: Any,
        skills: Sequence[tuple[int, str]],
        current: Sequence[tuple[int, int, Any]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Vælg en kompetence")), *skills]
        self.rows = max(MIN_ROWS, len(current) + SPARE_ROWS)
        for i in range(1, self.rows + 1):
            initial = current[i - 1] if i <= len(current) else (None, None, None)
            self.fields[f"skill_{i}"] = forms.ChoiceField(
                label=_("Kompetence %(n)s") % {"n": i},
                choices=choices,
                required=False,
                initial=initial[0],
            )
            self.fields[f"level_{i}"] = forms.IntegerField(
                label=_("Niveau %(n)s") % {"n": i},
                min_value=1,
                max_value=8,
                required=False,
                initial=initial[1],
                widget=with_width(forms.NumberInput(), "xs"),
            )
            self.fields[f"hours_{i}"] = forms.DecimalField(
                label=_("Timer %(n)s") % {"n": i},
                min_value=1,
                max_value=10000,
                decimal_places=1,
                required=False,
                initial=initial[2],
                widget=with_width(forms.NumberInput(attrs={"step": "0.5"}), "s"),
            )

    def need_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (
                self.cleaned_data.get(f"skill_{i}"),
                self.cleaned_data.get(f"level_{i}"),
                self.cleaned_data.get(f"hours_{i}"),
            )
            for i in range(1, self.rows + 1)
        ]

    def need_fields(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"skill_{i}"], self[f"level_{i}"], self[f"hours_{i}"])
            for i in range(1, self.rows + 1)
        ]


class ProposeForm(forms.Form):
    """The limits of a proposal: hours each person can give, and the team's size."""

    timer_pr_person = forms.FloatField(
        label=_("Timer hver deltager kan give (tom: ubegrænset)"),
        min_value=1,
        max_value=2000,
        required=False,
        widget=with_width(forms.NumberInput(), "s"),
    )
    hoejst = forms.IntegerField(
        label=_("Højst antal personer på holdet"),
        min_value=1,
        max_value=50,
        initial=12,
        widget=with_width(forms.NumberInput(), "xs"),
    )
