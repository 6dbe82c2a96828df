"""Who may open each URL of recruitment, and which of its URLs must write the audit log.

Collected by ``charlie.core.testing.cases`` for ``tests/test_permissions.py`` (every URL needs a
case) and ``charlie/privacy/tests/test_every_personal_data_url.py``. The test organisation
(``org``) and the users (``users``, one per role) are the people core's fixtures. Each part of
the app adds its block below.
"""

from __future__ import annotations

from charlie.core.testing.cases import Case, Visit

PERMISSION_CASES: list[Case] = []

PERSONAL_DATA_VISITS: list[Visit] = []

#: The URLs that show personal data: each has a visit above.
PERSONAL_DATA_URL_NAMES: set[str] = set()

# --- part applying ---

from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402

#: The private links the cases use (their hashes are stored, as for real ones).
APPLICANT_TOKEN = "charlie_" + "a" * 43
PROFILE_TOKEN = "charlie_" + "t" * 43
#: Everyone, signed in or not, gets the same answer on a public page.
PUBLIC = expect(200)


def _ad(slug: str = "case-sosu", **kw: object) -> object:
    from datetime import timedelta

    from django.utils import timezone

    from charlie.recruitment.models import AdStatus, JobAd
    from charlie.recruitment.tests.factories import JobAdFactory

    defaults: dict[str, object] = {
        "status": AdStatus.PUBLISHED,
        "published_at": timezone.now(),
        "deadline": timezone.localdate() + timedelta(days=30),
    }
    return JobAd.objects.filter(slug=slug).first() or JobAdFactory(slug=slug, **{**defaults, **kw})


def _applicant(org: object) -> object:
    """An application to the open ad "case-sosu", reached by ``APPLICANT_TOKEN``, with a CV."""
    from charlie.core.tokens import hash_token
    from charlie.recruitment.models import Application, ApplicationFile
    from charlie.recruitment.tests.factories import ApplicationFactory, pdf_bytes

    found = Application.objects.filter(token_hash=hash_token(APPLICANT_TOKEN)).first()
    if found is not None:
        return found
    application = ApplicationFactory(ad=_ad(), token_hash=hash_token(APPLICANT_TOKEN))
    data = pdf_bytes()
    ApplicationFile.objects.create(
        application=application,
        kind="cv",
        name="cv.pdf",
        content_type="application/pdf",
        size=len(data),
        data=data,
    )
    return application


def _applicant_file(org: object) -> dict[str, object]:
    return {"key": _applicant(org).files.get().key}  # type: ignore[attr-defined]


def _committee_file(org: object, *, anonymous: bool) -> dict[str, object]:
    """A file of an applicant still "received", in a round whose committee has the manager;
    screening anonymous or not."""
    from charlie.core.models import User
    from charlie.recruitment.models import ApplicationFile, CommitteeMember
    from charlie.recruitment.tests.factories import ApplicationFactory, pdf_bytes

    slug = "case-udvalg-anonym" if anonymous else "case-udvalg-aaben"
    ad = _ad(slug, anonymised_screening=anonymous)
    row = ApplicationFile.objects.filter(application__ad=ad).first()
    if row is None:
        data = pdf_bytes()
        row = ApplicationFile.objects.create(
            application=ApplicationFactory(ad=ad),
            kind="cv",
            name="cv.pdf",
            content_type="application/pdf",
            size=len(data),
            data=data,
        )
    manager = User.objects.filter(username="test-manager").first()
    if manager is not None:
        CommitteeMember.objects.get_or_create(ad=ad, user=manager)
    return {"key": row.key}


def _profile(org: object) -> object:
    from charlie.core.tokens import hash_token
    from charlie.recruitment.models import TalentProfile
    from charlie.recruitment.tests.factories import TalentProfileFactory

    return TalentProfile.objects.filter(
        token_hash=hash_token(PROFILE_TOKEN)
    ).first() or TalentProfileFactory(token_hash=hash_token(PROFILE_TOKEN))


def _rejected(org: object) -> object:
    """A rejected applicant, for the invitations to the talent pool."""
    from charlie.recruitment.models import Application, Stage
    from charlie.recruitment.tests.factories import ApplicationFactory

    return Application.objects.filter(
        stage=Stage.REJECTED, ad__slug="case-sosu"
    ).first() or ApplicationFactory(ad=_ad(), stage=Stage.REJECTED)


