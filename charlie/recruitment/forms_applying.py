"""Forms of the applying part: the application, the talent pool's sign-up and profile, and HR's
filter of the pool. The services check everything again; the forms give the applicant the
messages beside the fields, and read at most one byte more of a file than the limit."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from charlie.core.errors import ValidationFailed
from charlie.core.forms import QuickSelect, with_width
from charlie.recruitment.models import Gender
from charlie.recruitment.services import applying, talent

#: What the file inputs offer in the file picker (the content is checked on the server).
ACCEPT = ",".join(
    [
        ".pdf",
        ".docx",
        ".odt",
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text",
    ]
)


def _read(upload: UploadedFile) -> bytes:
    upload.seek(0)
    return upload.read(applying.max_file_bytes() + 1)


def _file_field(label: Any, *, required: bool, help_text: Any) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": _("Vælg en fil.")},
    )


class ApplicationForm(forms.Form):
    name = forms.CharField(
        label=_("Navn"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Her sender vi kvitteringen og linket til din ansøgning."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=30,
        widget=with_width(forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}), "m"),
    )
    address = forms.CharField(
        label=_("Adresse (valgfri)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    motivation = forms.CharField(
        label=_("Kort motivation"),
        required=False,
        max_length=applying.MOTIVATION_MAX,
        help_text=_(
            "Hvorfor søger du stillingen? Højst 3000 tegn. Skriv den her, eller vedlæg en "
            "ansøgning som fil nedenfor."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    cv = _file_field(
        _("CV"),
        required=True,
        help_text=_("PDF, Word (DOCX) eller OpenDocument (ODT), højst %(mb)s MB."),
    )
    letter = _file_field(
        _("Ansøgning som fil (valgfri)"),
        required=False,
        help_text=_("PDF, Word (DOCX) eller OpenDocument (ODT), højst %(mb)s MB."),
    )
    birth_year = forms.IntegerField(
        label=_("Fødselsår (valgfrit)"),
        required=False,
        min_value=1900,
        max_value=2100,
        widget=with_width(
            forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year"}), "xs"
        ),
        error_messages={
            key: _("Skriv fødselsåret med fire cifre, fx 1985.")
            for key in ("invalid", "min_value", "max_value")
        },
    )
    gender = forms.ChoiceField(
        label=_("Køn (valgfrit)"),
        required=False,
        choices=[(Gender.UNSAID, Gender.UNSAID.label)]
        + [(g.value, g.label) for g in Gender if g != Gender.UNSAID],
        widget=forms.RadioSelect,
    )
    accepted_terms = forms.BooleanField(
        label=_("Jeg har læst, hvordan kommunen behandler mine oplysninger"),
        error_messages={"required": _("Sæt kryds for at bekræfte, at du har læst teksten.")},
    )
    join_pool = forms.BooleanField(
        label=_("Ja tak, kom mig i talentbanken"),
        required=False,
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
        mb = f"{applying.max_file_bytes() / (1024 * 1024):.0f}"
        for name in ("cv", "letter"):
            self.fields[name].help_text = str(self.fields[name].help_text) % {"mb": mb}
        months = talent.consent_months()
        self.fields["join_pool"].help_text = _(
            "Frivilligt. Når du har bekræftet fra linket i kvitteringen, må vi kontakte dig om "
            "andre job inden for samme område og sende dig jobagent, i %(months)d måneder ad "
            "gangen. Du kan altid trække samtykket tilbage."
        ) % {"months": months}
        for name in ("name", "email", "phone"):
            self.fields[name].error_messages["required"] = _("Udfyld feltet.")

    def _clean_file(self, name: str, label: Any) -> tuple[str, bytes] | None:
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        data = _read(upload)
        try:
            applying.check_upload(upload.name or "", data, label=str(label))
        except ValidationFailed as exc:
            raise forms.ValidationError(exc.messages) from exc
        return (upload.name or "", data)

    def clean_cv(self) -> tuple[str, bytes] | None:
        return self._clean_file("cv", _("CV'et"))

    def clean_letter(self) -> tuple[str, bytes] | None:
        return self._clean_file("letter", _("Ansøgningen"))

    def submission(self) -> applying.Submission:
        data = self.cleaned_data
        return applying.Submission(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            address=data["address"],
            birth_year=data["birth_year"],
            gender=data["gender"] or "",
            motivation=data["motivation"],
            submission_key=data["submission_key"],
            accepted_terms=data["accepted_terms"],
            join_pool=data["join_pool"],
        )


class ProfileForm(forms.Form):
    """The talent pool profile: the sign-up (with the consent tick) and the profile page."""

    name = forms.CharField(
        label=_("Navn"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Her sender vi jobagenten og linket til din profil."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    job_families = forms.TypedMultipleChoiceField(
        label=_("Stillingskategorier"),
        coerce=int,
        required=False,
        help_text=_("Vælg ingen for at høre om alle slags job."),
        widget=forms.CheckboxSelectMultiple,
    )
    areas = forms.TypedMultipleChoiceField(
        label=_("Områder"),
        coerce=int,
        required=False,
        help_text=_("Vælg ingen for at høre om job i hele kommunen."),
        widget=forms.CheckboxSelectMultiple,
    )
    alerts = forms.BooleanField(
        label=_("Send mig nye job, der passer (jobagent)"), required=False, initial=True
    )
    contact = forms.BooleanField(
        label=_("HR må kontakte mig om fremtidige job"), required=False, initial=True
    )
    accepted_terms = forms.BooleanField(
        label=_("Jeg giver samtykke til, at kommunen gemmer min profil som beskrevet ovenfor"),
        error_messages={"required": _("Sæt kryds for at give dit samtykke.")},
    )

    def __init__(self, *args: Any, signup: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["job_families"].choices = talent.family_choices()  # type: ignore[attr-defined]
        self.fields["areas"].choices = talent.area_choices()  # type: ignore[attr-defined]
        if not signup:
            del self.fields["accepted_terms"]
            # The address is what its owner confirmed (double opt-in): another one would be
            # in the pool unconfirmed. A new address means signing up again.
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _(
                "Den adresse, du har bekræftet. Vil du bruge en anden, så meld dig ud nederst "
                "på siden og skriv dig op igen med den nye; den skal også bekræftes."
            )
        for name in ("name", "email"):
            self.fields[name].error_messages["required"] = _("Udfyld feltet.")

    def profile_data(self) -> talent.ProfileData:
        data = self.cleaned_data
        return talent.ProfileData(
            name=data["name"],
            email=data["email"],
            job_family_ids=list(data["job_families"]),
            area_ids=list(data["areas"]),
            alerts=data["alerts"],
            contact=data["contact"],
            accepted_terms=data.get("accepted_terms", True),
        )


class PoolFilterForm(forms.Form):
    job_family = forms.TypedChoiceField(
        label=_("Stillingskategori"), coerce=int, required=False, widget=QuickSelect
    )
    area = forms.TypedChoiceField(label=_("Område"), coerce=int, required=False, widget=QuickSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("Alle"))]
        self.fields["job_family"].choices = everything + talent.family_choices()  # type: ignore[attr-defined]
        self.fields["area"].choices = everything + talent.area_choices()  # type: ignore[attr-defined]
