"""factory-boy factories for recruitment (the root conftest registers this module for pytest)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import factory
from django.utils import timezone

from charlie.core import tokens
from charlie.people.models import JobFamily, OrgUnit, OrgUnitKind
from charlie.recruitment.models import (
    AdStatus,
    Application,
    EmploymentType,
    JobAd,
    OnboardingPlan,
    Requisition,
    RequisitionReason,
    Story,
    StoryTheme,
    TalentProfile,
)


def _unit() -> OrgUnit:
    return OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT).first()  # type: ignore[return-value]


def _sosu() -> JobFamily:
    return JobFamily.objects.get(code="sosu")


class RequisitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requisition

    unit = factory.LazyFunction(_unit)
    job_family = factory.LazyFunction(_sosu)
    title = "Social- og sundhedsassistent"
    weekly_hours = Decimal("32.00")
    start_on = dt.date(2027, 3, 1)
    reason = RequisitionReason.SHORTAGE


class JobAdFactory(factory.django.DjangoModelFactory):
    """A draft ad; ``status="published"`` and a ``deadline`` ahead make it public."""

    class Meta:
        model = JobAd

    slug = factory.Sequence(lambda n: f"sosu-assistent-{n}")
    title = "Social- og sundhedsassistent til Plejecenter Nord"
    body = "Vi søger en social- og sundhedsassistent til vores dejlige plejecenter."
    unit = factory.LazyFunction(_unit)
    job_family = factory.LazyFunction(_sosu)
    employment_type = EmploymentType.PART_TIME
    weekly_hours = Decimal("32.00")
    place = "Plejecenter Nord"
    postal_code = "7620"
    city = "Lemvig"
    salary_text = "Løn efter overenskomst mellem KL og FOA"
    deadline = dt.date(2027, 1, 15)
    contact_name = "Pia Leder"
    contact_email = "pia@kommune.example"


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    ad = factory.SubFactory(JobAdFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Iterator(["Sara Holm", "Ali Khan", "Bente Dahl", "Jonas Bak"])
    email = factory.Sequence(lambda n: f"ansoeger{n}@example.org")
    token_hash = factory.LazyFunction(lambda: tokens.generate_token().key_hash)
    consent_version = "2026-12"


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    slug = factory.Sequence(lambda n: f"historie-{n}")
    title = "Fleksibelt arbejdsliv med små børn"
    theme = StoryTheme.FLEXIBLE
    summary = "Sådan får vi hverdagen til at hænge sammen."
    body = "Vi har fleksible mødetider."
    published = True


class OnboardingPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OnboardingPlan

    name = "Sara Holm"
    email = "sara@example.org"
    title = "Social- og sundhedsassistent"
    unit = factory.LazyFunction(_unit)
    job_family = factory.LazyFunction(_sosu)
    start_on = dt.date(2027, 3, 1)
    token_hash = factory.LazyFunction(lambda: tokens.generate_token().key_hash)


# --- part onboarding ---


class OnboardingTemplateFactory(factory.django.DjangoModelFactory):
    """A template for social- og sundhedsassistenter (``job_family=None``: the default)."""

    class Meta:
        model = "recruitment.OnboardingTemplate"

    name = "SOSU-assistent"
    job_family = factory.LazyFunction(_sosu)


class TemplateTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "recruitment.TemplateTask"

    template = factory.SubFactory(OnboardingTemplateFactory)
    title = "IT-adgang og brugernavn"
    phase = "before"
    offset_days = -7
    owner = "it"


class OnboardingTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "recruitment.OnboardingTask"

    plan = factory.SubFactory(OnboardingPlanFactory)
    title = "Nøgler og adgangskort"
    phase = "day_1"
    owner = "manager"
    due_on = dt.date(2027, 3, 1)


# --- part pipeline ---

from charlie.recruitment.models import (  # noqa: E402
    CommitteeMember,
    Criterion,
    LetterKind,
    LetterTemplate,
)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    ad = factory.SubFactory(JobAdFactory)
    name = factory.Iterator(["Faglighed", "Samarbejde", "Motivation"])
    order = factory.Sequence(lambda n: n)


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    """``user`` must be given (a user of the ``users`` fixture)."""

    class Meta:
        model = CommitteeMember

    ad = factory.SubFactory(JobAdFactory)
    chair = False


class LetterTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LetterTemplate

    kind = LetterKind.INTERVIEW
    name = "Indkaldelse til samtale"
    subject = "Samtale om stillingen som {stilling}"
    body = (
        "Kære {navn}\n\nTak for din ansøgning. Vi vil gerne invitere dig til samtale "
        "{dato} kl. {tid} på {sted}.\n\nVenlig hilsen\n{kommune}"
    )


# --- part applying ---------------------------------------------------------------------------


class TalentProfileFactory(factory.django.DjangoModelFactory):
    """A confirmed talent-pool profile whose consent holds for three more months
    (``confirmed_at=None, consent_until=None``: a sign-up waiting for confirmation)."""

    class Meta:
        model = TalentProfile

    name = "Mads Holm"
    email = factory.Sequence(lambda n: f"talent{n}@example.org")
    contact = True
    alerts = True
    token_hash = factory.LazyFunction(lambda: tokens.generate_token().key_hash)
    consent_version = "2026-12"
    consent_until = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=90))
    confirmed_at = factory.LazyFunction(timezone.now)


def open_ad(**kwargs: object) -> JobAd:
    """A published ad whose deadline is 30 days ahead (it takes applications)."""
    defaults: dict[str, object] = {
        "status": AdStatus.PUBLISHED,
        "published_at": timezone.now() - dt.timedelta(days=1),
        "deadline": timezone.localdate() + dt.timedelta(days=30),
    }
    return JobAdFactory(**{**defaults, **kwargs})


def pdf_bytes(text: str = "CV") -> bytes:
    """A small, real PDF (one page, one line of text)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _zip(entries: list[tuple[str, bytes]], *, store_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries):
            kind = zipfile.ZIP_STORED if store_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=kind)
    return buffer.getvalue()


