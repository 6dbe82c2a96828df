"""The tables of recruitment and onboarding (issue 15): a manager's requisition, the job ad with
its inclusive-language report, the public careers site's employer-branding stories, applications
with their files and their way through the pipeline (committee, anonymised screening, scores,
notes, interviews, letters, external tests), the talent pool with its consents, and the
onboarding plan that starts on hire.

Applicants are not employees: they have no ``people.Person`` until the payroll import brings
them, and then the onboarding plan joins on the employee number. An applicant reaches their own
application, a talent-pool member their profile and a new colleague their pre-boarding page by a
private link: only the SHA-256 of its token is stored (``core.tokens``). Files are kept in the
database, served only through a view that checks the caller (never a guessable URL). No CPR
numbers; free text goes through ``core.text.check_text``."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from charlie.people.models import JobFamily, OrgUnit, Person

# --- Requisition --------------------------------------------------------------------------------


class RequisitionReason(models.TextChoices):
    REPLACEMENT = "replacement", _("Genbesættelse")
    GROWTH = "growth", _("Ny stilling (vækst)")
    SHORTAGE = "shortage", _("Mangel vist i strategisk personaleplan")


class RequisitionStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    SUBMITTED = "submitted", _("Sendt til HR")
    APPROVED = "approved", _("Godkendt")
    REJECTED = "rejected", _("Afvist")


class Requisition(models.Model):
    """A manager's request to fill a position, decided by HR. A shortage links to the workforce
    plan by job family and year (``shortage_year``, ``shortage_gap``: the plan's figure when the
    request was made, kept as it was)."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    job_family = models.ForeignKey(JobFamily, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("stillingsbetegnelse"), max_length=200)
    weekly_hours = models.DecimalField(_("timer om ugen"), max_digits=4, decimal_places=2)
    positions = models.PositiveSmallIntegerField(_("antal stillinger"), default=1)
    start_on = models.DateField(_("ønsket tiltrædelse"))
    temporary_until = models.DateField(_("tidsbegrænset til"), null=True, blank=True)
    reason = models.CharField(_("begrundelse"), max_length=12, choices=RequisitionReason.choices)
    reason_text = models.TextField(_("uddybning"), blank=True)
    shortage_year = models.PositiveSmallIntegerField(
        _("år i personaleplanen"), null=True, blank=True
    )
    shortage_gap = models.DecimalField(
        _("mangel i personaleplanen (årsværk)"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RequisitionStatus.choices,
        default=RequisitionStatus.DRAFT,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    decision_note = models.TextField(_("HR's bemærkning"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("stillingsønske")
        verbose_name_plural = _("stillingsønsker")
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.title


# --- Job ad -------------------------------------------------------------------------------------


class AdStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    PUBLISHED = "published", _("Slået op")
    CLOSED = "closed", _("Lukket")


class EmploymentType(models.TextChoices):
    """schema.org ``employmentType`` values."""

    FULL_TIME = "FULL_TIME", _("Fuldtid")
    PART_TIME = "PART_TIME", _("Deltid")
    TEMPORARY = "TEMPORARY", _("Tidsbegrænset")
    INTERN = "INTERN", _("Praktik / elev")


class JobAd(models.Model):
    """A job ad. Public once published, until the end of ``deadline`` (Copenhagen time): the
    careers site filters on it, so a closed ad disappears by itself. ``report`` is the
    inclusive-language check's report as it stood when the ad was published (kept with it)."""

    requisition = models.ForeignKey(
        Requisition, on_delete=models.SET_NULL, null=True, blank=True, related_name="ads"
    )
    slug = models.SlugField(_("adresse"), max_length=80, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    lang = models.CharField(_("sprog"), max_length=2, default="da")
    summary = models.CharField(_("kort beskrivelse"), max_length=300, blank=True)
    body = models.TextField(_("annoncetekst"))
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    job_family = models.ForeignKey(JobFamily, on_delete=models.PROTECT, related_name="+")
    employment_type = models.CharField(
        _("ansættelsesform"), max_length=10, choices=EmploymentType.choices
    )
    weekly_hours = models.DecimalField(_("timer om ugen"), max_digits=4, decimal_places=2)
    place = models.CharField(_("arbejdssted"), max_length=200)
    street_address = models.CharField(_("adresse"), max_length=200, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=4, blank=True)
    city = models.CharField(_("by"), max_length=100, blank=True)
    salary_text = models.CharField(_("løn og overenskomst"), max_length=300, blank=True)
    salary_min = models.DecimalField(
        _("løn fra (kr. om måneden)"), max_digits=9, decimal_places=0, null=True, blank=True
    )
    salary_max = models.DecimalField(
        _("løn til (kr. om måneden)"), max_digits=9, decimal_places=0, null=True, blank=True
    )
    start_text = models.CharField(_("tiltrædelse"), max_length=100, blank=True)
    deadline = models.DateField(_("ansøgningsfrist"))
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    anonymised_screening = models.BooleanField(_("anonym første screening"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AdStatus.choices, default=AdStatus.DRAFT
    )
    published_at = models.DateTimeField(_("slået op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("lukket"), null=True, blank=True)
    report = models.JSONField(_("sprogtjek ved opslag"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("jobopslag")
        verbose_name_plural = _("jobopslag")
        ordering = ("deadline", "pk")
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    """One criterion the committee scores applicants on (1–5)."""

    ad = models.ForeignKey(JobAd, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("kriterium"), max_length=200)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ("order", "pk")
        constraints = [
            models.UniqueConstraint(fields=["ad", "name"], name="recruitment_criterion_unique")
        ]

    def __str__(self) -> str:
        return self.name


class CommitteeMember(models.Model):
    """A member of the round's ansættelsesudvalg: sees only this round's applicants."""

    ad = models.ForeignKey(JobAd, on_delete=models.CASCADE, related_name="committee")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    chair = models.BooleanField(_("formand for udvalget"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ad", "user"], name="recruitment_committee_unique")
        ]

    def __str__(self) -> str:
        return f"{self.ad_id}: {self.user_id}"


class StoryTheme(models.TextChoices):
    FLEXIBLE = "flexible", _("Fleksibelt arbejdsliv")
    GREEN = "green", _("Grøn transport")
    DEVELOPMENT = "development", _("Udvikling og karriere")
    WORKPLACE = "workplace", _("Arbejdspladsen")


class Story(models.Model):
    """An employer-branding story on the careers site ("livet som ansat i kommunen")."""

    slug = models.SlugField(_("adresse"), max_length=80, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    theme = models.CharField(_("tema"), max_length=12, choices=StoryTheme.choices)
    summary = models.CharField(_("kort beskrivelse"), max_length=300)
    body = models.TextField(_("tekst"))
    published = models.BooleanField(_("offentliggjort"), default=False)
    published_at = models.DateTimeField(_("offentliggjort"), null=True, blank=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("historie")
        verbose_name_plural = _("historier")
        ordering = ("-published_at", "-pk")

    def __str__(self) -> str:
        return self.title


# --- Applications -------------------------------------------------------------------------------


class Stage(models.TextChoices):
    """The pipeline, in order (``rules.STAGES``)."""

    RECEIVED = "received", _("Modtaget")
    SHORTLISTED = "shortlisted", _("Udvalgt til samtale")
    INTERVIEW_1 = "interview_1", _("Samtale 1")
    INTERVIEW_2 = "interview_2", _("Samtale 2")
    TEST = "test", _("Test")
    REFERENCE = "reference", _("Reference")
    OFFER = "offer", _("Tilbud")
    HIRED = "hired", _("Ansat")
    REJECTED = "rejected", _("Afslag")
    WITHDRAWN = "withdrawn", _("Trukket tilbage")


class Gender(models.TextChoices):
    """Self-declared, optional; used only in the fairness figures (never per person)."""

    WOMAN = "woman", _("Kvinde")
    MAN = "man", _("Mand")
    OTHER = "other", _("Andet")
    UNSAID = "", _("Ønsker ikke at oplyse")


class Application(models.Model):
    """One application. ``code`` ("A-7") is what the committee sees while screening is
    anonymous; name, age, gender, address and photo stay hidden until the applicant is
    shortlisted (``rules.visible_fields``). ``birth_year`` and ``gender`` are optional and
    self-declared. The applicant's own page is reached by a private link (``token_hash``)."""

    ad = models.ForeignKey(JobAd, on_delete=models.PROTECT, related_name="applications")
    number = models.PositiveIntegerField(_("løbenummer"))
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("fødselsår"), null=True, blank=True)
    gender = models.CharField(_("køn"), max_length=5, choices=Gender.choices, blank=True)
    motivation = models.TextField(_("kort motivation"), blank=True)
    stage = models.CharField(
        _("trin"), max_length=12, choices=Stage.choices, default=Stage.RECEIVED
    )
    token_hash = models.CharField(max_length=64, unique=True)
    consent_version = models.CharField(_("samtykketekst (version)"), max_length=20)
    pool_invited_at = models.DateTimeField(_("inviteret til talentbank"), null=True, blank=True)
    employee_number = models.CharField(_("medarbejdernummer"), max_length=20, blank=True)
    submitted_at = models.DateTimeField(_("modtaget"), auto_now_add=True)
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("trukket tilbage"), null=True, blank=True)
    # Part "applying": the random key the application form carries, so that the same form
    # sent twice (a double click, a reload) makes one application (unique; None for
    # applications not made through the form).
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("ansøgning")
        verbose_name_plural = _("ansøgninger")
        ordering = ("ad", "number")
        constraints = [
            models.UniqueConstraint(fields=["ad", "number"], name="recruitment_application_number")
        ]
        indexes = [models.Index(fields=["ad", "stage"])]

    def __str__(self) -> str:
        return f"A-{self.number}"

    @property
    def code(self) -> str:
        return f"A-{self.number}"


class FileKind(models.TextChoices):
    CV = "cv", _("CV")
    APPLICATION = "application", _("Ansøgning")
    OTHER = "other", _("Andet bilag")


class ApplicationFile(models.Model):
    """A file sent with an application (PDF, DOCX or ODT; the type is checked by content). Kept
    in the database and served only through a view that checks the caller; ``key`` is random."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("type"), max_length=12, choices=FileKind.choices)
    name = models.CharField(_("filnavn"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("størrelse (bytes)"))
    data = models.BinaryField()
    created_at = models.DateTimeField(_("modtaget"), auto_now_add=True)

    class Meta:
        ordering = ("application", "kind", "pk")

    def __str__(self) -> str:
        return self.name


class StageChange(models.Model):
    """Each move through the pipeline (the fairness figures count who reached each stage)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="moves")
    stage = models.CharField(_("trin"), max_length=12, choices=Stage.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        ordering = ("application", "at", "pk")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.stage}"


class Score(models.Model):
    """One committee member's score (1–5) of one applicant on one criterion."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("point"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "member"], name="recruitment_score_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="recruitment_score_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}/{self.criterion_id}: {self.score}"


class Note(models.Model):
    """A committee member's note on an applicant (seen by the committee and HR)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.created_at:%Y-%m-%d}"


class Interview(models.Model):
    """A booked interview; ``uid`` keeps the iCal event stable when it is moved."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interviews"
    )
    round = models.PositiveSmallIntegerField(_("samtalerunde"), default=1)
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    location = models.CharField(_("sted"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("starts_at", "pk")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.starts_at:%Y-%m-%d %H:%M}"


class LetterKind(models.TextChoices):
    INTERVIEW = "interview", _("Indkaldelse til samtale")
    REJECTION = "rejection", _("Afslag")
    OFFER = "offer", _("Tilbud om ansættelse")


class LetterTemplate(models.Model):
    """An editable letter; ``{navn}``, ``{stilling}``, ``{dato}`` … are filled in
    (``rules.fill_letter``)."""

    kind = models.CharField(_("type"), max_length=10, choices=LetterKind.choices)
    name = models.CharField(_("navn"), max_length=120)
    subject = models.CharField(_("emne"), max_length=200)
    body = models.TextField(_("tekst"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("brevskabelon")
        verbose_name_plural = _("brevskabeloner")
        ordering = ("kind", "name")

    def __str__(self) -> str:
        return self.name


class Letter(models.Model):
    """A letter sent to an applicant (by e-mail), as sent."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("type"), max_length=10, choices=LetterKind.choices)
    subject = models.CharField(_("emne"), max_length=200)
    body = models.TextField(_("tekst"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("sent_at", "pk")

    def __str__(self) -> str:
        return self.subject


class TestResult(models.Model):
    """The result of an external test tool, stored only with the applicant's consent: a summary
    and/or a link (no vendor integration)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="tests")
    tool = models.CharField(_("testværktøj"), max_length=120)
    summary = models.TextField(_("resumé"), blank=True)
    link = models.URLField(_("link"), blank=True)
    consent_on = models.DateField(_("ansøgerens samtykke givet"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.tool


# --- Talent pool --------------------------------------------------------------------------------


class TalentProfile(models.Model):
    """Someone who wants job alerts and/or to be contacted about future jobs, in chosen job
    families and areas, by consent that expires (``consent_until``; renewable from the e-mail).
    Reached by a private link (``token_hash``).

    Double opt-in: a sign-up is kept unconfirmed (``confirmed_at`` and ``consent_until`` empty)
    until its owner follows the link e-mailed to the address; only a confirmed profile gets job
    alerts, shows in HR's pool or can be changed, and its consent runs from the confirmation.
    An unconfirmed sign-up is deleted after 7 days (``services.talent``)."""

    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"))
    job_families = models.ManyToManyField(JobFamily, related_name="+", blank=True)
    areas = models.ManyToManyField(OrgUnit, related_name="+", blank=True)
    alerts = models.BooleanField(_("jobagent"), default=True)
    contact = models.BooleanField(_("må kontaktes om fremtidige job"), default=False)
    from_application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    consent_version = models.CharField(_("samtykketekst (version)"), max_length=20)
    consent_until = models.DateField(_("samtykke gælder til"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("tilmelding bekræftet"), null=True, blank=True)
    last_alert_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("talentbank-profil")
        verbose_name_plural = _("talentbank-profiler")
        indexes = [models.Index(fields=["consent_until"])]

    def __str__(self) -> str:
        return self.name


class ConsentAction(models.TextChoices):
    GIVEN = "given", _("Givet")
    CONFIRMED = "confirmed", _("Bekræftet fra e-mailen")
    RENEWED = "renewed", _("Fornyet")
    WITHDRAWN = "withdrawn", _("Trukket tilbage")
    EXPIRED = "expired", _("Udløbet")


class ConsentEvent(models.Model):
    """The log of consents (talent pool, applications): kept as long as the consent's own
    retention says, without the person's name (``subject`` is a hash of the e-mail)."""

    subject = models.CharField(max_length=64, db_index=True)
    scope = models.CharField(_("samtykke til"), max_length=20)
    action = models.CharField(_("handling"), max_length=10, choices=ConsentAction.choices)
    text_version = models.CharField(_("samtykketekst (version)"), max_length=20)
    until = models.DateField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.scope}: {self.action}"


# --- Onboarding ---------------------------------------------------------------------------------


class Phase(models.TextChoices):
    BEFORE = "before", _("Før første dag")
    DAY_1 = "day_1", _("Første dag")
    WEEK_1 = "week_1", _("Første uge")
    DAY_30 = "day_30", _("Efter 30 dage")
    DAY_90 = "day_90", _("Efter 90 dage")


class Owner(models.TextChoices):
    MANAGER = "manager", _("Leder")
    HR = "hr", _("HR")
    IT = "it", _("IT")
    MENTOR = "mentor", _("Mentor")
    NEWCOMER = "newcomer", _("Den nye medarbejder")


class OnboardingTemplate(models.Model):
    """The tasks a new colleague's plan starts with, per job family (none: the default)."""

    name = models.CharField(_("navn"), max_length=120)
    job_family = models.OneToOneField(
        JobFamily, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("introduktionsskabelon")
        verbose_name_plural = _("introduktionsskabeloner")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class TemplateTask(models.Model):
    """One task of a template; due ``offset_days`` from the start (negative: before day 1).
    ``course_code``: a mandatory course from the learning catalogue."""

    template = models.ForeignKey(OnboardingTemplate, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("opgave"), max_length=200)
    phase = models.CharField(_("fase"), max_length=8, choices=Phase.choices)
    offset_days = models.SmallIntegerField(_("dage fra første arbejdsdag"))
    owner = models.CharField(_("ansvarlig"), max_length=10, choices=Owner.choices)
    course_code = models.CharField(_("kursuskode"), max_length=60, blank=True)

    class Meta:
        ordering = ("offset_days", "pk")

    def __str__(self) -> str:
        return self.title


class OnboardingPlan(models.Model):
    """A new colleague's plan. Made on hire from an application (or by HR by hand); joins the
    person the payroll import brings by ``employee_number``. The new colleague reaches the
    pre-boarding page by a private link (``token_hash``) before their first day."""

    application = models.OneToOneField(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="onboarding"
    )
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="onboarding_plans"
    )
    employee_number = models.CharField(_("medarbejdernummer"), max_length=20, blank=True)
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"))
    title = models.CharField(_("stilling"), max_length=200)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    job_family = models.ForeignKey(JobFamily, on_delete=models.PROTECT, related_name="+")
    start_on = models.DateField(_("første arbejdsdag"))
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mentor_name = models.CharField(_("mentor"), max_length=200, blank=True)
    welcome = models.TextField(_("velkomst"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("introduktionsforløb")
        verbose_name_plural = _("introduktionsforløb")
        ordering = ("start_on", "pk")
        indexes = [models.Index(fields=["employee_number"])]

    def __str__(self) -> str:
        return self.name


class TaskKind(models.TextChoices):
    TASK = "task", _("Opgave")
    TERMS_7_DAYS = "terms_7", _("Ansættelsesbevis: kernevilkår (7 dage)")
    TERMS_1_MONTH = "terms_1m", _("Ansættelsesbevis: øvrige vilkår (1 måned)")
    COURSE = "course", _("Obligatorisk kursus")


class OnboardingTask(models.Model):
    """One task of a plan, with its owner and due date. The two ansættelsesbevis tasks are due
    by ansættelsesbevisloven § 3 (``rules.terms_deadlines``)."""

    plan = models.ForeignKey(OnboardingPlan, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(
        _("type"), max_length=8, choices=TaskKind.choices, default=TaskKind.TASK
    )
    title = models.CharField(_("opgave"), max_length=200)
    phase = models.CharField(_("fase"), max_length=8, choices=Phase.choices)
    owner = models.CharField(_("ansvarlig"), max_length=10, choices=Owner.choices)
    due_on = models.DateField(_("frist"))
    course_code = models.CharField(_("kursuskode"), max_length=60, blank=True)
    done_at = models.DateTimeField(_("udført"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("due_on", "pk")
        indexes = [models.Index(fields=["done_at", "due_on"])]

    def __str__(self) -> str:
        return self.title


class CheckIn(models.Model):
    """The new colleague's answers to the short check-in at 30 or 90 days."""

    plan = models.ForeignKey(OnboardingPlan, on_delete=models.CASCADE, related_name="check_ins")
    day = models.PositiveSmallIntegerField(_("dag"))
    answers = models.JSONField(_("svar"))
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "day"], name="recruitment_checkin_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.day}"
