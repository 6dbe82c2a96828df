"""Absence periods (dates and types only; DESIGN.md principle 7; DOMAIN.md 6.4) and the
sickness follow-up: local policy versions, managers' tasks and notes, calendar feed keys, § 56
agreements and retention plans.

No diagnosis or cause is ever stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from charlie.absence import kinds
from charlie.core.fields import MessageField
from charlie.people.models import Employment, OrgUnit, Person


class AbsenceType(models.TextChoices):
    """The absence types with their Danish labels; the codes are ``absence.kinds``'s."""

    SICKNESS = kinds.SICKNESS, _("Egen sygdom")
    PARTIAL_SICKNESS = kinds.PARTIAL_SICKNESS, _("Delvis sygdom")
    WORK_INJURY = kinds.WORK_INJURY, _("Arbejdsskade")
    CHILD_SICK = kinds.CHILD_SICK, _("Barns 1. og 2. sygedag")
    CHILD_HOSPITAL = kinds.CHILD_HOSPITAL, _("Barns hospitalsindlæggelse")
    CARE_DAY = kinds.CARE_DAY, _("Omsorgsdag")
    SENIOR_DAY = kinds.SENIOR_DAY, _("Seniordag")
    HOLIDAY = kinds.HOLIDAY, _("Ferie")
    SIXTH_HOLIDAY_WEEK = kinds.SIXTH_HOLIDAY_WEEK, _("6. ferieuge")
    PARENTAL_LEAVE = kinds.PARENTAL_LEAVE, _("Barselsorlov")
    UNPAID_LEAVE = kinds.UNPAID_LEAVE, _("Orlov uden løn")
    COURSE = kinds.COURSE, _("Kursus")


