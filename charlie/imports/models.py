"""An import run started from the upload page: who, when, which files, and how it went.

The problems are what the files got wrong (file, row, column, Danish message); like every
problem of the import they never hold a CPR number or any other value from the files. At most
``services.STORED_PROBLEMS`` are kept, with the total in ``problem_count``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from charlie.privacy.models import user_link


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Venter")
    RUNNING = "running", _("Kører")
    DONE = "done", _("Gennemført")
    PROBLEMS = "problems", _("Fejl i filerne")
    FAILED = "failed", _("Stoppet af en fejl")
    CONFIRM = "confirm", _("Venter på bekræftelse")


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
    #: The files are the complete current picture: open employments missing from them end.
    snapshot = models.BooleanField(_("komplet øjebliksbillede"), default=False)
    #: Someone confirmed that the snapshot may end more employments than the threshold.
    confirmed = models.BooleanField(_("bekræftet"), default=False)
    confirmed_by = user_link(_("bekræftet af"))
    #: The task framework's id of the queued task, and the process (host:pid) working the run:
    #: ``services.recover_runs`` tells a dead run from a waiting or working one by them.
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    worker = models.CharField(max_length=200, blank=True, editable=False)
    started_at = models.DateTimeField(_("startet af baggrundsprocessen"), null=True, blank=True)
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
