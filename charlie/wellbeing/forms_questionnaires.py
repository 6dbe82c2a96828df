"""The forms of the questionnaires part: a questionnaire, a version's note, a dimension, a
question, the import, and ``AnswerForm``, a version as respondents fill it in (the preview
renders it; the answering page may too). The services check everything; a form only reads the
request."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from charlie.core.forms import with_width
from charlie.wellbeing import bank
from charlie.wellbeing.models import QuestionKind, QuestionnaireKind
from charlie.wellbeing.services import questionnaires as svc


class QuestionnaireForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    name_en = forms.CharField(label=_("Navn på engelsk"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=QuestionnaireKind.choices)
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Til HR: hvad spørgeskemaet bruges til, og hvor spørgsmålene kommer fra."),
    )


class NewQuestionnaireForm(QuestionnaireForm):
    code = forms.CharField(
        label=_("Kode"),
        max_length=60,
        required=False,
        widget=with_width(forms.TextInput(), "m"),
        help_text=_(
            "Små bogstaver a–z, tal og bindestreg, fx »trivsel-skoler«. Tom: laves af navnet. "
            "Koden kan ikke ændres bagefter."
        ),
    )

    field_order = ("name", "name_en", "code", "kind", "description")


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Ændringer i versionen"),
        max_length=300,
        required=False,
        help_text=_("Kort: hvad er ændret i forhold til den forrige version."),
    )


class DimensionForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    name_en = forms.CharField(label=_("Navn på engelsk"), max_length=200, required=False)
    code = forms.CharField(
        label=_("Kode"),
        max_length=60,
        required=False,
        widget=with_width(forms.TextInput(), "m"),
        help_text=_(
            "Små bogstaver a–z, tal og bindestreg. Tom: laves af navnet. Behold koden, hvis "
            "resultaterne skal sammenlignes med tidligere målinger."
        ),
    )
    sensitive = forms.BooleanField(
        label=_("Krænkende adfærd"),
        required=False,
        help_text=_(
            "Mobning, chikane, vold og trusler: resultaterne vises kun for grupper, der når den "
            "højere grænse (normalt 20 svar). Alle dimensionens spørgsmål bliver omfattet."
        ),
    )


def _scale_label(name: str) -> str:
    options = bank.SCALES[name]
    return f"{name}: {options[0].label} … {options[-1].label}"


class QuestionForm(forms.Form):
    """Every field of a question; those that do not belong to the chosen kind are ignored by
    the service (the form shows them all, so it works without JavaScript)."""

    dimension = forms.TypedChoiceField(
        label=_("Dimension"), coerce=int, required=False, empty_value=None
    )
    text = forms.CharField(
        label=_("Spørgsmål på dansk"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    text_en = forms.CharField(
        label=_("Spørgsmål på engelsk"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    help_text = forms.CharField(
        label=_("Hjælpetekst på dansk"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Vises under spørgsmålet, fx en forklaring af et begreb."),
    )
    help_text_en = forms.CharField(
        label=_("Hjælpetekst på engelsk"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    kind = forms.ChoiceField(
        label=_("Svartype"),
        choices=QuestionKind.choices,
        help_text=_(
            "Et fritekstspørgsmål viser altid advarslen om ikke at skrive navne eller "
            "helbredsoplysninger."
        ),
    )
    scale = forms.ChoiceField(
        label=_("Skala"),
        required=False,
        help_text=_(
            "Kun for skala og valgspørgsmål. Vælg en af Charlies skalaer, eller skriv egne."
        ),
    )
    options = forms.CharField(
        label=_("Egne svarmuligheder på dansk"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Én pr. linje. De får tallene 1, 2, 3 …; skriv »0 = Nej« for at vælge tallet selv. "
            "En skala har præcis 5, fra den laveste til den højeste."
        ),
    )
    options_en = forms.CharField(
        label=_("Egne svarmuligheder på engelsk"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Én pr. linje, i samme rækkefølge som de danske."),
    )
    reverse = forms.BooleanField(
        label=_("Omvendt skala"),
        required=False,
        help_text=_("Kun for skala: 5 er det dårligste svar, fx »Hvor ofte har du for lidt tid?«."),
    )
    minimum = forms.IntegerField(
        label=_("Mindste tal"),
        required=False,
        widget=with_width(forms.NumberInput(), "xs"),
        help_text=_("Kun for tal."),
    )
    maximum = forms.IntegerField(
        label=_("Største tal"),
        required=False,
        widget=with_width(forms.NumberInput(), "xs"),
        help_text=_("Kun for tal."),
    )
    required = forms.BooleanField(label=_("Skal besvares"), required=False)
    sensitive = forms.BooleanField(
        label=_("Krænkende adfærd"),
        required=False,
        help_text=_(
            "Vises kun for grupper, der når den højere grænse (normalt 20 svar). Altid sat i "
            "en dimension om krænkende adfærd."
        ),
    )
    code = forms.CharField(
        label=_("Kode"),
        max_length=60,
        required=False,
        widget=with_width(forms.TextInput(), "m"),
        help_text=_(
            "Små bogstaver a–z, tal og bindestreg. Tom: laves automatisk. Behold koden, hvis "
            "svarene skal sammenlignes med tidligere målinger."
        ),
    )

    def __init__(self, *args: Any, dimensions: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = [  # type: ignore[attr-defined]
            ("", _("Ingen dimension")),
            *dimensions,
        ]
        self.fields["scale"].choices = [  # type: ignore[attr-defined]
            ("", _("Egne svarmuligheder (skrives nedenfor)")),
            *((name, _scale_label(name)) for name in bank.SCALES),
        ]

    def question_input(self) -> svc.QuestionInput:
        data = self.cleaned_data
        return svc.QuestionInput(
            text=data["text"],
            kind=data["kind"],
            code=data["code"],
            dimension_id=data["dimension"],
            text_en=data["text_en"],
            help_text=data["help_text"],
            help_text_en=data["help_text_en"],
            scale=data["scale"],
            options=data["options"],
            options_en=data["options_en"],
            reverse=data["reverse"],
            minimum=data["minimum"],
            maximum=data["maximum"],
            required=data["required"],
            sensitive=data["sensitive"],
        )


def question_initial(question: Any) -> dict[str, Any]:
    """A stored question as the form's initial values (its options by scale name, or as
    lines)."""
    options = tuple(
        bank.Option(int(o["value"]), o.get("label", ""), o.get("label_en", ""))
        for o in question.options or []
    )
    scale = bank.scale_of(options)
    danish, english = ("", "") if scale else bank.option_lines(options)
    return {
        "dimension": question.dimension_id,
        "text": question.text,
        "text_en": question.text_en,
        "help_text": question.help_text,
        "help_text_en": question.help_text_en,
        "kind": question.kind,
        "scale": scale,
        "options": danish,
        "options_en": english,
        "reverse": question.reverse,
        "minimum": question.minimum,
        "maximum": question.maximum,
        "required": question.required,
        "sensitive": question.sensitive,
        "code": question.code,
    }


class ImportForm(forms.Form):
    upload = forms.FileField(
        label=_("Fil (JSON, CSV eller Excel)"),
        help_text=_("Højst 2 MB. Formaterne er beskrevet nedenfor."),
    )
    code = forms.CharField(
        label=_("Kode"),
        max_length=60,
        required=False,
        widget=with_width(forms.TextInput(), "m"),
        help_text=_("Små bogstaver a–z, tal og bindestreg, fx »apv-skoler«."),
    )
    name = forms.CharField(label=_("Navn"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Navn på engelsk"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    dry_run = forms.BooleanField(label=_("Kontrollér kun filen, gem intet"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            ("", _("Vælg type")),
            *QuestionnaireKind.choices,
        ]

    def meta(self) -> bank.Meta:
        data = self.cleaned_data
        return bank.Meta(
            code=data["code"],
            name=data["name"],
            name_en=data["name_en"],
            kind=data["kind"],
            description=data["description"],
        )


# --- As respondents see it -----------------------------------------------------------------------


class AnswerForm(forms.Form):
    """A version's questions as respondents fill them in, in the reader's language
    (``language``: "da" or "en"; a missing English text falls back to the Danish). One field
    per question, named ``q<id>``: a scale or a single choice is a group of radio buttons, a
    multiple choice a group of checkboxes, a number a number field within its bounds, free
    text a text area with ``svc.FREE_TEXT_WARNING`` as its hint. ``layout``: the sections
    with their heading (the dimension's name) and bound fields."""

    def __init__(
        self, *args: Any, sections: Sequence[svc.Section], language: str = "da", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        with translation.override(language):
            self._build(sections, language == "en")

    def _build(self, sections: Sequence[svc.Section], english: bool) -> None:

        def pick(danish: str, other: str) -> str:
            return other if english and other else danish

        headings: list[tuple[str, list[str]]] = []
        for section in sections:
            names = []
            for q in section.questions:
                name = f"q{q.pk}"
                label = pick(q.text, q.text_en)
                hint = pick(q.help_text, q.help_text_en)
                choices = [
                    (str(o["value"]), pick(o.get("label", ""), o.get("label_en", "")))
                    for o in q.options or []
                ]
                field: forms.Field
                if q.kind in (QuestionKind.LIKERT, QuestionKind.SINGLE):
                    field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect)
                elif q.kind == QuestionKind.MULTIPLE:
                    field = forms.MultipleChoiceField(
                        choices=choices, widget=forms.CheckboxSelectMultiple
                    )
                elif q.kind == QuestionKind.NUMBER:
                    field = forms.IntegerField(
                        min_value=q.minimum,
                        max_value=q.maximum,
                        widget=with_width(forms.NumberInput(), "xs"),
                    )
                    if q.minimum is not None and q.maximum is not None:
                        bounds = _("Et tal fra %(min)s til %(max)s.") % {
                            "min": q.minimum,
                            "max": q.maximum,
                        }
                        hint = f"{hint} {bounds}".strip()
                else:
                    field = forms.CharField(
                        max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
                    )
                    hint = f"{hint} {svc.FREE_TEXT_WARNING!s}".strip()
                field.label, field.help_text, field.required = label, hint, q.required
                self.fields[name] = field
                names.append(name)
            if section.dimension is not None:
                heading = pick(section.dimension.name, section.dimension.name_en)
            else:
                heading = str(_("Andet")) if headings else ""
            headings.append((heading, names))
        self.layout = [(heading, [self[name] for name in names]) for heading, names in headings]