class AbsencePeriod(models.Model):
    person = models.ForeignKey(
        Person,
        verbose_name=_("medarbejder"),
        on_delete=models.CASCADE,
        related_name="absence_periods",
    )
    employment = models.ForeignKey(
        Employment,
        verbose_name=_("ansættelse"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="absence_periods",
    )
    absence_type = models.CharField(_("fraværstype"), max_length=20, choices=AbsenceType.choices)
    start_date = models.DateField(_("første fraværsdag"))
    end_date = models.DateField(_("sidste fraværsdag"), null=True, blank=True)
    hours_per_day = models.DecimalField(
        _("timer pr. dag"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Kun ved delvis fravær."),
    )

    class Meta:
        verbose_name = _("fraværsperiode")
        verbose_name_plural = _("fraværsperioder")
        ordering = ["-start_date"]
        indexes = [
            # (person, start_date) lookups use the unique constraint's index below.
            models.Index(fields=["absence_type", "end_date"]),
            # Retention finds periods that ended before a date, whatever their type.
            models.Index(fields=["end_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="absence_end_after_start",
            ),
            # The key the import knows a period by (imports.plan.absence_key). The condition is
            # always true (person is required); it makes the constraint a named unique index
            # that a first bulk load on SQLite drops and builds once at the end, like the other
            # indexes (absence.services.bulk_load), and PostgreSQL still uses it for every
            # query by person.
            models.UniqueConstraint(
                fields=["person", "start_date", "absence_type"],
                condition=Q(person__isnull=False),
                name="absence_period_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_absence_type_display()} {self.start_date}–{self.end_date or '…'}"


# --- Follow-up: local policy versions, managers' tasks, notes, calendar feed ------


class AbsencePolicyVersion(models.Model):
    """One version of the local sickness policy (``absence.policy.Policy``), in force from
    ``valid_from`` until the next version's date. Versions are never edited: a change is a new
    version from a date, so past cases keep the rule they were under (DOMAIN.md 1.9)."""

    valid_from = models.DateField(_("gælder fra"), unique=True)
    contact_days = models.JSONField(_("kontaktdage"), default=list)
    dialogue_min_periods = models.PositiveSmallIntegerField(_("antal sygeperioder"), default=3)
    dialogue_periods_months = models.PositiveSmallIntegerField(_("inden for måneder"), default=6)
    dialogue_min_days = models.PositiveSmallIntegerField(_("antal sygedage"), default=15)
    dialogue_days_months = models.PositiveSmallIntegerField(_("inden for måneder"), default=12)
    short_term_max_days = models.PositiveSmallIntegerField(
        _("korttidsfravær højst (dage)"), default=14
    )
    section_56_renewal_lead_months = models.PositiveSmallIntegerField(
        _("påmindelse om § 56-fornyelse (måneder før)"), default=2
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("begrundelse"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("version af fraværspolitik")
        verbose_name_plural = _("versioner af fraværspolitik")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.valid_from}"


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    DONE = "done", _("Udført")
    NOT_APPLICABLE = "not_applicable", _("Ikke relevant")


class FollowUpTask(models.Model):
    """A manager's follow-up task from a sickness spell's obligations (``absence.rules``) or the
    local dialogue rule. Dates and rule texts only; never a cause or diagnosis."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("medarbejder"),
        on_delete=models.CASCADE,
        related_name="followup_tasks",
    )
    first_day = models.DateField(_("første sygedag"))
    code = models.CharField(_("opgavetype"), max_length=50)
    due = models.DateField(_("frist"))
    # Rule texts as messages (core.messages), shown in the reader's language; rows written
    # before messages hold Danish text, shown as it is.
    legal_basis = MessageField(_("regel"), max_length=200)
    description = MessageField(_("opgave"), max_length=300)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("ansvarlig enhed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followup_tasks",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    status_reason = MessageField(_("begrundelse"), max_length=300, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afsluttet af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("sendt videre til HR"), null=True, blank=True)
    #: The day the last one-task reminder mail went out (``services.tasks.send_reminders``):
    #: one when the task comes within the reminder window, one more when it is overdue.
    reminded_on = models.DateField(_("påmindet"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("opfølgningsopgave")
        verbose_name_plural = _("opfølgningsopgaver")
        ordering = ["due", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "first_day", "code"], name="followup_task_unique"
            )
        ]
        indexes = [
            models.Index(fields=["status", "due"]),
            # The task list's finished tasks, newest deadline first, a page at a time, and its
            # counts per unit (sub-tree) and status without reading the rows (issue 12).
            models.Index(fields=["due"], name="followup_task_due"),
            models.Index(fields=["org_unit", "status", "due"], name="followup_task_unit_status"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.due}"


class FollowUpNote(models.Model):
    """A manager's or HR's note on a follow-up task. Sensitive: only the responsible manager and
    HR see it, and every read is audited. Never a diagnosis or cause of sickness."""

    task = models.ForeignKey(
        FollowUpTask, verbose_name=_("opgave"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrevet af"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("notat"))
    created_at = models.DateTimeField(_("skrevet"), auto_now_add=True)

    class Meta:
        verbose_name = _("opfølgningsnotat")
        verbose_name_plural = _("opfølgningsnotater")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.created_at:%Y-%m-%d}"


class ReminderPreference(models.Model):
    """How a manager or HR user gets follow-up reminders by e-mail: one mail per task (the
    default, no row) or one daily digest listing everything due."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absence_reminders"
    )
    daily_digest = models.BooleanField(_("én samlet mail om dagen"), default=False)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("valg af påmindelser")
        verbose_name_plural = _("valg af påmindelser")

    def __str__(self) -> str:
        return f"{self.user_id} {'digest' if self.daily_digest else 'per task'}"


class TaskFeedToken(models.Model):
    """The secret of a user's personal calendar feed of follow-up tasks; only its hash is kept.

    It stops working at ``expires_at`` (``settings.CHARLIE_CALENDAR_FEED_DAYS`` after it was
    made); its owner can replace or stop it at any time (decision 0016)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absence_feed_token"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user_id}"


# --- § 56 agreements and retention plans (sygedagpengeloven §§ 56 and 7 b) ----------


class Section56Agreement(models.Model):
    """A § 56 agreement approved by the kommune (sygedagpengeloven § 56): only that it exists
    and its dates. The chronic or long-term condition it covers is never stored (no diagnosis).
    ``valid_until`` is computed by ``absence.rules.Section56Terms`` (2 years from approval)
    and stored so that queries can filter on it."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("medarbejder"),
        on_delete=models.CASCADE,
        related_name="section_56_agreements",
    )
    approved_on = models.DateField(_("godkendt af kommunen"))
    valid_until = models.DateField(_("gælder til og med"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("registreret"), auto_now_add=True)

    class Meta:
        verbose_name = _("§ 56-aftale")
        verbose_name_plural = _("§ 56-aftaler")
        ordering = ["-approved_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "approved_on"], name="section_56_agreement_unique"
            )
        ]

    def __str__(self) -> str:
        return f"§ 56 {self.approved_on}–{self.valid_until}"


class PlanDecision(models.TextChoices):
    ACCEPTED = "accepted", _("Arbejdsgiveren udarbejder planen")
    REFUSED = "refused", _("Arbejdsgiveren har afslået")


class RetentionPlan(models.Model):
    """The employee's request for a fastholdelsesplan in one sickness spell and the employer's
    answer (sygedagpengeloven § 7 b); one per spell. ``first_day`` is the spell's 1st sick day;
    ``decision`` empty means not answered yet. Dates and the answer only; the plan's content is
    not kept."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("medarbejder"),
        on_delete=models.CASCADE,
        related_name="retention_plans",
    )
    first_day = models.DateField(_("første sygedag"))
    requested_on = models.DateField(_("anmodet"))
    expected_over_8_weeks = models.BooleanField(_("forventes over 8 uger"), default=True)
    decision = models.CharField(
        _("arbejdsgiverens svar"), max_length=20, choices=PlanDecision.choices, blank=True
    )
    decided_on = models.DateField(_("svaret"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("registreret"), auto_now_add=True)

    class Meta:
        verbose_name = _("fastholdelsesplan")
        verbose_name_plural = _("fastholdelsesplaner")
        ordering = ["-first_day", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "first_day"], name="retention_plan_unique")
        ]

    def __str__(self) -> str:
        return f"§ 7 b {self.first_day} {self.decision or '–'}"
