"""The tables of learning (issue 14): the course catalogue with its sessions and enrolments, the
built-in e-learning modules (lessons, quiz, progress, attempts, certificates), the one record of
completions wherever a course was taken (a session, a module, a file, an xAPI statement), and the
rules of mandatory training with the tasks they give managers.

A course that teaches skills points at ``skills.Skill`` by a lazy reference (``"skills.Skill"``):
the database keeps the link honest, and the code still reaches skills only through
``skills.services``. No health details; free text goes through ``core.text.check_text``."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from charlie.people.models import JobFamily, OrgUnit, Person

# --- The catalogue ------------------------------------------------------------------------------


class CourseFormat(models.TextChoices):
    INTERNAL = "internal", _("Internt kursus")
    EXTERNAL = "external", _("Eksternt kursus")
    ELEARNING = "elearning", _("E-læring")
    CLASSROOM = "classroom", _("Holdundervisning")
    ON_THE_JOB = "on_the_job", _("Læring i jobbet")


class Course(models.Model):
    """One item of the catalogue. ``code`` is the stable key that files and xAPI statements use
    (``activity_id`` is the xAPI activity IRI, when a learning system reports by it). A course
    built in Charlie has a ``module``; free e-learning needs no approval."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    format = models.CharField(_("form"), max_length=12, choices=CourseFormat.choices)
    provider = models.CharField(_("udbyder"), max_length=200, blank=True)
    hours = models.DecimalField(_("timer"), max_digits=6, decimal_places=1, default=0)
    price = models.DecimalField(_("pris (kr.)"), max_digits=10, decimal_places=2, default=0)
    job_families = models.ManyToManyField(
        JobFamily, verbose_name=_("målgruppe"), blank=True, related_name="+"
    )
    activity_id = models.CharField(
        _("xAPI-aktivitets-id"), max_length=255, blank=True, default="", db_index=True
    )
    #: Months a completion stays valid (first aid: 24); empty when it never expires.
    valid_months = models.PositiveSmallIntegerField(_("gyldig i måneder"), null=True, blank=True)
    requires_approval = models.BooleanField(_("kræver lederens godkendelse"), default=True)
    module = models.OneToOneField(
        "Module",
        verbose_name=_("e-læringsmodul"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="course",
    )
    active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("kursus")
        verbose_name_plural = _("kurser")
        ordering = ("title", "pk")
        indexes = [models.Index(fields=["active", "format"])]

    def __str__(self) -> str:
        return self.title


class CourseSkill(models.Model):
    """A skill the course teaches, and the level a completion gives (on the skill's scale)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("skills.Skill", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("niveau"))

    class Meta:
        verbose_name = _("kompetence fra kursus")
        verbose_name_plural = _("kompetencer fra kurser")
        constraints = [
            models.UniqueConstraint(fields=["course", "skill"], name="learning_course_skill_once")
        ]

    def __str__(self) -> str:
        return f"{self.course_id}: {self.skill_id} → {self.level}"


class Session(models.Model):
    """One run of a course: dates, place, seats and the last day to register."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    place = models.CharField(_("sted"), max_length=200, blank=True)
    seats = models.PositiveIntegerField(_("pladser"))
    registration_deadline = models.DateField(_("tilmeldingsfrist"))
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("arrangør"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled = models.BooleanField(_("aflyst"), default=False)
    #: A stable UID for the iCal file, so a calendar updates the event instead of adding one.
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    class Meta:
        verbose_name = _("kursusdato")
        verbose_name_plural = _("kursusdatoer")
        ordering = ("starts_at", "pk")
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self) -> str:
        return f"{self.course_id} {self.starts_at:%Y-%m-%d}"


class EnrolmentStatus(models.TextChoices):
    REQUESTED = "requested", _("Afventer leder")
    ENROLLED = "enrolled", _("Tilmeldt")
    WAITLISTED = "waitlisted", _("På venteliste")
    REJECTED = "rejected", _("Afvist")
    CANCELLED = "cancelled", _("Afmeldt")
    ATTENDED = "attended", _("Gennemført")
    NO_SHOW = "no_show", _("Udeblevet")


class Enrolment(models.Model):
    """A person's place on a session. The waiting list is the waitlisted rows in the order
    they were approved (``queued_at``); the first moves up when a seat frees."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="enrolments")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="enrolments")
    status = models.CharField(
        _("status"), max_length=10, choices=EnrolmentStatus.choices, db_index=True
    )
    requested_at = models.DateTimeField(_("ønsket"), auto_now_add=True)
    queued_at = models.DateTimeField(_("på ventelisten fra"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    reason = models.CharField(_("begrundelse"), max_length=300, blank=True)
    reminded_at = models.DateTimeField(_("påmindet"), null=True, blank=True)

    class Meta:
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        ordering = ("session", "requested_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "session"], name="learning_one_enrolment_per_session"
            )
        ]
        indexes = [models.Index(fields=["session", "status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.session_id}: {self.status}"


# --- Built-in e-learning ------------------------------------------------------------------------


class Module(models.Model):
    """A short e-learning module HR writes in Charlie: lessons, then a quiz with a pass mark.
    Passing gives a certificate, valid ``valid_months`` when set."""

    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("kort beskrivelse"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(_("bestået ved (%)"), default=80)
    valid_months = models.PositiveSmallIntegerField(_("gyldig i måneder"), null=True, blank=True)
    published = models.BooleanField(_("udgivet"), default=False)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("e-læringsmodul")
        verbose_name_plural = _("e-læringsmoduler")
        ordering = ("title", "pk")

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    """One page of a module, written in Markdown (rendered and sanitised when shown)."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst (Markdown)"))

    class Meta:
        verbose_name = _("lektion")
        verbose_name_plural = _("lektioner")
        ordering = ("module", "position", "pk")

    def __str__(self) -> str:
        return f"{self.module_id}.{self.position} {self.title}"


