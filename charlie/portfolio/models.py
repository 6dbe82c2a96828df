"""The digitalisation portfolio (issue 17): strategic beacons (pejlemærker), ideas and needs from
the front line, initiatives with their project description and business case, prioritisation
under a budget, the team an initiative needs, planned and realised benefits, and the register of
automations (RPA and AI robots, workflows).

Feature apps before this one (skills, learning) are reached through their services only; the
tables point at skills' ``Skill`` and ``TeamProposal`` by lazy foreign keys (decision 0023), so
no module here imports skills' models.
Amounts are kroner in fixed prices (real terms, as the discount rate is real); hours are hours.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from charlie.people.models import OrgUnit, Person

# --- Beacons (pejlemærker) -------------------------------------------------------------------


class Beacon(models.Model):
    """A strategic goal with a measurable target: an indicator measured from a baseline toward a
    target by a deadline. Published beacons are shown to everyone inside the municipality."""

    title = models.CharField(_("pejlemærke"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    indicator = models.CharField(_("indikator"), max_length=200)
    unit = models.CharField(_("enhed"), max_length=40, blank=True)  # "%", "timer", "sager"
    baseline = models.DecimalField(_("udgangspunkt"), max_digits=14, decimal_places=2)
    baseline_on = models.DateField(_("udgangspunkt målt"))
    target = models.DecimalField(_("mål"), max_digits=14, decimal_places=2)
    deadline = models.DateField(_("frist"))
    published = models.BooleanField(_("offentliggjort"), default=False)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("pejlemærke")
        verbose_name_plural = _("pejlemærker")
        ordering = ("order", "pk")

    def __str__(self) -> str:
        return self.title


class BeaconMeasurement(models.Model):
    """A measured value of a beacon's indicator on a day."""

    beacon = models.ForeignKey(Beacon, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("målt"))
    value = models.DecimalField(_("værdi"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("måling")
        verbose_name_plural = _("målinger")
        ordering = ("beacon", "measured_on", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["beacon", "measured_on"], name="portfolio_measurement_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.beacon_id} {self.measured_on}: {self.value}"


# --- Ideas and needs from the front line -----------------------------------------------------


class IdeaKind(models.TextChoices):
    IDEA = "idea", _("Idé")
    NEED = "need", _("Behov")


class IdeaStatus(models.TextChoices):
    NEW = "new", _("Ny")
    REVIEW = "review", _("Under vurdering")
    REJECTED = "rejected", _("Afvist")
    MERGED = "merged", _("Lagt sammen med en anden")
    INITIATIVE = "initiative", _("Blevet til et initiativ")


class Idea(models.Model):
    """An idea or a need from an employee: what is tedious, what goes wrong, what it costs in
    time. The portfolio owner triages it (reject with a reason, merge, or turn it into an
    initiative); the submitter sees what happened."""

    kind = models.CharField(_("type"), max_length=10, choices=IdeaKind.choices)
    title = models.CharField(_("overskrift"), max_length=200)
    description = models.TextField(_("beskrivelse"))
    hours_per_month = models.DecimalField(
        _("tid det koster (timer pr. måned)"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
    )
    submitted_by = models.ForeignKey(
        Person,
        verbose_name=_("indsendt af"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="portfolio_ideas",
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("enhed"), null=True, blank=True, on_delete=models.SET_NULL
    )
    submitted_at = models.DateTimeField(_("indsendt"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=12, choices=IdeaStatus.choices, default=IdeaStatus.NEW
    )
    reason = models.TextField(_("begrundelse"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("lagt sammen med"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
    )
    initiative = models.ForeignKey(
        "Initiative",
        verbose_name=_("initiativ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)

    class Meta:
        verbose_name = _("idé")
        verbose_name_plural = _("idéer")
        ordering = ("-submitted_at", "-pk")
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return self.title


class IdeaSupport(models.Model):
    """An employee supports an idea ("Det vil jeg også gerne have"): once per person."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("støtte")
        verbose_name_plural = _("støtter")
        constraints = [
            models.UniqueConstraint(fields=["idea", "person"], name="portfolio_support_once")
        ]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.person_id}"


class IdeaComment(models.Model):
    """A comment on an idea; the portfolio owner can hide one (it stays, with who hid it)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    person = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("kommentar"))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.text[:40]}"


# --- Initiatives and project descriptions ----------------------------------------------------


class Stage(models.TextChoices):
    IDEA = "idea", _("Idé")
    ANALYSIS = "analysis", _("Analyse")
    DECIDED = "decided", _("Besluttet")
    RUNNING = "running", _("I gang")
    BENEFITS = "benefits", _("Gevinstrealisering")
    CLOSED = "closed", _("Afsluttet")


class Tag(models.TextChoices):
    FIRST_MOVER = "first_mover", _("First mover")
    FAST_FOLLOWER = "fast_follower", _("Fast follower")
    TRIAL = "trial", _("Afprøvning")
    AUTOMATION = "automation", _("Automatisering (RPA/AI)")
    CROSS_MUNICIPAL = "cross_municipal", _("Tværkommunalt samarbejde")


class Dpia(models.TextChoices):
    UNKNOWN = "unknown", _("Ikke vurderet endnu")
    NOT_NEEDED = "not_needed", _("Ikke nødvendig")
    NEEDED = "needed", _("Nødvendig")
    DONE = "done", _("Udført")


class Initiative(models.Model):
    """A digitalisation initiative with its project description, stage, owner and tags. It serves
    beacons, may depend on other initiatives, and may be marked as one that must be done (a
    legal requirement, say), which the prioritisation respects."""

    number = models.PositiveIntegerField(_("nummer"), unique=True)
    title = models.CharField(_("titel"), max_length=200)
    stage = models.CharField(_("fase"), max_length=10, choices=Stage.choices, default=Stage.IDEA)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("ejer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portfolio_initiatives",
    )
    forvaltning = models.ForeignKey(
        OrgUnit,
        verbose_name=_("forvaltning"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The project description.
    purpose = models.TextField(_("formål"), blank=True)
    problem = models.TextField(_("problem"), blank=True)
    target_group = models.TextField(_("målgruppe"), blank=True)
    scope = models.TextField(_("afgrænsning"), blank=True)
    solution = models.TextField(_("løsning"), blank=True)
    organisation = models.TextField(_("organisering"), blank=True)
    timeline = models.TextField(_("tidsplan"), blank=True)
    risks = models.TextField(_("risici"), blank=True)
    dependencies_text = models.TextField(_("afhængigheder"), blank=True)
    dpia = models.CharField(
        _("konsekvensanalyse (DPIA)"), max_length=12, choices=Dpia.choices, default=Dpia.UNKNOWN
    )
    dpia_note = models.TextField(_("begrundelse for DPIA-vurderingen"), blank=True)
    tags = models.JSONField(_("mærker"), default=list, blank=True)  # Tag values
    it_systems = models.JSONField(_("it-systemer"), default=list, blank=True)  # names
    beacons = models.ManyToManyField(
        Beacon, verbose_name=_("pejlemærker"), blank=True, related_name="initiatives"
    )
    depends_on = models.ManyToManyField(
        "self",
        verbose_name=_("forudsætter"),
        symmetrical=False,
        blank=True,
        related_name="needed_by",
    )
    must_do = models.BooleanField(_("skal gennemføres"), default=False)
    must_do_reason = models.CharField(_("hvorfor det skal gennemføres"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("initiativ")
        verbose_name_plural = _("initiativer")
        ordering = ("number",)

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


# --- Business cases ----------------------------------------------------------------------------


class Rates(models.Model):
    """The municipality's rates for business cases (one row, ``Rates.current()``): kroner per
    hour saved, hours per full-time equivalent (net of holidays and days off: 1,628 of the
    1,924 hours of 37 × 52), and Finansministeriet's socio-economic discount
    rate (real: 3.5 % for years 0–35, 2.5 % from year 36; DOMAIN.md 8.2)."""

    hourly_rate = models.DecimalField(
        _("kr. pr. time"), max_digits=8, decimal_places=2, default=450
    )
    hours_per_fte = models.DecimalField(
        _("timer pr. årsværk (netto)"), max_digits=7, decimal_places=1, default=1628
    )
    rate_early = models.DecimalField(
        _("diskonteringsrente år 0–35"), max_digits=5, decimal_places=4, default="0.0350"
    )
    rate_late = models.DecimalField(
        _("diskonteringsrente fra år 36"), max_digits=5, decimal_places=4, default="0.0250"
    )
    switch_year = models.PositiveSmallIntegerField(_("sidste år med den første rente"), default=35)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("satser")
        verbose_name_plural = _("satser")

    def __str__(self) -> str:
        return f"{self.hourly_rate} kr./t, {self.rate_early}/{self.rate_late}"

    @classmethod
    def current(cls) -> Rates:
        """The saved rates, or the defaults (unsaved) until someone saves them."""
        rates = cls.objects.order_by("pk").first()
        return rates if rates is not None else cls()


class BusinessCase(models.Model):
    """An initiative's business case: yearly lines over a horizon from ``first_year`` (year 0).
    The figures (NPV, payback year, early gains, sensitivity) are computed by the pure module
    ``portfolio.businesscase``, never stored."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="business_case"
    )
    first_year = models.PositiveSmallIntegerField(_("år 0 (kalenderår)"))
    horizon = models.PositiveSmallIntegerField(_("horisont (år)"), default=5)
    # None: the municipality's rates (``Rates``).
    rate = models.DecimalField(
        _("diskonteringsrente"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    staff_affected = models.PositiveIntegerField(_("berørte medarbejdere"), null=True, blank=True)
    staff_note = models.TextField(_("hvordan medarbejderne berøres"), blank=True)
    non_financial = models.TextField(_("ikke-økonomiske gevinster"), blank=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("business case")
        verbose_name_plural = _("business cases")

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.first_year}+{self.horizon}"


class LineKind(models.TextChoices):
    INVESTMENT = "investment", _("Investering (kr.)")
    RUNNING = "running", _("Drift (kr.)")
    STAFF_HOURS = "staff_hours", _("Egne timer i projektet")
    HOURS_SAVED = "hours_saved", _("Sparede timer")
    BENEFIT = "benefit", _("Anden økonomisk gevinst (kr.)")


class BusinessCaseLine(models.Model):
    """One line of a business case: an amount per year (year 0 first; kroner, or hours for the
    hour kinds). ``low``/``high``: an optional three-point estimate per year."""

    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("art"), max_length=12, choices=LineKind.choices)
    label = models.CharField(_("tekst"), max_length=200)
    amounts = models.JSONField(_("beløb pr. år"), default=list)  # decimal strings
    low = models.JSONField(_("lavt skøn pr. år"), null=True, blank=True)
    high = models.JSONField(_("højt skøn pr. år"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("linje")
        verbose_name_plural = _("linjer")
        ordering = ("case", "order", "pk")

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}: {self.label}"


# --- Prioritisation ----------------------------------------------------------------------------


class CriterionSource(models.TextChoices):
    MANUAL = "manual", _("Vurderet (0–5)")
    BEACONS = "beacons", _("Strategisk sigte (pejlemærker)")
    NPV = "npv", _("Nutidsværdi")
    EARLY = "early", _("Tidlige gevinster")


class Criterion(models.Model):
    """A criterion the municipality scores initiatives on, with its weight. Computed criteria
    (beacons, NPV, early gains) are scaled to 0–5 across the initiatives; manual ones are
    scored 0–5 per initiative (``Score``). ``higher_is_better`` False for risk, say."""

    name = models.CharField(_("kriterium"), max_length=100)
    source = models.CharField(
        _("grundlag"),
        max_length=10,
        choices=CriterionSource.choices,
        default=CriterionSource.MANUAL,
    )
    weight = models.DecimalField(_("vægt"), max_digits=5, decimal_places=2, default=1)
    higher_is_better = models.BooleanField(_("højere er bedre"), default=True)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    active = models.BooleanField(_("i brug"), default=True)

    class Meta:
        verbose_name = _("kriterium")
        verbose_name_plural = _("kriterier")
        ordering = ("order", "pk")

    def __str__(self) -> str:
        return self.name


class Score(models.Model):
    """A manual criterion's score of an initiative, 0–5."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "criterion"], name="portfolio_score_once"
            ),
            models.CheckConstraint(
                condition=models.Q(value__lte=5), name="portfolio_score_at_most_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id}/{self.criterion_id}: {self.value}"


class Scenario(models.Model):
    """A saved prioritisation: the limits asked for and the result as it was (chosen set,
    totals, the reason per initiative, the solver's status), so scenarios can be compared."""

    name = models.CharField(_("navn"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("første år"))
    years = models.PositiveSmallIntegerField(_("antal år"), default=5)
    budget = models.JSONField(_("budget pr. år (kr.)"), default=list)
    hours = models.JSONField(_("timer pr. år"), default=list)
    weights = models.JSONField(_("vægte"), default=dict)
    result = models.JSONField(_("resultat"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("scenarie")
        verbose_name_plural = _("scenarier")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return self.name


# --- The right team ------------------------------------------------------------------------------


class SkillNeed(models.Model):
    """A skill an initiative needs, at a level, for a number of hours."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="skill_needs")
    skill = models.ForeignKey(
        "skills.Skill", verbose_name=_("kompetence"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("niveau"))
    hours = models.DecimalField(_("timer"), max_digits=8, decimal_places=1)

    class Meta:
        verbose_name = _("kompetencebehov")
        verbose_name_plural = _("kompetencebehov")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "skill"], name="portfolio_skill_need_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.skill_id}@{self.level}"


class Team(models.Model):
    """The team proposed for an initiative: skills' ``TeamProposal`` (a draft a named person
    accepts through ``skills.services.decide_team``)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="teams")
    proposal = models.OneToOneField(
        "skills.TeamProposal",
        verbose_name=_("holdforslag"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("hold")
        verbose_name_plural = _("hold")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.proposal_id}"


class LearningNeed(models.Model):
    """A gap in an initiative's team turned into a learning need: the skill and hours missing,
    and a course from the learning catalogue that teaches it, when there is one."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="learning_needs"
    )
    skill = models.ForeignKey(
        "skills.Skill", verbose_name=_("kompetence"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("niveau"))
    missing_hours = models.DecimalField(_("manglende timer"), max_digits=8, decimal_places=1)
    course_code = models.CharField(_("kursus"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("læringsbehov")
        verbose_name_plural = _("læringsbehov")
        ordering = ("initiative", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "skill"], name="portfolio_learning_need_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.skill_id}"


# --- Benefits realisation and the automation register ---------------------------------------


class BenefitKind(models.TextChoices):
    HOURS = "hours", _("Timer")
    KRONER = "kroner", _("Kroner")
    OTHER = "other", _("Anden (målt i egen enhed)")


class Benefit(models.Model):
    """A planned benefit of an initiative, tracked with an owner from ``start`` to ``end``."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="benefits")
    description = models.CharField(_("gevinst"), max_length=300)
    kind = models.CharField(_("art"), max_length=8, choices=BenefitKind.choices)
    measure = models.CharField(_("måles i"), max_length=60, blank=True)  # for OTHER
    owner = models.ForeignKey(
        Person,
        verbose_name=_("gevinstejer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portfolio_benefits",
    )
    start = models.DateField(_("fra"))
    end = models.DateField(_("til"))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("gevinst")
        verbose_name_plural = _("gevinster")
        ordering = ("initiative", "start", "pk")

    def __str__(self) -> str:
        return self.description


class BenefitPeriod(models.Model):
    """A benefit's plan and, once entered, its realised value for one period (a quarter or a
    year, from ``period_start``)."""

    benefit = models.ForeignKey(Benefit, on_delete=models.CASCADE, related_name="periods")
    period_start = models.DateField(_("periode fra"))
    period_end = models.DateField(_("periode til"))
    planned = models.DecimalField(_("planlagt"), max_digits=14, decimal_places=2)
    realised = models.DecimalField(
        _("realiseret"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("indtastet"), null=True, blank=True)

    class Meta:
        verbose_name = _("gevinstperiode")
        verbose_name_plural = _("gevinstperioder")
        ordering = ("benefit", "period_start")
        constraints = [
            models.UniqueConstraint(
                fields=["benefit", "period_start"], name="portfolio_benefit_period_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.benefit_id} {self.period_start}"


class AutomationKind(models.TextChoices):
    RPA = "rpa", _("Softwarerobot (RPA)")
    AI = "ai", _("AI")
    WORKFLOW = "workflow", _("Arbejdsgang (workflow)")


class AutomationStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    RUNNING = "running", _("I drift")
    PAUSED = "paused", _("Sat på pause")
    RETIRED = "retired", _("Udfaset")


class Automation(models.Model):
    """A robot or workflow in the automation register: the process it does, its owner, the hours
    it saves a month, its status, the data it touches, and whether a person reviews its
    output (and how)."""

    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=10, choices=AutomationKind.choices)
    process = models.TextField(_("proces"))
    owner = models.ForeignKey(
        Person,
        verbose_name=_("ejer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portfolio_automations",
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("enhed"), null=True, blank=True, on_delete=models.SET_NULL
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiativ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="automations",
    )
    hours_saved_per_month = models.DecimalField(
        _("sparede timer pr. måned"), max_digits=8, decimal_places=1, default=0
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AutomationStatus.choices,
        default=AutomationStatus.PLANNED,
    )
    data_touched = models.TextField(_("data den bruger"), blank=True)
    personal_data = models.BooleanField(_("behandler personoplysninger"), default=False)
    human_review = models.BooleanField(_("en person gennemser resultatet"), default=True)
    review_note = models.TextField(_("hvordan resultatet gennemses"), blank=True)
    started_on = models.DateField(_("i drift fra"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("automatisering")
        verbose_name_plural = _("automatiseringer")
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name


# --- part initiatives: the trail of stage changes ----------------------------------------------


class StageChange(models.Model):
    """An initiative moved from one stage to another (or was created: ``from_stage`` is ""), by
    whom and when, with an optional note ("Besluttet i Økonomiudvalget den 12. marts"): the
    trail of the portfolio's decisions, shown on the initiative's page. A stage is no personal
    data, so the audit log of personal data does not hold it; this table does."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(_("fra fase"), max_length=10, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("til fase"), max_length=10, choices=Stage.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    changed_at = models.DateTimeField(_("ændret"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("faseskift")
        verbose_name_plural = _("faseskift")
        ordering = ("initiative", "changed_at", "pk")

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.from_stage} → {self.to_stage}"
