"""The audit log: one row per person whose data was read or written. Append-only.

The app cannot change or delete an entry: ``save()`` refuses updates, ``delete()`` refuses, and
so do the queryset's ``update()`` and ``delete()``. On PostgreSQL a trigger (migration 0002)
refuses UPDATE and DELETE in the database as well. Entries hold no names: the subject is a person
id, resolved to a name through the resolver ``people`` registers (``privacy.registry``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class Action(models.TextChoices):
    READ = "read", _("Læst")
    CREATE = "create", _("Oprettet")
    UPDATE = "update", _("Ændret")
    DELETE = "delete", _("Slettet")


class Channel(models.TextChoices):
    UI = "ui", _("Brugerflade")
    API = "api", _("API")
    IMPORT = "import", _("Import")
    TASK = "task", _("Baggrundsjob")
    CLI = "cli", _("Kommandolinje")


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """Refuses bulk ``update()`` and ``delete()``."""

    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly(f"{self.model.__name__} rows cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly(f"{self.model.__name__} rows cannot be deleted.")

    update.queryset_only = True  # type: ignore[attr-defined]
    delete.queryset_only = True  # type: ignore[attr-defined]


class AppendOnlyModel(models.Model):
    """A row that can be written once and never changed or deleted by the app."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditLogIsAppendOnly(f"A {type(self).__name__} cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly(f"A {type(self).__name__} cannot be deleted.")


class AuditEntry(AppendOnlyModel):
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_username = models.CharField(_("brugernavn"), max_length=150, db_index=True)
    actor_role = models.CharField(_("rolle"), max_length=20)
    subject_person_id = models.BigIntegerField(_("medarbejder (id)"), db_index=True)
    action = models.CharField(_("handling"), max_length=10, choices=Action.choices)
    category = models.CharField(_("datakategori"), max_length=40, db_index=True)
    purpose = models.CharField(_("formål"), max_length=40)
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices)
    detail = models.CharField(_("detalje"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("logpost")
        verbose_name_plural = _("logposter")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject_person_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.category}"


# --- The data-use register (DESIGN.md, principle 2: openness about HR data) ---


class Purpose(models.Model):
    """One purpose of processing: what HR data is used for, on which legal basis, by whom.

    ``code`` is the code stored in the audit log (``hr_administration``, …). ``categories`` lists
    the data category codes the purpose may read; ``services.record`` refuses any other pair.
    The DPO edits the text through ``services.update_purpose``, which writes a
    ``PurposeVersion`` for every change.
    """

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("navn"), max_length=100)
    description = models.TextField(_("beskrivelse"))
    legal_basis = models.TextField(_("retsgrundlag"))
    categories = models.JSONField(_("datakategorier"), default=list)
    who_may_see = models.TextField(_("hvem kan se oplysningerne"))
    retention = models.TextField(_("opbevaring og sletning"))
    active = models.BooleanField(_("aktiv"), default=True)
    changed_at = models.DateTimeField(_("sidst ændret"), auto_now=True)

    class Meta:
        verbose_name = _("formål")
        verbose_name_plural = _("formål")
        ordering = ["name", "code"]

    def __str__(self) -> str:
        return self.name

    #: The fields a version snapshots (and the DPO may change, except ``code``).
    SNAPSHOT_FIELDS = (
        "code",
        "name",
        "description",
        "legal_basis",
        "categories",
        "who_may_see",
        "retention",
        "active",
    )

    def snapshot(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.SNAPSHOT_FIELDS}


class PurposeVersion(AppendOnlyModel):
    """An append-only snapshot of a purpose after a change: who, when, what, and why."""

    purpose = models.ForeignKey(
        Purpose, verbose_name=_("formål"), on_delete=models.PROTECT, related_name="versions"
    )
    data = models.JSONField(_("indhold"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ændret af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_by_username = models.CharField(_("brugernavn"), max_length=150, blank=True)
    changed_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    note = models.CharField(_("ændringsnote"), max_length=200)

    class Meta:
        verbose_name = _("version af formål")
        verbose_name_plural = _("versioner af formål")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.data.get('code', '')} {self.changed_at:%Y-%m-%d %H:%M}"


# --- Requests for correction (GDPR art. 16), raised from "Mine data" ---


class CorrectionStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    DONE = "done", _("Rettet")
    REJECTED = "rejected", _("Afvist")


class CorrectionRequest(models.Model):
    """An employee's request that HR correct data held about them: a task in HR's inbox.

    Like the audit log it names the subject by person id only (privacy imports no app). The
    message is the employee's own words; the form asks them not to write health information.
    """

    subject_person_id = models.BigIntegerField(_("medarbejder (id)"), db_index=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("anmodet af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.CharField(_("datakategori"), max_length=40)
    message = models.TextField(_("hvad er forkert, og hvad er det rigtige"), max_length=2000)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CorrectionStatus.choices,
        default=CorrectionStatus.OPEN,
        db_index=True,
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandlet af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    response = models.TextField(_("svar til medarbejderen"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("anmodning om rettelse")
        verbose_name_plural = _("anmodninger om rettelse")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.category} {self.created_at:%Y-%m-%d} {self.status}"