class ModuleImage(models.Model):
    """An image a lesson shows (``![tekst](billede:ID)``); its type is checked by content."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="images")
    content = models.BinaryField()
    content_type = models.CharField(max_length=40)
    alt = models.CharField(_("alternativ tekst"), max_length=200)

    class Meta:
        verbose_name = _("billede")
        verbose_name_plural = _("billeder")

    def __str__(self) -> str:
        return f"{self.module_id}: {self.alt}"


class Question(models.Model):
    """A quiz question: one right answer (``multiple`` False) or several."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("spørgsmål"))
    multiple = models.BooleanField(_("flere rigtige svar"), default=False)
    explanation = models.TextField(_("forklaring"), blank=True)

    class Meta:
        verbose_name = _("spørgsmål")
        verbose_name_plural = _("spørgsmål")
        ordering = ("module", "position", "pk")

    def __str__(self) -> str:
        return f"{self.module_id}.{self.position}"


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(_("nummer"))
    text = models.CharField(_("svar"), max_length=300)
    correct = models.BooleanField(_("rigtigt"), default=False)

    class Meta:
        verbose_name = _("svarmulighed")
        verbose_name_plural = _("svarmuligheder")
        ordering = ("question", "position", "pk")

    def __str__(self) -> str:
        return self.text


