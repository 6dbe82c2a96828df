"""Forms of the results pages: they parse input; ``services.comments`` checks and keeps it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from charlie.wellbeing.services.comments import MAX_TEXT


class CommentDecisionForm(forms.Form):
    """HR's decision on one comment: approve it as written, approve it with the identifying
    details edited out, or hide it."""

    decision = forms.ChoiceField(
        label=_("Afgørelse"),
        widget=forms.RadioSelect,
        choices=[
            ("approve", _("Godkend, som den er skrevet")),
            ("edit", _("Godkend med rettelser (skriv teksten, som den skal vises)")),
            ("hide", _("Skjul kommentaren")),
        ],
        error_messages={"required": _("Vælg, om kommentaren skal godkendes eller skjules.")},
    )
    text = forms.CharField(
        label=_("Kommentaren, som den skal vises"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Kun ved »godkend med rettelser«: fjern navne, helbredsoplysninger og alt, hvad der "
            "kan afsløre, hvem der skrev, eller hvem det handler om."
        ),
    )
