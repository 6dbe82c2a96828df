"""The tables of well-being and the working environment (issue 16; docs/wellbeing.md).

Four groups:

- **Questionnaires**: a ``Questionnaire`` (trivselsmåling, APV, pulse, or a municipality's own)
  has numbered ``QuestionnaireVersion``s; a version holds ``Dimension``s and ``Question``s and is
  frozen once a survey uses it, so every survey's questions stay as they were asked.
- **Surveys and anonymous answering**: a ``Survey`` asks one version of a questionnaire in a set
  of units, with the background bands chosen before launch. ``Invitation`` ties a *person* to the
  survey (the one-time link's hash, the unit and bands worked out at launch, and "answered
  yes/no"); ``Response`` and ``Answer`` hold the answers with **no person, no invitation, no
  time**: only the survey, the unit and the bands. When the survey closes the invitations lose
  their link and their answered flag; ``UnitTally`` keeps the counts per unit for response
  rates. ``Comment`` is a free-text answer, shown to managers only after HR's review.
- **APV and action plans**: ``Apv`` is one unit's arbejdspladsvurdering through its four steps,
  with ``WalkthroughItem`` (the checklist) and ``ApvProblem`` (prioritised); ``Action`` is a
  problem with an action, an owner, a deadline and a status, from an APV or from a survey's
  result.
- **Pulse and green everyday life**: ``PulseSeries`` makes a short survey on a schedule;
  ``Initiative`` and ``Participation`` are HR's green and health initiatives and who joined
  (shown only in aggregate).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from charlie.people.models import OrgUnit, Person

# --- Questionnaires -------------------------------------------------------------------------------


class QuestionnaireKind(models.TextChoices):
    WELLBEING = "wellbeing", _("Trivselsmåling")
    APV = "apv", _("APV")
    PULSE = "pulse", _("Pulsmåling")
    ONBOARDING = "onboarding", _("Introduktion")
    OTHER = "other", _("Andet")


class Questionnaire(models.Model):
    """A question bank HR can edit and version. ``origin``: Charlie's own (shipped, written for
    Charlie), or imported from a municipality's file."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    name_en = models.CharField(_("navn (engelsk)"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=12, choices=QuestionnaireKind.choices)
    description = models.TextField(_("beskrivelse"), blank=True)
    origin = models.CharField(_("oprindelse"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("spørgeskema")
        verbose_name_plural = _("spørgeskemaer")
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name


class QuestionnaireVersion(models.Model):
    """One version of a questionnaire. Editable while ``frozen_at`` is empty; a survey freezes
    the version it uses (its questions must stay as they were asked)."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    note = models.CharField(_("ændringer"), max_length=300, blank=True)
    frozen_at = models.DateTimeField(_("låst"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("version af spørgeskema")
        verbose_name_plural = _("versioner af spørgeskemaer")
        ordering = ("questionnaire", "-number")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="wellbeing_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} v{self.number}"


class Dimension(models.Model):
    """A group of questions (krav i arbejdet, indflydelse, social støtte, krænkende adfærd …).
    ``sensitive``: offensive behaviour (bullying, harassment, violence, threats), reported only
    for groups of at least the higher threshold (default 20)."""

    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="dimensions"
    )
    code = models.SlugField(_("kode"), max_length=60)
    name = models.CharField(_("navn"), max_length=200)
    name_en = models.CharField(_("navn (engelsk)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    sensitive = models.BooleanField(_("krænkende adfærd (højere grænse)"), default=False)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensioner")
        ordering = ("version", "order", "pk")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="wellbeing_dimension_code")
        ]

    def __str__(self) -> str:
        return self.name


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Skala (1–5)")
    SINGLE = "single", _("Ét svar")
    MULTIPLE = "multiple", _("Flere svar")
    NUMBER = "number", _("Tal")
    TEXT = "text", _("Fritekst")


class Question(models.Model):
    """One question. ``options``: for a scale or a choice, a list of ``{"value": int, "label":
    str, "label_en": str}`` (a scale's values run 1–5, 5 the most favourable unless
    ``reverse``: then 5 is the least, e.g. "Hvor ofte har du for meget at lave?"). ``minimum``
    and ``maximum`` bound a number. A free-text question carries the warning not to write
    names or health details. ``sensitive``: as the dimension's, for a single question."""

    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="questions"
    )
    dimension = models.ForeignKey(
        Dimension, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    code = models.SlugField(_("kode"), max_length=60)
    text = models.TextField(_("spørgsmål"))
    text_en = models.TextField(_("spørgsmål (engelsk)"), blank=True)
    help_text = models.CharField(_("hjælpetekst"), max_length=300, blank=True)
    # Added by the questionnaires part (migration 0003): respondents who read English.
    help_text_en = models.CharField(_("hjælpetekst (engelsk)"), max_length=300, blank=True)
    kind = models.CharField(_("svartype"), max_length=10, choices=QuestionKind.choices)
    options = models.JSONField(_("svarmuligheder"), default=list, blank=True)
    reverse = models.BooleanField(_("omvendt skala"), default=False)
    minimum = models.IntegerField(_("mindste tal"), null=True, blank=True)
    maximum = models.IntegerField(_("største tal"), null=True, blank=True)
    required = models.BooleanField(_("skal besvares"), default=False)
    sensitive = models.BooleanField(_("krænkende adfærd (højere grænse)"), default=False)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("spørgsmål")
        verbose_name_plural = _("spørgsmål")
        ordering = ("version", "order", "pk")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="wellbeing_question_code")
        ]

    def __str__(self) -> str:
        return self.code


