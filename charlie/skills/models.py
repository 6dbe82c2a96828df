"""The tables of competence development (issue 13): the skill taxonomy (local, ESCO, DigComp),
role profiles, each person's assessed skills, MUS meetings and development plans, opt-ins to hear
about new opportunities, and the team proposals of "Sæt det rette hold".

What a person *is* stays in ``people``; this app holds what they *can* and what they plan to
learn. No health details; free text goes through ``core.text.check_text`` in the services."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from charlie.people.models import JobFamily, OrgUnit, Person

# --- The taxonomy -----------------------------------------------------------------------------


class SkillSource(models.TextChoices):
    LOCAL = "local", _("Lokal")
    ESCO = "esco", _("ESCO")
    DIGCOMP = "digcomp", _("DigComp 2.2")


class Scale(models.TextChoices):
    """The ordered proficiency scale a skill is assessed on (``rules.SCALES``)."""

    DEFAULT = "default", _("1–4")
    DIGCOMP = "digcomp", _("DigComp 1–8")


class SkillGroup(models.Model):
    """A group HR puts local skills in ("Sundhed og pleje", "Digitalisering")."""

    name = models.CharField(_("navn"), max_length=120, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=100)

    class Meta:
        verbose_name = _("kompetencegruppe")
        verbose_name_plural = _("kompetencegrupper")
        ordering = ("sort_order", "name")

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    """One skill or competence, with its source and a stable id (``uri``): the ESCO concept URI,
    ``digcomp:1.1``, or ``local:<slug>``. Merged and retired skills stay, so history keeps its
    meaning: a merged skill points to the one it was merged into."""

    uri = models.CharField(_("id"), max_length=255, unique=True)
    source = models.CharField(_("kilde"), max_length=10, choices=SkillSource.choices)
    name = models.CharField(_("navn"), max_length=255)
    description = models.TextField(_("beskrivelse"), blank=True)
    # ESCO's skillType ("skill/competence", "knowledge") and reuseLevel, kept as read.
    kind = models.CharField(_("type"), max_length=40, blank=True)
    group = models.ForeignKey(
        SkillGroup,
        verbose_name=_("gruppe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="skills",
    )
    # DigComp: the competence area ("1 Informations- og datakompetence").
    area = models.CharField(_("område"), max_length=120, blank=True)
    scale = models.CharField(_("skala"), max_length=10, choices=Scale.choices, default="default")
    retired_on = models.DateField(_("udgået"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("lagt sammen med"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("kompetence")
        verbose_name_plural = _("kompetencer")
        ordering = ("name", "pk")
        indexes = [models.Index(fields=["source", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.retired_on is None and self.merged_into_id is None


class Occupation(models.Model):
    """An ESCO occupation, linked to DISCO-08/ISCO-08 by its 4-digit group."""

    uri = models.CharField(_("id"), max_length=255, unique=True)
    name = models.CharField(_("navn"), max_length=255)
    code = models.CharField(_("ESCO-kode"), max_length=40, blank=True)
    isco_group = models.CharField(_("ISCO-08-gruppe"), max_length=4, blank=True, db_index=True)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        verbose_name = _("erhverv (ESCO)")
        verbose_name_plural = _("erhverv (ESCO)")
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name


class OccupationSkill(models.Model):
    """ESCO's relation of an occupation to a skill: essential or optional."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="relations")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="occupations")
    essential = models.BooleanField(_("væsentlig"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="skills_occ_skill_once")
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} → {self.skill_id}"


class JobFamilyOccupation(models.Model):
    """A job family mapped to the ESCO occupations it corresponds to."""

    job_family = models.ForeignKey(
        JobFamily, on_delete=models.CASCADE, related_name="esco_occupations"
    )
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["job_family", "occupation"], name="skills_family_occupation_once"
            )
        ]

    # --- Role profiles ----------------------------------------------------------------------------

    def __str__(self) -> str:
        return f"{self.job_family_id} → {self.occupation_id}"