def _making(make: object) -> object:
    """URL kwargs for a page without any: the page needs ``make(org)`` to have run."""

    def kwargs(org: object) -> dict[str, object]:
        make(org)  # type: ignore[operator]
        return {}

    return kwargs


PERMISSION_CASES += [
    # Public: the form of an open ad; a draft or an ad past its deadline is 404 for everyone.
    Case("careers:apply", PUBLIC, kwargs=lambda org: {"slug": _ad().slug}),  # type: ignore[attr-defined]
    Case(
        "careers:apply",
        expect(404),
        kwargs=lambda org: {"slug": _ad("case-kladde", status="draft").slug},  # type: ignore[attr-defined]
        label="a draft ad",
    ),
    # The applicant's own pages by private link: the same for everyone who has the link.
    Case(
        "careers:my_application",
        PUBLIC,
        kwargs=lambda org: {"token": APPLICANT_TOKEN} if _applicant(org) else {},
    ),
    Case(
        "careers:my_application",
        expect(404),
        kwargs=lambda org: {"token": "charlie_" + "x" * 43},
        label="a wrong link",
    ),
    Case(
        "careers:withdraw",
        PUBLIC,
        kwargs=lambda org: {"token": APPLICANT_TOKEN} if _applicant(org) else {},
    ),
    Case(
        "careers:delete",
        PUBLIC,
        kwargs=lambda org: {"token": APPLICANT_TOKEN} if _applicant(org) else {},
    ),
    Case("careers:talent_signup", PUBLIC),
    Case(
        "careers:talent_profile",
        PUBLIC,
        kwargs=lambda org: {"token": PROFILE_TOKEN} if _profile(org) else {},
    ),
    Case(
        "careers:talent_profile",
        expect(404),
        kwargs=lambda org: {"token": "charlie_" + "y" * 43},
        label="a wrong link",
    ),
    Case(
        "careers:talent_renew",
        expect(302),
        method="post",
        kwargs=lambda org: {"token": PROFILE_TOKEN} if _profile(org) else {},
    ),
    Case(
        "careers:talent_withdraw",
        PUBLIC,
        kwargs=lambda org: {"token": PROFILE_TOKEN} if _profile(org) else {},
    ),
    # An applicant's file: HR; the round's committee once anonymity allows; nobody else (404).
    Case(
        "recruitment:application_file",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=_applicant_file,
    ),
    Case(
        "recruitment:application_file",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200, manager=200),
        kwargs=lambda org: _committee_file(org, anonymous=False),
        label="the manager is on the committee, screening not anonymous",
    ),
    Case(
        "recruitment:application_file",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200, manager=403),
        kwargs=lambda org: _committee_file(org, anonymous=True),
        label="the manager is on the committee, anonymous screening, not shortlisted",
    ),
    # The talent pool and the invitations: HR.
    Case(
        "recruitment:talent_pool",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=_making(_profile),  # type: ignore[arg-type]
    ),
    Case(
        "recruitment:talent_invitable",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=_making(_rejected),  # type: ignore[arg-type]
    ),
    Case(
        "recruitment:talent_invite",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        kwargs=lambda org: {"application_id": _rejected(org).pk},  # type: ignore[attr-defined]
    ),
]


def _account(prefix: str, make: object) -> object:
    return lambda org, users: {f"{prefix}:{make(org).pk}"}  # type: ignore[operator]


PERSONAL_DATA_VISITS += [
    Visit(
        "recruitment:application_file",
        "hr",
        lambda org, users: set(),
        "rekruttering",
        "rekruttering",
        kwargs=_applicant_file,
        accounts=_account("ansøgning", _applicant),  # type: ignore[arg-type]
    ),
    Visit(
        "recruitment:talent_pool",
        "hr",
        lambda org, users: set(),
        "rekruttering",
        "rekruttering",
        kwargs=_making(_profile),  # type: ignore[arg-type]
        accounts=_account("talentprofil", _profile),  # type: ignore[arg-type]
    ),
    Visit(
        "recruitment:talent_invitable",
        "hr",
        lambda org, users: set(),
        "rekruttering",
        "rekruttering",
        kwargs=_making(_rejected),  # type: ignore[arg-type]
        accounts=_account("ansøgning", _rejected),  # type: ignore[arg-type]
    ),
]

PERSONAL_DATA_URL_NAMES |= {
    "recruitment:application_file",
    "recruitment:talent_pool",
    "recruitment:talent_invitable",
}