# --- Surveys ------------------------------------------------------------------------------


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    OPEN = "open", _("Åben")
    CLOSED = "closed", _("Lukket")


class Survey(models.Model):
    """One round of a questionnaire in a set of units (``units``: each with its sub-units).

    ``bands``: the background bands the survey asks for, chosen before launch from
    ``bands.BANDS`` (e.g. ``["age", "job_family"]``) and checked against the group-size rules;
    each answer carries the respondent's band values, never more. ``min_group`` (default 5) and
    ``min_sensitive`` (default 20) are the thresholds below which no figure is shown;
    ``previous``: the round to compare with. ``pulse``: the series a pulse survey belongs to.
    """

    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=12, choices=QuestionnaireKind.choices)
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="surveys"
    )
    units = models.ManyToManyField(OrgUnit, related_name="+", verbose_name=_("enheder"))
    bands = models.JSONField(_("baggrundsoplysninger"), default=list, blank=True)
    min_group = models.PositiveSmallIntegerField(_("mindste gruppe"), default=5)
    min_sensitive = models.PositiveSmallIntegerField(
        _("mindste gruppe for krænkende adfærd"), default=20
    )
    opens_on = models.DateField(_("åbner"))
    closes_on = models.DateField(_("lukker"))
    status = models.CharField(
        _("status"), max_length=8, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sammenlign med"),
    )
    pulse = models.ForeignKey(
        "PulseSeries", on_delete=models.SET_NULL, null=True, blank=True, related_name="surveys"
    )
    intro = models.TextField(_("indledning"), blank=True)
    #: Reminders to those who have not answered: at most ``max_reminders``, each
    #: ``remind_every_days`` days after the last e-mail (migration 0004, part surveys).
    max_reminders = models.PositiveSmallIntegerField(_("højst antal påmindelser"), default=2)
    remind_every_days = models.PositiveSmallIntegerField(_("dage mellem påmindelser"), default=7)
    #: The launch check's outcome (``bands.launch_plan``), kept for the import of answers:
    #: ``{"units": {unit id: recorded unit id}, "bands": {recorded unit id: [band keys]}}``.
    plan = models.JSONField(_("optællingsplan"), default=dict, blank=True)
    launched_at = models.DateTimeField(_("sendt ud"), null=True, blank=True)
    closed_at = models.DateTimeField(_("lukket"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("måling")
        verbose_name_plural = _("målinger")
        ordering = ("-opens_on", "-pk")
        indexes = [models.Index(fields=["status", "closes_on"])]

    def __str__(self) -> str:
        return self.name


class Invitation(models.Model):
    """A person invited to a survey. ``token_hash``: the SHA-256 of the one-time link (emptied
    when it is used and when the survey closes); ``unit`` and ``band_values`` are worked out at
    launch and copied onto the answer, so the answer needs no person. ``answered`` exists only
    for reminders and response rates while the survey is open, and is set back to ``None`` when
    it closes (``UnitTally`` keeps the counts). No time of answering is stored anywhere."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    band_values = models.JSONField(default=dict, blank=True)
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    #: The random secret the one-time link is made from (with the server's secret key), so the
    #: invitation and its reminders carry the same link; emptied with ``token_hash`` (migration
    #: 0004, part surveys).
    link_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001 - None: wiped
    answered = models.BooleanField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("påmindet"), null=True, blank=True)
    #: Reminders sent; set back to 0 with ``reminded_at`` when the survey closes (migration
    #: 0004, part surveys): who needed reminding says who answered late.
    reminders = models.PositiveSmallIntegerField(_("påmindelser"), default=0)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")
        ordering = ("survey", "pk")
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"], name="wellbeing_invitation_once")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.person_id}"


class ResponseSource(models.TextChoices):
    WEB = "web", _("Online")
    IMPORT = "import", _("Indlæst (papir eller andet værktøj)")


class Response(models.Model):
    """One anonymous set of answers: the survey, the unit and the band values, nothing else.
    The key is random (a running number would tell the order of answering); there is no
    time, no person and no invitation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    band_values = models.JSONField(default=dict, blank=True)
    source = models.CharField(max_length=6, choices=ResponseSource.choices, default="web")

    class Meta:
        verbose_name = _("besvarelse")
        verbose_name_plural = _("besvarelser")
        indexes = [models.Index(fields=["survey", "unit"])]

    def __str__(self) -> str:
        return str(self.pk)


class Answer(models.Model):
    """One answer to one question: ``value`` for a scale, a choice (one row per chosen option
    of a multiple choice) or a number. Free text is a ``Comment``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    value = models.FloatField()

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        indexes = [models.Index(fields=["question"])]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value}"


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Venter på HR")
    APPROVED = "approved", _("Godkendt")
    EDITED = "edited", _("Godkendt med rettelser")
    HIDDEN = "hidden", _("Skjult")


class Comment(models.Model):
    """A free-text answer. Shown to the unit's manager only for a group above the threshold and
    only after HR has reviewed it (``shown_text``: the text as approved, with identifying
    details removed)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="comments")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("tekst"))
    status = models.CharField(
        _("status"), max_length=8, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    shown_text = models.TextField(_("vist tekst"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("gennemset"), null=True, blank=True)

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return str(self.pk)


class UnitTally(models.Model):
    """Invited and answered per unit (its own people, not its sub-units), kept when the survey
    closes and the invitations' answered flags are wiped: response rates after the close."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tallies")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    invited = models.PositiveIntegerField()
    answered = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "unit"], name="wellbeing_tally_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.answered}/{self.invited}"


# --- APV and actions ----------------------------------------------------------------------------


class ApvStep(models.TextChoices):
    """The four steps of an APV (arbejdsmiljøloven; AT-vejledning om APV), and done."""

    MAPPING = "mapping", _("Kortlægning")
    PRIORITISING = "prioritising", _("Beskrivelse, vurdering og prioritering")
    ACTION_PLAN = "action_plan", _("Handlingsplan")
    FOLLOW_UP = "follow_up", _("Opfølgning")
    DONE = "done", _("Afsluttet")


class Apv(models.Model):
    """One unit's arbejdspladsvurdering. ``survey``: the mapping survey, if any; the
    walkthrough is ``items``. ``absence_*``: the unit's sickness absence as the absence app gave
    it at mapping (the APV must include it), kept as it was. ``next_due_on``: when the next APV
    is due (3 years after completion, or earlier when the work changes)."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("titel"), max_length=200)
    step = models.CharField(
        _("trin"), max_length=12, choices=ApvStep.choices, default=ApvStep.MAPPING
    )
    survey = models.ForeignKey(
        Survey, on_delete=models.SET_NULL, null=True, blank=True, related_name="apvs"
    )
    participants = models.TextField(_("deltagere (arbejdsmiljøorganisationen)"), blank=True)
    absence_period = models.CharField(_("fraværsperiode"), max_length=100, blank=True)
    absence_percent = models.DecimalField(
        _("sygefravær (procent)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    absence_days_per_fte = models.DecimalField(
        _("sygefravær (dage pr. årsværk)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    absence_note = models.TextField(_("vurdering af sygefraværet"), blank=True)
    assessment = models.TextField(_("beskrivelse og vurdering"), blank=True)
    follow_up_guidelines = models.TextField(_("retningslinjer for opfølgning"), blank=True)
    started_on = models.DateField(_("startet"))
    completed_on = models.DateField(_("afsluttet"), null=True, blank=True)
    next_due_on = models.DateField(_("næste APV senest"), null=True, blank=True)
    #: Why HR set the next APV sooner than 3 years ("arbejdet ændres"); empty: the law's 3 years.
    next_due_reason = models.CharField(_("grund til tidligere APV"), max_length=300, blank=True)
    #: The last day the unit's manager was reminded that the next APV is due (apv part).
    due_reminded_on = models.DateField(_("påmindet om næste APV"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("APV")
        verbose_name_plural = _("APV'er")
        ordering = ("-started_on", "-pk")

    def __str__(self) -> str:
        return self.title


class WalkthroughStatus(models.TextChoices):
    OK = "ok", _("I orden")
    PROBLEM = "problem", _("Problem")
    NOT_RELEVANT = "na", _("Ikke relevant")


class WalkthroughItem(models.Model):
    """One point of the APV's walkthrough checklist (indeklima, ergonomi, støj, …)."""

    apv = models.ForeignKey(Apv, on_delete=models.CASCADE, related_name="items")
    area = models.CharField(_("område"), max_length=100)
    text = models.CharField(_("punkt"), max_length=300)
    status = models.CharField(
        _("vurdering"), max_length=8, choices=WalkthroughStatus.choices, blank=True
    )
    note = models.TextField(_("bemærkning"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("apv", "order", "pk")

    def __str__(self) -> str:
        return self.text


class ApvProblem(models.Model):
    """A problem the mapping found, described, assessed and prioritised (1 most urgent)."""

    apv = models.ForeignKey(Apv, on_delete=models.CASCADE, related_name="problems")
    title = models.CharField(_("problem"), max_length=200)
    description = models.TextField(_("beskrivelse og vurdering"), blank=True)
    source = models.CharField(_("kilde"), max_length=200, blank=True)
    priority = models.PositiveSmallIntegerField(_("prioritet"), default=2)
    #: The walkthrough point the problem was found at, if any (apv part).
    item = models.ForeignKey(
        WalkthroughItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="problems"
    )

    class Meta:
        ordering = ("apv", "priority", "pk")

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    IN_PROGRESS = "in_progress", _("I gang")
    DONE = "done", _("Gennemført")
    DROPPED = "dropped", _("Opgivet")


class Action(models.Model):
    """One action of a unit's action plan: a problem, the action, an owner, a deadline and a
    status. From an APV's problem, or from a survey's result (``survey`` with the dimension or
    question it came from, ``source``). The unit's employees see it."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    apv = models.ForeignKey(
        Apv, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    problem_ref = models.ForeignKey(
        ApvProblem, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    survey = models.ForeignKey(
        Survey, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    source = models.CharField(_("udgangspunkt"), max_length=300, blank=True)
    problem = models.TextField(_("problem"))
    action = models.TextField(_("handling"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarlig"),
    )
    deadline = models.DateField(_("frist"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    follow_up = models.TextField(_("opfølgning"), blank=True)
    done_on = models.DateField(_("gennemført"), null=True, blank=True)
    reminded_on = models.DateField(_("påmindet"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("handling")
        verbose_name_plural = _("handlinger")
        ordering = ("deadline", "pk")
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.action[:60]


# --- Pulse and green everyday life ---------------------------------------------------------


class PulseSeries(models.Model):
    """A short survey asked on a schedule (every ``every_months`` months, open
    ``open_days`` days) in a set of units, with the same anonymity rules; each run is a
    ``Survey`` with ``pulse`` set."""

    name = models.CharField(_("navn"), max_length=200)
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.PROTECT, related_name="+")
    units = models.ManyToManyField(OrgUnit, related_name="+", verbose_name=_("enheder"))
    every_months = models.PositiveSmallIntegerField(_("hver N. måned"), default=1)
    open_days = models.PositiveSmallIntegerField(_("åben i dage"), default=7)
    next_on = models.DateField(_("næste måling"))
    active = models.BooleanField(_("aktiv"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("pulsmåling")
        verbose_name_plural = _("pulsmålinger")
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name


class InitiativeKind(models.TextChoices):
    CYCLING = "cycling", _("Cykling")
    COMMUTING = "commuting", _("Klimavenlig transport")
    HEALTH = "health", _("Sundhed")
    OTHER = "other", _("Andet")


class Initiative(models.Model):
    """A green or health initiative HR publishes (cykelkampagne, samkørsel, sundhedstjek …)."""

    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("type"), max_length=10, choices=InitiativeKind.choices)
    summary = models.CharField(_("kort beskrivelse"), max_length=300, blank=True)
    body = models.TextField(_("tekst"), blank=True)
    starts_on = models.DateField(_("starter"))
    ends_on = models.DateField(_("slutter"), null=True, blank=True)
    published = models.BooleanField(_("offentliggjort"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("initiativ")
        verbose_name_plural = _("initiativer")
        ordering = ("-starts_on", "pk")

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    """A person who joined an initiative. Shown to others only as counts per unit, through
    disclosure control; the person sees and can leave their own."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    joined_on = models.DateField(_("tilmeldt"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "person"], name="wellbeing_participation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.person_id}"
