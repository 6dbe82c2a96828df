"""Absence periods: dates and types only (DESIGN.md principle 7; DOMAIN.md 6.4).

No diagnosis or cause is ever stored. This app is extended with statistics and the legal
follow-up in its own issue; the model is here first because the demo municipality needs history.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from charlie.people.models import Employment, Person


class AbsenceType(models.TextChoices):
    SICKNESS = "sickness", _("Egen sygdom")
    PARTIAL_SICKNESS = "partial_sickness", _("Delvis sygdom")
    WORK_INJURY = "work_injury", _("Arbejdsskade")
    CHILD_SICK = "child_sick", _("Barns 1. og 2. sygedag")
    CHILD_HOSPITAL = "child_hospital", _("Barns hospitalsindlæggelse")
    CARE_DAY = "care_day", _("Omsorgsdag")
    SENIOR_DAY = "senior_day", _("Seniordag")
    HOLIDAY = "holiday", _("Ferie")
    SIXTH_HOLIDAY_WEEK = "sixth_week", _("6. ferieuge")
    PARENTAL_LEAVE = "parental_leave", _("Barselsorlov")
    UNPAID_LEAVE = "unpaid_leave", _("Orlov uden løn")
    COURSE = "course", _("Kursus")


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
            models.Index(fields=["person", "start_date"]),
            models.Index(fields=["absence_type", "end_date"]),
            # Retention finds periods that ended before a date, whatever their type.
            models.Index(fields=["end_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="absence_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_absence_type_display()} {self.start_date}–{self.end_date or '…'}"
