"""Workforce plan scenarios: named sets of demand assumptions.

A scenario holds no personal data: only growth rates, driver tables and ratios per job family.
``version`` goes up on every change, so cached projections (``services``) are recomputed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from charlie.people.models import JobFamily

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Scenario(models.Model):
    name = models.CharField(_("navn"), max_length=120, unique=True)
    description = models.TextField(_("beskrivelse og antagelser"), blank=True)
    illustrative = models.BooleanField(
        _("illustrativt"),
        default=False,
        help_text=_("Vises med en tydelig markering: tallene er et eksempel, ikke en prognose."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sidst ændret"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("scenarie")
        verbose_name_plural = _("scenarier")

    def __str__(self) -> str:
        return self.name


class Driver(models.Model):
    """A driver table: a value per year (e.g. citizens aged 80+), with its source."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="drivers")
    name = models.CharField(_("navn"), max_length=120)
    source = models.TextField(_("kilde"), blank=True)
    values = models.JSONField(_("værdier pr. år"), default=dict)  # {"2025": 19722.0, …}

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "name"], name="workforce_driver_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def table(self) -> dict[int, float]:
        return {int(year): float(value) for year, value in self.values.items()}


class RuleKind(models.TextChoices):
    GROWTH = "growth", _("Vækstrate")
    DRIVER = "driver", _("Driver")


class Rule(models.Model):
    """A growth rate or a driver for one job family (or all, for growth) in a range of years."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="rules")
    job_family = models.ForeignKey(
        JobFamily,
        verbose_name=_("jobfamilie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Tom: alle jobfamilier."),
    )
    kind = models.CharField(_("type"), max_length=10, choices=RuleKind.choices)
    first_year = models.PositiveSmallIntegerField(_("fra år"), validators=YEAR_VALIDATORS)
    last_year = models.PositiveSmallIntegerField(_("til år"), validators=YEAR_VALIDATORS)
    rate_percent = models.DecimalField(
        _("vækst pr. år (%)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(-50), MaxValueValidator(50)],
    )
    driver = models.ForeignKey(
        Driver, verbose_name=_("driver"), null=True, blank=True, on_delete=models.CASCADE
    )
    ratio = models.DecimalField(
        _("ansatte pr. enhed af driveren"),
        max_digits=12,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Tom: dagens forhold bevares."),
    )
    note = models.CharField(_("begrundelse og kilde"), max_length=500, blank=True)

    class Meta:
        ordering = ["kind", "job_family__sort_order", "first_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=models.F("first_year")),
                name="workforce_rule_years",
            ),
            models.CheckConstraint(
                condition=(Q(kind="growth") & Q(rate_percent__isnull=False))
                | (Q(kind="driver") & Q(driver__isnull=False) & Q(job_family__isnull=False)),
                name="workforce_rule_kind",
            ),
        ]

    def __str__(self) -> str:
        family = (
            self.job_family.display_name if self.job_family is not None else _("alle jobfamilier")
        )
        return f"{self.get_kind_display()}: {family} {self.first_year}–{self.last_year}"