class ModuleProgress(models.Model):
    """How far a person has come in a module (the lessons read), so they can go on later."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="module_progress")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="progress")
    lessons_done = models.JSONField(_("læste lektioner"), default=list)
    started_at = models.DateTimeField(_("startet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senest"), auto_now=True)

    class Meta:
        verbose_name = _("fremskridt")
        verbose_name_plural = _("fremskridt")
        constraints = [
            models.UniqueConstraint(fields=["person", "module"], name="learning_progress_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.module_id}"


class Attempt(models.Model):
    """One go at a module's quiz: the answers given, the score in per cent, pass or fail."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="quiz_attempts")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="attempts")
    submitted_at = models.DateTimeField(_("afleveret"), auto_now_add=True)
    answers = models.JSONField(_("svar"), default=dict)
    score = models.PositiveSmallIntegerField(_("point (%)"))
    passed = models.BooleanField(_("bestået"))

    class Meta:
        verbose_name = _("forsøg")
        verbose_name_plural = _("forsøg")
        ordering = ("person", "module", "-submitted_at", "-pk")
        indexes = [models.Index(fields=["module", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.module_id}: {self.score}"


# --- The one record of completions ----------------------------------------------------------


class CompletionSource(models.TextChoices):
    SESSION = "session", _("Kursusdato i Charlie")
    MODULE = "module", _("E-læring i Charlie")
    IMPORT = "import", _("Indlæst fil")
    XAPI = "xapi", _("xAPI")
    MANUAL = "manual", _("Registreret af HR")


class CompletionResult(models.TextChoices):
    COMPLETED = "completed", _("Gennemført")
    PASSED = "passed", _("Bestået")
    FAILED = "failed", _("Ikke bestået")


class Completion(models.Model):
    """That a person completed (or passed, or failed) a course on a date, wherever it ran.
    ``external_id`` makes every source idempotent: the xAPI statement id, the file's own id or
    the row's key, ``session:<id>``, ``attempt:<id>``. ``valid_until`` follows the course's
    ``valid_months`` (or the statement's own expiry); a failed result is never valid."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="completions")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions")
    completed_on = models.DateField(_("dato"))
    result = models.CharField(_("resultat"), max_length=10, choices=CompletionResult.choices)
    source = models.CharField(_("kilde"), max_length=10, choices=CompletionSource.choices)
    valid_until = models.DateField(_("gyldig til"), null=True, blank=True)
    hours = models.DecimalField(_("timer"), max_digits=6, decimal_places=1, default=0)
    cost = models.DecimalField(_("udgift (kr.)"), max_digits=10, decimal_places=2, default=0)
    external_id = models.CharField(_("id i kilden"), max_length=120, unique=True)
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="completions"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("registreret"), auto_now_add=True)

    class Meta:
        verbose_name = _("gennemførelse")
        verbose_name_plural = _("gennemførelser")
        ordering = ("person", "-completed_on", "-pk")
        indexes = [
            models.Index(fields=["person", "course", "completed_on"]),
            models.Index(fields=["course", "completed_on"]),
            models.Index(fields=["completed_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.course_id} {self.completed_on} {self.result}"


class Certificate(models.Model):
    """The certificate a passed module gives: a PDF made on demand from this row, with a code
    that a reader can check with HR."""

    completion = models.OneToOneField(
        Completion, on_delete=models.CASCADE, related_name="certificate"
    )
    attempt = models.OneToOneField(
        Attempt, null=True, blank=True, on_delete=models.SET_NULL, related_name="certificate"
    )
    code = models.CharField(_("kode"), max_length=20, unique=True)
    issued_on = models.DateField(_("udstedt"))

    class Meta:
        verbose_name = _("kursusbevis")
        verbose_name_plural = _("kursusbeviser")

    def __str__(self) -> str:
        return self.code


class StatementStatus(models.TextChoices):
    STORED = "stored", _("Registreret")
    IGNORED = "ignored", _("Ikke brugt (andet udsagnsord)")
    UNKNOWN_PERSON = "unknown_person", _("Ukendt person")
    UNKNOWN_COURSE = "unknown_course", _("Ukendt kursus")


class XapiStatement(models.Model):
    """Every xAPI statement received (idempotent on its id), with what became of it. Unknown
    people or courses are kept here for HR to see, never guessed."""

    statement_id = models.UUIDField(unique=True)
    received_at = models.DateTimeField(_("modtaget"), auto_now_add=True)
    verb = models.CharField(_("udsagnsord"), max_length=255)
    actor = models.CharField(_("aktør"), max_length=255)
    activity = models.CharField(_("aktivitet"), max_length=255)
    status = models.CharField(
        _("status"), max_length=15, choices=StatementStatus.choices, db_index=True
    )
    completion = models.OneToOneField(
        Completion, null=True, blank=True, on_delete=models.SET_NULL, related_name="statement"
    )
    raw = models.JSONField()
    token = models.ForeignKey(
        "XapiClient", null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )

    class Meta:
        verbose_name = _("xAPI-udsagn")
        verbose_name_plural = _("xAPI-udsagn")
        ordering = ("-received_at", "-pk")

    def __str__(self) -> str:
        return str(self.statement_id)


class XapiClient(models.Model):
    """A learning system allowed to post statements: a name and the SHA-256 of its token
    (``core.tokens``; the plain token is shown once)."""

    name = models.CharField(_("navn"), max_length=120)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)

    class Meta:
        verbose_name = _("xAPI-klient")
        verbose_name_plural = _("xAPI-klienter")
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name


# --- Mandatory training ------------------------------------------------------------------------


class MandatoryRule(models.Model):
    """Training some jobs require: a course (or a skill held with a certificate) for the people
    of some job families and/or units (with their sub-units; none of either means everyone),
    renewed every ``renew_months`` (empty: once is enough), with ``grace_days`` for new
    employees from their first day. The intervals are the municipality's policy."""

    name = models.CharField(_("navn"), max_length=200)
    course = models.ForeignKey(
        Course,
        verbose_name=_("kursus"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rules",
    )
    skill = models.ForeignKey(
        "skills.Skill",
        verbose_name=_("kompetence med certifikat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    job_families = models.ManyToManyField(
        JobFamily, verbose_name=_("stillingskategorier"), blank=True, related_name="+"
    )
    units = models.ManyToManyField(OrgUnit, verbose_name=_("enheder"), blank=True, related_name="+")
    renew_months = models.PositiveSmallIntegerField(
        _("fornyes hver (måneder)"), null=True, blank=True
    )
    grace_days = models.PositiveSmallIntegerField(_("frist for nyansatte (dage)"), default=90)
    active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("krav om uddannelse")
        verbose_name_plural = _("krav om uddannelse")
        ordering = ("name", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(course__isnull=False) | models.Q(skill__isnull=False),
                name="learning_rule_has_course_or_skill",
            )
        ]

    def __str__(self) -> str:
        return self.name


class TrainingTask(models.Model):
    """A manager's task: a person's mandatory training expires (or is missing) on ``due_on``.
    The daily job opens it ``notice days`` before and closes it when the person is compliant;
    ``reminded_on`` is when the employee was last reminded by e-mail."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="training_tasks")
    rule = models.ForeignKey(MandatoryRule, on_delete=models.CASCADE, related_name="tasks")
    due_on = models.DateField(_("frist"))
    opened_on = models.DateField(_("oprettet"))
    closed_on = models.DateField(_("lukket"), null=True, blank=True)
    reminded_on = models.DateField(_("påmindet"), null=True, blank=True)

    class Meta:
        verbose_name = _("opgave om uddannelse")
        verbose_name_plural = _("opgaver om uddannelse")
        ordering = ("due_on", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "rule", "due_on"], name="learning_one_task_per_due_date"
            )
        ]
        indexes = [models.Index(fields=["closed_on", "due_on"])]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.rule_id} {self.due_on}"