def docx_bytes(text: str = "Ansøgning") -> bytes:
    """A minimal, real Word document (the parts Word needs to open it)."""
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    return _zip(
        [
            (
                "[Content_Types].xml",
                (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Default Extension="rels" ContentType="application/'
                    'vnd.openxmlformats-package.relationships+xml"/>'
                    '<Default Extension="xml" ContentType="application/xml"/>'
                    f'<Override PartName="/word/document.xml" ContentType="{main}"/>'
                    "</Types>"
                ).encode(),
            ),
            (
                "_rels/.rels",
                (
                    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
                    b'.org/officeDocument/2006/relationships/officeDocument" '
                    b'Target="word/document.xml"/></Relationships>'
                ),
            ),
            (
                "word/document.xml",
                (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                    f'2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body>'
                    "</w:document>"
                ).encode(),
            ),
        ]
    )


def odt_bytes(
    text: str = "Ansøgning", mimetype: str = "application/vnd.oasis.opendocument.text"
) -> bytes:
    """A minimal, real OpenDocument text (``mimetype`` first and stored, then the content)."""
    return _zip(
        [
            ("mimetype", mimetype.encode()),
            (
                "content.xml",
                (
                    '<?xml version="1.0" encoding="UTF-8"?>'
                    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
                    'xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
                    ' office:version="1.2"><office:body><office:text>'
                    f"<text:p>{text}</text:p></office:text></office:body>"
                    "</office:document-content>"
                ).encode(),
            ),
            (
                "META-INF/manifest.xml",
                (
                    '<?xml version="1.0" encoding="UTF-8"?>'
                    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                    'manifest:1.0" manifest:version="1.2"><manifest:file-entry '
                    f'manifest:full-path="/" manifest:media-type="{mimetype}"/>'
                    '<manifest:file-entry manifest:full-path="content.xml" '
                    'manifest:media-type="text/xml"/></manifest:manifest>'
                ).encode(),
            ),
        ],
        store_first=True,
    )