class RoleProfile(models.Model):
    """What a role requires. ``code`` names the role (``charlie skills gap --role CODE``); each
    edit saves a new version and the newest is the current one, so earlier gap analyses and plans
    keep the version they were made against."""

    code = models.SlugField(_("kode"), max_length=80)
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    job_family = models.ForeignKey(
        JobFamily,
        verbose_name=_("stillingskategori"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_profiles",
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("enhed"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_profiles",
    )
    job_title = models.CharField(_("stilling"), max_length=150, blank=True)
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("startet fra ESCO-erhverv"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_current = models.BooleanField(_("gældende"), default=True)
    note = models.CharField(_("ændringsnote"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("stillingsprofil")
        verbose_name_plural = _("stillingsprofiler")
        ordering = ("name", "-version")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="skills_profile_version"),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(is_current=True),
                name="skills_profile_one_current",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Requirement(models.TextChoices):
    ESSENTIAL = "essential", _("Væsentlig")
    OPTIONAL = "optional", _("Ønskelig")


class RoleRequirement(models.Model):
    """One skill a role profile requires, with a minimum level."""

    profile = models.ForeignKey(RoleProfile, on_delete=models.CASCADE, related_name="requirements")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    min_level = models.PositiveSmallIntegerField(_("mindste niveau"))
    requirement = models.CharField(
        _("krav"), max_length=10, choices=Requirement.choices, default=Requirement.ESSENTIAL
    )

    class Meta:
        verbose_name = _("krav")
        verbose_name_plural = _("krav")
        ordering = ("profile", "requirement", "skill__name")
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="skills_requirement_once")
        ]

    # --- What each person can ---------------------------------------------------------------------

    def __str__(self) -> str:
        return f"{self.skill_id} ≥ {self.min_level}"


class AssessmentSource(models.TextChoices):
    SELF = "self", _("Egen vurdering")
    MANAGER = "manager", _("Leder")
    COURSE = "course", _("Kursus")
    CERTIFICATE = "certificate", _("Certifikat")
    IMPORT = "import", _("Import")


class AssessmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Foreslået")
    CONFIRMED = "confirmed", _("Bekræftet")
    REJECTED = "rejected", _("Afvist")


class SkillAssessment(models.Model):
    """A level of one skill for one person on a date. Rows are never edited into something
    else: a new assessment is a new row, so the history is kept. The employee proposes (status
    proposed); the manager confirms or rejects; an import or a manager's own entry is confirmed
    at once. A person's profile is the newest confirmed row per skill (``services.profiles``)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="skill_assessments")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="assessments")
    level = models.PositiveSmallIntegerField(_("niveau"))
    assessed_on = models.DateField(_("dato"))
    source = models.CharField(_("kilde"), max_length=12, choices=AssessmentSource.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=AssessmentStatus.choices, db_index=True
    )
    evidence = models.CharField(_("dokumentation"), max_length=300, blank=True)
    expires_on = models.DateField(_("udløber"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("kompetencevurdering")
        verbose_name_plural = _("kompetencevurderinger")
        ordering = ("person", "skill", "-assessed_on", "-pk")
        indexes = [
            models.Index(fields=["person", "skill", "assessed_on"]),
            models.Index(fields=["skill", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.skill_id} = {self.level} ({self.assessed_on})"


class OptInKind(models.TextChoices):
    NEW_OPPORTUNITIES = "opportunities", _("Jeg vil gerne høre om nye muligheder")
    PROJECTS = "projects", _("Jeg vil gerne deltage i projekter på tværs")


class OptIn(models.Model):
    """An employee's yes or no to being named as a candidate, one row per change (the newest
    counts), so the history of their consent is kept and shown to them."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="skill_opt_ins")
    kind = models.CharField(_("hvad"), max_length=15, choices=OptInKind.choices)
    opted_in = models.BooleanField(_("ja"))
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("tilsagn")
        verbose_name_plural = _("tilsagn")
        ordering = ("person", "kind", "-at", "-pk")
        indexes = [models.Index(fields=["kind", "person", "at"])]

    # --- MUS and development plans ----------------------------------------------------------------

    def __str__(self) -> str:
        return f"{self.person_id}: {self.kind} = {self.opted_in}"


class MusStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Planlagt")
    HELD = "held", _("Afholdt")
    CANCELLED = "cancelled", _("Aflyst")


class MusMeeting(models.Model):
    """The yearly MUS (DOMAIN.md 10.1). The employee's preparation is theirs alone until they
    share it (``employee_shared_at``); the manager's preparation is the manager's."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mus_meetings")
    due_on = models.DateField(_("senest"))
    scheduled_at = models.DateTimeField(_("tidspunkt"), null=True, blank=True)
    held_on = models.DateField(_("afholdt"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MusStatus.choices, default=MusStatus.SCHEDULED
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    employee_preparation = models.TextField(_("medarbejderens forberedelse"), blank=True)
    employee_shared_at = models.DateTimeField(_("delt med lederen"), null=True, blank=True)
    manager_preparation = models.TextField(_("lederens forberedelse"), blank=True)
    summary = models.TextField(_("referat"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("MUS")
        verbose_name_plural = _("MUS")
        ordering = ("due_on", "pk")
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"MUS {self.person_id} {self.due_on}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    SIGNED = "signed", _("Underskrevet")
    CLOSED = "closed", _("Afsluttet")


class DevelopmentPlan(models.Model):
    """The result of a MUS: goals and agreed activities, signed off by both."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="development_plans")
    mus = models.ForeignKey(
        MusMeeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="plans"
    )
    valid_from = models.DateField(_("gælder fra"))
    valid_to = models.DateField(_("gælder til"))
    goals = models.TextField(_("mål"), blank=True)
    target_profile = models.ForeignKey(
        RoleProfile,
        verbose_name=_("mål-profil"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    employee_signed_at = models.DateTimeField(_("underskrevet af medarbejderen"), null=True)
    manager_signed_at = models.DateTimeField(_("underskrevet af lederen"), null=True)
    manager_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("udviklingsplan")
        verbose_name_plural = _("udviklingsplaner")
        ordering = ("-valid_from", "-pk")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.valid_from}–{self.valid_to}"


class ActivityKind(models.TextChoices):
    COURSE = "course", _("Kursus")
    ON_THE_JOB = "on_the_job", _("Læring i jobbet")
    MENTORING = "mentoring", _("Mentorforløb")
    ROTATION = "rotation", _("Jobrotation")
    OTHER = "other", _("Andet")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    STARTED = "started", _("I gang")
    DONE = "done", _("Gennemført")
    CANCELLED = "cancelled", _("Droppet")


class PlanActivity(models.Model):
    """An agreed activity in a development plan, with hours, dates and status."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("type"), max_length=12, choices=ActivityKind.choices)
    title = models.CharField(_("aktivitet"), max_length=200)
    skill = models.ForeignKey(
        Skill, verbose_name=_("kompetence"), null=True, blank=True, on_delete=models.SET_NULL
    )
    target_level = models.PositiveSmallIntegerField(_("mål-niveau"), null=True, blank=True)
    hours = models.DecimalField(_("timer"), max_digits=6, decimal_places=1, default=0)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("slut"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ("plan", "position", "pk")

    def __str__(self) -> str:
        return self.title


class LearningActivity(models.Model):
    """An activity that raises a skill, entered by hand until the learning app provides its
    course catalogue (through ``services.register_activity_provider``)."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("type"), max_length=12, choices=ActivityKind.choices)
    title = models.CharField(_("aktivitet"), max_length=200)
    hours = models.DecimalField(_("timer"), max_digits=6, decimal_places=1)
    raises_to = models.PositiveSmallIntegerField(_("giver niveau"))
    weeks = models.PositiveSmallIntegerField(_("varighed i uger"), default=4)

    class Meta:
        verbose_name = _("læringsaktivitet")
        verbose_name_plural = _("læringsaktiviteter")
        ordering = ("skill", "raises_to", "hours", "pk")

    # --- "Sæt det rette hold" ---------------------------------------------------------------------

    def __str__(self) -> str:
        return self.title


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Forslag")
    ACCEPTED = "accepted", _("Godkendt")
    REJECTED = "rejected", _("Forkastet")


class TeamProposal(models.Model):
    """A proposed project team: the skills the project needs, the people proposed (who opted in
    to project work) and what is still missing. A draft until a named person accepts it."""

    name = models.CharField(_("projekt"), max_length=200)
    needs = models.JSONField(_("behov"), default=list)  # [{"skill": id, "level": n, "hours": h}]
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)

    class Meta:
        verbose_name = _("holdforslag")
        verbose_name_plural = _("holdforslag")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    proposal = models.ForeignKey(TeamProposal, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="team_proposals")
    skills = models.JSONField(_("dækker"), default=list)  # skill ids this person covers

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "person"], name="skills_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.person_id}"
