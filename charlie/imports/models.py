"""An import run started from the upload page: who, when, which files, and how it went.

The problems are what the files got wrong (file, row, column, Danish message); like every
problem of the import they never hold a CPR number.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Venter")
    RUNNING = "running", _("Kører")
    DONE = "done", _("Gennemført")
    PROBLEMS = "problems", _("Fejl i filerne")
    FAILED = "failed", _("Stoppet af en fejl")


class ImportRun(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("startet af"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_runs",
    )
    created_at = models.DateTimeField(_("startet"), auto_now_add=True)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)
    file_names = models.JSONField(_("filer"), default=list)
    dry_run = models.BooleanField(_("kun prøvekørsel"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    summary = models.JSONField(_("resultat"), default=dict, blank=True)
    problems = models.JSONField(_("problemer"), default=list, blank=True)
    problem_count = models.PositiveIntegerField(_("antal problemer"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("importer")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.status})"

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)
